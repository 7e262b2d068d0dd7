"""Experience entries: employer, title, start, end, current.

Each date range in the section anchors one entry. Its header is the date row
and the short, non-bullet rows right before it (or right after it, in layouts
that print the dates first), read as parts; the part that reads most like a job
title is the title, the best remaining one the employer. Layouts handled this
way: "Title, Company", "Company | Title", title and company on separate lines,
dates on their own line, right-aligned or in a left column, places mixed in.
"""

import dataclasses
import itertools
import re
from dataclasses import dataclass

from .dates import DateRange, YearMonth, find_ranges, strip_dates
from .entries import (
    Header,
    Part,
    capitalized,
    is_column_labels,
    is_description,
    is_description_text,
    is_detail_label,
    is_place,
    read_header,
)
from .layout import Row
from .lexicon import company_score, has_degree, is_institution, legal_form_score, title_score
from .text import is_bullet, is_upper

MAX_BACK = 2
MAX_FORWARD = 2
# The time spent in a role, in brackets after its dates, as LinkedIn's export prints it.
_DURATION_RE = re.compile(
    r"\(\s*\d+\s*(?:years?|yrs?|months?|mos?|jahre?|monate?|ans?|mois|años|meses|anni|mesi|jaar|maanden)\b", re.I
)
# The last word of a stay's length as LinkedIn's exports print it, in the languages they are
# made in: "6 years 11 months", "6 jaar 11 maanden", "2 anni 3 mesi", "3 år 2 månader".
_DURATION_UNITS = frozenset(
    (
        *("months", "month", "years", "year", "yrs", "mos", "monate", "monat", "jahre", "jahr", "mois", "ans", "an"),
        *("meses", "mes", "años", "año", "anos", "ano", "mesi", "mese", "anni", "anno", "maanden", "maand", "jaar"),
        *("månader", "månad", "år", "miesięcy", "miesiące", "miesiąc", "lat", "lata", "rok", "měsíců", "měsíce", "let"),
    )
)


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
        ranges = [r for r in find_ranges(row.text) if r.start is not None]
        if not ranges:
            continue
        if _dated_sentence(row, ranges):
            continue
        if any(_date_part(p) for p in row.parts) or not is_description(row):
            found.append(i)
    return found


def _dated_sentence(row: Row, ranges: list[DateRange]) -> bool:
    """ "Prix de l'innovation interne 2019." / "Award for suggestions (Q3/2019).": a line of
    description that names one year (bullets lost in a Word list), not an entry's dates."""
    if len(row.parts) > 1 or not row.text.rstrip().endswith(".") or any(r.current or r.end != r.start for r in ranges):
        return False
    return len(strip_dates(row.text).split()) >= 3


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


def _choose(parts: list[Part], places: list[str]) -> tuple[str, str]:
    """(employer, title) from an entry's text parts and the places read beside them."""
    if not parts:
        return "", ""
    # A legal form ("Ltd", "GmbH") outweighs a title word ("Ashgrove Engineering Ltd").
    scored = [(title_score(p.text) - 1.5 * legal_form_score(p.text), p) for p in parts]
    title_part: Part | None = None
    best = max(scored, key=lambda s: s[0])
    if best[0] > 0:
        title_part = best[1]
    elif len(parts) >= 2 and any(legal_form_score(p.text) for p in parts):
        # No title word anywhere, but one part is plainly the employer: the other is the title,
        # not what follows the employer's comma ("Danfoss A/S, Nordborg" / "Studentermedhjælper").
        employer_part = max(parts, key=lambda p: legal_form_score(p.text))
        others = [p for p in parts if p is not employer_part]
        other = next((p for p in others if p.group < 0 or p.group != employer_part.group), others[0])
        return employer_part.text, other.text
    rest = [p for p in parts if p is not title_part]
    if title_part is None:
        if len(parts) == 1:
            return parts[0].text, ""
        schools = [p for p in parts if is_institution(p.text)]
        if len(schools) == 1:
            # A hospital, a school, a university: the employer of a title the lists do not know.
            return schools[0].text, next(p for p in parts if p is not schools[0]).text
        # No title word anywhere: the part printed with its place ("Catena Farmacii, Cluj-Napoca"
        # under "Farmacist-șef"), then a bold part, is the employer in most templates,
        # otherwise the first part.
        placed = [p for p in parts if p.group >= 0 and sum(q.group == p.group for q in parts) == 1]
        if len(placed) == 1 and places:
            return placed[0].text, next(p for p in parts if p is not placed[0]).text
        bold = [p for p in parts if p.bold]
        plain = [p for p in parts if not p.bold]
        if bold and plain:
            return bold[0].text, plain[0].text
        return parts[0].text, parts[1].text
    if not rest:
        return "", title_part.text
    named_apart = any((q.group < 0 or q.group != title_part.group) and capitalized(q.text.split()) for q in rest)
    employer = max(
        rest,
        key=lambda p: (
            company_score(p.text),
            not _title_rest(p, title_part),
            # What follows the title's comma (a town, "Elektrisiën, Saldanha"; a unit,
            # "Lehrerin, Klassenvorständin") is no employer when a name stands apart.
            not (p.group >= 0 and p.group == title_part.group and named_apart),
            -title_score(p.text),
            -abs(p.row - title_part.row),
        ),
    )
    return employer.text, title_part.text


