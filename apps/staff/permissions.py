"""DRF permissions by role (Django groups of the tenant's staff)."""

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from apps.staff.roles import HR_ADMIN, ROLES, WRITER_ROLES


def user_roles(request: Request) -> frozenset[str]:
    """The request user's roles, read once per request."""
    cached: frozenset[str] | None = getattr(request, "_staff_roles", None)
    if cached is None:
        user = request.user
        if user is None or not user.is_authenticated or getattr(request, "tenant", None) is None:
            cached = frozenset()
        elif hasattr(user, "staff_roles"):  # loaded with the user by TenantJWTAuthentication
            cached = frozenset(user.staff_roles)
        else:
            cached = frozenset(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        request._staff_roles = cached  # type: ignore[attr-defined]
    return cached


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
