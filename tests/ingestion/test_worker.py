"""End to end with a real Celery worker and a Redis of this module's own (so that it can
be stopped): webhook in, candidate out through the API; the worker killed mid-task;
Redis down while a mail arrives."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from django.test import override_settings

from apps.applications.models import Application, Job
from apps.applications.services import job_create
from apps.candidates.models import Candidate, Resume
from apps.ingestion.models import InboundMessage
from apps.ingestion.services import messages_sweep
from apps.tenants.context import tenant_context
from tests.conftest import ROOT, TenantFixture, api_client, manage_env
from tests.ingestion import payloads
from tests.ingestion.payloads import BASIC_AUTH, build_mime, inbound_address, resume_file

pytestmark = pytest.mark.worker

LEASE_SECONDS = 3
SECRETS = {"WEBHOOK_SECRET": [BASIC_AUTH], "MAILGUN_WEBHOOK_SIGNING_KEY": payloads.SIGNING_KEY}
RESUME = "rendercv__John_Doe_ClassicTheme_CV.pdf"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Broker:
    """A redis-server on a port of its own, stoppable and restartable on the same port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        eventually(lambda: self.ping(), timeout=10)

    def ping(self) -> bool:
        try:
            return bool(redis.Redis.from_url(self.url).ping())
        except redis.ConnectionError:
            return False

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


def eventually(check: Callable[[], Any], timeout: float = 60) -> Any:
    deadline = time.monotonic() + timeout
    while not (result := check()):
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)
    return result


class Worker:
    def __init__(self, broker: Broker, media: Path, log: Path) -> None:
        self.broker, self.media, self.log = broker, media, log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {
            **manage_env(),
            # Celery prefers CELERY_BROKER_URL from the environment over the settings.
            "CELERY_BROKER_URL": self.broker.url,
            "TEST_CELERY_BROKER_URL": self.broker.url,
            "TEST_REDIS_URL": self.broker.url,
            "MEDIA_ROOT": str(self.media),
            "INGESTION_LEASE_SECONDS": str(LEASE_SECONDS),
        }
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "ats", "worker", "--pool=solo", "--concurrency=1",
                 "--loglevel=INFO", "--without-heartbeat", "--without-gossip", "--without-mingle"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        eventually(lambda: "ready." in self.log.read_text(errors="replace") or self.process_died(), timeout=60)
        assert not self.process_died(), self.log.read_text(errors="replace")[-3000:]

    def process_died(self) -> bool:
        return self.process is not None and self.process.poll() is not None

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self.process = None


@pytest.fixture(scope="module")
def broker() -> Iterator[Broker]:
    own = Broker()
    own.start()
    with payloads.celery_broker(own.url):
        yield own
    own.stop()


@pytest.fixture
def worker(django_db_setup: None, broker: Broker, tmp_path: Path, settings: Any) -> Iterator[Worker]:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REDIS_URL = broker.url
    settings.INGESTION_SENDER_LIMIT = 0  # the same sample sender, again and again
    running = Worker(broker, tmp_path / "media", tmp_path / "worker.log")
    running.start()
    yield running
    running.stop()
    print(running.log.read_text(errors="replace")[-4000:])  # shown when the test failed


@pytest.fixture
def clean_alpha(real_transactions: None, alpha: TenantFixture) -> Iterator[TenantFixture]:
    """The test commits for real: afterwards, alpha loses what it made."""
    yield alpha
    with tenant_context(alpha.tenant, actor="test"):
        Application.objects.all().delete()
        InboundMessage.objects.all().delete()
        Candidate.objects.all().delete()
        Job.objects.filter(code__startswith="E2E").delete()


def message_in(fixture: TenantFixture, **lookup: Any) -> InboundMessage | None:
    with tenant_context(fixture.tenant, actor="test"):
        return InboundMessage.objects.defer("raw_mime").filter(**lookup).first()


def status_of(fixture: TenantFixture, message_id: int) -> str:
    message = message_in(fixture, pk=message_id)
    assert message is not None
    return message.status


