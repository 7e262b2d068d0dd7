"""seed_demo mails a few resumes through the real pipeline: the shared samples, or generated PDFs."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from pytest_django.fixtures import Settings as SettingsWrapper

from apps.applications.models import Application
from apps.candidates.management.commands import seed_demo
from apps.candidates.models import Candidate
from apps.ingestion.models import InboundMessage
from apps.ingestion.pipeline import message_process
from apps.tenants.context import tenant_context
from tests.conftest import TenantFixture

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path
    # The demo senders are fixed, and the flood counters outlive a test run in Redis.
    settings.INGESTION_SENDER_LIMIT = 0


def seed_and_process(fixture: TenantFixture) -> list[InboundMessage]:
    call_command("seed_demo", fixture.tenant.slug, stdout=StringIO())
    with tenant_context(fixture.tenant, actor="test"):
        messages = list(InboundMessage.objects.order_by("id"))
        for message in messages:
            assert message_process(message_id=message.pk) == "done"
        return list(InboundMessage.objects.order_by("id"))


def test_the_shared_sample_resumes_become_candidates_applying_to_be_1(alpha: TenantFixture) -> None:
    messages = seed_and_process(alpha)
    assert len(messages) == len(seed_demo.SAMPLE_NAMES)
    assert all(message.job_code == "BE-1" and message.candidate_id for message in messages)
    with tenant_context(alpha.tenant, actor="test"):
        applied = set(Application.objects.filter(job__code="BE-1").values_list("candidate_id", flat=True))
        assert {message.candidate_id for message in messages} <= applied
        assert Candidate.objects.filter(full_name="John Doe").exists()


def test_without_the_shared_data_generated_resumes_are_mailed(
    alpha: TenantFixture, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(seed_demo, "SAMPLE_RESUMES", tmp_path / "missing")
    messages = seed_and_process(alpha)
    assert len(messages) == len(seed_demo.GENERATED)
    with tenant_context(alpha.tenant, actor="test"):
        names = set(
            Candidate.objects.filter(pk__in=[m.candidate_id for m in messages]).values_list("full_name", flat=True)
        )
    assert names == {name for name, *_ in seed_demo.GENERATED}
