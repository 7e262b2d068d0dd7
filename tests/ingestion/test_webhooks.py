"""The inbound webhooks, fed the providers' real payload shapes (../shared/data/email)."""

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from pytest_django.fixtures import Settings as SettingsWrapper

from apps.audit.models import AuditEvent
from apps.ingestion import mail
from apps.ingestion.extraction.sniff import sniff
from apps.ingestion.models import InboundAttachment, InboundMessage
from apps.ingestion.pipeline import message_process
from apps.tenants.context import tenant_context
from apps.tenants.models import QuarantinedMessage, WebhookToken
from tests.conftest import TenantFixture
from tests.ingestion import payloads
from tests.ingestion.payloads import (
    BASIC_AUTH,
    OLD_BASIC_AUTH,
    Payload,
    inbound_address,
    mailgun,
    post,
    sendgrid,
    unique_message_id,
)

pytestmark = pytest.mark.django_db

MAILGUN_PARSED = "mailgun_parsed_with_resume_attachments"
MAILGUN_MIME = "mailgun_mime_with_resume"
SENDGRID_PARSED = "sendgrid_parsed_with_resume_attachments"
SENDGRID_RAW = "sendgrid_raw_with_docx_resume"


@pytest.fixture(autouse=True)
def webhook_secrets(settings: SettingsWrapper) -> None:
    settings.ANYMAIL = {
        "WEBHOOK_SECRET": [BASIC_AUTH, OLD_BASIC_AUTH],
        "MAILGUN_WEBHOOK_SIGNING_KEY": payloads.SIGNING_KEY,
    }
    # The same sender posts here again and again; the flood limit has its own test.
    settings.INGESTION_SENDER_LIMIT = 0


def messages_in(fixture: TenantFixture) -> list[InboundMessage]:
    with tenant_context(fixture.tenant, actor="test"):
        return list(InboundMessage.objects.defer("raw_mime").prefetch_related("attachments").order_by("id"))


def every_message_count() -> int:
    from tests.conftest import SEEDED

    return sum(len(messages_in(fixture)) for fixture in SEEDED.values())


# Each provider mode: a builder of its payload for a recipient.
MODES: dict[str, Callable[[str], Payload]] = {
    "mailgun parsed": lambda to: mailgun(MAILGUN_PARSED, to),
    "mailgun raw MIME": lambda to: mailgun(MAILGUN_MIME, to),
    "sendgrid parsed": lambda to: sendgrid(SENDGRID_PARSED, to),
    "sendgrid raw": lambda to: sendgrid(SENDGRID_RAW, to),
}


