"""Every change to tenant data is audited by the database, whoever makes it."""

import json

import psycopg
import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.ingestion.models import InboundMessage
from apps.ingestion.services import message_store
from apps.tenants.context import tenant_context
from tests.conftest import TenantFixture
from tests.ingestion.payloads import build_mime, no_broker
from tests.staff.test_tokens import AUDIT_URL, obtain

pytestmark = pytest.mark.django_db


def test_create_update_and_delete_are_recorded_with_actor_and_changed_fields(alpha: TenantFixture) -> None:
    with tenant_context(alpha.tenant, actor="command:test"):
        group = Group.objects.create(name="interviewers")
        group.name = "panel"
        group.save()
        group_id = group.pk
        group.delete()
        events = list(AuditEvent.objects.filter(object_type="auth_group", object_id=str(group_id)).order_by("id"))
    assert [(e.action, e.actor) for e in events] == [
        ("insert", "command:test"),
        ("update", "command:test"),
        ("delete", "command:test"),
    ]
    assert events[1].changes == {"name": ["interviewers", "panel"]}


def test_bulk_updates_are_recorded_row_by_row_and_secrets_are_redacted(alpha: TenantFixture) -> None:
    with tenant_context(alpha.tenant, actor="task:bulk"):
        users = list(User.objects.values_list("pk", flat=True))
        User.objects.update(password="not-a-real-hash", last_name="Bulk")
        events = AuditEvent.objects.filter(object_type="auth_user", action="update", actor="task:bulk")
        assert sorted(int(e.object_id) for e in events) == sorted(users)
        assert all(e.changes["password"] == ["[redacted]", "[redacted]"] for e in events)
        assert all(e.changes["last_name"][1] == "Bulk" for e in events)


def test_an_update_that_changes_nothing_is_not_recorded(alpha: TenantFixture) -> None:
    with tenant_context(alpha.tenant, actor="test"):
        before = AuditEvent.objects.count()
        Group.objects.filter(name="viewer").update(name="viewer")
        assert AuditEvent.objects.count() == before


@pytest.mark.urls("tests.tenants.probe_urls")
def test_api_writes_name_the_user_and_the_request(client: Client, alpha: TenantFixture) -> None:
    access = obtain(client, alpha, "recruiter@example.com")["access"]
    response = client.post(
        "/create-group/",
        {"name": "sourcers"},
        headers={"host": alpha.host, "authorization": f"Bearer {access}", "x-request-id": "req-0123456789"},
    )
    assert response.status_code == 201
    assert response["X-Request-ID"] == "req-0123456789"
    with tenant_context(alpha.tenant, actor="test"):
        event = AuditEvent.objects.get(object_type="auth_group", object_id=str(response.json()["id"]))
        recruiter = User.objects.get(username="recruiter@example.com")
    assert (event.action, event.actor, event.request_id) == ("insert", f"user:{recruiter.pk}", "req-0123456789")


@pytest.mark.urls("tests.tenants.probe_urls")
def test_viewers_cannot_write(client: Client, alpha: TenantFixture) -> None:
    access = obtain(client, alpha, "viewer@example.com")["access"]
    response = client.post(
        "/create-group/", {"name": "x"}, headers={"host": alpha.host, "authorization": f"Bearer {access}"}
    )
    assert response.status_code == 403


def test_the_runtime_role_cannot_update_or_delete_audit_events(
    runtime_db: psycopg.Connection, alpha: TenantFixture
) -> None:
    runtime_db.execute(
        "SELECT set_config('search_path', %s, false), set_config('app.tenant_id', %s, false)",
        [alpha.tenant.schema_name, str(alpha.tenant.pk)],
    )
    assert runtime_db.execute("SELECT count(*) FROM audit_auditevent").fetchone() != (0,)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        runtime_db.execute("UPDATE audit_auditevent SET actor = 'someone else'")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        runtime_db.execute("DELETE FROM audit_auditevent")


def test_the_api_lists_only_this_tenants_events(client: Client, alpha: TenantFixture, beta: TenantFixture) -> None:
    with tenant_context(beta.tenant, actor="test"):
        Group.objects.create(name="beta-only-group")
    access = obtain(client, alpha)["access"]
    response = client.get(
        AUDIT_URL + "?object_type=auth_group", headers={"host": alpha.host, "authorization": f"Bearer {access}"}
    )
    names = [event["changes"].get("name", [None, None])[1] for event in response.json()["results"]]
    assert "hr_admin" in names
    assert "beta-only-group" not in names


