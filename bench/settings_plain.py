"""Baseline for bench/tenancy_overhead.py: the same DRF + JWT stack with no
tenancy at all (stock PostgreSQL backend, one schema, no RLS, no tenant middleware)."""

import os

from ats.settings.base import MIDDLEWARE as FULL_MIDDLEWARE
from ats.settings.base import REST_FRAMEWORK, SECRET_KEY, SIMPLE_JWT, env

__all__ = ["SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["bench.localhost"]
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
]
# The project's middleware minus the two that exist for tenancy (routing and the audit actor).
TENANCY_MIDDLEWARE = {"apps.tenants.middleware.TenantMiddleware", "apps.audit.middleware.AuditActorMiddleware"}
MIDDLEWARE = [m for m in FULL_MIDDLEWARE if m not in TENANCY_MIDDLEWARE]
ROOT_URLCONF = "bench.urls"
DATABASES = {
    "default": {
        **env.db_url_config(os.environ["BENCH_PLAIN_DATABASE_URL"]),
        "ATOMIC_REQUESTS": True,
        "CONN_MAX_AGE": 60,
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework_simplejwt.authentication.JWTAuthentication"],
}
SIMPLE_JWT = {
    **SIMPLE_JWT,
    "TOKEN_OBTAIN_SERIALIZER": "rest_framework_simplejwt.serializers.TokenObtainPairSerializer",
    "TOKEN_REFRESH_SERIALIZER": "rest_framework_simplejwt.serializers.TokenRefreshSerializer",
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TEMPLATES: list[object] = []
LOGGING = {"version": 1, "disable_existing_loggers": False}
STATIC_URL = "static/"
