"""Entering and leaving a tenant: search_path and the RLS setting move together.

Everything that works on tenant data outside a web request (tasks, commands,
tests) goes through tenant_context(); the middleware uses the same connection
calls. The actual statement is issued by apps.tenants.postgresql.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import cast

from django import db

from apps.tenants.models import Tenant
from apps.tenants.postgresql.base import DatabaseWrapper

#: django.db.connection, typed as our backend (it is a per-thread proxy, safe to alias).
tenant_connection = cast(DatabaseWrapper, db.connection)


@contextmanager
def tenant_context(tenant: Tenant, *, actor: str) -> Iterator[Tenant]:
    """Bind the connection to ``tenant`` with ``actor`` named in audit events,
    and leave it as it was afterwards, even on error."""
    previous_tenant = tenant_connection.tenant
    previous_actor = tenant_connection.audit_actor
    tenant_connection.set_tenant(tenant)
    tenant_connection.set_audit_context(actor=actor)
    try:
        yield tenant
    finally:
        tenant_connection.set_tenant(previous_tenant)
        tenant_connection.set_audit_context(actor=previous_actor)


def leave_tenant() -> None:
    """Back to the public schema with no tenant and no actor (end of a request or task)."""
    tenant_connection.set_schema_to_public()
    tenant_connection.set_audit_context(actor="", request_id="")
