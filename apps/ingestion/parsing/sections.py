"""Section headings in English, German, French and Spanish, and the rows under each.

A heading is a short row whose words name a section ("Work Experience",
"Beruflicher Werdegang", "Expérience professionnelle", "Formación académica"),
upper-case, bold, larger, ending in ":" or letter-spaced. Rows set in the same
distinctive style as the known headings are headings too ("Honors & Awards"),
so that an unknown section ends the one before it.
"""

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from .dates import find_ranges
from .layout import Row
from .lexicon import has_degree
from .memo import memoized
from .text import fold, is_bullet, is_upper, words_key

_DATA = Path(__file__).resolve().parent / "data" / "headings.tsv"


def _load() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            phrase, _, kind = line.partition("\t")
            table.setdefault(words_key(phrase), kind)
    return table


HEADINGS = _load()
# Labels inside an entry ("Duties, Accomplishments and Related Skills:") that end in a
# heading's word but open no section.
_NOT_A_HEADING = "entry label"
# Kinds a phrase at the start or end of a longer heading does not lend it, and phrases too vague to.
_NOT_NAMING = {None, "other", _NOT_A_HEADING}
_TOO_VAGUE = {"work", "career", "about", "language"}

_NOISE_WORDS = {"and", "und", "et", "y", "my", "meine", "mes", "mis", "de", "du", "des", "la", "le", "el", "los", "the"}
_INLINE_RE = re.compile(r"^\s*([^:|]{2,40}?)\s*:\s*(.+)$")


@dataclass(slots=True)
class Section:
    kind: str  # header (before any heading), experience, education, skills, ...
    title: str
    rows: list[Row]
    heading: Row | None = None


@memoized
def heading_kind(text: str) -> str | None:
    """The section a heading's words name, if they name one."""
    key = words_key(_without_number(text))
    if not key or len(key) > 60:
        return None
    kind = HEADINGS.get(key)
    if kind is not None:
        return None if kind == _NOT_A_HEADING else kind
    tokens = [w for w in key.split() if w not in _NOISE_WORDS]
    kind = HEADINGS.get(" ".join(tokens))
    if kind is not None or len(tokens) > 5:
        return None if kind == _NOT_A_HEADING else kind
    # "Professional Experience Highlights", "Technical Skills Summary": a known
    # phrase at the start or the end of a short heading.
    for size in range(len(tokens) - 1, 0, -1):
        for phrase in (" ".join(tokens[:size]), " ".join(tokens[-size:])):
            kind = HEADINGS.get(phrase)
            if kind not in _NOT_NAMING and phrase not in _TOO_VAGUE:
                if phrase in _WEAK and not all(t in HEADINGS for t in tokens):
                    continue  # "Wipro Technologies", "Sales Training": an employer, a course
                if kind != "education" and has_degree(text):
                    continue  # "Máster en Dirección de Proyectos": a degree, not a projects heading
                return kind
    return None


def _exact_heading(text: str) -> bool:
    """The whole text is a known heading, not one with more words around it."""
    key = words_key(text)
    return key in HEADINGS or " ".join(w for w in key.split() if w not in _NOISE_WORDS) in HEADINGS


def _styled(row: Row, body: float) -> bool:
    text = row.text.rstrip(":").strip()
    return (
        row.bold
        or (body > 0 and row.size >= body + 0.9)
        or is_upper(text)
        or row.text.endswith(":")
        or body == 0
        or "  " in row.text
    )


# Words that are headings only when set like one: alone they are often list items.
_WEAK = {
    "leadership",
    "training",
    "trainings",
    "courses",
    "community",
    "research",
    "activities",
    "tools",
    "work",
    "career",
    "language",
    "languages",
    "engagement",
    "highlights",
    "presentation",
    "teaching",
    "social",
    "portfolio",
    "writing",
    "stages",
    "formation",
    "bildung",
    "erfahrung",
    "expertise",
    "technologies",
    "about",
    "formazione",
    "formacao",
    "ervaring",
    "corsi",
    "cursussen",
    "trainingen",
    "szkolenia",
    # Swedish, Norwegian, Danish, Czech, Turkish, Romanian, Russian.
    "erfarenhet",
    "erfaring",
    "praktik",
    "praksis",
    "kurser",
    "kurs",
    "praxe",
    "zkusenosti",
    "kurzy",
    "deneyim",
    "staj",
    "kurslar",
    "studii",
    "cursuri",
    "опыт",
    "курсы",
}


