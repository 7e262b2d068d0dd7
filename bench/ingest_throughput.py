"""End-to-end ingestion throughput: text-PDF resumes posted to the Mailgun webhook
until all are candidates, with 2 Celery worker processes; and the pipeline's CPU
per resume against the parse-only cost of the same files, measured in the same run.

    .venv/bin/python bench/ingest_throughput.py [--resumes 2000] [--senders 8] [--port 8767]
        [--against TREE] [--rounds 1]
    .venv/bin/python bench/ingest_throughput.py --profile 200
    .venv/bin/python bench/ingest_throughput.py --instructions 30 [--task]

The resumes are generated here with PyMuPDF (one page of text each, a distinct
person each: name, email, phone, experience, education, skills). They are posted
as raw MIME (/anymail/mailgun/inbound_mime/) by --senders threads to gunicorn
(gthread, 2 workers x 4 threads) while one Celery worker with --concurrency=2
(two prefork processes, each with its extraction sandbox) processes them; the
clock runs from the first post until every message is done or failed.

CPU: the worker's process tree, read from /proc before and after, divided by the
number of resumes, in three parts: Celery's main process (it reads the broker and
hands each task to a pool process), the two pool processes (with the children
they reaped) and their extraction sandboxes: each pool's spawner and the children
it forked, those it reaped included (a child is replaced after 500 files; before
the spawner, children were the pool's own and those that exited counted in the
pool part).
Parse-only: extract_in_process + parse of a sample of the same PDFs (CPU time, in
a child process of the same code as the worker), the cost of the work without
the pipeline around it (the sandbox's IPC, the database writes, duplicate
matching, Celery). PostgreSQL: the CPU of the whole server (the postmaster and
every backend, those that exited included) over the run; other programs' use of
the server is in it. The machine is shared: other programs' load shows in the
wall-clock figures and in PostgreSQL's, less in the worker's.

--against TREE compares another checkout's worker with this one's on the same
resumes in the same run, alternately (TREE first in each of --rounds rounds):
make one with `git worktree add /tmp/wt-old <commit>`. The webhook is this
checkout's in both.

--profile N runs no servers: it stores N messages (after 5 for warm-up) with
message_store and processes each with message_process in this process, then
prints the CPU and the SQL statements per message by stage (--cprofile prints
cProfile's top functions as well, and makes every figure three to five times
larger: compare runs without it). Copy this script into another checkout to
profile that one's pipeline.

--instructions N is --profile N under valgrind's callgrind, instrumentation on only
while the N messages are processed (after the 5 for warm-up): user-space
instructions a message of the pipeline process, its extraction sandbox (another
process) and PostgreSQL left out. Repeatable to about 0.1 %, where CPU time on this
shared machine varies by 15 %.

--task (with --profile or --instructions) runs each message as a prefork pool
process runs a task (celery.app.trace.trace_task_ret: the task's message decoded,
the prerun and postrun signals, TenantTask entering and leaving the tenant) instead
of calling message_process inside one tenant context: Celery's share in the pool
process and the per-task database work (the connection's health check, the
tenant statement) count too. Celery's main process (the broker, the hand-over to
the pool) is not in it.

Tenant ``ingest`` in the scratch database bench_ats, emptied before each run;
Redis database 10 is the broker (emptied before and after).
"""

import argparse
import contextlib
import http.client
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from email.message import EmailMessage
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from apps.ingestion.text_pdf import text_pdf
from bench.common import ROOT, process_cpu, run
from bench.webhook_ack import HEADERS, environment, mailgun_form, owner_execute

TENANT = "ingest"
SCHEMA = "t_ingest"
BROKER = "redis://127.0.0.1:6379/10"
SAMPLE = 200
# 50 x 50 names: a distinct full name for each of the first 2,500 people (a number in
# the name would not do: the parser rightly takes no "Ada Lovelace-7" for a name).
FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Tim", "Margaret", "Linus",
         "Anita", "Brian", "Carol", "Dennis", "Elena", "Fernando", "Gabriela", "Hiro", "Ingrid", "Jonas", "Katarina",
         "Lars", "Maria", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Stefan", "Tanja", "Ulrich", "Vera",
         "Wolfgang", "Xenia", "Yusuf", "Zoe", "Amir", "Bettina", "Claudia", "Dmitri", "Emil", "Fatima", "Georg",
         "Helga", "Ivan", "Julia", "Kemal", "Lena"]  # fmt: skip
LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Perlman", "Berners",
        "Hamilton", "Torvalds", "Borg", "Kernighan", "Ritchie", "Shaw", "Wirth", "Naur", "Backus", "Hoare",
        "Lamport", "Milner", "Kay", "Engelbart", "Goldberg", "Stroustrup", "Rossum", "Matsumoto", "Wall", "Gosling",
        "Hejlsberg", "Lattner", "Pike", "Cerf", "Kahn", "Metcalfe", "Postel", "Clark", "Estrin", "Floyd", "Karp",
        "Tarjan", "Hellman", "Diffie", "Rivest", "Shamir", "Adleman", "Goldwasser", "Micali", "Yao"]  # fmt: skip
SKILLS = ["Python", "Django", "PostgreSQL", "Redis", "Celery", "Docker", "Kubernetes", "Go", "React", "SQL"]


def resume_pdf(number: int, *, email: str = "") -> bytes:
    """Person ``number``'s one-page resume; ``email`` replaces their usual address
    (the same person writing from another one)."""
    name = person_name(number)
    skills = ", ".join(SKILLS[(number + k) % len(SKILLS)] for k in range(5))
    contact = f"{email or person_email(number)} | +1 415 555 {number % 10000:04d} | Berlin, Germany"
    lines = [
        (name, 20), (contact, 10), ("", 8),
        ("EXPERIENCE", 13), (f"Software Engineer, Company {number % 97}", 11), ("Jan 2019 - Present", 10),
        ("Built services in Python and PostgreSQL for millions of users.", 10),
        (f"Junior Developer, Startup {number % 31}", 11), ("Jun 2016 - Dec 2018", 10), ("", 8),
        ("EDUCATION", 13), ("B.Sc. Computer Science, Technical University of Berlin, 2012 - 2016", 10), ("", 8),
        ("SKILLS", 13), (skills, 10),
    ]  # fmt: skip
    return text_pdf(lines)


def person_name(number: int) -> str:
    return f"{FIRST[number % len(FIRST)]} {LAST[number // len(FIRST) % len(LAST)]}"


def person_email(number: int) -> str:
    return f"person{number}@example.org"


def resume_mail(number: int, pdf: bytes, *, tenant: str, sender: str) -> bytes:
    """Raw MIME of a mail from ``sender`` to ``tenant``'s address with the PDF attached, its own Message-ID."""
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = f"{tenant}@inbound.localhost"
    mail["Subject"] = "Application"
    mail["Message-ID"] = f"<{tenant}-{number}-{uuid.uuid4().hex}@example.org>"
    mail.set_content("Hello, my resume is attached.\n")
    mail.add_attachment(pdf, maintype="application", subtype="pdf", filename=f"cv-{number}.pdf")
    return bytes(mail.as_bytes())


def post_body(number: int, pdf: bytes, *, tenant: str = TENANT) -> bytes:
    sender = person_email(number)
    return mailgun_form(tenant=tenant, sender=sender, mime=resume_mail(number, pdf, tenant=tenant, sender=sender))


PARSE_ONLY = """
import datetime, pickle, sys, time
import django
django.setup()
from apps.ingestion.extraction import extract_in_process
from apps.ingestion.parsing import parse
pdfs = pickle.loads(sys.stdin.buffer.read())
today = datetime.date.today()
for pdf in pdfs[:5]:
    parse(extract_in_process(pdf), today=today)  # warm-up: the taxonomy, fonts
start = time.process_time()
for pdf in pdfs:
    document = extract_in_process(pdf)
    assert document.ok and parse(document, today=today).name
print((time.process_time() - start) / len(pdfs) * 1000)
"""


def parse_only(env: dict[str, str], pdfs: list[bytes], *, code: Path = ROOT) -> float:
    """CPU ms per resume of extraction (in process) and parsing, with the code of ``code``."""
    result = subprocess.run(
        [sys.executable, "-c", PARSE_ONLY], input=pickle.dumps(pdfs), cwd=code,
        env={**env, "PYTHONPATH": str(code)}, capture_output=True, check=True,
    )  # fmt: skip
    return float(result.stdout)


