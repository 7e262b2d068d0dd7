"""Soak: minutes of steady mixed load on loopback (Mailgun webhooks with resumes, API
reads and writes, staff admin pages) against the production shape of the system,
watching errors, the memory of every process and the queue.

    .venv/bin/python bench/soak.py [--minutes 10] [--rate 8] [--clients 8] [--port 8769]

What runs: gunicorn as the production image starts it (sync, 3 workers), one
Celery worker with --concurrency=2 (two prefork processes, each with its
extraction sandbox), as docker-compose.yml runs it, and Celery beat apart (the
inbound sweeper every 60 s). Tenant ``soak`` in the scratch database bench_ats,
emptied first (mail, candidates, jobs, audit events); Redis database 13 is its
broker and cache, emptied before and after.

The load: --rate requests per second in all, started on a fixed schedule by a
dispatcher and sent by --clients threads of this process (each with its own
keep-alive connection), drawn at random with these weights (WEIGHTS below):
webhooks with a generated one-page PDF resume, most from a new person, some a
repeat delivery of an earlier Message-ID (must not be stored twice), some the
same person writing from another address (same name and phone); API reads
(candidate list, search, detail) and writes (create a candidate, a job, an
application; move an application one stage on; add a note) with a JWT; admin
pages with a logged-in session (candidate list, search, a candidate's page,
the home page and the work queues). "lag" is how late a request started
against its schedule (all clients busy): it shows whether the rate held.

Every 10 s it samples the RSS and PSS of every process (gunicorn master and
workers; Celery's main process, its pool processes and their sandbox children;
beat), the queue (Redis list ``celery`` plus unacknowledged tasks), the mail in
the database, and per kind the requests, errors, p50 and p99 of the interval.
The samples go to var/soak-<time>.csv (long format: elapsed_s, series, name,
value). At the end it stops the load, waits (at most --drain-seconds) for the
queue to empty and every stored message to be finished, and prints the summary.

Memory is "flat" when a process's median RSS over the last minute of load is at
most FLAT_MB megabytes or FLAT_SHARE of its first-minute median above that
first-minute median (whichever allows more); the first minute starts after a
warm-up in which every kind of request has been served. A sandbox is replaced
by design after 500 files or when it grows past half its cap: the table then
compares two processes and says so.

Exit status 1 if any request failed (status other than 2xx/3xx, or no answer),
a message was lost (acknowledged but not stored, or not finished after the
drain), the queue did not drain, or a process's memory was not flat.
"""

import argparse
import csv
import datetime
import email
import http.client
import json
import os
import queue
import random
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, bench_user_ensure, children, owner_connection, percentile, run
from bench.domain_api import machine_seconds
from bench.ingest_throughput import (
    gunicorn_start,
    person_email,
    resume_mail,
    resume_pdf,
    tenant_empty,
    tenant_prepare,
    tree_cpu,
    worker_start,
)
from bench.webhook_ack import HEADERS, environment, mailgun_form, owner_execute

TENANT = "soak"
SCHEMA = "t_soak"
HOST = "soak.localhost"
BROKER = "redis://127.0.0.1:6379/13"
SETTINGS = "bench.settings_admin"  # the API's bench settings, with static files served for the admin
USER = "soak@example.com"
SAMPLE_SECONDS = 10.0
FLAT_MB = 10.0
FLAT_SHARE = 0.10
FINISHED = ("done", "failed", "skipped")
# Production's gunicorn (the Dockerfile's CMD): sync workers, 3 of them.
GUNICORN = ["--worker-class", "sync", "--workers", "3"]
WEIGHTS = {
    "webhook new person": 12,
    "webhook repeat": 3,
    "webhook same person": 3,
    "api list": 8,
    "api search": 8,
    "api detail": 10,
    "api create candidate": 6,
    "api create job": 1,
    "api create application": 6,
    "api move": 6,
    "api note": 4,
    "admin list": 4,
    "admin search": 4,
    "admin candidate": 4,
    "admin queue": 5,
}
SEARCHES = ["lovel", "hopper", "turin", "dijks", "liskov", "knuth", "thomps", "perlm", "python", "soak api"]
ADMIN_QUEUES = [
    "/admin/",
    "/admin/applications/application/?rehire_review=open",
    "/admin/candidates/duplicatereview/",
    "/admin/ingestion/inboundmessage/?status__exact=failed",
    "/admin/candidates/resume/?confidence=low",
    "/admin/ingestion/inboundmessage/",
]
NEXT_STAGE = {"applied": "screening", "screening": "interview", "interview": "offer"}


