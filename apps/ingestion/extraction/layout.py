"""Reading order from geometry: columns, table rows and running headers, for PDF and OCR lines.

Pure functions over positioned text boxes. The page is split at a vertical gutter
only when the text on both sides reads as two independent flows (each with its
own headings, or not aligned row by row); text aligned row by row on both sides
of a gap (a table, dates pushed to the right margin) is read row by row instead.
"""

import itertools
import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass

from apps.ingestion.document import Line


@dataclass(slots=True)
class Box:
    """One line of text on a page, in points from the top-left corner."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float = 0.0
    bold: bool = False

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 0.1)


# Zero-width spaces, soft hyphens and BOMs carry nothing a parser wants. The zero-width
# (non-)joiners are spelling in Persian and Indic scripts ("دیجی‌کالا"): they stay.
# Chinese, Japanese and Korean text sets Latin letters, digits and punctuation in full width
# (a colon, year digits or "AWS" each one wide square): they mean their plain forms, which the
# parser reads.
_PLAIN = {
    **dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff")),
    **{code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)},
    # Typographic ligatures, as text copied out of a PDF carries them ("hoﬀmann@").
    **dict(zip(range(0xFB00, 0xFB07), ("ff", "fi", "fl", "ffi", "ffl", "st", "st"), strict=True)),
}
_JOINERS = "\u200c\u200d"
_SPACES = re.compile(r"\s+")


# Dot leaders between an entry and its dates ("Securitas, Henderson, NV ........ 2016 - 2018").
_LEADERS = re.compile(r"\s*(?:\.{4,}|\u2026{2,}|(?:\. ){3,}\.)\s*")


def clean_text(text: str) -> str:
    """NFC (accents typeset as combining marks become one character), full-width forms and
    ligatures plain, no controls or dot leaders, single spaces."""
    text = unicodedata.normalize("NFC", text.translate(_PLAIN))
    if "..." in text or "\u2026" in text or ". . ." in text:
        text = _LEADERS.sub(" ", text)
    if not text.isprintable():
        text = "".join(char if char.isprintable() or char in _JOINERS else " " for char in text)
    return _SPACES.sub(" ", text).strip()


# A vertical gap narrower than this is a space between words or table cells, not a gutter.
_MIN_GUTTER = 6.0
# At most this share of the lines may cross a gutter (a full-width header above columns).
_MAX_CROSSING = 0.2
_MIN_SIDE_LINES = 3
_MAX_DEPTH = 3
# PDF pages end at 200 inches; wider coordinates are hostile, and the coverage array
# below has one slot per point.
_MAX_WIDTH = 20_000
# A line whose font is this much larger than the page's body text reads as a heading.
_HEADING_RATIO = 1.15


def reading_order(boxes: list[Box]) -> list[tuple[Box, int]]:
    """The boxes of one page in reading order, each with the index of its column."""
    if not boxes:
        return []
    body = _body_size(boxes)
    ordered: list[tuple[Box, int]] = []
    _order(boxes, body, 0, 0, ordered)
    return ordered


def _order(boxes: list[Box], body: float, column: int, depth: int, out: list[tuple[Box, int]]) -> int:
    """Append ``boxes`` in reading order to ``out``; return how many columns they used."""
    gutter = None if depth >= _MAX_DEPTH else _find_gutter(boxes)
    if gutter is None:
        out.extend((box, column) for box in _rows(boxes))
        return 1
    g0, g1 = gutter
    # Boxes that straddle the gutter (a full-width header) split the page into bands;
    # boxes in the same row as one of them (a contact line's other items) go with it.
    separators: list[list[Box]] = []
    for box in sorted((b for b in boxes if _straddles(b, g0, g1)), key=lambda b: (b.y0, b.x0)):
        if separators and _same_row(separators[-1][0], box):
            separators[-1].append(box)
        else:
            separators.append([box])
    bands: list[list[Box]] = [[] for _ in range(len(separators) + 1)]
    middles = [(row[0].y0 + row[0].y1) / 2 for row in separators]
    for box in boxes:
        if _straddles(box, g0, g1):
            continue
        index = bisect_right(middles, (box.y0 + box.y1) / 2)
        if index and _same_row(separators[index - 1][0], box):
            separators[index - 1].append(box)
        elif index < len(separators) and _same_row(separators[index][0], box):
            separators[index].append(box)
        else:
            bands[index].append(box)
    used = 1
    for index, band in enumerate(bands):
        left = [b for b in band if b.x1 <= g0 + 1]
        right = [b for b in band if b.x1 > g0 + 1]
        if left and right and _independent_flows(left, right, body):
            left, right = _place_strays(left, right)
            used_left = _order(left, body, column, depth + 1, out)
            used_right = _order(right, body, column + used_left, depth + 1, out)
            used = max(used, used_left + used_right)
        else:
            out.extend((box, column) for box in _rows(band))
        if index < len(separators):
            out.extend((box, column) for box in _rows(separators[index]))
    return used


def _straddles(box: Box, g0: float, g1: float) -> bool:
    # Coverage is counted on whole points, hence the one-point slack.
    return box.x0 < g1 - 1 and box.x1 > g0 + 1


def _find_gutter(boxes: list[Box]) -> tuple[float, float] | None:
    """The x-range that fewest lines cross with enough text on both sides, or None."""
    count = len(boxes)
    if count < 2 * _MIN_SIDE_LINES:
        return None
    origin = math.floor(min(b.x0 for b in boxes))
    end = math.ceil(max(b.x1 for b in boxes))
    if not 4 * _MIN_GUTTER <= end - origin <= _MAX_WIDTH:
        return None
    # Coverage of each 1-point column of the page by line boxes, via a difference array.
    diff = [0] * (end - origin + 2)
    for box in boxes:
        diff[math.floor(box.x0) - origin] += 1
        diff[math.ceil(box.x1) - origin] -= 1
    coverage = []
    running = 0
    for step in diff[: end - origin]:
        running += step
        coverage.append(running)
    ends = sorted(b.x1 for b in boxes)
    starts = sorted(b.x0 for b in boxes)
    limit = max(1, int(count * _MAX_CROSSING))
    best: tuple[tuple[int, int], float, float] | None = None
    start = 0
    while start < len(coverage):
        value = coverage[start]
        stop = start
        while stop < len(coverage) and coverage[stop] == value:
            stop += 1
        if value <= limit and stop - start >= _MIN_GUTTER:
            g0, g1 = float(origin + start), float(origin + stop)
            on_left = bisect_right(ends, g0 + 0.5)
            on_right = count - bisect_left(starts, g1 - 0.5)
            if on_left >= _MIN_SIDE_LINES and on_right >= _MIN_SIDE_LINES:
                key = (value, start - stop)
                if best is None or key < best[0]:
                    best = (key, g0, g1)
        start = stop
    return None if best is None else (best[1], best[2])


def _independent_flows(left: list[Box], right: list[Box], body: float) -> bool:
    """Two columns of text (read one after the other) rather than rows of a table.

    Two flows set independently of each other (a sidebar beside the main column)
    put their lines at unrelated heights: many lines of the denser side overlap a
    line of the other side off its centre. Rows of a table, or dates and headings
    in a margin column, sit centred on the row they belong to, or alone in a gap
    of the other side. The lines of both sides lining up by chance (same font, same
    spacing) is told apart by a heading on each side in the same row.
    """
    small, big = (left, right) if len(left) <= len(right) else (right, left)
    if len(small) < 2:
        return False  # a stray page number or date is placed by its row, not read last
    offset, aligned = _alignment(small, big)
    dense = _dense(small)
    if dense and offset >= max(1.0, _OFFSET_SHARE * len(small)):
        return True
    # Headings above the other side's first line are a title block ("Europass / Curriculum
    # Vitae" over a table of labels and values), not a column's own sections.
    top = max(min(b.y0 for b in left), min(b.y0 for b in right)) - 1
    # Both sides lining up by chance are both running text or lists: a side of items spread out
    # beside the other's entries is a label column ("Europass" labels and dates beside a heading
    # of the other side, the position wanted), whatever the headings.
    if (
        dense
        and _has_heading([b for b in left if b.y0 >= top], body)
        and _has_heading([b for b in right if b.y0 >= top], body)
    ):
        return _paired_headings(small, big, body) or aligned >= 0.8 * len(small)
    return False


# Share of the lines of the smaller side that sit off the centre of a line beside them:
# ~0 for tables and margin columns, 0.35-0.9 for sidebars (measured on the sample and
# generated resumes).
_OFFSET_SHARE = 0.25


def _alignment(small: list[Box], big: list[Box]) -> tuple[int, int]:
    """How many lines of ``small`` overlap a line of ``big`` off its centre, and how many centred on it."""
    big = sorted(big, key=lambda b: b.y0)
    tops = [b.y0 for b in big]
    tallest = max(b.height for b in big)
    offset = aligned = 0
    for box in small:
        near = big[bisect_left(tops, box.y0 - tallest) : bisect_right(tops, box.y1)]
        over = [b for b in near if min(b.y1, box.y1) - max(b.y0, box.y0) > 0]
        if not over:
            continue  # in a gap of the other side: a heading or a date on a row of its own
        centre = (box.y0 + box.y1) / 2
        distance = min(abs(centre - (b.y0 + b.y1) / 2) for b in over)
        if distance <= 0.25 * min(box.height, *(b.height for b in over)):
            aligned += 1
        else:
            offset += 1
    return offset, aligned


def _place_strays(left: list[Box], right: list[Box]) -> tuple[list[Box], list[Box]]:
    """A line set apart from the rest of its column and centred on a line of the other
    column belongs to that line's row: a date right-aligned beside the first job, below
    a contact block in the top-right corner."""
    stray_left = _strays(left, right)
    stray_right = _strays(right, left)
    if not stray_left and not stray_right:
        return left, right
    return (
        [b for n, b in enumerate(left) if n not in stray_left] + [right[n] for n in sorted(stray_right)],
        [b for n, b in enumerate(right) if n not in stray_right] + [left[n] for n in sorted(stray_left)],
    )


def _strays(own: list[Box], other: list[Box]) -> set[int]:
    """Indexes of the lines of ``own`` that no other line of ``own`` comes within 2.5
    line heights of, and that sit centred on a line of ``other``. Sorted tops keep this
    O(n log n) on a hostile page of many thousand lines."""
    order = sorted(range(len(own)), key=lambda n: own[n].y0)
    tops = [own[n].y0 for n in order]
    tallest = max((b.height for b in own), default=0.0)
    others = sorted(other, key=lambda b: b.y0)
    other_tops = [b.y0 for b in others]
    other_tallest = max((b.height for b in others), default=0.0)
    found: set[int] = set()
    for n, box in enumerate(own):
        gap = 2.5 * box.height
        first = bisect_left(tops, box.y0 - gap - tallest)
        last = bisect_right(tops, box.y1 + gap)
        if any(m != n and own[m].y0 - gap < box.y0 < own[m].y1 + gap for m in order[first:last]):
            continue
        centre = (box.y0 + box.y1) / 2
        near = others[bisect_left(other_tops, box.y0 - other_tallest) : bisect_right(other_tops, box.y1)]
        if any(abs(centre - (b.y0 + b.y1) / 2) <= 0.25 * min(box.height, b.height) for b in near):
            found.add(n)
    return found


def _dense(boxes: list[Box]) -> bool:
    """Lines that follow each other as running text or a list, not items spread out beside
    another column's entries (a date per job)."""
    tops = sorted(b.y0 for b in boxes)
    gaps = sorted(b - a for a, b in itertools.pairwise(tops))
    heights = sorted(b.height for b in boxes)
    return gaps[len(gaps) // 2] <= 2.0 * heights[len(heights) // 2]


def _paired_headings(small: list[Box], big: list[Box], body: float) -> bool:
    """A heading of each side in one row, each side with headings of its own: a lone large
    line of the other side is a name or a title (a Europass CV's name beside its first
    section's label), not a column's sections."""
    heads = [b for b in big if _has_heading([b], body)]
    if len(heads) < 2:
        return False
    return any(_same_row(box, head) for box in small if _has_heading([box], body) for head in heads)


def _has_heading(boxes: list[Box], body: float) -> bool:
    # Without font sizes (OCR) every line would be as large as the body text: no heading is known.
    return any(
        len(b.text) <= 60
        and ((body > 0 and b.size >= body * _HEADING_RATIO) or (b.bold and b.text.isupper() and len(b.text) <= 40))
        for b in boxes
    )


def _same_row(a: Box, b: Box) -> bool:
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    return overlap >= 0.5 * min(a.height, b.height)


def _rows(boxes: list[Box]) -> list[Box]:
    """Top to bottom; boxes that share a row (table cells, a date on the right) left to right."""
    ordered: list[Box] = []
    row: list[Box] = []
    row_top = row_bottom = 0.0
    for box in sorted(boxes, key=lambda b: (b.y0, b.x0)):
        overlap = min(box.y1, row_bottom) - max(box.y0, row_top)
        if row and overlap >= 0.5 * min(box.height, row_bottom - row_top):
            row.append(box)
            continue
        ordered.extend(_join_touching(row))
        row = [box]
        row_top, row_bottom = box.y0, box.y1
    ordered.extend(_join_touching(row))
    return ordered


# Boxes in one row closer than this many ems are one line that the PDF split (a change
# of font or baseline: "www" + ".example.com", "1" + "st"), not two table cells.
_TOUCHING_EM = 0.5
_SPACE_EM = 0.15


def _join_touching(row: list[Box]) -> list[Box]:
    if len(row) < 2:
        return row
    row = sorted(row, key=lambda b: b.x0)
    joined = [row[0]]
    for box in row[1:]:
        last = joined[-1]
        em = max(last.size, box.size) or 0.8 * max(last.height, box.height)
        gap = box.x0 - last.x1
        if -0.1 * em <= gap < _TOUCHING_EM * em:
            joined[-1] = _merge(last, box, " " if gap > _SPACE_EM * em else "")
        else:
            joined.append(box)
    return joined


def _merge(a: Box, b: Box, glue: str) -> Box:
    size = a.size if len(a.text) >= len(b.text) else b.size
    bold_chars = (len(a.text) if a.bold else 0) + (len(b.text) if b.bold else 0)
    return Box(
        text=a.text + glue + b.text,
        x0=a.x0,
        y0=min(a.y0, b.y0),
        x1=max(a.x1, b.x1),
        y1=max(a.y1, b.y1),
        size=size,
        bold=2 * bold_chars > len(a.text) + len(b.text),
    )


def _body_size(boxes: list[Box]) -> float:
    """The font size of most characters on the page: what a heading is larger than."""
    weights: Counter[float] = Counter()
    for box in boxes:
        if box.size > 0:
            weights[round(box.size, 1)] += len(box.text)
    return weights.most_common(1)[0][0] if weights else 0.0


# Running headers and footers live in the top and bottom margins of a page.
_MARGIN_SHARE = 0.12
_DIGITS = re.compile(r"\d+")
# An address, a web address or a phone number (seven digits or more).
_CONTACT = re.compile(r"@|https?:|www\.|\.(?:com|org|net|io|de|fr|es)\b|(?:\d[\s().-]*){7}", re.I)


def drop_running_heads(pages: list[list[Box]], heights: list[float]) -> list[list[Box]]:
    """Remove lines repeated at the same place on most pages ("Page 2 of 3", a name banner).

    The first page keeps its running header, and a running footer that carries
    contact details: they often sit there on every page, and the first copy is
    the one parsing needs. A footer without them ("February 10, 2026 · Résumé ·
    1") goes from the first page too: read at the foot of page one, it landed
    in the middle of a section.
    """
    if len(pages) < 2:
        return pages
    needed = max(2, math.ceil(0.6 * len(pages)))
    seen: Counter[tuple[str, int]] = Counter()
    for boxes, height in zip(pages, heights, strict=True):
        seen.update({_running_key(b) for b in boxes if _in_margin(b, height)})
    repeated = {key for key, count in seen.items() if count >= needed}
    if not repeated:
        return pages
    first, first_height = pages[0], heights[0]
    kept = [
        [
            b
            for b in first
            if not (_in_footer(b, first_height) and _running_key(b) in repeated and not _CONTACT.search(b.text))
        ]
    ]
    for boxes, height in zip(pages[1:], heights[1:], strict=True):
        kept.append([b for b in boxes if not (_in_margin(b, height) and _running_key(b) in repeated)])
    return kept


def _in_footer(box: Box, height: float) -> bool:
    return box.y0 >= height * (1 - _MARGIN_SHARE)


def _in_margin(box: Box, height: float) -> bool:
    return box.y1 <= height * _MARGIN_SHARE or _in_footer(box, height)


def _running_key(box: Box) -> tuple[str, int]:
    # Page numbers change from page to page; their position does not.
    return _DIGITS.sub("#", box.text.lower()), round(box.y0 / 3)


def to_lines(ordered: list[tuple[Box, int]], page: int) -> list[Line]:
    return [
        Line(
            text=box.text,
            page=page,
            size=round(box.size, 2),
            bold=box.bold,
            x=round(box.x0, 2),
            y=round(box.y0, 2),
            column=column,
        )
        for box, column in ordered
    ]