def _lower_initial(text: str) -> bool:
    """ "chassi", "ventas"; not "eBay" or "iRobot"."""
    return text[:1].islower() and not text[1:2].isupper()


def _title_rest(part: Part, title: Part) -> bool:
    """A piece in lower case after the title's comma: the rest of the title ("Konstruktör, chassi")."""
    return part.group >= 0 and part.group == title.group and _lower_initial(part.text)


def _confident(parts: list[Part]) -> Part | None:
    """The title part when the words say so plainly: a title word, or a legal form on
    the only other part; None when only the layout could tell."""
    if len(parts) < 2:
        return None
    scored = [(title_score(p.text) - 1.5 * legal_form_score(p.text), p) for p in parts]
    best = max(scored, key=lambda s: s[0])
    if best[0] > 0 and sum(1 for score, _ in scored if score > 0) == 1:
        return best[1]
    if best[0] <= 0 and len(parts) == 2:
        for marks in (legal_form_score, is_institution):
            if sum(1 for p in parts if marks(p.text)) == 1:
                return next(p for p in parts if not marks(p.text))
    return None


def _slot(parts: list[Part], title: Part) -> tuple[int, bool]:
    """Where the title sits in an entry's header: its place among the parts, and bold or not."""
    return parts.index(title), title.bold


def _layout_slot(headers: list[list[Part]]) -> tuple[int, bool] | None:
    """The place of the title that the entries with plain evidence agree on. One resume
    sets every entry the same way, so an entry whose words do not tell ("Controllerin,
    Sparkasse Leipzig": no title word the lists know) follows the others."""
    votes: dict[tuple[int, bool], int] = {}
    for parts in headers:
        title = _confident(parts)
        if title is not None:
            slot = _slot(parts, title)
            votes[slot] = votes.get(slot, 0) + 1
    if not votes:
        return None
    slot, count = max(votes.items(), key=lambda item: item[1])
    return slot if count * 4 >= sum(votes.values()) * 3 else None


def _choose_by_slot(parts: list[Part], places: list[str], slot: tuple[int, bool] | None) -> tuple[str, str]:
    if slot is not None and len(parts) >= 2 and _confident(parts) is None:
        index, bold = slot
        scored = [title_score(p.text) for p in parts]
        # Only where the words leave it open: no part reads as a title, or several do.
        if index < len(parts) and parts[index].bold == bold and (max(scored) <= 0 or sorted(scored)[-2] > 0):
            title = parts[index]
            rest = [p for p in parts if p is not title]
            employer = max(
                rest,
                key=lambda p: (
                    legal_form_score(p.text),
                    company_score(p.text),
                    not _title_rest(p, title),
                    -abs(p.row - title.row),
                ),
            )
            return employer.text, title.text
    return _choose(parts, places)


