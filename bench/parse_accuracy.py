"""Parser accuracy against ground truth: every FILE with a FILE.expected.json beside it.

    .venv/bin/python bench/parse_accuracy.py DIR [DIR...] [--as-of 2026-11-26] [--json] [--worst 5]
        [--scans all|only|none|paired] [--expected]

Prints per-field precision/recall/F1 (emails, phones in E.164, links, skills,
education and experience entries), exact-match rates (name, location), the
share of files whose total experience is within 6 months of the truth's, and
the worst files per field with what was expected and what came out.
``--scans paired`` scores the scans of a generated corpus and, apart, the text
files they were made from (``source.scan_of`` in their truth), and prints each
field for both with the gap in points (the goal: within 5). ``--expected`` reads each
file as for a tenant that expects its language (the truth's), which changes only OCR.

Matching rules, so that a number here means the same thing in every run:
- strings (names, employers, titles, schools) are compared folded: case,
  accents, punctuation and company suffixes (Inc, LLC, GmbH...) ignored; one may
  contain the other when it is at least half as long ("ABC Company" ~ "ABC
  Company, Inc.");
- dates match at the truth's precision: a year-only truth matches any month of
  that year; "present" in the truth matches a current entry;
- an experience entry matches on employer + title + start + end; an education
  entry on institution + (end, or start, year when both sides have one) + degree
  (the truth's degree words mostly found in ours, when the truth names one);
- total experience of the truth is computed from its entries with the parser's
  own month arithmetic (apps/ingestion/parsing/timeline.py).
"""

import argparse
import datetime
import json
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import phonenumbers  # noqa: E402

from apps.ingestion.document import Document  # noqa: E402
from apps.ingestion.extraction import Limits, extract  # noqa: E402
from apps.ingestion.parsing import parse  # noqa: E402
from apps.ingestion.parsing.contact import normalize_link  # noqa: E402
from apps.ingestion.parsing.dates import YearMonth, find_ranges  # noqa: E402
from apps.ingestion.parsing.location import place_of  # noqa: E402
from apps.ingestion.parsing.skills import canonical_skill, find_skills  # noqa: E402
from apps.ingestion.parsing.text import fold  # noqa: E402
from apps.ingestion.parsing.timeline import total_months  # noqa: E402

Extractor = Callable[[bytes, str], Document]


def sandboxed_extract(data: bytes, name: str) -> Document:
    return extract(data, filename=name)


# The truth's language (bench/make_resume_corpus.py writes it) as Tesseract's model name.
_TESSERACT_LANGUAGE = {"en": "eng", "de": "deu", "fr": "fra", "es": "spa"}


def expecting_extract(paths: list[Path]) -> Extractor:
    """Sandboxed extraction as for a tenant that expects each file's language (its truth's
    ``source.language``; English when it names none): Limits.ocr_language."""
    languages = {}
    for path in paths:
        truth = json.loads(path.with_name(path.name + ".expected.json").read_text(encoding="utf-8-sig"))
        source = truth.get("source")
        language = source.get("language", "en") if isinstance(source, dict) else "en"
        languages[path.name] = _TESSERACT_LANGUAGE.get(language, "eng")

    def run(data: bytes, name: str) -> Document:
        return extract(data, filename=name, limits=Limits(ocr_language=languages[name]))

    return run


# ----------------------------------------------------------------------------- truth and matching

_SUFFIXES = {"inc", "llc", "ltd", "corp", "co", "gmbh", "ag", "sa", "plc", "the", "limited", "corporation"}


def norm(text: str | None) -> str:
    words = re.findall(r"[^\W_]+", fold(text or ""))
    return " ".join(w for w in words if w not in _SUFFIXES)


def fuzzy_eq(a: str | None, b: str | None) -> bool:
    na, nb = norm(a), norm(b)
    if not na or not nb:
        return na == nb
    if na == nb:
        return True
    short, long = sorted((na, nb), key=len)
    if f" {short} " in f" {long} " and len(short) >= 0.5 * len(long):
        return True
    ta, tb = set(na.split()), set(nb.split())
    return len(ta & tb) / len(ta | tb) >= 0.75


def truth_date(value: str | None) -> tuple[YearMonth | None, bool]:
    """(date, is_present) of a truth date string ("2019-03", "2019", "present", "Summer 2022")."""
    if not value:
        return None, False
    if fold(value).strip() in {"present", "current", "now"}:
        return None, True
    ranges = find_ranges(value)
    return (ranges[0].start if ranges else None), False


def date_eq(truth: YearMonth | None, got: str | None) -> bool:
    if truth is None:
        return True  # the truth does not say: anything goes
    if got is None:
        return False
    year, _, month = got.partition("-")
    if int(year) != truth.year:
        return False
    return not truth.month or not month or int(month) == truth.month