def tree_cpus(root: int) -> dict[str, float]:
    """CPU seconds of a process and every live descendant, with the children they
    reaped: "main" for the process itself (Celery's consumer), "sandbox" for
    extraction sandboxes (python -c), "pool" for the rest (the prefork processes)."""
    ticks = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(entry)] = fields
        children.setdefault(int(fields[1]), []).append(int(entry))
    total, pending = {"main": 0.0, "pool": 0.0, "sandbox": 0.0}, [root]
    while pending:
        pid = pending.pop()
        stat = stats.get(pid)
        if stat is None:
            continue
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            argv = []
        kind = "main" if pid == root else "sandbox" if argv[1:2] == [b"-c"] else "pool"
        total[kind] += sum(int(value) for value in stat[11:15]) / ticks  # utime stime cutime cstime
        pending.extend(children.get(pid, []))
    return total


def tree_cpu(root: int) -> float:
    """CPU seconds of a process and every live descendant, with the children they reaped."""
    return sum(tree_cpus(root).values())


def postgres_cpu() -> float:
    """CPU seconds of the PostgreSQL server on this machine: the postmaster, its live
    backends and the backends it reaped (0 when it runs elsewhere)."""
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().split()
                parent = Path(f"/proc/{fields[3]}/stat").read_text().split()
            except (OSError, IndexError):
                continue
            if fields[1] == "(postgres)" and parent[1] != "(postgres)":
                return tree_cpu(int(entry))
    return 0.0


def tenant_counts(tenant: str = TENANT, schema: str = SCHEMA) -> tuple[int, int, int]:
    """Messages done, messages failed, candidates of ``tenant``."""
    row = owner_execute(
        f"SELECT set_config('app.tenant_id', (SELECT id::text FROM public.tenants_tenant WHERE slug = '{tenant}'),"
        f" false), (SELECT count(*) FILTER (WHERE status = 'done') FROM {schema}.ingestion_inboundmessage),"
        f" (SELECT count(*) FILTER (WHERE status = 'failed') FROM {schema}.ingestion_inboundmessage),"
        f" (SELECT count(*) FROM {schema}.candidates_candidate)"
    )[0]
    return int(str(row[1])), int(str(row[2])), int(str(row[3]))


def tenant_prepare(env: dict[str, str], *, tenant: str, schema: str, name: str) -> None:
    """Provision ``tenant`` in bench_ats (if missing), migrate its schema, empty its mail and candidates."""
    run(["manage.py", "setup_database"], env)
    run(["manage.py", "migrate_schemas", "--shared", "--verbosity", "0"], env)
    run(["manage.py", "provision_tenant", tenant, "--name", name, "--domain", f"{tenant}.localhost"], env)
    run(["manage.py", "migrate_schemas", "--tenant", "--schema", schema, "--verbosity", "0"], env)
    tenant_empty(schema)


def tenant_empty(schema: str) -> None:
    # CASCADE takes the rows that point at these: resumes, applications, notes, reviews.
    owner_execute(
        f"TRUNCATE {schema}.ingestion_inboundattachment, {schema}.ingestion_inboundmessage,"
        f" {schema}.candidates_candidate CASCADE"
    )


def gunicorn_start(
    env: dict[str, str], *, port: int, log: Path, options: list[str] | None = None
) -> "subprocess.Popen[bytes]":
    """The API on loopback (gthread, 2 workers x 4 threads unless ``options`` say otherwise)."""
    shape = options or ["--worker-class", "gthread", "--workers", "2", "--threads", "4"]
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "ats.wsgi", "--bind", f"127.0.0.1:{port}", *shape,
         "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log.open("w"),
    )  # fmt: skip


def worker_start(env: dict[str, str], *, concurrency: int, log: Path, code: Path = ROOT) -> "subprocess.Popen[bytes]":
    """One Celery worker with ``concurrency`` prefork processes (each with its extraction
    sandbox), running the code of the checkout ``code``."""
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "ats", "worker", f"--concurrency={concurrency}", "--loglevel=WARNING",
         "--without-heartbeat", "--without-gossip", "--without-mingle"],
        cwd=code, env={**env, "PYTHONPATH": str(code)}, stdout=subprocess.DEVNULL, stderr=log.open("w"),
    )  # fmt: skip


