"""Writes of email ingestion: storing inbound mail (webhooks, the API, mailbox
import and the quarantine all call message_store), and recording what became of it.

The pipeline that turns a stored message into a candidate is in pipeline.py.
"""

import email.utils
import hashlib
import json
import logging
import os
import re
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from functools import partial
from typing import Any

import redis
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import IntegrityError, connection, transaction
from django.db.backends.postgresql.base import ServerBindingCursor  # type: ignore[attr-defined]  # psycopg 3 only; not in the stubs
from django.db.models import Q
from django.utils import timezone
from django_tenants.utils import get_public_schema_name
from kombu.exceptions import OperationalError as BrokerError

from apps.applications.models import Job
from apps.candidates.models import Candidate, Resume, resume_upload_to
from apps.candidates.services import (
    CANDIDATE_INSERTED_COLUMNS,
    RESUME_COLUMNS,
    IngestPlan,
    candidate_new_values,
    candidate_search_refresh,
    candidate_search_vector_sql,
    resume_insert,
    resume_insert_values,
    reviews_insert_values,
)
from apps.ingestion import mail
from apps.ingestion.document import Document
from apps.ingestion.models import InboundAttachment, InboundMessage
from apps.ingestion.parsing import ParsedResume
from apps.tenants.context import tenant_context
from apps.tenants.models import QuarantinedMessage, Tenant, WebhookToken

logger = logging.getLogger(__name__)

Status = InboundMessage.Status


@dataclass(frozen=True)
class Stored:
    """What message_store did. ``outcome``: "new", "known" (a repeat delivery:
    nothing stored, nothing enqueued), "skipped_auto_reply", "skipped_bounce",
    "skipped_loop" or "quarantined"."""

    message_id: int | None
    created: bool
    outcome: str


@contextmanager
def _parameters_bound_apart() -> Iterator[None]:
    """Queries in this block send their parameters apart from the SQL text, bytes in
    binary. Django's default (psycopg's client-side binding) quotes a 200 KiB mail
    into a 400 KiB hex literal that the server then parses back: about 1.5 ms of
    CPU in the web process and 2 ms in PostgreSQL per mail. Only for plain writes
    whose SQL the server can prepare as it is (an ORM insert is)."""
    connection.ensure_connection()
    raw = connection.connection
    previous = raw.cursor_factory
    raw.cursor_factory = ServerBindingCursor
    try:
        yield
    finally:
        raw.cursor_factory = previous


# What save() would insert: every column but the id, which the sequence gives, as
# Model.save's INSERT with ON CONFLICT DO NOTHING. Written once from the model:
# Django's compiler builds the same text again at every call (a third of the insert's
# client CPU).
_PK = InboundMessage._meta.pk
_INSERTED_FIELDS = [field for field in InboundMessage._meta.local_concrete_fields if field is not _PK]
_INSERT_SQL = "INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT DO NOTHING RETURNING {pk}".format(
    table=connection.ops.quote_name(InboundMessage._meta.db_table),
    columns=", ".join(connection.ops.quote_name(field.column) for field in _INSERTED_FIELDS),
    values=", ".join(["%s"] * len(_INSERTED_FIELDS)),
    pk=connection.ops.quote_name(_PK.column),
)


def ingestion_actor(channel: str) -> str:
    """Who the audit events of message_store's rows name."""
    return f"ingestion:{channel}"


def message_enqueue(*, tenant: Tenant, message_id: int) -> None:
    """Hand a message to the workers. Called after commit; a broker that is down is
    logged, not raised: the message is stored, and the sweeper enqueues it later."""
    from apps.ingestion.tasks import ingest_message

    try:
        with tenant_context(tenant, actor="ingestion"):
            ingest_message.apply_async(args=(message_id,), retry=False)
    except (BrokerError, redis.RedisError, OSError):
        logger.warning("could not enqueue inbound message; the sweeper will", extra={"message_id": message_id})


