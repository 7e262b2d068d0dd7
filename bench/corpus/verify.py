"""Checks a generated corpus: every truth file is well-formed, and every value that should be
visible (name, emails, phones, employers, titles, schools, skills ...) is in the file's text, which
catches rendering bugs such as missing glyphs or clipped lines. Scans must be image-only."""

import json
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import phonenumbers
import pymupdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")
REQUIRED = (
    "file",
    "source",
    "truth_source",
    "name",
    "emails",
    "phones",
    "phones_e164",
    "location",
    "links",
    "skills",
    "education",
    "experience",
    "total_experience_months",
    "as_of",
)


def normalize(text: str) -> str:
    """NFKC (ligatures, Arabic presentation forms), no soft hyphens, one space between words."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return " ".join(text.split())


def _squeeze(text: str) -> str:
    return "".join(text.split())


def pdf_text(path: Path) -> tuple[str, int]:
    with pymupdf.open(path) as doc:
        return "\n".join(page.get_text() for page in doc), doc.page_count


def docx_text(path: Path) -> str:
    """Paragraph text of the body and page headers, the way a plain DOCX reader sees it."""
    out: list[str] = []
    with zipfile.ZipFile(path) as archive:
        names = ["word/document.xml", *sorted(n for n in archive.namelist() if n.startswith("word/header"))]
        for name in names:
            root = ElementTree.fromstring(archive.read(name))  # noqa: S314  # a file this generator wrote
            for paragraph in root.iter(f"{W}p"):
                pieces = []
                for node in paragraph.iter():
                    if node.tag == f"{W}t":
                        pieces.append(node.text or "")
                    elif node.tag == f"{W}tab":
                        pieces.append(" ")
                out.append("".join(pieces))
    return "\n".join(out)


def visible_values(truth: dict[str, Any]) -> list[tuple[str, str]]:
    values = [("name", truth["name"]), ("location", truth["location"])]
    values += [("email", v) for v in truth["emails"]]
    values += [("phone", v) for v in truth["phones"]]
    values += [("skill", v) for v in truth.get("skills_as_printed", {}).values()]
    values += [("language", v) for v in truth.get("languages", [])]
    for job in truth["experience"]:
        values += [("employer", job["employer"]), ("title", job["title"])]
    for edu in truth["education"]:
        values += [("institution", edu["institution"]), ("degree", edu["degree"])]
        if edu["field"]:
            values.append(("field", edu["field"]))
    if truth.get("summary"):
        values.append(("summary", truth["summary"]))
    # Links are printed in several forms; the normalized URL's host and path must be there.
    values += [("link", re.sub(r"^https://", "", url)) for url in truth["links"]]
    return values


def missing_values(text: str, truth: dict[str, Any]) -> list[str]:
    flat = normalize(text)
    squeezed = _squeeze(flat).lower().replace("www.", "")
    problems = []
    for kind, value in visible_values(truth):
        wanted = normalize(value)
        if wanted in flat:
            continue
        # A value wrapped at a hyphen or slash has a line break inside it; links differ in case.
        if _squeeze(wanted).lower() in squeezed:
            continue
        problems.append(f"{kind} {value!r} not in the text")
    return problems


def _months(job: dict[str, Any], as_of: int) -> range:
    start = job["start_date"]
    first = int(start[:4]) * 12 + (int(start[5:7]) - 1 if len(start) > 4 else 0)
    end = job["end_date"]
    if end == "present":
        last = as_of
    elif len(end) == 4:
        last = min(int(end) * 12 + 11, as_of)
    else:
        last = int(end[:4]) * 12 + int(end[5:7]) - 1
    return range(first, last + 1)


def truth_problems(truth: dict[str, Any]) -> list[str]:
    problems = [f"missing key {key}" for key in REQUIRED if key not in truth]
    if problems:
        return problems
    if truth["truth_source"] != "generated":
        problems.append("truth_source is not 'generated'")
    if len(truth["phones"]) != len(truth["phones_e164"]):
        problems.append("phones and phones_e164 differ in length")
    for printed, e164 in zip(truth["phones"], truth["phones_e164"], strict=False):
        number = phonenumbers.parse(e164)
        region = phonenumbers.region_code_for_number(number)
        if not phonenumbers.is_valid_number(number):
            problems.append(f"phone {e164} is not valid")
        reparsed = phonenumbers.parse(printed, region)
        if phonenumbers.format_number(reparsed, phonenumbers.PhoneNumberFormat.E164) != e164:
            problems.append(f"printed phone {printed!r} does not parse to {e164}")
    for url in truth["links"]:
        if not url.startswith("https://") or url.endswith("/") or "://www." in url or url != url.strip():
            problems.append(f"link {url!r} is not normalized")
    for entry in truth["experience"] + truth["education"]:
        for key in ("start_date", "end_date"):
            value = entry.get(key)
            if value is None and key == "start_date" and "institution" in entry:
                continue
            if value != "present" and not (isinstance(value, str) and DATE.match(value)):
                problems.append(f"bad {key} {value!r}")
    for job in truth["experience"]:
        if job["current"] != (job["end_date"] == "present"):
            problems.append(f"current flag disagrees with end_date for {job['employer']}")
    as_of = int(truth["as_of"][:4]) * 12 + int(truth["as_of"][5:7]) - 1
    months: set[int] = set()
    for job in truth["experience"]:
        months.update(_months(job, as_of))
    if len(months) != truth["total_experience_months"]:
        problems.append(f"total_experience_months {truth['total_experience_months']} != recomputed {len(months)}")
    return problems


def layout_problems(path: Path) -> list[str]:
    """Words outside the page or drawn over each other: what a column too narrow for its text does."""
    problems: list[str] = []
    with pymupdf.open(path) as doc:
        for number in range(doc.page_count):
            page = doc[number]
            box = pymupdf.Rect(page.rect.x0 - 1, page.rect.y0 - 1, page.rect.x1 + 1, page.rect.y1 + 1)
            words = sorted(page.get_text("words"), key=lambda w: w[1])
            for i, (x0, y0, x1, y1, word, *_) in enumerate(words):
                if pymupdf.Rect(x0, y0, x1, y1) not in box:
                    problems.append(f"page {number + 1}: {word!r} is outside the page")
                for ox0, oy0, ox1, oy1, other, *_ in words[i + 1 :]:
                    if oy0 >= y1:
                        break
                    overlap_x = min(x1, ox1) - max(x0, ox0)
                    overlap_y = min(y1, oy1) - max(y0, oy0)
                    if overlap_x > 2 and overlap_y > 0.5 * min(y1 - y0, oy1 - oy0):
                        problems.append(f"page {number + 1}: {word!r} overlaps {other!r}")
    return problems[:5]


def verify_file(path: Path, truth: dict[str, Any]) -> list[str]:
    problems = truth_problems(truth)
    if truth.get("file") != path.name:
        problems.append(f"truth 'file' is {truth.get('file')!r}")
    if path.name.endswith(".scan.pdf"):
        with pymupdf.open(path) as doc:
            for page in doc:
                if page.get_text().strip():
                    problems.append(f"scan page {page.number} has a text layer")
                if not page.get_images():
                    problems.append(f"scan page {page.number} has no image")
        return problems
    if path.suffix == ".docx":
        text = docx_text(path)
        with pymupdf.open(path) as doc:  # the file must also open in a real reader
            if doc.page_count < 1:
                problems.append("DOCX has no pages in PyMuPDF")
    else:
        text, _ = pdf_text(path)
        problems += layout_problems(path)
    return problems + missing_values(text, truth)


def verify_dir(directory: Path) -> tuple[int, list[str]]:
    """(files checked, problems as 'file: problem' lines)."""
    problems: list[str] = []
    checked = 0
    for truth_path in sorted(directory.glob("gen-*.expected.json")):
        document = truth_path.with_name(truth_path.name.removesuffix(".expected.json"))
        if not document.exists():
            problems.append(f"{truth_path.name}: no document beside it")
            continue
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        problems += [f"{document.name}: {p}" for p in verify_file(document, truth)]
        checked += 1
    return checked, problems