# --- HTTP --------------------------------------------------------------------------


class Connection:
    """One keep-alive connection to the server, opened again whenever the server closes it
    (sync gunicorn workers close after every response)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: bytes | None, headers: dict[str, str]) -> "Answer":
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        start = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            payload = response.read()
        except (OSError, http.client.HTTPException) as error:
            self.close()
            return Answer(0, f"{type(error).__name__}: {error}".encode(), (time.perf_counter() - start) * 1000, {})
        cookies = {}
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, value = header.split(";", 1)[0].partition("=")
            cookies[name.strip()] = value
        answer = Answer(response.status, payload, (time.perf_counter() - start) * 1000, cookies)
        if response.will_close:
            self.close()
        return answer

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
        self.connection = None


@dataclass
class Answer:
    status: int
    payload: bytes
    ms: float
    cookies: dict[str, str]

    def json(self) -> dict[str, object]:
        value = json.loads(self.payload)
        assert isinstance(value, dict)
        return value


def admin_login(port: int, password: str) -> str:
    """Sign in through the admin's login form; the Cookie header of the session."""
    connection = Connection(port)
    page = connection.request("GET", "/admin/login/", None, {"Host": HOST})
    cookies = dict(page.cookies)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.payload)
    if page.status != 200 or token is None or "csrftoken" not in cookies:
        raise SystemExit(f"GET /admin/login/ answered {page.status} without a CSRF token")
    form = urlencode({"username": USER, "password": password, "csrfmiddlewaretoken": token.group(1).decode()})
    answer = connection.request(
        "POST",
        "/admin/login/?next=/admin/",
        form.encode(),
        {
            "Host": HOST,
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookies['csrftoken']}",
        },
    )
    cookies.update(answer.cookies)
    connection.close()
    if answer.status != 302 or "sessionid" not in cookies:
        raise SystemExit(f"the admin login answered {answer.status}: {answer.payload[:300]!r}")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def api_token(port: int, password: str) -> str:
    connection = Connection(port)
    body = json.dumps({"username": USER, "password": password}).encode()
    answer = connection.request("POST", "/api/auth/token/", body, {"Host": HOST, "Content-Type": "application/json"})
    connection.close()
    if answer.status != 200:
        raise SystemExit(f"POST /api/auth/token/ answered {answer.status}: {answer.payload[:300]!r}")
    return str(answer.json()["access"])


# --- What the load knows, shared by the client threads ------------------------------


@dataclass
class Record:
    kind: str
    finished: float  # time.monotonic() at the end
    ms: float
    lag_ms: float
    status: int
    path: str
    detail: str = ""

    @property
    def failed(self) -> bool:
        return not 200 <= self.status < 400


@dataclass
class State:
    token: str
    admin_cookie: str
    rng: random.Random
    lock: threading.Lock = field(default_factory=threading.Lock)
    records: list[Record] = field(default_factory=list)
    next_person: int = 0
    mails: list[tuple[int, bytes]] = field(default_factory=list)  # acknowledged: person number, raw MIME
    message_ids: set[str] = field(default_factory=set)  # every distinct Message-ID acknowledged
    repeats: int = 0
    other_address: int = 0
    candidates: list[int] = field(default_factory=list)
    unapplied: list[int] = field(default_factory=list)  # API candidates without an application yet
    jobs: list[int] = field(default_factory=list)
    movable: dict[int, str] = field(default_factory=dict)  # application -> stage, not in flight
    applications: list[int] = field(default_factory=list)
    counter: int = 0

    def take(self, items: list[int]) -> int | None:
        with self.lock:
            return self.rng.choice(items) if items else None

    def number(self) -> int:
        with self.lock:
            self.counter += 1
            return self.counter

    def api_headers(self) -> dict[str, str]:
        return {"Host": HOST, "Content-Type": "application/json", "Authorization": f"Bearer {self.token}"}

    def admin_headers(self) -> dict[str, str]:
        return {"Host": HOST, "Cookie": self.admin_cookie}

    def seen(self, ids: list[int]) -> None:
        with self.lock:
            known = set(self.candidates)
            self.candidates.extend(pk for pk in ids if pk not in known)


