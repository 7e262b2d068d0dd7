"""Erasure that erases everywhere, and the export of a candidate's data.

The person is seeded as the product meets them: two mails through the real
store service and pipeline (a PDF resume, then a resume in the mail body with a
phone number), an application moved with reasons, notes, a merge with another
record of theirs, a duplicate review, the admin's history, file reads and the
audit trail the triggers write. Both tenants get the same person; only alpha's
is erased.
"""

import datetime
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from pytest_django.fixtures import Settings as SettingsWrapper

from apps.applications.models import Application, Job, Stage, StageChange
from apps.applications.services import application_move, job_create
from apps.audit.models import AuditEvent
from apps.candidates.models import Candidate, DuplicateReview, Merge, Resume
from apps.candidates.privacy import candidate_erase
from apps.candidates.services import candidate_create, candidate_merge, candidate_set_status, merge_undo, note_create
from apps.ingestion.models import InboundMessage
from apps.ingestion.pipeline import message_process
from apps.ingestion.services import message_store
from apps.staff.audit import resume_download
from apps.tenants.context import tenant_context
from apps.tenants.models import Tenant
from ats.errors import ConflictError
from tests.conftest import TenantFixture, api_client, user_in
from tests.ingestion.payloads import build_mime, resume_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

PDF = "rendercv__John_Doe_ClassicTheme_CV.pdf"
NAME = "John Doe"
EMAIL = "john.doe@email.com"
PHONE = "+14155550199"
PHONE_WRITTEN = "415 555 0199"
OTHER_NAME = "J. Doe"
OTHER_EMAIL = "jd.private@example.org"
PHRASE = "Resource-Constrained Deployment"  # from the PDF's text
# Every way the person's data was written down in the seed.
NEEDLES = (NAME, PDF.removesuffix(".pdf"), EMAIL, PHONE, PHONE_WRITTEN, OTHER_NAME, OTHER_EMAIL, PHRASE)
BODY_RESUME = (
    f"{NAME}\n{EMAIL} | +1 {PHONE_WRITTEN}\nSan Francisco, CA\n\n"
    "EXPERIENCE\nCo-Founder & CTO, Nexus AI\nJun 2023 - Present\n- Built inference services\n\n"
    "EDUCATION\nPhD Computer Science, Princeton University, 2018 - 2023\n\n"
    f"SKILLS\nPython, PyTorch, CUDA\n\nThesis: {PHRASE}\n"
)


def ingested(tenant: Tenant, raw: bytes, job_code: str | None = None) -> InboundMessage:
    stored = message_store(tenant=tenant, raw_mime=raw, channel="mailbox", job_code=job_code)
    assert stored.message_id is not None
    assert message_process(message_id=stored.message_id) == "done"
    return InboundMessage.objects.get(pk=stored.message_id)


def seed_person(fixture: TenantFixture) -> Candidate:
    """The person, everywhere the product keeps data about someone. Returns the
    surviving candidate."""
    tenant = fixture.tenant
    with tenant_context(tenant, actor="test:seed"):
        hr = User.objects.get(username="hr@example.com")
        job_create(title="ML engineer", code="ML-1", status=Job.Status.OPEN)
        first = ingested(tenant, build_mime(attachments=[resume_file(PDF)], sender=f"{NAME} <{EMAIL}>"), "ML-1")
        second = ingested(tenant, build_mime(body=BODY_RESUME, sender=f"{NAME} <{EMAIL}>"))
        assert first.candidate_id == second.candidate_id
        assert first.candidate is not None
        candidate = first.candidate
        assert PHONE in candidate.phones
        assert Resume.objects.filter(candidate=candidate).count() == 2
        application = Application.objects.get(candidate=candidate)
        application_move(application=application, to_stage=Stage.SCREENING, actor=hr, reason=f"{NAME} looks strong")
        application_move(application=application, to_stage=Stage.REJECTED, actor=hr, reason=f"{NAME} took {PHRASE}")
        note_create(candidate=candidate, author=hr, body=f"Call {NAME} on {PHONE_WRITTEN}")
        note_create(candidate=candidate, author=hr, body=f"{NAME} asked about the team", application=application)
        other = candidate_create(full_name=OTHER_NAME, emails=[OTHER_EMAIL], source=Candidate.Source.API)
        candidate_merge(survivor=candidate, merged=other, actor=hr)
        stranger = candidate_create(full_name="Jane Roe", emails=["jane.roe@example.net"])
        DuplicateReview.objects.create(candidate=stranger, other=candidate, score=0.7, reasons=[f"name ~ {NAME}"])
        candidate_set_status(
            candidate=candidate, status=Candidate.Status.LEFT, left_on=datetime.date(2024, 1, 31),
            left_reason=f"{NAME} moved to {PHRASE}",
        )  # fmt: skip
        LogEntry.objects.log_actions(
            user_id=hr.pk,
            queryset=[candidate],
            action_flag=CHANGE,
            change_message=[{"added": {"name": "note", "object": f"Call {NAME}"}}],
        )
        # Not response.close(): that is the end of a request, which closes the database connection.
        download = resume_download(user=hr, resume=Resume.objects.filter(candidate=candidate).earliest("pk"))
        download.file_to_stream.close()  # type: ignore[union-attr]  # a FileResponse always has its file
        candidate.refresh_from_db()
        return candidate


