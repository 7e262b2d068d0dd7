"""Education entries: institution, degree, field, start, end.

The section's header-like rows are read as parts; a new entry starts when a row
brings a second school, a second degree or a second date range, or when a
finished entry (school and dates) is followed by another entry line.
"""

import dataclasses
import re

from .dates import DateRange, YearMonth
from .entries import Part, header_text, is_column_labels, is_description_text, read_header
from .layout import Row
from .lexicon import (
    DEGREE_CJK_RE,
    DEGREE_SHORT_RE,
    degree_match,
    has_degree,
    is_institution,
    long_degree_match,
    split_cjk_school,
    title_score,
)
from .text import fold

_FIELD_SPLIT_RE = re.compile(
    r"\s+(?:in|of|en|em|di|im|zum|zur|in the field of|mention|spécialité|specialization in|major in|:)\s+", re.I
)
_NOISE_RE = re.compile(
    r"\b(?:gpa|cgpa|overall gpa|percentage|grade point)\b|"
    r"^(?:gpa|cgpa|grade|note|nota|moyenne|abschlussnote|honou?rs|magna|summa|cum laude|thesis|advisor|minor|"
    r"relevant|coursework|courses|mention|dean's|scholarship|in progress|ongoing|pursuing|currently pursuing|"
    r"completed|en cours|laufend)\b|"
    r"^\d+(?:[.,]\d+)?\s*(?:%|cgpa|gpa|percent)",
    re.I,
)


@dataclasses.dataclass(slots=True)
class School:
    institution: str = ""
    degree: str = ""
    field: str = ""
    ranges: list[DateRange] = dataclasses.field(default_factory=list)
    others: list[Part] = dataclasses.field(default_factory=list)
    # Parts printed right after the school's name or the degree, where a field goes
    # ("Boğaziçi University, Computer Engineering", "B.Sc., Industrial Engineering",
    # "Master - Marketing et vente · INSA Lyon").
    beside: list[Part] = dataclasses.field(default_factory=list)
    styled: bool = False  # the school's name is set in bold or capitals
    degree_row: int = -1

    def start_end(self) -> tuple[YearMonth | None, YearMonth | None]:
        starts = [r.start for r in self.ranges if r.start is not None]
        ends = [r.end for r in self.ranges if r.end is not None]
        if not starts:
            return None, None
        start = min(starts)
        end = max(ends) if ends else None
        if end == start and len(self.ranges) == 1 and self.ranges[0].end == self.ranges[0].start:
            # A lone date under a school is the graduation date.
            return None, end
        return start, end

    @property
    def empty(self) -> bool:
        # A name in bold that no school word marks ("La Martiniere for Boys") still makes a
        # school with its dates: _fill_gaps names it.
        return not (self.institution or self.degree or (self.ranges and any(p.bold for p in self.others)))


_DEGREE_OF_RE = re.compile(
    r"\s+(?:of|in)\s+(?:Applied\s+)?(?:Science|Sciences|Arts|Fine Arts|Engineering|Business Administration|Laws|"
    r"Philosophy|Technology|Education|Commerce|Music|Medicine|Public Health|Social Work|Nursing)\b",
    re.I,
)


# "Major: Nursing", "Fachrichtung Informatik", "obor Informační systémy" (Czech), "kierunek
# Informatyka" (Polish): the field, after its label.
_FIELD_LABEL_RE = re.compile(
    r"^(?:major|concentration|specialization|specialisation|field of study|fachrichtung|schwerpunkt|studiengang|"
    r"spécialité|especialidad|especialización|indirizzo|studijní obor|obor|odbor|kierunek|specjalność|szak)"
    r"\s*(?::\s*|\s+(?=\w))"
    # Only before a colon, where the word alone could start a school's or a degree's name: Serbian,
    # Croatian, Finnish, Estonian, Lithuanian, Latvian, Indonesian, Vietnamese, Romanian, Dutch,
    # Nordic, Portuguese and Spanish.
    r"|^(?:smer|smjer|смер|смјер|pääaine|koulutusohjelma|õppekava|eriala|studijų programa|studiju programma|"
    r"jurusan|program studi|prodi|chuyên ngành|ngành|specializare|profil|richting|studierichting|inriktning|"
    r"studieretning|curso|carrera|mención|programme|program)\s*:\s*",
    re.I,
)
_DEGREE_WORD_RE = re.compile(r"\s+degree\b", re.I)
_LAST_BRACKETS_RE = re.compile(r"\s*\(([^()]+)\)\s*$")
_ABBREVIATION_RE = re.compile(r"(?=[^()]*[A-Z])[^\W\d_][^\W\d_.]{0,5}\.?")
# A hyphen between two letters joins one word ("Diplom-Ingenieur"); with a space beside it, it separates.
_DASH_RE = re.compile(r"\s*(?:[:\u2013\u2014]|\s-|-\s)\s*")


def _short_form(inside: str, before: str) -> bool:
    """A degree's short form in brackets after it: one word of a few letters with a capital,
    starting as the degree does ("Magister (Mgr.)", "Diplomi-insinööri (DI)"; not "BSc (Hons)")."""
    return _ABBREVIATION_RE.fullmatch(inside) is not None and inside[0].lower() == fold(before.strip())[:1]