Action = Callable[[State, Connection], tuple[str, Answer]]


def post_mail(state: State, connection: Connection, number: int, sender: str, mime: bytes) -> Answer:
    body = mailgun_form(tenant=TENANT, sender=sender, mime=mime)
    return connection.request("POST", "/anymail/mailgun/inbound_mime/", body, HEADERS)


def acknowledged(state: State, number: int, mime: bytes) -> None:
    with state.lock:
        state.mails.append((number, mime))
        state.message_ids.add(bare(str(email.message_from_bytes(mime)["Message-ID"])))


def webhook_new_person(state: State, connection: Connection) -> tuple[str, Answer]:
    with state.lock:
        number = state.next_person
        state.next_person += 1
    mime = resume_mail(number, resume_pdf(number), tenant=TENANT, sender=person_email(number))
    answer = post_mail(state, connection, number, person_email(number), mime)
    if answer.status == 200:
        acknowledged(state, number, mime)
    return "/anymail/mailgun/inbound_mime/", answer


def webhook_repeat(state: State, connection: Connection) -> tuple[str, Answer]:
    """The provider delivering an acknowledged mail again (same Message-ID, a fresh signature)."""
    with state.lock:
        earlier = state.rng.choice(state.mails) if state.mails else None
    if earlier is None:
        return webhook_new_person(state, connection)
    number, mime = earlier
    answer = post_mail(state, connection, number, person_email(number), mime)
    if answer.status == 200:
        with state.lock:
            state.repeats += 1
    return "/anymail/mailgun/inbound_mime/ (repeat)", answer


def webhook_same_person(state: State, connection: Connection) -> tuple[str, Answer]:
    """A person who already applied writes from another address: same name and phone."""
    with state.lock:
        earlier = state.rng.choice(state.mails) if state.mails else None
    if earlier is None:
        return webhook_new_person(state, connection)
    number = earlier[0]
    sender = f"person{number}.{state.number()}@example.net"
    mime = resume_mail(number, resume_pdf(number, email=sender), tenant=TENANT, sender=sender)
    answer = post_mail(state, connection, number, sender, mime)
    if answer.status == 200:
        acknowledged(state, number, mime)
        with state.lock:
            state.other_address += 1
    return "/anymail/mailgun/inbound_mime/ (same person)", answer


def api_list(state: State, connection: Connection) -> tuple[str, Answer]:
    answer = connection.request("GET", "/api/candidates/", None, state.api_headers())
    if answer.status == 200:
        results = answer.json()["results"]
        assert isinstance(results, list)
        state.seen([int(row["id"]) for row in results])
    return "/api/candidates/", answer


def api_search(state: State, connection: Connection) -> tuple[str, Answer]:
    path = f"/api/candidates/?search={state.rng.choice(SEARCHES).replace(' ', '+')}"
    return path, connection.request("GET", path, None, state.api_headers())


def api_detail(state: State, connection: Connection) -> tuple[str, Answer]:
    pk = state.take(state.candidates)
    if pk is None:
        return api_list(state, connection)
    path = f"/api/candidates/{pk}/"
    return path, connection.request("GET", path, None, state.api_headers())


def api_create_candidate(state: State, connection: Connection) -> tuple[str, Answer]:
    number = state.number()
    body = {
        "full_name": f"Soak Api {number}",
        "emails": [f"soak-api-{number}@example.com"],
        "phones": [f"+49 30 {5550000 + number}"],
        "location": "Hamburg, Germany",
        "skills": ["Python", "PostgreSQL", "Kubernetes"][: 1 + number % 3],
    }
    answer = connection.request("POST", "/api/candidates/", json.dumps(body).encode(), state.api_headers())
    if answer.status == 201:
        pk = int(str(answer.json()["id"]))
        with state.lock:
            state.candidates.append(pk)
            state.unapplied.append(pk)
    return "/api/candidates/", answer


def api_create_job(state: State, connection: Connection) -> tuple[str, Answer]:
    number = state.number()
    body = {"title": f"Engineer {number}", "code": f"SOAK-{number}", "status": "open"}
    answer = connection.request("POST", "/api/jobs/", json.dumps(body).encode(), state.api_headers())
    if answer.status == 201:
        with state.lock:
            state.jobs.append(int(str(answer.json()["id"])))
    return "/api/jobs/", answer


