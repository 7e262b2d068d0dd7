"""provision_tenant SLUG --name NAME --domain HOST [--admin-email E] [--resume-language L]: idempotent."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.tenants.services import ProvisioningError, tenant_provision


class Command(BaseCommand):
    help = "Create a tenant: schema, domain, inbound address and a first hr_admin user. Safe to re-run."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="Lower-case letters, digits and hyphens, e.g. acme.")
        parser.add_argument("--name", required=True, help="Display name, e.g. 'Acme Corp'.")
        parser.add_argument("--domain", required=True, help="Host of the tenant, e.g. acme.localhost.")
        parser.add_argument("--admin-email", help="Login of the first staff user (default admin@DOMAIN).")
        parser.add_argument(
            "--resume-language",
            choices=["eng", "deu", "fra", "spa", "none"],
            help="The language most resumes arrive in (scans in it are read faster); set on a re-run too.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        admin_email = options["admin_email"] or f"admin@{options['domain']}"
        language = options["resume_language"]
        try:
            result = tenant_provision(
                slug=options["slug"],
                name=options["name"],
                domain=options["domain"],
                admin_email=admin_email,
                resume_language="" if language == "none" else language,
            )
        except ProvisioningError as error:
            raise CommandError(str(error)) from error
        if not result.changes:
            self.stdout.write(f"Tenant {result.tenant.slug} is already provisioned; nothing changed.")
            return
        for change in result.changes:
            self.stdout.write(f"  {'set' if change.startswith('resume language') else 'created'} {change}")
        self.stdout.write(self.style.SUCCESS(f"Tenant {result.tenant.slug} provisioned."))
        if result.admin_password:
            self.stdout.write(f"Staff login (shown once): {result.admin_username} / {result.admin_password}")
