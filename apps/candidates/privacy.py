"""Privacy writes: erase a candidate's personal data (on request or by the retention
policy) and export it. Run inside a tenant context.

What an erasure touches, and why each place: see docs/reliability.md, "Privacy".
One person may be several candidate rows joined by merges (the merged rows are
archived, their data copied into the survivor's and kept in the merge's undo
snapshot): an erasure takes them all.
"""

import datetime
import json
import logging
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.applications.models import Application, StageChange
from apps.audit.models import AuditEvent
from apps.candidates.models import (
    Candidate,
    CandidateKey,
    DuplicateReview,
    FormerEmployeeHash,
    Merge,
    Note,
    Resume,
    RetentionPolicy,
)
from apps.candidates.selectors import person_of, retention_due, retention_policy, same_person
from apps.candidates.services import former_employee_digests
from apps.ingestion.models import InboundAttachment, InboundMessage
from apps.staff.roles import HR_ADMIN
from apps.staff.selectors import staff_has_role
from apps.tenants.context import tenant_connection, tenant_context
from apps.tenants.logging import request_id_var
from apps.tenants.models import Tenant
from ats.errors import DomainError

logger = logging.getLogger(__name__)

ERASED = "[erased]"
RETENTION_ACTOR = "task:retention"

# Inbound messages keep their key (the Message-ID, or a digest of the mail): the
# store service refuses a key it has seen, so a redelivery or a mailbox reimport
# of the same mail does not bring the erased person back. Of the summary only ids
# and the outcome stay; everything a person wrote or is named in goes.
INBOUND_REDACT_SQL = """
UPDATE ingestion_inboundmessage SET
    raw_mime = ''::bytea, from_address = '', subject = '', message_id = '', envelope_sender = '', error = '',
    summary = jsonb_strip_nulls(jsonb_build_object(
        'outcome', summary -> 'outcome', 'candidate', summary -> 'candidate',
        'application', summary -> 'application', 'erased', true))
WHERE id = ANY(%s)
"""


@dataclass(frozen=True)
class Erasure:
    """What one erasure touched: ids and counts, never values."""

    candidate_ids: list[int]
    resumes: int
    notes: int
    applications: int
    inbound_messages: int

    def as_audit(self, reason: str) -> dict[str, object]:
        return {
            "reason": reason,
            "candidates": self.candidate_ids,
            "resumes": self.resumes,
            "notes": self.notes,
            "applications": self.applications,
            "inbound_messages": self.inbound_messages,
        }


@transaction.atomic
def candidate_erase(*, candidate: Candidate, actor: User | None) -> Candidate:
    """Erase a candidate's personal data on request (hr_admin only), with every
    candidate merged into them or they into (the same person). The rows stay,
    archived and blanked, so applications and the stage history keep their shape;
    resumes, their files and notes are deleted; applications, inbound mail,
    merges and the audit trail are redacted. A former employee's exact keys and
    full name are kept as keyed hashes first, so the rehire guard still
    recognises them. Idempotent: erasing again finds nothing left and says so
    in the audit trail once more. Cannot be undone."""
    if actor is None or not staff_has_role(actor, HR_ADMIN):
        raise DomainError(_("Only an hr_admin can erase a candidate."), code="erase_forbidden", status_code=403)
    _erase(candidate_id=candidate.pk, reason="request", actor=f"user:{actor.pk}")
    candidate.refresh_from_db()
    return candidate


