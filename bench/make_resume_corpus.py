"""Writes a labelled corpus of generated resumes, with ground truth beside each file, for
bench/parse_accuracy.py; the same truth format as ../shared/data/resumes/*.expected.json.

    .venv/bin/python bench/make_resume_corpus.py OUTDIR [--count 60] [--seed 1] [--png DIR]
    .venv/bin/python bench/make_resume_corpus.py --verify OUTDIR

The output depends on the seed only (same bytes on every run, no network, no clock), and is
checked after writing: every visible truth value must be in the extracted text, every scan must
be image-only. Needs the Debian package fonts-dejavu-core (embedded fonts that cover accents,
Cyrillic, Greek and Arabic; CJK comes from the font MuPDF bundles).

What it makes, for --count 60: 40% English, 20% each German, French and Spanish resumes; six
layouts (classic, sidebar, banner, table, compact, title_first) spread evenly over the languages;
a quarter of them DOCX, the rest PDF, and a quarter of the PDFs also as a scan
(``<name>.scan.pdf``: 200 DPI grey JPEG pages, 0.5-2 degree skew, blur, Gaussian and
salt-and-pepper noise, no text layer; its truth is the source's). Files are named
``gen-<seed>-<index>-<layout>-<lang>.pdf|.docx``; the truth is ``<file>.expected.json``.

Truth conventions (a harness reading both this corpus and the shared set should know them):

- ``name``: the main name line exactly as printed ("François LEFÈVRE", "王小明",
  "王小明 (Xiaoming Wang)", "García-López, José María"). ``name_alternates`` lists other
  forms a parser may fairly return (the transliteration, natural order, the form without the
  parenthesised transliteration); ``name_parts`` gives given and family names and the script.
- ``phones``: as printed; ``phones_e164``: the same numbers in E.164 (all valid per phonenumbers).
- ``links``: normalized to ``https://<host>/<path>``: scheme https, host lower-cased without a
  leading "www.", path as printed without a trailing slash, no query or fragment.
- ``skills``: canonical names; ``skills_as_printed`` maps each to the form on the page
  ("Buchhaltung", "Postgres"). Spoken languages are under ``languages``, not skills.
- ``experience``: ``employer`` (also as ``company``, the shared set's key), ``title``,
  ``location``, ``start_date``/``end_date`` at the precision printed ("YYYY-MM" or "YYYY",
  ``end_date`` "present" for the current job), ``current``. ``education``: ``institution``,
  ``degree``, ``field`` (also as ``area``, the shared set's key; null when none is printed),
  ``location``, ``start_date`` (null when only the end is printed), ``end_date``.
- ``total_experience_months``: the union of the experience ranges in whole months, both ends
  counted (2019-01..2019-03 = 3); a year-only start counts from January and a year-only end to
  December (capped at ``as_of``); "present" is the month of ``as_of`` (2026-11-26); overlaps
  count once, gaps not at all.
- ``source``: generator, seed, index, layout, language, format, trade, and for a scan
  ``scan_of`` and the scan parameters.
"""

import argparse
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import model, render_docx, render_pdf, scan, trades, verify

LANGUAGE_SHARES = (("en", 0.4), ("de", 0.2), ("fr", 0.2), ("es", 0.2))


def _rng(*parts: object) -> random.Random:
    """A generator of its own for each resume, so changing one does not shift the others."""
    return random.Random(":".join(map(str, parts)))  # noqa: S311  # test data, reproducible by seed


def plan(count: int, seed: int) -> list[tuple[int, str, str, str, bool, str]]:
    """(index, language, layout, format, scanned, trade) for each resume, balanced as the docstring says."""
    rng = _rng("plan", seed)
    languages: list[str] = []
    for lang, share in LANGUAGE_SHARES[1:]:
        languages += [lang] * round(count * share)
    languages = ["en"] * (count - len(languages)) + languages
    rng.shuffle(languages)

    # Each language cycles through the layouts from its own offset, so all get every layout.
    layouts: dict[int, str] = {}
    for offset, (lang, _) in enumerate(LANGUAGE_SHARES):
        members = [i for i, code in enumerate(languages) if code == lang]
        for n, index in enumerate(members):
            layouts[index] = model.LAYOUTS[(n + offset * 2) % len(model.LAYOUTS)]

    docx = _spread(rng, layouts, range(count), round(count * 0.25))
    scanned = _spread(rng, layouts, [i for i in range(count) if i not in docx], round((count - len(docx)) * 0.25))
    keys = [t.key for t in trades.TRADES]
    occupations = [keys[i % len(keys)] for i in range(count)]
    rng.shuffle(occupations)
    return [
        (i, languages[i], layouts[i], "docx" if i in docx else "pdf", i in scanned, occupations[i])
        for i in range(count)
    ]


