"""JWT authentication that only accepts tokens minted on the current tenant's host."""

from typing import Any

from django.contrib.auth.models import User
from django.db import connection
from django.utils.translation import gettext as _
from rest_framework.request import Request
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import AuthenticationFailed, InvalidToken
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import Token

from apps.staff.roles import ROLES
from apps.tenants.context import tenant_connection

TENANT_CLAIM = "tenant"

# The active user and their roles in one statement. Written out, not built with
# the ORM: every API request runs it, and compiling the ORM's join and aggregate
# cost more CPU than the database's answer. Unqualified names, as the ORM's:
# the search_path picks the tenant's tables.
USER_FIELDS = tuple(field.attname for field in User._meta.concrete_fields)
USER_COLUMNS = tuple(field.column for field in User._meta.concrete_fields)
USER_WITH_ROLES_SQL = (
    f"SELECT {', '.join(f'u.{column}' for column in USER_COLUMNS)},"
    " array(SELECT g.name FROM auth_user_groups ug JOIN auth_group g ON g.id = ug.group_id"
    " WHERE ug.user_id = u.id AND g.name = ANY(%s) ORDER BY g.name)"
    " FROM auth_user u WHERE u.id = %s AND u.is_active"
)


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

    def get_user(self, validated_token: Token) -> User:  # type: ignore[override]  # the stubs type it as a TypeVar
        """The active user with their roles (``staff_roles``) in one query: the
        permission check of every request reads them (permissions.user_roles)."""
        user_id = validated_token.get(api_settings.USER_ID_CLAIM)
        if user_id is None:
            raise InvalidToken(_("Token contained no recognizable user identification"))
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            raise AuthenticationFailed(_("User not found"), code="user_not_found") from None
        with connection.cursor() as cursor:
            cursor.execute(USER_WITH_ROLES_SQL, [list(ROLES), pk])
            row = cursor.fetchone()
        if row is None:
            raise AuthenticationFailed(_("User not found"), code="user_not_found")
        user = User.from_db(connection.alias, USER_FIELDS, row[:-1])
        user.staff_roles = row[-1]  # type: ignore[attr-defined]  # read by selectors.staff_roles
        return user
