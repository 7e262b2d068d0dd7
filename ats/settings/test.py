"""Test runs: fast password hashing and no tenant cache, so every test sees fresh tenants."""

import os

from ats.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = [".localhost", ".test", "testserver"]
TENANT_CACHE_SECONDS = 0
# Tests never run collectstatic; the manifest storage would refuse to render the admin.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests use their own Redis databases so that a development worker never takes their tasks.
CELERY_BROKER_URL = env.str("TEST_CELERY_BROKER_URL", default="redis://127.0.0.1:6379/14")  # noqa: F405
REDIS_URL = env.str("TEST_REDIS_URL", default="redis://127.0.0.1:6379/15")  # noqa: F405
# Celery reads CELERY_BROKER_URL from the environment before its settings
# (celery.app.utils.Settings.broker_url), and .env puts the development broker
# there: without this, tests would enqueue onto the development worker's queue.
os.environ["CELERY_BROKER_URL"] = CELERY_BROKER_URL
# The real Redis cache (rate limits are tested against it) in a database of the
# tests' own, under a prefix of this run's own: runs on one machine share the
# server, and clear() (called before every test) deletes this run's keys only.
# The prefix goes into the environment so that the servers and commands a test
# starts (they inherit it) share the run's buckets.
os.environ.setdefault("TEST_CACHE_KEY_PREFIX", f"test-{os.getpid()}")
CACHES = {
    "default": {
        **CACHES["default"],  # noqa: F405
        "BACKEND": "tests.redis_cache.RunScopedRedisCache",
        "LOCATION": env.str("TEST_CACHE_URL", default="redis://127.0.0.1:6379/13"),  # noqa: F405
        "KEY_PREFIX": os.environ["TEST_CACHE_KEY_PREFIX"],
    }
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