def parse_experience(rows: list[Row]) -> list[Job]:
    anchors = _anchors(rows)
    if not anchors:
        return []
    anchor_set = set(anchors)
    # Dates first ("2019 - 2021" / "Engineer" / "Acme"): nothing entry-like sits
    # between the heading and the first date row.
    before_first = [r for r in rows[: anchors[0]] if not is_description(r) and not is_column_labels(r.text)]
    dates_first = not before_first and _forward_rows(rows, anchors[0], anchor_set) != []
    entries: list[tuple[Header, list[int]]] = []
    claimed: set[int] = set()
    read: dict[tuple[int, ...], Header] = {}
    heads_above = False  # the last entry with header rows of its own had them above its dates

    def header_of(block: list[int]) -> Header:
        key = tuple(block)
        if key not in read:
            read[key] = read_header([rows[j] for j in block], details=False)
        return read[key]

    for n, i in enumerate(anchors):
        limit = anchors[n - 1] if n else -1
        if dates_first:
            block = [i, *_forward_rows(rows, i, anchor_set, past_items=True)]
        else:
            back = _backward_rows(rows, i, limit, claimed)
            block = [*back, i]
            header = header_of(block)
            # A title cut at its comma ("Cardiac Sonographer, Heart Institute") is one part
            # here: the employer may still be on the row after the dates.
            wanted = 2 - len({p.group if p.group >= 0 else -2 - n for n, p in enumerate(header.parts)})
            if wanted > 0:
                forward = _forward_rows(rows, i, anchor_set, wanted)
                # The row right above the next entry's dates is that entry's header when this
                # one has its two parts, or when the entries above had their headers above
                # their dates too ("Staff Nurse, 2019 - 2021" under the employer of the role
                # above it, then the next employer's row).
                if (len(header.parts) >= 2 or heads_above) and forward and forward[-1] + 1 in anchor_set:
                    forward = []
                block += forward
        block = [j for j in block if j not in claimed or j == i]
        claimed.update(block)
        block = sorted(block)
        if block[0] < i or block[-1] > i:
            heads_above = block[0] < i
        entries.append((header_of(block), block))
    slot = _layout_slot([_parts(header) for header, _ in entries])
    jobs: list[Job] = []
    previous_employer, employer_above, employer_apart = "", False, False
    for (header, block), i in zip(entries, anchors, strict=True):
        # Another role at the employer of the entry before: a role with nothing above its
        # dates, after one whose employer stood on a row above its dates; a role that is only
        # its title and unit ("Staff Nurse, Telemetry", as LinkedIn and many templates list
        # roles under their company), after one whose employer stood on a row of its own
        # (not "Sous Chef, Dishoom Shoreditch" above "Chef de Partie, The Ledbury").
        parts = _parts(header)
        under = (employer_above and block[0] == i) or (_lone_comma_row(parts) and employer_apart)
        job = _job(header, block, previous_employer, slot, same_employer=under)
        if job is None:
            continue
        kept = under and job.employer == previous_employer
        title_rows = {p.row for p in parts if p.text in job.title}
        employer_above = kept or any(p.text in job.employer and p.row < rows[i].index for p in parts)
        employer_apart = kept or any(
            p.text in job.employer and p.row not in title_rows and (p.group < 0 or p.row < rows[i].index) for p in parts
        )
        previous_employer = job.employer or previous_employer
        jobs.append(job)
    return _without_employer_spans(jobs)


def _lone_comma_row(parts: list[Part]) -> bool:
    """The header is one row cut at its commas, a title first and nothing else: "Registered
    Nurse, Cardiac Step-Down" (not "Harrison Money Management, Accountant")."""
    return (
        len(parts) >= 2
        and parts[0].group >= 0
        and all(p.group == parts[0].group for p in parts)
        and title_score(parts[0].text) > 0
        and not any(title_score(p.text) for p in parts[1:])
    )


def _without_employer_spans(jobs: list[Job]) -> list[Job]:
    """An employer's own line with the whole stay ("BLACKROCK | May 2014 - Present", or with
    its town: "QATARENERGY LNG, Ras Laffan | Sep 2016 - Present") above the roles held
    there, each with its dates: the roles are the entries."""
    kept: list[Job] = []
    units: dict[int, str] = {}  # roles read as "Title, Unit" under their employer's line
    for n, job in enumerate(jobs):
        roles = _roles_at(job.employer, jobs[n + 1 :])
        if not title_score(job.title) and roles and all(_within(role, job) for role in roles):
            continue
        if job.employer and not job.title and (inner := _units_within(job, jobs[n + 1 :])):
            units.update((n + 1 + k, job.employer) for k in range(len(inner)))
            continue
        if n in units:
            job = dataclasses.replace(job, employer=units[n], title=f"{job.title}, {job.employer}")
        kept.append(job)
    return kept


def _units_within(stay: Job, jobs: list[Job]) -> list[Job]:
    """ "HSBC UK Bank plc, London | Sep 2015 - Present" over "Vice President, Credit Risk
    Analytics | Apr 2021 - Present": the roles held within the stay, each read with its
    unit for an employer (no company's mark), which belong to the employer above."""
    inner = list(itertools.takewhile(lambda j: bool(j.title) and _within(j, stay), jobs))
    if not inner or any(not j.employer or company_score(j.employer) or legal_form_score(j.employer) for j in inner):
        return []
    return inner


