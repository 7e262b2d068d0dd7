"""The staff console at scale: server time (p50, p99) and queries per page of the
admin pages HR staff use all day, on the 1,000,000-candidate tenant ``bench`` in
bench_ats (bench/generate_domain_data.py; 2M applications). Goal: p99 under 300 ms.

    .venv/bin/python bench/admin_pages.py [--rounds 50]

Server time is the time Django takes to answer the request, measured in a child
process through Django's test client (every middleware, the tenant and RLS
context, the admin view and its template; no network): the same path a gunicorn
worker runs, without the socket. Every statement is counted (and its wall time
summed: "in db") through a connection.execute_wrapper. The machine is shared:
"cpu" is the CPU time of the Django process per request (time.process_time),
which waiting for a core does not inflate; without contention the server time is
about cpu + in db. The child signs in through the admin login form as
an hr_admin user of the bench tenant (created with this run's password).

Generated candidates have no resume: the run stores one real resume (the
awesome-cv PDF of ../shared/data) on the newest candidate if it has none, so
that the resume page and a page preview can be measured. The bench database is
scratch; this is the only row it adds (plus the audit events of the previews).
"""

import argparse
import datetime
import json
import os
import secrets
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BENCH_HOST, bench_env, bench_user_ensure, ensure_bench_tenant, percentile, run

SETTINGS = "bench.settings_admin"
BENCH_USER = "console-bench@example.com"
RESUME = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "resumes" / "awesome-cv__resume.pdf"
GOAL_P99_MS = 300.0
# Name fragments of varying frequency in the generated names, and one typo that matches nothing.
SEARCHES = ["garc", "muller", "kowal", "zoe", "andersn"]


def prepare() -> None:
    """Runs in a child: the hr_admin user, one stored resume; prints the ids the pages need."""

    import django

    django.setup()

    from apps.applications.models import Application, Job
    from apps.candidates.models import Candidate, Resume
    from apps.ingestion.extraction import extract
    from apps.ingestion.parsing import parse
    from apps.ingestion.services import resume_store
    from apps.tenants.context import tenant_context

    tenant = bench_user_ensure(BENCH_USER)
    with tenant_context(tenant, actor="command:bench"):
        candidate = Candidate.objects.order_by("-created_at", "-id").first()
        assert candidate is not None
        resume = Resume.objects.filter(candidate=candidate).first()
        if resume is None:
            data = RESUME.read_bytes()
            document = extract(data, filename=RESUME.name)
            parsed = parse(document, today=datetime.date.today())
            resume = resume_store(
                candidate=candidate, data=data, filename=RESUME.name, content_type="application/pdf",
                document=document, parsed=parsed,
            )  # fmt: skip
        # The job with the most applications among a sample: the heaviest pipeline page.
        job = Job.objects.order_by("id").first()
        assert job is not None
        application = Application.objects.filter(job=job).order_by("-id").first()
        assert application is not None
        print(
            json.dumps({"candidate": candidate.pk, "resume": resume.pk, "job": job.pk, "application": application.pk})
        )


