"""manage.py apply_retention: apply the retention policy now.

    apply_retention [--tenant SLUG] [--dry-run]

Erases the candidates whose last activity is older than their tenant's retention
policy allows for their status (the same service as the periodic task), every
tenant one after the other or only SLUG's. --dry-run lists who is due, by id,
and erases nothing. Safe to run twice: erased candidates are not found again.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.candidates.privacy import retention_apply
from apps.tenants.context import tenant_context
from apps.tenants.models import Tenant


class Command(BaseCommand):
    help = "Erase the candidates past their tenant's retention policy. Idempotent; --dry-run lists them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tenant", metavar="SLUG", help="only this tenant (default: every tenant)")
        parser.add_argument("--dry-run", action="store_true", help="list the candidates due, erase nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        tenants = Tenant.objects.order_by("pk")
        if options["tenant"]:
            tenants = tenants.filter(slug=options["tenant"])
            if not tenants.exists():
                raise CommandError(f"no tenant with the slug {options['tenant']!r} (see the admin or provision_tenant)")
        dry_run = options["dry_run"]
        for tenant in tenants:
            with tenant_context(tenant, actor="command:apply_retention"):
                run = retention_apply(dry_run=dry_run)
            if dry_run:
                listed = "".join(f" {pk}" for pk in run.due)
                self.stdout.write(f"{tenant.slug}: {len(run.due)} due (dry run, nothing erased){listed}")
            else:
                self.stdout.write(f"{tenant.slug}: {len(run.due)} due, {len(run.erased)} candidates erased")