@dataclass
class TruthJob:
    employer: str
    title: str
    start: YearMonth | None
    end: YearMonth | None
    present: bool
    raw: dict[str, Any]


def truth_jobs(truth: dict[str, Any]) -> list[TruthJob]:
    jobs = []
    for item in truth.get("experience", []):
        start_raw, end_raw = item.get("start_date"), item.get("end_date")
        if "duration" in item and not start_raw:
            pieces = re.split(r"\s+-\s+", item["duration"])
            start_raw = pieces[0]
            end_raw = pieces[1] if len(pieces) > 1 else None
        start, _ = truth_date(start_raw)
        end, present = truth_date(end_raw)
        employer = item.get("company") or item.get("employer") or ""
        jobs.append(TruthJob(employer, item.get("title") or "", start, end, present, item))
    return jobs


def job_eq(t: TruthJob, got: dict[str, Any]) -> bool:
    if not (fuzzy_eq(t.employer, got["employer"]) and fuzzy_eq(t.title, got["title"])):
        return False
    if not date_eq(t.start, got["start"]):
        return False
    if t.present:
        return bool(got["current"])
    if t.end is not None:
        return not got["current"] and date_eq(t.end, got["end"])
    return True


def school_eq(t: dict[str, Any], got: dict[str, Any]) -> bool:
    if not fuzzy_eq(t.get("institution"), got["institution"]):
        return False
    end, _ = truth_date(t.get("end_date") or t.get("year"))
    start, _ = truth_date(t.get("start_date"))
    if end is not None and got["end"] is not None and not date_eq(YearMonth(end.year), got["end"]):
        return False
    if start is not None and got["start"] is not None and not date_eq(YearMonth(start.year), got["start"]):
        return False
    degree = " ".join(filter(None, (t.get("degree"), t.get("area") or t.get("field"))))
    if degree:
        wanted = set(norm(degree).split()) - {"in", "of", "and"}
        have = set(norm(f"{got['degree']} {got['field']}").split())
        if wanted and len(wanted & have) / len(wanted) < 0.5:
            return False
    return True


def truth_links(truth: dict[str, Any]) -> list[str]:
    out = []
    for link in truth.get("links", []):
        site, sep, handle = link.partition(":")
        if sep and site.lower() in {"github", "linkedin"} and not handle.startswith("//"):
            link = ("github.com/" if site.lower() == "github" else "linkedin.com/in/") + handle
        out.append(normalize_link(link) or link)
    return out


