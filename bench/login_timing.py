"""Timing parity of failed sign-ins: does a failure take as long for an unknown
username as for a wrong password or an inactive account? A difference would tell
an attacker which accounts exist. Server time through Django's full request
handling (test client, no network) on the bench tenant, with the production
password hasher (Django's PBKDF2 default), the cases interleaved so that load
from other programs falls on all of them alike. Rate limits are raised out of
the way for the run.

    .venv/bin/python bench/login_timing.py [--rounds 12]
"""

import argparse
import json
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BENCH_HOST, bench_env, bench_user_ensure, ensure_bench_tenant, run

ACTIVE = "timing-active@example.com"
INACTIVE = "timing-inactive@example.com"
WRONG = "not the password"
ENDPOINTS = {"token": "/api/auth/token/", "admin": "/admin/login/?next=/admin/"}


def measure(rounds: int) -> None:
    """Runs in a child process on the bench database; prints JSON."""
    import django

    django.setup()
    from django.test import Client

    from apps.tenants.context import tenant_context

    password = os.environ["BENCH_PASSWORD"]
    from django.contrib.auth.models import User

    bench_user_ensure(ACTIVE)
    with tenant_context(bench_user_ensure(INACTIVE), actor="command:bench"):
        User.objects.filter(username=INACTIVE).update(is_active=False)
    cases = {
        "unknown user": (f"nobody-{secrets.token_hex(4)}@example.com", password),
        "wrong password": (ACTIVE, WRONG),
        "inactive user": (INACTIVE, password),
    }
    client = Client(headers={"host": BENCH_HOST})
    samples: dict[str, list[float]] = {f"{door} {case}": [] for door in ENDPOINTS for case in cases}
    for round_number in range(rounds + 1):  # the first round warms up
        for door, url in ENDPOINTS.items():
            for case, (username, given) in cases.items():
                start = time.perf_counter()
                response = client.post(url, {"username": username, "password": given})
                elapsed = (time.perf_counter() - start) * 1000
                assert response.status_code == (401 if door == "token" else 200), (door, case, response.status_code)
                if round_number:
                    samples[f"{door} {case}"].append(elapsed)
    print(json.dumps(samples))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.rounds)
        return
    env = bench_env(
        "ats.settings.local",
        BENCH_PASSWORD=secrets.token_urlsafe(16),
        THROTTLE_AUTH_TOKEN="1000000/minute",  # noqa: S106  # a rate, not a password
        THROTTLE_AUTH_USERNAME="1000000/minute",
        LOG_LEVEL="ERROR",
    )
    ensure_bench_tenant(env)
    samples = json.loads(run([__file__, "--measure", "--rounds", str(args.rounds)], env))
    print(f"{args.rounds} rounds, cases interleaved; server time per failed sign-in (PBKDF2)")
    for door in ENDPOINTS:
        medians = {name: statistics.median(values) for name, values in samples.items() if name.startswith(door)}
        for name, median in medians.items():
            spread = f"{min(samples[name]):.0f}-{max(samples[name]):.0f}"
            print(f"  {name:22} median {median:7.1f} ms  (min-max {spread} ms)")
        # On a busy machine the minimum is the steadiest estimate of the work itself.
        minimums = [min(values) for name, values in samples.items() if name.startswith(door)]
        print(
            f"  {door}: largest difference of medians {max(medians.values()) - min(medians.values()):.1f} ms,"
            f" of minimums {max(minimums) - min(minimums):.1f} ms"
        )


if __name__ == "__main__":
    main()
