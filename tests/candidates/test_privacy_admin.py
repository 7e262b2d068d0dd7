"""Erasure, export and the retention policy in the staff console (hr_admin only)."""

import io
import json
import zipfile

import pytest
from django.test import Client

from apps.audit.models import AuditEvent
from apps.candidates.models import Candidate, RetentionPolicy
from apps.candidates.services import candidate_create
from apps.tenants.context import tenant_context
from tests.candidates.test_admin import CANDIDATES, signed_in
from tests.conftest import TenantFixture

pytestmark = pytest.mark.django_db

RETENTION = "/admin/candidates/retentionpolicy/"


@pytest.fixture
def maria(alpha: TenantFixture) -> Candidate:
    with tenant_context(alpha.tenant, actor="test"):
        return candidate_create(full_name="Maria Lopez", emails=["maria@example.com"], phones=["+34 612 345 678"])


def act(client: Client, fixture: TenantFixture, action: str, *pks: int, **extra: str) -> str:
    response = client.post(
        CANDIDATES,
        {"action": action, "_selected_action": [str(pk) for pk in pks], "index": "0", **extra},
        headers={"host": fixture.host},
        follow=True,
    )
    assert response.status_code == 200
    return response.content.decode()


def test_erasing_in_the_console_asks_first_then_erases(client: Client, alpha: TenantFixture, maria: Candidate) -> None:
    signed_in(client, alpha)
    asked = act(client, alpha, "erase", maria.pk)
    assert "Yes, erase them" in asked
    assert "Maria Lopez" in asked
    with tenant_context(alpha.tenant, actor="test"):
        assert Candidate.objects.get(pk=maria.pk).erased_at is None

    done = act(client, alpha, "erase", maria.pk, apply="yes")
    assert "1 candidate erased." in done
    with tenant_context(alpha.tenant, actor="test"):
        erased = Candidate.objects.get(pk=maria.pk)
        assert (erased.erased_at is not None, erased.emails, erased.phones) == (True, [], [])


@pytest.mark.parametrize("username", ["recruiter@example.com", "viewer@example.com"])
def test_other_roles_are_not_offered_erase_or_export(
    client: Client, alpha: TenantFixture, maria: Candidate, username: str
) -> None:
    signed_in(client, alpha, username)
    listed = client.get(CANDIDATES, headers={"host": alpha.host}).content.decode()
    assert 'value="erase"' not in listed
    assert 'value="export"' not in listed
    act(client, alpha, "erase", maria.pk, apply="yes")
    act(client, alpha, "export", maria.pk)
    with tenant_context(alpha.tenant, actor="test"):
        assert Candidate.objects.get(pk=maria.pk).erased_at is None
        assert not AuditEvent.objects.filter(action=AuditEvent.Action.READ, object_id=str(maria.pk)).exists()


def test_exporting_in_the_console_downloads_one_candidates_zip(
    client: Client, alpha: TenantFixture, maria: Candidate
) -> None:
    signed_in(client, alpha)
    response = client.post(
        CANDIDATES,
        {"action": "export", "_selected_action": [str(maria.pk)], "index": "0"},
        headers={"host": alpha.host},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="candidate-{maria.pk}.zip"'
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))  # type: ignore[attr-defined]
    assert json.loads(archive.read("candidate.json"))["candidate"]["phones"] == ["+34612345678"]
    with tenant_context(alpha.tenant, actor="test"):
        other = candidate_create(full_name="Ana Ruiz", emails=["ana@example.com"])
    assert "Select exactly one candidate to export." in act(client, alpha, "export", maria.pk, other.pk)


def test_only_an_hr_admin_edits_the_retention_policy(client: Client, alpha: TenantFixture) -> None:
    signed_in(client, alpha, "recruiter@example.com")
    assert client.get(f"{RETENTION}add/", headers={"host": alpha.host}).status_code == 403
    client.logout()

    signed_in(client, alpha)
    form = {"active_months": "12", "do_not_contact_months": "", "hired_months": "", "left_months": ""}
    response = client.post(f"{RETENTION}add/", form, headers={"host": alpha.host})
    assert response.status_code == 302
    with tenant_context(alpha.tenant, actor="test"):
        assert RetentionPolicy.objects.get().months_by_status() == {"active": 12}
    refused = client.post(f"{RETENTION}1/change/", {**form, "active_months": "0"}, headers={"host": alpha.host})
    assert "Give at least one month" in refused.content.decode()