def truth_phones(truth: dict[str, Any]) -> list[str]:
    if "phones_e164" in truth:
        return list(truth["phones_e164"])
    place = place_of(truth.get("location") or "")
    region = place.country if place and place.country else "US"
    out = []
    for printed in truth.get("phones", []):
        try:
            number = phonenumbers.parse(printed, region)
        except phonenumbers.NumberParseException:
            continue
        out.append(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
    return out


def truth_skills(truth: dict[str, Any]) -> list[str] | None:
    """The truth's skills in canonical names. A compound label ("C/C++", "HTML/CSS",
    "Agile and Scrum") names several skills: it counts as each one the matcher finds
    in it; a label the taxonomy does not know stays as written (and counts as missed)."""
    if "skills" in truth:
        items = list(truth["skills"])
    elif "skills_sections" in truth:
        items = [s.strip() for group in truth["skills_sections"].values() for s in group.split(",")]
    elif "skills_listed_in_document" in truth:
        items = list(truth["skills_listed_in_document"])
    else:
        return None
    names: list[str] = []
    for item in (s for s in items if s.strip()):
        single = canonical_skill(item)
        names.extend([single] if single else find_skills(item, in_skills_section=True) or [item])
    return list(dict.fromkeys(names))


def skill_key(text: str) -> str:
    return norm(text).replace(" ", "")


def match_count(truth: list[Any], got: list[Any], eq: Callable[[Any, Any], bool]) -> int:
    """Greedy one-to-one matches."""
    used: set[int] = set()
    hits = 0
    for t in truth:
        for n, g in enumerate(got):
            if n not in used and eq(t, g):
                used.add(n)
                hits += 1
                break
    return hits


# ----------------------------------------------------------------------------- scoring


@dataclass
class Tally:
    tp: int = 0
    n_truth: int = 0
    n_got: int = 0
    files: list[tuple[float, str, Any, Any]] = field(default_factory=list)

    def add(self, name: str, truth: list[Any], got: list[Any], hits: int) -> None:
        self.tp += hits
        self.n_truth += len(truth)
        self.n_got += len(got)
        p = hits / len(got) if got else (1.0 if not truth else 0.0)
        r = hits / len(truth) if truth else (1.0 if not got else 0.0)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        self.files.append((f1, name, truth, got))

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.n_got if self.n_got else 1.0
        r = self.tp / self.n_truth if self.n_truth else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Rate:
    ok: int = 0
    total: int = 0
    files: list[tuple[float, str, Any, Any]] = field(default_factory=list)

    def add(self, name: str, truth: Any, got: Any, ok: bool) -> None:
        self.ok += ok
        self.total += 1
        self.files.append((1.0 if ok else 0.0, name, truth, got))


def evaluate(paths: list[Path], *, as_of: datetime.date, extractor: Extractor) -> dict[str, Any]:

    lists = {k: Tally() for k in ("emails", "phones", "links", "skills", "experience", "education")}
    rates = {k: Rate() for k in ("name", "location", "total_experience_within_6_months")}
    parse_ms: list[float] = []
    extract_ms: list[float] = []
    for path in paths:
        truth = json.loads(path.with_name(path.name + ".expected.json").read_text(encoding="utf-8-sig"))
        started = time.perf_counter()
        document = extractor(path.read_bytes(), path.name)
        extract_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        got = parse(document, today=as_of).to_json()
        parse_ms.append((time.perf_counter() - started) * 1000)
        name = path.name
        if "name" in truth:
            accepted = {norm(truth["name"]), *(norm(n) for n in truth.get("name_alternates", []))}
            rates["name"].add(name, truth["name"], got["name"], norm(got["name"]) in accepted)
        if truth.get("location"):
            ok = fuzzy_eq(truth["location"], got["location"])
            rates["location"].add(name, truth["location"], got["location"], ok)
        if "emails" in truth:
            t = [e.lower() for e in truth["emails"]]
            lists["emails"].add(name, t, got["emails"], len(set(t) & set(got["emails"])))
        if "phones" in truth:
            t = truth_phones(truth)
            lists["phones"].add(name, t, got["phones"], len(set(t) & set(got["phones"])))
        if "links" in truth:
            t = truth_links(truth)
            lists["links"].add(name, t, got["links"], len(set(t) & set(got["links"])))
        skills = truth_skills(truth)
        if skills is not None:
            t_keys = {skill_key(s) for s in skills}
            g_keys = {skill_key(s) for s in got["skills"]}
            lists["skills"].add(name, skills, got["skills"], len(t_keys & g_keys))
        if "experience" in truth:
            jobs = truth_jobs(truth)
            lists["experience"].add(
                name, [j.raw for j in jobs], got["experience"], match_count(jobs, got["experience"], job_eq)
            )
            spans = [(j.start, j.end, j.present) for j in jobs]
            if jobs and (all(j.start for j in jobs) or "total_experience_months" in truth):
                expected = truth.get("total_experience_months", total_months(spans, today=as_of))
                ok = abs(expected - got["total_experience_months"]) <= 6
                rates["total_experience_within_6_months"].add(name, expected, got["total_experience_months"], ok)
        if "education" in truth:
            schools = truth["education"]
            lists["education"].add(name, schools, got["education"], match_count(schools, got["education"], school_eq))
    summary: dict[str, Any] = {"files": len(paths), "fields": {}, "rates": {}}
    for key, tally in lists.items():
        p, r, f1 = tally.prf()
        summary["fields"][key] = {
            "precision": p,
            "recall": r,
            "f1": f1,
            "truth_items": tally.n_truth,
            "files": len(tally.files),
        }
    for key, rate in rates.items():
        summary["rates"][key] = {
            "rate": rate.ok / rate.total if rate.total else None,
            "ok": rate.ok,
            "total": rate.total,
        }
    summary["parse_ms_median"] = sorted(parse_ms)[len(parse_ms) // 2] if parse_ms else 0.0
    summary["extract_ms_median"] = sorted(extract_ms)[len(extract_ms) // 2] if extract_ms else 0.0
    worst: dict[str, list[tuple[float, str, Any, Any]]] = {}
    for key, tally in lists.items():
        worst[key] = sorted(tally.files, key=lambda f: f[0])
    for key, rate in rates.items():
        worst[key] = sorted(rate.files, key=lambda f: f[0])
    summary["_worst"] = worst
    return summary


def resumes_in(dirs: Iterable[str], *, scans: str = "all") -> list[Path]:
    """Files with truth beside them; ``scans`` is "all", "only" or "none" (``*.scan.*`` names)."""
    found = []
    for d in dirs:
        for path in sorted(Path(d).iterdir()):
            is_scan = ".scan." in path.name
            if (scans == "only" and not is_scan) or (scans == "none" and is_scan):
                continue
            truth = path.with_name(path.name + ".expected.json")
            if path.is_file() and not path.name.endswith(".expected.json") and truth.exists():
                found.append(path)
    return found


def scan_pairs(scans: list[Path]) -> list[tuple[Path, Path]]:
    """(scan, the text file it was made from) for each scan whose truth names one (``source.scan_of``)."""
    pairs = []
    for path in scans:
        truth = json.loads(path.with_name(path.name + ".expected.json").read_text(encoding="utf-8-sig"))
        source = truth.get("source", {}).get("scan_of")
        if source and path.with_name(source).exists():
            pairs.append((path, path.with_name(source)))
    return pairs


def scores(summary: dict[str, Any]) -> dict[str, float]:
    """Each field's headline figure as a percentage: F1 for lists, the rate for the others."""
    out = {key: 100 * v["f1"] for key, v in summary["fields"].items()}
    out.update({key: 100 * v["rate"] for key, v in summary["rates"].items() if v["rate"] is not None})
    return out


def gap_report(text: dict[str, Any], scans: dict[str, Any]) -> str:
    before, after = scores(text), scores(scans)
    out = [
        f"text files: {text['files']}, their scans: {scans['files']} (figures in points: F1 or rate x 100)",
        "",
        f"{'field':<34} {'text':>6} {'scans':>6} {'gap':>6}",
    ]
    for key, value in before.items():
        if key in after:
            out.append(f"{key:<34} {value:>6.1f} {after[key]:>6.1f} {after[key] - value:>+6.1f}")
    out.append("")
    out.append(f"extract median: text {text['extract_ms_median']:.1f} ms, scans {scans['extract_ms_median']:.1f} ms")
    return "\n".join(out)


def report(summary: dict[str, Any], worst: int) -> str:
    out = [
        f"files: {summary['files']}",
        "",
        f"{'field':<12} {'precision':>9} {'recall':>7} {'F1':>6} {'items':>6} {'files':>6}",
    ]
    for key, v in summary["fields"].items():
        p, r, f1 = v["precision"], v["recall"], v["f1"]
        out.append(f"{key:<12} {p:>9.3f} {r:>7.3f} {f1:>6.3f} {v['truth_items']:>6} {v['files']:>6}")
    out.append("")
    for key, v in summary["rates"].items():
        rate = "n/a" if v["rate"] is None else f"{v['rate']:.3f}"
        out.append(f"{key:<34} {rate:>6}  ({v['ok']}/{v['total']})")
    out.append("")
    out.append(
        f"parse median {summary['parse_ms_median']:.2f} ms, extract median {summary['extract_ms_median']:.1f} ms"
    )
    if worst:
        out.append("")
        out.append("worst files per field (expected vs got):")
        for key, files in summary["_worst"].items():
            bad = [f for f in files if f[0] < 1.0][:worst]
            for score, name, truth, got in bad:
                out.append(f"  [{key}] {name} ({score:.2f})")
                out.append(f"      expected: {_short(truth)}")
                out.append(f"      got:      {_short(got)}")
    return "\n".join(out)


def _short(value: Any) -> str:
    if isinstance(value, list) and value and isinstance(value[0], dict):
        value = [{k: v for k, v in item.items() if k not in {"location", "notes"}} for item in value]
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) < 600 else text[:600] + "..."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="+")
    parser.add_argument("--as-of", default="2026-11-26", help="the parse date: 'present' ends here")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--worst", type=int, default=3, help="worst files to list per field")
    parser.add_argument(
        "--scans",
        choices=("all", "only", "none", "paired"),
        default="all",
        help="files named *.scan.*; paired: the scans against the text files they were made from",
    )
    parser.add_argument(
        "--expected",
        action="store_true",
        help="OCR as for a tenant that expects each file's language, from its truth (Limits.ocr_language)",
    )
    args = parser.parse_args(argv)
    as_of = datetime.date.fromisoformat(args.as_of)
    if args.scans == "paired":
        pairs = scan_pairs(resumes_in(args.dirs, scans="only"))
        text = evaluate([source for _, source in pairs], as_of=as_of, extractor=sandboxed_extract)
        scans = [scan for scan, _ in pairs]
        scanned = evaluate(
            scans, as_of=as_of, extractor=expecting_extract(scans) if args.expected else sandboxed_extract
        )
        if args.json:
            print(json.dumps({"text": scores(text), "scans": scores(scanned)}, indent=2))
        else:
            print(gap_report(text, scanned))
            print(report(scanned, args.worst))
        return 0
    paths = resumes_in(args.dirs, scans=args.scans)
    summary = evaluate(paths, as_of=as_of, extractor=expecting_extract(paths) if args.expected else sandboxed_extract)
    if args.json:
        summary.pop("_worst")
        print(json.dumps(summary, indent=2))
    else:
        print(report(summary, args.worst))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
