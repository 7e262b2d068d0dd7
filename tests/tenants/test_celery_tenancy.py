"""Tasks run in the tenant that enqueued them, on a real worker over real Redis."""

import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from celery.result import AsyncResult
from django.conf import settings
from django.contrib.auth.models import Group

from apps.audit.models import AuditEvent
from apps.tenants.context import tenant_context
from apps.tenants.task_base import NoTenantError
from ats.celery import app
from tests.conftest import ROOT, TenantFixture, manage_env
from tests.tenants.worker_tasks import connection_state, record_group

pytestmark = pytest.mark.worker


@pytest.fixture(scope="module")
def worker(django_db_setup: None) -> Iterator[subprocess.Popen[str]]:
    redis.Redis.from_url(settings.CELERY_BROKER_URL).flushdb()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "ats",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "-I",
            "tests.tenants.worker_tasks",
            "--loglevel=WARNING",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=manage_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not app.control.ping(timeout=0.5):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"worker did not start: {process.stderr.read() if process.stderr else ''}")
    yield process
    process.terminate()
    process.wait(timeout=30)


def wait(result: AsyncResult[Any]) -> Any:
    return result.get(timeout=30, propagate=False)


def test_a_task_enqueued_in_a_tenant_runs_in_that_tenant(
    real_transactions: None, worker: subprocess.Popen[str], alpha: TenantFixture, beta: TenantFixture
) -> None:
    name = f"from-task-{uuid.uuid4().hex[:8]}"
    with tenant_context(alpha.tenant, actor="test"):
        result = record_group.delay(name)
    group_id = wait(result)
    assert result.successful(), result.traceback
    try:
        with tenant_context(alpha.tenant, actor="test"):
            assert Group.objects.filter(pk=group_id, name=name).exists()
            event = AuditEvent.objects.get(object_type="auth_group", object_id=str(group_id), action="insert")
            assert event.actor == "task:tests.record_group"
        with tenant_context(beta.tenant, actor="test"):
            assert not Group.objects.filter(name=name).exists()
    finally:
        with tenant_context(alpha.tenant, actor="test"):
            Group.objects.filter(name=name).delete()


def test_the_next_task_on_the_same_worker_starts_clean(
    real_transactions: None, worker: subprocess.Popen[str], alpha: TenantFixture
) -> None:
    name = f"from-task-{uuid.uuid4().hex[:8]}"
    with tenant_context(alpha.tenant, actor="test"):
        wait(record_group.delay(name))
        Group.objects.filter(name=name).delete()
    state = connection_state.delay()
    assert wait(state) == ["public", "", ""]


def test_a_task_without_a_tenant_is_refused(real_transactions: None, worker: subprocess.Popen[str]) -> None:
    result = app.send_task("tests.record_group", args=["no tenant"])
    wait(result)
    assert result.state == "FAILURE"
    assert "without a known tenant" in str(result.result)


def test_a_task_for_an_unknown_tenant_is_refused(real_transactions: None, worker: subprocess.Popen[str]) -> None:
    result = app.send_task("tests.record_group", args=["ghost"], headers={"tenant_schema": "t_ghost"})
    wait(result)
    assert result.state == "FAILURE"
    assert "without a known tenant" in str(result.result)


def test_a_tenant_task_cannot_be_enqueued_outside_a_tenant(real_transactions: None) -> None:
    with pytest.raises(NoTenantError):
        record_group.delay("nowhere")
