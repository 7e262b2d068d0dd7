"""provision_tenant, deprovision_tenant and migrate_schemas through the real commands."""

from collections.abc import Iterator

import psycopg
import pytest

from tests.conftest import run_manage

pytestmark = pytest.mark.django_db


def provision(slug: str, *extra: str) -> tuple[int, str]:
    result = run_manage("provision_tenant", slug, "--name", slug.title(), "--domain", f"{slug}.localhost", *extra)
    return result.returncode, result.stdout + result.stderr


@pytest.fixture
def delta() -> Iterator[str]:
    yield "delta"
    run_manage("deprovision_tenant", "delta", "--confirm", "delta")


def counts(raw: psycopg.Connection, slug: str) -> tuple[object, ...]:
    row = raw.execute(
        "SELECT (SELECT count(*) FROM tenants_tenant WHERE slug = %s),"
        " (SELECT count(*) FROM tenants_domain WHERE domain = %s),"
        " (SELECT count(*) FROM pg_namespace WHERE nspname = %s)",
        [slug, f"{slug}.localhost", f"t_{slug}"],
    ).fetchone()
    assert row is not None
    return tuple(row)


def test_provisioning_creates_everything_and_a_second_run_changes_nothing(
    runtime_db: psycopg.Connection, delta: str
) -> None:
    code, output = provision(delta, "--admin-email", "boss@delta.example")
    assert code == 0, output
    assert "delta@inbound.localhost" in output
    assert "Staff login (shown once): boss@delta.example / " in output
    assert counts(runtime_db, delta) == (1, 1, 1)
    code, output = provision(delta, "--admin-email", "boss@delta.example")
    assert code == 0, output
    assert "already provisioned; nothing changed" in output
    assert "Staff login" not in output
    assert counts(runtime_db, delta) == (1, 1, 1)


def test_the_resume_language_is_set_at_provisioning_and_on_a_later_run(
    runtime_db: psycopg.Connection, delta: str
) -> None:
    def language() -> object:
        row = runtime_db.execute("SELECT resume_language FROM tenants_tenant WHERE slug = %s", [delta]).fetchone()
        assert row is not None
        return row[0]

    code, output = provision(delta, "--resume-language", "fra")
    assert code == 0, output
    assert language() == "fra"
    code, output = provision(delta)  # not given: left as it is
    assert (code, language()) == (0, "fra")
    assert "nothing changed" in output
    code, output = provision(delta, "--resume-language", "none")
    assert code == 0, output
    assert "set resume language none" in output
    assert language() == ""


@pytest.mark.parametrize("slug", ["Delta", "delta-", "del_ta", "d", "d\u00e9lta"])
def test_a_bad_slug_is_refused_with_a_clear_error_and_nothing_is_created(
    runtime_db: psycopg.Connection, slug: str
) -> None:
    code, output = provision(slug)
    assert code != 0
    assert "lower-case letters" in output
    assert "Traceback" not in output
    assert counts(runtime_db, slug)[0] == 0


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--domain", "under_score.localhost", "Enter a host name"),
        ("--domain", "dé.localhost", "Enter a host name"),
        ("--domain", "localhost", "is a public host"),
        ("--name", " ", "Give the tenant a name"),
        ("--admin-email", "not-an-email", "valid email"),
    ],
)
def test_bad_input_is_refused_with_a_clear_error_and_nothing_is_created(
    runtime_db: psycopg.Connection, option: str, value: str, message: str
) -> None:
    arguments = {"--name": "Zeta", "--domain": "zeta.localhost", "--admin-email": "a@example.com", option: value}
    result = run_manage("provision_tenant", "zeta", *[item for pair in arguments.items() for item in pair])
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert counts(runtime_db, "zeta")[0] == 0


def test_a_domain_of_another_tenant_is_refused(runtime_db: psycopg.Connection) -> None:
    result = run_manage("provision_tenant", "epsilon", "--name", "E", "--domain", "alpha.localhost")
    assert result.returncode != 0
    assert "belongs to another tenant" in result.stderr
    assert counts(runtime_db, "epsilon")[0] == 0


def test_deprovisioning_needs_the_slug_repeated(runtime_db: psycopg.Connection, delta: str) -> None:
    assert provision(delta)[0] == 0
    refused = run_manage("deprovision_tenant", delta)
    assert refused.returncode != 0
    assert f"--confirm {delta}" in refused.stderr
    assert counts(runtime_db, delta) == (1, 1, 1)
    done = run_manage("deprovision_tenant", delta, "--confirm", delta)
    assert done.returncode == 0, done.stderr
    assert counts(runtime_db, delta) == (0, 0, 0)


def test_migrate_schemas_skips_schemas_with_nothing_to_apply() -> None:
    result = run_manage("migrate_schemas", "--tenant")
    assert result.returncode == 0, result.stderr
    assert "tenant schemas are up to date; skipped." in result.stdout
    assert "Applying" not in result.stdout
