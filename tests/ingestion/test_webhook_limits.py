"""Webhook rate limits: per tenant (of the envelope recipient) and per sender in
that tenant. Past a limit the webhook answers 429 with Retry-After and stores
nothing, so the provider's later delivery of the same mail is accepted: nothing
is lost. Uploads and mailbox reimports are never refused by these limits."""

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.fixtures import Settings as SettingsWrapper

from apps.ingestion.models import InboundMessage
from apps.ingestion.services import message_store
from apps.tenants.context import tenant_context
from apps.tenants.models import QuarantinedMessage, WebhookToken
from tests.conftest import TenantFixture, api_client
from tests.ingestion import payloads
from tests.ingestion.payloads import (
    BASIC_AUTH,
    OLD_BASIC_AUTH,
    RESUMES,
    Payload,
    build_mime,
    get_field,
    inbound_address,
    set_field,
    unique_message_id,
    webhook_client,
)
from tests.rate_limits import Clock, clock_freeze, retry_after

pytestmark = pytest.mark.django_db

PROVIDERS = ["mailgun", "sendgrid"]
SENDER = "applicant@example.com"


@pytest.fixture(autouse=True)
def webhook_settings(settings: SettingsWrapper, tmp_path: Any) -> None:
    settings.ANYMAIL = {
        "WEBHOOK_SECRET": [BASIC_AUTH, OLD_BASIC_AUTH],
        "MAILGUN_WEBHOOK_SIGNING_KEY": payloads.SIGNING_KEY,
    }
    settings.MEDIA_ROOT = tmp_path
    settings.INGESTION_TENANT_LIMIT = 0
    settings.INGESTION_SENDER_LIMIT = 0
    settings.INGESTION_TENANT_WINDOW_SECONDS = 60
    settings.INGESTION_SENDER_WINDOW_SECONDS = 3600


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return clock_freeze(monkeypatch)


def mail(provider: str, slug: str, sender: str = SENDER) -> Payload:
    """A recorded provider payload: a new mail (its own Message-ID) from ``sender`` to ``slug``'s address."""
    to = inbound_address(slug)
    if provider == "mailgun":
        payload = payloads.mailgun("mailgun_mime_with_resume", to, message_id=unique_message_id())
        return Payload(payload.path, payload.content_type, set_field(payload.body, "sender", sender))
    payload = payloads.sendgrid("sendgrid_raw_with_docx_resume", to, message_id=unique_message_id())
    envelope = {**json.loads(get_field(payload.body, "envelope")), "from": sender}
    return Payload(payload.path, payload.content_type, set_field(payload.body, "envelope", json.dumps(envelope)))


def post(payload: Payload, auth: str | None = BASIC_AUTH) -> Any:
    return webhook_client(auth).generic("POST", payload.path, payload.body, content_type=payload.content_type)