def message_store(
    *,
    tenant: Tenant,
    raw_mime: bytes,
    channel: str,
    job_code: str | None = None,
    envelope: Mapping[str, str] | None = None,
    headers: mail.HeaderBlock | None = None,
) -> Stored:
    """Store one inbound mail in ``tenant``'s schema, once: a row keyed by its
    Message-ID (or a digest of its content) with the raw MIME, and its processing
    enqueued after commit (the worker writes a row per attachment). A repeat delivery stores and
    enqueues nothing (the unique key decides, concurrent deliveries included).
    Auto-replies, bounces and loops are stored as skipped. Floods never get here:
    the webhooks refuse them at the door (429, the provider delivers again later),
    and uploads and mailbox reimports are not floods.
    ``envelope`` may hold "sender" and "recipient"; ``headers`` is
    mail.parse_headers(raw_mime) when the caller has it already (the webhooks).
    One row in one INSERT (its audit event is written by a trigger), so no
    transaction or savepoint of its own: a webhook's is the request's, and the
    enqueue waits for the caller's commit."""
    envelope = {name: mail.clean_header(value) for name, value in (envelope or {}).items()}
    # Headers only: the attachments are read (and their rows written) by the worker,
    # which keeps the provider's wait to a few milliseconds for any size of mail.
    parsed = mail.parse_headers(raw_mime) if headers is None else headers
    read = mail.headers_of(parsed)
    key = mail.message_key(read, raw_mime)
    sender = (envelope.get("sender") or read.from_address).strip()[: mail.MAX_HEADER]
    reason = mail.skip_reason(parsed, own_domain=settings.INBOUND_DOMAIN, envelope_sender=envelope.get("sender", ""))
    code = (job_code or "").strip().upper()[:40]
    with tenant_context(tenant, actor=ingestion_actor(channel)):
        message = InboundMessage(
            key=key,
            channel=channel,
            raw_mime=raw_mime,
            size=len(raw_mime),
            message_id=read.message_id,
            from_address=read.from_address,
            subject=read.subject,
            sent_at=read.sent_at,
            envelope_sender=sender,
            envelope_recipient=envelope.get("recipient", ""),
            job_code=code,
            job=Job.objects.filter(code=code).first() if code else None,
            status=Status.SKIPPED if reason else Status.RECEIVED,
            reason=reason,
        )
        # ON CONFLICT DO NOTHING rather than save() in a savepoint: a repeat delivery
        # is told apart without an error to roll back. A concurrent delivery of the
        # same key waits for the first to commit (then it is known) or roll back.
        # Each value as Model.save's insert prepares it (auto_now fields set here).
        values = [field.get_db_prep_save(field.pre_save(message, True), connection) for field in _INSERTED_FIELDS]
        with _parameters_bound_apart(), connection.cursor() as cursor:
            cursor.execute(_INSERT_SQL, values)
            row = cursor.fetchone()
        if row is None:
            known = InboundMessage.objects.filter(key=key).values_list("pk", flat=True).first()
            if known is None:
                raise IntegrityError("an inbound message conflicts with a row it cannot see")
            return Stored(message_id=known, created=False, outcome="known")
        message.pk = row[0]
        if reason:
            return Stored(message_id=message.pk, created=True, outcome=f"skipped_{reason}")
        transaction.on_commit(partial(message_enqueue, tenant=tenant, message_id=message.pk))
    logger.info("inbound message stored", extra={"message_id": message.pk, "channel": channel})
    return Stored(message_id=message.pk, created=True, outcome="new")


