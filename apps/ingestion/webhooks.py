"""Inbound mail webhooks: django-anymail's views with our extra checks, and the
receiver of anymail's inbound signal, which hands the mail to message_store.

anymail authenticates (basic auth for both providers, Mailgun's HMAC signature)
and parses; we add a refusal when no secret is configured, Mailgun's timestamp
window and token replay check, a Content-Length cap checked before the body
is read, and the rate limits (per tenant, per sender and tenant: 429 with
Retry-After, before anything is written, so that the provider delivers again
later and nothing is lost). The receiver trusts only the envelope recipient to
pick the tenant. The request runs in one transaction (ATOMIC_REQUESTS): the 2xx
leaves after the commit, and an error while storing answers 5xx so that the
provider retries.
"""

import hashlib
import json
import logging
import re
import time
from datetime import UTC, datetime
from email.message import EmailMessage
from itertools import pairwise
from typing import Any

from anymail.exceptions import AnymailWebhookValidationFailure
from anymail.inbound import AnymailInboundMessage
from anymail.signals import AnymailInboundEvent, EventType
from anymail.webhooks.mailgun import MailgunInboundWebhookView
from anymail.webhooks.sendgrid import SendGridInboundWebhookView
from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from apps.ingestion.mail import HeaderBlock, parse_headers
from apps.ingestion.models import InboundMessage
from apps.ingestion.selectors import recipient_resolve
from apps.ingestion.services import Stored, ingestion_actor, message_store, quarantine_store, webhook_token_accept
from apps.tenants.context import tenant_connection
from ats.throttling import Rate, Verdict, digest, rate_hit, verdict_first_refusal

logger = logging.getLogger(__name__)

CHANNELS = {"Mailgun": InboundMessage.Channel.MAILGUN, "SendGrid": InboundMessage.Channel.SENDGRID}


