"""Provisioning time per tenant, and migrate_schemas time over many tenants when
there is nothing to apply: ours (one query finds the stale schemas) against
django-tenants' stock executor (migrate in every schema), same run, same schemas.

    .venv/bin/python bench/provisioning.py [--tenants 200]
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BENCH_DATABASE, bench_env, drop_database, run, summary


def provision(count: int) -> None:
    """Runs in a child process: provision bench-0..bench-N-1 and print per-tenant times."""
    import django

    django.setup()
    from apps.tenants.services import tenant_provision

    for number in range(count):
        start = time.perf_counter()
        result = tenant_provision(
            slug=f"bench-{number}",
            name=f"Bench {number}",
            domain=f"bench-{number}.localhost",
            admin_email="admin@example.com",
        )
        elapsed = (time.perf_counter() - start) * 1000
        print(f"{elapsed:.1f} {'new' if result.changes else 'existing'}", flush=True)


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    run(args, env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tenants", type=int, default=200)
    parser.add_argument("--provision", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.provision is not None:
        provision(args.provision)
        return
    env = bench_env("bench.settings_tenant")
    drop_database(BENCH_DATABASE)  # provisioning is timed on an empty database
    run(["manage.py", "setup_database"], env)
    run(["manage.py", "migrate_schemas", "--shared", "--verbosity", "0"], env)
    lines = run([__file__, "--provision", str(args.tenants)], env).split()
    fresh = [float(ms) for ms, state in zip(lines[::2], lines[1::2], strict=True) if state == "new"]
    print(f"provisioning {len(fresh)} tenants, each: {summary(fresh)}")

    schemas = len(fresh)  # the bench database was empty
    stock_env = bench_env("bench.settings_stock_migrate")
    ours, stock = [], []
    for _ in range(3):
        ours.append(timed(["manage.py", "migrate_schemas", "--tenant", "--verbosity", "0"], env))
        stock.append(timed(["manage.py", "migrate_schemas", "--tenant", "--verbosity", "0"], stock_env))
    ours_s, stock_s = statistics.median(ours), statistics.median(stock)
    print(
        f"migrate_schemas --tenant with nothing to apply, {schemas} tenant schemas (median of 3 runs, whole command):"
    )
    print(f"  stock django-tenants executor: {stock_s:.2f} s ({stock_s / schemas * 1000:.1f} ms per schema)")
    print(f"  skip-up-to-date executor:      {ours_s:.2f} s ({ours_s / schemas * 1000:.2f} ms per schema)")
    print(f"  ratio: {stock_s / ours_s:.1f}x faster")


if __name__ == "__main__":
    main()