@transaction.atomic
def quarantine_store(
    *,
    raw_mime: bytes,
    channel: str,
    envelope: Mapping[str, str] | None = None,
    headers: mail.HeaderBlock | None = None,
) -> Stored:
    """Keep mail for an address that names no tenant in the public quarantine, once.
    ``headers``: mail.parse_headers(raw_mime), when the caller has it already."""
    envelope = {name: mail.clean_header(value) for name, value in (envelope or {}).items()}
    read = mail.headers_of(mail.parse_headers(raw_mime) if headers is None else headers)
    key = mail.message_key(read, raw_mime)
    try:
        with transaction.atomic():
            row = QuarantinedMessage.objects.create(
                channel=channel,
                envelope_recipient=envelope.get("recipient", ""),
                envelope_sender=envelope.get("sender", ""),
                from_address=read.from_address,
                subject=read.subject,
                message_id=read.message_id,
                key=key,
                raw_mime=raw_mime,
                size=len(raw_mime),
            )
    except IntegrityError:
        known = QuarantinedMessage.objects.filter(key=key).values_list("pk", flat=True).first()
        if known is None:
            raise
        return Stored(message_id=known, created=False, outcome="quarantined")
    return Stored(message_id=row.pk, created=True, outcome="quarantined")


@transaction.atomic
def quarantine_assign(*, quarantined: QuarantinedMessage, tenant: Tenant, job_code: str | None = None) -> Stored:
    """Hand a quarantined mail to a tenant (through message_store) and drop it from quarantine."""
    stored = message_store(
        tenant=tenant,
        raw_mime=bytes(quarantined.raw_mime),
        channel=InboundMessage.Channel.ADMIN,
        job_code=job_code,
        envelope={"sender": quarantined.envelope_sender, "recipient": quarantined.envelope_recipient},
    )
    quarantined.delete()
    return stored


def quarantine_discard(*, quarantined: QuarantinedMessage) -> None:
    quarantined.delete()


def webhook_token_accept(*, token: str) -> bool:
    """Record a webhook token; False when it was seen before (a replay). The unique
    key makes this atomic: of two concurrent deliveries of one token, the second
    waits for the first to commit (then it is a replay) or roll back (then it is
    taken). One statement, no savepoint. The row is rolled back with the request
    when storing fails, so the provider's retry is accepted."""
    if not token:
        return False
    # Named with its schema: the webhook writes it in the recipient tenant's context.
    quote = connection.ops.quote_name
    table = f"{quote(get_public_schema_name())}.{quote(WebhookToken._meta.db_table)}"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (token, seen_at) VALUES (%s, %s) ON CONFLICT (token) DO NOTHING RETURNING 1",
            [token[:200], timezone.now()],
        )
        return cursor.fetchone() is not None


def webhook_tokens_prune() -> int:
    """Forget tokens older than the timestamp window: their requests are refused as stale anyway."""
    cutoff = timezone.now() - timedelta(seconds=settings.INGESTION_WEBHOOK_MAX_AGE_SECONDS * 2)
    deleted, _ = WebhookToken.objects.filter(seen_at__lt=cutoff).delete()
    return deleted


# What processing reads of a claimed message (the rest stays deferred: reading a
# deferred field costs a query), in the model's order, which Model.from_db expects.
CLAIMED_FIELDS = [
    field.attname
    for field in InboundMessage._meta.concrete_fields
    if field.attname
    in {"id", "channel", "raw_mime", "job_code", "job_id", "attempts", "error", "claimed_at", "candidate_id",
        "application_id", "processed_at"}
]  # fmt: skip


