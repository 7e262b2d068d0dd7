"""Catalog checks: every table of every tenant schema is behind RLS, and the
runtime role can bypass nothing. A table added later without its policy fails here."""

from collections.abc import Iterator

import psycopg
import pytest

from tests.conftest import owner_conninfo, run_manage

pytestmark = pytest.mark.django_db

POLICY_EXPRESSION = "(tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::bigint)"


@pytest.fixture
def provisioned_now(django_db_blocker: pytest.FixtureRequest) -> Iterator[str]:
    result = run_manage("provision_tenant", "gamma", "--name", "Gamma", "--domain", "gamma.localhost")
    assert result.returncode == 0, result.stderr
    yield "t_gamma"
    result = run_manage("deprovision_tenant", "gamma", "--confirm", "gamma")
    assert result.returncode == 0, result.stderr


def tenant_schemas(raw: psycopg.Connection) -> list[str]:
    return [row[0] for row in raw.execute("SELECT schema_name FROM public.tenants_tenant ORDER BY 1").fetchall()]


def test_every_tenant_table_has_rls_enabled_forced_and_a_fail_closed_policy(
    runtime_db: psycopg.Connection, provisioned_now: str
) -> None:
    schemas = tenant_schemas(runtime_db)
    assert {"t_alpha", "t_beta", provisioned_now} <= set(schemas)
    rows = runtime_db.execute(
        """
        SELECT n.nspname, c.relname, c.relrowsecurity, c.relforcerowsecurity,
               array(SELECT pg_get_expr(p.polqual, p.polrelid) || ' / ' || pg_get_expr(p.polwithcheck, p.polrelid)
                     FROM pg_policy p WHERE p.polrelid = c.oid),
               EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id')
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY(%s) AND c.relkind IN ('r', 'p') AND c.relname <> 'django_migrations'
        """,
        [schemas],
    ).fetchall()
    assert len(rows) >= 12 * len(schemas)
    unprotected = [
        f"{schema}.{table}"
        for schema, table, enabled, forced, policies, has_column in rows
        if not (enabled and forced and has_column and policies == [f"{POLICY_EXPRESSION} / {POLICY_EXPRESSION}"])
    ]
    assert unprotected == []


def test_the_runtime_role_is_no_superuser_cannot_bypass_rls_and_owns_nothing(runtime_db: psycopg.Connection) -> None:
    row = runtime_db.execute(
        "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user"
    ).fetchone()
    assert row == (False, False, False, False)
    owned = runtime_db.execute(
        "SELECT count(*) FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)"
    ).fetchone()
    owned_schemas = runtime_db.execute(
        "SELECT count(*) FROM pg_namespace WHERE nspowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)"
    ).fetchone()
    assert owned == (0,)
    assert owned_schemas == (0,)


def test_the_owner_role_is_bound_by_rls_too(runtime_db: psycopg.Connection) -> None:
    with psycopg.connect(owner_conninfo(), autocommit=True) as owner:
        assert owner.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user").fetchone() == (
            False,
            False,
        )
        owner.execute("SET search_path = t_alpha")
        assert owner.execute("SELECT count(*) FROM auth_user").fetchone() == (0,)
