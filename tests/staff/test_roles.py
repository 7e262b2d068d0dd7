"""Roles are enforced by DRF permissions; objects of another tenant are 404."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from apps.audit.models import AuditEvent
from apps.staff.roles import RECRUITER
from apps.tenants.context import tenant_context
from tests.conftest import PASSWORD, TenantFixture
from tests.staff.test_tokens import AUDIT_URL, get, obtain

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("username", "status"), [("hr@example.com", 200), ("recruiter@example.com", 403), ("viewer@example.com", 403)]
)
def test_only_hr_admins_read_the_audit_trail(client: Client, alpha: TenantFixture, username: str, status: int) -> None:
    assert get(client, alpha, AUDIT_URL, obtain(client, alpha, username, PASSWORD)["access"]) == status


def test_another_tenants_object_id_is_a_404(client: Client, alpha: TenantFixture, beta: TenantFixture) -> None:
    with tenant_context(alpha.tenant, actor="test"):
        alpha_ids = set(AuditEvent.objects.values_list("pk", flat=True))
    with tenant_context(beta.tenant, actor="test"):
        beta_only = AuditEvent.objects.exclude(pk__in=alpha_ids).values_list("pk", flat=True).first()
        shared = AuditEvent.objects.filter(pk__in=alpha_ids).values_list("pk", flat=True).first()
    assert beta_only is not None
    assert shared is not None
    access = obtain(client, alpha)["access"]
    assert get(client, alpha, f"{AUDIT_URL}{beta_only}/", access) == 404
    assert get(client, alpha, f"{AUDIT_URL}{shared}/", access) == 200


def test_a_role_taken_away_or_a_deactivated_user_counts_at_once_for_a_live_token(
    client: Client, alpha: TenantFixture, beta: TenantFixture
) -> None:
    access = obtain(client, alpha, "hr@example.com", PASSWORD)["access"]
    assert get(client, alpha, AUDIT_URL, access) == 200
    with tenant_context(beta.tenant, actor="test"):  # the same user name in another tenant is not touched
        User.objects.get(username="hr@example.com").groups.clear()
    assert get(client, alpha, AUDIT_URL, access) == 200
    with tenant_context(alpha.tenant, actor="test"):
        hr = User.objects.get(username="hr@example.com")
        hr.groups.set(Group.objects.filter(name=RECRUITER))
    assert get(client, alpha, AUDIT_URL, access) == 403
    with tenant_context(alpha.tenant, actor="test"):
        User.objects.filter(username="hr@example.com").update(is_active=False)
    assert get(client, alpha, AUDIT_URL, access) == 401