def message_claim(*, message_id: int) -> InboundMessage | None:
    """Take a message for processing: one conditional UPDATE, so that of two workers
    only one carries on, which also returns what processing reads. A message
    received, or processing under a lease that ran out (its worker died), can be
    claimed. Returns it with its claim time, or None."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.INGESTION_LEASE_SECONDS)
    table = connection.ops.quote_name(InboundMessage._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET status = %s, claimed_at = %s, attempts = attempts + 1, updated_at = %s"
            " WHERE id = %s AND (status = %s OR (status = %s AND claimed_at < %s))"
            f" RETURNING {', '.join(CLAIMED_FIELDS)}",
            [Status.PROCESSING, now, now, message_id, Status.RECEIVED, Status.PROCESSING, stale],
        )
        row = cursor.fetchone()
    return None if row is None else InboundMessage.from_db(connection.alias, CLAIMED_FIELDS, row)


# The "done" mark and the attachment rows in one statement (one round trip); the rows
# are inserted only if the mark was made: a worker whose claim was taken over must
# not collide with the rows of the worker that took it.
DONE_SQL = """
WITH done AS (
    UPDATE ingestion_inboundmessage SET status = %(done)s, summary = %(summary)s::jsonb, error = '',
        reason = %(reason)s, processed_at = %(now)s, candidate_id = %(candidate)s,
        application_id = %(application)s, updated_at = %(now)s
    WHERE id = %(id)s AND status = %(processing)s AND claimed_at = %(claimed_at)s
    RETURNING id
), attached AS (
    INSERT INTO ingestion_inboundattachment
        (message_id, "index", filename, content_type, detected_type, size, sha256, kind, resume_id)
    SELECT done.id, row.* FROM done, jsonb_to_recordset(%(attachments)s::jsonb) AS row(
        "index" integer, filename text, content_type text, detected_type text, size bigint, sha256 text, kind text,
        resume_id bigint)
)
SELECT count(*) FROM done
"""


def message_done(
    *,
    message: InboundMessage,
    claimed_at: datetime | None,
    attachments: Sequence[InboundAttachment],
    summary: dict[str, Any],
    reason: str,
) -> bool:
    """Mark a claimed message done with what became of it (its summary, candidate and
    application, and a row per attachment), in the caller's transaction, if the claim
    is still the caller's; False when it is not (the lease ran out and another worker
    took the message over): the caller rolls its writes back. The updated row stays
    locked until the caller commits, so no one claims it meanwhile."""
    with connection.cursor() as cursor:
        cursor.execute(
            DONE_SQL,
            {
                "id": message.pk, "attachments": _attachments_json(attachments), "summary": json.dumps(summary),
                "reason": reason, "now": timezone.now(), "candidate": message.candidate_id,
                "application": message.application_id, "claimed_at": claimed_at,
                "done": Status.DONE, "processing": Status.PROCESSING,
            },
        )  # fmt: skip
        (done,) = cursor.fetchone()
    return bool(done)


def _attachments_json(attachments: Sequence[InboundAttachment], resume_row: InboundAttachment | None = None) -> str:
    """The attachment rows as the done mark's JSON parameter; ``resume_row`` is marked
    to get the id of the resume inserted by the same statement."""
    rows = [
        {
            "index": row.index, "filename": row.filename, "content_type": row.content_type,
            "detected_type": row.detected_type, "size": row.size, "sha256": row.sha256, "kind": row.kind,
            "resume_id": row.resume_id, "is_resume": row is resume_row,
        }
        for row in attachments
    ]  # fmt: skip
    return json.dumps(rows)


def _typed(model: type[Candidate] | type[Resume], column: str, name: str) -> str:
    """The placeholder of parameter ``name`` cast to ``column``'s type: in INSERT ...
    SELECT a value takes no type from the column it goes to, as it does in VALUES.
    Without a length: an explicit cast would cut a long value where the INSERT
    refuses it, as the ORM's does."""
    field = next(field for field in model._meta.concrete_fields if field.column == column)
    return f"%({name})s::{_LENGTH.sub('', str(field.db_type(connection)))}"


_LENGTH = re.compile(r"\(\d+\)")


