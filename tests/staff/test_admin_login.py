"""Staff sign in to their own tenant's admin only."""

import pytest
from django.test import Client

from tests.conftest import PASSWORD, TenantFixture

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def log_in(client: Client, fixture: TenantFixture, username: str) -> int:
    response = client.post(LOGIN, {"username": username, "password": PASSWORD}, headers={"host": fixture.host})
    return response.status_code


def test_staff_sign_in_to_their_own_tenants_admin(client: Client, alpha: TenantFixture) -> None:
    assert log_in(client, alpha, "only-alpha-0@example.com") == 302
    assert client.get("/admin/", headers={"host": alpha.host}).status_code == 200


def test_staff_of_one_tenant_cannot_sign_in_to_another_tenants_admin(client: Client, alpha: TenantFixture) -> None:
    assert log_in(client, alpha, "only-beta-0@example.com") == 200  # the form again, with an error
    assert client.get("/admin/", headers={"host": alpha.host}).status_code == 302


def test_a_session_from_one_tenant_is_not_a_session_on_another(
    client: Client, alpha: TenantFixture, beta: TenantFixture
) -> None:
    # hr@example.com exists in both tenants with the same id and password.
    assert log_in(client, alpha, "hr@example.com") == 302
    response = client.get("/admin/", headers={"host": beta.host})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_tenant_staff_never_see_the_tenant_list(client: Client, alpha: TenantFixture) -> None:
    log_in(client, alpha, "hr@example.com")
    assert client.get("/admin/tenants/tenant/", headers={"host": alpha.host}).status_code in (403, 404)


@pytest.mark.parametrize(("username", "status"), [("hr@example.com", 200), ("recruiter@example.com", 403)])
def test_only_hr_admins_open_the_audit_trail_in_the_admin(
    client: Client, alpha: TenantFixture, username: str, status: int
) -> None:
    assert log_in(client, alpha, username) == 302
    assert client.get("/admin/audit/auditevent/", headers={"host": alpha.host}).status_code == status


def test_a_platform_superuser_uses_the_public_admin_but_never_tenant_data_pages(client: Client) -> None:
    from django.contrib.auth.models import User

    User.objects.create_superuser("platform@example.com", "platform@example.com", PASSWORD)
    public = {"host": "localhost"}
    response = client.post(LOGIN, {"username": "platform@example.com", "password": PASSWORD}, headers=public)
    assert response.status_code == 302
    index = client.get("/admin/", headers=public)
    assert index.status_code == 200
    assert "/admin/tenants/tenant/" in index.content.decode()
    assert "/admin/candidates/" not in index.content.decode()
    assert client.get("/admin/tenants/tenant/", headers=public).status_code == 200
    for page in ("/admin/audit/auditevent/1/change/", "/admin/candidates/candidate/1/change/",
                 "/admin/candidates/candidate/", "/admin/applications/application/add/"):  # fmt: skip
        assert client.get(page, headers=public).status_code in (302, 403, 404), page
