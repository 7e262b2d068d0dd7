"""Settings shared by every environment, read from the environment (see .env.example)."""

from datetime import timedelta
from pathlib import Path

import django_stubs_ext
import environ

# Lets admin/serializer classes be subscripted for mypy (ModelAdmin[Model]) at runtime.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env.str("SECRET_KEY")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[".localhost", "127.0.0.1"])

# --- Tenancy -----------------------------------------------------------------
# The public schema holds tenants, domains and platform users; every other app
# lives once per tenant schema. See DESIGN.md "Tenancy: two layers".
SHARED_APPS = [
    # Before django_tenants so that our migrate/migrate_schemas commands win.
    "apps.tenants",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before django_tenants: its admin index templates expect request.tenant on
    # the public host too, where ours is None.
    "django.contrib.admin",
    "django_tenants",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_celery_results",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "anymail",
]
TENANT_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.admin",
    "rest_framework_simplejwt.token_blacklist",
    "apps.audit",
    "apps.staff",
    "apps.candidates",
    "apps.applications",
    "apps.ingestion",
]
INSTALLED_APPS = SHARED_APPS + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "tenants.Tenant"
TENANT_DOMAIN_MODEL = "tenants.Domain"
PUBLIC_SCHEMA_URLCONF = "ats.urls_public"
ROOT_URLCONF = "ats.urls"
# Set search_path (and the RLS setting with it) once per tenant switch, not once
# per cursor: the tenant context is invalidated on rollback, so caching is safe.
TENANT_LIMIT_SET_CALLS = True
# Migrate only the schemas that have something to apply (apps.tenants.migration_executor).
GET_EXECUTOR_FUNCTION = "apps.tenants.migration_executor.get_executor"
# Hosts that serve the platform: admin, /health, webhooks, API docs. Every other
# host must be a tenant's Domain or gets a 404.
PUBLIC_HOSTS = env.list("PUBLIC_HOSTS", default=["localhost", "127.0.0.1"])
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]
# How long a web or worker process trusts its in-memory host -> tenant map.
TENANT_CACHE_SECONDS = env.int("TENANT_CACHE_SECONDS", default=30)
# Tenant hosts are <slug>.<TENANT_BASE_DOMAIN>; the public host is the base domain itself.
TENANT_BASE_DOMAIN = env.str("TENANT_BASE_DOMAIN", default="localhost")
INBOUND_DOMAIN = env.str("INBOUND_DOMAIN", default="inbound.localhost")

