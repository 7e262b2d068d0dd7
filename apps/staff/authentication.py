"""JWT authentication that only accepts tokens minted on the current tenant's host."""

from typing import Any

from rest_framework.request import Request
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import AuthenticationFailed
from rest_framework_simplejwt.tokens import Token

from apps.tenants.context import tenant_connection

TENANT_CLAIM = "tenant"


def current_tenant_id(request: Request) -> int | None:
    tenant = getattr(request, "tenant", None)
    return None if tenant is None else int(tenant.pk)


def check_token_tenant(token: Token, request: Request) -> None:
    """A token belongs to the tenant whose host minted it, and to no other.
    Without this, user 1 of tenant A would be user 1 of tenant B."""
    tenant_id = current_tenant_id(request)
    if tenant_id is None or token.get(TENANT_CLAIM) != tenant_id:
        raise AuthenticationFailed("Token is not valid for this host.", code="token_not_valid")


class TenantJWTAuthentication(JWTAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, Token] | None:
        header = self.get_header(request)
        if header is None:
            return None
        raw_token = self.get_raw_token(header)
        if raw_token is None:
            return None
        token = self.get_validated_token(raw_token)
        check_token_tenant(token, request)
        # Named before the user is loaded, so the actor travels in the same
        # statement as the tenant and costs no extra round trip.
        tenant_connection.set_audit_context(actor=f"user:{token.get('user_id')}")
        return self.get_user(token), token
