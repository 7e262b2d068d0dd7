"""Webhook acknowledgement: latency of the Mailgun inbound webhook under 32 concurrent
senders posting 200 KB messages, through gunicorn on loopback.

    .venv/bin/python bench/webhook_ack.py [--seconds 30] [--senders 32] [--setups sync,gthread]
    .venv/bin/python bench/webhook_ack.py --baseline /tmp/wt-old     # old code, same run, alternating
    .venv/bin/python bench/webhook_ack.py --profile 300 [--top 40]   # one process, no HTTP: where it goes
    .venv/bin/python bench/webhook_ack.py --instructions 20          # the same under callgrind: instructions

Each request is what Mailgun posts for a route that forwards raw MIME
(/anymail/mailgun/inbound_mime/): multipart/form-data with the signature fields
and ``body-mime``, a ~200 KB mail (a text body, a real resume PDF from
../shared/data/resumes and a filler attachment), signed with its own token and
timestamp and carrying its own Message-ID, so that every one is stored. The
answer includes everything the provider waits for: basic auth, signature,
timestamp window and token replay check (a row), parsing, the tenant lookup, the
insert of the message with its raw MIME, the commit, and the enqueue on commit
(to Redis database 11, which no worker reads; emptied at the end).

The senders are wrk (Debian's package: ``apt-get install -y wrk``), one thread
keeping ``--senders`` keep-alive connections busy, each sending its next
request when the answer to the last one arrives (a closed loop: the latency is
the queue behind 31 other requests plus the work). wrk's Lua script glues each
body together from pre-built pieces and pre-computed signatures, so the load
generator costs little of the 2 cores it shares with gunicorn, PostgreSQL and
Redis. Besides latency the script reports the CPU time per request of each
party, read from /proc (gunicorn's processes, the PostgreSQL backends connected
to bench_ats) and from Redis's INFO (the whole server), and checks that every
answered request was stored and enqueued exactly once.

Tenant ``webhook`` in the scratch database bench_ats (provisioned here, its
messages emptied before each setup). With ``--baseline PATH``, another checkout
of the project (``git worktree add /tmp/wt-old <commit>``) is served the same
way in turns with this one, from its own tenant ``webhook-base`` migrated by its
own code. Logging is off (bench.settings_api).
"""

import argparse
import base64
import hashlib
import hmac
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BENCH_DATABASE, ROOT, bench_env, children, process_cpu, with_database

BROKER = "redis://127.0.0.1:6379/11"
SECRET = "bench:" + "webhook-secret"  # a scratch database only
SIGNING_KEY = "bench-signing-key"
SIZE = 200 * 1024
BOUNDARY = "BenchBoundary7MA4YWxkTrZu0gW"
PATH = "/anymail/mailgun/inbound_mime/"
RESUME = ROOT.parent / "shared" / "data" / "resumes" / "rendercv__John_Doe_ClassicTheme_CV.pdf"
SETUPS = {
    "sync": ["--worker-class", "sync", "--workers", "2"],
    "gthread": ["--worker-class", "gthread", "--workers", "2", "--threads", "4"],
    "gthread-3x4": ["--worker-class", "gthread", "--workers", "3", "--threads", "4"],
    "gthread-2x8": ["--worker-class", "gthread", "--workers", "2", "--threads", "8"],
    "gthread-2x16": ["--worker-class", "gthread", "--workers", "2", "--threads", "16"],
    "sync-3": ["--worker-class", "sync", "--workers", "3"],
    "sync-4": ["--worker-class", "sync", "--workers", "4"],
    "sync-6": ["--worker-class", "sync", "--workers", "6"],
}
SETUP_NAMES = {
    "sync": "sync, 2 workers",
    "gthread": "gthread, 2 workers x 4 threads",
    "gthread-3x4": "gthread, 3 workers x 4 threads",
    "gthread-2x8": "gthread, 2 workers x 8 threads",
    "gthread-2x16": "gthread, 2 workers x 16 threads",
    "sync-3": "sync, 3 workers",
    "sync-4": "sync, 4 workers",
    "sync-6": "sync, 6 workers",
}
WARM_UP_SECONDS = 5
# Pre-signed requests per second of run: more than the server can answer.
ROWS_PER_SECOND = 1500
# The variable parts of a request, in body order, and their placeholders in the pre-built pieces.
FIELDS = ("token", "timestamp", "signature", "message_id")


