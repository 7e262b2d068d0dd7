"""Base class of every Celery task: the tenant travels in the message headers.

Enqueueing reads the tenant from the connection (so it must happen inside a
tenant context, normally from transaction.on_commit); the worker re-enters that
tenant (search_path and the RLS setting together) for the task and leaves it
afterwards, so nothing carries over to the next task. A message without a known
tenant is refused, never run in the public schema.

Tenant tasks store no result: results live in a public table, and a tenant's
outcomes belong in that tenant's own tables (a task hands its final failure to
a service that records it there). Platform tasks may keep results.
"""

import base64
import json
import os
import uuid
from dataclasses import dataclass, field
from typing import Any

import redis
from celery import Task, signals
from celery.result import AsyncResult
from celery.utils.nodenames import anon_nodename
from celery.utils.saferepr import saferepr
from django_tenants.utils import get_public_schema_name

from apps.tenants.context import tenant_connection, tenant_context
from apps.tenants.selectors import tenant_for_schema

TENANT_HEADER = "tenant_schema"


class NoTenantError(RuntimeError):
    """A tenant task was enqueued or received without a tenant."""


class TenantTask(Task):  # type: ignore[type-arg]  # Task is generic only in the stubs
    #: Platform tasks (no tenant data) set this to False.
    tenant_required = True
    ignore_result = True
    # Retries are bounded and spaced out; a task opts in with autoretry_for=(named transient errors).
    max_retries = 5
    retry_backoff = True
    retry_backoff_max = 600
    retry_jitter = True

    def apply_async(  # type: ignore[override]  # passes every option through unchanged
        self, args: Any = None, kwargs: Any = None, **options: Any
    ) -> AsyncResult[Any]:
        if self.tenant_required:
            schema = tenant_connection.schema_name
            if schema == get_public_schema_name():
                raise NoTenantError(f"{self.name} must be enqueued inside a tenant context.")
            if options == {"retry": False} and not kwargs and isinstance(args, tuple | list):
                published = _lean_publish(self, tuple(args), schema)  # Celery's checks first
                if published is not None:
                    return self.AsyncResult(published)
            options["headers"] = {**(options.get("headers") or {}), TENANT_HEADER: schema}
        return super().apply_async(args, kwargs, **options)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if not self.tenant_required:
            return super().__call__(*args, **kwargs)
        # Redis delivers custom headers on the request itself, AMQP under .headers.
        schema = self.request.get(TENANT_HEADER) or (self.request.headers or {}).get(TENANT_HEADER)
        tenant = tenant_for_schema(schema) if schema else None
        if tenant is None:
            raise NoTenantError(f"{self.name} arrived without a known tenant; refused.")
        with tenant_context(tenant, actor=f"task:{self.name}"):
            return super().__call__(*args, **kwargs)


# --- A lean publish of Celery's own message ------------------------------------
#
# apply_async costs about 2.1 M instructions a message in a web process: every
# configuration read goes through Celery's chain of dictionaries and Django's
# settings, then routing, the producer pool, kombu's declare and publish layers;
# the LPUSH that sends the message is less than a tenth of it. For the simple case
# (positional arguments, no option but retry=False, from outside a worker task, to
# the default queue of a Redis broker, no publish signal receivers, no Sentry
# tracing) TenantTask.apply_async builds the message Celery would send (task
# protocol 2, JSON body, kombu's Redis envelope) and pushes it itself.
# tests/tenants/test_task_publish.py compares it, field by field, with the message
# Celery sends, and a real worker runs it (tests/tenants/test_celery_tenancy.py,
# tests/ingestion/test_worker.py): a Celery or kombu upgrade that changes the
# format fails there. Anything else goes through Celery.


@dataclass(frozen=True)
class _Lean:
    """What stays the same between two messages of a task on one configuration;
    ``queue`` is None when Celery must send them."""

    configuration: tuple[str | None, dict[str, Any]]
    queue: str | None = None
    headers: dict[str, Any] = field(default_factory=dict)
    properties: dict[str, Any] = field(default_factory=dict)
    repr_levels: int = 3
    client: Any = None


_lean: dict[str, _Lean] = {}
_EMBED = {"callbacks": None, "errbacks": None, "chain": None, "chord": None}


def _configuration(task: Task) -> tuple[str | None, dict[str, Any]]:  # type: ignore[type-arg]  # generic in the stubs
    """What can change Celery's configuration in a running process: the environment's
    broker URL (Celery prefers it to its settings) and the changes made to app.conf
    (tests point it at another broker or queue). Two plain reads: the configuration
    itself is read through Django's settings at every access."""
    return os.environ.get("CELERY_BROKER_URL"), task.app.conf.changes or {}


