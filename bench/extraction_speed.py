"""Extraction speed and memory, each against a baseline measured in the same run.

- Text PDFs: bare PyMuPDF (open + ``page.get_text()`` per page) against
  ``extract_in_process`` and the sandboxed ``extract`` (goal: at most 2.5x bare on a
  2-3 page resume). ``--forkserver`` adds the alternative design, a fresh fork per file
  from a multiprocessing forkserver with the extractors preloaded.
- OCR: bare single-threaded Tesseract (``OMP_THREAD_LIMIT=1 tesseract page.png -``)
  on every page rendered at the same 200 DPI, against ``extract_in_process`` of the
  scanned PDF (goal: at most 1.1x bare English Tesseract), in CPU seconds of this process
  and its children, so that other load on the machine does not count; ours is split into
  Tesseract's share and our own (rendering, filtering, the repairs of ocr_words.py). Bare
  Tesseract runs three ways in the same run: in English, in the page's language (from the
  truth beside the scan; English when it names none) and in that language with English.
  ``--expected`` also times ours as for a tenant that expects the scan's language
  (Limits.ocr_language: page 1 read once, in it with English).
  The scans are ``DATA/scanned/*.pdf``, or ``--scans DIR`` (``*.scan.pdf``,
  bench/make_resume_corpus.py).
- Memory: the parent's resident memory over ``--files`` sandboxed extractions of the
  sample files (goal: flat; the issue's full run is ``--files 10000``).

    .venv/bin/python bench/extraction_speed.py [--data DIR] [--repeat 7] [--files 2000]
        [--skip-ocr] [--skip-memory] [--forkserver] [--scans DIR] [--skip-text] [--against TREE]
        [--expected]
"""

import argparse
import json
import multiprocessing
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pymupdf  # noqa: E402  # after the path: the project's packages come from ROOT

from apps.ingestion.extraction import Limits, extract, extract_in_process, sandbox  # noqa: E402
from apps.ingestion.extraction.ocr import _Engine as Engine  # noqa: E402

mupdf: Any = pymupdf  # partly annotated; as Any its calls need no ignores
DPI = 200


def bare_pymupdf(data: bytes) -> None:
    document = mupdf.open(stream=data, filetype="pdf")
    for page in document:
        page.get_text()
    document.close()


def timed(function: Callable[[bytes], object], data: bytes) -> float:
    started = time.perf_counter()
    function(data)
    return (time.perf_counter() - started) * 1000


def text_pdfs(folder: Path, repeat: int, forkserver: bool) -> None:
    print(f"\n== Text PDFs: median of {repeat} runs per file, ms (ratio to bare PyMuPDF)")
    runners: dict[str, Callable[[bytes], object]] = {
        "bare": bare_pymupdf,
        "in_process": extract_in_process,
        "sandboxed": extract,
    }
    if forkserver:
        runners["forkserver"] = _forkserver_runner()
    header = f"{'file':48} {'pages':>5} " + " ".join(f"{name:>18}" for name in runners)
    print(header)
    totals: dict[str, list[float]] = {name: [] for name in runners}
    short: dict[str, list[float]] = {name: [] for name in runners}
    for path in sorted(folder.glob("*.pdf")):
        data = path.read_bytes()
        pages = mupdf.open(stream=data, filetype="pdf").page_count
        for function in runners.values():
            function(data)  # warm: fonts loaded, the sandbox's child started
        samples: dict[str, list[float]] = {name: [] for name in runners}
        for _ in range(repeat):
            for name, function in runners.items():  # interleaved, so drift hits all alike
                samples[name].append(timed(function, data))
        medians = {name: statistics.median(values) for name, values in samples.items()}
        cells = " ".join(
            f"{medians[name]:8.2f} ({medians[name] / medians['bare']:4.2f}x)".rjust(18) for name in runners
        )
        print(f"{path.name[:48]:48} {pages:5d} {cells}")
        for name in runners:
            totals[name].append(medians[name])
            if 2 <= pages <= 3:
                short[name].append(medians[name])
    for label, group in (("all files", totals), ("2-3 page files", short)):
        if not group["bare"]:
            continue
        bare = sum(group["bare"])
        figures = ", ".join(
            f"{name} {sum(values) / len(values):.2f} ms/file ({sum(values) / bare:.2f}x)"
            for name, values in group.items()
        )
        print(f"{label} ({len(group['bare'])}): {figures}")
    print("goal: sandboxed <= 2.5x bare on 2-3 page resumes")


