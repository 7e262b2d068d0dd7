"""The pipeline, run in process: a stored message becomes one candidate, its resume and an application."""

import datetime
import io
from typing import Any

import pytest
from django.db import connection
from django.db.models import Q
from PIL import Image

from apps.applications.models import Application, Job
from apps.applications.services import job_create
from apps.audit.models import AuditEvent
from apps.candidates.models import Candidate, CandidateKey, DuplicateReview, Resume
from apps.candidates.selectors import candidate_search
from apps.candidates.services import candidate_create, candidate_search_refresh
from apps.ingestion import pipeline
from apps.ingestion.models import InboundAttachment, InboundMessage
from apps.ingestion.pipeline import message_process
from apps.ingestion.services import Stored, message_reprocess, message_store
from apps.ingestion.text_pdf import text_pdf
from apps.tenants.context import tenant_context
from tests.conftest import TenantFixture
from tests.ingestion.conftest import build_pdf, mupdf
from tests.ingestion.payloads import RESUMES, build_mime, resume_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

RESUME = "rendercv__John_Doe_ClassicTheme_CV.pdf"
LETTER = "awesome-cv__coverletter.pdf"


def store(fixture: TenantFixture, raw: bytes, job_code: str | None = None) -> Stored:
    return message_store(tenant=fixture.tenant, raw_mime=raw, channel="mailgun", job_code=job_code)


def processed(stored: Stored) -> InboundMessage:
    assert stored.message_id is not None
    assert message_process(message_id=stored.message_id) == "done"
    return InboundMessage.objects.get(pk=stored.message_id)


def test_a_mailed_resume_becomes_a_candidate_with_its_resume_and_an_application(in_alpha: TenantFixture) -> None:
    job = job_create(title="Backend engineer", code="BE-42", status=Job.Status.OPEN)
    message = processed(store(in_alpha, build_mime(attachments=[resume_file(RESUME)]), job_code="be-42"))
    assert message.status == InboundMessage.Status.DONE
    candidate = Candidate.objects.get()
    assert candidate.full_name == "John Doe"
    assert "john.doe@email.com" in candidate.emails
    assert candidate.source == Candidate.Source.EMAIL
    resume = Resume.objects.get()
    assert resume.candidate == candidate
    assert resume.is_current
    assert resume.status == Resume.Status.PARSED
    assert resume.file.read() == (RESUMES / RESUME).read_bytes()
    assert resume.page_count
    assert "John Doe" in resume.extracted_text
    assert resume.parsed["name"] == "John Doe"
    application = Application.objects.get()
    assert (application.candidate, application.job, application.source) == (candidate, job, "email")
    assert message.candidate == candidate
    assert message.application == application
    assert message.summary["outcome"] == "new"
    attachment = InboundAttachment.objects.get()
    assert (attachment.kind, attachment.resume) == (InboundAttachment.Kind.RESUME, resume)