# A new candidate (its keys, its duplicate review items and its search vector), its
# resume, the "done" mark and the attachment rows: one statement, so one round trip and
# no transaction of its own (it is one), where the same rows written apart took five
# (BEGIN, the candidate, the resume, the mark, COMMIT). Nothing is written unless the
# claim still holds: the message row is locked first, and every insert reads from that
# lock. The values are those CANDIDATE_INSERT_SQL, REVIEW_INSERT_SQL, RESUME_INSERT_SQL
# and DONE_SQL write; the vector is computed from them (a row inserted by a statement is
# not visible to its other parts, so it cannot be updated there).
NEW_CANDIDATE_DONE_SQL = f"""
WITH claim AS (
    SELECT id FROM ingestion_inboundmessage
    WHERE id = %(id)s AND status = %(processing)s AND claimed_at = %(claimed_at)s
    FOR UPDATE
), input AS (
    SELECT %(extracted_text)s::text AS text, %(candidate_name_normalized)s::text AS name,
        %(candidate_skills)s::varchar[] AS skills, %(candidate_emails)s::varchar[] AS emails
), candidate AS (
    INSERT INTO candidates_candidate ({", ".join(CANDIDATE_INSERTED_COLUMNS)}, search_vector)
    SELECT {", ".join(_typed(Candidate, column, f"candidate_{column}") for column in CANDIDATE_INSERTED_COLUMNS)},
        {
    candidate_search_vector_sql(
        "left(input.text, 200000)", name="input.name", skills="input.skills", emails="input.emails"
    )
}
    FROM claim, input
    RETURNING id
), keys AS (
    INSERT INTO candidates_candidatekey (candidate_id, key)
    SELECT candidate.id, key FROM candidate, unnest(%(candidate_keys)s::text[]) AS key
), reviews AS (
    INSERT INTO candidates_duplicatereview (candidate_id, other_id, score, reasons, status, created_at)
    SELECT candidate.id, pair.other_id, pair.score, ARRAY(SELECT jsonb_array_elements_text(pair.reasons)), 'open',
        now()
    FROM candidate, jsonb_to_recordset(%(reviews)s::jsonb) AS pair(other_id bigint, score double precision,
        reasons jsonb)
    ON CONFLICT DO NOTHING
), resume AS (
    INSERT INTO candidates_resume ({", ".join(RESUME_COLUMNS)})
    SELECT candidate.id, {
    ", ".join(
        "input.text" if column == "extracted_text" else _typed(Resume, column, f"resume_{column}")
        for column in RESUME_COLUMNS[1:]
    )
}
    FROM candidate, input
    RETURNING id, candidate_id
), done AS (
    UPDATE ingestion_inboundmessage AS message SET status = %(done)s,
        summary = %(message_summary)s::jsonb
            || jsonb_build_object('candidate', resume.candidate_id, 'resume', resume.id),
        error = '', reason = '', processed_at = %(now)s, candidate_id = resume.candidate_id, application_id = NULL,
        updated_at = %(now)s
    FROM resume WHERE message.id = %(id)s
    RETURNING message.id, resume.id AS resume_id
), attached AS (
    INSERT INTO ingestion_inboundattachment
        (message_id, "index", filename, content_type, detected_type, size, sha256, kind, resume_id)
    SELECT done.id, row."index", row.filename, row.content_type, row.detected_type, row.size, row.sha256, row.kind,
        CASE WHEN row.is_resume THEN done.resume_id ELSE row.resume_id END
    FROM done, jsonb_to_recordset(%(attachments)s::jsonb) AS row(
        "index" integer, filename text, content_type text, detected_type text, size bigint, sha256 text, kind text,
        resume_id bigint, is_resume boolean)
)
SELECT resume.candidate_id, resume.id FROM resume
"""


def message_done_new_candidate(
    *,
    message: InboundMessage,
    claimed_at: datetime | None,
    plan: IngestPlan,
    resume: Resume,
    attachments: Sequence[InboundAttachment],
    resume_row: InboundAttachment | None,
    summary: dict[str, Any],
) -> tuple[int, int] | None:
    """Write what processing a message made of a new person, as candidate_ingest_apply,
    resume_store and message_done write it (``plan`` decided on no known candidate;
    ``resume`` is built, its file stored, not inserted), in one statement: the
    candidate's and the resume's ids, or None when the claim is no longer the caller's
    (nothing is written). Outside any transaction: the statement is one."""
    assert plan.same is None, "a known candidate is updated, not written here"
    _, values = candidate_new_values(
        source=plan.source, phone_region=plan.phone_region, fields=plan.fields, former_employee_id=plan.former_id
    )
    resume_values = resume_insert_values(resume)
    params = {
        **{f"candidate_{column}": value for column, value in values.items()},
        **{f"resume_{column}": value for column, value in resume_values.items() if column != "extracted_text"},
        "extracted_text": resume_values["extracted_text"], "reviews": reviews_insert_values(plan.live),
        "id": message.pk, "claimed_at": claimed_at, "processing": Status.PROCESSING, "done": Status.DONE,
        "message_summary": json.dumps(summary), "now": timezone.now(),
        "attachments": _attachments_json(attachments, resume_row),
    }  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(NEW_CANDIDATE_DONE_SQL, params)
        row = cursor.fetchone()
    if row is None:
        return None
    candidate_id, resume_id = row
    return int(candidate_id), int(resume_id)