def _roles_at(employer: str, jobs: list[Job]) -> list[Job]:
    """The titled jobs at this employer that follow one another at the head of ``jobs``."""
    return list(itertools.takewhile(lambda j: j.employer == employer and bool(j.title), jobs))


def _within(inner: Job, outer: Job) -> bool:
    if inner.start is None or outer.start is None or inner.start < outer.start:
        return False
    return outer.current or (inner.end is not None and outer.end is not None and inner.end <= outer.end)


def _parts(header: Header) -> list[Part]:
    parts = [p for p in header.parts if not _noise(p.text)]
    # Running text after a title on its row ("Sous-chef - organisation du service, ...") names nothing.
    titled = {p.row for p in parts if title_score(p.text)}
    return [p for p in parts if p.row not in titled or title_score(p.text) or not is_description_text(p.text)]


def _job(
    header: Header, block: list[int], previous_employer: str, slot: tuple[int, bool] | None, *, same_employer: bool
) -> Job | None:
    start, end, current = _span(header.ranges)
    if start is None:
        return None
    parts = _parts(header)
    employer, title = _choose_by_slot(parts, header.places, slot)
    employer, title = _comma_title(parts, employer, title)
    employer, title = _unit_after_title(parts, employer, title)
    employer, title = _compound_title(parts, employer, title)
    employer = _comma_employer(parts, employer, title)
    if same_employer:
        employer, title = _unit_title(parts, employer, title, previous_employer)
    if not employer and title and previous_employer:
        employer = previous_employer  # a second role at the same employer
    if not employer and not title:
        return None
    return Job(employer, title, start, end, current, tuple(block))


def _mark(part: Part) -> float:
    """How plainly a part names an organization: a legal form, an employer word, a school."""
    return 2 * legal_form_score(part.text) + company_score(part.text) + is_institution(part.text)


def _comma_title(parts: list[Part], employer: str, title: str) -> tuple[str, str]:
    """ "Assistant Manager, Audit" or "Oberärztin, Klinik für Kardiologie" above a row that
    names the employer more plainly ("Deloitte Haskins & Sells LLP", "Universitätsklinikum
    Heidelberg"): what follows the title's comma is its department or function, part of it."""
    group = _comma_group(parts, title)
    if not group:
        return employer, title
    head = group[0]
    others = [p for p in parts if p.group != head.group]
    if len(group) < 2 or not others or any(p.row == head.row for p in others):
        return employer, title
    if (
        head.text == title
        and employer not in {p.text for p in group}
        and all(_lower_initial(p.text) for p in group[1:])
    ):
        return employer, ", ".join(p.text for p in group)  # "Konstruktör, chassi"
    best = max(others, key=_mark)
    # The other row's part is marked as an employer by its words, or set apart by its type
    # ("QUEST DIAGNOSTICS, Secaucus, NJ" in capitals above "Vice President, FP&A").
    marked = _mark(best) > 0 or (_set_apart(best) and not any(_set_apart(p) for p in group))
    if not marked or any(_mark(p) > _mark(best) for p in group):
        return employer, title
    return best.text, ", ".join(p.text for p in group)


def _unit_after_title(parts: list[Part], employer: str, title: str) -> tuple[str, str]:
    """ "Stripe" on the row above "Senior Software Engineer - Payments Platform": what follows
    the title on its row is its team or unit, part of the title, when the row above names
    something alone and nothing marks the unit as an employer. Below, that row is most often
    the town of "Title - Employer" ("Ejecutivo de Ventas - Schneider Electric México" over
    "Monterrey, N.L."): the title keeps its unit only when the employer was read there already."""
    head = next((p for p in parts if p.text == title), None)
    if head is None:
        return employer, title
    mates = [p for p in parts if p.row == head.row and p is not head]
    others = [p for p in parts if p.row != head.row]
    if len(mates) != 1 or len(others) != 1 or employer not in (mates[0].text, others[0].text):
        return employer, title
    unit, other = mates[0], others[0]
    if (
        parts.index(unit) < parts.index(head)
        or unit.group >= 0
        or _mark(unit) > 0
        or abs(other.row - head.row) != 1
        or title_score(other.text) > 0
        or (other.row > head.row and employer != other.text)
    ):
        return employer, title
    return other.text, f"{title} \u2013 {unit.text}"


