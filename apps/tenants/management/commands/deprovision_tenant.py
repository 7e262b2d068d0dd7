"""deprovision_tenant SLUG --confirm SLUG: drop a tenant's schema and all its data."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.tenants.services import ProvisioningError, tenant_deprovision


class Command(BaseCommand):
    help = "Drop a tenant's schema with all its data, its domains and its row. Cannot be undone."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--confirm", metavar="SLUG", help="Repeat the slug to confirm the drop.")

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["slug"]
        if options["confirm"] != slug:
            raise CommandError(f"This drops every record of tenant {slug}. Re-run with --confirm {slug}.")
        try:
            tenant = tenant_deprovision(slug=slug)
        except ProvisioningError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Tenant {slug} deprovisioned; schema {tenant.schema_name} dropped."))