def _heading_like(row: Row, text: str, body: float, before: list[Row]) -> bool:
    """``before``: the two rows above, nearest last."""
    if body > 0:
        return _styled(row, body)
    stripped = text.strip().rstrip(":").strip()
    if words_key(stripped) not in _WEAK or is_upper(stripped) or text.strip().endswith(":"):
        return True
    # Without layout (plain text, OCR) a word like "Formation" is a heading after
    # running text, a bullet, a page break, a row listing several items ("Python, SQL") or a wider
    # gap than the rows above leave; a list item among other short items.
    if not before:
        return True
    previous = before[-1]
    return (
        previous.page != row.page
        or len(previous.text) > 40
        or is_bullet(previous.text)
        or previous.text.endswith(".")
        or _LIST_SEPARATOR_RE.search(previous.text) is not None
        or _gap_widens(row, before)
    )


def _label_cell(row: Row, text: str, previous: Row | None) -> bool:
    """A heading in plain type in the label column of a table laid out as a resume
    ("Experience" | "Apr 2022 - Present" ... "Skills" | "Wine list development, ..."): alone
    in its cell, in another column than the content above it."""
    return (
        previous is not None
        and previous.column != row.column
        and _exact_heading(text)
        and words_key(text.strip().rstrip(":")) not in _WEAK
    )


def _gap_widens(row: Row, before: list[Row]) -> bool:
    """The row is set further below the row above than that row is below its own."""
    if len(before) < 2:
        return False
    above, previous = before
    if not 0 < above.y < previous.y < row.y or not above.page == previous.page == row.page:
        return False
    return row.y - previous.y > 1.25 * (previous.y - above.y)


_LIST_SEPARATOR_RE = re.compile(r"[,;|\u2022\u00b7]")
_NOT_HEADING_CHAR_RE = re.compile(r"[\d@|]")


# A heading's number: "1. Pracovní zkušenosti", "2) Education", "03 Skills", "1. 💼 Parcours".
_ENUMERATOR_RE = re.compile(r"^\s*(?:\d{1,2}[.)]\s*|0\d\s+)(?=[^\d\s.,])")


def _without_number(text: str) -> str:
    return _ENUMERATOR_RE.sub("", text) if text.lstrip()[:1].isdigit() else text


@memoized
def _is_heading_text(text: str) -> bool:
    stripped = _without_number(text).strip().rstrip(":").strip()
    if not stripped or len(stripped) > 50 or stripped.endswith((".", ",", ";")):
        return False
    if _NOT_HEADING_CHAR_RE.search(stripped):
        return False
    return len(stripped.split()) <= 6


_BILINGUAL_RE = re.compile(r"\s+[|/]\s+")


def _bilingual(text: str) -> str:
    """ "Work Experience | कार्य अनुभव", "Skills / المهارات": a heading printed in two languages
    is the one the parser knows."""
    if "|" not in text and "/" not in text:
        return text
    pieces = _BILINGUAL_RE.split(text)
    if len(pieces) != 2:
        return text
    return next((piece for piece in pieces if heading_kind(piece) is not None), text)


def _without_duration(text: str) -> str:
    """ "Опыт работы - 9 лет 8 месяцев", "Work Experience - 12 years": the heading, without
    the time it adds up to."""
    head, dash, tail = text.partition(" - ")
    return head if dash and tail[:1].isdigit() else text


def split_sections(rows: list[Row], body: float) -> list[Section]:
    """Cut the rows into sections at their headings."""
    marks: list[tuple[int, str, Row | None]] = []
    known_styles: list[tuple[float, bool, bool]] = []
    wrapped = _wrapped_headings(rows, body)
    for i, row in enumerate(rows):
        if i - 1 in wrapped:
            continue  # the second line of a heading wrapped in a narrow column
        text = row.parts[0] if len(row.parts) > 1 and heading_kind(row.parts[0]) else wrapped.get(i, row.text)
        text = _bilingual(_without_duration(text))
        if _is_heading_text(text):
            kind = heading_kind(text)
            if kind is not None and marks and marks[-1][1] == kind and not _exact_heading(text):
                # "Ausbildung" / "Ausbildung zum Elektroniker": a heading's word that starts
                # an entry of the section it names is that entry, not a second heading.
                kind = None
            if kind is not None and (
                _heading_like(row, text, body, rows[max(0, i - 2) : i])
                or _label_cell(row, text, rows[i - 1] if i else None)
            ):
                marks.append((i, kind, None))
                known_styles.append(_style(row, text))
                continue
        inline = _INLINE_RE.match(row.text) if ":" in row.text else None
        if inline is not None and len(inline.group(1).split()) <= 4:
            kind = heading_kind(inline.group(1))
            if kind is not None and kind not in {"contact", "other"}:
                # "Skills: Python, SQL" - the heading and the first content row in one.
                content = Row(
                    text=inline.group(2),
                    parts=[inline.group(2)],
                    page=row.page,
                    size=row.size,
                    bold=False,
                    x=row.x,
                    y=row.y,
                    column=row.column,
                    index=row.index,
                    ocr=row.ocr,
                )
                marks.append((i, kind, content))
    _add_styled_headings(rows, body, marks, known_styles, {i + 1 for i in wrapped})
    marks.sort(key=lambda m: m[0])
    marks = _within_sections(rows, marks)
    sections: list[Section] = []
    first = marks[0][0] if marks else len(rows)
    sections.append(Section(kind="header", title="", rows=rows[:first]))
    for n, (i, kind, first_row) in enumerate(marks):
        end = marks[n + 1][0] if n + 1 < len(marks) else len(rows)
        start = i + 2 if i in wrapped else i + 1
        body_rows = ([first_row] if first_row is not None else []) + rows[start:end]
        sections.append(Section(kind=kind, title=wrapped.get(i, rows[i].text), rows=body_rows, heading=rows[i]))
    return sections


