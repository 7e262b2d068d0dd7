"""Mailbox reimport speed: messages per second and peak RSS of `manage.py reimport_mailbox --mbox`.

    .venv/bin/python bench/reimport_speed.py [--messages 10000] [--keep DIR]
    .venv/bin/python bench/reimport_speed.py --stream 50000   # reader only: peak RSS at 1,000 and N messages

Builds an mbox of N messages in a temporary directory from the six shared derived
messages (../shared/data/email/derived/applications.mbox, read in place): copy k of
message m gets its own Message-ID, so every one is new to the store. The tenant
``reimport`` in the scratch database bench_ats (provisioned here, emptied before
each run) receives them. Each run is its own process, timed from start to exit
(Django start-up included) with its peak RSS from wait4():

1. import: every message new (message_store: parse, insert the row with its raw
   MIME and attachment rows, enqueue on commit; no worker runs);
2. again: the same mbox once more, every message already known;
3. dry run: parse and look up only.

Processing is enqueued to Redis database 12 (a queue no worker reads; emptied at
the end). The per-sender flood limit is off (INGESTION_SENDER_LIMIT=0): the
mailbox has six senders, and the limit is the webhooks' guard, not the cost
measured here. Baseline in the same run: reading the mbox alone (MboxReader, in
this process) and an empty mbox through the command (start-up cost).
"""

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BENCH_DATABASE, ROOT, bench_env, run, with_database

SHARED_MBOX = ROOT.parent / "shared" / "data" / "email" / "derived" / "applications.mbox"
TENANT = "reimport"
SCHEMA = "t_reimport"
BROKER = "redis://127.0.0.1:6379/12"


def build_mbox(path: Path, count: int) -> int:
    from apps.ingestion.mailbox import MboxReader

    with MboxReader(SHARED_MBOX) as reader:
        originals = [message.raw for message in reader.messages()]
    message_id = re.compile(rb"^(Message-I[Dd]:\s*<)", re.MULTILINE)
    with path.open("wb") as out:
        for number in range(count):
            raw = originals[number % len(originals)]
            raw = message_id.sub(rb"\g<1>bench-%d-" % number, raw, count=1)
            out.write(b"From bench@example.org Tue Mar  4 09:15:00 2025\n")
            out.write(re.sub(rb"(?m)^(>*From )", rb">\1", raw))
            out.write(b"\n")
    return path.stat().st_size


def empty_tenant(env: dict[str, str]) -> None:
    import psycopg

    with psycopg.connect(with_database(os.environ["DATABASE_OWNER_URL"], BENCH_DATABASE)) as owner:
        owner.execute(f"TRUNCATE {SCHEMA}.ingestion_inboundmessage CASCADE")


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Seconds, peak RSS in MiB and the last line of stdout of one manage.py process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} exited {process.returncode}:\n{out}")
    return elapsed, usage.ru_maxrss / 1024, out.strip().splitlines()[-1] if out.strip() else ""


_READ = """
import sys
from pathlib import Path
from apps.ingestion.mailbox import MboxReader, envelope_of, headers
count = 0
with MboxReader(Path(sys.argv[1])) as reader:
    for message in reader.messages():
        envelope_of(headers(message.raw), slug="reimport")
        count += 1
print(count)
"""


def stream(count: int) -> None:
    """Peak RSS of a process that reads (and parses the headers of) every message of
    mboxes of 1,000 and ``count`` messages: flat if the reader streams."""
    directory = Path(tempfile.mkdtemp(prefix="reimport-stream-"))
    try:
        for size in (1_000, count):
            path = directory / f"stream-{size}.mbox"
            megabytes = build_mbox(path, size) / 2**20
            started = time.perf_counter()
            process = subprocess.Popen(
                [sys.executable, "-c", _READ, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
            )
            assert process.stdout is not None
            read = process.stdout.read().strip()
            _, _, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter() - started
            print(
                f"read {read} messages ({megabytes:,.0f} MiB) in {elapsed:.1f} s:"
                f" peak RSS {usage.ru_maxrss / 1024:.1f} MiB"
            )
            path.unlink()
    finally:
        for leftover in directory.iterdir():
            leftover.unlink()
        directory.rmdir()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="build the mbox in this directory and keep it")
    parser.add_argument("--stream", type=int, metavar="N", help="only: the reader's peak RSS at 1,000 and N messages")
    options = parser.parse_args()
    if options.stream:
        stream(options.stream)
        return

    env = bench_env("bench.settings_tenant", INGESTION_SENDER_LIMIT="0", CELERY_BROKER_URL=BROKER)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_tenant")
    run(["manage.py", "setup_database"], env)
    run(["manage.py", "migrate_schemas", "--shared", "--verbosity", "0"], env)
    run(["manage.py", "provision_tenant", TENANT, "--name", "Reimport", "--domain", "reimport.localhost"], env)
    run(["manage.py", "migrate_schemas", "--tenant", "--schema", SCHEMA, "--verbosity", "0"], env)

    directory = options.keep or Path(tempfile.mkdtemp(prefix="reimport-bench-"))
    directory.mkdir(parents=True, exist_ok=True)
    mbox, empty = directory / f"bench-{options.messages}.mbox", directory / "empty.mbox"
    started = time.perf_counter()
    size = build_mbox(mbox, options.messages)
    empty.write_bytes(b"")
    built = time.perf_counter() - started
    print(f"mbox: {options.messages:,} messages, {size / 2**20:,.1f} MiB, built in {built:.1f} s")

    import django

    django.setup()
    from apps.ingestion.mailbox import MboxReader

    started = time.perf_counter()
    with MboxReader(mbox) as reader:
        read = sum(1 for _ in reader.messages())
    reading = time.perf_counter() - started
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"read only (MboxReader, in process): {read:,} messages in {reading:.2f} s = {read / reading:,.0f}/s")
    print(f"  peak RSS of this process so far: {peak_self:.0f} MiB")

    command = ["reimport_mailbox", "--tenant", TENANT, "--verbosity", "0"]
    empty_tenant(env)
    startup, startup_rss, _ = timed([*command, "--mbox", str(empty)], env)
    print(f"start-up (empty mbox): {startup:.2f} s, peak RSS {startup_rss:.0f} MiB")
    for label, extra in (("import", []), ("again", []), ("dry run", ["--dry-run"])):
        elapsed, rss, summary = timed([*command, "--mbox", str(mbox), *extra], env)
        rate, net_rate = options.messages / elapsed, options.messages / max(elapsed - startup, 1e-9)
        print(
            f"{label}: {elapsed:.1f} s = {rate:,.0f} messages/s ({net_rate:,.0f}/s without start-up),"
            f" peak RSS {rss:.0f} MiB\n  {summary}"
        )
    empty_tenant(env)

    import redis

    redis.Redis.from_url(BROKER).delete("celery")
    if options.keep is None:
        mbox.unlink()
        empty.unlink()
        directory.rmdir()


if __name__ == "__main__":
    main()
