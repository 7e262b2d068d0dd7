"""Field parsing speed: parse() alone on the extracted Documents of the sample resumes.

    .venv/bin/python bench/parse_speed.py [DIR ...] [--rounds 20]

Extraction runs once per file, outside the timing; then every Document is
parsed ``--rounds`` times and the best round per file is kept (the least
disturbed by other work on the machine). Prints per-resume milliseconds and the
resulting resumes per second on one core. Goal (issue 4): at most 2 ms per
resume, at least 60 resumes per second per core. ``--cpu`` times with the
process's CPU clock instead of the wall clock: on a machine shared with other
work it counts less of the time spent waiting for a core.
"""

import argparse
import datetime
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from apps.ingestion.parsing import parse  # noqa: E402
from apps.ingestion.parsing.resume import clear_caches  # noqa: E402
from bench.parse_accuracy import resumes_in, sandboxed_extract  # noqa: E402

DEFAULT_DIRS = [str(ROOT.parent / "shared" / "data" / "resumes")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", default=DEFAULT_DIRS)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--cpu", action="store_true", help="time with the process CPU clock")
    args = parser.parse_args(argv)
    clock = time.process_time if args.cpu else time.perf_counter
    paths = resumes_in(args.dirs)
    documents = [(p.name, sandboxed_extract(p.read_bytes(), p.name)) for p in paths]
    today = datetime.date(2026, 11, 26)
    for _, document in documents:  # warm caches (taxonomy, gazetteer, compiled patterns)
        parse(document, today=today)
    best: dict[str, float] = {}
    for _ in range(args.rounds):
        for name, document in documents:
            clear_caches()  # a resume is parsed once in production: no help from a previous round
            started = clock()
            parse(document, today=today)
            elapsed = (clock() - started) * 1000
            best[name] = min(best.get(name, elapsed), elapsed)
    for name, document in documents:
        print(f"{best[name]:7.3f} ms  {len(document.lines):4d} lines  {name}")
    print(f"clock: {'process CPU' if args.cpu else 'wall'}, best of {args.rounds} rounds")
    times = list(best.values())
    mean = statistics.fmean(times)
    print(
        f"\n{len(times)} resumes: median {statistics.median(times):.3f} ms, mean {mean:.3f} ms, "
        f"max {max(times):.3f} ms -> {1000 / mean:.0f} resumes/s on one core"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
