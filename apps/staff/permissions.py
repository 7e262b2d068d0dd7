"""DRF permissions by role (Django groups of the tenant's staff)."""

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from apps.staff.roles import HR_ADMIN, WRITER_ROLES
from apps.staff.selectors import staff_roles


def user_roles(request: Request) -> frozenset[str]:
    """The request user's roles (read once, with the user: staff_roles)."""
    user = request.user
    if user is None or not user.is_authenticated or getattr(request, "tenant", None) is None:
        return frozenset()
    return staff_roles(user)


class HasStaffRole(BasePermission):
    """Any role may read; hr_admin and recruiter may write."""

    def has_permission(self, request: Request, view: Any) -> bool:
        roles = user_roles(request)
        if request.method in SAFE_METHODS:
            return bool(roles)
        return bool(roles & WRITER_ROLES)


class IsHrAdmin(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return HR_ADMIN in user_roles(request)
