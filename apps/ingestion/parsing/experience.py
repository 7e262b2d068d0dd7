"""Experience entries: employer, title, start, end, current.

Each date range in the section anchors one entry. Its header is the date row
and the short, non-bullet rows right before it (or right after it, in layouts
that print the dates first), read as parts; the part that reads most like a job
title is the title, the best remaining one the employer. Layouts handled this
way: "Title, Company", "Company | Title", title and company on separate lines,
dates on their own line, right-aligned or in a left column, places mixed in.
"""

from dataclasses import dataclass

from .dates import DateRange, YearMonth, find_ranges, strip_dates
from .entries import Header, Part, is_description, is_description_text, is_place, read_header
from .layout import Row
from .lexicon import company_score, has_degree, is_institution, legal_form_score, title_score

MAX_BACK = 2
MAX_FORWARD = 2


@dataclass(frozen=True, slots=True)
class Job:
    employer: str
    title: str
    start: YearMonth | None
    end: YearMonth | None
    current: bool
    rows: tuple[int, ...]


def _anchors(rows: list[Row]) -> list[int]:
    """Rows that carry an entry's dates: a date part of its own ("May 2019 -
    Present"), or a range in a row that is not running text. A year inside a
    sentence ("paper accepted at NeurIPS 2022") anchors nothing."""
    found = []
    for i, row in enumerate(rows):
        if not any(r.start is not None for r in find_ranges(row.text)):
            continue
        if any(_date_part(p) for p in row.parts) or not is_description(row):
            found.append(i)
    return found


def _date_part(text: str) -> bool:
    ranges = [r for r in find_ranges(text) if r.start is not None]
    if not ranges:
        return False
    rest = strip_dates(text)
    return len(rest.split()) <= 3 and not is_description_text(rest)


def _span(ranges: list[DateRange]) -> tuple[YearMonth | None, YearMonth | None, bool]:
    starts = [r.start for r in ranges if r.start is not None]
    if not starts:
        return None, None, False
    current = any(r.current for r in ranges)
    ends = [r.end for r in ranges if r.end is not None]
    start = min(starts)
    end = None if current else (max(ends) if ends else None)
    return start, end, current


def _choose(parts: list[Part]) -> tuple[str, str]:
    """(employer, title) from an entry's text parts."""
    if not parts:
        return "", ""
    # A legal form ("Ltd", "GmbH") outweighs a title word ("Ashgrove Engineering Ltd").
    scored = [(title_score(p.text) - 1.5 * legal_form_score(p.text), p) for p in parts]
    title_part: Part | None = None
    best = max(scored, key=lambda s: s[0])
    if best[0] > 0:
        title_part = best[1]
    elif len(parts) >= 2 and any(legal_form_score(p.text) for p in parts):
        # No title word anywhere, but one part is plainly the employer: the other is the title.
        employer_part = max(parts, key=lambda p: legal_form_score(p.text))
        other = next(p for p in parts if p is not employer_part)
        return employer_part.text, other.text
    rest = [p for p in parts if p is not title_part]
    if title_part is None:
        if len(parts) == 1:
            return parts[0].text, ""
        # No title word anywhere: a bold part is the employer in most templates,
        # otherwise the first part.
        bold = [p for p in parts if p.bold]
        plain = [p for p in parts if not p.bold]
        if bold and plain:
            return bold[0].text, plain[0].text
        return parts[0].text, parts[1].text
    if not rest:
        return "", title_part.text
    employer = max(rest, key=lambda p: (company_score(p.text), -title_score(p.text), -abs(p.row - title_part.row)))
    return employer.text, title_part.text


def parse_experience(rows: list[Row]) -> list[Job]:
    anchors = _anchors(rows)
    if not anchors:
        return []
    anchor_set = set(anchors)
    # Dates first ("2019 - 2021" / "Engineer" / "Acme"): nothing entry-like sits
    # between the heading and the first date row.
    before_first = [r for r in rows[: anchors[0]] if not is_description(r)]
    dates_first = not before_first and _forward_rows(rows, anchors[0], anchor_set) != []
    jobs: list[Job] = []
    claimed: set[int] = set()
    previous_employer = ""
    for n, i in enumerate(anchors):
        limit = anchors[n - 1] if n else -1
        if dates_first:
            block = [i, *_forward_rows(rows, i, anchor_set)]
        else:
            back = _backward_rows(rows, i, limit, claimed)
            block = [*back, i]
            header = read_header([rows[j] for j in block])
            if len(header.parts) < 2:
                block += _forward_rows(rows, i, anchor_set)[: 2 - len(header.parts)]
        block = [j for j in block if j not in claimed or j == i]
        claimed.update(block)
        header = read_header([rows[j] for j in sorted(block)])
        job = _job(header, sorted(block), previous_employer)
        if job is None:
            continue
        previous_employer = job.employer or previous_employer
        jobs.append(job)
    return jobs


def _job(header: Header, block: list[int], previous_employer: str) -> Job | None:
    start, end, current = _span(header.ranges)
    if start is None:
        return None
    parts = [p for p in header.parts if not _noise(p.text)]
    employer, title = _choose(parts)
    if not employer and title and previous_employer:
        employer = previous_employer  # a second role at the same employer
    if not employer and not title:
        return None
    return Job(employer, title, start, end, current, tuple(block))


def _noise(text: str) -> bool:
    bare = text.strip(" ()")
    folded = bare.lower()
    return (
        len(bare) < 2
        or folded in {"remote", "hybrid", "full-time", "part-time", "full time", "part time", "contract", "internship"}
        or (
            folded.endswith(
                ("months", "month", "years", "year", "yrs", "mos", "monate", "jahre", "mois", "ans", "meses", "años")
            )
            and any(c.isdigit() for c in folded)
        )
    )


def _backward_rows(rows: list[Row], i: int, limit: int, claimed: set[int]) -> list[int]:
    """Up to MAX_BACK text rows before the date row; rows that only name a place
    ("Denver, Colorado") come along without counting."""
    found: list[int] = []
    texts = 0
    j = i - 1
    while j > limit and texts < MAX_BACK and j not in claimed:
        row = rows[j]
        if is_description(row):
            break
        found.insert(0, j)
        if not all(is_place(p) for p in row.parts):
            texts += 1
        j -= 1
    return found


def _forward_rows(rows: list[Row], i: int, anchors: set[int]) -> list[int]:
    found: list[int] = []
    j = i + 1
    while j < len(rows) and len(found) < MAX_FORWARD and j not in anchors:
        row = rows[j]
        if is_description(row):
            break
        found.append(j)
        j += 1
    return found


def looks_like_education(job: Job) -> bool:
    """An education entry that landed in an experience section (mixed "CV" sections)."""
    if title_score(job.title):
        return False  # "Undergraduate Research Assistant" at a university is a job
    return has_degree(job.title) or is_institution(job.employer)