def schema_hits(fixture: TenantFixture, needles: tuple[str, ...]) -> dict[str, list[str]]:
    """needle -> the "table.column"s (or "table" for a whole row read as text) of
    the tenant's schema where it occurs, case-insensitively in text and exactly
    in bytes. Every table the runtime role may read; the one it may not
    (django_migrations) holds no tenant data."""
    schema = fixture.tenant.schema_name
    hits: dict[str, list[str]] = {needle: [] for needle in needles}
    with tenant_context(fixture.tenant, actor="test"), connection.cursor() as cursor:
        cursor.execute(
            """SELECT c.relname, has_table_privilege(c.oid, 'SELECT'),
                   array(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0
                         AND NOT a.attisdropped AND a.atttypid = 'bytea'::regtype)
               FROM pg_class c WHERE c.relnamespace = %s::regnamespace AND c.relkind IN ('r', 'p')
               ORDER BY c.relname""",
            [schema],
        )
        tables = cursor.fetchall()
        assert {name for name, readable, _ in tables if not readable} == {"django_migrations"}
        for table, readable, binary in tables:
            if not readable:
                continue
            for needle in needles:
                cursor.execute(
                    f'SELECT count(*) FROM "{schema}"."{table}" AS t WHERE strpos(lower(t::text), lower(%s)) > 0',
                    [needle],
                )
                if cursor.fetchone()[0]:
                    hits[needle].append(table)
                for column in binary:
                    cursor.execute(
                        f'SELECT count(*) FROM "{schema}"."{table}"'
                        f" WHERE position(convert_to(%s, 'UTF8') in \"{column}\") > 0",
                        [needle],
                    )
                    if cursor.fetchone()[0]:
                        hits[needle].append(f"{table}.{column}")
    return hits


def files_under(root: Path, schema: str) -> list[Path]:
    folder = root / "tenants" / schema
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


def search(fixture: TenantFixture, term: str, archived: bool = False) -> list[dict[str, Any]]:
    params = {"search": term, **({"archived": "true"} if archived else {})}
    response = api_client(fixture).get("/api/candidates/", params)
    assert response.status_code == 200
    return list(response.json()["results"])


@pytest.fixture
def people(alpha: TenantFixture, beta: TenantFixture) -> tuple[Candidate, Candidate]:
    return seed_person(alpha), seed_person(beta)