def _spread(rng: random.Random, layouts: dict[int, str], candidates: Iterable[int], total: int) -> set[int]:
    """``total`` of the candidates, taken in turn from each layout so every layout gets its share."""
    pools = {name: [i for i in candidates if layouts[i] == name] for name in model.LAYOUTS}
    for members in pools.values():
        rng.shuffle(members)
    order = list(model.LAYOUTS)
    rng.shuffle(order)
    chosen: set[int] = set()
    while len(chosen) < total and any(pools.values()):
        for name in order:
            if pools[name] and len(chosen) < total:
                chosen.add(pools[name].pop())
    return chosen


def _write_json(path: Path, data: dict[str, object]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def generate(outdir: Path, count: int, seed: int, png_dir: Path | None) -> Counter[str]:
    outdir.mkdir(parents=True, exist_ok=True)
    counts: Counter[str] = Counter()
    sampled: set[str] = set()
    for index, lang, layout, fmt, scanned, trade in plan(count, seed):
        resume = model.build(
            _rng(seed, index),
            seed=seed,
            index=index,
            lang=lang,
            layout=layout,
            fmt=fmt,
            scanned=scanned,
            trade_key=trade,
        )
        data = render_docx.render(resume) if fmt == "docx" else render_pdf.render(resume)
        (outdir / resume.filename).write_bytes(data)
        _write_json(outdir / f"{resume.filename}.expected.json", model.truth(resume, file=resume.filename))
        counts.update((f"layout:{layout}", f"language:{lang}", f"format:{fmt}", f"trade:{resume.trade}"))
        if png_dir is not None and f"{layout}-{fmt}" not in sampled:
            sampled.add(f"{layout}-{fmt}")
            render_pdf.first_page_png(data, str(png_dir / f"{resume.stem}.{fmt}.png"), filetype=fmt)
        if scanned:
            scanned_pdf, params = scan.scan(data, _rng(seed, index, "scan"))
            (outdir / resume.scan_filename).write_bytes(scanned_pdf)
            truth = model.truth(resume, file=resume.scan_filename, scan=params)
            _write_json(outdir / f"{resume.scan_filename}.expected.json", truth)
            counts["format:scan.pdf"] += 1
            if png_dir is not None and "scan" not in sampled:
                sampled.add("scan")
                render_pdf.first_page_png(scanned_pdf, str(png_dir / f"{resume.stem}.scan.png"), dpi=100)
    return counts


def run_verify(outdir: Path) -> int:
    started = time.perf_counter()
    checked, problems = verify.verify_dir(outdir)
    for problem in problems:
        print(f"FAIL {problem}")
    print(f"verified {checked} files in {time.perf_counter() - started:.1f} s: {len(problems)} problems")
    return 1 if problems or not checked else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--verify", action="store_true", help="only check an existing corpus")
    parser.add_argument("--no-verify", action="store_true", help="skip the check after writing")
    parser.add_argument("--png", type=Path, help="write the first page of one file per layout and format here")
    args = parser.parse_args()
    if args.verify:
        return run_verify(args.outdir)
    if args.count < 1:
        parser.error("--count must be at least 1")
    reason = render_pdf.check_fonts()
    if reason:
        print(reason, file=sys.stderr)
        return 2
    if args.png:
        args.png.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    counts = generate(args.outdir, args.count, args.seed, args.png)
    elapsed = time.perf_counter() - started
    for group in ("language", "layout", "format", "trade"):
        parts = sorted((k.split(":", 1)[1], v) for k, v in counts.items() if k.startswith(f"{group}:"))
        print(f"{group:9} " + ", ".join(f"{name} {n}" for name, n in parts))
    print(f"wrote {args.count} resumes (+{counts['format:scan.pdf']} scans) to {args.outdir} in {elapsed:.1f} s")
    return 0 if args.no_verify else run_verify(args.outdir)


if __name__ == "__main__":
    sys.exit(main())
