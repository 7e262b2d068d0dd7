"""migrate_schemas as the owner role, skipping up-to-date tenant schemas."""

from typing import Any

from django_tenants.management.commands.migrate_schemas import MigrateSchemasCommand

from apps.tenants.context import tenant_connection
from apps.tenants.db_roles import connect_as


class Command(MigrateSchemasCommand):  # type: ignore[misc]
    def handle(self, *args: Any, **options: Any) -> None:
        connect_as("owner")
        tenant_connection.set_audit_context(actor="command:migrate")
        super().handle(*args, **options)
