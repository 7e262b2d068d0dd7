"""The real stack for bench/tenancy_overhead.py, with the benchmark's view mounted."""

from ats.settings.base import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING = {"version": 1, "disable_existing_loggers": False}
