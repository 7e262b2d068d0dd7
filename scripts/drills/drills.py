"""The drills: each sends a burst of distinct resumes through the real webhook
(and some of them again, as a provider's repeat delivery), applies its fault in
the middle of the burst, recovers, waits until every stored message is done or
failed, and counts in the database what became of each mail.

Lost: a mail that was sent but never stored, or stored but never done nor failed.
Duplicated: two messages for one Message-ID, two candidates for one person (each
mail is a distinct person), two resumes for one candidate, or a stored resume
file that is missing or not the size it should be.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scripts.drills.mail import Burst, Deliveries, Mail, make_mail, send_all
from scripts.drills.stack import LEASE_SECONDS, ROOT, SCHEMA, Stack, eventually

# Every REPEAT_EVERY-th mail is delivered again after the burst (a provider's duplicate).
REPEAT_EVERY = 5
DRAIN_SECONDS = 180
POISON_NAME = "Poison Pill"


@dataclass
class Result:
    drill: str
    sent: int = 0
    posts: int = 0
    provider_retries: int = 0
    answers: dict[str, int] = field(default_factory=dict)
    stored: int = 0
    processed: int = 0
    failed: int = 0
    lost: int = 0
    duplicated: int = 0
    recovery_seconds: float = 0.0
    seconds: float = 0.0
    notes: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    skipped: str = ""

    @property
    def ok(self) -> bool:
        return not self.skipped and self.lost == 0 and self.duplicated == 0 and not self.problems


@dataclass
class Drill:
    """What a drill's fault function gets: the stack, the burst in flight, a place for notes."""

    stack: Stack
    burst: Burst
    mails: list[Mail]
    result: Result
    # When the fault was over (servers back): the clock of "recovery time" starts here.
    recovered_at: float = 0.0
    # Message-IDs expected to end failed (the poison), not done.
    expected_failed: set[str] = field(default_factory=set)
    # Message-IDs being processed when a worker was signalled.
    in_flight: list[str] = field(default_factory=list)

    def query(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        with self.stack.postgres.connect() as db:
            return db.execute(sql, params).fetchall()

    def count(self, status: str) -> int:
        return int(
            self.query(f"SELECT count(*) FROM {SCHEMA}.ingestion_inboundmessage WHERE status = %s", status)[0][0]
        )

    def wait_mid_burst(self, *, processing: bool = False) -> None:
        """Until a third of the burst is acknowledged and, if asked, a task is running
        (its Message-IDs kept in ``in_flight``, for the caller to strike at once)."""

        def running() -> list[str]:
            rows = self.query(f"SELECT message_id FROM {SCHEMA}.ingestion_inboundmessage WHERE status = 'processing'")
            return [row[0] for row in rows]

        eventually(lambda: self.burst.acknowledged() >= max(1, self.burst.total // 3), timeout=120,
                   what="the middle of the burst", every=0.05)  # fmt: skip
        if processing:
            self.in_flight = eventually(running, timeout=120, what="a running task", every=0.02)


def tree_cpu_seconds(root: int) -> float:
    """CPU seconds of a process and its live descendants, with the children they reaped."""
    ticks = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry)] = fields
            children.setdefault(int(fields[1]), []).append(int(entry))
    total, pending = 0.0, [root]
    while pending:
        pid = pending.pop()
        if (fields_of := stats.get(pid)) is not None:
            total += sum(int(value) for value in fields_of[11:15]) / ticks
            pending.extend(children.get(pid, []))
    return total


# --- The faults --------------------------------------------------------------------


def worker_sigkill(drill: Drill) -> None:
    """SIGKILL to the worker's whole process group while tasks run; a new worker starts."""
    drill.wait_mid_burst(processing=True)
    worker = drill.stack.app.workers[-1]
    drill.stack.app.worker_signal(worker, signal.SIGKILL)
    worker.wait()
    drill.result.notes["processing when killed"] = len(drill.in_flight)
    drill.stack.app.start_worker()
    drill.recovered_at = time.monotonic()


def worker_sigterm(drill: Drill) -> None:
    """A deploy: SIGTERM (Celery's warm shutdown lets running tasks finish), then a new worker."""
    drill.wait_mid_burst(processing=True)
    worker = drill.stack.app.workers[-1]
    drill.result.notes["processing at SIGTERM"] = len(drill.in_flight)
    started = time.monotonic()
    drill.stack.app.worker_signal(worker, signal.SIGTERM)
    worker.wait(timeout=120)
    drill.result.notes["warm shutdown seconds"] = round(time.monotonic() - started, 1)
    drill.result.notes["still processing after shutdown"] = drill.count("processing")
    drill.stack.app.start_worker()
    drill.recovered_at = time.monotonic()


