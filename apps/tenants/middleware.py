"""Tenant routing: the tenant of every request comes from its Host header."""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotFound
from django.urls import set_urlconf

from apps.tenants.context import leave_tenant, tenant_connection
from apps.tenants.logging import tenant_var
from apps.tenants.selectors import tenant_for_host

Handler = Callable[[HttpRequest], HttpResponse]


class TenantMiddleware:
    """Choose the tenant from the Host header, from an in-process cache.

    A public host gets the public urlconf and no tenant. Any other host must be
    a tenant's domain; an unknown host is a 404. The connection is bound to the
    tenant (search_path + RLS setting, one statement on first use) and left
    clean when the request ends, whatever happened.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        leave_tenant()
        tenant_connection.set_audit_context(request_id=request.request_id)  # type: ignore[attr-defined]
        try:
            hostname = request.get_host().split(":")[0].lower()
        except DisallowedHost:
            return HttpResponseNotFound()
        try:
            if hostname in settings.PUBLIC_HOSTS:
                request.tenant = None  # type: ignore[attr-defined]
                request.urlconf = settings.PUBLIC_SCHEMA_URLCONF  # type: ignore[attr-defined]
                set_urlconf(request.urlconf)  # type: ignore[attr-defined]
                return self.get_response(request)
            tenant = tenant_for_host(hostname)
            if tenant is None:
                raise Http404("Unknown host")
            request.tenant = tenant  # type: ignore[attr-defined]
            tenant_connection.set_tenant(tenant)
            tenant_var.set(tenant.slug)
            return self.get_response(request)
        finally:
            leave_tenant()