def api_create_application(state: State, connection: Connection) -> tuple[str, Answer]:
    with state.lock:
        candidate = state.unapplied.pop() if state.unapplied else None
        job = state.rng.choice(state.jobs) if state.jobs else None
    if candidate is None or job is None:
        return api_create_candidate(state, connection)
    body = json.dumps({"candidate": candidate, "job": job}).encode()
    answer = connection.request("POST", "/api/applications/", body, state.api_headers())
    if answer.status == 201:
        pk = int(str(answer.json()["id"]))
        with state.lock:
            state.movable[pk] = "applied"
            state.applications.append(pk)
    return "/api/applications/", answer


def api_move(state: State, connection: Connection) -> tuple[str, Answer]:
    with state.lock:  # taken out while in flight: two moves of one application would race
        pk = state.rng.choice(list(state.movable)) if state.movable else None
        stage = state.movable.pop(pk) if pk is not None else ""
    if pk is None:
        return api_create_application(state, connection)
    path = f"/api/applications/{pk}/move/"
    body = json.dumps({"stage": NEXT_STAGE[stage], "reason": "soak"}).encode()
    answer = connection.request("POST", path, body, state.api_headers())
    moved = NEXT_STAGE[stage] if answer.status == 200 else stage
    if moved in NEXT_STAGE:
        with state.lock:
            state.movable[pk] = moved
    return path, answer


def api_note(state: State, connection: Connection) -> tuple[str, Answer]:
    pk = state.take(state.applications)
    if pk is None:
        return api_create_application(state, connection)
    path = f"/api/applications/{pk}/notes/"
    body = json.dumps({"body": f"Soak note {state.number()}: called, will follow up."}).encode()
    return path, connection.request("POST", path, body, state.api_headers())


def admin_list(state: State, connection: Connection) -> tuple[str, Answer]:
    path = "/admin/candidates/candidate/"
    return path, connection.request("GET", path, None, state.admin_headers())


def admin_search(state: State, connection: Connection) -> tuple[str, Answer]:
    path = f"/admin/candidates/candidate/?q={state.rng.choice(SEARCHES).replace(' ', '+')}"
    return path, connection.request("GET", path, None, state.admin_headers())


def admin_candidate(state: State, connection: Connection) -> tuple[str, Answer]:
    pk = state.take(state.candidates)
    if pk is None:
        return admin_list(state, connection)
    path = f"/admin/candidates/candidate/{pk}/change/"
    return path, connection.request("GET", path, None, state.admin_headers())


def admin_queue(state: State, connection: Connection) -> tuple[str, Answer]:
    path = state.rng.choice(ADMIN_QUEUES)
    return path, connection.request("GET", path, None, state.admin_headers())


ACTIONS: dict[str, Action] = {
    "webhook new person": webhook_new_person,
    "webhook repeat": webhook_repeat,
    "webhook same person": webhook_same_person,
    "api list": api_list,
    "api search": api_search,
    "api detail": api_detail,
    "api create candidate": api_create_candidate,
    "api create job": api_create_job,
    "api create application": api_create_application,
    "api move": api_move,
    "api note": api_note,
    "admin list": admin_list,
    "admin search": admin_search,
    "admin candidate": admin_candidate,
    "admin queue": admin_queue,
}


def perform(state: State, connection: Connection, kind: str, due: float) -> None:
    lag_ms = max(0.0, time.monotonic() - due) * 1000
    try:
        path, answer = ACTIONS[kind](state, connection)
    except Exception as error:  # an unexpected answer is a failed request, not a dead client
        path, answer = "?", Answer(0, f"{type(error).__name__}: {error}".encode(), 0.0, {})
    detail = "" if 200 <= answer.status < 400 else answer.payload[:200].decode(errors="replace")
    with state.lock:
        state.records.append(Record(kind, time.monotonic(), answer.ms, lag_ms, answer.status, path, detail))


def client(state: State, port: int, jobs: "queue.Queue[tuple[float, str] | None]") -> None:
    connection = Connection(port)
    while (job := jobs.get()) is not None:
        due, kind = job
        time.sleep(max(0.0, due - time.monotonic()))
        perform(state, connection, kind, due)
    connection.close()


