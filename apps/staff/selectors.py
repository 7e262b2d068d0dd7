"""Reads on staff users."""

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest
from rest_framework.request import Request

from apps.staff.roles import ROLES


def acting_user(request: HttpRequest | Request) -> User:
    """The signed-in staff user of an admin or API view; their permissions let
    no one else in, so anything else is a bug worth failing loudly on."""
    assert isinstance(request.user, User)
    return request.user


def staff_roles(user: User) -> frozenset[str]:
    """The user's roles, read once per user object (one request or one task), as
    Django caches a user's permissions; the JWT authentication loads them with
    the user."""
    roles = getattr(user, "staff_roles", None)
    if roles is None:
        roles = list(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        user.staff_roles = roles  # type: ignore[attr-defined]
    return frozenset(roles)


def staff_has_role(user: User | AnonymousUser | None, role: str) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return role in staff_roles(user)
