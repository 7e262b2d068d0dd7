"""Tasks run in the tenant that enqueued them, on a real worker over real Redis."""

import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group

from apps.audit.models import AuditEvent
from apps.tenants.context import tenant_context
from apps.tenants.task_base import NoTenantError
from ats.celery import app
from tests.conftest import ROOT, RUN_ID, SEEDED, TenantFixture, manage_env
from tests.tenants.worker_tasks import connection_state, record_backend, record_group

pytestmark = pytest.mark.worker


@pytest.fixture(scope="module")
def worker_log(django_db_setup: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Starts one real worker for the module, on a queue of this test run's own;
    yields the file it logs to."""
    queue, name = f"tests-{RUN_ID}", f"tests-{RUN_ID}@{socket.gethostname()}"
    default_queue = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    log = tmp_path_factory.mktemp("worker") / "worker.log"
    log_file = log.open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "ats", "worker", "--pool=solo", "--concurrency=1",
         "-Q", queue, "-n", name, "-I", "tests.tenants.worker_tasks", "--loglevel=INFO",
         "--without-heartbeat", "--without-gossip", "--without-mingle"],
        cwd=ROOT,
        env=manage_env(),
        stdout=log_file,
        stderr=subprocess.STDOUT,  # the project logs JSON lines to stderr
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not app.control.ping(timeout=0.5, destination=[name]):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"worker did not start:\n{log.read_text() if log.exists() else ''}")
    yield log
    process.terminate()
    process.wait(timeout=30)
    log_file.close()
    app.conf.task_default_queue = default_queue


def eventually(check: Callable[[], Any], timeout: float = 30) -> Any:
    deadline = time.monotonic() + timeout
    while not (result := check()):
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the worker")
        time.sleep(0.1)
    return result


def assert_recorded_in_alpha_only(name: str, alpha: TenantFixture, beta: TenantFixture) -> None:
    """The group record_group makes appears in alpha, audited as the task's, and never in beta."""
    try:
        with tenant_context(alpha.tenant, actor="test"):
            group = eventually(lambda: Group.objects.filter(name=name).first())
            event = AuditEvent.objects.get(object_type="auth_group", object_id=str(group.pk), action="insert")
            assert event.actor == "task:tests.record_group"
        with tenant_context(beta.tenant, actor="test"):
            assert not Group.objects.filter(name=name).exists()
    finally:
        with tenant_context(alpha.tenant, actor="test"):
            Group.objects.filter(name=name).delete()


def test_a_task_enqueued_in_a_tenant_runs_in_that_tenant(
    real_transactions: None, worker_log: Path, alpha: TenantFixture, beta: TenantFixture
) -> None:
    name = f"from-task-{uuid.uuid4().hex[:8]}"
    with tenant_context(alpha.tenant, actor="test"):
        record_group.delay(name)
    assert_recorded_in_alpha_only(name, alpha, beta)


def test_a_task_published_without_celery_runs_in_its_tenant(
    real_transactions: None,
    worker_log: Path,
    alpha: TenantFixture,
    beta: TenantFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """apply_async(args, retry=False) pushes Celery's message itself (task_base._lean_publish)."""
    from celery import Task

    name = f"lean-{uuid.uuid4().hex[:8]}"
    monkeypatch.setattr(Task, "apply_async", lambda *args, **kwargs: pytest.fail("sent by Celery"))
    with tenant_context(alpha.tenant, actor="test"):
        record_group.apply_async(args=(name,), retry=False)
    assert_recorded_in_alpha_only(name, alpha, beta)


def test_the_next_task_on_the_same_worker_starts_clean(
    real_transactions: None, worker_log: Path, alpha: TenantFixture
) -> None:
    name = f"from-task-{uuid.uuid4().hex[:8]}"
    with tenant_context(alpha.tenant, actor="test"):
        record_group.delay(name)
        eventually(lambda: Group.objects.filter(name=name).exists())
        Group.objects.filter(name=name).delete()
    # One worker, one process, tasks in order: this runs right after the tenant task.
    assert connection_state.delay().get(timeout=30)[:3] == ["public", "", ""]


def test_tasks_share_the_workers_connection_and_no_tenant_carries_over_on_it(
    real_transactions: None, worker_log: Path, alpha: TenantFixture, beta: TenantFixture
) -> None:
    name = f"backend-{uuid.uuid4().hex[:8]}"
    ran: list[tuple[TenantFixture, str]] = []  # (tenant, "backend pid|app.tenant_id") of each task, in order
    try:
        for number, fixture in enumerate((alpha, beta, alpha)):
            with tenant_context(fixture.tenant, actor="test"):
                prefix = f"{name}-{number}|"
                record_backend.delay(prefix[:-1])
                row = eventually(partial(Group.objects.filter(name__startswith=prefix).first))
                ran.append((fixture, row.name.split("|", 1)[1]))
        between = connection_state.delay().get(timeout=30)
    finally:
        for fixture in (alpha, beta):
            with tenant_context(fixture.tenant, actor="test"):
                Group.objects.filter(name__startswith=name).delete()
    # Each task ran as its own tenant, on the one backend the worker kept (not a new one per task).
    assert [recorded.split("|")[1] for _, recorded in ran] == [str(fixture.tenant.pk) for fixture, _ in ran]
    assert {recorded.split("|")[0] for _, recorded in ran} == {between[3]}
    assert between[:3] == ["public", "", ""]


@pytest.mark.parametrize("headers", [None, {"tenant_schema": "t_ghost"}], ids=["no tenant", "unknown tenant"])
def test_a_task_without_a_known_tenant_is_refused(
    real_transactions: None, worker_log: Path, headers: dict[str, str] | None
) -> None:
    name = f"refused-{uuid.uuid4().hex[:8]}"
    message = app.send_task("tests.record_group", args=[name], headers=headers)
    eventually(lambda: f"{message.id}] raised unexpected: NoTenantError" in worker_log.read_text())
    for fixture in SEEDED.values():
        with tenant_context(fixture.tenant, actor="test"):
            assert not Group.objects.filter(name=name).exists()


def test_a_tenant_task_cannot_be_enqueued_outside_a_tenant(real_transactions: None) -> None:
    with pytest.raises(NoTenantError):
        record_group.delay("nowhere")


def test_tenant_tasks_store_no_result_in_the_public_schema(
    real_transactions: None, worker_log: Path, alpha: TenantFixture
) -> None:
    from django_celery_results.models import TaskResult

    name = f"from-task-{uuid.uuid4().hex[:8]}"
    with tenant_context(alpha.tenant, actor="test"):
        task_id = record_group.delay(name).id
        eventually(lambda: Group.objects.filter(name=name).exists())
        Group.objects.filter(name=name).delete()
    assert not TaskResult.objects.filter(task_id=task_id).exists()
