"""Test runs: fast password hashing and no tenant cache, so every test sees fresh tenants."""

from ats.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = [".localhost", ".test", "testserver"]
TENANT_CACHE_SECONDS = 0