@pytest.mark.parametrize("mode", MODES)
def test_a_resume_mail_is_stored_once_in_the_tenant_of_its_envelope_recipient(
    mode: str, alpha: TenantFixture, beta: TenantFixture, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        assert post(MODES[mode](inbound_address("alpha"))) == 200
    [message] = messages_in(alpha)
    assert messages_in(beta) == []
    assert message.status == InboundMessage.Status.RECEIVED
    assert message.channel == mode.split()[0]
    assert message.envelope_recipient == inbound_address("alpha")
    assert message.from_address == "john.doe@email.com"
    # SendGrid's parsed payload has no Message-ID header: its content is its key.
    assert message.key.startswith("sha256:" if mode == "sendgrid parsed" else "mid:derived-app-")
    assert len(callbacks) == 1  # processing is enqueued once, after the commit
    with tenant_context(alpha.tenant, actor="test"):
        raw = bytes(InboundMessage.objects.get().raw_mime)
    kinds = [sniff(part.data) for part in mail.attachments(mail.parse_mime(raw))]
    assert kinds
    assert set(kinds) <= {"pdf", "docx"}


def test_two_attachments_and_a_non_ascii_file_name_are_each_recorded_once_processed(
    alpha: TenantFixture, settings: SettingsWrapper, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    assert post(mailgun(MAILGUN_PARSED, inbound_address("alpha"))) == 200
    [message] = messages_in(alpha)
    with tenant_context(alpha.tenant, actor="test"):
        assert message_process(message_id=message.pk) == "done"
        rows = list(InboundAttachment.objects.filter(message=message).order_by("index"))
    names = sorted((row.filename, row.detected_type) for row in rows)
    assert names == [("John_Doe_CV.pdf", "pdf"), ("Lebenslauf Jöhn Döe.docx", "docx")]
    assert all(len(row.sha256) == 64 for row in rows)
    assert sorted(row.kind for row in rows) == ["other", "resume"]  # one candidate per mail


def test_the_raw_mime_is_kept_and_rfc2231_file_names_are_read(alpha: TenantFixture) -> None:
    assert post(sendgrid(SENDGRID_RAW, inbound_address("alpha"))) == 200
    with tenant_context(alpha.tenant, actor="test"):
        message = InboundMessage.objects.get()
        parts = list(mail.attachments(mail.parse_mime(bytes(message.raw_mime))))
    assert [part.filename for part in parts] == ["Lebenslauf Jöhn Döe.docx"]  # RFC 2231 encoded in the MIME
    assert sniff(parts[0].data) == "docx"


def test_the_plus_address_selects_the_job(alpha: TenantFixture) -> None:
    assert post(mailgun(MAILGUN_PARSED, inbound_address("alpha", "be-42"))) == 200
    [message] = messages_in(alpha)
    assert message.job_code == "BE-42"


def test_a_repeat_delivery_stores_and_enqueues_nothing_new(
    alpha: TenantFixture, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        assert post(mailgun(MAILGUN_PARSED, inbound_address("alpha"))) == 200
        assert post(mailgun(MAILGUN_MIME, inbound_address("alpha"))) == 200  # same Message-ID, other mode
    assert len(messages_in(alpha)) == 1
    assert len(callbacks) == 1


def test_a_mailgun_mail_binds_its_tenant_once_for_the_token_and_the_message(
    settings: SettingsWrapper, alpha: TenantFixture
) -> None:
    settings.TENANT_CACHE_SECONDS = 60  # as deployed: routing a request costs no query once warm
    assert post(mailgun(MAILGUN_MIME, inbound_address("alpha"))) == 200
    with tempfile.TemporaryFile() as trace:
        # libpq's protocol trace: every message the request sends to PostgreSQL.
        connection.connection.pgconn.trace(os.dup(trace.fileno()))
        try:
            assert post(mailgun(MAILGUN_MIME, inbound_address("alpha"), message_id=unique_message_id())) == 200
        finally:
            connection.connection.pgconn.untrace()
        trace.seek(0)
        sent = [line for line in trace.read().decode(errors="replace").splitlines() if "\tF\t" in line]
    # From the context statement before the token row to the message row: the tenant's
    # SET, the token row (in public, named with its schema), the message row; no other SET.
    token = next(number for number, line in enumerate(sent) if "tenants_webhooktoken" in line)
    context = max(number for number, line in enumerate(sent[:token]) if "set_config('search_path'" in line)
    message = next(number for number, line in enumerate(sent) if 'INSERT INTO "ingestion_inboundmessage"' in line)
    assert '"t_alpha","public"' in sent[context]
    assert '"public"."tenants_webhooktoken"' in sent[token]
    assert not [line for line in sent[token:message] if "set_config(" in line]
    with tenant_context(alpha.tenant, actor="test"):
        newest = InboundMessage.objects.order_by("-id").values_list("pk", flat=True).first()
        [event] = AuditEvent.objects.filter(object_type="ingestion_inboundmessage", object_id=str(newest))
    assert (event.action, event.actor) == ("insert", "ingestion:mailgun")
    assert event.request_id


def test_headers_cannot_route_mail_to_another_tenant(alpha: TenantFixture, beta: TenantFixture) -> None:
    payload = mailgun(MAILGUN_MIME, inbound_address("alpha"))
    forged = f"To: {inbound_address('beta')}\r\nReply-To: {inbound_address('beta')}\r\n".encode()
    payload.body = payload.body.replace(b"From: John Doe", forged + b"From: John Doe", 1)
    assert post(payload) == 200
    assert len(messages_in(alpha)) == 1
    assert messages_in(beta) == []


@pytest.mark.parametrize(
    "recipient",
    ["nobody@{domain}", "alpha@elsewhere.example", "", "@{domain}"],
    ids=["slug", "domain", "none", "empty"],
)
def test_an_unknown_recipient_is_quarantined_and_acknowledged(recipient: str, alpha: TenantFixture) -> None:
    from django.conf import settings

    assert post(sendgrid(SENDGRID_PARSED, recipient.format(domain=settings.INBOUND_DOMAIN))) == 200
    assert every_message_count() == 0
    [kept] = QuarantinedMessage.objects.all()
    assert kept.from_address == "john.doe@email.com"
    assert b"John_Doe_CV.pdf" in bytes(kept.raw_mime)


def test_an_auto_reply_is_recorded_and_skipped(alpha: TenantFixture, django_capture_on_commit_callbacks: Any) -> None:
    payload = mailgun(MAILGUN_MIME, inbound_address("alpha"))
    payload.body = payload.body.replace(b"MIME-Version: 1.0", b"Auto-Submitted: auto-replied\r\nMIME-Version: 1.0", 1)
    with django_capture_on_commit_callbacks() as callbacks:
        assert post(payload) == 200
    [message] = messages_in(alpha)
    assert (message.status, message.reason) == (InboundMessage.Status.SKIPPED, "auto_reply")
    assert callbacks == []


def test_a_message_from_our_own_inbound_address_is_a_loop(alpha: TenantFixture) -> None:
    payload = mailgun(MAILGUN_MIME, inbound_address("alpha"))
    payload.body = payload.body.replace(b"john.doe@email.com>", inbound_address("beta").encode() + b">", 1)
    assert post(payload) == 200
    [message] = messages_in(alpha)
    assert (message.status, message.reason) == (InboundMessage.Status.SKIPPED, "loop")


def test_the_previous_basic_auth_secret_still_works_during_a_rotation(alpha: TenantFixture) -> None:
    assert post(sendgrid(SENDGRID_RAW, inbound_address("alpha")), auth=OLD_BASIC_AUTH) == 200
    assert len(messages_in(alpha)) == 1


REFUSALS: dict[str, Callable[[], tuple[Payload, str | None]]] = {
    "sendgrid without basic auth": lambda: (sendgrid(SENDGRID_PARSED, inbound_address("alpha")), None),
    "sendgrid with a wrong secret": lambda: (sendgrid(SENDGRID_RAW, inbound_address("alpha")), "mailer:guess"),
    "mailgun without basic auth": lambda: (mailgun(MAILGUN_PARSED, inbound_address("alpha")), None),
    "mailgun with a bad signature": lambda: (mailgun(MAILGUN_MIME, inbound_address("alpha"), key="wrong"), BASIC_AUTH),
    "mailgun with a stale timestamp": lambda: (
        mailgun(MAILGUN_MIME, inbound_address("alpha"), timestamp=1741079700),
        BASIC_AUTH,
    ),
    "mailgun from the future": lambda: (
        mailgun(MAILGUN_MIME, inbound_address("alpha"), timestamp=4102444800),
        BASIC_AUTH,
    ),
}


@pytest.mark.parametrize("case", REFUSALS)
def test_unauthenticated_requests_are_refused_and_nothing_is_stored(case: str, alpha: TenantFixture) -> None:
    payload, auth = REFUSALS[case]()
    assert post(payload, auth=auth) in (400, 401, 403)
    assert every_message_count() == 0
    assert not QuarantinedMessage.objects.exists()


def test_the_recorded_mailgun_payload_as_is_is_refused_as_stale(alpha: TenantFixture) -> None:
    # Signed correctly with the test key, but in March 2025.
    recorded = payloads.load(MAILGUN_PARSED)
    recorded.body = payloads.set_field(recorded.body, "recipient", inbound_address("alpha"))
    assert post(recorded) == 400
    assert every_message_count() == 0


def test_a_replayed_token_is_refused(alpha: TenantFixture) -> None:
    token = "a" * 50
    assert post(mailgun(MAILGUN_MIME, inbound_address("alpha"), token=token)) == 200
    replay = mailgun(MAILGUN_PARSED, inbound_address("alpha"), token=token, message_id=payloads.unique_message_id())
    assert post(replay) == 400
    assert len(messages_in(alpha)) == 1
    assert WebhookToken.objects.filter(token=token).count() == 1


def test_no_configured_secret_refuses_everything(settings: SettingsWrapper, alpha: TenantFixture) -> None:
    settings.ANYMAIL = {"WEBHOOK_SECRET": [], "MAILGUN_WEBHOOK_SIGNING_KEY": payloads.SIGNING_KEY}
    assert post(sendgrid(SENDGRID_RAW, inbound_address("alpha")), auth=None) == 400
    assert every_message_count() == 0


def test_an_oversized_request_is_refused_before_it_is_read(settings: SettingsWrapper, alpha: TenantFixture) -> None:
    settings.INGESTION_MAX_REQUEST_BYTES = 10_000
    assert post(mailgun(MAILGUN_PARSED, inbound_address("alpha"))) == 413
    assert every_message_count() == 0


def test_a_mailgun_tracking_event_posted_to_the_inbound_url_is_refused(alpha: TenantFixture) -> None:
    recorded = payloads.load(
        "mailgun_inbound__misconfigured_store_action", payloads.SHARED_EMAIL / "webhooks" / "mailgun" / "anymail-tests"
    )
    assert recorded.body  # anymail's own test payload; it carries an old timestamp and signature
    assert post(recorded) == 400
    assert every_message_count() == 0


@pytest.mark.parametrize("mode", MODES)
def test_attachments_are_stored_byte_for_byte(mode: str, alpha: TenantFixture) -> None:
    original = mail.parse_mime((payloads.DERIVED / "application_pdf.eml").read_bytes())
    [pdf] = list(mail.attachments(original))
    assert post(MODES[mode](inbound_address("alpha"))) == 200
    with tenant_context(alpha.tenant, actor="test"):
        message = InboundMessage.objects.get()
        kept = {part.filename: part.data for part in mail.attachments(mail.parse_mime(bytes(message.raw_mime)))}
    if mode != "sendgrid raw":  # that one carries only a DOCX
        assert kept["John_Doe_CV.pdf"] == pdf.data


def test_a_repeat_of_a_mail_without_message_id_is_still_one_message(alpha: TenantFixture) -> None:
    # SendGrid's parsed payload has no Message-ID, and each rebuild of it has new MIME boundaries.
    assert post(sendgrid(SENDGRID_PARSED, inbound_address("alpha"))) == 200
    assert post(sendgrid(SENDGRID_PARSED, inbound_address("alpha"))) == 200
    assert len(messages_in(alpha)) == 1


def test_a_post_with_too_many_files_is_refused_and_nothing_is_stored(alpha: TenantFixture) -> None:
    from django.conf import settings

    payload = mailgun(MAILGUN_PARSED, inbound_address("alpha"))
    extra = b"".join(
        b'--BoUnDaRyStRiNg\r\nContent-Disposition: form-data; name="attachment-x%d"; filename="f%d.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\nx\r\n" % (number, number)
        for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)
    )
    payload.body = extra + payload.body
    assert post(payload) == 400
    assert every_message_count() == 0
