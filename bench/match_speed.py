"""Duplicate matching latency: one incoming person against a tenant of 10,000,
100,000 and 1,000,000 candidates, as the runtime role (ats_app) with RLS on.

    .venv/bin/python bench/match_speed.py [--sizes 10000 100000 1000000] [--probes 400] [--rekey]

The 1M tenant is ``bench`` in bench_ats (bench/generate_domain_data.py). The
smaller ones, ``match10k`` and ``match100k``, are provisioned in the same
database and filled with the first N candidates of ``bench`` (same generator,
same name distribution). Each tenant's blocking keys (CandidateKey) are
backfilled here, timed, unless they are there already (--rekey recomputes them).

What is timed is apps.candidates.selectors.duplicates_of(person): the thresholds
row, the blocking UNION of index lookups, fetching the block and scoring it with
apps.candidates.matching. That is the match step of candidate_ingest, without
its writes. "database" is duplicate_block alone (the one round trip that
returns the thresholds and the block's rows), measured in a second pass. Probes, half and half:
- returning: an existing candidate with a new email address and a typo in the
  name (their phone, if any, kept): what a second application looks like;
- new: a name drawn from the tenant's own names with a fresh surname letter
  swapped, a new email and phone: no exact key matches, only name blocks.
The EXPLAIN (ANALYZE) of one blocking query at the largest size is printed, as
the runtime role, to show every branch on an index.
"""

import argparse
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg

from bench.common import (
    BENCH_DATABASE,
    BENCH_SCHEMA,
    BENCH_TENANT,
    bench_env,
    ensure_bench_tenant,
    owner_connection,
    percentile,
    run,
    with_database,
)

SMALL_TENANTS = {10_000: "match10k", 100_000: "match100k"}


def tenant_for(size: int) -> str:
    return SMALL_TENANTS.get(size, BENCH_TENANT)


def schema_for(slug: str) -> str:
    return BENCH_SCHEMA if slug == BENCH_TENANT else f"t_{slug}"


def tenant_id(connection: Any, slug: str) -> int:
    row = connection.execute("SELECT id FROM public.tenants_tenant WHERE slug = %s", [slug]).fetchone()
    if row is None:
        raise SystemExit(f"no tenant {slug!r}: run bench/generate_domain_data.py first")
    return int(row[0])


def enter(connection: Any, slug: str) -> None:
    connection.execute(
        "SELECT set_config('search_path', %s, false), set_config('app.tenant_id', %s, false)",
        [f"{schema_for(slug)}, public", str(tenant_id(connection, slug))],
    )
    connection.commit()


CANDIDATE_COLUMNS = (
    "id, full_name, name_normalized, emails, phones, linkedin_url, github_url, website_url, location, skills,"
    " skill_keys, summary, source, status, left_on, left_reason, rehire_eligible, search_vector, created_at,"
    " updated_at, archived_at"
)


def fill_small_tenant(env: dict[str, str], size: int) -> None:
    """Provision match10k/match100k and copy the first ``size`` candidates of bench into it."""
    slug = tenant_for(size)
    run(["manage.py", "provision_tenant", slug, "--name", slug, "--domain", f"{slug}.localhost",
         "--admin-email", "bench@example.com"], env)  # fmt: skip
    with owner_connection() as connection:
        enter(connection, slug)
        count = connection.execute("SELECT count(*) FROM candidates_candidate").fetchone()[0]  # type: ignore[index]
        if count >= size:
            return
        small_id, bench_id = tenant_id(connection, slug), tenant_id(connection, BENCH_TENANT)
    print(f"  copying {size:,} candidates of {BENCH_TENANT} into {slug}...", flush=True)
    # As the superuser: reading another tenant's schema is what RLS exists to
    # stop, and a bulk copy should not write an audit event per row
    # (session_replication_role). tenant_id comes from its default, app.tenant_id.
    with psycopg.connect(with_database(os.environ["DATABASE_ADMIN_URL"], BENCH_DATABASE)) as admin:
        admin.execute("SELECT set_config('app.tenant_id', %s, true)", [str(small_id)])
        admin.execute("SET LOCAL session_replication_role = replica")
        admin.execute(
            f"INSERT INTO t_{slug}.candidates_candidate ({CANDIDATE_COLUMNS}) SELECT {CANDIDATE_COLUMNS}"
            f" FROM {BENCH_SCHEMA}.candidates_candidate WHERE tenant_id = %s ORDER BY id LIMIT %s",
            [bench_id, size],
        )
        admin.execute(
            f"SELECT setval(pg_get_serial_sequence('t_{slug}.candidates_candidate', 'id'),"
            f" (SELECT max(id) FROM t_{slug}.candidates_candidate))"
        )
        admin.commit()
        # VACUUM also merges the GIN pending lists the insert filled: left unmerged,
        # every trigram lookup reads them whole (measured at 10,000: 49 ms, not 0.2 ms).
        admin.autocommit = True
        admin.execute(f"VACUUM ANALYZE t_{slug}.candidates_candidate")


