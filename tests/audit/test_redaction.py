"""audit_redact(): the one way the runtime role changes audit events, for erasure."""

import psycopg
import pytest
from django.db import DatabaseError, connection, transaction

from apps.audit.models import AuditEvent
from apps.candidates.models import Candidate
from apps.candidates.services import candidate_create, candidate_set_status
from apps.tenants.context import tenant_context
from tests.conftest import TenantFixture

pytestmark = pytest.mark.django_db


def redact(object_type: str, ids: list[int]) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT audit_redact(%s, %s)", [object_type, [str(pk) for pk in ids]])
        return int(cursor.fetchone()[0])


def events_of(candidate: Candidate) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(object_type="candidates_candidate", object_id=str(candidate.pk)).order_by("pk")
    )


def test_it_blanks_only_the_personal_values_of_the_named_objects_and_keeps_every_event(
    alpha: TenantFixture, beta: TenantFixture
) -> None:
    with tenant_context(beta.tenant, actor="test"):
        beta_maria = candidate_create(full_name="Maria Lopez", emails=["maria@example.com"])
        beta_before = [event.changes for event in events_of(beta_maria)]
    with tenant_context(alpha.tenant, actor="test"):
        maria = candidate_create(full_name="Maria Lopez", emails=["maria@example.com"])
        candidate_set_status(candidate=maria, status=Candidate.Status.DO_NOT_CONTACT)
        other = candidate_create(full_name="Ana Ruiz", emails=["ana@example.com"])
        before = events_of(maria)

        assert len(before) == 2
        assert redact("candidates_candidate", [maria.pk]) == 1  # the update changed no personal field

        after = events_of(maria)
        assert [(e.pk, e.actor, e.action, e.occurred_at) for e in after] == [
            (e.pk, e.actor, e.action, e.occurred_at) for e in before
        ]
        inserted, changed = after[0].changes, after[1].changes
        assert inserted["full_name"] == [None, "[erased]"]
        assert inserted["emails"] == [None, "[erased]"]
        assert inserted["status"] == [None, "active"]  # not personal: kept
        assert changed == before[1].changes
        assert changed["status"] == ["active", "do_not_contact"]
        assert "Maria" not in str([event.changes for event in after])
        assert "Ana Ruiz" in str([event.changes for event in events_of(other)])
    with tenant_context(beta.tenant, actor="test"):
        # The same ids in another tenant are another tenant's events.
        assert [event.changes for event in events_of(beta_maria)] == beta_before


def test_it_refuses_a_table_it_has_no_list_of_personal_fields_for(alpha: TenantFixture) -> None:
    with (
        tenant_context(alpha.tenant, actor="test"),
        pytest.raises(DatabaseError, match="has no personal fields listed"),
        transaction.atomic(),
    ):
        redact("auth_user", [1])


def test_without_a_tenant_setting_it_finds_nothing_to_redact(
    runtime_db: psycopg.Connection, alpha: TenantFixture
) -> None:
    schema = alpha.tenant.schema_name
    with runtime_db.transaction(force_rollback=True):
        runtime_db.execute(
            "SELECT set_config('search_path', %s, true), set_config('app.tenant_id', %s, true)",
            [schema, str(alpha.tenant.pk)],
        )
        runtime_db.execute(
            "INSERT INTO audit_auditevent (actor, action, object_type, object_id, changes, request_id)"
            " VALUES ('test', 'update', 'candidates_candidate', 'probe', '{\"full_name\": [\"A\", \"B\"]}', '')"
        )
        # Row-Level Security binds the function's owner too: no app.tenant_id, no rows.
        runtime_db.execute("SELECT set_config('app.tenant_id', '', true)")
        assert runtime_db.execute("SELECT audit_redact('candidates_candidate', ARRAY['probe'])").fetchone() == (0,)
        runtime_db.execute("SELECT set_config('app.tenant_id', %s, true)", [str(alpha.tenant.pk)])
        row = runtime_db.execute("SELECT changes FROM audit_auditevent WHERE object_id = 'probe'").fetchone()
        assert row == ({"full_name": ["A", "B"]},)
        assert runtime_db.execute("SELECT audit_redact('candidates_candidate', ARRAY['probe'])").fetchone() == (1,)


def test_erase_and_read_are_audit_actions() -> None:
    assert {AuditEvent.Action.READ, AuditEvent.Action.ERASE} <= set(AuditEvent.Action)
