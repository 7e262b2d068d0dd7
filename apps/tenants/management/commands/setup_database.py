"""Create the owner, runtime (and backup) roles and the database (idempotent; needs DATABASE_ADMIN_URL)."""

from typing import Any

import environ
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.tenants.database_setup import database_setup


class Command(BaseCommand):
    help = "Create the database roles and the database; a second run changes nothing."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DATABASE_ADMIN_URL:
            raise CommandError("Set DATABASE_ADMIN_URL to a superuser connection to create roles.")
        changes = database_setup(
            admin_url=settings.DATABASE_ADMIN_URL,
            owner_url=settings.DATABASE_OWNER_URL,
            runtime_url=settings.DATABASE_URL,
            database=environ.Env.db_url_config(settings.DATABASE_URL)["NAME"],
            backup_url=settings.DATABASE_BACKUP_URL,
        )
        for change in changes:
            self.stdout.write(f"  {change}")
        self.stdout.write(
            self.style.SUCCESS("Database ready." if changes else "Database already set up; nothing changed.")
        )
