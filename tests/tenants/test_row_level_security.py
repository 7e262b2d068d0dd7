"""The database wall on its own: what the runtime role sees, with raw SQL."""

import psycopg
import pytest
from django.db import IntegrityError, connection, transaction
from psycopg import sql

from apps.tenants.context import tenant_context
from apps.tenants.models import Tenant
from tests.conftest import TenantFixture

pytestmark = pytest.mark.django_db


def tenant_tables(raw: psycopg.Connection, schema: str) -> list[str]:
    rows = raw.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = %s AND c.relkind IN ('r', 'p') AND c.relname <> 'django_migrations'"
        " ORDER BY 1",
        [schema],
    ).fetchall()
    return [row[0] for row in rows]


def set_context(raw: psycopg.Connection, *, schema: str, tenant_id: str) -> None:
    raw.execute(
        "SELECT set_config('search_path', %s, false), set_config('app.tenant_id', %s, false)", [schema, tenant_id]
    )


def insert_group(raw: psycopg.Connection, name: str) -> None:
    raw.execute("INSERT INTO auth_group (name) VALUES (%s)", [name])


def count(raw: psycopg.Connection, table: str) -> int:
    row = raw.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))).fetchone()
    assert row is not None
    return int(row[0])


def test_with_a_tenant_set_its_own_rows_are_visible(runtime_db: psycopg.Connection, alpha: TenantFixture) -> None:
    set_context(runtime_db, schema=alpha.tenant.schema_name, tenant_id=str(alpha.tenant.pk))
    assert count(runtime_db, "auth_user") >= 3
    assert count(runtime_db, "auth_group") == 3


def test_without_a_tenant_every_tenant_table_is_empty_and_refuses_writes(
    runtime_db: psycopg.Connection, alpha: TenantFixture
) -> None:
    set_context(runtime_db, schema=alpha.tenant.schema_name, tenant_id="")
    tables = tenant_tables(runtime_db, alpha.tenant.schema_name)
    assert "auth_user" in tables
    assert {table: count(runtime_db, table) for table in tables} == dict.fromkeys(tables, 0)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # the policy refuses a NULL tenant
        insert_group(runtime_db, "written without a tenant")
    assert runtime_db.execute("UPDATE auth_user SET first_name = 'x'").rowcount == 0
    assert runtime_db.execute("DELETE FROM auth_group").rowcount == 0


def test_a_tenant_setting_with_another_tenants_schema_sees_nothing_and_cannot_write(
    runtime_db: psycopg.Connection, alpha: TenantFixture, beta: TenantFixture
) -> None:
    set_context(runtime_db, schema=beta.tenant.schema_name, tenant_id=str(alpha.tenant.pk))
    tables = tenant_tables(runtime_db, beta.tenant.schema_name)
    assert {table: count(runtime_db, table) for table in tables} == dict.fromkeys(tables, 0)
    with pytest.raises(psycopg.errors.CheckViolation):
        insert_group(runtime_db, "alpha's row in beta's table")
    assert runtime_db.execute("UPDATE auth_user SET first_name = 'x'").rowcount == 0


def test_a_row_cannot_be_given_to_another_tenant(runtime_db: psycopg.Connection, alpha: TenantFixture) -> None:
    set_context(runtime_db, schema=alpha.tenant.schema_name, tenant_id=str(alpha.tenant.pk))
    other_id = Tenant.objects.exclude(pk=alpha.tenant.pk).values_list("pk", flat=True).first()
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # the policy's WITH CHECK
        runtime_db.execute("UPDATE auth_group SET tenant_id = %s", [other_id])


def test_the_runtime_role_cannot_read_migrations_or_change_tenants(
    runtime_db: psycopg.Connection, alpha: TenantFixture
) -> None:
    set_context(runtime_db, schema=alpha.tenant.schema_name, tenant_id=str(alpha.tenant.pk))
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        runtime_db.execute("SELECT count(*) FROM django_migrations")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        runtime_db.execute("UPDATE public.tenants_tenant SET schema_name = 'x'")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        runtime_db.execute("DELETE FROM public.tenants_domain")


def test_application_code_that_names_another_tenants_schema_reads_and_writes_nothing(
    alpha: TenantFixture, beta: TenantFixture
) -> None:
    other = beta.tenant.schema_name
    with tenant_context(alpha.tenant, actor="test"), connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {other}.auth_user")
        assert cursor.fetchone() == (0,)
        with pytest.raises(IntegrityError), transaction.atomic():
            cursor.execute(f"INSERT INTO {other}.auth_group (name) VALUES ('planted by alpha')")
        cursor.execute(f"UPDATE {other}.auth_user SET first_name = 'x'")
        assert cursor.rowcount == 0
