"""The resume preview draws pages in the extraction sandbox: a hostile or damaged
file gives an image saying why the page is missing (never an error page, never
a stuck web process), images are shown scaled, and every read is audited."""

import hashlib
import io
import os
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from PIL import Image
from pytest_django.fixtures import Settings as SettingsWrapper

from apps.audit.models import AuditEvent
from apps.candidates.models import Candidate, Resume
from apps.candidates.services import candidate_create
from apps.ingestion.extraction import render, sandbox
from apps.tenants.context import tenant_context
from tests.conftest import ROOT, TenantFixture
from tests.ingestion.conftest import slow_pdf
from tests.staff.test_admin_login import log_in

pytestmark = pytest.mark.django_db

HOSTILE = ROOT.parent / "shared" / "data" / "hostile"  # read in place, never copied
RESUME = ROOT.parent / "shared" / "data" / "resumes" / "awesome-cv__resume.pdf"
DOCX = ROOT.parent / "shared" / "data" / "resumes" / "ats-intel__table_resume.docx"


@pytest.fixture(scope="module", autouse=True)
def _no_leftover_workers() -> object:
    yield
    sandbox.shutdown()


@pytest.fixture
def ada(alpha: TenantFixture, settings: SettingsWrapper, tmp_path: Path) -> Candidate:
    settings.MEDIA_ROOT = tmp_path
    with tenant_context(alpha.tenant, actor="test"):
        return candidate_create(full_name="Ada Lovelace", emails=["ada@example.com"])


def stored(fixture: TenantFixture, candidate: Candidate, data: bytes, content_type: str) -> Resume:
    with tenant_context(fixture.tenant, actor="test"):
        resume = Resume(
            candidate=candidate,
            filename="resume",
            sha256=hashlib.sha256(data).hexdigest(),
            content_type=content_type,
            size=len(data),
            page_count=1,
            parsed={},
            status=Resume.Status.PARSED,
            is_current=False,
        )
        resume.file.save("resume", ContentFile(data), save=False)
        resume.save()
        return resume


def page_one(client: Client, fixture: TenantFixture, resume: Resume) -> tuple[int, str, bytes]:
    response = client.get(f"/admin/candidates/resume/{resume.pk}/pages/1.png", headers={"host": fixture.host})
    return response.status_code, response.get("Content-Type", ""), response.content


def reads(fixture: TenantFixture, resume: Resume) -> list[dict[str, object]]:
    with tenant_context(fixture.tenant, actor="test"):
        events = AuditEvent.objects.filter(object_type="candidates_resume", object_id=str(resume.pk), action="read")
        return [event.changes for event in events.order_by("id")]


def signed_in(client: Client, fixture: TenantFixture) -> Client:
    assert log_in(client, fixture, "viewer@example.com") == 302
    return client


def test_a_page_that_draws_forever_gives_an_image_saying_so_and_the_next_preview_works(
    client: Client, alpha: TenantFixture, ada: Candidate
) -> None:
    hostile = stored(alpha, ada, slow_pdf(15_000_000), "application/pdf")
    good = stored(alpha, ada, RESUME.read_bytes(), "application/pdf")
    signed_in(client, alpha)
    assert page_one(client, alpha, good)[1] == "image/png"
    (child,) = sandbox.worker_pids()

    status, content_type, body = page_one(client, alpha, hostile)
    assert (status, content_type) == (200, "image/svg+xml")
    assert b"This page took too long to draw." in body
    assert b"Download the original file" in body
    assert reads(alpha, hostile) == [{"page": 1, "failed": "timeout"}]

    # The stuck child was killed; this process lives on and the next page draws in a new one.
    assert child not in sandbox.worker_pids()
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)
    status, content_type, body = page_one(client, alpha, good)
    assert (status, content_type) == (200, "image/png")
    assert body.startswith(b"\x89PNG")
    assert reads(alpha, good) == [{"page": 1}, {"page": 1}]


@pytest.mark.parametrize(
    ("name", "code", "why"),
    [
        ("scorelia__password_protected.pdf", "encrypted", b"The file is password-protected."),
        ("ocrmypdf__invalid.pdf", "malformed", b"The file is damaged."),
        ("qpdf__deep-pages.pdf", "malformed", b"The file is damaged."),
        ("derived__docx_named_as.pdf", "no_preview", b"This kind of file has no page preview."),
    ],
)
def test_a_damaged_or_mislabelled_file_gives_an_image_saying_why(
    client: Client, alpha: TenantFixture, ada: Candidate, name: str, code: str, why: bytes
) -> None:
    resume = stored(alpha, ada, (HOSTILE / name).read_bytes(), "application/pdf")
    status, content_type, body = page_one(signed_in(client, alpha), alpha, resume)
    assert (status, content_type) == (200, "image/svg+xml")
    assert why in body
    assert b"<script" not in body
    assert reads(alpha, resume) == [{"page": 1, "failed": code}]


def test_an_image_resume_is_shown_scaled_down(client: Client, alpha: TenantFixture, ada: Candidate) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (4000, 3000), "white").save(buffer, format="JPEG")
    resume = stored(alpha, ada, buffer.getvalue(), "image/jpeg")
    status, content_type, body = page_one(signed_in(client, alpha), alpha, resume)
    assert (status, content_type) == (200, "image/png")
    assert Image.open(io.BytesIO(body)).size == (render.MAX_SIDE, render.MAX_SIDE * 3 // 4)
    assert reads(alpha, resume) == [{"page": 1}]


def test_a_word_resume_offers_the_download_only(client: Client, alpha: TenantFixture, ada: Candidate) -> None:
    word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    resume = stored(alpha, ada, DOCX.read_bytes(), word)
    signed_in(client, alpha)
    page = client.get(f"/admin/candidates/resume/{resume.pk}/change/", headers={"host": alpha.host}).content.decode()
    assert "No preview for this kind of file; download the original." in page
    assert f"/admin/candidates/resume/{resume.pk}/file/" in page
    assert 'img class="resume-page"' not in page
    assert page_one(client, alpha, resume)[0] == 404
    assert reads(alpha, resume) == []


def test_the_failure_image_speaks_the_users_language(client: Client, alpha: TenantFixture, ada: Candidate) -> None:
    resume = stored(alpha, ada, (HOSTILE / "scorelia__password_protected.pdf").read_bytes(), "application/pdf")
    signed_in(client, alpha)
    response = client.get(
        f"/admin/candidates/resume/{resume.pk}/pages/1.png", headers={"host": alpha.host, "accept-language": "de"}
    )
    assert "passwortgeschützt" in response.content.decode()
