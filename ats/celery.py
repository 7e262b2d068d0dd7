"""The Celery application: Redis broker, results in the database, tenant-aware tasks."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from celery import Celery, Task, signals
from django.db import close_old_connections
from kombu.transport import TRANSPORT_ALIASES
from kombu.transport import redis as kombu_redis

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ats.settings.local")


class RedisChannel(kombu_redis.Channel):
    """kombu's Redis channel, with one client per connection pool where kombu makes a
    new one for every publish, receipt and acknowledgement of a message: redis-py 8
    builds a table of about 200 reply handlers for each client (0.09 ms, three times
    a task between the webhook and the worker). A client holds no connection of its
    own (each command takes one from the pool), so sharing it is safe; a new pool
    (after a disconnect) gets a new client."""

    _shared_client: Any = None

    @contextmanager
    def conn_or_acquire(self, client: Any = None) -> Iterator[Any]:
        if client:
            yield client
            return
        shared = self._shared_client
        if shared is None or shared.connection_pool is not self.pool:
            shared = self._shared_client = self._create_client()  # type: ignore[attr-defined]  # not in the stubs
        yield shared


class RedisTransport(kombu_redis.Transport):
    Channel = RedisChannel


# Every redis:// URL of this process (CELERY_BROKER_URL) goes through the transport
# above; the URLs and the logs keep saying redis://.
TRANSPORT_ALIASES["redis"] = f"{__name__}:RedisTransport"

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