def message_release(*, message_id: int, claimed_at: datetime | None, error: str) -> None:
    """Give a claimed message back (a transient error; the task retries it)."""
    InboundMessage.objects.filter(pk=message_id, status=Status.PROCESSING, claimed_at=claimed_at).update(
        status=Status.RECEIVED, claimed_at=None, error=error[:2000], updated_at=timezone.now()
    )


def message_fail(*, message_id: int, error: str, reason: str = "error") -> None:
    """Record a final failure: visible in the admin and the API, and reprocessable."""
    InboundMessage.objects.filter(pk=message_id).exclude(status=Status.DONE).update(
        status=Status.FAILED, reason=reason[:40], error=error[:2000], claimed_at=None, updated_at=timezone.now()
    )
    logger.warning("inbound message failed", extra={"message_id": message_id, "reason": reason})


def message_reprocess(*, message: InboundMessage) -> bool:
    """Put a failed, skipped or done message through the pipeline again (after a fix,
    or to override a skip). False when it is already waiting or processing."""
    from apps.tenants.context import tenant_connection

    updated = InboundMessage.objects.filter(
        pk=message.pk, status__in=[Status.FAILED, Status.SKIPPED, Status.DONE]
    ).update(status=Status.RECEIVED, reason="", error="", claimed_at=None, updated_at=timezone.now())
    if updated:
        tenant = tenant_connection.tenant
        transaction.on_commit(partial(message_enqueue, tenant=tenant, message_id=message.pk))
    return bool(updated)


def messages_sweep(*, tenant: Tenant, older_than_seconds: int | None = None) -> int:
    """Enqueue again the messages of ``tenant`` stranded in received (the broker lost
    the task or was down) or in processing past their lease (the worker died).
    Safe to repeat: the task's claim lets only one worker through."""
    waited = older_than_seconds if older_than_seconds is not None else settings.INGESTION_SWEEP_AFTER_SECONDS
    now = timezone.now()
    with tenant_context(tenant, actor="task:ingestion.sweep"):
        ids = list(
            InboundMessage.objects.filter(
                Q(status=Status.RECEIVED, updated_at__lt=now - timedelta(seconds=waited))
                | Q(status=Status.PROCESSING, claimed_at__lt=now - timedelta(seconds=settings.INGESTION_LEASE_SECONDS))
            )
            .order_by("id")
            .values_list("pk", flat=True)[:1000]
        )
    for message_id in ids:
        message_enqueue(tenant=tenant, message_id=message_id)
    if ids:
        logger.info("swept inbound messages", extra={"tenant": tenant.slug, "count": len(ids)})
    return len(ids)


def resume_upload(
    *, tenant: Tenant, data: bytes, filename: str, content_type: str, job: Job | None, uploaded_by: str
) -> Stored:
    """A resume uploaded through the API goes through the same pipeline as mail: it is
    wrapped in a message of its own (a new Message-ID each time) and stored."""
    envelope = EmailMessage()
    envelope["From"] = uploaded_by or "api@invalid"
    envelope["Subject"] = filename[:200] or "resume"
    envelope["Date"] = email.utils.formatdate(localtime=False)
    envelope["Message-ID"] = f"<upload-{uuid.uuid4().hex}@api.invalid>"
    envelope.set_content("Uploaded through the API.")
    maintype, _, subtype = (content_type or "application/octet-stream").partition("/")
    if maintype in ("message", "multipart", "text") or not subtype:
        maintype, subtype = "application", "octet-stream"  # the bytes as they are; extraction sniffs them
    envelope.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename[:255] or "resume")
    return message_store(
        tenant=tenant,
        raw_mime=bytes(envelope.as_bytes()),
        channel=InboundMessage.Channel.API,
        job_code=job.code if job is not None else None,
    )