def _lean_setup(task: Task) -> _Lean:  # type: ignore[type-arg]  # generic in the stubs only
    app, conf = task.app, task.app.conf
    environment, changes = _configuration(task)
    configuration = (environment, dict(changes))
    url = str(conf.broker_url or "")
    options = conf.broker_transport_options or {}
    plain = (
        url.startswith("redis://")
        and not conf.task_always_eager
        and not conf.task_routes
        and conf.task_protocol == 2
        and conf.task_serializer == "json"
        and not conf.task_compression
        and not conf.task_send_sent_event
        and conf.task_default_delivery_mode in (2, "persistent")
        and conf.task_default_priority is None
        and conf.task_queue_max_priority is None
        and conf.task_default_exchange_type == "direct"
        and not {"global_keyprefix", "priority_steps", "sep", "queue_order_strategy"} & set(options)
        and getattr(task, "serializer", None) in (None, "json")
        and all(
            getattr(task, name, None) is None
            for name in ("queue", "routing_key", "exchange", "priority", "expires", "delivery_mode", "compression")
        )
    )
    if not plain:
        return _Lean(configuration)
    try:
        queue = app.amqp.queues[conf.task_default_queue]  # made on first use, as Celery does
    except KeyError:
        return _Lean(configuration)
    if queue.exchange.type != "direct" or queue.name != conf.task_default_queue:
        return _Lean(configuration)
    time_limit = task.time_limit if task.time_limit is not None else conf.task_time_limit
    soft_time_limit = task.soft_time_limit if task.soft_time_limit is not None else conf.task_soft_time_limit
    headers: dict[str, Any] = {
        "lang": "py",
        "task": task.name,
        "shadow": None,
        "eta": None,
        "expires": None,
        "group": None,
        "group_index": None,
        "retries": 0,
        "timelimit": [time_limit, soft_time_limit],
        "parent_id": None,
        "kwargsrepr": "{}",
        "ignore_result": bool(task.ignore_result),
        "replaced_task_nesting": 0,
        "stamped_headers": None,
        "stamps": {},
    }
    return _Lean(
        configuration,
        queue=queue.name,
        headers=headers,
        properties={"delivery_mode": 2, "priority": 0, "body_encoding": "base64"},
        repr_levels=conf.task_repr_maxlevels,
        client=redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5),
    )


def _lean_publish(task: Task, args: tuple[Any, ...], schema: str) -> str | None:  # type: ignore[type-arg]
    """Push the task's message with one LPUSH; its id, or None if Celery must send it."""
    app = task.app
    if task.soft_time_limit and task.time_limit and task.soft_time_limit > task.time_limit:
        return None  # Celery refuses it
    if task.typing:
        task.__header__(*args)  # type: ignore[attr-defined]  # Celery's check of the arguments: TypeError
    lean = _lean.get(task.name)
    environment, changes = _configuration(task)
    if lean is None or lean.configuration[0] != environment or lean.configuration[1] != changes:
        lean = _lean[task.name] = _lean_setup(task)
    if (
        lean.queue is None
        or app.current_worker_task is not None
        or signals.before_task_publish.receivers
        or signals.after_task_publish.receivers
        or _sentry_traces()
    ):
        return None
    task_id = str(uuid.uuid4())
    if all(type(arg) is int for arg in args):
        argsrepr = repr(args)  # what saferepr gives, for a tenth of its work
    else:
        argsrepr = saferepr(args, app.amqp.argsrepr_maxsize, maxlevels=lean.repr_levels)
    message = {
        "body": base64.b64encode(json.dumps([list(args), {}, _EMBED]).encode()).decode(),
        "content-encoding": "utf-8",
        "content-type": "application/json",
        "headers": {
            **lean.headers,
            "id": task_id,
            "root_id": task_id,
            "argsrepr": argsrepr,
            "origin": anon_nodename(),
            TENANT_HEADER: schema,
        },
        "properties": {
            "correlation_id": task_id,
            "reply_to": app.thread_oid,
            **lean.properties,
            "delivery_info": {"exchange": "", "routing_key": lean.queue},
            "delivery_tag": str(uuid.uuid4()),
        },
    }
    lean.client.lpush(lean.queue, json.dumps(message))
    return task_id


def _sentry_traces() -> bool:
    """Sentry's Celery integration adds its trace headers in apply_async."""
    import sentry_sdk

    client = sentry_sdk.get_client()
    return bool(client.is_active() and client.options.get("traces_sample_rate"))