@override_settings(ANYMAIL=SECRETS)
def test_a_mailed_resume_is_a_candidate_in_the_api(clean_alpha: TenantFixture, worker: Worker) -> None:
    with tenant_context(clean_alpha.tenant, actor="test"):
        job = job_create(title="Engineer", code="E2E-1", status=Job.Status.OPEN)
    message_id = payloads.unique_message_id()
    payload = payloads.mailgun(
        "mailgun_parsed_with_resume_attachments", inbound_address("alpha", "e2e-1"), message_id=message_id
    )
    assert payloads.post(payload) == 200
    stored = message_in(clean_alpha, message_id=message_id)
    assert stored is not None
    eventually(lambda: status_of(clean_alpha, stored.pk) == InboundMessage.Status.DONE)
    done = message_in(clean_alpha, pk=stored.pk)
    assert done is not None
    assert done.summary["outcome"] == "new", done.summary
    response = api_client(clean_alpha).get("/api/candidates/")
    assert response.status_code == 200
    [candidate] = response.json()["results"]
    assert candidate["id"] == done.summary["candidate"]
    detail = api_client(clean_alpha).get(f"/api/candidates/{candidate['id']}/").json()
    assert "john.doe@email.com" in detail["emails"]
    assert detail["current_resume"]["filename"] in ("John_Doe_CV.pdf", "Lebenslauf Jöhn Döe.docx")
    applications = api_client(clean_alpha).get("/api/applications/", {"job": job.pk}).json()["results"]
    assert [row["candidate"] for row in applications] == [candidate["id"]]


def test_a_worker_killed_mid_task_leaves_the_message_to_be_done_exactly_once(
    clean_alpha: TenantFixture, worker: Worker, settings: Any
) -> None:
    settings.INGESTION_LEASE_SECONDS = LEASE_SECONDS
    # Several resumes to read: seconds of work, long enough to be killed in the middle of.
    files = [resume_file(name) for name in sorted(os.listdir(payloads.RESUMES)) if name.endswith(".pdf")][:12]
    raw = build_mime(attachments=files)
    with tenant_context(clean_alpha.tenant, actor="test"):
        job = job_create(title="Engineer", code="E2E-2", status=Job.Status.OPEN)
    from apps.ingestion.services import message_store

    stored = message_store(tenant=clean_alpha.tenant, raw_mime=raw, channel="mailgun", job_code="E2E-2")
    assert stored.message_id is not None
    eventually(lambda: status_of(clean_alpha, stored.message_id) == InboundMessage.Status.PROCESSING)  # type: ignore[arg-type]
    worker.kill()
    assert status_of(clean_alpha, stored.message_id) == InboundMessage.Status.PROCESSING
    worker.start()
    time.sleep(LEASE_SECONDS + 0.5)  # the dead worker's lease runs out
    assert messages_sweep(tenant=clean_alpha.tenant, older_than_seconds=0) == 1
    eventually(lambda: status_of(clean_alpha, stored.message_id) == InboundMessage.Status.DONE)  # type: ignore[arg-type]
    with tenant_context(clean_alpha.tenant, actor="test"):
        message = InboundMessage.objects.get(pk=stored.message_id)
        assert message.attempts == 2
        assert message.candidate is not None
        assert Candidate.objects.count() == 1
        assert Resume.objects.filter(candidate=message.candidate).count() == 1
        assert Application.objects.filter(job=job).count() == 1


@override_settings(ANYMAIL=SECRETS)
def test_a_mail_arriving_while_redis_is_down_is_stored_acknowledged_and_processed_later(
    clean_alpha: TenantFixture, worker: Worker, broker: Broker
) -> None:
    message_id = payloads.unique_message_id()
    payload = payloads.sendgrid("sendgrid_raw_with_docx_resume", inbound_address("alpha"), message_id=message_id)
    broker.stop()
    try:
        assert payloads.post(payload) == 200
        stored = message_in(clean_alpha, message_id=message_id)
        assert stored is not None
        assert stored.status == InboundMessage.Status.RECEIVED
    finally:
        broker.start()
    eventually(lambda: "Connected to redis" in worker.log.read_text(errors="replace").split("ready.")[-1])
    assert messages_sweep(tenant=clean_alpha.tenant, older_than_seconds=0) == 1
    eventually(lambda: status_of(clean_alpha, stored.pk) == InboundMessage.Status.DONE)
    with tenant_context(clean_alpha.tenant, actor="test"):
        assert Candidate.objects.count() == 1


def test_a_channel_makes_one_redis_client_not_one_per_message(broker: Broker) -> None:
    from ats.celery import RedisChannel, app

    with app.connection_for_write() as connection:
        channel = connection.default_channel
        assert isinstance(channel, RedisChannel)
        with channel.conn_or_acquire() as first, channel.conn_or_acquire() as second:
            assert first is second
            assert first.ping()
