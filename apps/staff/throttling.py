"""Rate limits on signing in: the JWT endpoints and the admin login form share
their buckets, so that a password guesser gains nothing by switching between them.

Two buckets per tenant: the client's address ("auth_token", every token and
admin login request) and the username tried ("auth_username", every password
attempt, whoever makes it, so that many addresses cannot guess one account's
password). Every username counts the same, existing or not: the limit tells
nothing about which accounts exist.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from rest_framework.settings import api_settings

from ats.throttling import (
    TenantRateThrottle,
    Verdict,
    client_ip,
    digest,
    rate_hit,
    rate_parse,
    tenant_label,
    verdict_first_refusal,
)

ADDRESS_SCOPE = "auth_token"
USERNAME_SCOPE = "auth_username"


def _username(data: Any) -> str | None:
    username = data.get("username") if hasattr(data, "get") else None
    return digest(username) if isinstance(username, str) and username.strip() else None


class LoginAddressThrottle(TenantRateThrottle):
    scope = ADDRESS_SCOPE

    def ident(self, request: HttpRequest, view: Any) -> str | None:
        return client_ip(request)


class LoginUsernameThrottle(TenantRateThrottle):
    scope = USERNAME_SCOPE

    def ident(self, request: HttpRequest, view: Any) -> str | None:
        return _username(getattr(request, "data", None))


def login_attempt_hit(request: HttpRequest) -> Verdict:
    """Count an admin login attempt in both buckets; refused if either is full."""
    rates = api_settings.DEFAULT_THROTTLE_RATES
    tenant = tenant_label(request)
    idents = {ADDRESS_SCOPE: client_ip(request), USERNAME_SCOPE: _username(request.POST)}
    return verdict_first_refusal(
        [
            rate_hit(scope=scope, tenant=tenant, ident=ident, rate=rate_parse(rates.get(scope)))
            for scope, ident in idents.items()
            if ident is not None
        ]
    )


class AdminLoginThrottleMiddleware:
    """Counts the POSTs to the admin's login view (tenant hosts and the public host
    alike) and answers 429 with Retry-After once a bucket is full. A middleware's
    process_view, not a wrapped view, because both urlconfs mount the stock
    ``admin.site``; after CsrfViewMiddleware, so a forged post is refused first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        match = request.resolver_match
        if request.method != "POST" or match is None or match.view_name != "admin:login":
            return None
        verdict = login_attempt_hit(request)
        if verdict.allowed:
            return None
        message = _("Too many sign-in attempts. Try again in %(seconds)d seconds.") % {"seconds": verdict.retry_after}
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(verdict.retry_after)
        return response