def _compound_title(parts: list[Part], employer: str, title: str) -> tuple[str, str]:
    """ "Senior Manager - HR Business Partner, HDFC Bank Ltd.": a second title after the
    title on its row is one title with it; when the second was taken for the employer, the
    piece after its comma is the employer ("Security Officer - Flex Supervisor, Allied
    Universal")."""
    head = next((p for p in parts if p.text == title), None)
    if head is None or parts.index(head) + 1 >= len(parts):
        return employer, title
    second = parts[parts.index(head) + 1]
    if second.row != head.row or head.group >= 0 or not title_score(second.text) or _mark(second) > 0:
        return employer, title
    if second.text != employer:
        return employer, f"{title} \u2013 {second.text}"
    rest = [p for p in parts if second.group >= 0 and p.group == second.group and p is not second]
    if len(rest) == 1 and not title_score(rest[0].text):
        return rest[0].text, f"{title} \u2013 {second.text}"
    return employer, title


def _unit_title(parts: list[Part], employer: str, title: str, previous_employer: str) -> tuple[str, str]:
    """ "Registered Nurse, Telemetry Unit, 2019 - 2021" or "Senior Engineer - Structures |
    2018 - 2022" under the role above it at "Houston Methodist Hospital": what follows the
    title's comma or dash is its unit, when nothing marks it as an employer of its own."""
    group = _comma_group(parts, title)
    glue = ", "
    if not group and len(parts) == 2 and parts[0].text == title and parts[0].row == parts[1].row:
        group, glue = parts, " \u2013 "
    rest = [p for p in group if p.text != title]
    if len(group) < 2 or [p.text for p in rest] != [employer] or any(_mark(p) for p in rest):
        return employer, title
    return previous_employer, glue.join(p.text for p in group)


def _comma_group(parts: list[Part], text: str) -> list[Part]:
    """The parts cut at their commas from the piece that holds ``text``, when it was cut."""
    head = next((p for p in parts if p.text == text and p.group >= 0), None)
    return [] if head is None else [p for p in parts if p.group == head.group]


def _comma_employer(parts: list[Part], employer: str, title: str) -> str:
    """ "Department of Veterans Affairs, Audie L. Murphy VA Hospital" or "KAP Purwantono,
    Sungkoro & Surja" above or below its title: an employer's name and its unit, or a name
    with a comma, not an employer and a title."""
    group = _comma_group(parts, employer)
    if not group:
        return employer
    if any(p.text == title or p.row != group[0].row or title_score(p.text) or _noise(p.text) for p in group):
        return employer
    if not all(_unit_like(p) for p in group[1:]):
        return employer  # "TESCO, Newport": a town the gazetteer lacks, not a unit
    return ", ".join(p.text for p in group)


def _unit_like(part: Part) -> bool:
    """A part that reads as the rest of an organization's name, not as a town: an employer or
    school word, an ampersand, three words or more, or a word in lower case."""
    words = part.text.split()
    return _mark(part) > 0 or "&" in part.text or len(words) >= 3 or any(w[:1].islower() for w in words[1:])


def _set_apart(part: Part) -> bool:
    return part.bold or (is_upper(part.text) and len(part.text) > 4)


def _noise(text: str) -> bool:
    bare = text.strip(" ()")
    folded = bare.lower()
    return (
        len(bare) < 2
        or folded in {"remote", "hybrid", "full-time", "part-time", "full time", "part time", "contract", "internship"}
        or (
            _DURATION_WORD_RE.sub("", folded.split()[-1]) in _DURATION_UNITS
            and any(c.isdigit() for c in folded)
            # Nothing but numbers and units ("3 yrs 2 mos"), not "Year Head (5th Year)".
            and all(
                w.isdigit() or w in _AND_WORDS or _DURATION_WORD_RE.sub("", w) in _DURATION_UNITS
                for w in _TOKEN_RE.findall(folded)
            )
        )
    )


_DURATION_WORD_RE = re.compile(r"^\d+")  # "5yrs"
_TOKEN_RE = re.compile(r"[^\W_]+")
_AND_WORDS = frozenset(("and", "y", "und", "et", "e", "i", "och", "og", "en", "a"))