def backfill_keys(slug: str, rekey: bool) -> None:
    """Compute every candidate's blocking keys in Python and load them with COPY."""
    from apps.candidates.matching import Person
    from apps.candidates.selectors import blocking_keys

    with owner_connection() as connection:
        enter(connection, slug)
        has_keys = connection.execute("SELECT EXISTS (SELECT 1 FROM candidates_candidatekey)").fetchone()[0]  # type: ignore[index]
        if has_keys and not rekey:
            print(f"  {slug}: keys present (--rekey to recompute)")
            return
        started = time.perf_counter()
        connection.execute("TRUNCATE candidates_candidatekey")
        buffer = io.StringIO()
        rows = 0
        with connection.cursor(name="candidates") as cursor:
            cursor.itersize = 20_000
            cursor.execute("SELECT id, full_name, emails, phones, linkedin_url, github_url FROM candidates_candidate")
            for pk, full_name, emails, phones, linkedin, github in cursor:
                person = Person(
                    full_name=full_name, emails=tuple(emails), phones=tuple(phones),
                    linkedin_url=linkedin, github_url=github, location="", employers=(), schools=(),
                )  # fmt: skip
                for key in dict.fromkeys(blocking_keys(person)):
                    buffer.write(f"{pk}\t{key[:300].replace(chr(92), chr(92) * 2)}\n")
                    rows += 1
        computed = time.perf_counter() - started
        # COPY cannot write into a table under RLS: stage, then INSERT ... SELECT.
        connection.execute("CREATE TEMP TABLE staged_keys (candidate_id bigint, key text) ON COMMIT DROP")
        with connection.cursor().copy("COPY staged_keys FROM STDIN") as copy:
            copy.write(buffer.getvalue())
        # Secondary indexes and the unique constraint are dropped for the load and
        # built again afterwards: one build is several times faster than row by row.
        table = "candidates_candidatekey"
        constraints = connection.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass"
            " AND contype = 'u'", [table],
        ).fetchall()  # fmt: skip
        indexes = connection.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = %s"
            " AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
            [table, table],
        ).fetchall()
        for name, _ in constraints:
            connection.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            connection.execute(f'DROP INDEX "{name}"')
        # Django's foreign keys are deferred: checked now, so the constraint can be added back.
        connection.execute("SET CONSTRAINTS ALL IMMEDIATE")
        connection.execute(f"INSERT INTO {table} (candidate_id, key) SELECT candidate_id, key FROM staged_keys")
        connection.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for name, definition in constraints:
            connection.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        for _, definition in indexes:
            connection.execute(definition)
        connection.commit()
        connection.execute("ANALYZE candidates_candidatekey")
        connection.commit()
        print(
            f"  {slug}: {rows:,} keys computed in {computed:.1f} s, loaded in"
            f" {time.perf_counter() - started - computed:.1f} s", flush=True,
        )  # fmt: skip


def typo(rng: random.Random, name: str) -> str:
    """Swap two neighbouring letters inside the longest word of the name."""
    words = name.split()
    index = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[index]
    if len(word) > 3:
        at = rng.randrange(1, len(word) - 2)
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    words[index] = word
    return " ".join(words)


def probes(slug: str, count: int, seed: int) -> list[tuple[str, Any]]:
    from apps.candidates.matching import Person

    rng = random.Random(seed)  # noqa: S311  # sampling, not secrets
    with owner_connection() as connection:
        enter(connection, slug)
        top = connection.execute("SELECT max(id) FROM candidates_candidate").fetchone()[0]  # type: ignore[index]
        picked: list[tuple[Any, ...]] = []
        while len(picked) < count:
            ids = [rng.randrange(1, top + 1) for _ in range(count)]
            picked += connection.execute(
                "SELECT full_name, emails, phones, location FROM candidates_candidate WHERE id = ANY(%s)", [ids]
            ).fetchall()
    result: list[tuple[str, Any]] = []
    for number, (name, _emails, phones, location) in enumerate(picked[:count]):
        if number % 2 == 0:
            person = Person(full_name=typo(rng, name), emails=(f"returning{number}@example.org",),
                            phones=tuple(phones), linkedin_url="", github_url="", location=location,
                            employers=(), schools=())  # fmt: skip
            result.append(("returning", person))
        else:
            first, *rest = name.split()
            person = Person(full_name=f"{first} {typo(rng, rest[-1] if rest else first)}x",
                            emails=(f"new{number}@example.org",), phones=(f"+1 555 01{number % 100:02d} {number:04d}",),
                            linkedin_url="", github_url="", location=location, employers=(), schools=())  # fmt: skip
            result.append(("new", person))
    return result