def _answers_while(drill: Drill, seconds: float) -> dict[str, int]:
    before = dict(drill.burst.deliveries.answers)
    time.sleep(seconds)
    after = drill.burst.deliveries.answers
    return {answer: count - before.get(answer, 0) for answer, count in after.items() if count - before.get(answer, 0)}


def redis_restart(drill: Drill) -> None:
    """The broker dies (its queue with it: no persistence) and comes back 5 s later."""
    drill.wait_mid_burst()
    drill.stack.redis.stop()
    drill.result.notes["answers while Redis was down"] = _answers_while(drill, 5)
    drill.stack.redis.start()
    drill.recovered_at = time.monotonic()


def redis_full(drill: Drill) -> None:
    """maxmemory just above what Redis holds, noeviction: every write refused for 6 s, then freed."""
    drill.wait_mid_burst()
    client = drill.stack.redis.client()
    used = int(client.info("memory")["used_memory"])
    client.config_set("maxmemory-policy", "noeviction")
    client.config_set("maxmemory", used)
    drill.result.notes["answers while Redis was full"] = _answers_while(drill, 6)
    drill.result.notes["Redis error replies"] = int(client.info("stats").get("total_error_replies", 0))
    client.config_set("maxmemory", 0)
    drill.recovered_at = time.monotonic()


def postgres_restart(drill: Drill) -> None:
    """PostgreSQL stops as if it crashed (immediate mode: WAL recovery on start) and is back 5 s later."""
    drill.wait_mid_burst()
    drill.stack.postgres.stop("immediate")
    drill.result.notes["answers while PostgreSQL was down"] = _answers_while(drill, 5)
    drill.stack.postgres.start()
    drill.recovered_at = time.monotonic()


POISON_TRIGGER = f"""
CREATE OR REPLACE FUNCTION public.drill_poison() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.full_name LIKE '{POISON_NAME}%' THEN
        RAISE EXCEPTION 'drill: this row can never be written' USING ERRCODE = 'lock_not_available';
    END IF;
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS drill_poison ON {SCHEMA}.candidates_candidate;
CREATE TRIGGER drill_poison BEFORE INSERT ON {SCHEMA}.candidates_candidate
    FOR EACH ROW EXECUTE FUNCTION public.drill_poison();
"""


def poison(drill: Drill) -> None:
    """Two mails whose candidate the database refuses every time with a transient-looking
    error (SQLSTATE 55P03, lock not available: an OperationalError, which the task retries).
    They must end failed after a bounded number of attempts, without a hot loop."""
    workers = drill.stack.app.workers
    cpu_before = sum(tree_cpu_seconds(worker.pid) for worker in workers)
    started = time.monotonic()
    poisoned = sorted(drill.expected_failed)
    eventually(
        lambda: drill.query(
            f"SELECT count(*) FROM {SCHEMA}.ingestion_inboundmessage WHERE message_id = ANY(%s) AND status = 'failed'",
            poisoned,
        )[0][0] == len(poisoned),
        timeout=DRAIN_SECONDS * 2, what="the poison messages to end failed", every=0.5,
    )  # fmt: skip
    drill.result.notes["seconds until the poison failed"] = round(time.monotonic() - started, 1)
    drill.result.notes["worker CPU seconds meanwhile"] = round(
        sum(tree_cpu_seconds(worker.pid) for worker in workers) - cpu_before, 1
    )
    rows = drill.query(
        f"SELECT attempts, reason FROM {SCHEMA}.ingestion_inboundmessage WHERE message_id = ANY(%s)", poisoned
    )
    drill.result.notes["poison attempts"] = [row[0] for row in rows]
    drill.result.notes["poison reason"] = sorted({row[1] for row in rows})
    drill.recovered_at = started


def _fill(directory: Path) -> Path:
    """Fill the file system of ``directory`` to the last byte."""
    filler = directory / "drill-filler"
    # Unbuffered: a buffer left over would fail again when the file is closed.
    with filler.open("wb", buffering=0) as out:
        for block in (65536, 512):  # then the last partial block, so that not even a small file fits
            try:
                while True:
                    out.write(b"\0" * block)
            except OSError:
                pass
    return filler


