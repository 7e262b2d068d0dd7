"""Describes the tenant-bound JWT authentication in the OpenAPI schema."""

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme


class TenantJWTScheme(SimpleJWTScheme):  # type: ignore[misc]  # drf-spectacular's contrib is untyped
    target_class = "apps.staff.authentication.TenantJWTAuthentication"
    name = "jwtAuth"