# Sections of dated entries, whose entries may hold a labelled line ("Tools: dbt, Power BI").
_DATED_KINDS = frozenset(("experience", "education", "projects", "volunteer"))
# Labels that group the lines of a skills section ("Languages: Java, Python", "Tools: Git").
_SKILL_GROUP_KINDS = frozenset(("skills", "languages", "interests"))
_Mark = tuple[int, str, Row | None]  # a heading's row index, its kind, the content in its row


def _within_sections(rows: list[Row], marks: list[_Mark]) -> list[_Mark]:
    """Labelled lines that belong to the section above them, not sections of their own:
    "Tools: Snowflake, dbt, Power BI" under a job, with more dated entries after it before
    the next heading; "Languages: Java, Python" or "Tools: Git" among technical skills."""
    kept: list[_Mark] = []
    for n, (i, kind, content) in enumerate(marks):
        if content is not None and kept:
            above = kept[-1][1]
            if above == "skills" and kind in _SKILL_GROUP_KINDS:
                continue
            if above in _DATED_KINDS:
                end = marks[n + 1][0] if n + 1 < len(marks) else len(rows)
                if any(find_ranges(r.text) for r in rows[i + 1 : end]):
                    continue
        kept.append((i, kind, content))
    return kept


def _wrapped_headings(rows: list[Row], body: float) -> dict[int, str]:
    """Headings set on two lines in a narrow column ("Expérience" / "professionnelle"): the
    index of the first line and the whole heading, when only the two lines together make a
    known heading and the second line sits right below the first in the same type."""
    found: dict[int, str] = {}
    if body <= 0:
        return found
    for i, (row, below) in enumerate(itertools.pairwise(rows)):
        if (
            len(row.parts) == 1
            and len(below.parts) == 1
            and row.page == below.page
            and row.size > 0
            and abs(row.size - below.size) < 0.2
            and row.bold == below.bold
            # Flush left, or flush right or centred in a label column ("EXPERIENȚA" / "PROFESIONALĂ"):
            # the second line starts within a few letters of the first, not in another column.
            and abs(row.x - below.x) < 3 * row.size
            and 0 < below.y - row.y <= 1.6 * row.size
            and _is_heading_text(row.text)
            and _is_heading_text(below.text)
            and not _exact_heading(below.text)
            and _exact_heading(joined := f"{row.text} {below.text}")
            and _styled(row, body)
        ):
            found[i] = joined
    return found


def _style(row: Row, text: str) -> tuple[float, bool, bool]:
    """A heading's type: its size to the half point (11.5 is not 12.5), weight and capitals."""
    return round(row.size * 2) / 2, row.bold, is_upper(text)


def _add_styled_headings(
    rows: list[Row],
    body: float,
    marks: list[tuple[int, str, Row | None]],
    styles: list[tuple[float, bool, bool]],
    continuations: set[int],
) -> None:
    """Unknown headings in the style of the known ones end the section before them; the
    second lines of wrapped headings are not headings of their own."""
    if len(styles) < 2:
        return
    style = max(set(styles), key=styles.count)
    size, bold, upper = style
    distinctive = (body > 0 and size >= body + 1.5) or (upper and (bold or size > body))
    if not distinctive:
        return
    taken = {m[0] for m in marks} | continuations
    for i, row in enumerate(rows):
        if i in taken or len(row.parts) > 1:
            continue
        text = row.text
        if not _is_heading_text(text) or len(text.split()) > 4:
            continue
        if _style(row, text) != style:
            continue
        if fold(text) in {"", "|"}:
            continue
        marks.append((i, "other", None))