@dataclass(frozen=True)
class Code:
    """A checkout of the project to serve, and the tenant it serves in bench_ats."""

    root: Path
    tenant: str

    @property
    def schema(self) -> str:
        return "t_" + self.tenant.replace("-", "_")


def environment(broker: str = BROKER, **extra: str) -> dict[str, str]:
    """The API's environment for a webhook benchmark: known secrets, no rate limits.
    Also used by bench/ingest_throughput.py, bench/soak.py and bench/worker_scaling.py."""
    return bench_env(
        "bench.settings_api",
        ANYMAIL_WEBHOOK_SECRET=SECRET,
        MAILGUN_WEBHOOK_SIGNING_KEY=SIGNING_KEY,
        INGESTION_SENDER_LIMIT="0",
        INGESTION_TENANT_LIMIT="0",
        CELERY_BROKER_URL=broker,
        INBOUND_DOMAIN="inbound.localhost",
        PUBLIC_HOSTS="localhost,127.0.0.1",
        **extra,
    )


def code_environment(code: Code) -> dict[str, str]:
    # The application name tells this server's PostgreSQL backends from other clients of bench_ats.
    return {**environment(), "PYTHONPATH": str(code.root), "PGAPPNAME": f"webhook-ack-{code.tenant}"}


def manage(code: Code, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=code.root, env=code_environment(code), capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed in {code.root}:\n{result.stdout}\n{result.stderr}")


def provision(code: Code) -> None:
    manage(code, "setup_database")
    manage(code, "migrate_schemas", "--shared", "--verbosity", "0")
    manage(code, "provision_tenant", code.tenant, "--name", "Webhook bench", "--domain", f"{code.tenant}.localhost")
    manage(code, "migrate_schemas", "--tenant", "--schema", code.schema, "--verbosity", "0")


def owner_execute(statement: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    import psycopg

    with psycopg.connect(with_database(os.environ["DATABASE_OWNER_URL"], BENCH_DATABASE), autocommit=True) as db:
        cursor = db.execute(statement, params)
        return cursor.fetchall() if cursor.description else []


def broker_queue() -> int:
    import redis

    return int(redis.Redis.from_url(BROKER).llen("celery"))


def empty(code: Code) -> None:
    owner_execute(f"TRUNCATE {code.schema}.ingestion_inboundmessage, {code.schema}.ingestion_inboundattachment")
    owner_execute("TRUNCATE public.tenants_webhooktoken")
    import redis

    redis.Redis.from_url(BROKER).flushdb()


def stored_count(code: Code) -> int:
    rows = owner_execute(
        "SELECT set_config('app.tenant_id', (SELECT id::text FROM public.tenants_tenant WHERE slug = %s), false),"
        f" (SELECT count(*) FROM {code.schema}.ingestion_inboundmessage)",
        (code.tenant,),
    )
    return int(str(rows[0][1]))


def mime_template(tenant: str) -> bytes:
    """A ~200 KB mail to ``tenant`` with {message_id} as the placeholder of its Message-ID."""
    from email.message import EmailMessage

    mail = EmailMessage()
    mail["From"] = "Applicant <applicant@example.com>"
    mail["To"] = f"{tenant}@inbound.localhost"
    mail["Subject"] = "Application: backend engineer"
    mail["Date"] = "Tue, 04 Mar 2025 09:15:00 +0100"
    mail["Message-ID"] = "<{message_id}>"
    mail.set_content("Hello,\n\nplease find my resume attached.\n\nBest regards\n")
    resume = RESUME.read_bytes()
    mail.add_attachment(resume, maintype="application", subtype="pdf", filename=RESUME.name)
    filler = os.urandom(max(0, (SIZE - len(resume) * 4 // 3 - 2000) * 3 // 4))
    mail.add_attachment(filler, maintype="application", subtype="octet-stream", filename="portfolio.bin")
    return bytes(mail.as_bytes())


def form(fields: list[tuple[str, bytes]]) -> bytes:
    parts = [
        b"--" + BOUNDARY.encode() + b'\r\nContent-Disposition: form-data; name="' + name.encode() + b'"\r\n\r\n' + value
        for name, value in fields
    ]
    return b"\r\n".join(parts) + b"\r\n--" + BOUNDARY.encode() + b"--\r\n"


def mailgun_form(*, tenant: str, sender: str, mime: bytes) -> bytes:
    """A Mailgun raw-MIME webhook body for ``tenant``'s address, signed with a fresh token
    (for the benchmarks that post from Python)."""
    token, stamp, signature, _message_id = signed_row().split()
    return form(
        [
            ("token", token.encode()),
            ("timestamp", stamp.encode()),
            ("signature", signature.encode()),
            ("recipient", f"{tenant}@inbound.localhost".encode()),
            ("sender", sender.encode()),
            ("body-mime", mime),
        ]
    )


HEADERS = {
    "Host": "localhost",
    "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
    "Authorization": "Basic " + base64.b64encode(SECRET.encode()).decode(),
}


def body_pieces(tenant: str) -> list[bytes]:
    """This benchmark's request body cut at its variable parts (FIELDS, in order):
    len(FIELDS) + 1 pieces; the Message-ID sits in the mail."""
    body = mailgun_form(tenant=tenant, sender="applicant@example.com", mime=mime_template(tenant))
    for field in FIELDS[:3]:
        body = re.sub(
            rb'(name="' + field.encode() + rb'"\r\n\r\n)[^\r]*', rb"\g<1>{" + field.encode() + rb"}", body, count=1
        )
    pieces = []
    for field in FIELDS:
        head, body = body.split(b"{" + field.encode() + b"}", 1)
        pieces.append(head)
    return [*pieces, body]


def signed_row() -> str:
    """One request's variable parts: a fresh token, now, their signature, a Message-ID."""
    token = uuid.uuid4().hex * 2
    stamp = str(int(time.time()))
    signature = hmac.new(SIGNING_KEY.encode(), f"{stamp}{token}".encode(), hashlib.sha256).hexdigest()
    return f"{token} {stamp} {signature} bench-{uuid.uuid4().hex}@example.com"


LUA = """
local dir = "{dir}"
local function read(name)
    local file = assert(io.open(dir .. "/" .. name, "rb"))
    local data = file:read("*a")
    file:close()
    return data
end
local p0, p1, p2, p3, p4 = read("piece0"), read("piece1"), read("piece2"), read("piece3"), read("piece4")
local rows = {{}}
for line in io.lines(dir .. "/rows") do rows[#rows + 1] = line end
local headers = {{{headers}}}
local next_row = 0

function request()
    next_row = next_row + 1
    local token, stamp, signature, message_id = rows[(next_row - 1) % #rows + 1]:match("(%S+) (%S+) (%S+) (%S+)")
    local body = p0 .. token .. p1 .. stamp .. p2 .. signature .. p3 .. message_id .. p4
    return wrk.format("POST", "{path}", headers, body)
end

function done(summary, latency, requests)
    local failed = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
    io.write(string.format("RESULT %d %d %d %d %d %d %d\\n", summary.requests, summary.errors.status, failed,
        latency:percentile(50), latency:percentile(99), latency.max, summary.duration))
end
"""


def wrk_script(folder: Path, tenant: str, rows: int) -> Path:
    for number, piece in enumerate(body_pieces(tenant)):
        (folder / f"piece{number}").write_bytes(piece)
    (folder / "rows").write_text("\n".join(signed_row() for _ in range(rows)) + "\n")
    script = folder / "senders.lua"
    script.write_text(
        LUA.format(
            dir=folder, path=PATH, headers=", ".join(f'["{name}"] = "{value}"' for name, value in HEADERS.items())
        )
    )
    return script


@dataclass(frozen=True)
class Burst:
    answered: int
    refused: int  # non-2xx answers
    failed: int  # connection errors and timeouts
    p50_ms: float
    p99_ms: float
    max_ms: float
    seconds: float
    wrk_cpu: float


def burst(script: Path, port: int, senders: int, seconds: int) -> Burst:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is needed: apt-get install -y wrk")
    result = subprocess.run(
        [wrk, "--threads", "1", "--connections", str(senders), "--duration", f"{seconds}s", "--timeout", "30s",
         "--script", str(script), f"http://127.0.0.1:{port}{PATH}"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    match = re.search(r"^RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)$", result.stdout, re.M)
    if match is None:
        raise SystemExit(f"wrk gave no result:\n{result.stdout}\n{result.stderr}")
    requests, refused, failed, p50, p99, longest, duration = (int(value) for value in match.groups())
    return Burst(
        answered=requests - refused,
        refused=refused,
        failed=failed,
        p50_ms=p50 / 1000,
        p99_ms=p99 / 1000,
        max_ms=longest / 1000,
        seconds=duration / 1e6,
        wrk_cpu=(after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
    )


def cpu_spent(before: dict[int, float], after: dict[int, float]) -> float:
    """Seconds spent between two readings by the processes running at the second
    (one started meanwhile counts whole; one that ended meanwhile is not counted)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def database_backends(code: Code) -> list[int]:
    rows = owner_execute(
        "SELECT pid FROM pg_stat_activity WHERE datname = %s AND application_name = %s",
        (BENCH_DATABASE, f"webhook-ack-{code.tenant}"),
    )
    return [int(str(row[0])) for row in rows]


def redis_cpu() -> float:
    import redis

    info = redis.Redis.from_url(BROKER).info("cpu")
    return float(info["used_cpu_user"]) + float(info["used_cpu_sys"])


def serve(code: Code, setup: str, port: int) -> subprocess.Popen[bytes]:
    import socket

    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"port {port} is taken by another server: choose one with --port")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "ats.wsgi", "--bind", f"127.0.0.1:{port}", *SETUPS[setup],
         "--log-level", "warning"],
        cwd=code.root, env=code_environment(code), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                _, errors = server.communicate()
                raise SystemExit(f"gunicorn did not start in {code.root}:\n{errors.decode()[-2000:]}") from None
            time.sleep(0.2)


def measure(code: Code, label: str, setup: str, args: argparse.Namespace) -> None:
    empty(code)
    with tempfile.TemporaryDirectory(prefix="webhook-ack-") as folder:
        warm_up = wrk_script(Path(folder), code.tenant, WARM_UP_SECONDS * ROWS_PER_SECOND)
        server = serve(code, setup, args.port)
        try:
            first = burst(warm_up, args.port, args.senders, WARM_UP_SECONDS)
            script = wrk_script(Path(folder), code.tenant, args.seconds * ROWS_PER_SECOND)
            web_before = process_cpu([server.pid, *children(server.pid)])
            database_before = process_cpu(database_backends(code))
            redis_before = redis_cpu()
            run = burst(script, args.port, args.senders, args.seconds)
            web = cpu_spent(web_before, process_cpu([server.pid, *children(server.pid)]))
            database = cpu_spent(database_before, process_cpu(database_backends(code)))
            redis_server = redis_cpu() - redis_before
        finally:
            server.terminate()
            server.wait(timeout=30)
    stored, queued = stored_count(code), broker_queue()
    # Requests still in flight when wrk stops are answered (and stored) but not counted by wrk.
    answered = first.answered + run.answered
    fine = queued == stored and answered <= stored <= answered + 2 * args.senders
    check = "ok" if fine else f"MISMATCH: {answered} answered 2xx"
    per_request = [1000 * seconds / max(1, run.answered) for seconds in (web, database, redis_server, run.wrk_cpu)]
    print(
        f"| {label} | {SETUP_NAMES[setup]} | {run.answered} | {run.p50_ms:.1f} ms | {run.p99_ms:.1f} ms "
        f"| {run.max_ms:.1f} ms | {run.answered / run.seconds:.0f}/s | {run.refused + run.failed} "
        f"| {' / '.join(f'{value:.2f}' for value in per_request)} ms "
        f"| {stored} stored, {queued} enqueued: {check} |",
        flush=True,
    )


def instructions(requests: int, tenant: str, root: Path) -> None:
    """``--profile`` under valgrind's callgrind, instrumentation on only for the measured
    requests (after 20 warm-up ones): user-space instructions a request of the process
    calling the WSGI application (PostgreSQL's and Redis's are not in it). Repeatable
    to about 0.5 %, unlike CPU time on this shared VM. ``root``: the checkout to run."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        raise SystemExit("valgrind is needed: apt-get install -y valgrind")
    with tempfile.TemporaryDirectory(prefix="webhook-ack-callgrind-") as folder:
        out = Path(folder) / "callgrind.out"
        os.environ.get("KEEP_CALLGRIND") and print(out)
        subprocess.run(
            [valgrind, "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
             sys.executable, str(root / "bench" / "webhook_ack.py"), "--profile", str(requests),
             "--tenant", tenant, "--callgrind"],
            cwd=root, env={**os.environ, "PYTHONPATH": str(root)}, check=True,
        )  # fmt: skip
        if os.environ.get("KEEP_CALLGRIND"):
            shutil.copy(out, os.environ["KEEP_CALLGRIND"])
        totals = re.search(r"^totals: (\d+)", out.read_text(), re.M)
        if totals is None:
            raise SystemExit("callgrind wrote no totals")
    print(f"{root}: {int(totals.group(1)) / requests / 1e6:.3f} M instructions a request ({requests} requests)")


def _callgrind(on: bool) -> None:
    """Instrumentation on or off in this process (run by valgrind's callgrind)."""
    control = shutil.which("callgrind_control") or "callgrind_control"
    subprocess.run([control, "-i", "on" if on else "off", str(os.getpid())], check=True, stdout=subprocess.DEVNULL)


def profile(requests: int, top: int, tenant: str, callgrind: bool = False) -> None:
    """One process, the WSGI application gunicorn serves (ats.wsgi) called directly (no
    HTTP, no gunicorn): CPU per request of this process, of its PostgreSQL backend and of
    Redis; statements per request by kind; and, with --top, cProfile's heaviest functions
    (CPU clock)."""
    import cProfile
    import io
    import pstats
    from collections import Counter

    code = Code(ROOT, tenant)
    provision(code)
    os.environ.update(code_environment(code))
    import django

    django.setup()
    from django.db import connection

    from ats.wsgi import application as handler

    pieces = body_pieces(code.tenant)
    bodies = []
    for _ in range(requests + 20):
        values = signed_row().split()
        bodies.append(
            b"".join(piece + value.encode() for piece, value in zip(pieces, values, strict=False)) + pieces[-1]
        )

    def post(body: bytes) -> None:
        environ = {
            "REQUEST_METHOD": "POST", "PATH_INFO": PATH, "QUERY_STRING": "", "SCRIPT_NAME": "",
            "SERVER_NAME": "localhost", "SERVER_PORT": "80", "HTTP_HOST": "localhost", "REMOTE_ADDR": "127.0.0.1",
            "CONTENT_TYPE": HEADERS["Content-Type"], "CONTENT_LENGTH": str(len(body)),
            "HTTP_AUTHORIZATION": HEADERS["Authorization"],
            "wsgi.input": io.BytesIO(body), "wsgi.url_scheme": "http", "wsgi.errors": sys.stderr,
        }  # fmt: skip
        statuses: list[str] = []

        def start_response(status: str, headers: list[tuple[str, str]], exc_info: object = None) -> Any:
            statuses.append(status)

        b"".join(handler(environ, start_response))
        if not statuses[0].startswith("200"):
            raise SystemExit(f"webhook answered {statuses[0]}")

    empty(code)
    for body in bodies[:20]:
        post(body)
    statements: Counter[str] = Counter()

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]  # Django's wrapper protocol
        statements[sql.split(None, 1)[0].upper()] += 1
        return execute(sql, params, many, context)

    profiler = cProfile.Profile(time.process_time)
    backend = [connection.connection.info.backend_pid]
    with connection.execute_wrapper(count):
        start, database_before, redis_before = time.process_time(), process_cpu(backend), redis_cpu()
        times_before = os.times()
        if top:
            profiler.enable()
        if callgrind:
            _callgrind(True)
        for body in bodies[20:]:
            post(body)
        if callgrind:
            _callgrind(False)
        profiler.disable()
        web = 1000 * (time.process_time() - start) / requests
        times_after = os.times()
        user = 1000 * (times_after.user - times_before.user) / requests
        database = 1000 * cpu_spent(database_before, process_cpu(backend)) / requests
        redis_server = 1000 * (redis_cpu() - redis_before) / requests
    print(
        f"{requests} requests, CPU per request: Django {web:.2f} ms ({user:.2f} user), PostgreSQL {database:.2f} ms,"
        f" Redis {redis_server:.2f} ms"
    )
    print("statements per request: " + ", ".join(f"{kind} {n / requests:.1f}" for kind, n in statements.most_common()))
    if top:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)
    empty(code)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=30, help="measured seconds per setup (after a warm-up)")
    parser.add_argument("--senders", type=int, default=32)
    parser.add_argument("--setups", default="sync,gthread", help=f"comma-separated, of {', '.join(SETUPS)}")
    parser.add_argument("--rounds", type=int, default=1, help="times each setup is measured")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--baseline", type=Path, help="another checkout to measure in turns with this one")
    parser.add_argument("--profile", type=int, metavar="N", help="profile N requests in process instead")
    parser.add_argument("--top", type=int, default=0, help="with --profile: print cProfile's N heaviest calls")
    parser.add_argument("--tenant", default="webhook", help="with --profile: the tenant to post to (one per checkout)")
    parser.add_argument("--instructions", type=int, metavar="N", help="count instructions of N requests (callgrind)")
    parser.add_argument("--callgrind", action="store_true", help=argparse.SUPPRESS)  # set by --instructions
    args = parser.parse_args()
    if args.instructions:
        if args.baseline:
            instructions(args.instructions, "webhook-base", args.baseline.resolve())
        instructions(args.instructions, args.tenant, ROOT)
        return
    if args.profile:
        profile(args.profile, args.top, args.tenant, args.callgrind)
        return
    codes = [("current", Code(ROOT, "webhook"))]
    if args.baseline:
        codes.insert(0, ("baseline", Code(args.baseline.resolve(), "webhook-base")))
    for _, code in codes:
        provision(code)
    size = sum(len(piece) for piece in body_pieces("webhook")) / 1024
    print(f"request body {size:.0f} KiB; {args.senders} senders (wrk, closed loop);"
          f" {args.seconds} s per setup after {WARM_UP_SECONDS} s of warm-up\n")  # fmt: skip
    print("| code | gunicorn | requests | p50 | p99 | max | throughput | errors "
          "| CPU per request: gunicorn / PostgreSQL / Redis / wrk | check |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|")
    for _ in range(args.rounds):
        for setup in args.setups.split(","):
            for label, code in codes:
                measure(code, label, setup, args)
    for _, code in codes:
        empty(code)


if __name__ == "__main__":
    main()
