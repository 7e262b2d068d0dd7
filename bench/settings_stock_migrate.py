"""bench/provisioning.py baseline: django-tenants' own executor, which migrates every schema."""

from bench.settings_tenant import *  # noqa: F403

GET_EXECUTOR_FUNCTION = "django_tenants.migration_executors.get_executor"
