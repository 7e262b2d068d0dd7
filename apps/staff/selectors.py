"""Reads on staff users."""

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest
from rest_framework.request import Request


def acting_user(request: HttpRequest | Request) -> User:
    """The signed-in staff user of an admin or API view; their permissions let
    no one else in, so anything else is a bug worth failing loudly on."""
    assert isinstance(request.user, User)
    return request.user


def staff_has_role(user: User | AnonymousUser | None, role: str) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return bool(user.groups.filter(name=role).exists())
