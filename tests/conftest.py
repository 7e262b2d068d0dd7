"""Test database: created and migrated as the owner role, tests run as the runtime role.

A test that ran as a superuser or as the table owner would prove nothing about
Row-Level Security (DESIGN.md), so the session starts by building the test
database exactly as production is built (setup_database, migrate_schemas,
provision_tenant) and then reconnects as the runtime role for every test.

Two tenants, alpha and beta, are seeded with overlapping data: the same staff
usernames and passwords, hence the same primary keys, so a leak cannot hide.
"""

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import environ
import psycopg
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test import Client
from psycopg import sql
from pytest_django.fixtures import Settings as SettingsWrapper

from apps.staff.roles import HR_ADMIN, RECRUITER, VIEWER
from apps.staff.services import staff_user_ensure
from apps.tenants.context import leave_tenant, tenant_context
from apps.tenants.database_setup import database_setup
from apps.tenants.db_roles import connect_as
from apps.tenants.models import Tenant
from apps.tenants.selectors import forget_tenants
from apps.tenants.services import tenant_provision

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery staple"
SHARED_USERS = {"hr@example.com": HR_ADMIN, "recruiter@example.com": RECRUITER, "viewer@example.com": VIEWER}


@dataclass
class TenantFixture:
    tenant: Tenant
    host: str


# Filled once by django_db_setup, so that tests without database access can name tenants.
SEEDED: dict[str, TenantFixture] = {}


# Test runs on one machine (a developer's and CI's, or several at once) must not
# share a database or a task queue: each run has its own, named after its process.
RUN_ID = f"{os.getpid()}"


def tests_database_name() -> str:
    return f"test_{environ.Env.db_url_config(settings.DATABASE_URL)['NAME']}_{RUN_ID}"


def with_database(url: str, name: str) -> str:
    """The same URL pointing at another database."""
    return url.rsplit("/", 1)[0] + "/" + name


def runtime_conninfo() -> str:
    return with_database(settings.DATABASE_URL, tests_database_name())


def owner_conninfo() -> str:
    return with_database(settings.DATABASE_OWNER_URL, tests_database_name())


def manage_env() -> dict[str, str]:
    """Environment for a manage.py or celery subprocess working on the test database."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ats.settings.test",
        "DATABASE_URL": runtime_conninfo(),
        "DATABASE_OWNER_URL": owner_conninfo(),
    }


def run_manage(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=manage_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _seed(tenant: Tenant, extra_users: int) -> None:
    with tenant_context(tenant, actor="test:seed"):
        for email, role in SHARED_USERS.items():
            staff_user_ensure(email=email, role=role, password=PASSWORD)
        for number in range(extra_users):
            staff_user_ensure(email=f"only-{tenant.slug}-{number}@example.com", role=VIEWER, password=PASSWORD)


@pytest.fixture(scope="session")
def django_db_setup(django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    name = tests_database_name()
    connection.settings_dict["NAME"] = name
    settings.DATABASES["default"]["NAME"] = name
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        database_setup(
            admin_url=settings.DATABASE_ADMIN_URL,
            owner_url=settings.DATABASE_OWNER_URL,
            runtime_url=settings.DATABASE_URL,
            database=name,
            recreate=True,
        )
        from django.core.management import call_command

        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        for slug, extra_users in (("alpha", 1), ("beta", 3)):
            result = tenant_provision(
                slug=slug, name=slug.title(), domain=f"{slug}.localhost", admin_email="admin@example.com"
            )
            _seed(result.tenant, extra_users)
            SEEDED[slug] = TenantFixture(result.tenant, f"{slug}.localhost")
        connect_as("runtime")
    yield
    connection.close()
    with psycopg.connect(settings.DATABASE_ADMIN_URL, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(autouse=True)
def _clean_process_state() -> Iterator[None]:
    """Each test starts outside any tenant, with empty caches."""
    forget_tenants()
    cache.clear()
    yield
    leave_tenant()


@pytest.fixture
def alpha(django_db_setup: None) -> TenantFixture:
    return SEEDED["alpha"]


@pytest.fixture
def beta(django_db_setup: None) -> TenantFixture:
    return SEEDED["beta"]


@pytest.fixture
def in_alpha(alpha: TenantFixture) -> Iterator[TenantFixture]:
    """The test runs in alpha's tenant context, as the actor "test"."""
    with tenant_context(alpha.tenant, actor="test"):
        yield alpha


@pytest.fixture
def media_root(settings: SettingsWrapper, tmp_path: Path) -> Path:
    """Stored files go to the test's own temporary folder."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def real_transactions(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    """Database access without the wrapping test transaction: commits and
    rollbacks are real. The test must leave no committed data behind."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        yield


@pytest.fixture
def runtime_db() -> Iterator[psycopg.Connection]:
    """A raw connection as the runtime role, for tests of the database walls themselves."""
    with psycopg.connect(runtime_conninfo(), autocommit=True) as raw:
        yield raw


def user_in(tenant: Tenant, username: str) -> User:
    with tenant_context(tenant, actor="test"):
        return User.objects.get(username=username)


def api_client(fixture: TenantFixture, username: str = "hr@example.com") -> Client:
    """A client on the tenant's host carrying a JWT of one of its staff users."""
    from rest_framework_simplejwt.tokens import AccessToken

    token = AccessToken.for_user(user_in(fixture.tenant, username))
    token["tenant"] = fixture.tenant.pk
    return Client(headers={"host": fixture.host, "authorization": f"Bearer {token}"})
