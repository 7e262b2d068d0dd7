"""The Celery application: Redis broker, results in the database, tenant-aware tasks."""

import os
from typing import Any

from celery import Celery, Task, signals
from django.db import close_old_connections

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ats.settings.local")

app = Celery("ats", task_cls="apps.tenants.task_base:TenantTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.task_prerun.connect
@signals.task_postrun.connect
def close_old_database_connections(sender: Task, **kwargs: Any) -> None:  # type: ignore[type-arg]  # generic in the stubs only
    """A worker keeps its database connection from task to task (CELERY_DB_REUSE_MAX),
    as a web process does from request to request: closed here only when past
    CONN_MAX_AGE or broken. No tenant carries over: each task enters its tenant (or
    none) afresh, and the backend sends search_path and app.tenant_id again with
    the first statement after any change (tests/tenants/test_celery_tenancy.py).
    Eager tasks run inside their caller's transaction, which this must not close."""
    if not getattr(sender.request, "is_eager", False):
        close_old_connections()