def _erase(*, candidate_id: int, reason: str, actor: str) -> Erasure:
    """The erasure itself, in the caller's transaction. Files go after commit."""
    ids = same_person(candidate_id)
    candidates = list(Candidate.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    for candidate in candidates:
        if candidate.status == Candidate.Status.LEFT and candidate.erased_at is None:
            digests = former_employee_digests(person_of(candidate))
            FormerEmployeeHash.objects.bulk_create(
                [FormerEmployeeHash(candidate=candidate, digest=digest) for digest in digests], ignore_conflicts=True
            )
    # Every id first: deleting resumes nulls the attachments' link to them.
    resumes = dict(Resume.objects.filter(candidate_id__in=ids).values_list("pk", "file"))
    applications = list(Application.objects.filter(candidate_id__in=ids).values_list("pk", flat=True))
    stage_changes = list(StageChange.objects.filter(application_id__in=applications).values_list("pk", flat=True))
    notes = list(
        Note.objects.filter(Q(candidate_id__in=ids) | Q(application_id__in=applications)).values_list("pk", flat=True)
    )
    reviews = list(
        DuplicateReview.objects.filter(Q(candidate_id__in=ids) | Q(other_id__in=ids)).values_list("pk", flat=True)
    )
    merges = list(Merge.objects.filter(Q(survivor_id__in=ids) | Q(merged_id__in=ids)).values_list("pk", flat=True))
    messages = sorted(
        set(
            InboundMessage.objects.filter(
                Q(candidate_id__in=ids)
                | Q(application_id__in=applications)
                | Q(attachments__resume_id__in=list(resumes))
            ).values_list("pk", flat=True)
        )
    )
    attachments = list(InboundAttachment.objects.filter(message_id__in=messages).values_list("pk", flat=True))

    Note.objects.filter(pk__in=notes).delete()
    Resume.objects.filter(pk__in=resumes).delete()
    StageChange.objects.filter(pk__in=stage_changes).exclude(reason="").update(reason="")
    Application.objects.filter(pk__in=applications).exclude(rejection_reason="").update(rejection_reason="")
    DuplicateReview.objects.filter(pk__in=reviews).delete()
    # The snapshot is what undoing needs: without it the merge can no longer be undone (merge_undo refuses).
    Merge.objects.filter(pk__in=merges).update(snapshot={"erased": True})
    with connection.cursor() as cursor:
        cursor.execute(INBOUND_REDACT_SQL, [messages])
    InboundAttachment.objects.filter(pk__in=attachments).update(filename="", sha256="")
    _redact_admin_log(ids=ids, resumes=list(resumes), notes=notes, applications=applications)
    CandidateKey.objects.filter(candidate_id__in=ids).delete()
    now = timezone.now()
    Candidate.objects.filter(pk__in=ids).update(
        full_name=_("(erased)"), name_normalized="", emails=[], phones=[], linkedin_url="", github_url="",
        website_url="", location="", skills=[], skill_keys=[], summary="", left_reason="", search_vector=None,
        archived_at=Coalesce("archived_at", now), erased_at=Coalesce("erased_at", now), updated_at=now,
    )  # fmt: skip
    # Last: the writes above were recorded by the audit trigger with their old values.
    _redact_audit_trail(
        {
            Candidate._meta.db_table: ids,
            Resume._meta.db_table: list(resumes),
            Note._meta.db_table: notes,
            DuplicateReview._meta.db_table: reviews,
            Merge._meta.db_table: merges,
            Application._meta.db_table: applications,
            StageChange._meta.db_table: stage_changes,
            InboundMessage._meta.db_table: messages,
            InboundAttachment._meta.db_table: attachments,
        }
    )
    erasure = Erasure(ids, len(resumes), len(notes), len(applications), len(messages))
    AuditEvent.objects.create(
        actor=actor,
        action=AuditEvent.Action.ERASE,
        object_type=Candidate._meta.db_table,
        object_id=str(candidate_id),
        changes=erasure.as_audit(reason),
        request_id=request_id_var.get(),
    )
    files = sorted({name for name in resumes.values() if name})
    tenant, actor_now = tenant_connection.tenant, tenant_connection.audit_actor
    transaction.on_commit(lambda: _delete_files(tenant, actor_now, files))
    return erasure


def _redact_audit_trail(targets: dict[str, list[int]]) -> None:
    """Blank the personal values in the audit events of these rows. The runtime
    role may not update audit rows; audit_redact() (apps/audit/migrations/0004)
    may, for the personal fields of each table only."""
    with connection.cursor() as cursor:
        for table, pks in targets.items():
            if pks:
                cursor.execute("SELECT audit_redact(%s, %s)", [table, [str(pk) for pk in pks]])


def _redact_admin_log(*, ids: list[int], resumes: list[int], notes: list[int], applications: list[int]) -> None:
    """The admin's history names each object (a candidate by name, a note by its
    first words) and lists the inline objects added with it."""
    objects = {Candidate: ids, Resume: resumes, Note: notes, Application: applications}
    for model, pks in objects.items():
        if pks:
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(model), object_id__in=[str(pk) for pk in pks]
            ).update(object_repr=ERASED, change_message="")


def _delete_files(tenant: Tenant, actor: str, names: Iterable[str]) -> None:
    """After commit: a rollback must not lose a file whose row stays. Files are
    content-addressed per tenant, so one still used by another candidate's resume
    (the same file sent by someone else) stays. The tenant is entered again: the
    caller's context may be gone by the time the callback runs."""
    with tenant_context(tenant, actor=actor):
        for name in names:
            if Resume.objects.filter(file=name).exists():
                continue
            try:
                default_storage.delete(name)
            except OSError:
                logger.exception("erased resume file not deleted", extra={"file": name})


# --- Retention --------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionRun:
    """One tenant's run: the candidates found due, and those erased (ids only)."""

    due: list[int]
    erased: list[int]


