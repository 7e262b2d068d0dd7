"""The REST API at scale: candidates list, search, skill filter, detail and the
application move, against the data of bench/generate_domain_data.py (1M
candidates, 2M applications), through gunicorn on loopback. Two worker setups in
the same run: sync (2 workers, the baseline) and gthread (2 workers x 4 threads).

    .venv/bin/python bench/domain_api.py [--requests 2000] [--seconds 30] [--clients 16] [--port 8765]
        [--setups sync,gthread] [--cases list,detail] [--against TREE]

--against TREE also serves the API from another checkout (a git worktree of an
older commit, say), in a second gunicorn of the same setup, and measures each
case on both, one after the other: old and new code meet the same machine load.
Besides requests/s and latency, each row gives the CPU time per request of
gunicorn (master and workers) and of PostgreSQL's backends, which depend far
less than throughput on what else runs on the machine.

Each case runs with 1 client and with --clients concurrent clients, each a
thread with its own keep-alive http.client connection (gunicorn's sync worker
closes the connection after every response, so there each request also pays
for a TCP connect: that is how sync workers serve). A case stops after
--requests requests or --seconds seconds, whichever comes first. The load
generator shares the machine's 2 cores with gunicorn and PostgreSQL; the CPU
each of the three used is measured from /proc and printed with every case, with
what other programs took meanwhile. The machine may be shared: each measurement
waits for other programs to go quiet first, is taken again (up to 3 times) if
they took more than 0.25 cores during it, and the table marks what stayed disturbed.

Queries per request come from a child process that serves one request of each
kind in-process (Django's test client, no network) under a
connection.execute_wrapper, which also times the statements: time in the
database against the rest (middleware, DRF, serialization).

The move case changes data: each run moves up to --requests x 4 (+ warm-ups and retries)
applications from applied to screening, each once, with their stage history and
audit events. The bench database is scratch; regenerate it with --fresh.
"""

import argparse
import http.client
import itertools
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    BENCH_DATABASE,
    BENCH_HOST,
    BENCH_SCHEMA,
    ROOT,
    bench_env,
    bench_user_ensure,
    children,
    enter_bench_tenant,
    owner_connection,
    percentile,
    process_cpu,
    run,
    with_database,
)

BENCH_USER = "api-bench@example.com"
SETTINGS = "bench.settings_api"
WORKER_SETUPS = {
    "sync": ["--worker-class", "sync", "--workers", "2"],
    "gthread": ["--worker-class", "gthread", "--workers", "2", "--threads", "4"],
}
# Name fragments of varying frequency (from a few hundred to tens of thousands of
# matches in 1M candidates), and one typo that matches nothing.
NAME_FRAGMENTS = ["ander", "garc", "muller", "kowal", "zoe", "nakam", "sen", "andersn"]
WARM_UP = 20  # requests per case before measuring, not counted
# The machine is shared: a measurement during which other programs used more than
# QUIET cores is taken again, up to ATTEMPTS times, and the quietest one is kept.
QUIET = 0.25
ATTEMPTS = 3


@dataclass
class Goal:
    p99_ms: float | None = None
    requests_per_second: float | None = None


@dataclass
class Case:
    name: str
    method: str
    paths: Callable[[int], list[str]]  # that many request paths: reads cycle, moves draw unused ids
    body: str | None = None
    goal: Goal = field(default_factory=Goal)


def cycle(paths: list[str]) -> Callable[[int], list[str]]:
    return lambda count: [paths[index % len(paths)] for index in range(count)]


GOALS = {
    "list": Goal(p99_ms=50, requests_per_second=300),
    "detail": Goal(p99_ms=50, requests_per_second=500),
    "search": Goal(p99_ms=150),
}


# --- Children: the bench user, and the in-process query count ------------------------


def ensure_user() -> None:
    """Runs in a child: the hr_admin user the benchmark logs in as."""
    import django

    django.setup()
    bench_user_ensure(BENCH_USER)


