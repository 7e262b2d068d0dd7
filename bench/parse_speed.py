"""Field parsing speed: parse() alone on the extracted Documents of the sample resumes.

    .venv/bin/python bench/parse_speed.py [DIR ...] [--rounds 20] [--cpu] [--against TREE]

Extraction runs once per file, outside the timing; then every Document is
parsed ``--rounds`` times and the best round per file is kept (the least
disturbed by other work on the machine). Prints per-resume milliseconds and the
resulting resumes per second on one core. Goal (issue 4): at most 2 ms per
resume, at least 60 resumes per second per core. ``--cpu`` times with the
process's CPU clock instead of the wall clock: on a machine shared with other
work it counts less of the time spent waiting for a core.

``--against TREE`` also times the parser of another checkout (made with
``git worktree add TREE <commit>``) on the same Documents, the two parsers
alternating file by file (which one goes first alternates by round), so that
both see the same machine load; it prints both and their ratio.
"""

import argparse
import datetime
import importlib.util
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from apps.ingestion.document import Document  # noqa: E402
from apps.ingestion.parsing import parse  # noqa: E402
from apps.ingestion.parsing.resume import clear_caches  # noqa: E402
from bench.parse_accuracy import resumes_in, sandboxed_extract  # noqa: E402

DEFAULT_DIRS = [str(ROOT.parent / "shared" / "data" / "resumes")]
TODAY = datetime.date(2026, 11, 26)


class Parser:
    """One parser under test: its parse() and the cache reset that makes each parse a first one."""

    def __init__(self, label: str, parse: Callable[..., Any], clear: Callable[[], None]) -> None:
        self.label = label
        self.parse = parse
        self.clear = clear
        self.best: dict[str, float] = {}

    def time(self, name: str, document: Document, clock: Callable[[], float]) -> None:
        self.clear()  # a resume is parsed once in production: no help from a previous round
        started = clock()
        self.parse(document, today=TODAY)
        elapsed = (clock() - started) * 1000
        self.best[name] = min(self.best.get(name, elapsed), elapsed)


def load_tree_parsing(tree: Path) -> ModuleType:
    """The parsing package of another checkout, imported under its own name beside ours
    (its modules import each other relatively; the rest of ``apps`` is shared)."""
    package = tree / "apps" / "ingestion" / "parsing"
    name = "baseline_parsing"
    spec = importlib.util.spec_from_file_location(
        name, package / "__init__.py", submodule_search_locations=[str(package)]
    )
    if spec is None or spec.loader is None:
        raise SystemExit(f"no parsing package in {tree}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    importlib.import_module(f"{name}.resume")
    return module


def summary(times: list[float]) -> str:
    mean = statistics.fmean(times)
    return (
        f"median {statistics.median(times):.3f} ms, mean {mean:.3f} ms, max {max(times):.3f} ms "
        f"-> {1000 / mean:.0f} resumes/s on one core"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", default=DEFAULT_DIRS)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--cpu", action="store_true", help="time with the process CPU clock")
    parser.add_argument("--against", type=Path, help="a checkout whose parser to time alternately with this one")
    args = parser.parse_args(argv)
    clock = time.process_time if args.cpu else time.perf_counter
    paths = resumes_in(args.dirs)
    documents = [(p.name, sandboxed_extract(p.read_bytes(), p.name)) for p in paths]
    parsers = [Parser("this", parse, clear_caches)]
    if args.against is not None:
        baseline = load_tree_parsing(args.against.resolve())
        parsers.append(Parser(str(args.against), baseline.parse, sys.modules["baseline_parsing.resume"].clear_caches))
    for p in parsers:  # warm caches (taxonomy, gazetteer, compiled patterns)
        for _, document in documents:
            p.parse(document, today=TODAY)
    for round_number in range(args.rounds):
        order = parsers if round_number % 2 == 0 else parsers[::-1]
        for name, document in documents:
            for p in order:
                p.time(name, document, clock)
    ours = parsers[0].best
    for name, document in documents:
        others = "".join(f"  {p.best[name]:7.3f} ms" for p in parsers[1:])
        print(f"{ours[name]:7.3f} ms{others}  {len(document.lines):4d} lines  {name}")
    print(f"clock: {'process CPU' if args.cpu else 'wall'}, best of {args.rounds} rounds")
    print(f"\n{len(ours)} resumes")
    for p in parsers:
        print(f"{p.label:>12}: {summary(list(p.best.values()))}")
    if len(parsers) == 2:
        theirs = parsers[1].best
        ratios = [ours[n] / theirs[n] for n in ours]
        print(
            f"{'ratio':>12}: median {statistics.median(ours.values()) / statistics.median(theirs.values()):.2f}, "
            f"mean {statistics.fmean(ours.values()) / statistics.fmean(theirs.values()):.2f}, "
            f"per-file median {statistics.median(ratios):.2f} (this / {parsers[1].label})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