def dispatch(state: State, jobs: "queue.Queue[tuple[float, str] | None]", rate: float, seconds: float) -> None:
    """Hand out --rate requests per second on a fixed schedule, each kind drawn by its weight."""
    kinds, weights = list(WEIGHTS), list(WEIGHTS.values())
    start = time.monotonic()
    for number in range(int(rate * seconds)):
        due = start + number / rate
        time.sleep(max(0.0, due - time.monotonic() - 0.05))  # a little ahead: the client waits for ``due``
        jobs.put((due, state.rng.choices(kinds, weights)[0]))


def warm_up(state: State, port: int) -> None:
    """Every kind of request once or more before the clock starts: imports, templates,
    connections, the first jobs and candidates that the writes need."""
    connection = Connection(port)
    for kind in ["api create job"] * 3 + ["webhook new person"] * 4 + list(WEIGHTS) * 2:
        perform(state, connection, kind, time.monotonic())
    connection.close()
    failed = [record for record in state.records if record.failed]
    if failed:
        raise SystemExit(f"warm-up failed: {[(r.kind, r.status, r.path, r.detail) for r in failed[:5]]}")
    state.records.clear()


# --- Processes, memory, queue ---------------------------------------------------------


def processes(server: int, worker: int, beat: int) -> dict[str, int]:
    """Role -> pid of every process of the system under test."""
    roles = {"gunicorn master": server, "celery main": worker, "celery beat": beat}
    for index, pid in enumerate(children(server), 1):
        roles[f"gunicorn worker {index}"] = pid
    for index, pool in enumerate(children(worker), 1):
        roles[f"celery pool {index}"] = pool
        for sandbox in children(pool):
            roles[f"sandbox of pool {index}"] = sandbox
    for pid in children(beat):
        roles[f"beat child {pid}"] = pid
    return roles


