"""The real API (ats.urls) for bench/domain_api.py, as production serves it (no
debug), with a cheap password hasher so that the token step costs nothing."""

from ats.settings.base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING = {"version": 1, "disable_existing_loggers": False}