def test_a_scan_is_read_in_the_language_the_tenant_expects(
    in_alpha: TenantFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Provisioning sets the language (the runtime role cannot write tenants): here, in memory.
    monkeypatch.setattr(in_alpha.tenant, "resume_language", "fra")
    lines = ["Hélène Côté", "helene.cote@example.com", "Expérience", "Infirmière, Hôpital Saint-Louis", "2019 - 2023"]
    scan = _scan(lines)
    processed(store(in_alpha, build_mime(attachments=[("cv-helene.tiff", scan, "image/tiff")])))
    # Too few French small words to tell the language: read in English, "Héléne Cété".
    assert Candidate.objects.get().full_name == "Hélène Côté"


def _scan(lines: list[str]) -> bytes:
    """A TIFF of the lines drawn on a page at 200 DPI."""
    pdf = mupdf.open(stream=build_pdf([[(40, 50 + 24 * i, line, 14) for i, line in enumerate(lines)]], height=300))
    pixmap = pdf[0].get_pixmap(dpi=200, colorspace=mupdf.csGRAY)
    buffer = io.BytesIO()
    Image.frombytes("L", (pixmap.width, pixmap.height), pixmap.samples).save(buffer, format="TIFF")
    return buffer.getvalue()


def test_a_mailed_candidate_is_found_by_search_on_their_name_and_their_resume_text(in_alpha: TenantFixture) -> None:
    processed(store(in_alpha, build_mime(attachments=[resume_file(RESUME)])))
    candidate = Candidate.objects.get()
    word = next(word for word in Resume.objects.get().extracted_text.split() if word.isalpha() and len(word) > 6)
    assert word.casefold() not in f"{candidate.full_name} {candidate.skills} {candidate.emails}".casefold()
    for term in ("John Doe", word):
        assert list(candidate_search(Candidate.objects.all(), term)) == [candidate]


def test_the_search_vector_written_with_the_resume_is_the_one_a_refresh_computes(in_alpha: TenantFixture) -> None:
    # The resume's INSERT sets the vector from the new resume's text in the same statement.
    processed(store(in_alpha, build_mime(attachments=[resume_file(RESUME)])))
    candidate = Candidate.objects.get()
    written = Candidate.objects.values_list("search_vector", flat=True).get()
    assert written
    candidate_search_refresh(candidate_ids=[candidate.pk])
    assert Candidate.objects.values_list("search_vector", flat=True).get() == written


def test_a_cover_letter_beside_the_resume_creates_no_second_candidate(in_alpha: TenantFixture) -> None:
    raw = build_mime(attachments=[resume_file(LETTER), resume_file("awesome-cv__resume.pdf")])
    processed(store(in_alpha, raw))
    candidate = Candidate.objects.get()
    assert candidate.full_name == "Byungjin Park"
    kinds = dict(InboundAttachment.objects.values_list("filename", "kind"))
    assert kinds == {LETTER: "cover_letter", "awesome-cv__resume.pdf": "resume"}


def test_a_cover_letter_alone_creates_no_candidate(in_alpha: TenantFixture) -> None:
    message = processed(store(in_alpha, build_mime(attachments=[resume_file(LETTER)])))
    assert not Candidate.objects.exists()
    assert message.summary["outcome"] == "no_resume"
    assert message.reason == "no_resume"


def test_the_mail_body_is_the_resume_when_nothing_is_attached(in_alpha: TenantFixture) -> None:
    body = (
        "Jane Roe\njane.roe@example.com | +1 415 555 0100\nSan Francisco, CA\n\n"
        "EXPERIENCE\nSenior Backend Engineer, Acme Corp\nJan 2019 - Present\n- Built Python and Django services\n\n"
        "EDUCATION\nB.Sc. Computer Science, Stanford University, 2012 - 2016\n\n"
        "SKILLS\nPython, Django, PostgreSQL, Redis, Celery\n"
    )
    message = processed(store(in_alpha, build_mime(body=body)))
    candidate = Candidate.objects.get()
    assert candidate.emails == ["jane.roe@example.com"]
    assert message.summary["resume_from"] == "body"
    assert Resume.objects.get().filename == "email-body.txt"


def test_a_small_logo_is_not_read_as_a_resume(in_alpha: TenantFixture) -> None:
    png = (RESUMES.parent / "hostile" / "derived__png_named_as.pdf").read_bytes()
    raw = build_mime(attachments=[("logo.png", png, "image/png"), resume_file(RESUME)])
    processed(store(in_alpha, raw))
    kinds = dict(InboundAttachment.objects.values_list("filename", "kind"))
    assert kinds == {"logo.png": "other", RESUME: "resume"}
    assert Candidate.objects.count() == 1


def test_a_closed_job_gets_no_application_and_says_why(in_alpha: TenantFixture) -> None:
    job_create(title="Old role", code="OLD-1", status=Job.Status.CLOSED)
    message = processed(store(in_alpha, build_mime(attachments=[resume_file(RESUME)]), job_code="OLD-1"))
    assert Candidate.objects.count() == 1
    assert not Application.objects.exists()
    assert message.summary["application"] == "job_not_open"


def test_an_unknown_job_code_is_recorded(in_alpha: TenantFixture) -> None:
    message = processed(store(in_alpha, build_mime(attachments=[resume_file(RESUME)]), job_code="NOPE"))
    assert message.summary["application"] == "unknown_job"
    assert Candidate.objects.count() == 1


def test_the_same_message_twice_makes_one_message_one_candidate_one_application(in_alpha: TenantFixture) -> None:
    job_create(title="Backend engineer", code="BE-42", status=Job.Status.OPEN)
    raw = build_mime(attachments=[resume_file(RESUME)])
    first = store(in_alpha, raw, job_code="BE-42")
    second = store(in_alpha, raw, job_code="BE-42")
    assert (first.created, second.created, second.outcome) == (True, False, "known")
    assert first.message_id == second.message_id
    processed(first)
    assert first.message_id is not None
    assert message_process(message_id=first.message_id) == "not_claimed"  # a second delivery of the task
    assert (InboundMessage.objects.count(), Candidate.objects.count(), Application.objects.count()) == (1, 1, 1)


def test_reprocessing_a_done_message_keeps_one_candidate_and_one_application(in_alpha: TenantFixture) -> None:
    job_create(title="Backend engineer", code="BE-42", status=Job.Status.OPEN)
    message = processed(store(in_alpha, build_mime(attachments=[resume_file(RESUME)]), job_code="BE-42"))
    assert message_reprocess(message=message)
    again = processed(Stored(message.pk, False, "known"))
    assert again.summary["application"] == "duplicate_application"
    assert (Candidate.objects.count(), Resume.objects.count(), Application.objects.count()) == (1, 1, 1)


def test_a_known_candidates_new_resume_becomes_current_and_the_old_one_is_kept(in_alpha: TenantFixture) -> None:
    def resume(title: str) -> tuple[str, bytes, str]:
        lines = [("Jane Roe", 20), ("jane.roe@example.com | +1 415 555 0100", 10), ("EXPERIENCE", 13),
                 (f"{title}, Acme Corp", 11), ("Jan 2019 - Present", 10), ("EDUCATION", 13),
                 ("B.Sc. Computer Science, Stanford University, 2012 - 2016", 10)]  # fmt: skip
        return ("cv.pdf", text_pdf(lines), "application/pdf")

    first = processed(store(in_alpha, build_mime(attachments=[resume("Backend Engineer")])))
    second = processed(store(in_alpha, build_mime(attachments=[resume("Staff Engineer")])))
    assert (first.summary["outcome"], second.summary["outcome"]) == ("new", "same")
    candidate = Candidate.objects.get()
    old, new = Resume.objects.filter(candidate=candidate).order_by("id")
    assert (old.is_current, new.is_current) == (False, True)
    assert "Staff Engineer" in new.extracted_text


def test_every_write_of_a_processed_message_is_audited(in_alpha: TenantFixture) -> None:
    before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    message = processed(store(in_alpha, build_mime(attachments=[resume_file(RESUME)])))
    events = AuditEvent.objects.filter(id__gt=before).order_by("id")
    written = {(event.object_type, event.action) for event in events}
    assert {
        ("ingestion_inboundmessage", "insert"),
        ("ingestion_inboundmessage", "update"),
        ("candidates_candidate", "insert"),
        ("candidates_resume", "insert"),
        ("ingestion_inboundattachment", "insert"),
    } <= written
    updates = [event.changes for event in events.filter(object_id=str(message.pk), action="update")]
    assert [changes["status"] for changes in updates] == [["received", "processing"], ["processing", "done"]]
    assert updates[1]["candidate_id"] == [None, message.candidate_id]


def test_an_unreadable_attachment_is_noted_and_the_message_still_finishes(in_alpha: TenantFixture) -> None:
    broken = (RESUMES.parent / "hostile" / "qpdf__issue-100.pdf").read_bytes()
    message = processed(store(in_alpha, build_mime(attachments=[("cv.pdf", broken, "application/pdf")])))
    assert message.status == InboundMessage.Status.DONE
    assert message.summary["outcome"] == "no_resume"
    assert message.summary["unreadable"]
    assert not Candidate.objects.exists()


@pytest.mark.parametrize(
    ("header", "value", "reason"),
    [
        ("Auto-Submitted", "auto-replied", "auto_reply"),
        ("Precedence", "bulk", "auto_reply"),
        ("X-Autoreply", "yes", "auto_reply"),
    ],
)
def test_auto_replies_are_stored_as_skipped_and_never_processed(
    in_alpha: TenantFixture, header: str, value: str, reason: str
) -> None:
    stored = store(in_alpha, build_mime(attachments=[resume_file(RESUME)], extra_headers={header: value}))
    assert stored.outcome == f"skipped_{reason}"
    assert stored.message_id is not None
    assert message_process(message_id=stored.message_id) == "not_claimed"
    assert not Candidate.objects.exists()


def test_a_delivery_status_report_is_a_bounce(in_alpha: TenantFixture) -> None:
    from email.message import EmailMessage

    report = EmailMessage()
    report["From"] = "Mail Delivery System <MAILER-DAEMON@mx.example.com>"
    report["Message-ID"] = "<bounce-1@mx.example.com>"
    report.set_content("Delivery failed.")
    report.make_mixed()
    report.replace_header("Content-Type", 'multipart/report; report-type=delivery-status; boundary="b"')
    assert store(in_alpha, bytes(report.as_bytes())).outcome == "skipped_bounce"


def _written(message_id: int) -> dict[str, Any]:
    """The rows processing wrote for a message, without ids and times."""
    message = InboundMessage.objects.get(pk=message_id)
    candidate = message.candidate
    assert candidate is not None
    resume = Resume.objects.get(candidate=candidate)
    moments = {"id", "created_at", "updated_at", "claimed_at", "processed_at", "received_at"}
    fields = [field.attname for field in Candidate._meta.concrete_fields if field.attname not in moments]
    events = AuditEvent.objects.filter(
        Q(object_type="candidates_candidate", object_id=str(candidate.pk))
        | Q(object_type="candidates_resume", object_id=str(resume.pk))
    )
    resume_fields = [field.attname for field in Resume._meta.concrete_fields if field.attname not in moments]
    stored = Resume.objects.filter(pk=resume.pk).values(*resume_fields).get()
    stored["file"] = stored["file"].split("/resumes/")[1]  # under the tenant's folder
    del stored["candidate_id"]
    return {
        "candidate": Candidate.objects.filter(pk=candidate.pk).values(*fields).get(),
        "keys": sorted(CandidateKey.objects.filter(candidate=candidate).values_list("key", flat=True)),
        "reviews": list(DuplicateReview.objects.filter(candidate=candidate).values_list("score", "reasons", "status")),
        "resume": stored,
        "attachments": sorted(
            (
                row.index,
                row.filename,
                row.content_type,
                row.detected_type,
                row.size,
                row.sha256,
                row.kind,
                row.resume_id == resume.pk,
            )
            for row in InboundAttachment.objects.filter(message=message)
        ),
        "message": (message.status, message.reason, message.error, message.application_id),
        "summary": {
            **message.summary,
            "candidate": message.summary["candidate"] == candidate.pk,
            "resume": message.summary["resume"] == resume.pk,
        },
        "events": sorted((event.object_type, event.action, event.actor) for event in events),
    }


@pytest.mark.parametrize("namesake", [False, True], ids=["new", "possible"])
def test_a_new_persons_rows_written_in_one_statement_are_those_the_transaction_writes(
    alpha: TenantFixture, beta: TenantFixture, monkeypatch: pytest.MonkeyPatch, namesake: bool
) -> None:
    # Alpha writes them in one statement, beta (the one-statement path turned off) as
    # candidate_ingest_apply, resume_store and message_done do, in a transaction.
    raw = build_mime(attachments=[resume_file(LETTER), resume_file(RESUME)])
    written = []
    for fixture, one_statement in ((alpha, True), (beta, False)):
        with tenant_context(fixture.tenant, actor="test"):
            if namesake:  # the same name and town, another address: a possible match
                candidate_create(full_name="John Doe", emails=["jd@example.org"], location="San Francisco, CA")
            monkeypatch.setattr(pipeline, "_in_one_statement", lambda message, plan, on=one_statement: on)
            message = processed(store(fixture, raw))
            written.append(_written(message.pk))
    assert written[0] == written[1]
    assert written[0]["summary"]["outcome"] == ("possible" if namesake else "new")
    assert len(written[0]["reviews"]) == int(namesake)


def test_a_new_persons_rows_are_one_statement_after_the_claim_and_the_match_read(in_alpha: TenantFixture) -> None:
    stored = store(in_alpha, build_mime(attachments=[resume_file(RESUME)]))
    assert stored.message_id is not None
    statements: list[str] = []

    def noted(execute, sql, params, many, context):  # type: ignore[no-untyped-def]  # Django's wrapper signature
        statements.append(" ".join(sql.split())[:40])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(noted):
        assert message_process(message_id=stored.message_id) == "done"
    statements = [sql for sql in statements if not sql.startswith("SELECT set_config('search_path'")]
    # The claim, the match read, then everything else together (here the test's own
    # transaction holds them; in a worker the last one is a transaction of its own).
    assert len(statements) == 3
    assert statements[0].startswith('UPDATE "ingestion_inboundmessage"')
    assert statements[2].startswith("WITH claim AS")
    assert InboundMessage.objects.get(pk=stored.message_id).summary["resume"] == Resume.objects.get().pk


def test_a_claim_taken_over_before_the_one_statement_leaves_nothing_written(
    in_alpha: TenantFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = store(in_alpha, build_mime(attachments=[resume_file(RESUME)]))
    assert stored.message_id is not None
    write = pipeline._ingest_new

    def taken_over(message: InboundMessage, claimed_at: datetime.datetime, *rest: Any) -> Any:
        # Another worker's claim: the message's claim time is no longer this one.
        InboundMessage.objects.filter(pk=message.pk).update(claimed_at=claimed_at + datetime.timedelta(seconds=1))
        return write(message, claimed_at, *rest)

    monkeypatch.setattr(pipeline, "_ingest_new", taken_over)
    assert message_process(message_id=stored.message_id) == "not_claimed"
    assert InboundMessage.objects.get(pk=stored.message_id).status == InboundMessage.Status.PROCESSING
    assert (Candidate.objects.count(), CandidateKey.objects.count(), Resume.objects.count()) == (0, 0, 0)
    assert not InboundAttachment.objects.exists()