def in_process(rounds: int) -> None:
    """Runs in a child: each case's requests through Django's test client, with
    every statement counted and timed. Prints JSON."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    cases = json.loads(os.environ["BENCH_CASES"])
    client = Client(headers={"host": BENCH_HOST, "authorization": f"Bearer {os.environ['BENCH_TOKEN']}"})
    statements: list[tuple[float, str, Any]] = []  # ms, sql, params

    def timed(execute, sql, params, many, context):  # type: ignore[no-untyped-def]  # Django's wrapper protocol
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            statements.append(((time.perf_counter() - start) * 1000, sql, params))

    def request(method: str, path: str, body: str | None) -> tuple[int, int]:
        if method == "POST":
            response = client.post(path, data=body, content_type="application/json")
        else:
            response = client.get(path)
        return response.status_code, len(response.content)

    results = {}
    for name, method, paths, body in cases:
        request(method, paths[0], body)  # warm: imports, the tenant cache, the connection
        samples, in_database, sizes, statuses = [], [], [], set()
        for path in paths[1 : rounds + 1]:
            statements.clear()
            start = time.perf_counter()
            with connection.execute_wrapper(timed):
                status, size = request(method, path, body)
            samples.append((time.perf_counter() - start) * 1000)
            in_database.append(sum(ms for ms, _, _ in statements))
            sizes.append(size)
            statuses.add(status)
        slowest_ms, slowest_sql, slowest_params = max(statements, key=lambda statement: statement[0])
        results[name] = {
            "total_ms": statistics.median(samples),
            "database_ms": statistics.median(in_database),
            "bytes": statistics.median(sizes),
            "statuses": sorted(statuses),
            "statements": [sql for _, sql, _ in statements],  # of the last request
            "slowest_ms": slowest_ms,
            # With its parameters, so that the parent can explain it again.
            "slowest_sql": connection.ops.compose_sql(slowest_sql, slowest_params),  # type: ignore[attr-defined]  # PostgreSQL's ops
        }
    print(json.dumps(results))


# --- The server and the load ------------------------------------------------------


@contextmanager
def gunicorn(setup: str, port: int, env: dict[str, str], tree: Path = ROOT) -> Iterator[subprocess.Popen[bytes]]:
    """A gunicorn serving the real API from the checkout ``tree``; stopped (and its
    log shown on failure) afterwards."""
    log = tempfile.NamedTemporaryFile(prefix=f"bench-gunicorn-{setup}-", suffix=".log", delete=False)  # noqa: SIM115
    command = [str(ROOT / ".venv/bin/gunicorn"), "ats.wsgi", "--bind", f"127.0.0.1:{port}", *WORKER_SETUPS[setup]]
    env = {**env, "PYTHONPATH": str(tree)}
    server = subprocess.Popen(command, cwd=tree, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start")
            try:
                status, _ = http_request(port, "GET", "/api/candidates/", None, token=None)
            except OSError:
                time.sleep(0.2)
                continue
            if status == 401:  # routed to the tenant, refused without a token: ready
                break
        yield server
    except BaseException:
        print(f"gunicorn's log:\n{Path(log.name).read_text()[-3000:]}", file=sys.stderr)
        raise
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        os.unlink(log.name)


def http_request(port: int, method: str, path: str, body: str | None, *, token: str | None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers(token))
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def headers(token: str | None) -> dict[str, str]:
    result = {"Host": BENCH_HOST, "Content-Type": "application/json"}
    if token:
        result["Authorization"] = f"Bearer {token}"
    return result


def obtain_token(port: int, password: str) -> str:
    body = json.dumps({"username": BENCH_USER, "password": password})
    status, payload = http_request(port, "POST", "/api/auth/token/", body, token=None)
    if status != 200:
        raise SystemExit(f"POST /api/auth/token/ answered {status}: {payload[:300]!r}")
    return str(json.loads(payload)["access"])


class CpuMeter:
    """CPU used by gunicorn (master and workers), by the PostgreSQL backends of
    bench_ats, by this process (the load generator) and by the whole machine,
    from /proc. Linux only; good enough to see who is busy."""

    def __init__(self, server_pid: int) -> None:
        self.server_pid = server_pid

    def _database_pids(self) -> list[int]:
        with owner_connection() as connection:
            rows = connection.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [BENCH_DATABASE]
            ).fetchall()
        return [int(row[0]) for row in rows]

    def snapshot(self) -> dict[str, dict[int, float]]:
        return {
            "app": process_cpu([self.server_pid, *children(self.server_pid)]),
            "database": process_cpu(self._database_pids()),
            "client": {0: time.process_time()},
            "machine": {0: machine_seconds()},
        }

    @staticmethod
    def cores(
        before: dict[str, dict[int, float]], after: dict[str, dict[int, float]], seconds: float
    ) -> dict[str, float]:
        """Cores used in between; a process that started in between counts from its start."""
        return {
            group: sum(used - before[group].get(pid, 0.0) for pid, used in after[group].items()) / seconds
            for group in after
        }


def machine_seconds() -> float:
    """CPU seconds the whole machine has been busy (all but idle and iowait)."""
    ticks = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def machine_busy(seconds: float) -> float:
    """Cores busy on the whole machine over the next ``seconds``."""
    before = machine_seconds()
    time.sleep(seconds)
    return (machine_seconds() - before) / seconds


def wait_for_quiet(longest: float = 120) -> None:
    """Wait (at most ``longest`` seconds) until other programs leave the machine
    alone for two seconds; the server is idle meanwhile."""
    deadline = time.monotonic() + longest
    while machine_busy(2.0) > QUIET and time.monotonic() < deadline:
        pass


@dataclass
class Load:
    latencies_ms: list[float]
    seconds: float
    errors: list[str]
    cpu_cores: dict[str, float]
    mean_bytes: float
    attempts: int = 1

    @property
    def other_cores(self) -> float:
        """Whatever else ran on the machine meanwhile: other programs, PostgreSQL's own processes."""
        cores = self.cpu_cores
        return max(cores["machine"] - cores["app"] - cores["database"] - cores["client"], 0.0)

    @property
    def requests_per_second(self) -> float:
        return len(self.latencies_ms) / self.seconds


