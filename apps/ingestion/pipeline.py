"""One stored message in, a candidate with a resume and an application out.

Slow work (extraction in the sandbox, parsing) and the duplicate-matching read
happen before any transaction; the writes happen in one transaction that ends by
marking the message done if the claim is still this worker's, and rolls back if
not: a message is done exactly once. A new person without an application is
written in one statement (a transaction of its own) that writes nothing unless
the claim still holds: one round trip where the transaction took five.
"""

import contextlib
import datetime
import hashlib
import logging
import re
from dataclasses import dataclass
from typing import Any

from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone
from redis import RedisError

from apps.applications.services import application_create
from apps.candidates.models import Candidate
from apps.candidates.services import IngestPlan, candidate_ingest_apply, candidate_ingest_plan
from apps.ingestion import mail
from apps.ingestion.document import Document
from apps.ingestion.extraction import Limits, extract
from apps.ingestion.extraction.sniff import sniff
from apps.ingestion.models import InboundAttachment, InboundMessage
from apps.ingestion.parsing import ParsedResume, parse
from apps.ingestion.services import (
    message_claim,
    message_done,
    message_done_new_candidate,
    message_fail,
    message_release,
    resume_build,
    resume_store,
)
from apps.tenants.context import tenant_connection
from ats.errors import DomainError

logger = logging.getLogger(__name__)

#: Errors worth another try later: the database or Redis went away for a moment.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, RedisError)
#: Claims of one message before it is failed for good. The task's retry count alone
#: does not bound them: the sweeper enqueues a released message afresh (its retries
#: start again at 0), and a message that kills its worker never reaches a retry.
MAX_ATTEMPTS = 6
READABLE_TYPES = {"pdf", "docx", "image", "text", "html"}
# Images this small are logos, icons and signature art, not scanned resumes.
MIN_IMAGE_BYTES = 30_000
LOGO_LIKE = re.compile(r"logo|^image\d*\.|signature|banner|icon|facebook|twitter|linkedin|instagram|outlook", re.I)
RESUME_LIKE = re.compile(r"\b(cv|resume|résumé|lebenslauf|curriculum)\b|_cv\b|cv[_.-]", re.I)
LETTER_LIKE = re.compile(r"cover|letter|anschreiben|motivation|lettre", re.I)
SOURCES: dict[str, str] = {
    InboundMessage.Channel.API: Candidate.Source.API,
    InboundMessage.Channel.MAILBOX: Candidate.Source.IMPORT,
    InboundMessage.Channel.ADMIN: Candidate.Source.EMAIL,
}


@dataclass
class Reading:
    """One attachment (or the body) read and parsed, with how much it looks like a resume."""

    attachment: InboundAttachment | None
    data: bytes
    filename: str
    content_type: str
    document: Document
    parsed: ParsedResume

    @property
    def sections(self) -> int:
        return sum([bool(self.parsed.experience), bool(self.parsed.education), len(self.parsed.skills) >= 3])

    @property
    def is_resume(self) -> bool:
        """A resume names a person, says how to reach them, and lists jobs or schools
        (a cover letter has the first two and may mention skills, but not the third)."""
        has_contact = bool(self.parsed.emails or self.parsed.phones)
        if not (self.parsed.name and has_contact and (self.parsed.experience or self.parsed.education)):
            return False
        # A letter with a name and an address is still a letter, whatever it mentions.
        return not (LETTER_LIKE.search(self.filename) and not RESUME_LIKE.search(self.filename))

    @property
    def score(self) -> int:
        score = 2 * bool(self.parsed.name) + 2 * bool(self.parsed.emails or self.parsed.phones) + 2 * self.sections
        score += 3 * bool(RESUME_LIKE.search(self.filename)) - 3 * bool(LETTER_LIKE.search(self.filename))
        return score


def _skippable(attachment: InboundAttachment) -> bool:
    if attachment.detected_type not in READABLE_TYPES:
        return True
    if attachment.detected_type == "image":
        return attachment.size < MIN_IMAGE_BYTES or bool(LOGO_LIKE.search(attachment.filename))
    return False


def extraction_limits() -> Limits:
    """The limits of extraction for the current tenant: the defaults, with OCR expecting
    the tenant's resume language when it has set one."""
    return Limits(ocr_language=tenant_connection.tenant.resume_language)


def _read(data: bytes, filename: str, today: datetime.date) -> tuple[Document, ParsedResume | None]:
    document = extract(data, filename=filename, limits=extraction_limits())
    if not document.ok:
        return document, None
    return document, parse(document, today=today)


