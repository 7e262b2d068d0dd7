"""The cost of tenancy: a minimal JWT-authenticated API request on a tenant host
(tenant from the in-process cache, search_path + RLS setting in one statement,
RLS policies on every table) against the same DRF view and JWT stack with no
tenancy at all, measured in the same run. Server time through Django's full
request handling (test client, no network), per request.

    .venv/bin/python bench/tenancy_overhead.py [--requests 3000] [--rounds 3]
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_env, drop_database, run, summary, with_database

HOST = "bench.localhost"
PLAIN_DATABASE = "bench_plain"


def prepare() -> dict[str, dict[str, str]]:
    import environ
    import psycopg
    from psycopg import sql

    tenant_env = bench_env("bench.settings_tenant")
    run(["manage.py", "setup_database"], tenant_env)
    run(["manage.py", "migrate_schemas", "--shared", "--verbosity", "0"], tenant_env)
    run(
        [
            "manage.py",
            "provision_tenant",
            "bench",
            "--name",
            "Bench",
            "--domain",
            HOST,
            "--admin-email",
            "bench@example.com",
        ],
        tenant_env,
    )

    owner = environ.Env.db_url_config(os.environ["DATABASE_OWNER_URL"])
    drop_database(PLAIN_DATABASE)
    with psycopg.connect(os.environ["DATABASE_ADMIN_URL"], autocommit=True) as admin:
        admin.execute(
            sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(PLAIN_DATABASE), sql.Identifier(owner["USER"]))
        )
    plain_env = bench_env(
        "bench.settings_plain",
        BENCH_PLAIN_DATABASE_URL=with_database(os.environ["DATABASE_OWNER_URL"], PLAIN_DATABASE),
    )
    run(["manage.py", "migrate", "--verbosity", "0"], plain_env)
    return {"plain": plain_env, "tenant": tenant_env}


def measure(variant: str, requests: int) -> None:
    """Runs in a child process configured for one variant; prints JSON."""
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from rest_framework_simplejwt.tokens import AccessToken

    def user_and_token() -> str:
        user, _ = User.objects.get_or_create(username="bench@example.com")
        token = AccessToken.for_user(user)
        if variant == "tenant":
            from apps.tenants.selectors import tenant_for_host

            token["tenant"] = tenant_for_host(HOST).pk  # type: ignore[union-attr]
        return str(token)

    if variant == "tenant":
        from apps.tenants.context import tenant_context
        from apps.tenants.selectors import tenant_for_host

        with tenant_context(tenant_for_host(HOST), actor="bench"):  # type: ignore[arg-type]
            access = user_and_token()
    else:
        access = user_and_token()
    client = Client(headers={"host": HOST, "authorization": f"Bearer {access}"})
    for _ in range(300):
        assert client.get("/bench/ping/").status_code == 200
    statements: list[str] = []

    def record(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        client.get("/bench/ping/")
    samples = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get("/bench/ping/")
        samples.append((time.perf_counter() - start) * 1000)
    print(json.dumps({"samples": samples, "queries": statements}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--measure", choices=["plain", "tenant"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.requests)
        return
    envs = prepare()
    medians: dict[str, list[float]] = {"plain": [], "tenant": []}
    samples: dict[str, list[float]] = {"plain": [], "tenant": []}
    queries: dict[str, list[str]] = {}
    for _ in range(args.rounds):
        for variant in ("plain", "tenant"):
            out = json.loads(run([__file__, "--measure", variant, "--requests", str(args.requests)], envs[variant]))
            medians[variant].append(statistics.median(out["samples"]))
            samples[variant].extend(out["samples"])
            queries[variant] = out["queries"]
    print(f"{args.rounds} rounds x {args.requests} requests per variant, alternating")
    for variant in ("plain", "tenant"):
        print(f"  {variant:6} {summary(samples[variant])}; {len(queries[variant])} statements per request")
        for statement in queries[variant]:
            print(f"           {statement[:110]}")
    plain, tenant = statistics.median(medians["plain"]), statistics.median(medians["tenant"])
    print(f"overhead of tenancy + RLS: {tenant - plain:.3f} ms per request (ratio {tenant / plain:.2f}x)")


if __name__ == "__main__":
    main()