def memory_mb(pid: int) -> tuple[float, float] | None:
    """RSS and PSS in MB (PSS from smaps_rollup: shares of pages shared with the parent)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    rss = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
    pss = re.search(r"^Pss:\s+(\d+) kB", rollup, re.M)
    if rss is None or pss is None:
        return None
    return int(rss.group(1)) / 1024, int(pss.group(1)) / 1024


def tenant_rows(statement: str) -> list[tuple[object, ...]]:
    """Rows of a statement in the soak tenant, read as the owner role (RLS applies: the tenant is set first)."""
    with owner_connection() as connection:
        connection.execute(
            "SELECT set_config('app.tenant_id', (SELECT id::text FROM public.tenants_tenant WHERE slug = %s), false),"
            " set_config('search_path', %s, false)",
            [TENANT, f"{SCHEMA}, public"],
        )
        return connection.execute(statement).fetchall()


def message_counts() -> dict[str, int]:
    rows = tenant_rows("SELECT status, count(*) FROM ingestion_inboundmessage GROUP BY status")
    return {str(status): int(str(count)) for status, count in rows}


def stored_message_ids() -> set[str]:
    return {bare(str(row[0])) for row in tenant_rows("SELECT message_id FROM ingestion_inboundmessage")}


def bare(message_id: str) -> str:
    """A Message-ID without its angle brackets, as the store may keep it either way."""
    return message_id.strip().strip("<>")


def candidate_count() -> int:
    return int(str(tenant_rows("SELECT count(*) FROM candidates_candidate")[0][0]))


def queue_length() -> tuple[int, int]:
    """Tasks waiting in the broker, and tasks delivered to the worker but not acknowledged."""
    import redis

    broker = redis.Redis.from_url(BROKER)
    return int(broker.llen("celery")), int(broker.hlen("unacked"))


@dataclass
class Sample:
    elapsed: float
    memory: dict[str, tuple[int, float, float]]  # role -> pid, RSS MB, PSS MB
    waiting: int
    unacked: int
    messages: dict[str, int]
    machine_cores: float
    load: float
    tree_cores: dict[str, float]


class Sampler:
    """Every SAMPLE_SECONDS: memory, queue, mail in the database, CPU; rows to the CSV."""

    def __init__(self, state: State, pids: tuple[int, int, int], path: Path) -> None:
        self.state, self.pids, self.path = state, pids, path
        self.samples: list[Sample] = []
        self.start = time.monotonic()
        self.stop = threading.Event()
        self.file = path.open("w", newline="")
        self.csv = csv.writer(self.file)
        self.csv.writerow(["elapsed_s", "series", "name", "value"])
        self.last_machine = machine_seconds()
        self.last_trees = self.trees()
        self.last_time = self.start
        self.last_index = 0
        self.thread = threading.Thread(target=self.run, daemon=True)

    def trees(self) -> dict[str, float]:
        server, worker, beat = self.pids
        return {"gunicorn": tree_cpu(server), "celery worker": tree_cpu(worker), "celery beat": tree_cpu(beat)}

    def take(self) -> Sample:
        now = time.monotonic()
        elapsed = now - self.start
        memory = {}
        for role, pid in processes(*self.pids).items():
            measured = memory_mb(pid)
            if measured is not None:
                memory[role] = (pid, *measured)
        waiting, unacked = queue_length()
        machine, trees = machine_seconds(), self.trees()
        seconds = max(now - self.last_time, 1e-6)
        sample = Sample(
            elapsed=elapsed,
            memory=memory,
            waiting=waiting,
            unacked=unacked,
            messages=message_counts(),
            machine_cores=(machine - self.last_machine) / seconds,
            load=os.getloadavg()[0],
            tree_cores={name: (used - self.last_trees[name]) / seconds for name, used in trees.items()},
        )
        self.last_machine, self.last_trees, self.last_time = machine, trees, now
        self.samples.append(sample)
        self.write(sample)
        return sample

    def write(self, sample: Sample) -> None:
        at = f"{sample.elapsed:.1f}"
        rows: list[tuple[str, str, float]] = []
        for role, (_, rss, pss) in sample.memory.items():
            rows += [("rss_mb", role, rss), ("pss_mb", role, pss)]
        rows += [("queue", "waiting", sample.waiting), ("queue", "unacked", sample.unacked)]
        rows += [("messages", status, count) for status, count in sample.messages.items()]
        rows += [("cores", "machine", sample.machine_cores), ("load", "1 min", sample.load)]
        rows += [("cores", name, cores) for name, cores in sample.tree_cores.items()]
        with self.state.lock:
            interval = self.state.records[self.last_index :]
            self.last_index = len(self.state.records)
        by_kind: dict[str, list[Record]] = defaultdict(list)
        for record in interval:
            by_kind[record.kind].append(record)
        for kind, records in sorted(by_kind.items()):
            latencies = [record.ms for record in records]
            rows += [
                ("requests", kind, len(records)),
                ("errors", kind, sum(record.failed for record in records)),
                ("p50_ms", kind, percentile(latencies, 0.5)),
                ("p99_ms", kind, percentile(latencies, 0.99)),
                ("lag_max_ms", kind, max(record.lag_ms for record in records)),
            ]
        for series, name, value in rows:
            self.csv.writerow([at, series, name, f"{value:.3f}" if isinstance(value, float) else value])
        self.file.flush()
        errors = sum(record.failed for record in interval)
        rss = sum(rss for _, rss, _ in sample.memory.values())
        print(
            f"  {sample.elapsed:6.0f} s  {len(interval):4d} requests  {errors} errors  queue {sample.waiting}"
            f"+{sample.unacked}  mail {sample.messages}  RSS total {rss:.0f} MB  machine {sample.machine_cores:.2f}"
            f" cores  load {sample.load:.1f}",
            flush=True,
        )

    def run(self) -> None:
        while not self.stop.wait(SAMPLE_SECONDS - (time.monotonic() - self.start) % SAMPLE_SECONDS):
            self.take()

    def start_sampling(self) -> None:
        self.thread.start()

    def close(self) -> None:
        """Stop sampling (a sample being taken is finished first) and close the CSV."""
        self.stop.set()
        self.thread.join()
        self.file.close()


# --- The run ------------------------------------------------------------------------


def ensure_user() -> None:
    """Runs in a child: the soak tenant's hr_admin the load signs in as."""
    import django

    django.setup()
    bench_user_ensure(USER, host=HOST)


def wait_until_up(port: int, deadline: float) -> None:
    while True:
        answer = Connection(port).request("GET", "/api/candidates/", None, {"Host": HOST})
        if answer.status == 401:  # routed to the tenant, refused without a token: up
            return
        if time.monotonic() > deadline:
            raise SystemExit(f"gunicorn did not come up (last answer {answer.status})")
        time.sleep(0.3)


