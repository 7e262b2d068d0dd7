"""Rows: the document's lines cleaned, with pieces printed on one baseline joined.

Extractors often return a right-aligned date or location as its own line; a
resume means it as part of the entry line beside it ("Google | May 2019 - Present").
Joining consecutive lines of one page and column that share a baseline gives the
parsers that row back, whether or not the extractor already joined it.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from apps.ingestion.document import Document, Line

from .dates import ends_in_month, find_ranges, is_month, is_open_end
from .text import clean

SEPARATOR = " | "
_PAGE_FURNITURE_RE = re.compile(
    r"^(?:(?:page|seite|página|pagina)\s*)?\d{1,3}(?:\s*(?:/|of|von|de|sur)\s*\d{1,3})?$|^-\s*\d{1,3}\s*-$", re.I
)


@dataclass(slots=True)
class Row:
    text: str
    parts: list[str]
    page: int
    size: float
    bold: bool
    x: float
    y: float
    column: int
    index: int = 0
    ocr: bool = False
    right: float = 0.0  # left edge of the last piece joined into the row
    xs: list[float] = field(default_factory=list)  # left edge of each part


_LOOKBACK = 3
_DANGLING_ENDS = frozenset("-oOsSàÀaA")  # the last letters of " -", "to", "bis", "à", "hasta", "a"
_DANGLING_RE = re.compile(r"(?:\s-|\bto|\bbis|\bà|\bhasta|\ba)\s*$", re.I)
_DASH_NEAR_END_RE = re.compile("[-\u2013\u2014]")


def _row_beside(rows: list[Row], line: Line) -> Row | None:
    """The row among the last few that the line sits beside, on the same baseline and
    to the right of it, in type of about the same size."""
    x, y, page, column = line.x, line.y, line.page, line.column
    for row in reversed(rows[-_LOOKBACK:]):
        if x <= max(row.x, row.right) or page != row.page or column != row.column or row.y <= 0 or y <= 0:
            continue
        small, big = sorted((row.size or 10.0, line.size or 10.0))
        if big <= small * 1.45 and abs(y - row.y) <= max(2.0, 0.3 * small):
            return row
    return None


def build_rows(document: Document) -> list[Row]:
    ocr_pages = set(document.ocr_pages)
    lines = [(clean(line.text), line) for line in document.lines]
    running = _running_lines(lines)
    rows: list[Row] = []
    short_date: tuple[int, float] | None = None  # page and height of the last short line ending in a digit
    for n, (text, line) in enumerate(lines):
        if not text or text in {"|", "•", "·", "-", "▪"} or _PAGE_FURNITURE_RE.match(text):
            continue
        if running and _running_key(text) in running and not (n < 3 and line.page == lines[0][1].page):
            # A running header at the very top of the first page stays: a name
            # printed in every page's header is still the name.
            continue
        # A right-aligned date or place read after other lines still joins the
        # entry line it sits beside.
        target = _row_beside(rows, line)
        if _continue_range(rows[-4:], text, line):
            continue
        # A timeline's stacked end date: only ever within a few lines under a short date.
        below_date = short_date is not None and short_date[0] == line.page and 0 < line.y - short_date[1] <= 60
        if len(text) <= 20 and text[-1:].isdigit():
            short_date = (line.page, line.y)
        if below_date and _stacked_end(rows[-3:], text, line):
            continue
        if target is not None:
            target.xs.append(line.x)
            target.parts.append(text)
            target.text = SEPARATOR.join(target.parts)
            target.bold = target.bold and line.bold
            target.right = line.x
            continue
        rows.append(
            Row(
                text=text,
                parts=[text],
                page=line.page,
                size=line.size,
                bold=line.bold,
                x=line.x,
                y=line.y,
                column=line.column,
                ocr=line.page in ocr_pages,
                xs=[line.x],
            )
        )
    for i, row in enumerate(rows):
        row.index = i
    return rows


def _continue_range(recent: list[Row], text: str, line: Line) -> bool:
    """A range wrapped in a narrow date column joins the part it continues, even
    when other text was printed beside it: "June 2020 -" / "Present", "березень
    2014 - серпень" / "2019", "svibanj" / "2017. -" / "veljača" / "2021.", and
    "ožujak 2021." / "- danas"."""
    year_next = text[:1].isdigit()
    month_next = not year_next and len(text) <= 12 and is_month(text)
    end_next = text[:2] == "- " and len(text) <= 24 and _lone_date(text[2:], open_end=True)
    for row in reversed(recent):
        if row.page != line.page:
            continue
        for k, part in enumerate(row.parts):
            # The cheap tests first: this runs for every line of the document.
            last = part[-1:]
            if (
                (
                    (
                        last in _DANGLING_ENDS
                        and _DANGLING_RE.search(part[-8:])
                        and find_ranges(part)
                        and (month_next or _starts_date(text))
                    )
                    or (
                        year_next
                        and last.isalpha()
                        and (
                            (_DASH_NEAR_END_RE.search(part[-16:]) and ends_in_month(part) and find_ranges(part))
                            or (len(part) <= 12 and is_month(part))
                        )
                        and _starts_date(text)
                    )
                    or (end_next and len(part) <= 20 and _lone_date(part, open_end=False))
                )
                # Under the part, or right-aligned under it: "Aug 2025 - Expected May" / "2027".
                and row.xs[k] - 60 < line.x < row.xs[k] + max(60, 6 * len(part))
            ):
                row.parts[k] = f"{part} {text}"
                row.text = SEPARATOR.join(row.parts)
                return True
    return False


def _stacked_end(recent: list[Row], text: str, line: Line) -> bool:
    """ "Feb 2021" / "●" / "Now": a timeline's end date set under its start date, with a
    dot or a line between, joins the start as a range."""
    if len(text) > 20 or line.y <= 0:
        return False
    for row in reversed(recent):
        if row.page != line.page or row.y <= 0 or not 0 < line.y - row.y <= 4 * max(row.size, 1.0):
            continue
        for k, part in enumerate(row.parts):
            # The cheap tests first.
            if (
                abs(row.xs[k] - line.x) < 40
                and len(part) <= 20
                and part[-1:].isdigit()
                and _lone_date(part, open_end=False)
                and _lone_date(text, open_end=True)
                and _not_before(text, part)
            ):
                between = [
                    p
                    for r in recent
                    if row.y < r.y < line.y
                    for x, p in zip(r.xs, r.parts, strict=True)
                    if abs(x - line.x) < 40
                ]
                if all(_TIMELINE_MARK_RE.fullmatch(p) for p in between):
                    row.parts[k] = f"{part} - {text}"
                    row.text = SEPARATOR.join(row.parts)
                    return True
    return False


def _not_before(end: str, start: str) -> bool:
    """The end is an open end, or no earlier than the start (not the next entry's start)."""
    ends, starts = find_ranges(end), find_ranges(start)
    if not ends or not starts or ends[0].start is None or starts[0].start is None:
        return True
    return ends[0].start >= starts[0].start


_TIMELINE_MARK_RE = re.compile(r"[●○◆◇■□•·|\-\u2013\u2014]")


def _lone_date(text: str, *, open_end: bool) -> bool:
    """The whole text is one date ("Feb 2021"), or with ``open_end`` an open end ("Now")."""
    if open_end and is_open_end(text):
        return True
    ranges = find_ranges(text)
    if len(ranges) != 1 or ranges[0].begin != 0 or ranges[0].stop < len(text.rstrip(" .")):
        return False
    return ranges[0].end == ranges[0].start and not ranges[0].current


_PAGE_NUMBER_RE = re.compile(
    r"(?:\b(?:page|seite|página|pagina)\s*)?\b\d{1,3}(?:\s*(?:/|of|von|de|sur)\s*\d{1,3})?\s*$", re.I
)


def _running_key(text: str) -> str:
    """A running line without its page number ("Jane Doe - Resume 2" ~ "... 3")."""
    if not text[-1:].isdigit():
        return text.strip(" -|·")
    return _PAGE_NUMBER_RE.sub("", text).strip(" -|·")


def _starts_date(text: str) -> bool:
    ranges = find_ranges(text)
    if ranges and ranges[0].begin == 0:
        return True
    return is_open_end(text) or bool(
        re.match(r"(?:present|current|now|today|heute|aujourd|actualidad|presente|actual)", text, re.I)
    )


def _running_lines(lines: list[tuple[str, Line]]) -> set[str]:
    """Running headers and footers: the same short text at the top or bottom of
    most pages (page numbers stripped before comparing)."""
    pages = {line.page for _, line in lines}
    if len(pages) < 2:
        return set()
    by_page: dict[int, list[str]] = {}
    for text, line in lines:
        if text:
            by_page.setdefault(line.page, []).append(text)
    counts: Counter[str] = Counter()
    for texts in by_page.values():
        edges = {_running_key(t) for t in texts[:3] + texts[-4:]}
        counts.update(t for t in edges if 3 <= len(t) < 80)
    needed = max(2, (len(pages) + 1) // 2)
    return {t for t, n in counts.items() if n >= needed}


def body_size(rows: list[Row]) -> float:
    """The font size most characters are set in (0 when layout is unknown)."""
    sizes: Counter[float] = Counter()
    for r in rows:
        if r.size:
            sizes[round(r.size * 2) / 2] += len(r.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0
