"""migrate_schemas that skips tenant schemas with nothing to apply.

Stock django-tenants runs Django's migrate in every schema, which costs tens of
milliseconds even when there is nothing to do. Here one query reads every
schema's django_migrations, and only the schemas missing a migration are
migrated. Options that inspect or target particular migrations (an app label,
--fake, --plan, --prune, --check) take the stock path for every schema.
"""

from typing import Any

from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django_tenants.migration_executors.standard import StandardExecutor

SELECTIVE_OPTIONS = ("app_label", "migration_name", "fake", "fake_initial", "plan", "prune", "check_unapplied")


def schemas_needing_migrations(schemas: list[str]) -> list[str]:
    """The schemas, in order, whose django_migrations lacks a known migration."""
    if not schemas:
        return []
    expected = set(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_schema FROM information_schema.tables"
            " WHERE table_name = 'django_migrations' AND table_schema = ANY(%s)",
            [schemas],
        )
        with_table = [row[0] for row in cursor.fetchall()]
        applied: dict[str, set[tuple[str, str]]] = {schema: set() for schema in with_table}
        if with_table:
            union = " UNION ALL ".join(
                f"SELECT %s, app, name FROM {connection.ops.quote_name(s)}.django_migrations" for s in with_table
            )
            cursor.execute(union, with_table)
            for schema, app, name in cursor.fetchall():
                applied[schema].add((app, name))
    return [s for s in schemas if not expected <= applied.get(s, set())]


class SkipUpToDateExecutor(StandardExecutor):  # type: ignore[misc]
    codename = "standard"

    def run_migrations(self, tenants: Any = None) -> None:
        schemas = list(tenants or [])
        tenant_schemas = [s for s in schemas if s != self.PUBLIC_SCHEMA_NAME]
        if tenant_schemas and not any(self.options.get(o) for o in SELECTIVE_OPTIONS):
            pending = schemas_needing_migrations(tenant_schemas)
            skipped = len(tenant_schemas) - len(pending)
            if skipped and int(self.options.get("verbosity", 1)) >= 1:
                print(f"{skipped} of {len(tenant_schemas)} tenant schemas are up to date; skipped.")
            schemas = [s for s in schemas if s == self.PUBLIC_SCHEMA_NAME] + pending
        super().run_migrations(schemas)


def get_executor(codename: str | None = None) -> type[SkipUpToDateExecutor]:
    return SkipUpToDateExecutor
