"""Production settings: Django's deployment checks pass, and every secret is required.

Each case loads ats.settings.production in a fresh interpreter with exactly the
environment given, as in a container: the development .env beside the checkout is
not read (it would fill in what the case leaves out).
"""

import os
import secrets
import subprocess
import sys

import pytest

from tests.conftest import ROOT

# Loads the settings the way manage.py does, minus the .env file.
LOADER = """
import sys, environ
environ.Env.read_env = classmethod(lambda *args, **kwargs: None)
import django
from django.core.management import call_command
django.setup()
if sys.argv[1:] == ["--deploy"]:
    call_command("check", deploy=True, fail_level="WARNING")
"""
# Variables this module sets; everything else of the calling environment is left out.
SECRET_NAMES = (
    "SECRET_KEY",
    "JWT_SIGNING_KEY",
    "MATCH_HASH_SECRET",
    "ANYMAIL_WEBHOOK_SECRET",
    "MAILGUN_WEBHOOK_SIGNING_KEY",
    "DATABASE_URL",
    "DATABASE_OWNER_URL",
)
WEAK = {
    "SECRET_KEY": "change-me",
    "JWT_SIGNING_KEY": "change-me-too",
    "MATCH_HASH_SECRET": "change-me-three",
    "ANYMAIL_WEBHOOK_SECRET": "mailer:secret",
    "MAILGUN_WEBHOOK_SIGNING_KEY": "key-1234",
    # Not weak in itself: the runtime URL naming the owner role, which RLS does not bind.
    "DATABASE_URL": "postgres://ats_owner@127.0.0.1:5432/ats",
    "DATABASE_OWNER_URL": "postgres://ats_app@127.0.0.1:5432/ats",
}


def complete_environment() -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "ats.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "JWT_SIGNING_KEY": secrets.token_urlsafe(32),
        "MATCH_HASH_SECRET": secrets.token_urlsafe(32),
        "ANYMAIL_WEBHOOK_SECRET": f"mailer:{secrets.token_urlsafe(24)}",
        "MAILGUN_WEBHOOK_SIGNING_KEY": secrets.token_hex(16),
        "DATABASE_URL": "postgres://ats_app@127.0.0.1:5432/ats",
        "DATABASE_OWNER_URL": "postgres://ats_owner@127.0.0.1:5432/ats",
    }


def load(environment: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", LOADER, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_passes_the_deployment_checks_with_a_complete_environment() -> None:
    result = load(complete_environment(), "--deploy")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout, result.stdout


@pytest.mark.parametrize("name", SECRET_NAMES)
@pytest.mark.parametrize("case", ["missing", "empty", "weak"])
def test_production_refuses_to_start_without_each_secret_and_names_it(name: str, case: str) -> None:
    environment = complete_environment()
    if case == "missing":
        del environment[name]
    else:
        environment[name] = "" if case == "empty" else WEAK[name]
    result = load(environment)
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert "ImproperlyConfigured" in last_line, result.stderr
    assert name in last_line, result.stderr


def test_production_refuses_one_value_for_all_three_keys() -> None:
    environment = complete_environment()
    environment["JWT_SIGNING_KEY"] = environment["MATCH_HASH_SECRET"] = environment["SECRET_KEY"]
    result = load(environment)
    assert result.returncode != 0
    assert "must be three different values" in result.stderr