def post_all(port: int, bodies: list[bytes], senders: int) -> list[str]:
    """Post every body to the Mailgun raw-MIME webhook from ``senders`` threads; the non-200 statuses."""
    queue = list(bodies)
    lock = threading.Lock()
    errors: list[str] = []

    def send() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if not queue:
                    break
                body = queue.pop()
            connection.request("POST", "/anymail/mailgun/inbound_mime/", body, HEADERS)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(str(response.status))
        connection.close()

    threads = [threading.Thread(target=send) for _ in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def end_to_end(
    env: dict[str, str], *, pdfs: list[bytes], senders: int, port: int, logs: Path, code: Path
) -> dict[str, float]:
    """Post every resume to a fresh gunicorn while a fresh worker of ``code`` processes them."""
    import redis

    # Signed afresh for each run: the webhook refuses a replayed token or a stale timestamp.
    bodies = [post_body(number, pdf) for number, pdf in enumerate(pdfs)]
    tenant_empty(SCHEMA)
    redis.Redis.from_url(BROKER).flushdb()
    server = gunicorn_start(env, port=port, log=logs / f"gunicorn-{code.name}.log")
    worker = worker_start(env, concurrency=2, log=logs / f"worker-{code.name}.log", code=code)
    try:
        time.sleep(8)  # both up (the worker forks its two processes)
        worker_before, server_before, postgres_before = tree_cpus(worker.pid), tree_cpu(server.pid), postgres_cpu()
        start = time.perf_counter()
        errors = post_all(port, bodies, senders)
        posted = time.perf_counter() - start
        loads = []
        while True:
            done, failed, candidates = tenant_counts()
            if done + failed >= len(bodies) - len(errors) or worker.poll() is not None:
                break
            loads.append(os.getloadavg()[0])
            time.sleep(0.5)
        elapsed = time.perf_counter() - start
        worker_after, server_after, postgres_after = tree_cpus(worker.pid), tree_cpu(server.pid), postgres_cpu()
    finally:
        worker.terminate()
        server.terminate()
        worker.wait(timeout=60)
        server.wait(timeout=30)
        redis.Redis.from_url(BROKER).flushdb()
    per_resume = 1000 / len(bodies)
    return {
        "posted": posted, "errors": len(errors), "elapsed": elapsed, "rate": len(bodies) / elapsed,
        "done": done, "failed": failed, "candidates": candidates,
        "main_ms": (worker_after["main"] - worker_before["main"]) * per_resume,
        "pool_ms": (worker_after["pool"] - worker_before["pool"]) * per_resume,
        "sandbox_ms": (worker_after["sandbox"] - worker_before["sandbox"]) * per_resume,
        "server_ms": (server_after - server_before) * per_resume,
        "postgres_ms": (postgres_after - postgres_before) * per_resume,
        "load": sum(loads) / len(loads) if loads else os.getloadavg()[0],
    }  # fmt: skip


def instructions(count: int, *, task: bool) -> None:
    """--profile ``count`` under callgrind: instructions a message of message_process
    (``task``: of the task that runs it)."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        raise SystemExit("valgrind is needed: apt-get install -y valgrind")
    with tempfile.TemporaryDirectory(prefix="ingest-callgrind-") as folder:
        out = Path(folder) / "callgrind.out"
        subprocess.run(
            [valgrind, "--tool=callgrind", "-q", "--instr-atstart=no", f"--callgrind-out-file={out}", sys.executable,
             str(ROOT / "bench" / "ingest_throughput.py"), "--profile", str(count), "--callgrind",
             *(["--task"] if task else [])],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        if os.environ.get("KEEP_CALLGRIND"):
            shutil.copy(out, os.environ["KEEP_CALLGRIND"])  # for callgrind_annotate
        totals = re.search(r"^totals: (\d+)", out.read_text(), re.M)
        if totals is None:
            raise SystemExit("callgrind wrote no totals")
    unit = "task" if task else "message"
    print(f"{ROOT}: {int(totals.group(1)) / count / 1e6:.3f} M instructions a {unit} ({count} messages)")


def _callgrind(on: bool) -> None:
    """Instrumentation on or off in this process (run by valgrind's callgrind)."""
    control = shutil.which("callgrind_control") or "callgrind_control"
    subprocess.run([control, "-i", "on" if on else "off", str(os.getpid())], check=True, stdout=subprocess.DEVNULL)


def profile(count: int, *, cprofile: bool, callgrind: bool = False, task: bool = False) -> None:
    """Store ``count`` messages (after 5 for warm-up) and process them in this process;
    print CPU and SQL statements per message by stage. ``callgrind``: run by
    instructions(), instrumentation on for the measured messages only. ``task``: each
    message as a pool process runs its task (see --task)."""
    import cProfile
    import pstats
    from collections import defaultdict
    from collections.abc import Callable

    import django

    django.setup()
    import redis
    from django.db import connection

    from apps.ingestion import pipeline
    from apps.ingestion.extraction import sandbox
    from apps.ingestion.services import message_store
    from apps.tenants.context import tenant_context
    from apps.tenants.models import Tenant

    tenant = Tenant.objects.get(slug=TENANT)
    ids = []
    for number in range(count + 5):
        mime = resume_mail(number, resume_pdf(number), tenant=TENANT, sender=person_email(number))
        envelope = {"sender": person_email(number), "recipient": f"{TENANT}@inbound.localhost"}
        ids.append(message_store(tenant=tenant, raw_mime=mime, channel="mailgun", envelope=envelope).message_id)
    redis.Redis.from_url(BROKER).flushdb()  # processed here, not by a worker

    cpu: dict[str, float] = defaultdict(float)
    statements: dict[str, int] = defaultdict(int)
    stage = ["other"]

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """``function`` counted as stage ``name`` (its own time: nested stages count apart)."""

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            outer, stage[0] = stage[0], name
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent = time.process_time() - start
                cpu[name] += spent
                cpu[outer] -= spent
                stage[0] = outer

        return wrapper

    # The stages the pipeline module calls, by the names it imports them under (those
    # of older checkouts too: a stage missing there is left out).
    stages = ("message_claim", "extract", "parse", "candidate_ingest", "resume_store", "candidate_search_refresh",
              "message_done", "_attachment_rows", "candidate_ingest_plan", "candidate_ingest_apply", "resume_build",
              "message_done_new_candidate")  # fmt: skip
    for name in stages:
        if hasattr(pipeline, name):
            setattr(pipeline, name, timed(name, getattr(pipeline, name)))
    for name in ("parse_mime", "read_mime"):
        if hasattr(pipeline.mail, name):
            setattr(pipeline.mail, name, timed(name, getattr(pipeline.mail, name)))

    def counted(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        statements[stage[0]] += 1
        return execute(sql, params, many, context)

    def sandboxes() -> float:
        return sum(process_cpu(sandbox.worker_pids()).values())

    def process(message_id: int) -> str:
        return str(pipeline.message_process(message_id=message_id))

    if task:
        process = _as_pool_task  # the same, through Celery's tracer
    profiler = cProfile.Profile(time.process_time)  # CPU, not the wall time spent waiting on PostgreSQL
    with contextlib.nullcontext() if task else tenant_context(tenant, actor="task:bench"):
        for message_id in ids[:5]:
            assert process(message_id) == "done"
        cpu.clear()
        statements.clear()
        sandbox_before, start = sandboxes(), time.process_time()
        with connection.execute_wrapper(counted):
            if cprofile:
                profiler.enable()
            if callgrind:
                _callgrind(True)
            for message_id in ids[5:]:
                outcome = process(message_id)
                assert outcome == "done", outcome
            if callgrind:
                _callgrind(False)
            profiler.disable()
        total, sandbox_cpu = time.process_time() - start, sandboxes() - sandbox_before
    cpu["other"] = total - sum(seconds for name, seconds in cpu.items() if name != "other")
    print(f"{count} messages processed in this process (load average {os.getloadavg()[0]:.2f})")
    print("| stage | CPU ms per message | SQL statements per message |")
    print("|---|---|---|")
    for name in sorted(cpu, key=lambda name: -cpu[name]):
        print(f"| {name} | {cpu[name] / count * 1000:.2f} | {statements.get(name, 0) / count:.1f} |")
    print(f"| **this process** | **{total / count * 1000:.2f}** | **{sum(statements.values()) / count:.1f}** |")
    print(f"| extraction sandbox (its own process) | {sandbox_cpu / count * 1000:.2f} | 0 |")
    if cprofile:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


def _as_pool_task(message_id: int) -> str:
    """Run ingest_message for ``message_id`` as a prefork pool process runs a task from
    the broker: the request its main process hands over (the message's headers, the
    tenant's among them) and the JSON body, through Celery's tracer."""
    import json

    from celery.app.trace import trace_task_ret

    from apps.ingestion.tasks import ingest_message
    from apps.tenants.task_base import TENANT_HEADER

    task_id = str(uuid.uuid4())
    request = {
        "lang": "py", "task": ingest_message.name, "id": task_id, "shadow": None, "eta": None, "expires": None,
        "group": None, "group_index": None, "retries": 0, "timelimit": [None, None], "root_id": task_id,
        "parent_id": None, "argsrepr": repr((message_id,)), "kwargsrepr": "{}", "origin": "bench",
        "ignore_result": True, "replaced_task_nesting": 0, "stamped_headers": None, "stamps": {},
        TENANT_HEADER: SCHEMA, "properties": {"correlation_id": task_id, "delivery_mode": 2, "priority": 0},
        "reply_to": "", "correlation_id": task_id, "hostname": "bench@localhost",
        "delivery_info": {"exchange": "", "routing_key": "celery", "priority": 0, "redelivered": False},
    }  # fmt: skip
    body = json.dumps([[message_id], {}, {"callbacks": None, "errbacks": None, "chain": None, "chord": None}])
    # (0, the result's repr, runtime), or (1, the failure, runtime)
    failed, result, _ = trace_task_ret(ingest_message.name, task_id, request, body, "application/json", "utf-8")
    return f"raised {result!r}" if failed else str(result).strip("'")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--resumes", type=int, default=2000)
    parser.add_argument("--senders", type=int, default=8)
    parser.add_argument("--port", type=int, default=8767)
    parser.add_argument("--against", type=Path, help="another checkout whose worker alternates with this one's")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--profile", type=int, metavar="N", help="profile N messages in this process instead")
    parser.add_argument("--cprofile", action="store_true", help="with --profile: cProfile's top functions too")
    parser.add_argument("--instructions", type=int, metavar="N", help="--profile N under callgrind: instructions")
    parser.add_argument("--task", action="store_true", help="with --profile or --instructions: run Celery's task")
    parser.add_argument("--callgrind", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    code = Path(__file__).resolve().parent.parent
    media = Path(tempfile.mkdtemp(prefix="ingest-bench-"))
    env = environment(BROKER, MEDIA_ROOT=str(media))
    tenant_prepare(env, tenant=TENANT, schema=SCHEMA, name="Ingest bench")
    if args.instructions:
        os.environ.update(env)
        instructions(args.instructions, task=args.task)
        return
    if args.profile:
        os.environ.update(env)
        profile(args.profile, cprofile=args.cprofile, callgrind=args.callgrind, task=args.task)
        tenant_empty(SCHEMA)
        return
    pdfs = [resume_pdf(number) for number in range(args.resumes)]
    trees = [args.against.resolve(), code] if args.against else [code]
    logs = media / "logs"
    logs.mkdir()
    print(f"{args.resumes} resumes, {sum(map(len, pdfs)) / len(pdfs) / 1024:.1f} KiB each on average")
    print("| code | resumes/s | posted | done / failed / candidates | worker CPU per resume: main + pool + sandbox"
          " | parse-only | ratio | gunicorn CPU | PostgreSQL CPU (whole server) | load |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|")
    for _ in range(args.rounds):
        for tree in trees:
            baseline = parse_only(env, pdfs[:SAMPLE], code=tree)
            result = end_to_end(env, pdfs=pdfs, senders=args.senders, port=args.port, logs=logs, code=tree)
            worker = result["main_ms"] + result["pool_ms"] + result["sandbox_ms"]
            print(
                f"| {tree} | {result['rate']:.1f} | {result['posted']:.1f} s, {result['errors']:.0f} errors"
                f" | {result['done']:.0f} / {result['failed']:.0f} / {result['candidates']:.0f}"
                f" | {worker:.1f} ms = {result['main_ms']:.1f} + {result['pool_ms']:.1f} + {result['sandbox_ms']:.1f}"
                f" | {baseline:.1f} ms | {worker / baseline:.2f}x | {result['server_ms']:.1f} ms"
                f" | {result['postgres_ms']:.1f} ms | {result['load']:.1f} |",
                flush=True,
            )
    tenant_empty(SCHEMA)


if __name__ == "__main__":
    main()