def disk_full(drill: Drill) -> None:
    """MEDIA_ROOT (a small tmpfs) filled up mid-burst; after space is freed, the failed
    messages go through the staff console's reprocess service."""
    drill.wait_mid_burst()
    filler = _fill(drill.stack.media)
    drill.result.notes["full at acknowledged"] = drill.burst.acknowledged()
    eventually(
        lambda: drill.query(
            f"SELECT count(*) FROM {SCHEMA}.ingestion_inboundmessage WHERE error LIKE %s", "%No space left%"
        )[0][0] > 0,
        timeout=60, what="a message failing on the full disk",
    )  # fmt: skip
    drill.burst.join()  # the whole burst lands while the disk is full
    eventually(
        lambda: drill.count("received") + drill.count("processing") == 0,
        timeout=DRAIN_SECONDS, what="the queue to drain on the full disk",
    )  # fmt: skip
    rows = drill.query(f"SELECT status, reason, left(error, 60) FROM {SCHEMA}.ingestion_inboundmessage")
    failures = [row for row in rows if row[0] == "failed"]
    drill.result.notes["failed on the full disk"] = len(failures)
    drill.result.notes["their reason and error"] = sorted({f"{row[1]}: {row[2]}" for row in failures})
    filler.unlink()
    out = subprocess.run(
        [sys.executable, "-m", "scripts.drills.reprocess"], cwd=ROOT, env=drill.stack.app.env,
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    drill.result.notes["reprocessed"] = int(out.strip().splitlines()[-1])
    drill.recovered_at = time.monotonic()


@dataclass(frozen=True)
class Spec:
    fault: Callable[[Drill], None]
    # Seconds each sender thread waits between mails: long enough a burst for the fault to land in.
    pace: float = 0.05
    poison: int = 0
    media_mount: bool = False


DRILLS: dict[str, Spec] = {
    "worker-sigkill": Spec(worker_sigkill),
    "worker-sigterm": Spec(worker_sigterm),
    "redis-restart": Spec(redis_restart, pace=0.2),
    "redis-full": Spec(redis_full, pace=0.2),
    "postgres-restart": Spec(postgres_restart, pace=0.2),
    "poison": Spec(poison, poison=2),
    "disk-full": Spec(disk_full, media_mount=True),
}


# --- Running and counting ---------------------------------------------------------


def run_drill(stack: Stack, name: str, messages: int) -> Result:
    spec = DRILLS[name]
    result = Result(drill=name)
    if spec.media_mount and not stack.media_mounted:
        result.skipped = "no small file system for MEDIA_ROOT (mount -t tmpfs refused here)"
        return result
    stack.reset()
    started = time.monotonic()
    run = uuid.uuid4().hex[:8]
    mails = [make_mail(number, run=run) for number in range(messages)]
    mails += [make_mail(messages + k, run=run, name=f"{POISON_NAME} {k}") for k in range(spec.poison)]
    with stack.postgres.connect() as db:
        if spec.poison:
            db.execute(POISON_TRIGGER)
        else:
            db.execute(f"DROP TRIGGER IF EXISTS drill_poison ON {SCHEMA}.candidates_candidate")
    app = stack.app
    app.start_server()
    app.start_worker()
    app.start_beat()
    app.supervise()
    try:
        burst = Burst(app.port, mails, senders=4, pace=spec.pace)
        drill = Drill(stack=stack, burst=burst, mails=mails, result=result)
        drill.expected_failed = {mail.message_id for mail in mails[messages:]}
        spec.fault(drill)
        result.notes["waiting when the fault ended"] = drill.count("received") + drill.count("processing")
        deliveries = burst.join()
        repeats = Deliveries()
        send_all(app.port, [mail for mail in mails if mail.number % REPEAT_EVERY == 0], repeats)
        drain(drill)
        result.recovery_seconds = round(time.monotonic() - (drill.recovered_at or started), 1)
        result.notes["repeat deliveries"] = f"{repeats.posts} posts, answers {dict(repeats.answers)}"
        result.notes["restarted by the supervisor"] = list(app.restarts)
        tally(drill, deliveries, repeats)
    finally:
        app.stop_all()
    result.seconds = round(time.monotonic() - started, 1)
    return result


def drain(drill: Drill) -> None:
    """Until every stored message is done or failed (the sweeper re-enqueues what the fault stranded)."""
    try:
        eventually(
            lambda: drill.count("received") + drill.count("processing") == 0,
            timeout=DRAIN_SECONDS + LEASE_SECONDS, what="the queue to drain", every=0.5,
        )  # fmt: skip
    except TimeoutError as error:
        drill.result.problems.append(str(error))


def tally(drill: Drill, deliveries: Deliveries, repeats: Deliveries) -> None:
    result = drill.result
    sent = {mail.message_id for mail in drill.mails}
    result.sent = len(sent)
    result.posts = deliveries.posts + repeats.posts
    result.provider_retries = deliveries.retries + repeats.retries
    result.answers = dict(deliveries.answers + repeats.answers)
    rows = drill.query(
        f"SELECT message_id, status, reason, error, attempts FROM {SCHEMA}.ingestion_inboundmessage ORDER BY id"
    )
    by_id: dict[str, list[tuple[Any, ...]]] = {}
    for row in rows:
        by_id.setdefault(row[0], []).append(row)
    result.stored = len(by_id.keys() & sent)
    statuses = {message_id: [row[1] for row in found] for message_id, found in by_id.items()}
    result.processed = sum("done" in found for found in statuses.values())
    result.failed = sum("failed" in found for found in statuses.values())
    never_stored = sent - by_id.keys()
    unfinished = {mid for mid, found in statuses.items() if not {"done", "failed"} & set(found)}
    wrongly_failed = {mid for mid, found in statuses.items() if "failed" in found} - drill.expected_failed
    result.lost = len(never_stored) + len(unfinished)
    if never_stored:
        result.problems.append(f"never stored: {sorted(never_stored)[:5]}")
    if unfinished:
        result.problems.append(f"stored but never done nor failed: {sorted(unfinished)[:5]}")
    if wrongly_failed:
        reasons = sorted({f"{row[2]}: {str(row[3])[:80]}" for mid in wrongly_failed for row in by_id[mid]})
        result.problems.append(f"{len(wrongly_failed)} failed that should be done: {reasons[:3]}")
    if undelivered := deliveries.undelivered | repeats.undelivered:
        result.notes["provider gave up on"] = len(undelivered)
    doubled_messages = sum(len(found) - 1 for found in by_id.values())
    doubled_people = drill.query(
        f"SELECT count(*) - count(DISTINCT email) FROM {SCHEMA}.candidates_candidate, unnest(emails) AS email"
    )[0][0]
    doubled_resumes = drill.query(
        f"SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM {SCHEMA}.candidates_resume"
        " GROUP BY candidate_id) AS per_candidate"
    )[0][0]
    damaged = damaged_files(drill)
    result.duplicated = doubled_messages + int(doubled_people) + int(doubled_resumes)
    for what, count in (("messages", doubled_messages), ("candidates", doubled_people), ("resumes", doubled_resumes)):
        if count:
            result.problems.append(f"{count} duplicated {what}")
    if damaged:
        result.problems.append(f"{len(damaged)} resume files missing or truncated: {damaged[:3]}")
    attempts = [int(row[4]) for row in rows if row[0] not in drill.expected_failed]
    result.notes["messages attempted more than once"] = sum(count > 1 for count in attempts)
    result.notes["most attempts"] = max(attempts, default=0)
    if drill.in_flight:
        ends = [f"{row[1]} after {row[4]}" for mid in drill.in_flight for row in by_id.get(mid, [])]
        result.notes["in flight at the signal, in the end"] = sorted(ends)
    candidates = drill.query(f"SELECT count(*) FROM {SCHEMA}.candidates_candidate")[0][0]
    result.notes["candidates"] = int(candidates)
    if result.processed != int(candidates):
        result.problems.append(f"{result.processed} messages done but {candidates} candidates")


def damaged_files(drill: Drill) -> list[str]:
    """Resume rows whose stored file is missing or not the size of the resume."""
    damaged = []
    for name, size in drill.query(f"SELECT file, size FROM {SCHEMA}.candidates_resume"):
        path = drill.stack.media / name
        if not path.is_file() or path.stat().st_size != size:
            damaged.append(name)
    return damaged


def run_drills(stack: Stack, names: list[str], messages: int) -> list[Result]:
    results = []
    for name in names:
        print(f"-- {name}: {messages} mails", flush=True)
        try:
            result = run_drill(stack, name, messages)
        except (OSError, RuntimeError, TimeoutError, subprocess.SubprocessError) as error:
            # A drill that could not finish is a failed drill; the others still run.
            result = Result(drill=name, problems=[f"did not finish: {type(error).__name__}: {error}"])
        print(f"   {'ok' if result.ok else 'FAILED'} in {result.seconds} s: {format_notes(result)}", flush=True)
        results.append(result)
    return results


def format_notes(result: Result) -> str:
    if result.skipped:
        return f"skipped: {result.skipped}"
    notes = [f"answers: {result.answers}", *(f"{key}: {value}" for key, value in result.notes.items())]
    return "; ".join([*notes, *result.problems])


def table(results: list[Result]) -> str:
    head = (
        "| drill | sent | posts | provider retries | stored | processed | failed | lost | duplicated | recovery |\n"
        "|---|---|---|---|---|---|---|---|---|---|"
    )
    lines = [head]
    for r in results:
        if r.skipped:
            lines.append(f"| {r.drill} | skipped: {r.skipped} |||||||||")
            continue
        lines.append(
            f"| {r.drill} | {r.sent} | {r.posts} | {r.provider_retries} | {r.stored} | {r.processed} | {r.failed}"
            f" | {r.lost} | {r.duplicated} | {r.recovery_seconds} s |"
        )
    return "\n".join(lines)
