"""Migration operations that put a tenant-schema table behind Row-Level Security.

Each tenant table gets a ``tenant_id`` column filled from ``app.tenant_id`` (the
setting apps.tenants.postgresql sets together with search_path), a CHECK that
pins it to the tenant that owns the schema, and one policy, ENABLED and FORCED,
that admits a row only while the setting names that tenant. Read fail-closed:
no setting, no rows and no writes. FORCE binds the owner role too; the runtime
role has NOBYPASSRLS (scripts/setup_database). tests/tenants/test_rls_catalog.py
fails for any tenant table that lacks this.
"""

from django.conf import settings
from django.db import migrations

CURRENT_TENANT = "nullif(current_setting('app.tenant_id', true), '')::bigint"


def enable_row_level_security(table: str) -> migrations.RunSQL:
    """RLS on one tenant table. Locking: ACCESS EXCLUSIVE on the table while the
    column and policy are added; done when the schema is provisioned or migrated."""
    forward = f"""
        DO $$ BEGIN
            IF {CURRENT_TENANT} IS NULL THEN
                RAISE EXCEPTION 'app.tenant_id is not set: migrate tenant schemas with migrate_schemas';
            END IF;
        END $$;
        ALTER TABLE {table} ADD COLUMN tenant_id bigint NOT NULL DEFAULT {CURRENT_TENANT};
        DO $$ BEGIN
            EXECUTE format(
                'ALTER TABLE {table} ADD CONSTRAINT tenant_pinned CHECK (tenant_id = %s)',
                {CURRENT_TENANT}
            );
        END $$;
        ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
        ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant_isolation ON {table}
            USING (tenant_id = {CURRENT_TENANT})
            WITH CHECK (tenant_id = {CURRENT_TENANT});
    """
    reverse = f"""
        DROP POLICY tenant_isolation ON {table};
        ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY;
        ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;
        ALTER TABLE {table} DROP COLUMN tenant_id;
    """
    return migrations.RunSQL(forward, reverse)


def revoke_from_runtime_role(privileges: str, table: str) -> migrations.RunSQL:
    """Take privileges that default privileges granted back from the runtime role."""
    role = settings.DATABASE_RUNTIME_ROLE
    return migrations.RunSQL(
        f'REVOKE {privileges} ON {table} FROM "{role}"',
        f'GRANT {privileges} ON {table} TO "{role}"',
    )