def test_an_inbound_message_is_audited_without_its_raw_mime(alpha: TenantFixture) -> None:
    raw = build_mime(body="My resume, inline.\n")
    with no_broker():
        stored = message_store(tenant=alpha.tenant, raw_mime=raw, channel="mailgun")
    assert stored.message_id is not None
    with tenant_context(alpha.tenant, actor="test"):
        InboundMessage.objects.filter(pk=stored.message_id).update(status=InboundMessage.Status.PROCESSING)
        events = list(
            AuditEvent.objects.filter(object_type="ingestion_inboundmessage", object_id=str(stored.message_id))
            .order_by("id")
            .values_list("action", "changes")
        )
    assert [action for action, _ in events] == ["insert", "update"]
    inserted, updated = events[0][1], events[1][1]
    assert inserted["subject"] == [None, "Application"]
    assert "raw_mime" not in inserted
    assert "updated_at" not in inserted
    assert updated == {"status": ["received", "processing"]}
    assert all("My resume, inline" not in json.dumps(changes) for _, changes in events)
    assert all(raw[:40].hex() not in json.dumps(changes) for _, changes in events)


def test_a_change_to_left_out_columns_alone_records_nothing(alpha: TenantFixture) -> None:
    with no_broker():
        stored = message_store(tenant=alpha.tenant, raw_mime=build_mime(), channel="mailgun")
    assert stored.message_id is not None
    with tenant_context(alpha.tenant, actor="test"):
        before = AuditEvent.objects.count()
        InboundMessage.objects.filter(pk=stored.message_id).update(raw_mime=b"replaced", claimed_at=timezone.now())
        assert AuditEvent.objects.count() == before


def _message_events(owner: psycopg.Connection, message_id: int) -> list[tuple[str, str, dict[str, object]]]:
    """Insert, change and delete one inbound message as the owner; the events it left."""
    raw = build_mime(body="My resume, inline.\n")
    (last,) = owner.execute("SELECT coalesce(max(id), 0) FROM audit_auditevent").fetchone() or (0,)
    owner.execute(
        "INSERT INTO ingestion_inboundmessage (id, key, channel, raw_mime, size, message_id, from_address, subject,"
        " envelope_sender, envelope_recipient, job_code, status, reason, error, attempts, summary, received_at,"
        " updated_at) VALUES (%s, %s, 'mailgun', %s, %s, 'm@x', 'a@example.org', 'Application', '', '', '',"
        " 'received', '', '', 0, '{}', '2026-11-27 10:00+00', '2026-11-27 10:00+00')",
        [message_id, f"mid:audit-{message_id}", raw, len(raw)],
    )
    owner.execute(
        "UPDATE ingestion_inboundmessage SET status = 'processing', attempts = 1, claimed_at = now(),"
        " updated_at = now() WHERE id = %s",
        [message_id],
    )
    owner.execute("UPDATE ingestion_inboundmessage SET raw_mime = 'x', updated_at = now() WHERE id = %s", [message_id])
    owner.execute("UPDATE ingestion_inboundmessage SET summary = '{\"a\": 1}', error = 'e' WHERE id = %s", [message_id])
    owner.execute("DELETE FROM ingestion_inboundmessage WHERE id = %s", [message_id])
    rows = owner.execute(
        "SELECT action, actor, changes FROM audit_auditevent"
        " WHERE object_type = 'ingestion_inboundmessage' AND object_id = %s AND id > %s ORDER BY id",
        [str(message_id), last],
    ).fetchall()
    return [(action, actor, changes) for action, actor, changes in rows]


def test_inbound_messages_are_audited_as_the_generic_audit_function_audits_them(alpha: TenantFixture) -> None:
    """Ingestion migration 0005 audits inbound messages with a function that never reads
    their raw MIME; it records what audit_record_change() records for the same changes."""
    from tests.conftest import owner_conninfo

    schema = alpha.tenant.schema_name
    with psycopg.connect(owner_conninfo()) as owner:  # one transaction, rolled back
        owner.execute(
            "SELECT set_config('search_path', %s, true), set_config('app.tenant_id', %s, true),"
            " set_config('app.actor', 'test:audit', true)",
            [f"{schema}, public", str(alpha.tenant.pk)],
        )
        ours = _message_events(owner, 990001)
        owner.execute(
            "DROP TRIGGER audit_changes ON ingestion_inboundmessage; CREATE TRIGGER audit_changes AFTER INSERT OR"
            " UPDATE OR DELETE ON ingestion_inboundmessage FOR EACH ROW EXECUTE FUNCTION"
            " audit_record_change('-raw_mime', '-claimed_at', '-updated_at')"
        )
        generic = _message_events(owner, 990001)
        owner.rollback()
    assert [action for action, _, _ in ours] == ["insert", "update", "update", "delete"]
    assert ours == generic
    assert "raw_mime" not in json.dumps(ours)