def measure(rounds: int, verbose: bool) -> None:
    """Runs in a child: each page ``rounds`` times through the test client. Prints JSON."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    ids = json.loads(os.environ["BENCH_IDS"])
    client = Client(headers={"host": BENCH_HOST})
    login = client.post(
        "/admin/login/?next=/admin/", {"username": BENCH_USER, "password": os.environ["BENCH_PASSWORD"]}
    )
    assert login.status_code == 302, login.status_code
    pages: list[tuple[str, list[str]]] = [
        ("home (today's numbers)", ["/admin/"]),
        ("candidate list", ["/admin/candidates/candidate/"]),
        ("candidate search", [f"/admin/candidates/candidate/?q={term}" for term in SEARCHES]),
        ("candidate page", [f"/admin/candidates/candidate/{ids['candidate']}/change/"]),
        ("resume page (preview, fields)", [f"/admin/candidates/resume/{ids['resume']}/change/"]),
        ("resume page 1 as PNG", [f"/admin/candidates/resume/{ids['resume']}/pages/1.png"]),
        ("application list", ["/admin/applications/application/"]),
        ("queue: rehire flags", ["/admin/applications/application/?rehire_review=open"]),
        ("queue: duplicate review", ["/admin/candidates/duplicatereview/"]),
        ("queue: low-confidence parses", ["/admin/candidates/resume/?confidence=low"]),
        ("queue: failed ingestions", ["/admin/ingestion/inboundmessage/?status__exact=failed"]),
        ("queue: merges (undo)", ["/admin/candidates/merge/"]),
        ("job pipeline", [f"/admin/applications/job/{ids['job']}/pipeline/"]),
    ]
    counted: list[tuple[float, str]] = []  # ms, sql

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]  # Django's wrapper protocol
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            counted.append(((time.perf_counter() - start) * 1000, sql))

    results: dict[str, Any] = {}
    for name, urls in pages:
        for url in urls:  # warm: imports, templates, the tenant cache, the plans
            client.get(url)
        samples: list[float] = []
        in_database: list[float] = []
        on_cpu: list[float] = []
        queries: list[int] = []
        statuses: set[int] = set()
        for number in range(rounds):
            url = urls[number % len(urls)]
            counted.clear()
            start, cpu_start = time.perf_counter(), time.process_time()
            with connection.execute_wrapper(count):
                response = client.get(url)
                if hasattr(response, "streaming_content"):
                    b"".join(response.streaming_content)
            samples.append((time.perf_counter() - start) * 1000)
            on_cpu.append((time.process_time() - cpu_start) * 1000)
            queries.append(len(counted))
            in_database.append(sum(ms for ms, _ in counted))
            statuses.add(response.status_code)
        results[name] = {
            "p50": statistics.median(samples),
            "p99": percentile(samples, 0.99),
            "database_p50": statistics.median(in_database),
            "cpu_p50": statistics.median(on_cpu),
            "cpu_p99": percentile(on_cpu, 0.99),
            "slowest": max(counted)[1][:160] if verbose else "",
            "queries": sorted(set(queries)),
            "statuses": sorted(statuses),
        }
    print(json.dumps(results))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=50, help="requests per page (default 50)")
    parser.add_argument("--verbose", action="store_true", help="print each page's slowest statement")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        prepare()
        return
    if args.measure:
        measure(args.rounds, args.verbose)
        return

    password = secrets.token_urlsafe(16)
    env = bench_env(SETTINGS, BENCH_PASSWORD=password)
    ensure_bench_tenant(env)  # migrates the bench schema to the newest migrations
    ids = run([__file__, "--prepare"], env).strip().splitlines()[-1]
    child = [__file__, "--measure", "--rounds", str(args.rounds), *(["--verbose"] if args.verbose else [])]
    output = run(child, {**env, "BENCH_IDS": ids})
    results = json.loads(output.strip().splitlines()[-1])
    print(f"{args.rounds} requests per page, server time in ms (Django test client, in-process), goal p99 < 300 ms")
    print(f"{'page':<32} {'p50':>8} {'p99':>8} {'in db p50':>10} {'cpu p50':>8} {'cpu p99':>8} {'queries':>8}  status")
    for name, result in results.items():
        queries = "-".join(str(q) for q in (result["queries"][0], result["queries"][-1])) if len(
            result["queries"]
        ) > 1 else str(result["queries"][0])  # fmt: skip
        mark = "" if result["p99"] < GOAL_P99_MS else "  over the goal"
        statuses = ",".join(str(status) for status in result["statuses"])
        database = result["database_p50"]
        timing = f"{result['p50']:>8.1f} {result['p99']:>8.1f} {database:>10.1f}"
        cpu = f"{result['cpu_p50']:>8.1f} {result['cpu_p99']:>8.1f}"
        print(f"{name:<32} {timing} {cpu} {queries:>8}  {statuses}{mark}")
        if result["slowest"]:
            print(f"    slowest: {result['slowest']}")


if __name__ == "__main__":
    main()