def run_load(port: int, token: str, case: Case, paths: list[str], clients: int, seconds: float, cpu: CpuMeter) -> Load:
    """Send these requests from ``clients`` threads, each with its own connection,
    until they are all sent or ``seconds`` have passed."""
    next_index = itertools.count()  # next() on a count is atomic under the GIL
    per_client: list[list[tuple[float, int, int]]] = []
    errors: list[str] = []
    request_headers = headers(token)

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        samples: list[tuple[float, int, int]] = []
        while True:
            index = next(next_index)
            if index >= len(paths) or time.perf_counter() > deadline:
                break
            start = time.perf_counter()
            connection.request(case.method, paths[index], body=case.body, headers=request_headers)
            response = connection.getresponse()
            payload = response.read()
            samples.append(((time.perf_counter() - start) * 1000, response.status, len(payload)))
            if response.status >= 400 and len(errors) < 3:
                errors.append(f"{response.status} {paths[index]}: {payload[:200]!r}")
        connection.close()
        per_client.append(samples)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    before = cpu.snapshot()
    started = time.perf_counter()
    deadline = started + seconds
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    after = cpu.snapshot()
    samples = [sample for client_samples in per_client for sample in client_samples]
    cores = CpuMeter.cores(before, after, elapsed)
    failed = sum(1 for _, status, _ in samples if status >= 400)
    if failed:
        errors.insert(0, f"{failed} of {len(samples)} requests failed")
    return Load(
        latencies_ms=[latency for latency, _, _ in samples],
        seconds=elapsed,
        errors=errors,
        cpu_cores=cores,
        mean_bytes=statistics.fmean(size for _, _, size in samples),
    )


# --- The cases -------------------------------------------------------------------


def collect_ids(detail: int, moves: int) -> tuple[list[int], list[int], str]:
    """Random candidates for the detail case, distinct applications in stage
    applied for the move case, and one candidate's email address, read as the
    owner role inside the bench tenant."""
    with owner_connection() as connection:
        enter_bench_tenant(connection)
        candidates = connection.execute(
            "SELECT id, emails[1] FROM candidates_candidate ORDER BY random() LIMIT %s", [detail]
        ).fetchall()
        applications = connection.execute(
            "SELECT id FROM applications_application WHERE stage = 'applied' ORDER BY random() LIMIT %s", [moves]
        ).fetchall()
    if len(applications) < moves:
        raise SystemExit(f"only {len(applications)} applications in stage applied, {moves} needed: regenerate")
    return [int(row[0]) for row in candidates], [int(row[0]) for row in applications], str(candidates[0][1])


