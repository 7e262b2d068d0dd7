"""`migrate` is migrate_schemas here: one command migrates every schema."""

from apps.tenants.management.commands.migrate_schemas import Command

__all__ = ["Command"]
