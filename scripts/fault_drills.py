"""Fault drills for email ingestion: worker SIGKILL and SIGTERM, Redis restarted and
full, PostgreSQL restarted, a poison message, the disk for stored files full.

    .venv/bin/python scripts/fault_drills.py [--drill NAME ...] [--messages N]

Starts its own PostgreSQL cluster (initdb under a temporary folder, its own port,
run as the postgres user), its own redis-server, gunicorn and Celery (workers and
beat, the sweeper every 2 s), provisions a tenant with the project's own commands,
and runs each drill (scripts/drills/drills.py): a burst of N distinct resumes
through the signed Mailgun webhook, the fault in the middle of it, recovery, the
queue drained, then the count in the database. Prints a table; exits 1 if any
drill lost or doubled a mail. Needs root for the tmpfs of the disk-full drill
(skipped, and said so, where it cannot mount one). The shared PostgreSQL and
Redis of the machine are never touched.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.drills.drills import DRILLS, format_notes, run_drills, table  # after sys.path
from scripts.drills.stack import running_stack

# The tmpfs of the disk-full drill: room for a few hundred one-page resumes.
MEDIA_BYTES = 1024 * 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--drill", action="append", choices=sorted(DRILLS), help="run only these (repeatable)")
    parser.add_argument("--messages", type=int, default=60, help="distinct mails per drill (default 60)")
    parser.add_argument("--keep-logs", action="store_true", help="keep the stack's folder and its logs at the end")
    args = parser.parse_args()
    names = args.drill or list(DRILLS)
    media = MEDIA_BYTES if "disk-full" in names else 0
    with running_stack(tiny_media_bytes=media, keep_logs=args.keep_logs) as stack:
        print(f"stack in {stack.base}: PostgreSQL :{stack.postgres.port}, Redis :{stack.redis.port}", flush=True)
        results = run_drills(stack, names, args.messages)
    print()
    print(table(results))
    print()
    for result in results:
        print(f"{result.drill}: {format_notes(result)}")
    failed = [result.drill for result in results if not result.ok and not result.skipped]
    if failed:
        print(f"\nFAILED: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