def test_an_erased_candidate_leaves_no_trace_in_the_schema_storage_or_search_and_the_other_tenant_keeps_theirs(
    alpha: TenantFixture,
    beta: TenantFixture,
    people: tuple[Candidate, Candidate],
    media_root: Path,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    person, beta_person = people
    before = schema_hits(alpha, NEEDLES)
    assert all(before.values()), f"the seed does not hold every needle: {before}"
    assert files_under(media_root, alpha.tenant.schema_name)
    for term in (NAME, EMAIL, PHRASE):
        assert search(alpha, term)
    with tenant_context(alpha.tenant, actor="test"):
        merges = list(Merge.objects.filter(survivor=person).values_list("pk", flat=True))
        events_before = set(AuditEvent.objects.values_list("pk", flat=True))

    hr = api_client(alpha)
    with django_capture_on_commit_callbacks(execute=True):
        assert hr.post(f"/api/candidates/{person.pk}/erase/").status_code == 204

    assert schema_hits(alpha, NEEDLES) == {needle: [] for needle in NEEDLES}
    assert files_under(media_root, alpha.tenant.schema_name) == []
    for term in (NAME, EMAIL, PHONE, PHRASE, OTHER_EMAIL):
        assert search(alpha, term) == []
        assert search(alpha, term, archived=True) == []
    with tenant_context(alpha.tenant, actor="test"):
        # Who did what when stays: no event was deleted, and the erasure is one more.
        assert events_before <= set(AuditEvent.objects.values_list("pk", flat=True))
        erase = AuditEvent.objects.get(action=AuditEvent.Action.ERASE, object_id=str(person.pk))
        assert erase.actor == f"user:{user_in(alpha.tenant, 'hr@example.com').pk}"
        assert erase.changes["reason"] == "request"
        assert sorted(erase.changes["candidates"]) == sorted([person.pk, Merge.objects.get(pk=merges[0]).merged_id])
        erased = Candidate.objects.get(pk=person.pk)
        assert erased.erased_at is not None
        assert erased.archived_at is not None
        assert erased.search_vector is None
        # The shape stays: the application and its stage history, without the reasons.
        application = Application.objects.get(candidate=person)
        assert (application.stage, application.rejection_reason) == (Stage.REJECTED, "")
        reasons = StageChange.objects.filter(application=application).values_list("reason", flat=True)
        assert list(reasons) == ["", "", ""]
        with pytest.raises(ConflictError) as refused:
            merge_undo(merge=Merge.objects.get(pk=merges[0]), actor=None)
        assert refused.value.code == "merge_erased"

    assert all(schema_hits(beta, NEEDLES).values())
    assert files_under(media_root, beta.tenant.schema_name)
    assert [row["id"] for row in search(beta, NAME)] == [beta_person.pk]
    with tenant_context(beta.tenant, actor="test"):
        kept = Candidate.objects.get(pk=beta_person.pk)
        assert (kept.full_name, kept.erased_at, Resume.objects.filter(candidate=kept).count()) == (NAME, None, 2)


def test_erasing_twice_is_harmless_and_the_former_employee_is_still_recognised(
    alpha: TenantFixture, people: tuple[Candidate, Candidate], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    person, _ = people
    with tenant_context(alpha.tenant, actor="test"), django_capture_on_commit_callbacks(execute=True):
        hr = User.objects.get(username="hr@example.com")
        first = candidate_erase(candidate=person, actor=hr)
        second = candidate_erase(candidate=person, actor=hr)
        assert first.erased_at == second.erased_at
        assert AuditEvent.objects.filter(action=AuditEvent.Action.ERASE, object_id=str(person.pk)).count() == 2
    assert schema_hits(alpha, NEEDLES) == {needle: [] for needle in NEEDLES}
    with tenant_context(alpha.tenant, actor="test"):
        back = ingested(alpha.tenant, build_mime(body=BODY_RESUME.replace(NAME, "Johnny Walker")))
        assert back.candidate is not None
        assert back.candidate.former_employee_id == person.pk


@pytest.fixture
def a_candidate(alpha: TenantFixture, beta: TenantFixture) -> tuple[Candidate, Candidate]:
    with tenant_context(alpha.tenant, actor="test"):
        first = candidate_create(full_name="Maria Lopez", emails=["maria@example.com"])
    with tenant_context(beta.tenant, actor="test"):
        beta_first = candidate_create(full_name="Maria Lopez", emails=["maria@example.com"])
    return first, beta_first


@pytest.mark.parametrize("path", ["erase", "export"])
def test_only_an_hr_admin_of_the_tenant_erases_or_exports(
    alpha: TenantFixture, beta: TenantFixture, a_candidate: tuple[Candidate, Candidate], path: str
) -> None:
    first, beta_first = a_candidate
    call: Callable[[Client, str], Any] = (
        (lambda c, url: c.post(url)) if path == "erase" else (lambda c, url: c.get(url))
    )
    url = f"/api/candidates/{first.pk}/{path}/"
    assert call(Client(headers={"host": alpha.host}), url).status_code == 401
    assert call(api_client(alpha, "recruiter@example.com"), url).status_code == 403
    assert call(api_client(alpha, "viewer@example.com"), url).status_code == 403
    with tenant_context(alpha.tenant, actor="test"):
        alpha_ids = set(Candidate.objects.values_list("pk", flat=True))
    if beta_first.pk not in alpha_ids:
        assert call(api_client(alpha), f"/api/candidates/{beta_first.pk}/{path}/").status_code == 404
    with tenant_context(alpha.tenant, actor="test"):
        assert Candidate.objects.get(pk=first.pk).erased_at is None
    assert call(api_client(alpha), url).status_code == (204 if path == "erase" else 200)
    with tenant_context(beta.tenant, actor="test"):
        assert Candidate.objects.get(pk=beta_first.pk).full_name == "Maria Lopez"


def test_the_export_holds_the_candidate_their_history_and_their_files_and_is_audited_as_a_read(
    alpha: TenantFixture, people: tuple[Candidate, Candidate]
) -> None:
    person, _ = people
    response = api_client(alpha).get(f"/api/candidates/{person.pk}/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))  # type: ignore[attr-defined]
    document = json.loads(archive.read("candidate.json"))
    assert document["candidate"]["full_name"] == NAME
    assert PHONE in document["candidate"]["phones"]
    assert [row["full_name"] for row in document["merged_candidates"]] == [OTHER_NAME]
    assert {resume["filename"] for resume in document["resumes"]} == {PDF, "email-body.txt"}
    assert any(PHRASE in resume["extracted_text"] for resume in document["resumes"])
    [application] = document["applications"]
    assert [change["to"] for change in application["stage_history"]] == ["applied", "screening", "rejected"]
    assert {note["body"] for note in document["notes"]} >= {f"Call {NAME} on {PHONE_WRITTEN}"}
    assert document["audit_events"]
    pdf = next(resume["file"] for resume in document["resumes"] if resume["filename"] == PDF)
    assert archive.read(pdf) == resume_file(PDF)[1]
    with tenant_context(alpha.tenant, actor="test"):
        reads = AuditEvent.objects.filter(action=AuditEvent.Action.READ)
        hr = f"user:{user_in(alpha.tenant, 'hr@example.com').pk}"
        assert reads.filter(object_type="candidates_candidate", object_id=str(person.pk), actor=hr).exists()
        resumes = Resume.objects.filter(candidate=person).values_list("pk", flat=True)
        exported = reads.filter(object_type="candidates_resume", changes={"file": "export"})
        assert sorted(int(pk) for pk in exported.values_list("object_id", flat=True)) == sorted(resumes)


def test_an_export_larger_than_the_cap_is_refused(
    alpha: TenantFixture, people: tuple[Candidate, Candidate], settings: SettingsWrapper
) -> None:
    person, _ = people
    settings.PRIVACY_EXPORT_MAX_BYTES = 1000
    response = api_client(alpha).get(f"/api/candidates/{person.pk}/export/")
    assert response.status_code == 413
    assert response.json()["code"] == "export_too_large"


def test_tenant_tasks_keep_no_results_in_the_shared_result_table() -> None:
    # django_celery_results' table is in the public schema: a tenant task's return
    # value (the ingest task's is a status word anyway) must not land there.
    from apps.candidates.tasks import apply_retention
    from apps.ingestion.tasks import ingest_message

    assert ingest_message.ignore_result
    assert apply_retention.ignore_result


def test_a_resume_file_lost_from_storage_is_named_missing_in_the_export(
    alpha: TenantFixture, people: tuple[Candidate, Candidate], media_root: Path
) -> None:
    person, _ = people
    with tenant_context(alpha.tenant, actor="test"):
        lost = Resume.objects.filter(candidate=person, filename=PDF).get()
        (media_root / lost.file.name).unlink()
    response = api_client(alpha).get(f"/api/candidates/{person.pk}/export/")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))  # type: ignore[attr-defined]
    files = {resume["filename"]: resume["file"] for resume in json.loads(archive.read("candidate.json"))["resumes"]}
    assert files[PDF] is None
    assert archive.namelist() == ["candidate.json", files["email-body.txt"]]
