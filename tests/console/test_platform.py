"""Provisioning a tenant from the platform admin (public host, superusers only)."""

import html
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.test import Client

from apps.tenants.models import Tenant
from tests.conftest import PASSWORD, TenantFixture, run_manage
from tests.staff.test_admin_login import log_in

pytestmark = pytest.mark.django_db
PUBLIC = {"host": "localhost"}
PROVISION = "/admin/tenants/tenant/provision/"
SLUG = "webprov"


@pytest.fixture
def platform(client: Client) -> Client:
    User.objects.create_superuser("platform@example.com", "platform@example.com", PASSWORD)
    response = client.post("/admin/login/", {"username": "platform@example.com", "password": PASSWORD}, headers=PUBLIC)
    assert response.status_code == 302
    return client


@pytest.fixture
def removed_afterwards() -> Iterator[None]:
    yield
    run_manage("deprovision_tenant", SLUG, "--confirm", SLUG)


def test_a_platform_superuser_provisions_a_tenant_from_the_list(platform: Client, removed_afterwards: None) -> None:
    listing = platform.get("/admin/tenants/tenant/", headers=PUBLIC).content.decode()
    assert PROVISION in listing
    data = {"slug": SLUG, "name": "Web Prov", "domain": f"{SLUG}.localhost", "admin_email": "boss@webprov.example"}
    response = platform.post(PROVISION, data, headers=PUBLIC)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert f"Tenant {SLUG} is ready" in page
    assert "boss@webprov.example" in page
    assert "no-store" in response["Cache-Control"]
    tenant = Tenant.objects.get(slug=SLUG)
    assert tenant.domains.get().domain == f"{SLUG}.localhost"
    again = html.unescape(platform.post(PROVISION, data, headers=PUBLIC).content.decode())
    assert "Already provisioned; nothing changed." in again
    assert "Password, shown only now" not in again


def test_a_domain_of_another_tenant_is_refused_on_the_form(platform: Client, alpha: TenantFixture) -> None:
    data = {"slug": SLUG, "name": "Web Prov", "domain": alpha.host, "admin_email": "boss@webprov.example"}
    page = html.unescape(platform.post(PROVISION, data, headers=PUBLIC).content.decode())
    assert "belongs to another tenant" in page
    assert not Tenant.objects.filter(slug=SLUG).exists()


def test_tenant_staff_cannot_provision(client: Client, alpha: TenantFixture) -> None:
    assert log_in(client, alpha, "hr@example.com") == 302
    data = {"slug": SLUG, "name": "X", "domain": f"{SLUG}.localhost", "admin_email": "x@example.com"}
    assert client.post(PROVISION, data, headers={"host": alpha.host}).status_code in (403, 404)
    assert not Tenant.objects.filter(slug=SLUG).exists()
