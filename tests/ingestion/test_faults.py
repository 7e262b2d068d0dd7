"""Faults around the webhook: the database down while a mail arrives."""

from django.db import connection
from django.test import override_settings

from apps.ingestion.models import InboundMessage
from apps.tenants.context import tenant_context
from tests.conftest import SEEDED, TenantFixture
from tests.ingestion import payloads
from tests.ingestion.payloads import BASIC_AUTH, inbound_address, no_broker, sendgrid

SECRETS = {"WEBHOOK_SECRET": [BASIC_AUTH], "MAILGUN_WEBHOOK_SIGNING_KEY": payloads.SIGNING_KEY}


def stored_with(message_id: str) -> int:
    count = 0
    for fixture in SEEDED.values():
        with tenant_context(fixture.tenant, actor="test"):
            count += InboundMessage.objects.filter(message_id=message_id).count()
    return count


@override_settings(ANYMAIL=SECRETS, INGESTION_SENDER_LIMIT=0)
def test_the_database_down_answers_5xx_so_the_provider_retries_and_nothing_is_written(
    real_transactions: None, alpha: TenantFixture
) -> None:
    with no_broker():
        _database_down_then_back(alpha)


def _database_down_then_back(alpha: TenantFixture) -> None:
    message_id = payloads.unique_message_id()
    payload = sendgrid("sendgrid_raw_with_docx_resume", inbound_address("alpha"), message_id=message_id)
    client = payloads.webhook_client()
    client.raise_request_exception = False
    settings_dict = connection.settings_dict
    saved_port = settings_dict["PORT"]
    connection.close()
    settings_dict["PORT"] = "1"  # nothing listens there: every connection attempt fails
    try:
        response = client.generic("POST", payload.path, payload.body, content_type=payload.content_type)
    finally:
        connection.close()
        settings_dict["PORT"] = saved_port
    assert response.status_code >= 500
    assert stored_with(message_id) == 0
    # Once the database is back, the provider's retry is stored.
    assert client.generic("POST", payload.path, payload.body, content_type=payload.content_type).status_code == 200
    try:
        assert stored_with(message_id) == 1
    finally:
        with tenant_context(alpha.tenant, actor="test"):
            InboundMessage.objects.filter(message_id=message_id).delete()