# --- Database ----------------------------------------------------------------
# The app connects as the runtime role (no ownership, no BYPASSRLS). Migrations
# and provisioning switch to the owner role; only setup_database uses the admin URL.
DATABASE_URL = env.str("DATABASE_URL")
DATABASES = {
    "default": {
        **env.db_url_config(DATABASE_URL),
        "ENGINE": "apps.tenants.postgresql",
        "ATOMIC_REQUESTS": True,
        "CONN_MAX_AGE": env.int("DATABASE_CONN_MAX_AGE", default=60),
        "CONN_HEALTH_CHECKS": True,
    }
}
# Named in the migrations that take privileges back from it (apps.tenants.rls).
# (.get: an empty DATABASE_URL must reach production.py, which refuses it by name.)
DATABASE_RUNTIME_ROLE = DATABASES["default"].get("USER", "")
DATABASE_OWNER_URL = env.str("DATABASE_OWNER_URL")
DATABASE_ADMIN_URL = env.str("DATABASE_ADMIN_URL", default="")
# Read-only role for pg_dump (BYPASSRLS; apps.tenants.database_setup); empty: none is made.
DATABASE_BACKUP_URL = env.str("DATABASE_BACKUP_URL", default="")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- HTTP --------------------------------------------------------------------
MIDDLEWARE = [
    "apps.tenants.logging.RequestIdMiddleware",
    "apps.tenants.middleware.TenantMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # After CSRF: counts admin login posts per tenant, client address and username.
    "apps.staff.throttling.AdminLoginThrottleMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "apps.audit.middleware.AuditActorMiddleware",
    # After LocaleMiddleware and authentication: a staff user's chosen language wins over the browser's.
    "apps.staff.middleware.StaffLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
# The inbound mail webhooks (the public host's /anymail/) are served with a chain of
# their own (ats.wsgi): the request id, the tenant routing and HTTPS; nothing of the
# sessions, users, CSRF, messages, languages or static files a provider's post never uses.
WEBHOOK_PATH_PREFIX = "/anymail/"
WEBHOOK_MIDDLEWARE = [
    "apps.tenants.logging.RequestIdMiddleware",
    "apps.tenants.middleware.TenantMiddleware",
    "django.middleware.security.SecurityMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
WSGI_APPLICATION = "ats.wsgi.application"
ASGI_APPLICATION = "ats.asgi.application"
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("de", "Deutsch")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- API ---------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "apps.staff.authentication.TenantJWTAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["apps.staff.permissions.HasStaffRole"],
    "DEFAULT_SCHEMA_CLASS": "ats.errors.ErrorDocumentingAutoSchema",
    "EXCEPTION_HANDLER": "ats.errors.api_exception_handler",
    "DEFAULT_FILTER_BACKENDS": [
        "ats.filters.QueryFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "ats.pagination.NewestFirstPagination",
    "PAGE_SIZE": 25,
    # Rate limits (ats.throttling): per tenant and client address for the token
    # endpoints and the admin login, per tenant and username tried for password
    # attempts on both, per tenant and staff user for resume uploads.
    "DEFAULT_THROTTLE_RATES": {
        "auth_token": env.str("THROTTLE_AUTH_TOKEN", default="10/minute"),
        "auth_username": env.str("THROTTLE_AUTH_USERNAME", default="5/minute"),
        "resume_upload": env.str("THROTTLE_RESUME_UPLOAD", default="60/minute"),
    },
    # Proxies in front of the app whose X-Forwarded-For is trusted for the client
    # address. 0: REMOTE_ADDR only (else a client would name its own bucket).
    "NUM_PROXIES": env.int("THROTTLE_NUM_PROXIES", default=0),
}
SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env.int("JWT_ACCESS_MINUTES", default=5)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env.int("JWT_REFRESH_DAYS", default=1)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": False,
    "SIGNING_KEY": env.str("JWT_SIGNING_KEY"),
    "TOKEN_OBTAIN_SERIALIZER": "apps.staff.serializers.TenantTokenObtainPairSerializer",
    "TOKEN_REFRESH_SERIALIZER": "apps.staff.serializers.TenantTokenRefreshSerializer",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ATS API",
    "DESCRIPTION": "Applicant Tracking System: candidates, jobs, applications, ingestion.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "ENUM_NAME_OVERRIDES": {
        "CandidateStatusEnum": "apps.candidates.models.Candidate.Status",
        "ResumeStatusEnum": "apps.candidates.models.Resume.Status",
        "JobStatusEnum": "apps.applications.models.Job.Status",
        "StageEnum": "apps.applications.models.Stage",
        "InboundMessageStatusEnum": "apps.ingestion.models.InboundMessage.Status",
        "InboundMessageChannelEnum": "apps.ingestion.models.InboundMessage.Channel",
        "InboundAttachmentKindEnum": "apps.ingestion.models.InboundAttachment.Kind",
    },
}

# --- Celery ------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/0")
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Unset, Celery closes a worker's database connection after every task (a new
# PostgreSQL backend, authenticated, for each). Set, it closes it after this many
# tasks (recycling the backend's catalog caches of many tenant schemas); in
# between, ats.celery closes it as Django does between requests: past
# CONN_MAX_AGE, or broken.
CELERY_DB_REUSE_MAX = 1000
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 30
# Redis redelivers an unacked task after the visibility timeout; it must exceed
# the hard time limit or a long task would run twice at once. The retry options
# bound how long a publisher (a web request enqueueing after commit) tries to
# reach a broker that is down: kombu's default is to try forever, which would
# hang the request; the stored message is swept and enqueued later instead.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_TASK_TIME_LIMIT * 4,
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/1")
# The cache shared by every process, for rate limits above all (a per-process
# cache would give each gunicorn worker its own buckets). Short timeouts: the
# limits let requests through when Redis is down (ats.throttling) and must not
# hang them first.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env.str("CACHE_URL", default=REDIS_URL),
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}