RESUME_FILE_MAX_LENGTH = Resume._meta.get_field("file").max_length


def resume_store(
    *,
    candidate: Candidate,
    data: bytes,
    filename: str,
    content_type: str,
    document: Document,
    parsed: ParsedResume,
    candidate_is_new: bool = False,
) -> Resume:
    """The candidate's current resume: this file, extracted and parsed, stored once
    (content-addressed: the same bytes again are the same resume); the candidate's
    search vector is refreshed with it.
    ``candidate_is_new``: the candidate was created in this transaction, so it has
    no current resume to compare with or to retire (two statements saved)."""
    sha256 = hashlib.sha256(data).hexdigest()
    if not candidate_is_new:
        current = Resume.objects.filter(candidate=candidate, is_current=True).first()
        if current is not None and current.sha256 == sha256:
            candidate_search_refresh(candidate_ids=[candidate.pk])
            return current
        Resume.objects.filter(candidate=candidate, is_current=True).update(is_current=False)
    resume = resume_build(
        data=data, filename=filename, content_type=content_type, document=document, parsed=parsed, sha256=sha256
    )
    resume.candidate = candidate
    return resume_insert(resume=resume)


def resume_build(
    *, data: bytes, filename: str, content_type: str, document: Document, parsed: ParsedResume, sha256: str = ""
) -> Resume:
    """A new current resume of this file, extracted and parsed (no candidate, not
    inserted), its file stored under its digest (``sha256``, when the caller has it)."""
    sha256 = sha256 or hashlib.sha256(data).hexdigest()
    resume = Resume(
        filename=filename[:255],
        sha256=sha256,
        content_type=content_type[:100],
        size=len(data),
        page_count=document.pages or None,
        extracted_text="\n".join(line.text for line in document.lines),
        parsed=parsed.to_json(),
        parser_version=parsed.parser_version,
        ocr_used=document.ocr_used,
        status=Resume.Status.PARSED,
        is_current=True,
    )
    name = resume_upload_to(resume, filename)
    if default_storage.exists(name) and default_storage.size(name) == len(data):
        resume.file.name = name  # the same bytes are already stored under their digest
    else:
        # A write cut short (a full disk, a killed worker) leaves a short file under the
        # digest's name: reused, it would stand for these bytes for good.
        default_storage.delete(name)
        resume.file.name = _file_save(name, data)
    return resume


def _file_save(name: str, data: bytes) -> str:
    """Store ``data`` as a new file under ``name`` in the default storage; returns the
    name it got, as ``storage.save`` does (another one if ``name`` is taken). On the
    local file system in four system calls where ``storage.save`` makes about twenty
    (it checks the name several times, makes the directories, locks the file, writes
    it through a buffered file object, sets its mode by name): half its CPU."""
    storage = default_storage
    if not isinstance(storage, FileSystemStorage) or storage.directory_permissions_mode is not None:
        return str(storage.save(name, ContentFile(data), max_length=RESUME_FILE_MAX_LENGTH))
    path = storage.path(name)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        try:
            descriptor = os.open(path, flags, 0o666)
        except FileNotFoundError:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            descriptor = os.open(path, flags, 0o666)
    except FileExistsError:
        # Taken meanwhile (another worker storing the same bytes): the storage picks another name.
        return str(storage.save(name, ContentFile(data), max_length=RESUME_FILE_MAX_LENGTH))
    try:
        if storage.file_permissions_mode is not None:
            os.fchmod(descriptor, storage.file_permissions_mode)
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)
    return name
