"""The inbound mail pages of the staff console and the quarantine of the platform admin."""

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from apps.ingestion.models import InboundMessage
from apps.ingestion.services import message_fail, message_store, quarantine_store
from apps.tenants.context import tenant_context
from apps.tenants.models import QuarantinedMessage
from tests.conftest import PASSWORD, TenantFixture
from tests.ingestion.payloads import build_mime, resume_file
from tests.staff.test_admin_login import LOGIN, log_in

pytestmark = pytest.mark.django_db

MESSAGES = "/admin/ingestion/inboundmessage/"
QUARANTINE = "/admin/tenants/quarantinedmessage/"
RESUME = "rendercv__John_Doe_ClassicTheme_CV.pdf"


def stored_failed(fixture: TenantFixture) -> int:
    raw = build_mime(attachments=[resume_file(RESUME)], body="Dear team, my CV is attached.")
    with tenant_context(fixture.tenant, actor="test"):
        stored = message_store(tenant=fixture.tenant, raw_mime=raw, channel="mailgun")
        assert stored.message_id is not None
        message_fail(message_id=stored.message_id, error="RuntimeError: boom")
    return stored.message_id


def staff(client: Client, fixture: TenantFixture, username: str = "hr@example.com") -> Client:
    assert log_in(client, fixture, username) == 302
    return client


def test_staff_see_failed_messages_with_the_original_email_and_its_files(client: Client, alpha: TenantFixture) -> None:
    message_id = stored_failed(alpha)
    host = {"host": alpha.host}
    staff(client, alpha, "viewer@example.com")
    listing = client.get(MESSAGES, {"status__exact": "failed"}, headers=host)
    assert listing.status_code == 200
    assert f"{MESSAGES}{message_id}/change/" in listing.content.decode()
    page = client.get(f"{MESSAGES}{message_id}/change/", headers=host).content.decode()
    assert "RuntimeError: boom" in page
    assert "Dear team, my CV is attached." in page
    assert RESUME in page
    download = client.get(f"{MESSAGES}{message_id}/attachments/0/", headers=host)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/octet-stream"
    assert download.content.startswith(b"%PDF")
    raw = client.get(f"{MESSAGES}{message_id}/raw/", headers=host)
    assert raw.status_code == 200
    assert b"Dear team, my CV is attached." in raw.content


def test_reprocess_queues_a_failed_message_again(
    client: Client, alpha: TenantFixture, django_capture_on_commit_callbacks: Any
) -> None:
    message_id = stored_failed(alpha)
    staff(client, alpha, "recruiter@example.com")
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            MESSAGES, {"action": "reprocess", "_selected_action": [message_id]}, headers={"host": alpha.host}
        )
    assert response.status_code == 302
    assert len(callbacks) == 1
    with tenant_context(alpha.tenant, actor="test"):
        message = InboundMessage.objects.get(pk=message_id)
    assert (message.status, message.error) == (InboundMessage.Status.RECEIVED, "")


def test_a_viewer_cannot_reprocess(client: Client, alpha: TenantFixture) -> None:
    message_id = stored_failed(alpha)
    staff(client, alpha, "viewer@example.com")
    client.post(MESSAGES, {"action": "reprocess", "_selected_action": [message_id]}, headers={"host": alpha.host})
    with tenant_context(alpha.tenant, actor="test"):
        assert InboundMessage.objects.get(pk=message_id).status == InboundMessage.Status.FAILED


def test_another_tenants_staff_cannot_open_a_message(client: Client, alpha: TenantFixture, beta: TenantFixture) -> None:
    message_id = stored_failed(alpha)
    staff(client, beta)
    host = {"host": beta.host}
    assert client.get(f"{MESSAGES}{message_id}/change/", headers=host).status_code in (302, 404)
    assert client.get(f"{MESSAGES}{message_id}/raw/", headers=host).status_code == 404


@pytest.fixture
def platform_admin(client: Client) -> Client:
    User.objects.create_superuser("platform@example.com", "platform@example.com", PASSWORD)
    response = client.post(
        LOGIN, {"username": "platform@example.com", "password": PASSWORD}, headers={"host": "localhost"}
    )
    assert response.status_code == 302
    return client


def test_a_platform_admin_hands_a_quarantined_mail_to_a_tenant(
    platform_admin: Client, alpha: TenantFixture, django_capture_on_commit_callbacks: Any
) -> None:
    kept = quarantine_store(raw_mime=build_mime(attachments=[resume_file(RESUME)]), channel="mailgun")
    public = {"host": "localhost"}
    assert f"{QUARANTINE}{kept.message_id}/change/" in platform_admin.get(QUARANTINE, headers=public).content.decode()
    with django_capture_on_commit_callbacks() as callbacks:
        response = platform_admin.post(
            QUARANTINE,
            {"action": "assign", "_selected_action": [kept.message_id], "tenant": alpha.tenant.pk, "job_code": ""},
            headers=public,
        )
    assert response.status_code == 302
    assert not QuarantinedMessage.objects.exists()
    assert len(callbacks) == 1
    with tenant_context(alpha.tenant, actor="test"):
        message = InboundMessage.objects.get()
    assert (message.channel, message.status) == ("admin", InboundMessage.Status.RECEIVED)


def test_a_platform_admin_discards_a_quarantined_mail(platform_admin: Client) -> None:
    kept = quarantine_store(raw_mime=build_mime(), channel="sendgrid")
    platform_admin.post(
        QUARANTINE, {"action": "discard", "_selected_action": [kept.message_id]}, headers={"host": "localhost"}
    )
    assert not QuarantinedMessage.objects.exists()


def test_tenant_staff_never_see_the_quarantine(client: Client, alpha: TenantFixture) -> None:
    quarantine_store(raw_mime=build_mime(), channel="sendgrid")
    staff(client, alpha)
    assert client.get(QUARANTINE, headers={"host": alpha.host}).status_code in (302, 403, 404)
