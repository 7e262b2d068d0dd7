"""Describes the tenant-bound JWT authentication in the OpenAPI schema."""

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme


class TenantJWTScheme(SimpleJWTScheme):  # type: ignore[no-untyped-call]  # drf-spectacular registers extensions in an untyped __init_subclass__
    target_class = "apps.staff.authentication.TenantJWTAuthentication"
    name = "jwtAuth"
