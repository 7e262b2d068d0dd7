"""The staff console's own pages and actions through the test client: the home
page's numbers, the resume page (previews, download, confidences), the queues,
the job pipeline, CSV export and the language preference, each with who may
use it and the audit rows it writes."""

import csv
import datetime
import hashlib
import html
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from pytest_django.fixtures import Settings as SettingsWrapper

from apps.applications.models import Application, Job, Stage, StageChange
from apps.applications.services import application_create, application_move, job_create
from apps.audit.models import AuditEvent
from apps.candidates.models import Candidate, Resume
from apps.candidates.services import candidate_create, candidate_set_status
from apps.staff.models import StaffPreference
from apps.tenants.context import tenant_context
from tests.conftest import ROOT, TenantFixture, user_in
from tests.staff.test_admin_login import log_in

pytestmark = pytest.mark.django_db

RESUMES = ROOT.parent / "shared" / "data" / "resumes"  # read in place, never copied
PDF = RESUMES / "awesome-cv__resume.pdf"
DOCX = RESUMES / "ats-intel__table_resume.docx"
CONFIDENT: dict[str, Any] = {"name": "Ada Lovelace", "emails": ["ada@example.com"], "confidence": {
    "name": {"score": 0.9, "source": "text"}, "emails": {"score": 0.98, "source": "text"}}}  # fmt: skip
UNSURE: dict[str, Any] = {"name": "Curriculum Vitae", "emails": [], "confidence": {
    "name": {"score": 0.3, "source": "ocr"}, "emails": {"score": 0.5, "source": "ocr"}}}  # fmt: skip


@dataclass
class Seeded:
    ada: Candidate
    pdf: Resume
    docx: Resume
    unsure: Resume
    job: Job
    applied: Application
    flagged: Application


def _resume(candidate: Candidate, path: Path, content_type: str, parsed: dict[str, Any]) -> Resume:
    data = path.read_bytes()
    resume = Resume(
        candidate=candidate,
        filename=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        content_type=content_type,
        size=len(data),
        page_count=1,
        parsed=parsed,
        status=Resume.Status.PARSED,
        is_current=False,
    )
    resume.file.save(path.name, ContentFile(data), save=False)
    resume.save()
    return resume


