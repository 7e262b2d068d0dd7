"""TenantTask.apply_async(args, retry=False) pushes the message Celery would send
itself (one LPUSH): the same message, field by field, as Celery's own. A real
worker runs it: tests/tenants/test_celery_tenancy.py and the webhook's end to end
test in tests/ingestion/test_worker.py."""

import base64
import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from celery import Task, signals

from apps.ingestion.tasks import ingest_message
from apps.tenants import task_base
from apps.tenants.context import tenant_context
from apps.tenants.task_base import TENANT_HEADER
from ats.celery import app
from tests.conftest import TenantFixture
from tests.tenants.worker_tasks import record_group

# Differ from one message to the next whoever sends it.
FRESH_HEADERS = ("id", "root_id")
FRESH_PROPERTIES = ("correlation_id", "delivery_tag")


@pytest.fixture
def queue() -> Iterator[str]:
    """A queue of this test's own on the tests' broker: nothing else reads or writes it."""
    name, default = f"publish-{uuid.uuid4().hex}", app.conf.task_default_queue
    app.conf.task_default_queue = name
    yield name
    app.conf.task_default_queue = default
    redis.Redis.from_url(app.conf.broker_url).delete(name)


def taken(queue: str) -> dict[str, Any]:
    """The one message in ``queue``, its ids checked and blanked, its body decoded."""
    broker = redis.Redis.from_url(app.conf.broker_url)
    assert broker.llen(queue) == 1
    popped = broker.rpop(queue)
    assert isinstance(popped, bytes)
    message: dict[str, Any] = json.loads(popped)
    task_id = message["headers"]["id"]
    assert message["headers"]["root_id"] == message["properties"]["correlation_id"] == task_id
    assert uuid.UUID(message["properties"]["delivery_tag"]) != uuid.UUID(task_id)
    for name in FRESH_HEADERS:
        message["headers"][name] = "fresh"
    for name in FRESH_PROPERTIES:
        message["properties"][name] = "fresh"
    message["body"] = json.loads(base64.b64decode(message["body"]))
    return message


def celery_sent(task: Task, args: tuple[Any, ...], schema: str) -> None:  # type: ignore[type-arg]
    """Through Celery's own apply_async, with the header TenantTask adds."""
    Task.apply_async(task, args, headers={TENANT_HEADER: schema}, retry=False)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("task", "args"),
    [
        (ingest_message, (42,)),
        (record_group, ('Jöhn «Doe» \u2028 \\ " \x00',)),
        (record_group, ([1, {"a": True, "b": None}, 1.5, "x" * 2000],)),
        (record_group, (10**30,)),
        (record_group, (True,)),
    ],
    ids=["message id", "text", "a long list", "a big number", "a boolean"],
)
def test_the_lean_message_is_the_one_celery_sends(
    alpha: TenantFixture,
    queue: str,
    task: Task,  # type: ignore[type-arg]
    args: tuple[Any, ...],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with tenant_context(alpha.tenant, actor="test"):
        celery_sent(task, args, alpha.tenant.schema_name)
        theirs = taken(queue)
        with monkeypatch.context() as patched:  # not through Celery's apply_async
            patched.setattr(Task, "apply_async", lambda *args, **kwargs: pytest.fail("sent by Celery"))
            result = task.apply_async(args=args, retry=False)
        ours = taken(queue)
    assert result.id
    assert ours == theirs
    assert ours["headers"][TENANT_HEADER] == alpha.tenant.schema_name
    assert ours["properties"]["delivery_info"] == {"exchange": "", "routing_key": queue}


@pytest.mark.django_db
def test_anything_but_the_plain_case_goes_through_celery(
    alpha: TenantFixture, queue: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[dict[str, Any]] = []
    monkeypatch.setattr(Task, "apply_async", lambda self, args=None, kwargs=None, **options: sent.append(options))

    def receiver(**kwargs: Any) -> None:
        pass

    with tenant_context(alpha.tenant, actor="test"):
        record_group.apply_async(args=("a",))  # publish retries wanted
        record_group.apply_async(args=("a",), retry=False, countdown=5)
        record_group.apply_async(kwargs={"name": "a"}, retry=False)
        signals.before_task_publish.connect(receiver)
        try:
            record_group.apply_async(args=("a",), retry=False)
        finally:
            signals.before_task_publish.disconnect(receiver)
        saved = app.conf.broker_transport_options
        app.conf.broker_transport_options = {**saved, "global_keyprefix": "x:"}  # keys kombu would prefix
        try:
            record_group.apply_async(args=("a",), retry=False)
        finally:
            app.conf.broker_transport_options = saved
    assert len(sent) == 5
    assert all(options["headers"] == {TENANT_HEADER: alpha.tenant.schema_name} for options in sent)
    assert redis.Redis.from_url(app.conf.broker_url).llen(queue) == 0


@pytest.mark.django_db
def test_arguments_are_checked_as_celery_checks_them(alpha: TenantFixture, queue: str) -> None:
    with tenant_context(alpha.tenant, actor="test"), pytest.raises(TypeError):
        ingest_message.apply_async(args=(1, 2), retry=False)
    assert redis.Redis.from_url(app.conf.broker_url).llen(queue) == 0


@pytest.mark.django_db
def test_a_broker_that_is_down_raises_a_redis_error(alpha: TenantFixture, queue: str) -> None:
    from tests.ingestion.payloads import no_broker

    with no_broker(), tenant_context(alpha.tenant, actor="test"), pytest.raises(redis.ConnectionError):
        record_group.apply_async(args=("a",), retry=False)
    assert task_base._lean[record_group.name].queue == queue  # the lean path, down as well