def drain(timeout: float) -> float | None:
    """Seconds until the broker is empty and every stored message finished; None if not within ``timeout``."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        waiting, unacked = queue_length()
        unfinished = sum(count for status, count in message_counts().items() if status not in FINISHED)
        if waiting == unacked == unfinished == 0:
            return time.monotonic() - start
        time.sleep(1)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10, help="minutes of load (default 10)")
    parser.add_argument("--rate", type=float, default=8, help="requests per second, all kinds (default 8)")
    parser.add_argument("--clients", type=int, default=8, help="client threads (default 8)")
    parser.add_argument("--port", type=int, default=8769)
    parser.add_argument("--drain-seconds", type=float, default=300, help="longest wait for the queue (default 300)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--ensure-user", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.ensure_user:
        ensure_user()
        return

    import redis

    password = secrets.token_urlsafe(16)
    media = Path(tempfile.mkdtemp(prefix="soak-"))
    env = {
        **environment(BROKER, MEDIA_ROOT=str(media), REDIS_URL=BROKER, BENCH_PASSWORD=password),
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        # The run outlives the default 5-minute access token; the token step is not what is soaked.
        "JWT_ACCESS_MINUTES": "600",
        # A higher --rate would pass the webhook's per-tenant limit (300 a minute): 429s
        # measure the limit, not the system's stability.
        "INGESTION_TENANT_LIMIT": "0",
    }
    tenant_prepare(env, tenant=TENANT, schema=SCHEMA, name="Soak")
    owner_execute(f"TRUNCATE {SCHEMA}.applications_job, {SCHEMA}.audit_auditevent CASCADE")
    run([__file__, "--ensure-user"], env)
    redis.Redis.from_url(BROKER).flushdb()
    logs = media / "logs"
    logs.mkdir()
    started_at = datetime.datetime.now(datetime.UTC)
    csv_path = ROOT / "var" / f"soak-{started_at:%Y%m%d-%H%M%S}.csv"
    csv_path.parent.mkdir(exist_ok=True)
    seconds = args.minutes * 60

    server = gunicorn_start(env, port=args.port, log=logs / "gunicorn.log", options=GUNICORN)
    worker = worker_start(env, concurrency=2, log=logs / "worker.log")
    beat_log = (logs / "beat.log").open("w")
    beat = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "ats", "beat", "--loglevel=WARNING", "--schedule",
         str(media / "celerybeat-schedule")],
        cwd=ROOT, env=env, stdout=beat_log, stderr=beat_log,
    )  # fmt: skip
    try:
        wait_until_up(args.port, time.monotonic() + 60)
        state = State(token=api_token(args.port, password), admin_cookie=admin_login(args.port, password),
                      rng=random.Random(args.seed))  # noqa: S311  # fmt: skip
        warm_up(state, args.port)
        if drain(120) is None:
            raise SystemExit("the warm-up's mail was not processed within 120 s")
        print(
            f"soak {started_at:%Y-%m-%d %H:%M} UTC: {args.minutes:g} min at {args.rate:g} requests/s from"
            f" {args.clients} clients; gunicorn {' '.join(GUNICORN)}; celery worker --concurrency=2 + beat;"
            f" samples every {SAMPLE_SECONDS:g} s to {csv_path.relative_to(ROOT)}",
            flush=True,
        )
        sampler = Sampler(state, (server.pid, worker.pid, beat.pid), csv_path)
        sampler.start_sampling()
        jobs: queue.Queue[tuple[float, str] | None] = queue.Queue()
        clients = [threading.Thread(target=client, args=(state, args.port, jobs)) for _ in range(args.clients)]
        for thread in clients:
            thread.start()
        dispatch(state, jobs, args.rate, seconds)
        for _ in clients:
            jobs.put(None)
        for thread in clients:
            thread.join()
        load_ended = time.monotonic() - sampler.start
        drained = drain(args.drain_seconds)
        sampler.close()
    finally:
        for process in (beat, worker, server):
            process.terminate()
        for process in (beat, worker, server):
            process.wait(timeout=60)
        beat_log.close()
        redis.Redis.from_url(BROKER).flushdb()
    code = report(state, sampler, load_ended, drained, args)
    tenant_empty(SCHEMA)
    print(f"\nlogs: {logs}")
    sys.exit(code)


def report(state: State, sampler: Sampler, load_ended: float, drained: float | None, args: argparse.Namespace) -> int:
    records = state.records
    failed = [record for record in records if record.failed]
    print(f"\nload: {len(records)} requests in {load_ended:.0f} s ({len(records) / load_ended:.1f}/s)")
    print(f"\n{'kind':24} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'lag p99 ms':>10}")
    for kind in WEIGHTS:
        done = [record for record in records if record.kind == kind]
        if not done:
            continue
        latencies = [record.ms for record in done]
        print(
            f"{kind:24} {len(done):8d} {sum(r.failed for r in done):6d} {percentile(latencies, 0.5):8.1f}"
            f" {percentile(latencies, 0.99):8.1f} {max(latencies):8.1f}"
            f" {percentile([r.lag_ms for r in done], 0.99):10.1f}"
        )
    print(f"\nerrors: {len(failed)} of {len(records)} ({len(failed) / max(len(records), 1):.3%})")
    for (status, kind, path), count in Counter((r.status, r.kind, r.path) for r in failed).most_common(20):
        print(f"  {count} x {status} {kind} {path}")
    for record in failed[:5]:
        print(f"  e.g. {record.status} {record.path}: {record.detail}")

    counts = message_counts()
    stored_ids = stored_message_ids()
    missing = state.message_ids - stored_ids
    unfinished = sum(count for status, count in counts.items() if status not in FINISHED)
    lost = len(missing) + unfinished
    print(
        f"\nmail: {len(state.message_ids)} distinct messages acknowledged ({state.other_address} of them the same"
        f" person from another address), {state.repeats} repeat deliveries acknowledged;"
        f" stored {sum(counts.values())}, by status {counts}; lost {lost}"
        f" ({len(missing)} acknowledged but not stored, {unfinished} not finished)"
    )
    print(f"candidates in the tenant: {candidate_count()} ({state.next_person} people mailed, the rest from the API)")
    print(f"queue drained: {'NO' if drained is None else f'yes, in {drained:.0f} s after the load'}")

    samples = sampler.samples
    under_load = [sample for sample in samples if sample.elapsed <= load_ended]
    first = [sample for sample in under_load if sample.elapsed < 60]
    last = [sample for sample in under_load if sample.elapsed >= load_ended - 60]
    print(
        f"\nmachine: load average {statistics.fmean(s.load for s in under_load):.1f} (1-min, mean of the samples),"
        f" {statistics.fmean(s.machine_cores for s in under_load):.2f} of"
        f" {os.cpu_count()} cores busy; of which "
        + ", ".join(
            f"{name} {statistics.fmean(s.tree_cores[name] for s in under_load):.2f}"
            for name in under_load[0].tree_cores
        )
    )
    print(
        f"\nmemory (median RSS of the samples; first minute vs last minute of load; flat = growth"
        f" <= max({FLAT_MB:g} MB, {FLAT_SHARE:.0%})):"
    )
    print(f"{'process':24} {'pids':>15} {'first MB':>9} {'last MB':>8} {'growth MB':>9} {'growth':>7} {'PSS last':>8}")
    grown = []
    roles = list(dict.fromkeys(role for sample in under_load for role in sample.memory))
    for role in roles:
        before = [s.memory[role] for s in first if role in s.memory]
        after = [s.memory[role] for s in last if role in s.memory]
        if not before or not after:
            print(f"{role:24} {'':>15} {'(not in both minutes)':>30}")
            continue
        first_mb = statistics.median(m[1] for m in before)
        last_mb = statistics.median(m[1] for m in after)
        growth = last_mb - first_mb
        pids = sorted({m[0] for m in before} | {m[0] for m in after})
        replaced = " (replaced)" if len(pids) > 1 else ""
        flat = growth <= max(FLAT_MB, FLAT_SHARE * first_mb)
        if not flat:
            grown.append(role)
        print(
            f"{role:24} {','.join(map(str, pids)):>15} {first_mb:9.1f} {last_mb:8.1f} {growth:+9.1f}"
            f" {growth / first_mb:+7.1%} {statistics.median(m[2] for m in after):8.1f}"
            f"{'' if flat else '  NOT FLAT'}{replaced}"
        )
    problems = []
    if failed:
        problems.append(f"{len(failed)} failed requests")
    if lost:
        problems.append(f"{lost} lost messages")
    if drained is None:
        problems.append("the queue did not drain")
    if grown:
        problems.append(f"memory grew: {', '.join(grown)}")
    print(f"\nverdict: {'PASS' if not problems else 'FAIL: ' + '; '.join(problems)}")
    return 1 if problems else 0


if __name__ == "__main__":
    main()
