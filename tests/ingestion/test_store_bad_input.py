"""message_store takes any bytes a provider sends without failing the store."""

import pytest
from django.db import connection
from django.db.backends.postgresql.base import ServerBindingCursor  # type: ignore[attr-defined]  # psycopg 3 only

from apps.ingestion.models import InboundMessage
from apps.ingestion.services import message_store, quarantine_store
from apps.tenants.context import leave_tenant, tenant_context
from apps.tenants.models import QuarantinedMessage
from tests.conftest import TenantFixture
from tests.ingestion.payloads import no_broker

pytestmark = pytest.mark.django_db

NUL_MAIL = (
    b"From: Ada\x00 <ada@example.com>\r\nTo: alpha@inbound.localhost\r\nSubject: CV\x00 attached\r\n"
    b"Message-ID: <nul-\x00-1@example.com>\r\nContent-Type: text/plain\r\n\r\nMy resume.\r\n"
)


def test_nul_bytes_in_headers_and_envelope_are_dropped_not_a_failed_store(alpha: TenantFixture) -> None:
    with no_broker():
        stored = message_store(
            tenant=alpha.tenant, raw_mime=NUL_MAIL, channel="mailgun",
            envelope={"sender": "ada\x00@example.com", "recipient": "alpha@inbound.localhost\x00"},
        )  # fmt: skip
    assert stored.created
    assert stored.message_id is not None
    with tenant_context(alpha.tenant, actor="test"):
        message = InboundMessage.objects.get(pk=stored.message_id)
    assert (message.subject, message.message_id) == ("CV attached", "nul--1@example.com")
    assert (message.envelope_sender, message.envelope_recipient) == ("ada@example.com", "alpha@inbound.localhost")
    assert bytes(message.raw_mime) == NUL_MAIL  # the original is kept as it came


def test_the_quarantine_takes_nul_bytes_too() -> None:
    leave_tenant()
    stored = quarantine_store(raw_mime=NUL_MAIL, channel="sendgrid", envelope={"recipient": "nobody\x00@x.test"})
    assert stored.message_id is not None
    assert QuarantinedMessage.objects.get(pk=stored.message_id).envelope_recipient == "nobody@x.test"


def test_every_byte_value_of_the_raw_mime_is_kept_and_the_connection_binds_as_before(alpha: TenantFixture) -> None:
    # 8-bit bodies are sent as they are by some mailers; the store binds the mail as a binary parameter.
    raw = (
        b"From: ada@example.com\r\nTo: alpha@inbound.localhost\r\nMessage-ID: <bytes-1@example.com>\r\n"
        b"Content-Type: application/octet-stream\r\n\r\n" + bytes(range(256)) * 64
    )
    with no_broker():
        first = message_store(tenant=alpha.tenant, raw_mime=raw, channel="mailgun")
        again = message_store(tenant=alpha.tenant, raw_mime=raw, channel="mailgun")
    assert (first.outcome, again.outcome, again.message_id) == ("new", "known", first.message_id)
    assert first.message_id is not None
    with tenant_context(alpha.tenant, actor="test"):
        assert bytes(InboundMessage.objects.get(pk=first.message_id).raw_mime) == raw
    assert connection.connection.cursor_factory is not ServerBindingCursor
