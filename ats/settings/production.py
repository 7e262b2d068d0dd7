"""Production: HTTPS only, secure cookies; no secret has a default, and a missing, empty
or weak one stops the process before it serves anything, naming the variable."""

from django.core.exceptions import ImproperlyConfigured

from ats.settings.base import *  # noqa: F403
from ats.settings.base import ANYMAIL, DATABASE_OWNER_URL, DATABASE_URL, SECRET_KEY, SIMPLE_JWT, env

# Values that are someone's example, not a secret: .env.example's placeholders and the usual suspects.
WEAK_SECRETS = frozenset(
    {"change-me", "change-me-too", "change-me-three", "changeme", "secret", "password", "x", "test", "dev"}
)
# Django's own check (--deploy, security.W009) asks 50 characters of SECRET_KEY; the other
# keys sign or hash with HMAC-SHA256, for which 32 random characters are plenty.
MIN_SECRET_LENGTH = {"SECRET_KEY": 50, "JWT_SIGNING_KEY": 32, "MATCH_HASH_SECRET": 32}
MIN_WEBHOOK_SECRET_LENGTH = 16


def _refuse(name: str, problem: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"Production refuses to start: {name} {problem} (see .env.example).")


def _require_secret(name: str, value: str, min_length: int) -> None:
    if not value:
        raise _refuse(name, "is not set")
    if value.lower() in WEAK_SECRETS or len(set(value)) < 5:
        raise _refuse(name, "is a placeholder or trivially weak value")
    if len(value) < min_length:
        raise _refuse(name, f"is shorter than {min_length} characters")


def _require_database_url(name: str, url: str) -> str:
    if not url:
        raise _refuse(name, "is not set")
    user = env.db_url_config(url).get("USER")
    if not user:
        raise _refuse(name, "names no database user")
    return str(user)


# MATCH_HASH_SECRET does not fall back to SECRET_KEY here (base.py does, for development):
# rotating SECRET_KEY would silently turn every stored hash of an erased former employee
# into noise, and the rehire guard would stop recognising them. An existing deployment
# that relied on the fallback sets MATCH_HASH_SECRET to its current SECRET_KEY.
MATCH_HASH_SECRET = env.str("MATCH_HASH_SECRET", default="")
for _name, _value in (
    ("SECRET_KEY", SECRET_KEY),
    ("JWT_SIGNING_KEY", SIMPLE_JWT["SIGNING_KEY"]),
    ("MATCH_HASH_SECRET", MATCH_HASH_SECRET),
):
    _require_secret(_name, str(_value), MIN_SECRET_LENGTH[_name])
if len({SECRET_KEY, SIMPLE_JWT["SIGNING_KEY"], MATCH_HASH_SECRET}) < 3:
    raise _refuse("SECRET_KEY, JWT_SIGNING_KEY and MATCH_HASH_SECRET", "must be three different values")

# The inbound webhooks are public URLs: without these, anyone could post mail into a tenant.
_webhook_secrets = [pair for pair in ANYMAIL["WEBHOOK_SECRET"] if pair]
if not _webhook_secrets:
    raise _refuse("ANYMAIL_WEBHOOK_SECRET", "is not set")
for _pair in _webhook_secrets:
    _user, _, _password = _pair.partition(":")
    if not _user or not _password:
        raise _refuse("ANYMAIL_WEBHOOK_SECRET", 'must be "user:password" pairs')
    _require_secret("ANYMAIL_WEBHOOK_SECRET", _password, MIN_WEBHOOK_SECRET_LENGTH)
_require_secret("MAILGUN_WEBHOOK_SIGNING_KEY", ANYMAIL["MAILGUN_WEBHOOK_SIGNING_KEY"], MIN_WEBHOOK_SECRET_LENGTH)

# The runtime role must not be the owner: the owner is not bound by its tables' RLS policies.
if _require_database_url("DATABASE_URL", DATABASE_URL) == _require_database_url(
    "DATABASE_OWNER_URL", DATABASE_OWNER_URL
):
    raise _refuse("DATABASE_URL", "connects as the same role as DATABASE_OWNER_URL")

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
