"""Upload rate limit: POST /api/resumes/ per staff user and tenant (THROTTLE_RESUME_UPLOAD)."""

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.fixtures import Settings as SettingsWrapper

from tests.conftest import TenantFixture, api_client
from tests.ingestion.payloads import RESUMES
from tests.rate_limits import Clock, clock_freeze, rates_set, retry_after

pytestmark = pytest.mark.django_db

RESUME = RESUMES / "rendercv__John_Doe_ClassicTheme_CV.pdf"


@pytest.fixture(autouse=True)
def two_a_minute(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path
    rates_set(settings, resume_upload="2/minute")


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return clock_freeze(monkeypatch)


def upload(fixture: TenantFixture, username: str = "hr@example.com") -> Any:
    file = SimpleUploadedFile(RESUME.name, RESUME.read_bytes(), "application/pdf")
    return api_client(fixture, username).post("/api/resumes/", {"file": file})


def test_an_upload_past_the_limit_gets_429_with_retry_after_in_the_error_format(
    alpha: TenantFixture, clock: Clock
) -> None:
    clock.advance(20)
    assert [upload(alpha).status_code for _ in range(2)] == [202, 202]
    refused = upload(alpha)
    assert refused.status_code == 429
    assert retry_after(refused) == 40
    assert refused.json()["code"] == "throttled"


def test_each_staff_user_of_each_tenant_has_a_bucket_of_their_own(
    alpha: TenantFixture, beta: TenantFixture, clock: Clock
) -> None:
    for _ in range(3):
        upload(alpha)
    assert upload(alpha).status_code == 429
    assert upload(alpha, "recruiter@example.com").status_code == 202
    # hr@example.com has the same user id in beta's schema.
    assert upload(beta).status_code == 202


def test_uploads_are_accepted_again_in_the_next_window(alpha: TenantFixture, clock: Clock) -> None:
    for _ in range(3):
        upload(alpha)
    clock.advance(60)
    assert upload(alpha).status_code == 202
