"""Name the signed-in staff user (admin, browsable API) as the actor of audit events."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from apps.tenants.context import tenant_connection


class AuditActorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Only a request carrying a session cookie can have a session user;
        # skipping the others keeps token-authenticated API requests query-free here.
        if request.COOKIES and request.user.is_authenticated:
            tenant_connection.set_audit_context(actor=f"user:{request.user.pk}")
        return self.get_response(request)
