"""manage.py find_duplicates: the duplicate backfill of a tenant's existing candidates.

    find_duplicates --tenant SLUG [--batch 500]

For candidates that came in by import or before duplicate detection: first
rewrites every candidate's blocking keys (candidate_keys_refresh), then looks
for each live candidate's duplicates (duplicates_find). Same and possible
matches both become review items (never merged automatically: imported records
deserve a person's look), and a match to a former employee is recorded so the
candidate's applications are flagged rehire_review. Idempotent: a pair is
recorded once whatever its order, decided pairs stay decided, and a second run
creates nothing new. Each batch is its own transaction, so an interrupted run
keeps its work and is finished by running it again.
"""

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from tqdm import tqdm

from apps.candidates.models import Candidate
from apps.candidates.services import candidate_keys_refresh, duplicates_find
from apps.tenants.context import tenant_context
from apps.tenants.models import Tenant


class Command(BaseCommand):
    help = "Find duplicates among a tenant's existing candidates: review items and former-employee links. Idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tenant", required=True, metavar="SLUG", help="the tenant whose candidates are scanned")
        parser.add_argument("--batch", type=int, default=500, help="candidates per transaction (default 500)")

    def handle(self, *args: Any, **options: Any) -> None:
        tenant = Tenant.objects.filter(slug=options["tenant"]).first()
        if tenant is None:
            raise CommandError(f"no tenant with the slug {options['tenant']!r} (see the admin or provision_tenant)")
        batch = max(1, options["batch"])
        quiet = options["verbosity"] == 0
        with tenant_context(tenant, actor="command:find_duplicates"):
            ids = list(Candidate.objects.order_by("id").values_list("id", flat=True))
            self._each_batch(ids, batch, "keys", quiet, self._refresh_keys)
            live = list(Candidate.objects.filter(archived_at__isnull=True).order_by("id").values_list("id", flat=True))
            totals = {"reviews": 0, "linked": 0}
            self._each_batch(live, batch, "duplicates", quiet, lambda chunk: self._find(chunk, totals))
        self.stdout.write(
            f"{len(live)} candidates scanned: {totals['reviews']} new review items,"
            f" {totals['linked']} newly linked to a former employee."
        )

    def _each_batch(self, ids: list[int], size: int, label: str, quiet: bool, work: Any) -> None:
        bar = tqdm(total=len(ids), unit="cand", desc=label, file=sys.stderr, disable=True if quiet else None)
        with bar:
            for start in range(0, len(ids), size):
                chunk = ids[start : start + size]
                with transaction.atomic():
                    work(chunk)
                bar.update(len(chunk))

    @staticmethod
    def _refresh_keys(chunk: list[int]) -> None:
        candidate_keys_refresh(candidates=list(Candidate.objects.filter(pk__in=chunk)))

    @staticmethod
    def _find(chunk: list[int], totals: dict[str, int]) -> None:
        for candidate in Candidate.objects.filter(pk__in=chunk).order_by("id"):
            linked = candidate.former_employee_id is not None
            totals["reviews"] += duplicates_find(candidate=candidate)
            totals["linked"] += int(not linked and candidate.former_employee_id is not None)
