"""Signing in tells nothing about which accounts exist: an unknown username, a
wrong password, an inactive account and another tenant's user get the same
answer, from the token endpoint and from the admin login, and each costs one
password hash (Django hashes a throwaway password for an unknown user)."""

import re
from typing import Any

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.models import User
from django.test import Client
from pytest_django.fixtures import Settings as SettingsWrapper

from apps.tenants.context import tenant_context
from tests.conftest import PASSWORD, TenantFixture

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/auth/token/"
LOGIN_URL = "/admin/login/?next=/admin/"
WRONG = "not the password"

# Each way of failing: (username, password). The inactive and non-staff users are
# created by the fixture below; only-beta-0 exists in tenant beta only.
FAILURES = {
    "unknown user": ("nobody@example.com", PASSWORD),
    "wrong password": ("hr@example.com", WRONG),
    "inactive user": ("gone@example.com", PASSWORD),
    "user of another tenant": ("only-beta-0@example.com", PASSWORD),
}
ADMIN_FAILURES = {**FAILURES, "user without staff access": ("outsider@example.com", PASSWORD)}


class CountingHasher(MD5PasswordHasher):
    """The tests' hasher, counting the hashes it computes (a check or a throwaway alike)."""

    hashes: list[str] = []

    def encode(self, password: str, salt: str) -> str:
        self.hashes.append(salt)
        return super().encode(password, salt)


@pytest.fixture(autouse=True)
def accounts(alpha: TenantFixture, settings: SettingsWrapper) -> None:
    settings.PASSWORD_HASHERS = ["tests.staff.test_login_privacy.CountingHasher"]
    with tenant_context(alpha.tenant, actor="test"):
        User.objects.create_user("gone@example.com", "gone@example.com", PASSWORD, is_staff=True, is_active=False)
        User.objects.create_user("outsider@example.com", "outsider@example.com", PASSWORD, is_staff=False)
    CountingHasher.hashes.clear()


def attempt(url: str, fixture: TenantFixture, username: str, password: str) -> tuple[Any, int]:
    """The response to one sign-in, and how many password hashes it cost."""
    before = len(CountingHasher.hashes)
    response = Client().post(url, {"username": username, "password": password}, headers={"host": fixture.host})
    return response, len(CountingHasher.hashes) - before


def error_note(response: Any) -> str:
    match = re.search(r'<p class="errornote">(.*?)</p>', response.content.decode(), re.S)
    assert match, "no error on the login form"
    return " ".join(match.group(1).split())


def test_every_failed_token_request_gets_the_same_status_and_body(alpha: TenantFixture) -> None:
    answers = {case: attempt(TOKEN_URL, alpha, *credentials)[0] for case, credentials in FAILURES.items()}
    assert {case: response.status_code for case, response in answers.items()} == dict.fromkeys(FAILURES, 401)
    bodies = {case: response.json() for case, response in answers.items()}
    assert len({repr(body) for body in bodies.values()}) == 1, bodies
    assert bodies["unknown user"] == {
        "code": "no_active_account",
        "message": "No active account found with the given credentials",
    }


def test_every_failed_admin_login_gets_the_same_form_and_error(alpha: TenantFixture) -> None:
    answers = {case: attempt(LOGIN_URL, alpha, *credentials)[0] for case, credentials in ADMIN_FAILURES.items()}
    assert {case: response.status_code for case, response in answers.items()} == dict.fromkeys(ADMIN_FAILURES, 200)
    errors = {case: error_note(response) for case, response in answers.items()}
    assert len(set(errors.values())) == 1, errors
    assert "inactive" not in errors["inactive user"].lower()


@pytest.mark.parametrize("url", [TOKEN_URL, LOGIN_URL])
@pytest.mark.parametrize("case", FAILURES)
def test_every_failed_sign_in_costs_one_password_hash(alpha: TenantFixture, url: str, case: str) -> None:
    response, hashes = attempt(url, alpha, *FAILURES[case])
    assert response.status_code in (200, 401)
    assert hashes == 1


def test_a_successful_sign_in_costs_one_password_hash_too(alpha: TenantFixture) -> None:
    response, hashes = attempt(TOKEN_URL, alpha, "hr@example.com", PASSWORD)
    assert response.status_code == 200
    assert hashes == 1
