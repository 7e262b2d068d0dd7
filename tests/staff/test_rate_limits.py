"""Sign-in rate limits: the token endpoints and the admin login, per tenant, per
client address and per username tried; 429 with Retry-After, then a fresh window.
Counters live in the real Redis cache (ats.settings.test)."""

from typing import Any

import pytest
from django.test import Client
from pytest_django.fixtures import Settings as SettingsWrapper

from tests.conftest import PASSWORD, TenantFixture
from tests.rate_limits import Clock, clock_freeze, rates_set, retry_after

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/auth/token/"
REFRESH_URL = "/api/auth/token/refresh/"
LOGIN_URL = "/admin/login/?next=/admin/"
PUBLIC_HOST = "localhost"
HR = "hr@example.com"
WRONG = "not the password"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return clock_freeze(monkeypatch)


@pytest.fixture(autouse=True)
def small_rates(settings: SettingsWrapper) -> None:
    rates_set(settings, auth_token="3/minute", auth_username="2/minute")


def token(host: str, username: str, password: str = WRONG, address: str = "10.0.0.1", **headers: str) -> Any:
    body = {"username": username, "password": password}
    return Client(REMOTE_ADDR=address).post(TOKEN_URL, body, headers={"host": host, **headers})


def admin_login(host: str, username: str, password: str = WRONG, address: str = "10.0.0.1") -> Any:
    body = {"username": username, "password": password}
    return Client(REMOTE_ADDR=address).post(LOGIN_URL, body, headers={"host": host})


def test_the_token_endpoint_answers_429_with_retry_after_past_the_address_limit(
    alpha: TenantFixture, clock: Clock
) -> None:
    clock.advance(15)
    statuses = [token(alpha.host, f"user-{number}@example.com").status_code for number in range(3)]
    refused = token(alpha.host, "user-3@example.com")
    assert statuses == [401, 401, 401]
    assert refused.status_code == 429
    assert retry_after(refused) == 45  # the seconds left in the minute's window
    assert refused.json()["code"] == "throttled"
    assert set(refused.json()) == {"code", "message"}


def test_the_username_tried_is_limited_from_any_address_even_with_the_right_password(
    alpha: TenantFixture, clock: Clock
) -> None:
    assert token(alpha.host, HR, address="10.0.0.1").status_code == 401
    assert token(alpha.host, HR, address="10.0.0.2").status_code == 401
    refused = token(alpha.host, HR, PASSWORD, address="10.0.0.3")
    assert refused.status_code == 429
    assert retry_after(refused) == 60
    # The same address with another username is still let through: it has tried once.
    assert token(alpha.host, "recruiter@example.com", PASSWORD, address="10.0.0.3").status_code == 200


def test_an_unknown_username_is_limited_exactly_like_an_existing_one(alpha: TenantFixture, clock: Clock) -> None:
    known = [token(alpha.host, HR, address=f"10.0.1.{number}").status_code for number in range(3)]
    unknown = [token(alpha.host, "nobody@example.com", address=f"10.0.2.{number}").status_code for number in range(3)]
    assert known == unknown == [401, 401, 429]


def test_a_new_window_lets_the_user_sign_in_again(alpha: TenantFixture, clock: Clock) -> None:
    for number in range(3):
        token(alpha.host, HR, address=f"10.0.0.{number}")
    assert token(alpha.host, HR, PASSWORD, address="10.0.0.9").status_code == 429
    clock.advance(59)
    assert token(alpha.host, HR, PASSWORD, address="10.0.0.9").status_code == 429
    clock.advance(1)
    assert token(alpha.host, HR, PASSWORD, address="10.0.0.9").status_code == 200


def test_refreshing_counts_in_the_address_bucket(alpha: TenantFixture, clock: Clock) -> None:
    refresh = token(alpha.host, HR, PASSWORD).json()["refresh"]
    token(alpha.host, "someone@example.com")
    token(alpha.host, "someone-else@example.com")
    response = Client(REMOTE_ADDR="10.0.0.1").post(REFRESH_URL, {"refresh": refresh}, headers={"host": alpha.host})
    assert response.status_code == 429
    assert retry_after(response) == 60


def test_a_forged_x_forwarded_for_header_does_not_open_a_new_bucket(alpha: TenantFixture, clock: Clock) -> None:
    statuses = [
        token(alpha.host, f"user-{number}@example.com", x_forwarded_for=f"203.0.113.{number}").status_code
        for number in range(4)
    ]
    assert statuses == [401, 401, 401, 429]


def test_one_tenants_traffic_never_limits_another_tenant(
    alpha: TenantFixture, beta: TenantFixture, clock: Clock
) -> None:
    # Same address, same username (and the same user id in both schemas).
    assert [token(alpha.host, HR).status_code for _ in range(4)] == [401, 401, 429, 429]
    assert admin_login(alpha.host, HR).status_code == 429
    assert token(beta.host, HR, PASSWORD).status_code == 200
    assert admin_login(beta.host, HR, PASSWORD).status_code == 302


def test_the_admin_login_answers_429_with_retry_after_on_a_tenant_host(alpha: TenantFixture, clock: Clock) -> None:
    clock.advance(30)
    statuses = [admin_login(alpha.host, f"user-{number}@example.com").status_code for number in range(3)]
    refused = admin_login(alpha.host, "user-3@example.com")
    assert statuses == [200, 200, 200]  # the form again, with its error
    assert refused.status_code == 429
    assert retry_after(refused) == 30
    assert b"Too many sign-in attempts" in refused.content


def test_the_admin_login_of_the_public_host_is_limited_too(alpha: TenantFixture, clock: Clock) -> None:
    statuses = [admin_login(PUBLIC_HOST, "platform@example.com", address=f"10.0.3.{n}").status_code for n in range(3)]
    assert statuses == [200, 200, 429]
    # The public host's buckets are its own: the tenant's admin still takes this username.
    assert admin_login(alpha.host, "platform@example.com").status_code == 200


def test_token_and_admin_login_attempts_share_the_username_bucket(alpha: TenantFixture, clock: Clock) -> None:
    assert token(alpha.host, HR, address="10.0.0.1").status_code == 401
    assert admin_login(alpha.host, HR, address="10.0.0.2").status_code == 200
    assert admin_login(alpha.host, HR, PASSWORD, address="10.0.0.3").status_code == 429
    assert token(alpha.host, HR, PASSWORD, address="10.0.0.4").status_code == 429


def test_opening_the_login_page_is_not_an_attempt(alpha: TenantFixture, clock: Clock) -> None:
    client = Client(REMOTE_ADDR="10.0.0.1")
    assert [client.get(LOGIN_URL, headers={"host": alpha.host}).status_code for _ in range(5)] == [200] * 5
    assert admin_login(alpha.host, HR, PASSWORD).status_code == 302


def test_the_limits_let_requests_through_when_redis_is_down(
    alpha: TenantFixture, settings: SettingsWrapper, clock: Clock
) -> None:
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "LOCATION": "redis://127.0.0.1:1/0"}  # nothing listens there
    }
    assert [token(alpha.host, HR).status_code for _ in range(5)] == [401] * 5
    assert [admin_login(alpha.host, HR).status_code for _ in range(5)] == [200] * 5
    assert token(alpha.host, HR, PASSWORD).status_code == 200