def explain(slug: str, person: Any) -> None:
    from django.db import connection, transaction

    from apps.candidates import selectors
    from apps.tenants.context import tenant_context
    from apps.tenants.models import Tenant

    tenant = Tenant.objects.get(slug=slug)
    with tenant_context(tenant, actor="bench"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_user, set_config('pg_trgm.similarity_threshold', %s, true),"
            " set_config('enable_seqscan', 'off', true)",
            [str(selectors.TRIGRAM_THRESHOLD)],
        )
        print(f"  EXPLAIN as {cursor.fetchone()[0]} (RLS on), {person.full_name!r}:")
        cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + selectors.BLOCKING_SQL, selectors.blocking_params(person))
        for (text,) in cursor.fetchall():
            print("    " + text)


def measure(slug: str, people: list[tuple[str, Any]]) -> dict[str, list[float]]:
    from apps.candidates.selectors import duplicate_block, duplicates_of
    from apps.tenants.context import tenant_context
    from apps.tenants.models import Tenant

    samples: dict[str, list[float]] = {"all": [], "returning": [], "new": [], "database": []}
    found = {"returning": 0, "new": 0}
    sizes = []
    with tenant_context(Tenant.objects.get(slug=slug), actor="bench"):
        for _, person in people[:20]:  # warm the caches and the connection
            duplicates_of(person)
        for kind, person in people:
            started = time.perf_counter()
            matches = duplicates_of(person)
            elapsed = (time.perf_counter() - started) * 1000
            samples["all"].append(elapsed)
            samples[kind].append(elapsed)
            found[kind] += bool(matches)
        # The database's part alone: the one round trip that returns the block.
        for _, person in people:
            started = time.perf_counter()
            _, block = duplicate_block(person)
            samples["database"].append((time.perf_counter() - started) * 1000)
            sizes.append(len(block))
    print(f"  {slug}: matched {found['returning']}/{len(samples['returning'])} returning probes,"
          f" {found['new']}/{len(samples['new'])} new probes had a possible/same match;"
          f" block of {statistics.mean(sizes):.1f} candidates on average, {max(sizes)} at most")  # fmt: skip
    return samples


def line(label: str, samples: list[float]) -> str:
    return (
        f"{label:<12} p50 {percentile(samples, 0.5):6.2f} ms   p95 {percentile(samples, 0.95):6.2f} ms"
        f"   p99 {percentile(samples, 0.99):6.2f} ms   (n={len(samples)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--probes", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rekey", action="store_true", help="recompute the blocking keys of every tenant")
    arguments = parser.parse_args()

    env = bench_env("bench.settings_tenant")
    print("migrating the bench tenant...", flush=True)
    ensure_bench_tenant(env)
    os.environ.update(env)
    import django

    django.setup()
    for size in arguments.sizes:
        if size in SMALL_TENANTS:
            fill_small_tenant(env, size)
        backfill_keys(tenant_for(size), arguments.rekey)

    results = {}
    for size in arguments.sizes:
        slug = tenant_for(size)
        people = probes(slug, arguments.probes, arguments.seed)
        results[size] = measure(slug, people)
        if size == max(arguments.sizes):
            explain(slug, people[1][1])
    print()
    for size, samples in results.items():
        print(f"{size:>9,} candidates")
        for kind in ("all", "returning", "new", "database"):
            print("  " + line(kind, samples[kind]))
    if 10_000 in results and 1_000_000 in results:
        small, large = results[10_000]["all"], results[1_000_000]["all"]
        print(
            f"1M / 10k: p50 x{percentile(large, 0.5) / percentile(small, 0.5):.2f},"
            f" p95 x{percentile(large, 0.95) / percentile(small, 0.95):.2f}"
        )


if __name__ == "__main__":
    main()
