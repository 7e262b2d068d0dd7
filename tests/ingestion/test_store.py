"""message_store and message_process under concurrency, with real transactions: the
unique key decides which delivery is stored, the claim which worker writes."""

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import pytest
from django.db import connection, transaction
from pytest_django.fixtures import Settings as SettingsWrapper

from apps.applications.models import Application, Job
from apps.applications.services import job_create
from apps.candidates.models import Candidate, Resume
from apps.ingestion.models import InboundAttachment, InboundMessage
from apps.ingestion.pipeline import message_process
from apps.ingestion.services import message_store
from apps.tenants.context import tenant_context
from tests.conftest import TenantFixture
from tests.ingestion.payloads import build_mime, no_broker, resume_file

T = TypeVar("T")
CONCURRENCY = 20


@pytest.fixture
def clean_alpha(
    real_transactions: None, alpha: TenantFixture, settings: SettingsWrapper, tmp_path: Path
) -> Iterator[TenantFixture]:
    settings.MEDIA_ROOT = tmp_path
    with no_broker():
        yield alpha
    with tenant_context(alpha.tenant, actor="test"):
        Application.objects.all().delete()
        InboundMessage.objects.all().delete()
        Candidate.objects.all().delete()
        Job.objects.filter(code="CONC-1").delete()


def all_at_once(work: Callable[[], T]) -> list[T]:
    """Run ``work`` in CONCURRENCY threads released together, each on its own connection."""
    barrier = threading.Barrier(CONCURRENCY)

    def run(_: int) -> T:
        barrier.wait()
        try:
            return work()
        finally:
            connection.close()

    with ThreadPoolExecutor(CONCURRENCY) as pool:
        return list(pool.map(run, range(CONCURRENCY)))


def test_twenty_concurrent_deliveries_make_one_message_one_candidate_one_application(
    clean_alpha: TenantFixture,
) -> None:
    tenant = clean_alpha.tenant
    with tenant_context(tenant, actor="test"):
        job_create(title="Engineer", code="CONC-1", status=Job.Status.OPEN)
    raw = build_mime(attachments=[resume_file("rendercv__John_Doe_ClassicTheme_CV.pdf")])
    stored = all_at_once(lambda: message_store(tenant=tenant, raw_mime=raw, channel="mailgun", job_code="CONC-1"))
    assert sum(result.created for result in stored) == 1
    assert sorted(result.outcome for result in stored) == ["known"] * (CONCURRENCY - 1) + ["new"]
    [message_id] = {result.message_id for result in stored}
    assert message_id is not None

    def process() -> str:
        with tenant_context(tenant, actor="test"):
            return message_process(message_id=message_id)

    outcomes = all_at_once(process)
    assert sorted(outcomes) == ["done"] + ["not_claimed"] * (CONCURRENCY - 1)
    with tenant_context(tenant, actor="test"):
        assert InboundMessage.objects.count() == 1
        assert Candidate.objects.count() == 1
        assert Application.objects.count() == 1


def waiting_on_locks() -> int:
    """Backends of this database waiting for a lock (another test run's are in their own database)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return int(cursor.fetchone()[0])


def until(condition: Callable[[], bool]) -> None:
    for _ in range(200):
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


def test_a_worker_whose_lease_ran_out_writes_nothing_and_the_one_that_took_over_writes_once(
    clean_alpha: TenantFixture, settings: SettingsWrapper
) -> None:
    tenant = clean_alpha.tenant
    raw = build_mime(attachments=[resume_file("rendercv__John_Doe_ClassicTheme_CV.pdf")])
    message_id = message_store(tenant=tenant, raw_mime=raw, channel="mailgun").message_id
    assert message_id is not None
    release = threading.Event()

    def hold_candidate_inserts() -> None:
        """Another session holds the candidates table: both workers wait at their first write."""
        with tenant_context(tenant, actor="test"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("LOCK TABLE candidates_candidate IN SHARE MODE")
            locked.set()
            release.wait(timeout=30)
        connection.close()

    def process() -> str:
        try:
            with tenant_context(tenant, actor="test"):
                return message_process(message_id=message_id)
        finally:
            connection.close()

    locked = threading.Event()
    with ThreadPoolExecutor(3) as pool:
        holder = pool.submit(hold_candidate_inserts)
        assert locked.wait(timeout=30)
        slow = pool.submit(process)
        until(lambda: waiting_on_locks() == 1)
        settings.INGESTION_LEASE_SECONDS = 0  # the first worker's lease runs out while it waits
        other = pool.submit(process)
        until(lambda: waiting_on_locks() == 2)
        release.set()
        holder.result()
        outcomes = [slow.result(timeout=60), other.result(timeout=60)]
    assert outcomes == ["not_claimed", "done"]
    with tenant_context(tenant, actor="test"):
        message = InboundMessage.objects.get()
        assert (message.status, message.attempts) == (InboundMessage.Status.DONE, 2)
        assert (Candidate.objects.count(), Resume.objects.count(), InboundAttachment.objects.count()) == (1, 1, 1)
        assert message.candidate == Candidate.objects.get()
