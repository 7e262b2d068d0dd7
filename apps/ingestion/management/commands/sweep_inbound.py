"""manage.py sweep_inbound [--tenant SLUG] [--older-than SECONDS]

Enqueues again the inbound messages stranded in "received" (the broker lost the
task or was down when they arrived) or in "processing" past their lease (the
worker died). Celery beat runs the same sweep every INGESTION_SWEEP_EVERY_SECONDS.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.ingestion.services import messages_sweep, webhook_tokens_prune
from apps.tenants.models import Tenant


class Command(BaseCommand):
    help = "Enqueue again inbound messages stranded in received or processing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tenant", default=None, help="only this tenant (slug)")
        parser.add_argument(
            "--older-than", type=int, default=None, help="seconds a message waits before it counts as stranded"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        tenants = Tenant.objects.order_by("pk")
        if options["tenant"]:
            tenants = tenants.filter(slug=options["tenant"])
            if not tenants.exists():
                raise CommandError(f"No tenant {options['tenant']}.")
        webhook_tokens_prune()
        total = 0
        for tenant in tenants:
            count = messages_sweep(tenant=tenant, older_than_seconds=options["older_than"])
            total += count
            if count:
                self.stdout.write(f"{tenant.slug}: {count} message(s) enqueued again")
        self.stdout.write(f"swept: {total} message(s) enqueued again")