def split_degree(text: str) -> tuple[str, str]:
    """("Master of Science", "Computer Science") from "Master of Science in Computer Science"."""
    text = text.strip(" ,;:")
    match = DEGREE_SHORT_RE.search(text) or long_degree_match(text)
    if match is None:
        return text, ""
    last = _LAST_BRACKETS_RE.search(text)
    if last is not None:
        inside, before = last.group(1).strip(), text[: last.start()]
        short = _short_form(inside, before)
        first = degree_match(text) if has_degree(inside) else None
        if first is not None and first.start() > 0 and not short:
            # "Logistikmeister (IHK) (Weiterbildung)", "Computer Science (BSc)": the field first.
            return inside, before.strip(" ,")
        if short or (first is not None and last.start() > 0):
            # "Bachelor of Science (B.Sc.)", "Maestría en Finanzas (MBA)", "Inženýr (Ing.)",
            # "Tekniikan kandidaatti (TkK)": the degree (and its field), then its short form,
            # which stays with it.
            degree, field = split_degree(before)
            return f"{degree} ({inside})", field
    tail = text[match.end() :]
    head = text[: match.end()]
    degree_word = _DEGREE_WORD_RE.match(tail)
    if degree_word is not None:
        head, tail = head + degree_word.group(0), tail[degree_word.end() :]  # "Bachelor's degree in Nursing"
    # "Master of Science in X": "of Science" belongs to the degree.
    of = _DEGREE_OF_RE.match(tail) if degree_word is None else None
    if of is not None:
        head, tail = head + of.group(0), tail[of.end() :]
    if not tail.strip(" ,()"):
        if match.re is DEGREE_CJK_RE and text[: match.start()].endswith(" "):
            # "计算机科学与技术 本科", "工学部 情報工学科 学士": the field before the degree.
            return match.group(0), text[: match.start()].strip()
        return head.strip(" ,"), ""
    dash = _DASH_RE.match(tail)
    if dash is not None and not has_degree(tail[dash.end() :]):
        # "B.Sc.: Pflegewissenschaft", "Ausbildung - Elektroniker", "BTS \u2013 Négociation et
        # digitalisation de la relation client": what follows the dash is the field, however long.
        return head.strip(" ,"), tail[dash.end() :].strip(" ,")
    # The field follows " in " after the degree words, or a comma.
    m = _FIELD_SPLIT_RE.search(tail)
    if m is not None and not has_degree(tail[m.end() :]):
        return (head + tail[: m.start()]).strip(" ,"), _unbracketed(tail[m.end() :])
    if tail.strip().startswith(","):
        return head.strip(), tail.strip(" ,")
    bracketed = _LAST_BRACKETS_RE.fullmatch(tail)
    if bracketed is not None:
        return head.strip(), bracketed.group(1).strip()  # "B.E. (Computer Science and Engineering)"
    if tail.strip() and len(tail.split()) <= 6 and not tail.strip().startswith(("(", "-")):
        return head.strip(), tail.strip(" ,")
    return text, ""


def _unbracketed(text: str) -> str:
    """The text without brackets around it or left unmatched at its ends: "(Computer
    Science)" and "Computer Science)" -> "Computer Science"; "Electrician (UEE30820)" stays."""
    text = text.strip(" ,")
    if text.startswith("(") and text.endswith(")") and text.count("(") == text.count(")") == 1:
        return text[1:-1].strip()
    if text.endswith(")") and text.count(")") > text.count("("):
        text = text[:-1]
    if text.startswith("(") and text.count("(") > text.count(")"):
        text = text[1:]
    return text.strip()


_SHORT_NAME_RE = re.compile(r"\([A-Z][\w.&-]{1,14}\)")


