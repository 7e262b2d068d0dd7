"""What one rate-limit check costs a request: rate_hit (ats.throttling) against
the configured Redis cache, for the first hit of a window (add) and for the
following ones (add refused, then incr), and the webhook's whole check
(inbound_rate_hit: the recipient's tenant from the in-process cache, or a
query for an address no tenant has, then two buckets). On the development
database (ats.settings.local) by default; the counters expire within a minute.

    .venv/bin/python bench/throttle_cost.py [--calls 2000]
"""

import argparse
import os
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ats.settings.local")
    import django

    django.setup()
    from anymail.inbound import AnymailInboundMessage
    from django.conf import settings

    from apps.ingestion.webhooks import inbound_rate_hit
    from apps.tenants.models import Tenant
    from ats.throttling import Rate, rate_hit

    rate = Rate(limit=10**9, seconds=60)
    run = uuid.uuid4().hex[:8]
    first, counted = [], []
    for number in range(args.calls):
        start = time.perf_counter()
        rate_hit(scope="bench-cost", tenant=run, ident=str(number), rate=rate)
        first.append((time.perf_counter() - start) * 1000)
    for _ in range(args.calls):
        start = time.perf_counter()
        rate_hit(scope="bench-cost", tenant=run, ident="same", rate=rate)
        counted.append((time.perf_counter() - start) * 1000)
    print(f"rate_hit, first hit of a window (add):   {summary(first)}")
    print(f"rate_hit, later hits (add refused, incr): {summary(counted)}")

    tenant = Tenant.objects.order_by("id").first()
    if tenant is None:
        raise SystemExit("no tenant in the database: run scripts/start-dev.sh first")
    for case, slug in ((f"tenant {tenant.slug}, from the tenant cache", tenant.slug), ("unknown address", run)):
        message = AnymailInboundMessage()
        message.envelope_recipient = f"{slug}@{settings.INBOUND_DOMAIN}"
        message.envelope_sender = f"sender-{run}@example.com"
        webhook = []
        for _ in range(args.calls):
            start = time.perf_counter()
            inbound_rate_hit(message)
            webhook.append((time.perf_counter() - start) * 1000)
        print(f"inbound_rate_hit, {case} (2 buckets): {summary(webhook)}")


if __name__ == "__main__":
    main()