# --- Email ingestion ---------------------------------------------------------
# django-anymail's inbound webhooks (apps.ingestion.webhooks). WEBHOOK_SECRET is a
# list of "user:password" pairs for HTTP basic auth: two during a rotation.
ANYMAIL = {
    "WEBHOOK_SECRET": env.list("ANYMAIL_WEBHOOK_SECRET", default=[]),
    "MAILGUN_WEBHOOK_SIGNING_KEY": env.str("MAILGUN_WEBHOOK_SIGNING_KEY", default=""),
}
# A Mailgun webhook whose timestamp is further than this from now is refused
# (its token is remembered for twice as long, to refuse replays).
INGESTION_WEBHOOK_MAX_AGE_SECONDS = env.int("INGESTION_WEBHOOK_MAX_AGE_SECONDS", default=300)
# The largest mail accepted; the request limits below are sized from it.
INGESTION_MAX_MESSAGE_BYTES = env.int("INGESTION_MAX_MESSAGE_BYTES", default=30 * 1024 * 1024)
# Webhook requests above this Content-Length are refused before the body is read
# (a 30 MB mail as a form field, with its form encoding, plus the parsed fields).
INGESTION_MAX_REQUEST_BYTES = INGESTION_MAX_MESSAGE_BYTES * 3 // 2
# Django's own caps on form data: the raw MIME arrives as one form field. Fields and
# files stay at Django's defaults' order (a webhook has ~20 fields; admin forms more).
DATA_UPLOAD_MAX_MEMORY_SIZE = INGESTION_MAX_REQUEST_BYTES
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 50
# Webhook rate limits (0: no limit): mail per tenant, and per sender and tenant,
# in a window. Past them the webhook answers 429 with Retry-After and stores
# nothing; the provider delivers again later. Uploads and reimports are not counted.
INGESTION_TENANT_LIMIT = env.int("INGESTION_TENANT_LIMIT", default=300)
INGESTION_TENANT_WINDOW_SECONDS = env.int("INGESTION_TENANT_WINDOW_SECONDS", default=60)
INGESTION_SENDER_LIMIT = env.int("INGESTION_SENDER_LIMIT", default=30)
INGESTION_SENDER_WINDOW_SECONDS = env.int("INGESTION_SENDER_WINDOW_SECONDS", default=3600)
# A worker's claim on a message lapses after this (it died); another may take it over.
INGESTION_LEASE_SECONDS = env.int("INGESTION_LEASE_SECONDS", default=CELERY_TASK_TIME_LIMIT + 60)
# The sweeper enqueues again messages left waiting this long (the broker lost them).
INGESTION_SWEEP_AFTER_SECONDS = env.int("INGESTION_SWEEP_AFTER_SECONDS", default=300)
# How often Celery beat runs the sweeper.
INGESTION_SWEEP_EVERY_SECONDS = env.int("INGESTION_SWEEP_EVERY_SECONDS", default=60)
CELERY_BEAT_SCHEDULE = {
    "ingestion-sweep": {"task": "ingestion.sweep", "schedule": float(INGESTION_SWEEP_EVERY_SECONDS)},
}

# --- Operations --------------------------------------------------------------
SENTRY_DSN = env.str("SENTRY_DSN", default="")
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "apps.tenants.logging.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "apps.tenants.logging.RedactingJsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(tenant)s",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}
# Region for phone numbers written without a country code (ISO 3166 alpha-2).
PHONE_DEFAULT_REGION = env.str("PHONE_DEFAULT_REGION", default="US")
# Key of the hashes kept of erased former employees (apps.candidates.services).
# Falls back to SECRET_KEY (itself required); set it apart so that SECRET_KEY can
# rotate: changing this one makes every stored hash unrecognisable.
MATCH_HASH_SECRET = env.str("MATCH_HASH_SECRET", default=SECRET_KEY)

# --- Privacy: erasure, export, retention --------------------------------------
# A candidate export (apps.candidates.privacy) is refused above this many bytes of
# resume files: the zip is built in a temporary file before it is sent.
PRIVACY_EXPORT_MAX_BYTES = env.int("PRIVACY_EXPORT_MAX_BYTES", default=200 * 1024 * 1024)
# The retention task erases at most this many candidates per tenant and run (the
# rest next run), looking them up this many at a time; each is its own transaction.
RETENTION_MAX_PER_RUN = env.int("RETENTION_MAX_PER_RUN", default=1000)
RETENTION_BATCH_SIZE = env.int("RETENTION_BATCH_SIZE", default=100)
# How often Celery beat runs the retention task over every tenant.
RETENTION_EVERY_SECONDS = env.int("RETENTION_EVERY_SECONDS", default=6 * 3600)
CELERY_BEAT_SCHEDULE["candidates-retention"] = {
    "task": "candidates.apply_retention",
    "schedule": float(RETENTION_EVERY_SECONDS),
}

if SENTRY_DSN:
    from ats.sentry import sentry_init

    sentry_init(dsn=SENTRY_DSN, traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0))