@pytest.fixture
def seeded(alpha: TenantFixture, settings: SettingsWrapper, tmp_path: Path) -> Seeded:
    settings.MEDIA_ROOT = tmp_path
    with tenant_context(alpha.tenant, actor="test"):
        ada = candidate_create(full_name="Ada Lovelace", emails=["ada@example.com"])
        scan = candidate_create(full_name="Charles Babbage", emails=["cb@example.com"])
        pdf = _resume(ada, PDF, "application/pdf", CONFIDENT)
        docx = _resume(ada, DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", CONFIDENT)
        unsure = _resume(scan, PDF, "application/pdf", UNSURE)
        job = job_create(title="Analyst", code="AN-1", status=Job.Status.OPEN)
        applied = application_create(candidate=ada, job=job)
        former = candidate_create(full_name="Bob Former", emails=["bob@example.com"])
        candidate_set_status(
            candidate=former,
            status=Candidate.Status.LEFT,
            left_on=datetime.date(2024, 3, 31),
            left_reason="Dismissed for misconduct",
            rehire_eligible=False,
        )
        flagged = application_create(candidate=former, job=job)
        for stage in (Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER):
            flagged = application_move(application=flagged, to_stage=stage, actor=None)
    return Seeded(ada, pdf, docx, unsure, job, applied, flagged)


def signed_in(client: Client, fixture: TenantFixture, username: str = "hr@example.com") -> Client:
    assert log_in(client, fixture, username) == 302
    return client


def get(client: Client, fixture: TenantFixture, url: str) -> str:
    response = client.get(url, headers={"host": fixture.host})
    assert response.status_code == 200, response
    return html.unescape(response.content.decode())


def reads(fixture: TenantFixture, resume: Resume) -> list[AuditEvent]:
    with tenant_context(fixture.tenant, actor="test"):
        return list(AuditEvent.objects.filter(object_type="candidates_resume", object_id=str(resume.pk), action="read"))


# --- Home page ---------------------------------------------------------------------


def test_the_home_page_counts_todays_work_with_links_to_the_lists(
    client: Client, alpha: TenantFixture, seeded: Seeded
) -> None:
    home = get(signed_in(client, alpha), alpha, "/admin/")
    assert 'id="console-dashboard"' in home
    today = datetime.date.today().isoformat()
    assert f"/admin/candidates/candidate/?created_at__gte={today}" in home
    assert "/admin/applications/application/?rehire_review=open" in home
    assert "/admin/candidates/resume/?confidence=low" in home
    assert "/admin/applications/application/?stage__exact=offer" in home
    numbers = dict(re.findall(r'<a href="[^"]*">([^<]+)</a></th>\s*<td class="dashboard-count">~?(\d+)', home))
    assert numbers["New candidates today"] == "3"
    assert numbers["New resumes today"] == "3"
    assert numbers["Low-confidence parses"] == "1"
    assert numbers["Rehire flags to review"] == "1"
    assert numbers["Offer"] == "1"
    assert numbers["Applied"] == "1"


def test_the_home_page_has_no_numbers_on_the_public_host(client: Client) -> None:
    from django.contrib.auth.models import User

    from tests.conftest import PASSWORD

    User.objects.create_superuser("platform@example.com", "platform@example.com", PASSWORD)
    public = {"host": "localhost"}
    client.post("/admin/login/", {"username": "platform@example.com", "password": PASSWORD}, headers=public)
    response = client.get("/admin/", headers=public)
    assert response.status_code == 200
    assert 'id="console-dashboard"' not in response.content.decode()


# --- Resume page, previews, download -----------------------------------------------


@pytest.mark.parametrize("username", ["hr@example.com", "recruiter@example.com", "viewer@example.com"])
def test_staff_see_a_pdf_resumes_pages_as_images_and_each_read_is_audited(
    client: Client, alpha: TenantFixture, seeded: Seeded, username: str
) -> None:
    signed_in(client, alpha, username)
    page = get(client, alpha, f"/admin/candidates/resume/{seeded.pdf.pk}/change/")
    image_url = f"/admin/candidates/resume/{seeded.pdf.pk}/pages/1.png"
    assert image_url in page
    assert reads(alpha, seeded.pdf) == []
    response = client.get(image_url, headers={"host": alpha.host})
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")
    (event,) = reads(alpha, seeded.pdf)
    assert event.actor == f"user:{user_in(alpha.tenant, username).pk}"
    assert event.changes == {"page": 1}


def test_a_page_past_the_end_and_a_file_without_pages_have_no_preview(
    client: Client, alpha: TenantFixture, seeded: Seeded
) -> None:
    signed_in(client, alpha)
    assert (
        client.get(f"/admin/candidates/resume/{seeded.pdf.pk}/pages/99.png", headers={"host": alpha.host}).status_code
        == 404
    )
    assert "No preview for this kind of file" in get(
        client, alpha, f"/admin/candidates/resume/{seeded.docx.pk}/change/"
    )
    assert (
        client.get(f"/admin/candidates/resume/{seeded.docx.pk}/pages/1.png", headers={"host": alpha.host}).status_code
        == 404
    )
    assert reads(alpha, seeded.pdf) == reads(alpha, seeded.docx) == []


def test_the_original_file_downloads_from_both_pages_and_each_download_is_audited(
    client: Client, alpha: TenantFixture, seeded: Seeded
) -> None:
    signed_in(client, alpha, "viewer@example.com")
    for url in (
        f"/admin/candidates/resume/{seeded.pdf.pk}/file/",
        f"/admin/candidates/candidate/{seeded.ada.pk}/resumes/{seeded.pdf.pk}/file/",
    ):
        response = client.get(url, headers={"host": alpha.host})
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF.read_bytes()  # type: ignore[attr-defined]
    assert [event.changes for event in reads(alpha, seeded.pdf)] == [{"file": "download"}] * 2


def test_another_tenants_staff_and_anonymous_users_get_no_resume_file(
    client: Client, alpha: TenantFixture, beta: TenantFixture, seeded: Seeded
) -> None:
    urls = [f"/admin/candidates/resume/{seeded.pdf.pk}/pages/1.png", f"/admin/candidates/resume/{seeded.pdf.pk}/file/"]
    for url in urls:
        assert client.get(url, headers={"host": alpha.host}).status_code == 302  # to the login page
    signed_in(client, beta)  # the same user name and id exist in beta
    for url in urls:
        assert client.get(url, headers={"host": beta.host}).status_code == 404
    for url in urls:
        assert client.get(url, headers={"host": alpha.host}).status_code == 302
    assert reads(alpha, seeded.pdf) == []


def test_the_resume_page_shows_each_fields_confidence_and_highlights_low_ones(
    client: Client, alpha: TenantFixture, seeded: Seeded
) -> None:
    signed_in(client, alpha)
    unsure = get(client, alpha, f"/admin/candidates/resume/{seeded.unsure.pk}/change/")
    assert unsure.count('class="low-confidence"') == 2
    assert "30%" in unsure
    confident = get(client, alpha, f"/admin/candidates/resume/{seeded.pdf.pk}/change/")
    assert 'class="low-confidence"' not in confident
    assert "90%" in confident


def test_the_low_confidence_queue_lists_only_unsure_parses(
    client: Client, alpha: TenantFixture, seeded: Seeded
) -> None:
    signed_in(client, alpha, "viewer@example.com")
    queue = get(client, alpha, "/admin/candidates/resume/?confidence=low")
    assert f"/admin/candidates/resume/{seeded.unsure.pk}/change/" in queue
    assert f"/admin/candidates/resume/{seeded.pdf.pk}/change/" not in queue


def test_the_candidate_page_links_each_resume_to_its_preview(
    client: Client, alpha: TenantFixture, seeded: Seeded
) -> None:
    signed_in(client, alpha)
    page = get(client, alpha, f"/admin/candidates/candidate/{seeded.ada.pk}/change/")
    assert f"/admin/candidates/resume/{seeded.pdf.pk}/change/" in page
    assert f"/admin/candidates/resume/{seeded.pdf.pk}/file/" in page


# --- Rehire flags queue ------------------------------------------------------------


def act(client: Client, fixture: TenantFixture, action: str, pks: list[int], **extra: str) -> str:
    response = client.post(
        "/admin/applications/application/",
        {"action": action, "_selected_action": [str(pk) for pk in pks], "index": "0", **extra},
        headers={"host": fixture.host},
        follow=True,
    )
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_rehire_queue_shows_the_former_employees_left_date_and_reason(
    client: Client, alpha: TenantFixture, seeded: Seeded
) -> None:
    signed_in(client, alpha, "viewer@example.com")
    queue = get(client, alpha, "/admin/applications/application/?rehire_review=open")
    assert "Dismissed for misconduct" in queue
    assert "03/31/2024" in queue
    assert f"/admin/applications/application/{seeded.applied.pk}/change/" not in queue


def test_a_recruiter_is_refused_hiring_a_flagged_applicant_with_the_reason_on_the_page(
    client: Client, alpha: TenantFixture, seeded: Seeded
) -> None:
    signed_in(client, alpha, "recruiter@example.com")
    page = act(client, alpha, "move_to_hired", [seeded.flagged.pk])
    assert "matches a former employee: hiring needs an hr_admin's override" in page
    refused = act(client, alpha, "hire_with_override", [seeded.flagged.pk], apply="yes", reason="please")
    assert "No action selected." in refused
    with tenant_context(alpha.tenant, actor="test"):
        assert Application.objects.get(pk=seeded.flagged.pk).stage == Stage.OFFER


def test_an_hr_admin_overrides_with_a_reason_and_the_override_is_recorded(
    client: Client, alpha: TenantFixture, seeded: Seeded
) -> None:
    signed_in(client, alpha)
    asked = act(client, alpha, "hire_with_override", [seeded.flagged.pk])
    assert "Hire despite a former-employee match" in asked
    done = act(client, alpha, "hire_with_override", [seeded.flagged.pk], apply="yes", reason="Cleared on appeal")
    assert "1 application moved to hired." in done
    with tenant_context(alpha.tenant, actor="test"):
        change = StageChange.objects.get(application=seeded.flagged, to_stage=Stage.HIRED)
        assert change.override
        assert change.reason == "Cleared on appeal"
        assert AuditEvent.objects.filter(
            object_type="applications_stagechange", object_id=str(change.pk), actor=f"user:{change.actor_id}"
        ).exists()


# --- Job pipeline and CSV export ---------------------------------------------------


def test_the_pipeline_counts_and_lists_a_jobs_applications_by_stage(
    client: Client, alpha: TenantFixture, seeded: Seeded
) -> None:
    signed_in(client, alpha, "viewer@example.com")
    page = get(client, alpha, f"/admin/applications/job/{seeded.job.pk}/pipeline/")
    applied = page.split('data-stage="applied"')[1].split('data-stage="screening"')[0]
    offer = page.split('data-stage="offer"')[1].split('data-stage="hired"')[0]
    assert "(1)" in applied
    assert "Ada Lovelace" in applied
    assert "Bob Former" not in applied
    assert "(1)" in offer
    assert "Bob Former" in offer
    assert 'value="export_csv"' in page
    assert 'value="move_to_interview"' not in page  # a viewer changes nothing


def test_the_pipeline_moves_the_ticked_applications_through_the_service(
    client: Client, alpha: TenantFixture, seeded: Seeded
) -> None:
    signed_in(client, alpha, "recruiter@example.com")
    page = get(client, alpha, f"/admin/applications/job/{seeded.job.pk}/pipeline/")
    assert 'value="move_to_screening"' in page
    done = act(client, alpha, "move_to_screening", [seeded.applied.pk])
    assert "1 application moved to screening." in done
    with tenant_context(alpha.tenant, actor="test"):
        change = StageChange.objects.get(application=seeded.applied, to_stage=Stage.SCREENING)
        assert change.actor_id == user_in(alpha.tenant, "recruiter@example.com").pk


def test_another_tenant_cannot_open_a_jobs_pipeline(client: Client, beta: TenantFixture, seeded: Seeded) -> None:
    signed_in(client, beta)
    assert (
        client.get(f"/admin/applications/job/{seeded.job.pk}/pipeline/", headers={"host": beta.host}).status_code == 404
    )


def test_the_csv_export_holds_the_selection_defuses_formulas_and_is_audited(
    client: Client, alpha: TenantFixture, seeded: Seeded
) -> None:
    with tenant_context(alpha.tenant, actor="test"):
        Candidate.objects.filter(pk=seeded.ada.pk).update(full_name="=HYPERLINK(1)")
    signed_in(client, alpha, "viewer@example.com")
    response = client.post(
        "/admin/applications/application/",
        {"action": "export_csv", "_selected_action": [str(seeded.applied.pk)], "index": "0"},
        headers={"host": alpha.host},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["application", "candidate", "email"]
    assert rows[1][:4] == [str(seeded.applied.pk), "'=HYPERLINK(1)", "ada@example.com", "AN-1"]
    assert len(rows) == 2
    with tenant_context(alpha.tenant, actor="test"):
        event = AuditEvent.objects.get(object_type="applications_application", action="read")
        assert event.changes == {"export": "csv", "applications": [seeded.applied.pk]}
        assert event.actor == f"user:{user_in(alpha.tenant, 'viewer@example.com').pk}"


# --- Language preference -----------------------------------------------------------


def test_a_staff_user_chooses_german_and_only_they_see_it(client: Client, alpha: TenantFixture) -> None:
    signed_in(client, alpha, "viewer@example.com")
    form = client.get("/admin/staff/staffpreference/", headers={"host": alpha.host}, follow=True)
    assert form.status_code == 200
    assert 'name="language"' in form.content.decode()
    response = client.post("/admin/staff/staffpreference/add/", {"language": "de"}, headers={"host": alpha.host})
    assert response.status_code == 302
    assert "Abmelden" in get(client, alpha, "/admin/")
    with tenant_context(alpha.tenant, actor="test"):
        preference = StaffPreference.objects.get()
        assert preference.user.username == "viewer@example.com"
        assert AuditEvent.objects.filter(object_type="staff_staffpreference", action="insert").exists()
    other = Client()
    signed_in(other, alpha, "recruiter@example.com")
    assert "Log out" in get(other, alpha, "/admin/")
    assert other.get(
        f"/admin/staff/staffpreference/{preference.pk}/change/", headers={"host": alpha.host}
    ).status_code in (302, 403, 404)


def test_an_unknown_language_is_refused(client: Client, alpha: TenantFixture) -> None:
    signed_in(client, alpha)
    response = client.post("/admin/staff/staffpreference/add/", {"language": "xx"}, headers={"host": alpha.host})
    assert response.status_code == 200  # the form again
    with tenant_context(alpha.tenant, actor="test"):
        assert not StaffPreference.objects.exists()