def build_cases(detail_ids: list[int], move_ids: Iterator[int]) -> list[Case]:
    """list, search, skills filter, full-text, detail, move (applied to screening, each application once)."""
    move = json.dumps({"stage": "screening", "reason": "bench"})
    return [
        Case("list", "GET", cycle(["/api/candidates/"]), goal=GOALS["list"]),
        Case(
            "search", "GET", cycle([f"/api/candidates/?search={term}" for term in NAME_FRAGMENTS]), goal=GOALS["search"]
        ),
        Case("skills filter", "GET", cycle(["/api/candidates/?skills=Kubernetes"]), goal=GOALS["list"]),
        Case("full-text", "GET", cycle(["/api/candidates/?search=kubernetes"]), goal=GOALS["search"]),
        Case("detail", "GET", cycle([f"/api/candidates/{pk}/" for pk in detail_ids]), goal=GOALS["detail"]),
        Case("move", "POST", lambda count: [f"/api/applications/{next(move_ids)}/move/" for _ in range(count)], move),
    ]


def format_goal(goal: Goal) -> str:
    parts = []
    if goal.p99_ms is not None:
        parts.append(f"p99 < {goal.p99_ms:g} ms")
    if goal.requests_per_second is not None:
        parts.append(f">= {goal.requests_per_second:g} req/s")
    return ", ".join(parts) or "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=2000, help="per case and client count (default 2000)")
    parser.add_argument("--seconds", type=float, default=30, help="per case and client count (default 30)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (default 16)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--in-process-rounds", type=int, default=20)
    parser.add_argument("--setups", default=",".join(WORKER_SETUPS), help="worker setups, comma-separated")
    parser.add_argument("--cases", default="", help="cases, comma-separated (default: all)")
    parser.add_argument("--against", type=Path, help="a checkout whose API to measure alternately with this one")
    parser.add_argument("--attempts", type=int, default=ATTEMPTS, help="tries of a disturbed measurement (default 3)")
    parser.add_argument("--quiet-wait", type=float, default=120, help="longest wait for a quiet machine, seconds")
    parser.add_argument("--ensure-user", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.ensure_user:
        ensure_user()
        return
    if args.in_process:
        in_process(args.in_process_rounds)
        return

    password = secrets.token_urlsafe(16)
    env = bench_env(SETTINGS, BENCH_PASSWORD=password)
    run([__file__, "--ensure-user"], env)
    with owner_connection() as connection:
        enter_bench_tenant(connection)
        counts = connection.execute(
            "SELECT (SELECT count(*) FROM candidates_candidate), (SELECT count(*) FROM applications_application)"
        ).fetchone()
    assert counts is not None
    print(f"bench tenant: {counts[0]:,} candidates, {counts[1]:,} applications")
    print(f"CPU busy on this 2-core machine before the run (other programs): {machine_busy(2.0):.2f} cores")
    client_counts = [1, args.clients]
    # Every measurement and warm-up of the move case, and the in-process ones, moves other applications.
    setups = args.setups.split(",")
    trees = {"": ROOT} if args.against is None else {"new": ROOT, "old": args.against.resolve()}
    moves_needed = len(setups) * len(trees) * len(client_counts) * args.attempts * (args.requests + WARM_UP)
    detail_ids, move_ids, email = collect_ids(1000, moves_needed + args.in_process_rounds + 1)
    cases = build_cases(detail_ids, iter(move_ids))
    measured = [case for case in cases if not args.cases or case.name in args.cases.split(",")]
    server_env = bench_env(
        SETTINGS,
        # The token endpoint is throttled (10/minute) and tokens live 5 minutes by default.
        THROTTLE_AUTH_TOKEN="100000/minute",  # noqa: S106  # a rate, not a password
        JWT_ACCESS_MINUTES="120",
        # Each worker thread keeps its connection for the whole run (not 60 s), so the
        # CPU meter sees every backend; reconnecting once a minute costs nothing measurable.
        DATABASE_CONN_MAX_AGE="3600",
    )

    rows: list[tuple[str, Case, int, Load]] = []
    token = ""
    print(HEADER)
    for setup in setups:
        with ExitStack() as servers:
            # One server per checkout, on ports of their own; the one not measured idles.
            ports = {label: args.port + index for index, label in enumerate(trees)}
            meters = {
                label: CpuMeter(servers.enter_context(gunicorn(setup, ports[label], server_env, tree)).pid)
                for label, tree in trees.items()
            }
            token = token or obtain_token(args.port, password)
            for clients in client_counts:
                for case in measured:
                    for label in trees:
                        load = measure(ports[label], token, case, clients, args, meters[label])
                        if label != "old":
                            rows.append((setup, case, clients, load))
                        print_row(f"{setup} {label}".strip(), case, clients, load)
    print_goals(rows)

    # In-process, every search term on its own (which fragments cost what), and two
    # lookups the HTTP cases leave out: by email, and by skills few candidates share.
    searches = [Case(f"search {term}", "GET", cycle([f"/api/candidates/?search={term}"])) for term in NAME_FRAGMENTS]
    lookups = [
        Case("search email", "GET", cycle([f"/api/candidates/?search={email}"])),
        Case("skills, rare", "GET", cycle(["/api/candidates/?skills=Kubernetes,Nursing"])),
    ]
    in_process_cases = [cases[0], *searches, *lookups, *cases[2:]] if not args.cases else measured
    count = args.in_process_rounds + 1
    cases_json = json.dumps([[case.name, case.method, case.paths(count), case.body] for case in in_process_cases])
    output = run(
        [__file__, "--in-process", "--in-process-rounds", str(args.in_process_rounds)],
        bench_env(SETTINGS, BENCH_CASES=cases_json, BENCH_TOKEN=token),
    )
    results = json.loads(output)
    print_in_process(results, args.in_process_rounds)
    plans_with_and_without_rls(results, threshold_ms=20)


def measure(port: int, token: str, case: Case, clients: int, args: argparse.Namespace, cpu: CpuMeter) -> Load:
    """Wait for a quiet machine, warm up, measure; measure again (up to --attempts
    times) while other programs took more than QUIET cores, and keep the quietest run."""
    best: Load | None = None
    for attempt in range(1, args.attempts + 1):
        wait_for_quiet(args.quiet_wait)
        # Warms this case's code path, every worker's connection and the pages it reads.
        run_load(port, token, case, case.paths(WARM_UP), clients, args.seconds, cpu)
        load = run_load(port, token, case, case.paths(args.requests), clients, args.seconds, cpu)
        load.attempts = attempt
        if best is None or load.other_cores < best.other_cores:
            best = load
        if load.other_cores <= QUIET:
            break
    assert best is not None
    best.attempts = attempt
    return best


HEADER = (
    f"{'workers':12} {'case':14} {'clients':>7} {'requests':>8} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>7}"
    f" {'KB':>5}   CPU ms/request app / db   CPU cores: app / db / load generator / other"
)


def print_row(setup: str, case: Case, clients: int, load: Load) -> None:
    cores, other = load.cpu_cores, load.other_cores
    noisy = "  (disturbed)" if other > QUIET else ""
    tries = f"  ({load.attempts} tries)" if load.attempts > 1 else ""
    ms_per_request = {group: used * 1000 / load.requests_per_second for group, used in cores.items()}
    print(
        f"{setup:12} {case.name:14} {clients:>7} {len(load.latencies_ms):>8} {percentile(load.latencies_ms, 0.5):8.1f}"
        f" {percentile(load.latencies_ms, 0.99):8.1f} {load.requests_per_second:7.0f} {load.mean_bytes / 1024:5.1f}"
        f"   {ms_per_request['app']:17.2f} / {ms_per_request['database']:.2f}"
        f"   {cores['app']:.2f} / {cores['database']:.2f} / {cores['client']:.2f} / {other:.2f}{tries}{noisy}",
        flush=True,
    )
    for error in load.errors:
        print(f"         ! {error}")


def print_goals(rows: list[tuple[str, Case, int, Load]]) -> None:
    """p99 with one client (latency without queueing), throughput at the highest
    client count, for the better of the two worker setups."""
    print("\ngoals: p99 with 1 client, throughput with the most clients, best worker setup")
    for name in ("list", "search", "skills filter", "full-text", "detail"):
        case_rows = [row for row in rows if row[1].name == name]
        if not case_rows:
            continue
        goal = case_rows[0][1].goal
        single = min(percentile(row[3].latencies_ms, 0.99) for row in case_rows if row[2] == 1)
        most = max(row[2] for row in case_rows)
        best = max(row[3].requests_per_second for row in case_rows if row[2] == most)
        verdicts = []
        if goal.p99_ms is not None:
            verdicts.append(f"p99 {single:.1f} ms ({'met' if single < goal.p99_ms else 'MISSED'})")
        if goal.requests_per_second is not None:
            verdicts.append(f"{best:.0f} req/s ({'met' if best >= goal.requests_per_second else 'MISSED'})")
        print(f"  {name:14} goal {format_goal(goal):28} measured {', '.join(verdicts)}")


def print_in_process(results: dict[str, Any], rounds: int) -> None:
    print(f"\nin-process, Django test client, no network (median of {rounds} requests per case):")
    print(f"  {'case':14} {'queries':>7} {'total ms':>9} {'in database':>12} {'rest':>8} {'KB':>6}")
    for name, result in results.items():
        total, database = result["total_ms"], result["database_ms"]
        statuses = "" if result["statuses"] in ([200], [201]) else f"  statuses {result['statuses']}"
        print(
            f"  {name:14} {len(result['statements']):>7} {total:9.2f} {database:9.2f} ms {total - database:5.2f} ms"
            f" {result['bytes'] / 1024:6.1f}{statuses}"
        )
    print("\nstatements of one request (column lists elided; those of list repeat in every request):")
    seen: set[str] = set()
    for name, result in results.items():
        new = [compact(sql) for sql in result["statements"] if compact(sql) not in seen]
        seen.update(new)
        if new:
            print(f"  {name}:")
            for sql in new:
                print(f"    {sql[:300]}")


def plans_with_and_without_rls(results: dict[str, Any], threshold_ms: float) -> None:
    """Each case's slowest statement, if over the threshold, explained twice: as
    the app runs it (the owner role in the tenant: FORCEd RLS applies, as to the
    runtime role) and, for comparison only, as the superuser, whom RLS does not
    bind. RLS admits an index only for leakproof operators; LIKE, @@ and @> are not."""
    import psycopg

    slow = {name: result["slowest_sql"] for name, result in results.items() if result["slowest_ms"] > threshold_ms}
    if not slow:
        return
    print(f"\nstatements over {threshold_ms:g} ms, explained with RLS (as the app) and without (superuser):")
    with (
        owner_connection() as owner,
        psycopg.connect(with_database(os.environ["DATABASE_ADMIN_URL"], BENCH_DATABASE)) as admin,
    ):
        enter_bench_tenant(owner)
        admin.execute("SELECT set_config('search_path', %s, false)", [f"{BENCH_SCHEMA}, public"])
        admin.commit()
        for name, sql in slow.items():
            shown = []
            for connection in (owner, admin):
                plan = connection.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}").fetchone()[0][0]  # type: ignore[index]
                connection.rollback()  # nothing to keep; a move's statements would have written
                shown.append(f"{plan['Execution Time']:7.1f} ms {', '.join(scans(plan['Plan']))}")
            print(f"  {name:16} with RLS    {shown[0]}\n  {'':16} without RLS {shown[1]}")


def scans(node: dict[str, Any]) -> list[str]:
    """The scans of a JSON plan, e.g. "Index Scan candidate_created"."""
    found = [f"{node['Node Type']} {node.get('Index Name', '')}".strip()] if "Scan" in node["Node Type"] else []
    for child in node.get("Plans", []):
        found += scans(child)
    return found


def compact(sql: str) -> str:
    """A statement without its column list and quotes, on one line."""
    sql = " ".join(sql.replace('"', "").split())
    if sql.startswith("SELECT ") and " FROM " in sql and not sql.startswith("SELECT set_config"):
        sql = "SELECT … FROM " + sql.split(" FROM ", 1)[1]
    return sql


if __name__ == "__main__":
    main()
