"""The Celery application: Redis broker, results in the database, tenant-aware tasks."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ats.settings.local")

app = Celery("ats", task_cls="apps.tenants.task_base:TenantTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
