"""JWTs are bound to the tenant whose host minted them."""

import pytest
from django.test import Client

from tests.conftest import PASSWORD, TenantFixture

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/auth/token/"
REFRESH_URL = "/api/auth/token/refresh/"
AUDIT_URL = "/api/audit-events/"


def obtain(
    client: Client, fixture: TenantFixture, username: str = "hr@example.com", password: str = PASSWORD
) -> dict[str, str]:
    response = client.post(TOKEN_URL, {"username": username, "password": password}, headers={"host": fixture.host})
    assert response.status_code == 200, response.content
    tokens: dict[str, str] = response.json()
    return tokens


def get(client: Client, fixture: TenantFixture, url: str, access: str | None = None) -> int:
    headers = {"host": fixture.host}
    if access:
        headers["authorization"] = f"Bearer {access}"
    return client.get(url, headers=headers).status_code


def test_a_token_works_on_the_host_that_minted_it(client: Client, alpha: TenantFixture) -> None:
    assert get(client, alpha, AUDIT_URL, obtain(client, alpha)["access"]) == 200


def test_it_refuses_a_token_from_another_tenant_even_for_the_same_user_id(
    client: Client, alpha: TenantFixture, beta: TenantFixture
) -> None:
    # hr@example.com has the same id and password in both tenants.
    access = obtain(client, alpha)["access"]
    assert get(client, beta, AUDIT_URL, access) == 401


def test_it_refuses_anonymous_requests(client: Client, alpha: TenantFixture) -> None:
    assert get(client, alpha, AUDIT_URL) == 401


def test_it_refuses_a_refresh_token_from_another_tenant(
    client: Client, alpha: TenantFixture, beta: TenantFixture
) -> None:
    refresh = obtain(client, alpha)["refresh"]
    response = client.post(REFRESH_URL, {"refresh": refresh}, headers={"host": beta.host})
    assert response.status_code == 401


def test_a_refresh_token_rotates_and_cannot_be_used_twice(client: Client, alpha: TenantFixture) -> None:
    refresh = obtain(client, alpha)["refresh"]
    first = client.post(REFRESH_URL, {"refresh": refresh}, headers={"host": alpha.host})
    assert first.status_code == 200
    assert first.json()["refresh"] != refresh
    assert get(client, alpha, AUDIT_URL, first.json()["access"]) == 200
    again = client.post(REFRESH_URL, {"refresh": refresh}, headers={"host": alpha.host})
    assert again.status_code == 401


def test_a_user_of_another_tenant_cannot_obtain_a_token(client: Client, alpha: TenantFixture) -> None:
    response = client.post(
        TOKEN_URL, {"username": "only-beta-0@example.com", "password": PASSWORD}, headers={"host": alpha.host}
    )
    assert response.status_code == 401


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(client: Client, alpha: TenantFixture) -> None:
    wrong = client.post(TOKEN_URL, {"username": "hr@example.com", "password": "nope"}, headers={"host": alpha.host})
    unknown = client.post(
        TOKEN_URL, {"username": "nobody@example.com", "password": "nope"}, headers={"host": alpha.host}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


def test_token_endpoints_are_throttled(client: Client, alpha: TenantFixture) -> None:
    statuses = [
        # A username each: the per-username limit is lower (tests/staff/test_rate_limits.py).
        client.post(TOKEN_URL, {"username": f"x{number}", "password": "y"}, headers={"host": alpha.host}).status_code
        for number in range(11)
    ]
    assert statuses[:10] == [401] * 10
    assert statuses[10] == 429


def test_there_is_no_token_endpoint_on_the_public_host(client: Client) -> None:
    response = client.post(
        TOKEN_URL, {"username": "hr@example.com", "password": PASSWORD}, headers={"host": "localhost"}
    )
    assert response.status_code == 404


def test_an_unknown_host_is_a_404(client: Client) -> None:
    assert client.get("/health", headers={"host": "nobody.localhost"}).status_code == 404