def retention_apply(*, dry_run: bool = False, now: datetime.datetime | None = None) -> RetentionRun:
    """Erase the tenant's candidates whose last activity is older than the
    retention policy allows for their status, in batches, each candidate in its
    own transaction. Safe to run twice and concurrently: an erased candidate
    leaves the query (erased_at), and each one is checked again under its row
    lock before it is erased, so new activity since the query saves it.
    ``dry_run`` only lists who is due (up to RETENTION_MAX_PER_RUN)."""
    now = now or timezone.now()
    policy = retention_policy()
    limit = settings.RETENTION_MAX_PER_RUN
    due: list[int] = []
    erased: list[int] = []
    while len(due) < limit:
        size = min(settings.RETENTION_BATCH_SIZE, limit - len(due))
        # Those seen already are left out: one that failed is not tried again until the next run.
        batch = retention_due(policy=policy, now=now, limit=size, exclude=due)
        if not batch:
            break
        due.extend(batch)
        if dry_run:
            continue
        for candidate_id in batch:
            try:
                erased.extend(_retention_erase(candidate_id=candidate_id, policy=policy, now=now))
            except DatabaseError:
                # A lock timeout or a deadlock with a staff edit: the others go on, this one next run.
                logger.exception("retention erasure failed", extra={"candidate_id": candidate_id})
    run = RetentionRun(due=due, erased=sorted(set(erased)))
    logger.info(
        "retention applied",
        extra={
            "tenant_schema": tenant_connection.schema_name,
            "dry_run": dry_run,
            "due": len(run.due),
            "erased": len(run.erased),
            "candidate_ids": run.erased if not dry_run else run.due,
        },
    )
    return run


@transaction.atomic
def _retention_erase(*, candidate_id: int, policy: RetentionPolicy, now: datetime.datetime) -> list[int]:
    """Erase one candidate if, under their row lock, they are still due."""
    if not retention_due(policy=policy, now=now, limit=1, only=candidate_id, lock=True):
        return []
    # The context's actor: task:retention from beat, command:apply_retention from the command.
    actor = tenant_connection.audit_actor or RETENTION_ACTOR
    return _erase(candidate_id=candidate_id, reason="retention", actor=actor).candidate_ids


RETENTION_FIELDS = ("active_months", "do_not_contact_months", "hired_months", "left_months")