def _forked_job(data: bytes, answer: Connection) -> None:
    answer.send(extract_in_process(data))
    answer.close()


def _forkserver_runner() -> Callable[[bytes], object]:
    """The design not taken: a fresh fork per file from a warm forkserver."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["apps.ingestion.extraction.core"])

    def run(data: bytes) -> object:
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_forked_job, args=(data, sender))
        process.start()
        sender.close()
        document = receiver.recv()
        process.join()
        return document

    return run


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _cpu(function: Callable[[], object]) -> tuple[float, float]:
    """CPU seconds of ``function``: (this process's, its child processes')."""
    own, children = time.process_time(), _children_cpu()
    function()
    return time.process_time() - own, _children_cpu() - children


# CPU seconds spent inside Tesseract, which ocr.py runs in this process.
_in_tesseract = [0.0]
_read = Engine.tsv


def _timed_read(engine: Engine, image: Any, *, dpi: int, psm: int, seconds: float) -> str:
    started = time.process_time()
    try:
        return _read(engine, image, dpi=dpi, psm=psm, seconds=seconds)
    finally:
        _in_tesseract[0] += time.process_time() - started


Engine.tsv = _timed_read  # type: ignore[method-assign,assignment]  # timed, to split our CPU from Tesseract's


def _split_cpu(function: Callable[[], object]) -> tuple[float, float]:
    """CPU seconds of ``function``: (ours, Tesseract's), in this process and its children."""
    tesseract = _in_tesseract[0]
    own, children = _cpu(function)
    spent = _in_tesseract[0] - tesseract
    return own - spent, spent + children


# The truth's language (bench/make_resume_corpus.py writes it, and other generators the
# codes of other languages) as Tesseract's model name; Bulgarian is read with Russian's.
_TESSERACT_LANGUAGE = {
    "en": "eng", "de": "deu", "fr": "fra", "es": "spa", "pt": "por", "it": "ita", "nl": "nld", "pl": "pol",
    "cs": "ces", "tr": "tur", "ro": "ron", "ru": "rus", "uk": "ukr", "sr": "srp", "bg": "rus", "el": "ell",
    "ar": "ara", "he": "heb", "zh": "chi_sim", "zh-tw": "chi_tra", "ja": "jpn", "ko": "kor", "hi": "hin", "th": "tha",
}  # fmt: skip


def scan_language(path: Path) -> str:
    """The Tesseract model of the scan's language, from the truth beside it; eng when it says none."""
    truth = path.with_name(path.name + ".expected.json")
    if not truth.is_file():
        return "eng"
    source = json.loads(truth.read_text()).get("source", {})
    return _TESSERACT_LANGUAGE.get(source.get("language", "en"), "eng") if isinstance(source, dict) else "eng"


# Runs in a child process on another checkout's code: reads a scan's path per line and
# answers with the CPU seconds of its extraction, its own and its children's (Tesseract).
_AGAINST_HELPER = """
import resource, sys, time
from apps.ingestion.extraction import extract_in_process
def children():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
for line in sys.stdin:
    data = open(line.rstrip("\\n"), "rb").read()
    own, kids = time.process_time(), children()
    document = extract_in_process(data)
    print(time.process_time() - own, children() - kids, int(document.ocr_used), flush=True)
"""


class OtherTree:
    """Another checkout's ``extract_in_process`` (``git worktree add TREE <commit>``), in a child process."""

    def __init__(self, tree: Path) -> None:
        self.process = subprocess.Popen(
            [str(tree / ".venv" / "bin" / "python"), "-c", _AGAINST_HELPER],
            cwd=tree,
            env={**os.environ, "PYTHONPATH": str(tree), "OMP_THREAD_LIMIT": "1"},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def cpu(self, path: Path) -> tuple[float, float]:
        """(Python, Tesseract) CPU seconds of extracting ``path`` there."""
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(f"{path}\n")
        self.process.stdin.flush()
        python, tess, ocr_used = self.process.stdout.readline().split()
        assert ocr_used == "1", path
        return float(python), float(tess)

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait()


def ocr(scans: list[Path], repeat: int, against: Path | None = None, expected: bool = False) -> None:
    """Our OCR against three bare Tesseract runs over the same pages, all in one run.

    The baselines: bare Tesseract in English (``-l eng``, the goal's); told the page's
    language (``-l fra``, what a user who knows it would type); and that language with
    English (``-l fra+eng``, for the English words of a French resume). On an English page
    the three are one and the same run. ``against`` is another checkout (the code before
    a change) whose OCR is timed in the same rounds. With ``expected``, ours is also timed
    as for a tenant that expects its resumes in the page's language (Limits.ocr_language).
    """
    if not scans:
        return
    print(f"\n== OCR at {DPI} DPI, every page: {repeat} runs each, interleaved; CPU seconds, minimum")
    columns = ["eng", "lang", "l+eng", "ours", "(tess.", "py)", "/eng", "/lang", "/l+eng"]
    if against is not None:
        columns += ["before", "/eng"]
    if expected:
        columns += ["expect", "/eng", "/lang", "/l+eng"]
    print(f"{'file':40} {'lang':>4} {'pages':>5} " + " ".join(f"{name:>7}" for name in columns))
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    tesseract = shutil.which("tesseract") or "tesseract"
    other = OtherTree(against) if against is not None else None
    # Per group: bare eng, bare lang, bare lang+eng, ours, ours in Tesseract, ours in Python,
    # before, ours expecting the page's language.
    totals: dict[str, list[float]] = {group: [0.0] * 8 for group in ("all", "English", "other")}
    pages_in = dict.fromkeys(totals, 0)
    with tempfile.TemporaryDirectory() as scratch:
        for path in scans:
            data = path.read_bytes()
            lang = scan_language(path)
            pngs = []
            for number, page in enumerate(mupdf.open(stream=data, filetype="pdf")):
                png = Path(scratch) / f"page{number}.png"
                page.get_pixmap(dpi=DPI, colorspace=mupdf.csGRAY).save(str(png))
                pngs.append(png)

            def bare(languages: str, pages: list[Path] = pngs) -> Callable[[], None]:
                def run() -> None:
                    for png in pages:
                        command = [tesseract, str(png), "-", "-l", languages]
                        subprocess.run(command, env=env, capture_output=True, check=True)

                return run

            baselines = {"eng": bare("eng")}
            if lang != "eng":
                baselines |= {"lang": bare(lang), "lang+eng": bare(f"{lang}+eng")}

            def ours(scan: bytes = data, language: str = "") -> None:
                document = extract_in_process(scan, limits=Limits(ocr_language=language))
                assert document.ocr_used, document.reason

            def ours_expecting(scan: bytes = data, language: str = lang) -> None:
                ours(scan, language)

            ours()  # warm: imports, the language models in the page cache
            if expected:
                ours_expecting()
            if other is not None:
                other.cpu(path)
            bare_runs: dict[str, list[float]] = {name: [] for name in baselines}
            our_runs: list[tuple[float, float]] = []
            before_runs: list[float] = []
            expecting_runs: list[float] = []
            for _ in range(repeat):  # interleaved, so drift hits all alike
                for name, baseline in baselines.items():
                    bare_runs[name].append(sum(_cpu(baseline)))
                our_runs.append(_split_cpu(ours))
                if other is not None:
                    before_runs.append(sum(other.cpu(path)))
                if expected:
                    expecting_runs.append(sum(_cpu(ours_expecting)))
            python, tess = min(our_runs, key=sum)
            eng = min(bare_runs["eng"])
            native = min(bare_runs.get("lang", bare_runs["eng"]))
            mixed = min(bare_runs.get("lang+eng", bare_runs["eng"]))
            before = min(before_runs, default=0.0)
            expecting = min(expecting_runs, default=0.0)
            figures = (eng, native, mixed, python + tess, tess, python, before, expecting)
            for group in ("all", "English" if lang == "eng" else "other"):
                totals[group] = [total + figure for total, figure in zip(totals[group], figures, strict=True)]
                pages_in[group] += len(pngs)
            cells = [eng, native, mixed, python + tess, tess, python]
            ratios = [(python + tess) / eng, (python + tess) / native, (python + tess) / mixed]
            row = " ".join(f"{cell:7.3f}" for cell in cells) + " " + " ".join(f"{r:6.2f}x" for r in ratios)
            if other is not None:
                row += f" {before:7.3f} {before / eng:6.2f}x"
            if expected:
                row += f" {expecting:7.3f} " + " ".join(f"{expecting / b:6.2f}x" for b in (eng, native, mixed))
            print(f"{path.name[:40]:40} {lang:>4} {len(pngs):5d} {row}")
    if other is not None:
        other.close()
    for group, (eng, native, mixed, ours_total, tess, python, before, expecting) in totals.items():
        if not eng:
            continue
        print(
            f"{group} ({pages_in[group]} pages): bare Tesseract in English {eng:.2f} s, in the page's language "
            f"{native:.2f} s, in it with English {mixed:.2f} s; ours {ours_total:.2f} s (Tesseract {tess:.2f}, "
            f"Python {python:.2f}): {ours_total / eng:.3f}x bare English, {ours_total / native:.3f}x bare in "
            f"the page's language, {ours_total / mixed:.3f}x bare in it with English"
        )
        if other is not None:
            print(
                f"  before ({against}): {before:.2f} s, {before / eng:.3f}x bare English, {before / native:.3f}x "
                f"bare in the page's language, {before / mixed:.3f}x bare in it with English"
            )
        if expected:
            print(
                f"  ours expecting the page's language: {expecting:.2f} s, {expecting / eng:.3f}x bare English, "
                f"{expecting / native:.3f}x bare in the page's language, {expecting / mixed:.3f}x bare in it "
                "with English"
            )
    print(f"goal: at most 1.1x bare English; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def _rss_mib(pid: int | None = None) -> float:
    with open(f"/proc/{pid or 'self'}/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def memory(folder: Path, files: int) -> None:
    samples = [p.read_bytes() for p in sorted(folder.glob("*")) if p.suffix in (".pdf", ".docx")]
    print(f"\n== Memory: {files} sandboxed extractions cycling over {len(samples)} sample files")
    for data in samples:
        extract(data)  # warm: imports, caches, the child
    start = _rss_mib()
    print(f"parent RSS after warm-up: {start:.1f} MiB")
    children: set[int] = set()
    started = time.perf_counter()
    for number in range(1, files + 1):
        document = extract(samples[number % len(samples)])
        assert document.ok, document.reason
        children.update(sandbox.worker_pids())
        if number % max(1, files // 5) == 0:
            worker = sandbox.worker_pids()
            child = f", child RSS {_rss_mib(worker[0]):.1f} MiB" if worker else ""
            print(f"  after {number:6d} files: parent RSS {_rss_mib():.1f} MiB{child}")
    elapsed = time.perf_counter() - started
    end = _rss_mib()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"parent RSS {start:.1f} -> {end:.1f} MiB ({end - start:+.1f}), peak {peak:.1f} MiB; "
        f"{len(children)} child process(es) used (recycled every {sandbox.MAX_JOBS_PER_WORKER} files); "
        f"{elapsed / files * 1000:.2f} ms/file"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "resumes")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--skip-ocr", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--forkserver", action="store_true", help="also time a fresh fork per file")
    parser.add_argument("--scans", type=Path, help="time OCR on this folder's *.scan.pdf instead")
    parser.add_argument("--skip-text", action="store_true")
    parser.add_argument(
        "--against", type=Path, help="a checkout whose OCR to time in the same rounds (the code before)"
    )
    parser.add_argument(
        "--expected",
        action="store_true",
        help="also time OCR as for a tenant that expects the scan's language (Limits.ocr_language)",
    )
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, PyMuPDF {mupdf.VersionBind}, {time.strftime('%Y-%m-%d %H:%M')}")
    if not args.skip_text:
        text_pdfs(args.data, args.repeat, args.forkserver)
    if not args.skip_ocr:
        scans = sorted(args.scans.glob("*.scan.pdf")) if args.scans else sorted((args.data / "scanned").glob("*.pdf"))
        ocr(scans, max(5, args.repeat // 2), args.against, args.expected)
    if not args.skip_memory:
        memory(args.data, args.files)
    sandbox.shutdown()


if __name__ == "__main__":
    main()