def parse_education(rows: list[Row]) -> list[School]:
    schools: list[School] = []
    current = School()

    def finish() -> None:
        nonlocal current
        if not current.empty:
            schools.append(current)
        current = School()

    for row in rows:
        if is_description_text(header_text(row)) or is_column_labels(row.text):
            continue
        if current.institution and _SHORT_NAME_RE.fullmatch(row.text):
            current.institution = f"{current.institution} {row.text}"  # its short name wrapped: "(ENSAM)"
            continue
        header = read_header([row])
        parts = [
            p
            for part in header.parts
            if not _NOISE_RE.match(part.text) and not (header.ranges and _note(part.text))
            for p in _cjk_parts(part)
        ]
        row_inst = [p for p in parts if is_institution(p.text) and (_named_school(p.text) or not has_degree(p.text))]
        row_degree = [p for p in parts if has_degree(p.text) and not _named_school(p.text)]
        if not row_inst and row_degree and current.degree and not current.institution:
            # "High School Diploma" / "Denver High School": the second names the school.
            row_inst = [p for p in row_degree if is_institution(p.text)][:1]
            row_degree = [p for p in row_degree if p not in row_inst]
        if row_inst and current.styled and current.degree and current.ranges and not _entry_line(row):
            # "College of Engineering" in plain type under a school set in bold, with its
            # degree and dates read: a faculty of that school, not a school of its own.
            row_inst = []
        if (
            (row_inst and current.institution)
            or (row_degree and current.degree and not row_inst)
            # A row of dates alone, when the school has its dates: the next school's, set first;
            # and any dated row once the school is named ("2007 - 2013 | Mittlere Reife").
            or (
                header.ranges
                and current.ranges
                and (row_inst or row_degree or not current.degree or not parts or current.institution)
            )
        ) or (current.institution and current.ranges and parts and not row_degree and _entry_line(row)):
            finish()
        elif row_inst and not current.institution and current.degree and current.ranges and _named_before(current):
            # "KAIST" / "Master of Science, 2014 - 2016" / "Hanyang University": the line above
            # the degree named its school; the next school starts the next entry.
            finish()
        elif header.ranges and not parts and current.institution and current.degree and current.ranges:
            # Dates alone after a whole entry: the next entry's, printed above it.
            finish()
        if row_inst and not current.institution:
            current.institution = row_inst[0].text
            current.styled = _entry_line(row)
            current.beside += _next_part(parts, row_inst[0])
        if row_degree and not current.degree:
            current.degree, current.field = split_degree(row_degree[0].text)
            current.degree_row = row.index
            current.beside += _next_part(parts, row_degree[0])
        current.ranges.extend(header.ranges)
        for part in parts:
            if part in row_inst[:1] or part in row_degree[:1]:
                continue
            if part in row_degree and len(part.text) <= 6:
                continue  # "Bachelor of Engineering - BE, ...": the degree's abbreviation again
            current.others.append(part)
    finish()
    for school in schools:
        _fill_gaps(school)
    return [s for s in schools if s.institution]


_NAMED_HIGH_SCHOOL_RE = re.compile(r"[^\W\d_].*\shigh\s+school$", re.I)


def _named_school(text: str) -> bool:
    """ "Jamison High School": a school by its name, though "high school" alone is a degree
    ("High School Diploma")."""
    return _NAMED_HIGH_SCHOOL_RE.match(text.strip()) is not None


def _note(text: str) -> bool:
    """A bracket beside the dates that names neither school nor degree: "2010 - 2014 (deeltijd)"."""
    return text[0] == "(" and text[-1] == ")" and not is_institution(text) and not has_degree(text)


def _cjk_parts(part: Part) -> list[Part]:
    """A CJK school's name and its faculty, field and degree, printed on one line with spaces."""
    split = split_cjk_school(part.text)
    if split is None:
        return [part]
    return [dataclasses.replace(part, text=text) for text in split]


def _named_before(school: School) -> bool:
    """A part the word lists do not know sits above the school's degree: its name."""
    return any(p.row < school.degree_row and not _NOISE_RE.match(p.text) for p in school.others)


def _next_part(parts: list[Part], part: Part) -> list[Part]:
    """The part after ``part`` on its row, when it is not a school or a degree itself."""
    index = parts.index(part) + 1
    while index < len(parts) and len(parts[index].text) <= 6 and has_degree(parts[index].text):
        index += 1  # "Bachelor of Engineering - BE, Materials Engineering": past the abbreviation
    if index < len(parts) and not is_institution(parts[index].text) and not has_degree(parts[index].text):
        return [parts[index]]
    return []


def _entry_line(row: Row) -> bool:
    return row.bold or (row.text.isupper() and len(row.text) > 3)


def _fill_gaps(school: School) -> None:
    """A school without a school word ("MIT", "POSTECH") or a field set apart."""
    others = [p for p in school.others if not _NOISE_RE.match(p.text) and title_score(p.text) == 0]
    # "Smer: Konstrukcije", "Pääaine: Tietotekniikka": only ever the field.
    labelled = [p for p in others if _FIELD_LABEL_RE.match(p.text)]
    others = [p for p in others if p not in labelled]
    if not school.institution and others:
        # Not the part printed right after the degree, its field ("Associate Degree, Business").
        named = next((p for p in others if p not in school.beside), others[0])
        others.remove(named)
        school.institution = named.text
    if not school.degree and others and len(others[0].text.split()) <= 6 and not is_institution(others[0].text):
        # A qualification the word lists do not know ("Staatlich geprüfter X"): the line beside the school.
        school.degree, school.field = split_degree(others.pop(0).text)
    if labelled and not school.field:
        school.field = labelled[0].text
    if school.degree and not school.field:
        # Else the part printed right after the school or the degree, even when it could
        # head a job title elsewhere ("Computer Engineering", "Marketing"), or run longer
        # ("BTS - Négociation et digitalisation de la relation client").
        beside = [p for p in school.beside if not _NOISE_RE.match(p.text)]
        if others and len(others[0].text.split()) <= 6 and not is_institution(others[0].text):
            school.field = others[0].text
        elif beside and len(beside[0].text.split()) <= 10:
            school.field = beside[0].text
    school.field = _FIELD_LABEL_RE.sub("", school.field)  # "Major: Nursing"