def stored_in(fixture: TenantFixture) -> int:
    with tenant_context(fixture.tenant, actor="test"):
        return InboundMessage.objects.count()


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_sender_past_its_limit_gets_429_with_retry_after_and_nothing_is_stored(
    provider: str, alpha: TenantFixture, settings: SettingsWrapper, clock: Clock
) -> None:
    settings.INGESTION_SENDER_LIMIT = 2
    clock.advance(600)
    answers = [post(mail(provider, "alpha")) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert retry_after(answers[2]) == 3000  # the rest of the hour's window
    assert stored_in(alpha) == 2
    assert post(mail(provider, "alpha", sender="someone-else@example.com")).status_code == 200


@pytest.mark.parametrize("provider", PROVIDERS)
def test_without_an_envelope_sender_the_from_header_names_the_senders_bucket(
    provider: str, alpha: TenantFixture, settings: SettingsWrapper, clock: Clock
) -> None:
    settings.INGESTION_SENDER_LIMIT = 1
    statuses = [post(mail(provider, "alpha", sender="")).status_code for _ in range(2)]
    assert statuses == [200, 429]
    assert post(mail(provider, "alpha")).status_code == 200  # the envelope names another sender


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_tenant_past_its_limit_gets_429_and_another_tenant_does_not(
    provider: str, alpha: TenantFixture, beta: TenantFixture, settings: SettingsWrapper, clock: Clock
) -> None:
    settings.INGESTION_TENANT_LIMIT = 2
    statuses = [post(mail(provider, "alpha", sender=f"a{number}@example.com")).status_code for number in range(3)]
    assert statuses == [200, 200, 429]
    assert stored_in(alpha) == 2
    assert post(mail(provider, "beta")).status_code == 200
    assert stored_in(beta) == 1


def test_a_senders_bucket_is_per_tenant(
    alpha: TenantFixture, beta: TenantFixture, settings: SettingsWrapper, clock: Clock
) -> None:
    settings.INGESTION_SENDER_LIMIT = 1
    assert [post(mail("mailgun", "alpha")).status_code for _ in range(2)] == [200, 429]
    assert post(mail("mailgun", "beta")).status_code == 200


def test_a_refused_mailgun_delivery_keeps_no_token_and_is_accepted_in_the_next_window(
    alpha: TenantFixture, settings: SettingsWrapper, clock: Clock
) -> None:
    settings.INGESTION_TENANT_LIMIT = 1
    clock.advance(10)
    assert post(mail("mailgun", "alpha")).status_code == 200
    refused = mail("mailgun", "alpha", sender="other@example.com")
    answer = post(refused)
    assert answer.status_code == 429
    assert retry_after(answer) == 50
    token = get_field(refused.body, "token").decode()
    assert not WebhookToken.objects.filter(token=token).exists()
    assert stored_in(alpha) == 1
    clock.advance(50)
    # The provider delivers the very same request again (same token, same signature).
    assert post(refused).status_code == 200
    assert stored_in(alpha) == 2


def test_mail_for_unknown_addresses_shares_one_bucket_whatever_the_address(
    alpha: TenantFixture, settings: SettingsWrapper, clock: Clock
) -> None:
    settings.INGESTION_TENANT_LIMIT = 1
    assert post(mail("sendgrid", "no-such-tenant")).status_code == 200
    assert post(mail("sendgrid", "another-made-up-name")).status_code == 429
    assert QuarantinedMessage.objects.count() == 1
    assert post(mail("sendgrid", "alpha")).status_code == 200


def test_unauthenticated_requests_are_not_counted(
    alpha: TenantFixture, settings: SettingsWrapper, clock: Clock
) -> None:
    settings.INGESTION_TENANT_LIMIT = 1
    settings.INGESTION_SENDER_LIMIT = 1
    refused = [post(mail("sendgrid", "alpha"), auth="mailer:wrong").status_code for _ in range(3)]
    assert all(status in (400, 401, 403) for status in refused), refused
    assert post(mail("sendgrid", "alpha")).status_code == 200


def test_uploads_and_mailbox_reimports_are_not_refused_by_the_webhook_limits(
    alpha: TenantFixture, settings: SettingsWrapper, clock: Clock
) -> None:
    settings.INGESTION_TENANT_LIMIT = 1
    settings.INGESTION_SENDER_LIMIT = 1
    assert [post(mail("mailgun", "alpha")).status_code for _ in range(2)] == [200, 429]
    resume = RESUMES / "rendercv__John_Doe_ClassicTheme_CV.pdf"
    upload = SimpleUploadedFile(resume.name, resume.read_bytes(), "application/pdf")
    assert api_client(alpha).post("/api/resumes/", {"file": upload}).status_code == 202
    with tenant_context(alpha.tenant, actor="test"):
        reimported = message_store(tenant=alpha.tenant, raw_mime=build_mime(sender=SENDER), channel="mailbox")
    assert reimported.outcome == "new"


def test_mail_is_accepted_when_redis_is_down(alpha: TenantFixture, settings: SettingsWrapper) -> None:
    settings.INGESTION_TENANT_LIMIT = 1
    settings.INGESTION_SENDER_LIMIT = 1
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": "redis://127.0.0.1:1/0"}}
    assert [post(mail("mailgun", "alpha")).status_code for _ in range(3)] == [200, 200, 200]
    assert stored_in(alpha) == 3