def _links(parsed: ParsedResume) -> dict[str, str]:
    found = {"linkedin_url": "", "github_url": "", "website_url": ""}
    for link in parsed.links:
        field = "linkedin_url" if "linkedin.com" in link else "github_url" if "github.com" in link else "website_url"
        found[field] = found[field] or link
    return found


def _attachment_rows(message: InboundMessage, parts: list[mail.Part]) -> list[InboundAttachment]:
    """A row per attached file (not saved yet): written with the outcome, in one transaction."""
    return [
        InboundAttachment(
            message=message,
            index=part.index,
            filename=part.filename,
            content_type=part.content_type,
            detected_type=sniff(part.data)[:20],
            size=len(part.data),
            sha256=hashlib.sha256(part.data).hexdigest(),
        )
        for part in parts
    ]


def _readings(
    raw_mime: bytes, rows: list[InboundAttachment], parts: list[mail.Part], summary: dict[str, Any]
) -> list[Reading]:
    today = timezone.localdate()
    readings: list[Reading] = []
    errors: list[str] = []
    for row, part in zip(rows, parts, strict=True):
        if _skippable(row):
            continue
        document, parsed = _read(part.data, row.filename, today)
        if parsed is None:
            errors.append(f"{row.index}: {document.reason[:200]}")
            continue
        readings.append(Reading(row, part.data, row.filename, row.content_type, document, parsed))
    if not any(reading.is_resume for reading in readings):
        # Parsed again, headers and all, for the body: rare (no attached resume).
        body = mail.body_text(mail.parse_mime(raw_mime))
        if body:
            data = body.encode()
            document, parsed = _read(data, "email-body.txt", today)
            if parsed is not None:
                readings.append(Reading(None, data, "email-body.txt", "text/plain", document, parsed))
    if errors:
        summary["unreadable"] = errors
    return readings


def _kinds(
    message: InboundMessage, resume: Reading | None, readings: list[Reading], rows: list[InboundAttachment]
) -> None:
    """Each attachment row's kind: the resume, a cover letter, or another file."""
    for row in rows:
        row.message = message
        row.kind = InboundAttachment.Kind.OTHER
    for reading in readings:
        if reading.attachment is None:
            continue
        if reading is resume:
            reading.attachment.kind = InboundAttachment.Kind.RESUME
        elif not reading.is_resume and (reading.parsed.name or LETTER_LIKE.search(reading.filename)):
            reading.attachment.kind = InboundAttachment.Kind.COVER_LETTER


def _plan(message: InboundMessage, resume: Reading) -> IngestPlan:
    """Who the resume's person is: a known candidate or a new one (one read)."""
    parsed = resume.parsed
    return candidate_ingest_plan(
        full_name=parsed.name or "",
        emails=parsed.emails,
        phones=parsed.phones,
        location=parsed.location or "",
        skills=parsed.skills,
        summary=parsed.summary or "",
        employers=[entry.employer for entry in parsed.experience if entry.employer],
        schools=[entry.institution for entry in parsed.education if entry.institution],
        source=SOURCES.get(message.channel, Candidate.Source.EMAIL),
        **_links(parsed),
    )


def _in_one_statement(message: InboundMessage, plan: IngestPlan) -> bool:
    """Whether the writes can be one statement (message_done_new_candidate): a new
    person, no application to make (its checks are the ORM's), no earlier run's rows."""
    return plan.same is None and message.job_id is None and message.processed_at is None


def _ingest_new(
    message: InboundMessage,
    claimed_at: datetime.datetime | None,
    resume: Reading,
    plan: IngestPlan,
    readings: list[Reading],
    rows: list[InboundAttachment],
) -> dict[str, Any] | None:
    """A new person's writes, those of _ingest and message_done, in one statement
    (message_done_new_candidate); the summary, or None when the claim was lost."""
    _kinds(message, resume, readings, rows)
    stored = resume_build(
        data=resume.data, filename=resume.filename, content_type=resume.content_type, document=resume.document,
        parsed=resume.parsed, sha256=resume.attachment.sha256 if resume.attachment is not None else "",
    )  # fmt: skip
    summary: dict[str, Any] = {
        "outcome": "possible" if plan.live else "new",
        "resume_from": "body" if resume.attachment is None else resume.filename,
    }
    if message.job_code:
        summary["application"] = "unknown_job"
    written = message_done_new_candidate(
        message=message, claimed_at=claimed_at, plan=plan, resume=stored, attachments=rows,
        resume_row=resume.attachment, summary=summary,
    )  # fmt: skip
    if written is None:
        return None
    summary["candidate"], summary["resume"] = written
    return summary