class _Refused(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


def _rate(limit: int, seconds: int) -> Rate | None:
    return Rate(limit=limit, seconds=seconds) if limit > 0 else None


def _recipient_bucket(recipient: str) -> str:
    """The tenant part of a mail's buckets: its tenant's schema, or "quarantine"
    for mail no tenant will take (so made-up addresses share one bucket)."""
    tenant, _job_code = recipient_resolve(recipient)
    return "quarantine" if tenant is None else str(tenant.schema_name)


def inbound_rate_hit(message: AnymailInboundMessage) -> Verdict:
    """Count one live mail in its tenant's bucket and in its sender's bucket in
    that tenant; refused if either is full. The webhooks are the only door that
    counts: uploads and mailbox reimports store through message_store directly."""
    label = _recipient_bucket(str(message.envelope_recipient or ""))
    verdicts = [
        rate_hit(
            scope="webhook_tenant",
            tenant=label,
            ident="all",
            rate=_rate(settings.INGESTION_TENANT_LIMIT, settings.INGESTION_TENANT_WINDOW_SECONDS),
        )
    ]
    sender = str(message.envelope_sender or "")
    if not sender:  # only then the From header: anymail parses it anew at each read
        from_header = message.from_email
        sender = str(from_header.addr_spec) if from_header else ""
    if sender:  # no address at all (some bounces): the tenant's bucket alone
        verdicts.append(
            rate_hit(
                scope="webhook_sender",
                tenant=label,
                ident=digest(sender),
                rate=_rate(settings.INGESTION_SENDER_LIMIT, settings.INGESTION_SENDER_WINDOW_SECONDS),
            )
        )
    return verdict_first_refusal(verdicts)


# A part as Mailgun and SendGrid write each field: one header, a plain name.
_FIELD_HEAD = re.compile(rb'\r\nContent-Disposition: form-data; name="([-!#$%&\'*+.^_`|~0-9A-Za-z]{1,200})"\r\n\r\n')


def plain_form_fields(body: bytes, boundary: bytes, encoding: str) -> "QueryDict | None":
    """The fields of a multipart form whose every part is a plain field in the
    providers' shape (no file, no other header, no preamble), exactly as Django's
    parser reads them (each value up to the CRLF before the next boundary, decoded
    with "replace"); None for any other form, and for one past Django's limits on
    fields, which Django's parser then refuses with its own error."""
    # As body.split(delimiter) would cut it, by positions: no copy of the parts.
    delimiter = b"--" + boundary
    if not body.startswith(delimiter):
        return None
    cuts = [0]
    while (cut := body.find(delimiter, cuts[-1] + len(delimiter))) != -1:
        cuts.append(cut)
    if len(cuts) < 2 or body[cuts[-1] + len(delimiter) :] not in (b"--", b"--\r\n"):
        return None
    if settings.DATA_UPLOAD_MAX_NUMBER_FIELDS is not None and len(cuts) - 1 > settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:
        return None
    fields = QueryDict(mutable=True)
    size = 0
    view = memoryview(body)
    for start, end in pairwise(cuts):
        head = _FIELD_HEAD.match(body, start + len(delimiter), end)
        # Django ends a value before the boundary's CRLF; a part without both its
        # blank line and that CRLF is not a field to it.
        if head is None or end < head.end() + 2 or not body.endswith(b"\r\n", start + len(delimiter), end):
            return None
        name = head.group(1).decode("ascii")
        size += end - 2 - head.end() + len(name) + 2  # as Django counts, "&=" included
        fields.appendlist(name, str(view[head.end() : end - 2], encoding, "replace"))
    if settings.DATA_UPLOAD_MAX_MEMORY_SIZE is not None and size > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        return None
    return fields


class _PlainFormHandler(FileUploadHandler):
    """Django's hook for parsing a whole form: a form of plain fields (a raw-MIME
    post) is read by plain_form_fields in a few splits of the body, where Django's
    parser streams a 200 KiB field through its chunk classes (about a quarter of
    the request's CPU); any other form goes on to Django's parser."""

    def handle_raw_input(  # type: ignore[override]  # Django passes the boundary as bytes; the stubs say str
        self, input_data: Any, META: dict[str, Any], content_length: int, boundary: bytes, encoding: str | None = None
    ) -> tuple[QueryDict, MultiValueDict[str, Any]] | None:
        if settings.DATA_UPLOAD_MAX_MEMORY_SIZE is not None and content_length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return None  # reading the body whole would refuse what Django's parser may take
        assert self.request is not None
        fields = plain_form_fields(self.request.body, boundary, encoding or settings.DEFAULT_CHARSET)
        return None if fields is None else (fields, MultiValueDict())

    # For the forms it leaves to Django's parser: the files go to the next handlers untouched.
    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


class _Limits:
    """Refuse oversized requests before reading them, unauthenticated setups
    outright, and mail past the rate limits once the request is authenticated."""

    esp_name: str  # set by anymail's view

    # Overriding dispatch hides anymail's csrf_exempt on it (as_view copies the attributes
    # of the class's dispatch): providers post without a CSRF token.
    @method_decorator(csrf_exempt)
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.INGESTION_MAX_REQUEST_BYTES:
            return HttpResponse(_("Message too large."), status=413)
        request.upload_handlers = [_PlainFormHandler(request), *request.upload_handlers]
        try:
            return super().dispatch(request, *args, **kwargs)  # type: ignore[misc, no-any-return]  # a mixin of View
        except _Refused as refused:
            response = HttpResponse(_("Too many messages; deliver again later."), status=429)
            response["Retry-After"] = str(refused.retry_after)
            return response

    def validate_request(self, request: HttpRequest) -> None:
        # anymail only warns without a secret; an open endpoint would take anyone's mail.
        if not getattr(self, "basic_auth", None):
            raise AnymailWebhookValidationFailure("No ANYMAIL_WEBHOOK_SECRET configured: inbound mail refused")

    def parse_events(self, request: HttpRequest) -> list[AnymailInboundEvent]:
        # anymail has run every validate_request: only authenticated requests are
        # counted, and a refused one has written nothing (Mailgun's token included,
        # so that the provider's next delivery of it is not taken for a replay).
        events: list[AnymailInboundEvent] = super().parse_events(request)  # type: ignore[misc]  # a mixin of anymail's view
        for event in events:
            verdict = inbound_rate_hit(event.message)
            if not verdict.allowed:
                raise _Refused(verdict.retry_after)
        if len(events) == 1:
            _bind_to_recipient(events[0].message, esp_name=self.esp_name)
        return events


def _bind_to_recipient(message: AnymailInboundMessage, *, esp_name: str) -> None:
    """Bind the connection to the tenant the mail is for, with the actor message_store
    names (which then enters the same context: no statement). Mailgun's token row (in
    the public schema, named with it) is written in that context too, so the request
    sends one SET instead of two: a round trip and a statement less. TenantMiddleware
    leaves the tenant when the request ends. Mail for no tenant stays in public."""
    tenant, _job_code = recipient_resolve(str(message.envelope_recipient or ""))
    if tenant is not None:
        tenant_connection.set_tenant(tenant)
        tenant_connection.set_audit_context(actor=ingestion_actor(CHANNELS.get(esp_name, esp_name.lower())))


class MailgunInboundView(_Limits, MailgunInboundWebhookView):  # type: ignore[misc]  # anymail is untyped
    def validate_request(self, request: HttpRequest) -> None:
        if not settings.ANYMAIL.get("MAILGUN_WEBHOOK_SIGNING_KEY"):
            raise AnymailWebhookValidationFailure("No MAILGUN_WEBHOOK_SIGNING_KEY configured: inbound mail refused")

    def parse_events(self, request: HttpRequest) -> list[AnymailInboundEvent]:
        # anymail runs every validate_request first (basic auth, signature); only a
        # signed request gets here. A stale one, or one whose token was used, is refused.
        try:
            stamp = int(request.POST.get("timestamp", ""))
        except ValueError as error:
            raise AnymailWebhookValidationFailure("Mailgun webhook without a usable timestamp") from error
        if abs(time.time() - stamp) > settings.INGESTION_WEBHOOK_MAX_AGE_SECONDS:
            raise AnymailWebhookValidationFailure("Mailgun webhook timestamp outside the accepted window")
        # Parsed (and rate-checked) before the token is recorded: a refused request keeps no token.
        events: list[AnymailInboundEvent] = super().parse_events(request)
        if not webhook_token_accept(token=request.POST.get("token", "")):
            raise AnymailWebhookValidationFailure("Mailgun webhook token already used (replay)")
        return events

    def esp_to_anymail_event(self, request: HttpRequest) -> AnymailInboundEvent:
        raw = request.POST.get("body-mime")
        if raw is None or request.POST.get("event", "inbound") != "inbound" or "attachments" in request.POST:
            return super().esp_to_anymail_event(request)
        return _raw_event(
            request,
            raw,
            sender=request.POST.get("sender"),
            recipient=request.POST.get("recipient"),
            timestamp=int(request.POST["timestamp"]),
            event_id=request.POST.get("token"),
        )


class SendGridInboundView(_Limits, SendGridInboundWebhookView):  # type: ignore[misc]  # anymail is untyped
    def esp_to_anymail_event(self, request: HttpRequest) -> AnymailInboundEvent:
        # anymail's parsed mode reads the body again for its charsets: keep it readable.
        _ = request.body
        raw = request.POST.get("email")
        if raw is None or "headers" in request.POST:
            return super().esp_to_anymail_event(request)
        try:
            envelope = json.loads(request.POST.get("envelope", ""))
            sender: str | None = str(envelope["from"])
            recipient: str | None = str(envelope["to"][0])
        except (KeyError, IndexError, TypeError, ValueError):
            sender = recipient = None
        return _raw_event(request, raw, sender=sender, recipient=recipient, timestamp=None, event_id=None)


class RawInboundMessage(AnymailInboundMessage):  # type: ignore[misc]  # anymail is untyped
    """anymail's message for a raw-MIME post: its headers as the parser stored them,
    read through policy.default like any AnymailInboundMessage's (only if something
    reads them), and what the receiver needs: ``raw_mime``, the mail's bytes, encoded
    once, and ``header_block``, mail.parse_headers of them, which message_store reads."""

    raw_mime: bytes
    header_block: HeaderBlock


def _raw_event(
    request: HttpRequest,
    raw: str,
    *,
    sender: str | None,
    recipient: str | None,
    timestamp: int | None,
    event_id: str | None,
) -> AnymailInboundEvent:
    """anymail's event for a raw-MIME post, with the headers parsed only: anymail
    parses the whole mail, ~30 ms for 200 KB, and the receiver needs only the
    envelope; the worker reads the rest. The header block is parsed once, for the
    event and for message_store."""
    raw_mime = raw.encode("utf-8", "surrogateescape")
    block = parse_headers(raw_mime)
    message = RawInboundMessage()
    for name, value in block.raw_items():
        message.set_raw(name, value)
    message.raw_mime, message.header_block = raw_mime, block
    message.envelope_sender = sender
    message.envelope_recipient = recipient
    return AnymailInboundEvent(
        event_type=EventType.INBOUND,
        timestamp=datetime.fromtimestamp(timestamp, tz=UTC) if timestamp is not None else None,
        event_id=event_id,
        esp_event=request,
        message=message,
    )


def _raw_mime(event: AnymailInboundEvent, esp_name: str) -> bytes:
    """The mail as the provider received it when it sent the raw form; else rebuilt
    from the parsed fields (Mailgun and SendGrid "parsed" modes)."""
    if isinstance(event.message, RawInboundMessage):
        return event.message.raw_mime
    request = event.esp_event
    field = {"Mailgun": "body-mime", "SendGrid": "email"}.get(esp_name, "")
    raw = request.POST.get(field) if field and hasattr(request, "POST") else None
    if raw:
        return str(raw).encode("utf-8", "surrogateescape")
    return _rebuilt(event.message)


def _rebuilt(message: AnymailInboundMessage) -> bytes:
    """A MIME message from anymail's parsed one. Not its as_bytes(): its attachments
    carry no transfer encoding, and serializing them as they are mangles binary files."""
    out = EmailMessage()
    for name, value in message.items():
        if name.lower() in ("content-type", "content-transfer-encoding", "mime-version", "content-disposition"):
            continue
        try:
            out[name] = str(value)
        except (ValueError, TypeError, IndexError):
            continue  # a header the email package cannot write again; the rest still counts
    out.set_content(message.text or "")
    fixed = hashlib.sha256()
    if message.html:
        out.add_alternative(message.html, subtype="html")
    for attachment in message.attachments:
        maintype, _, subtype = attachment.get_content_type().partition("/")
        if maintype in ("message", "multipart", "text"):
            maintype, subtype = "application", "octet-stream"  # kept as the bytes they are
        out.add_attachment(
            attachment.get_content_bytes(),
            maintype=maintype,
            subtype=subtype or "octet-stream",
            filename=attachment.get_filename() or None,
        )
    # Boundaries from the content, not random: the same mail rebuilt twice is the same
    # bytes, so a repeat delivery without a Message-ID has the same key.
    for part in out.walk():
        payload = None if part.is_multipart() else part.get_payload(decode=True)
        fixed.update(payload if isinstance(payload, bytes) else b"")
    seed = fixed.hexdigest()[:32]
    for number, part in enumerate(part for part in out.walk() if part.is_multipart()):
        part.set_boundary(f"=_ats_{seed}_{number}")
    return bytes(out.as_bytes())


def inbound_received(sender: object, event: AnymailInboundEvent, esp_name: str, **kwargs: Any) -> Stored:
    """anymail's inbound signal: store the mail in the tenant its envelope recipient names."""
    message: AnymailInboundMessage = event.message
    recipient = str(message.envelope_recipient or "")
    envelope = {"sender": str(message.envelope_sender or ""), "recipient": recipient}
    channel = CHANNELS.get(esp_name, esp_name.lower())
    raw = _raw_mime(event, esp_name)
    if len(raw) > settings.INGESTION_MAX_MESSAGE_BYTES:
        raise AnymailWebhookValidationFailure("Inbound mail larger than INGESTION_MAX_MESSAGE_BYTES")
    block = message.header_block if isinstance(message, RawInboundMessage) else None
    tenant, job_code = recipient_resolve(recipient)
    if tenant is None:
        stored = quarantine_store(raw_mime=raw, channel=channel, envelope=envelope, headers=block)
    else:
        stored = message_store(
            tenant=tenant, raw_mime=raw, channel=channel, job_code=job_code, envelope=envelope, headers=block
        )
    logger.info(
        "inbound webhook",
        extra={"channel": channel, "outcome": stored.outcome, "message_id": stored.message_id},
    )
    return stored
