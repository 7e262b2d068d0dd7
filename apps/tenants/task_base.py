"""Base class of every Celery task: the tenant travels in the message headers.

Enqueueing reads the tenant from the connection (so it must happen inside a
tenant context, normally from transaction.on_commit); the worker re-enters that
tenant (search_path and the RLS setting together) for the task and leaves it
afterwards, so nothing carries over to the next task. A message without a known
tenant is refused, never run in the public schema.

Tenant tasks store no result: results live in a public table, and a tenant's
outcomes belong in that tenant's own tables (a task hands its final failure to
a service that records it there). Platform tasks may keep results.
"""

from typing import Any

from celery import Task
from celery.result import AsyncResult
from django_tenants.utils import get_public_schema_name

from apps.tenants.context import tenant_connection, tenant_context
from apps.tenants.selectors import tenant_for_schema

TENANT_HEADER = "tenant_schema"


class NoTenantError(RuntimeError):
    """A tenant task was enqueued or received without a tenant."""


class TenantTask(Task):  # type: ignore[type-arg]  # Task is generic only in the stubs
    #: Platform tasks (no tenant data) set this to False.
    tenant_required = True
    ignore_result = True
    # Retries are bounded and spaced out; a task opts in with autoretry_for=(named transient errors).
    max_retries = 5
    retry_backoff = True
    retry_backoff_max = 600
    retry_jitter = True

    def apply_async(  # type: ignore[override]  # passes every option through unchanged
        self, args: Any = None, kwargs: Any = None, **options: Any
    ) -> AsyncResult[Any]:
        if self.tenant_required:
            schema = tenant_connection.schema_name
            if schema == get_public_schema_name():
                raise NoTenantError(f"{self.name} must be enqueued inside a tenant context.")
            options["headers"] = {**(options.get("headers") or {}), TENANT_HEADER: schema}
        return super().apply_async(args, kwargs, **options)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if not self.tenant_required:
            return super().__call__(*args, **kwargs)
        # Redis delivers custom headers on the request itself, AMQP under .headers.
        schema = self.request.get(TENANT_HEADER) or (self.request.headers or {}).get(TENANT_HEADER)
        tenant = tenant_for_schema(schema) if schema else None
        if tenant is None:
            raise NoTenantError(f"{self.name} arrived without a known tenant; refused.")
        with tenant_context(tenant, actor=f"task:{self.name}"):
            return super().__call__(*args, **kwargs)