def _ingest(
    message: InboundMessage,
    resume: Reading | None,
    plan: IngestPlan | None,
    readings: list[Reading],
    rows: list[InboundAttachment],
) -> dict[str, Any]:
    """The writes, in the caller's transaction: candidate, resume, application; the
    attachment rows get their kind (and the resume its row), for message_done to write."""
    summary: dict[str, Any] = {}
    _kinds(message, resume, readings, rows)
    # Reprocessing replaces the rows of an earlier run; only a run that ended done
    # (processed_at) wrote any.
    if message.processed_at is not None:
        InboundAttachment.objects.filter(message=message).delete()
    if resume is None or plan is None:
        summary["outcome"] = "no_resume"
        return summary
    ingested = candidate_ingest_apply(plan=plan)
    candidate = ingested.candidate
    stored = resume_store(
        candidate=candidate, data=resume.data, filename=resume.filename, content_type=resume.content_type,
        document=resume.document, parsed=resume.parsed, candidate_is_new=ingested.created,
    )  # fmt: skip
    if resume.attachment is not None:
        resume.attachment.resume = stored
    summary.update(
        outcome=ingested.outcome,
        candidate=candidate.pk,
        resume=stored.pk,
        resume_from="body" if resume.attachment is None else resume.filename,
    )
    message.candidate = candidate
    if message.job_id is not None:
        assert message.job is not None
        try:
            application = application_create(candidate=candidate, job=message.job, source="email")
        except DomainError as error:
            summary["application"] = error.code  # job_not_open, duplicate_application, candidate_archived
        else:
            message.application = application
            summary["application"] = application.pk
    elif message.job_code:
        summary["application"] = "unknown_job"
    return summary


class _ClaimLost(Exception):
    """The lease ran out and another worker took the message over: roll back."""


def message_process(*, message_id: int) -> str:
    """Process one stored message; returns what happened ("not_claimed", "done", "failed").
    Safe to run twice and concurrently: only the claim holder proceeds, and its writes
    commit together with the "done" mark, which is made only while the claim is still
    its own, or not at all. Transient errors give the message back and are raised
    (the task retries); any other error fails it."""
    message = message_claim(message_id=message_id)
    if message is None:
        return "not_claimed"
    if message.attempts > MAX_ATTEMPTS:
        error = f"gave up after {MAX_ATTEMPTS} attempts; the last one: {message.error or 'the worker died'}"
        message_fail(message_id=message_id, error=error, reason="attempts")
        return "failed"
    claimed_at = message.claimed_at
    try:
        summary: dict[str, Any] = {}
        raw_mime = bytes(message.raw_mime)
        parts = list(mail.attachments(mail.read_mime(raw_mime)))
        rows = _attachment_rows(message, parts)
        readings = _readings(raw_mime, rows, parts, summary)
        resumes = [reading for reading in readings if reading.is_resume]
        best = max(resumes, key=lambda reading: reading.score) if resumes else None
        # Read before the writes' transaction: a read sees the same in it or outside
        # (READ COMMITTED), and it decides whether the writes can be one statement.
        plan = _plan(message, best) if best is not None else None
        if best is not None and plan is not None and _in_one_statement(message, plan):
            written = _ingest_new(message, claimed_at, best, plan, readings, rows)
            if written is None:
                raise _ClaimLost
            summary.update(written)
        else:
            with transaction.atomic():
                summary.update(_ingest(message, best, plan, readings, rows))
                reason = "" if best is not None else "no_resume"
                if not message_done(
                    message=message, claimed_at=claimed_at, attachments=rows, summary=summary, reason=reason
                ):
                    raise _ClaimLost
    except _ClaimLost:
        return "not_claimed"
    except TRANSIENT_ERRORS as error:
        # Still down: the lease runs out and the sweeper enqueues the message again.
        with contextlib.suppress(*TRANSIENT_ERRORS):
            message_release(message_id=message_id, claimed_at=claimed_at, error=type(error).__name__)
        raise
    except Exception as error:
        logger.exception("inbound message processing failed", extra={"message_id": message_id})
        message_fail(message_id=message_id, error=f"{type(error).__name__}: {error}", reason="error")
        return "failed"
    logger.info("inbound message processed", extra={"message_id": message_id, "outcome": summary.get("outcome")})
    return "done"
