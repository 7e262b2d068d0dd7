"""Entering and leaving a tenant: search_path and the RLS setting move together.

Everything that works on tenant data outside a web request (tasks, commands,
tests) goes through tenant_context(); the middleware uses the same connection
calls. The actual statement is issued by apps.tenants.postgresql.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

from apps.tenants.models import Tenant


@contextmanager
def tenant_context(tenant: Tenant, *, actor: str) -> Iterator[Tenant]:
    """Bind the connection to ``tenant`` with ``actor`` named in audit events,
    and leave it as it was afterwards, even on error."""
    previous_tenant = connection.tenant
    previous_actor = connection.audit_actor
    connection.set_tenant(tenant)
    connection.set_audit_context(actor=actor)
    try:
        yield tenant
    finally:
        connection.set_tenant(previous_tenant)
        connection.set_audit_context(actor=previous_actor)


def leave_tenant() -> None:
    """Back to the public schema with no tenant and no actor (end of a request or task)."""
    connection.set_schema_to_public()
    connection.set_audit_context(actor="", request_id="")