def _backward_rows(rows: list[Row], i: int, limit: int, claimed: set[int]) -> list[int]:
    """Up to MAX_BACK text rows before the date row; rows that only name a place
    ("Denver, Colorado") or a duration ("11 years 5 months", under the employer in
    LinkedIn's export) come along without counting."""
    found: list[int] = []
    texts = 0
    j = i - 1
    while j > limit and texts < MAX_BACK and j not in claimed:
        row = rows[j]
        if (
            is_description(row)
            or _items_of_previous(rows, j, limit, claimed)
            or _wrapped_tail(rows, j)
            or is_column_labels(row.text)
        ):
            break
        if j == limit + 1 and i - limit > 2 and limit >= 0 and _DURATION_RE.search(rows[limit].text):
            break  # LinkedIn: the previous role's place, under its dates and duration, above this title
        found.insert(0, j)
        if not all(is_place(p) for p in row.parts) and not _noise(row.text):
            texts += 1
        j -= 1
    return found


def _wrapped_tail(rows: list[Row], j: int) -> bool:
    """The last line of a paragraph wrapped onto it ("...Einführung von SAP S/4HANA im" /
    "Controlling"): set tight under running text, at its indent, the sentence not ended."""
    if j == 0:
        return False
    above, row = rows[j - 1], rows[j]
    if above.text.endswith("-") and above.text[-2:-1].isalpha():
        return True  # "Ad-hoc-" / "Analysen": a word split at the line's end
    return (
        is_description(above)
        and not is_bullet(above.text)
        and not above.text.rstrip().endswith((".", "!", "?", ":", ";"))
        and above.page == row.page
        and 0 < above.y < row.y <= above.y + 1.6 * max(row.size, 1.0)
        and abs(above.x - row.x) < 2
    )


def _items_of_previous(rows: list[Row], j: int, limit: int, claimed: set[int]) -> bool:
    """A short bullet ("• Tally") in a run of bullets that starts right under the previous
    entry's header: that entry's first items, not the next entry's header."""
    if not is_bullet(rows[j].text):
        return False
    k = j
    while k - 1 > limit and is_bullet(rows[k - 1].text):
        k -= 1
    return k - 1 in claimed


def _forward_rows(
    rows: list[Row], i: int, anchors: set[int], limit: int = MAX_FORWARD, *, past_items: bool = False
) -> list[int]:
    """Up to ``limit`` text rows after the date row; labelled details ("Hours per week:
    40") come along without counting. With ``past_items`` (entries set dates first, so the
    rows before the next dates are still this entry's), the search goes on past the items:
    a table's "Dates | Position | Employer" puts the duties in the position's cell, before
    the employer's."""
    found: list[int] = []
    texts = 0
    j = i + 1
    while j < len(rows) and texts < limit and j not in anchors:
        row = rows[j]
        description = is_description(row)
        # Running text, or a bullet under a plain header row (short as it may be): the entry's items.
        if description or (is_bullet(row.text) and not is_bullet(rows[j - 1].text)):
            if description and _titled_duties(row.text):
                found.append(j)  # "Sous-chef - organisation du service, ...": the title, then the duties
            if not past_items:
                break
            j += 1
            continue
        if past_items and j > i + 1 and is_description(rows[j - 1]) and not _employer_like(row.text):
            break  # after the items, only an employer's cell: not a wrapped item's end
        found.append(j)
        if not is_detail_label(row.text):
            texts += 1
        j += 1
    return found


def _employer_like(text: str) -> bool:
    """An organization's mark or a place beside the name ("Loblaws, Toronto, ON")."""
    return bool(legal_form_score(text) or company_score(text) or is_institution(text)) or (
        "," in text and is_place(text.rsplit(",", 1)[1].strip())
    )


_DUTIES_DASH_RE = re.compile(r"\s[-\u2013\u2014]\s")


def _titled_duties(text: str) -> bool:
    """A line of duties led by the job's title and a dash ("Chef de partie - poste poisson ...")."""
    pieces = _DUTIES_DASH_RE.split(text, maxsplit=1)
    return len(pieces) == 2 and len(pieces[0].split()) <= 5 and title_score(pieces[0]) > 0


def looks_like_education(job: Job) -> bool:
    """An education entry that landed in an experience section (mixed "CV" sections)."""
    if title_score(job.title):
        return False  # "Undergraduate Research Assistant" at a university is a job
    # A role at a school or a hospital ("Stationsleitung", "Cadre de santé") is a job too:
    # only a degree, or a school with nothing beside it, reads as education.
    return has_degree(job.title) or (is_institution(job.employer) and not job.title)
