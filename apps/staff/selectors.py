"""Reads on staff users."""

from django.contrib.auth.models import AnonymousUser, User


def staff_has_role(user: User | AnonymousUser | None, role: str) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return bool(user.groups.filter(name=role).exists())