def retention_policy_update(**months: int | None) -> RetentionPolicy:
    """Set the tenant's retention policy: months after the last activity, per
    status, after which a candidate is erased; None keeps them."""
    unknown = set(months) - set(RETENTION_FIELDS)
    if unknown:
        raise DomainError(_("These fields cannot be set: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    if any(value is not None and value < 1 for value in months.values()):
        raise DomainError(_("Give at least one month, or leave it empty for never."), code="invalid_retention")
    row, _created = RetentionPolicy.objects.update_or_create(pk=1, defaults=months)
    return row


# --- Export -----------------------------------------------------------------------


@dataclass
class Export:
    """A zip being handed out: the caller streams ``file`` and closes it."""

    file: IO[bytes]
    filename: str
    size: int

    def as_response(self) -> FileResponse:
        """The zip as a download (the response closes the file once sent)."""
        response = FileResponse(self.file, as_attachment=True, filename=self.filename, content_type="application/zip")
        response["Content-Length"] = str(self.size)
        response["Cache-Control"] = "private, no-store"
        return response


def candidate_export(*, candidate: Candidate, actor: User | None) -> Export:
    """Everything stored about a candidate (and candidates merged with them), as a
    zip: ``candidate.json`` and the original resume files. hr_admin only (see
    apps.candidates.api). Refused when the files add up to more than
    PRIVACY_EXPORT_MAX_BYTES. Built in a temporary file that stays in memory
    while small and moves to disk beyond that. Recorded as a read of the
    candidate and of every resume file in it."""
    if actor is None or not staff_has_role(actor, HR_ADMIN):
        raise DomainError(_("Only an hr_admin can export a candidate."), code="export_forbidden", status_code=403)
    ids = same_person(candidate.pk)
    resumes = list(Resume.objects.filter(candidate_id__in=ids).order_by("pk"))
    if sum(resume.size for resume in resumes) > settings.PRIVACY_EXPORT_MAX_BYTES:
        raise DomainError(
            _("The candidate's files are too large to export at once."), code="export_too_large", status_code=413
        )
    # A file lost from storage is named in candidate.json as missing ("file": null), not a failed export.
    files = {
        resume.pk: _zip_name(resume) for resume in resumes if resume.file and default_storage.exists(resume.file.name)
    }
    document = _export_document(candidate.pk, ids, resumes, files)
    # Handed to the response, which closes it once sent: no context manager here.
    spooled = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    try:
        with zipfile.ZipFile(spooled, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            text = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
            archive.writestr("candidate.json", text)
            for resume in resumes:
                if resume.pk in files:
                    # PDFs and images are compressed already: stored, not deflated again.
                    entry = zipfile.ZipInfo(files[resume.pk], date_time=resume.created_at.timetuple()[:6])
                    entry.compress_type = zipfile.ZIP_STORED
                    with resume.file.open("rb") as source, archive.open(entry, "w") as target:
                        shutil.copyfileobj(source, target, 1024 * 1024)
    except BaseException:
        spooled.close()  # on disk past 8 MB: not left for the garbage collector
        raise
    size = spooled.tell()
    spooled.seek(0)
    actor_label = f"user:{actor.pk}"
    events = [
        AuditEvent(actor=actor_label, action=AuditEvent.Action.READ, object_type=Resume._meta.db_table,
                   object_id=str(pk), changes={"file": "export"}, request_id=request_id_var.get())
        for pk in files
    ]  # fmt: skip
    events.append(
        AuditEvent(
            actor=actor_label,
            action=AuditEvent.Action.READ,
            object_type=Candidate._meta.db_table,
            object_id=str(candidate.pk),
            changes={"export": "zip", "candidates": ids, "resumes": list(files)},
            request_id=request_id_var.get(),
        )
    )
    AuditEvent.objects.bulk_create(events)
    return Export(file=spooled, filename=f"candidate-{candidate.pk}.zip", size=size)


EXPORTED_CANDIDATE_FIELDS = (
    "id", "full_name", "emails", "phones", "linkedin_url", "github_url", "website_url", "location", "skills",
    "summary", "source", "status", "left_on", "left_reason", "rehire_eligible", "created_at", "updated_at",
    "archived_at", "erased_at",
)  # fmt: skip
EXPORTED_RESUME_FIELDS = (
    "id", "candidate_id", "filename", "content_type", "size", "page_count", "status", "parsed", "parser_version",
    "ocr_used", "is_current", "created_at", "extracted_text",
)  # fmt: skip
MAX_EXPORTED_AUDIT_EVENTS = 10_000


def _zip_name(resume: Resume) -> str:
    # Only the last part of the sender's file name, so no path in the zip leaves its folder.
    name = PurePath((resume.filename or "resume").replace("\\", "/")).name or "resume"
    return f"resumes/{resume.pk}-{name}"


def _export_document(candidate_id: int, ids: list[int], resumes: list[Resume], files: dict[int, str]) -> dict[str, Any]:
    applications = list(Application.objects.filter(candidate_id__in=ids).select_related("job").order_by("pk"))
    history: dict[int, list[dict[str, Any]]] = {}
    stage_changes: list[int] = []
    for change in StageChange.objects.filter(application__in=applications).order_by("created_at", "pk"):
        stage_changes.append(change.pk)
        history.setdefault(change.application_id, []).append(
            {"from": change.from_stage, "to": change.to_stage, "reason": change.reason, "override": change.override,
             "actor_id": change.actor_id, "at": change.created_at}
        )  # fmt: skip
    notes = list(
        Note.objects.filter(Q(candidate_id__in=ids) | Q(application__in=applications))
        .order_by("pk")
        .values("id", "candidate_id", "application_id", "author_id", "body", "created_at")
    )
    messages = list(
        InboundMessage.objects.filter(Q(candidate_id__in=ids) | Q(application__in=applications))
        .order_by("pk")
        .values("id", "channel", "received_at", "from_address", "subject", "status")
    )
    objects = {
        Candidate._meta.db_table: ids,
        Resume._meta.db_table: [resume.pk for resume in resumes],
        Note._meta.db_table: [note["id"] for note in notes],
        Application._meta.db_table: [application.pk for application in applications],
        StageChange._meta.db_table: stage_changes,
    }
    about = Q(pk__in=[])
    for table, pks in objects.items():
        if pks:
            about |= Q(object_type=table, object_id__in=[str(pk) for pk in pks])
    events = list(
        AuditEvent.objects.filter(about)
        .order_by("-id")
        .values("occurred_at", "actor", "action", "object_type", "object_id", "changes")[:MAX_EXPORTED_AUDIT_EVENTS]
    )
    candidates = {row["id"]: row for row in Candidate.objects.filter(pk__in=ids).values(*EXPORTED_CANDIDATE_FIELDS)}
    return {
        "exported_at": timezone.now(),
        "candidate": candidates.get(candidate_id),
        "merged_candidates": [row for pk, row in sorted(candidates.items()) if pk != candidate_id],
        "resumes": [
            {**{name: getattr(resume, name) for name in EXPORTED_RESUME_FIELDS}, "file": files.get(resume.pk)}
            for resume in resumes
        ],
        "applications": [
            {
                "id": application.pk,
                "job": {"code": application.job.code, "title": application.job.title},
                "stage": application.stage,
                "source": application.source,
                "rejection_reason": application.rejection_reason,
                "flags": application.flags,
                "created_at": application.created_at,
                "updated_at": application.updated_at,
                "stage_history": history.get(application.pk, []),
            }
            for application in applications
        ],
        "notes": notes,
        "inbound_messages": messages,
        "audit_events": events,
    }
