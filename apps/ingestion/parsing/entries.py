"""What experience and education parsing share: rows split into typed parts.

An entry's header rows ("Google | Mountain View, CA", "Software Engineer | Jan
2019 - Present") are cut at separators into parts, and each part is told apart
as a date range, a place, or text that the field parser then reads as a title,
an employer, a school or a degree.
"""

import itertools
import re
from dataclasses import dataclass, field

from .dates import DateRange, find_ranges, strip_dates
from .layout import SEPARATOR, Row
from .lexicon import (
    COLUMN_LABELS,
    COMPANY_WORDS,
    company_score,
    degree_match,
    has_degree,
    is_institution,
    legal_form_score,
    title_score,
)
from .location import is_address_line, is_state_code, is_trailing_place, lookup, peel_place, place_of
from .memo import memoized
from .text import fold, is_bullet, strip_bullet, word_set

# Strong separators; a comma is tried afterwards, and " - " only between words.
# " ° " is a middle dot as OCR reads it.
# The lookahead names the characters a separator can start with: a position holding none
# of them fails at once instead of trying every separator (same splits, about 1.5 times faster).
# Chinese and Japanese write words without spaces: a space between their letters parts fields
# ("阿里巴巴集团 高级软件工程师").
_SPLIT_RE = re.compile(
    r"(?=[\s|•·])\s*(?:\s\|\s|\|| ° | • | · |•|·| \u2014 | -- |\s-\s| : |\t|\s{3,}"
    r"|(?<=[\u3040-\u30ff\u4e00-\u9fff]) (?=[\u3040-\u30ff\u4e00-\u9fff]))\s*"
)
# "at" in English, German, French, Spanish, Italian, Dutch, Swedish, Danish and Norwegian.
_AT_RE = re.compile(r"\s+(?:at|@|bei|chez|en la|en el|presso|bij|på|hos|für)\s+", re.I)
# "für" joins a title to its field as often as to an employer ("Fachkraft für
# Lagerlogistik", "Akademie für Gesundheitsberufe"): it splits only before a company.
_FUER_RE = re.compile(r"\s+für\s+", re.I)
_AT_SPLIT_RE = re.compile(f"({_AT_RE.pattern})", re.I)
# Not after a one-letter word: an initial or a legal form's letters ("A.Ş.", "S.A.").
_SENTENCE_END_RE = re.compile(r"(?<!\b[^\W\d_])\.$")
_LOWER_THEN_CAPITAL_RE = re.compile(r"^[a-z]+[A-Z]")
_VIETNAMESE_RE = re.compile("[\u1ea0-\u1ef9\u01a0\u01a1\u01af\u01b0\u0102\u0103\u0110\u0111]")
_POSTCODE_RE = re.compile(r"\b\d{4,5}\b")
_ABBREVIATION_END_RE = re.compile(r"\b(?:Inc|Ltd|Co|Corp|Jr|Sr|St|Dr|No|Exp|etc|Bros)\.$")
# Field labels of form-like resumes ("Company: Infosys", "Designation: Engineer", "Duration: ...").
_DETAIL_LABEL_RE = re.compile(r"^\s*([^\W\d_][^:|\d]{1,30}?)\s*:\s+\S")  # no digits: not "Feb '21 - Present:"
_FIELD_LABEL_RE = re.compile(
    r"^\s*(?:company|employer|organi[sz]ation|designation|position|job title|title|role|duration|period|dates?|"
    r"position held|company name|employer name|organi[sz]ation name|name of (?:the )?(?:company|employer)|"
    r"inclusive dates|employment dates|"
    r"degree|qualification|college|university|institution|institute|school|year|years|"
    r"arbeitgeber|firma|zeitraum|entreprise|employeur|poste|fonction|p[ée]riode|empresa|cargo|puesto|periodo|"
    r"azienda|ruolo|funzione|bedrijf|functie|werkgever|periode|stanowisko|okres)\s*:\s*",
    re.I,
)

# The row labels of the Europass CV (2004-2012 layout) in English, French, German, Spanish, Italian
# and Portuguese,
# printed in a column of their own beside each value ("Dates | 02/2019 - Present").
_EUROPASS_LABEL_RE = re.compile(
    r"(?:dates|occupation or position held|name and address of employer|main activities and responsibilities|"
    r"type of business or sector|title of qualification awarded|principal subjects(?:/occupational skills)? covered|"
    r"name and type of organisation providing(?: education and training)?|"
    r"level in national or international classification|"
    r"fonction ou poste occup[ée]|nom et adresse de l'employeur|principales activit[ée]s et responsabilit[ée]s|"
    r"type ou secteur d'activit[ée]|intitul[ée] du certificat ou dipl[ôo]me d[ée]livr[ée]|"
    r"nom et type de l'[ée]tablissement d'enseignement ou de formation|"
    r"zeitraum|beruf oder funktion|name und adresse des arbeitgebers|wichtigste t[äa]tigkeiten und zust[äa]ndigkeiten|"
    r"t[äa]tigkeitsbereich oder branche|bezeichnung der erworbenen qualifikation|"
    r"name und art der bildungs- oder ausbildungseinrichtung|"
    r"fechas|profesi[óo]n o cargo desempe[ñn]ado|nombre y direcci[óo]n de la empresa o empleador|"
    r"actividades y responsabilidades principales|tipo de empresa o sector|t[íi]tulo de la cualificaci[óo]n obtenida|"
    r"nombre y tipo del centro de estudios|"
    r"date|lavoro o posizione ricopert[ie]|nome e indirizzo del datore di lavoro|"
    r"principali attivit[àa] e responsabilit[àa]|tipo di attivit[àa] o settore|titolo della qualifica rilasciata|"
    r"nome e tipo d'organizzazione erogatrice dell'istruzione e formazione|"
    r"datas|fun[çc][ãa]o ou cargo ocupado|nome e morada do empregador|principais a[c]?tividades e responsabilidades|"
    r"tipo de empresa ou se[c]?tor|designa[çc][ãa]o da qualifica[çc][ãa]o atribu[íi]da|"
    r"nome e tipo da organiza[çc][ãa]o de ensino ou forma[çc][ãa]o)\s*:?",
    re.I,
)


@dataclass(slots=True)
class Part:
    text: str
    row: int  # index of the row it came from
    bold: bool
    group: int = -1  # parts cut from one piece at its commas share a number ("Manager, Audit")


@dataclass(slots=True)
class Header:
    """The parts of an entry's header rows, sorted out."""

    parts: list[Part] = field(default_factory=list)
    ranges: list[DateRange] = field(default_factory=list)
    places: list[str] = field(default_factory=list)


# Small words that say nothing about a line being a sentence or a heading.
_FUNCTION_WORDS = frozenset(
    word_set(
        "of and & for in at the to a an on with as by de del la el en y und für bei im der die das von zu "
        "du des le les et à au chez di e della delle del dei degli per do da dos das em van het"
    )
)


def is_description(row: Row) -> bool:
    """Running text or a bullet: never an entry's header (a date printed beside
    a bullet does not make the bullet a header). A Europass label beside the value
    does not count ("Name and address of employer | ...")."""
    if len(row.parts) > 1 and _EUROPASS_LABEL_RE.fullmatch(row.parts[0]):
        return is_description_text(" | ".join(row.parts[1:]))
    if row.bold and row.text[:1].islower():
        # A bold row is no sentence's continuation: "du (Emirates Integrated Telecommunications Co.)".
        return is_description_text(row.text[:1].upper() + row.text[1:])
    return is_description_text(row.text)


# Chinese and Japanese sentences need no spaces: a list comma or a full stop, or a long run of
# their letters ("地方銀行向け融資管理システムの詳細設計・製造・テスト"), is running text.
_CJK_SENTENCE_RE = re.compile("[、。]|[\u3040-\u30ff\u4e00-\u9fff]{20}")


@memoized
def is_description_text(text: str) -> bool:
    if is_bullet(text) and not _short_bullet_header(text):
        return True
    bare = strip_dates(text)
    words = bare.split()
    if len(bare) > 110 or len(words) > 16:
        return True
    if not bare.isascii() and _CJK_SENTENCE_RE.search(bare):
        return True
    if bare and bare[0].islower() and not _LOWER_THEN_CAPITAL_RE.match(bare):
        return True  # a continuation line ("deployments.", "and Terraform.")
    if _short_sentence(words):
        return True
    content = [w for w in words if w.lower() not in _FUNCTION_WORDS and w[:1].isalpha()]
    # Vietnamese words are syllables, mostly lower case ("Kỹ sư phần mềm"): twice the words.
    if (
        len(content) >= (12 if _VIETNAMESE_RE.search(bare) else 6)
        and sum(1 for w in content if w[:1].islower()) * 2 > len(content)
        # Unless a school's name or a degree, which Slavic and Romance languages write in lower
        # case but for the first word ("České vysoké učení technické v Praze", "Baccalauréat
        # en enseignement secondaire, profil univers social").
        and not (len(words) <= 10 and (is_institution(bare) or _starts_with_degree(bare)))
    ):
        return True  # mostly lower-case words: a sentence, not a name or a title
    # A degree's abbreviation ends a school's line without ending a sentence ("..., Ing.", "..., Ph.D.").
    return (
        bool(_SENTENCE_END_RE.search(bare))
        and not _ABBREVIATION_END_RE.search(bare)
        and " · " not in bare  # fields set apart: "DHL Supply Chain México · Tepotzotlán, Edo. Méx."
        and len(words) > 5
        and not has_degree(words[-1])
        and not legal_form_score(words[-1])  # "DHL Supply Chain (Malaysia) Sdn. Bhd."
        and not _capitalized_fields(bare, words)
    )


def _capitalized_fields(bare: str, words: list[str]) -> bool:
    """ "Pharmacy Intern, Mater Misericordiae Hospital, Dublin.": fields parted by commas, every
    word capitalized, as moderncv ends an entry's line with a full stop; a sentence has words
    in lower case."""
    return "," in bare and capitalized(words)


def capitalized(words: list[str]) -> bool:
    """Every word capitalized but the small joining ones, as names are ("Murray & Roberts",
    "Bank of America"); not a phrase ("Automated appointment booking")."""
    return all(w[:1].isupper() or not w[:1].isalpha() or w.lower() in _FUNCTION_WORDS for w in words)


def _starts_with_degree(text: str) -> bool:
    found = degree_match(text)
    return found is not None and found.start() == 0


def _short_sentence(words: list[str]) -> bool:
    """ "Reconcilieri bancare." / "Performed stress echocardiography.": a list item whose
    bullet was lost (HTML, DOCX lists), told by its full stop after a lower-case word and
    its lower-case words; headers end in a capital or an abbreviation ("Ltd.", "Dr. med.")."""
    if len(words) < 2 or not words[-1].endswith("."):
        return False
    last = words[-1][:-1]
    rest = words[1:]
    return (
        len(last) >= 4 and last.isalpha() and last.islower() and sum(1 for w in rest if w[:1].islower()) * 2 > len(rest)
    )


def header_text(row: Row) -> str:
    """The row without its description parts: a date right-aligned beside the
    first bullet of an entry ("• Built X | June 2023 - present") keeps only the date."""
    if len(row.parts) < 2 or not is_description_text(row.text):
        return row.text
    # A bulleted entry line beside its place ("• Birla Institute of Technology and
    # Science | Pilani, India") is too long for a bulleted header only with the place.
    kept = [strip_bullet(p) if is_bullet(p) else p for p in row.parts if not is_description_text(p)]
    return " | ".join(kept)


def _short_bullet_header(text: str) -> bool:
    # Some templates bullet the entry line itself ("• Georgia Institute of Technology"),
    # in capitalised words; a short item reads as a phrase ("• Invited journal extension
    # in JMLR (2023)") or a label and its value ("• GPA: 3.97/4.00"), and its year is
    # not an entry's date.
    rest = strip_bullet(text)
    words = rest.split()
    lower = sum(1 for w in words[1:] if w[:1].islower() and w.lower() not in _FUNCTION_WORDS)
    bulleted = text.lstrip()[:1] in "•●▪■" and ":" not in rest
    # Chinese and Japanese have no capitals: an employer's mark tells the entry line instead
    # ("■ 株式会社ヨコハマ・マテリアルハンドリング(2021年1月~現在)").
    capital = rest[:1].isupper() or (not rest.isascii() and company_score(rest) > 0)
    return bulleted and len(words) <= 7 and not rest.endswith(".") and capital and lower < 2


def split_parts(text: str) -> list[str]:
    pieces = [p for p in _SPLIT_RE.split(text) if p and p.strip(" ,;:-")]
    return [p.strip(" ,;:") for p in pieces]


def comma_parts(text: str) -> list[str]:
    """Split at commas, but keep "ABC Company, Inc.", "Seattle, WA", "Markham, ON" and a bracket
    ("Supervisor (Sergeant First Class, E-7)") whole."""
    raw = [p.strip() for p in text.split(",")]
    out: list[str] = []
    for piece in raw:
        if not piece:
            continue
        folded = fold(piece).strip(".")
        if (
            (out and (folded in COMPANY_WORDS or folded + "." in COMPANY_WORDS))
            or (out and _is_place_piece(piece) and (_is_place_piece(out[-1]) or is_state_code(piece)))
            or (out and out[-1].count("(") > out[-1].count(")"))
        ):
            out[-1] = f"{out[-1]}, {piece}"
        else:
            out.append(piece)
    return out


@memoized
def _is_place_piece(piece: str) -> bool:
    bare = _POSTCODE_RE.sub("", piece).strip(" .")
    return lookup(bare) is not None


@memoized
def is_place(text: str) -> bool:
    if place_of(text) is not None:
        return True
    pieces = [p.strip() for p in text.split(",") if p.strip()]
    return bool(pieces) and all(_is_place_piece(p) for p in pieces)


_LABEL_SPLIT_RE = re.compile(r"[\s/|&,\u30fb]+")  # "所属・役職"


@memoized
def is_column_labels(text: str) -> bool:
    """The head row of a table of jobs or schools ("Zeitraum | Tätigkeit", "Empresa / Puesto",
    "기간 회사명 직위"), or one of its cells."""
    words = [w for w in _LABEL_SPLIT_RE.split(fold(text)) if w and w not in {"und", "et", "y", "e", "and"}]
    return bool(words) and all(w in COLUMN_LABELS for w in words)


# Chinese, Japanese and Korean put no space after a label's colon ("事業内容:ECプラットフォームの開発").
_CJK_DETAIL_LABEL_RE = re.compile(r"^\s*([\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]{2,8})\s*:")


def is_detail_label(text: str) -> bool:
    """The row starts with a label that names no part of an entry ("Salary:", "Grade:");
    a title, an employer, a school or a degree before a colon is not one ("Senior Engineer:
    Payments", "M.Sc.: Informatik")."""
    match = _DETAIL_LABEL_RE.match(text) or (None if text.isascii() else _CJK_DETAIL_LABEL_RE.match(text))
    if match is None:
        return False
    label = match.group(1)
    return not (title_score(label) or company_score(label) or has_degree(label) or is_institution(label))


# The column titles of a table of jobs or schools ("Period | Employer | Position", "Institute
# / University | Year of Passing | Percentage / CGPA").
_COLUMN_WORDS = word_set(
    "period dates date from to duration employer company organisation organization position designation title "
    "role duties key responsibilities location qualification qualifications degree course courses examination "
    "exam institute institution university college school board year years of passing passed percentage cgpa "
    "gpa marks grade class division specialization specialisation stream subject subjects"
)


def _column_title(text: str) -> bool:
    words = fold(text).replace("/", " ").replace("&", " ").split()
    return bool(words) and all(w in _COLUMN_WORDS or w in COLUMN_LABELS for w in words)


def _trim(item: str) -> str:
    """Strip separators and unbalanced brackets: "(KarrotPay)" keeps both."""
    item = item.strip(" ,;:")
    if item.startswith("(") and ")" not in item:
        item = item[1:]
    if item.endswith(")") and "(" not in item:
        item = item[:-1]
    if item.endswith("(") or (item.count("(") > item.count(")") and not item.endswith(")")):
        item = item.rstrip("( ") + (")" if item.count("(") > item.count(")") and "(" in item.rstrip("( ") else "")
    return item.strip(" ,;:")


def _at_split(piece: str) -> list[str]:
    """ "Engineer at Google" -> both; "für" only where a company follows it; a school's
    campus stays in its name ("University of Texas at San Antonio")."""
    if not _AT_RE.search(piece):
        return [piece]
    pieces = _AT_SPLIT_RE.split(piece)
    out = [pieces[0]]
    for joint, sub in zip(pieces[1::2], pieces[2::2], strict=True):
        if (_FUER_RE.fullmatch(joint) and not (legal_form_score(sub) or company_score(sub))) or (
            joint.strip().lower() == "at" and _campus(out[-1], sub)
        ):
            out[-1] = f"{out[-1]}{joint}{sub}"
        else:
            out.append(sub)
    return out


def _campus(school: str, place: str) -> bool:
    """ "University of Illinois" at "Urbana-Champaign": a school and its campus, no title or company."""
    return (
        is_institution(school)
        and not title_score(school)
        and not (is_institution(place) or company_score(place) or legal_form_score(place) or title_score(place))
    )


# A line that ends in one of these was wrapped: "... Department of Chemistry, University of" / "Michigan",
# "... Piratininga Engenharia e" / "Construções S.A.".
JOINING_WORDS = word_set(
    "of for and the at in de des du la le les der die das für und et y di del della van von voor het en e do da dos "
    "das och för i"
)


# "AZ Sint-" / "Lucas Gent vzw": a compound name cut at its hyphen.
_HYPHEN_WRAP_RE = re.compile(r"[^\W\d_]-$")


def _wrapped(text: str) -> bool:
    text = text.rstrip()
    return (
        text.endswith((",", "&"))
        or (" " in text and text.rsplit(" ", 1)[1].lower() in JOINING_WORDS)
        or _HYPHEN_WRAP_RE.search(text) is not None
        # A quote or bracket left open ("ООО «Кондитерская фабрика" / "им. Крупской»").  # noqa: RUF003
        or text.count("\u00ab") > text.count("\u00bb")
        or text.count("(") > text.count(")")
    )


def _continues_name(text: str, after: str) -> bool:
    """ "Senior Production Engineer — Deltaline Energy Nigeria" / "Limited": the employer after
    the title, wrapped before its legal form. Not a title's line with the employer under it
    ("Software Engineer" / "Acme GmbH"): the line already names something after a title."""
    words = after.split()
    if not 0 < len(words) <= 4 or not legal_form_score(words[-1]):
        return False
    pieces = split_parts(text)
    return (
        len(pieces) > 1
        and title_score(pieces[-2]) > 0
        and not legal_form_score(pieces[-1])
        and not title_score(pieces[-1])
    )


def _join_wrapped(text: str, after: str) -> str | None:
    """The text with the line after it joined where it was wrapped: at its end, or before the
    dates set beside it ("Coordenador de Obras - Piratininga Engenharia e | mar/2018 - atual" /
    "Construções S.A."); None when it was not wrapped. A line that is only a short bracket
    ("(ENSAM)") always continues the line before it."""
    head, separator, tail = text.rpartition(SEPARATOR)
    bracket = after[:1] == "(" and after[-1:] == ")" and len(after) <= 30
    if separator and not _wrapped(text) and find_ranges(tail):
        if bracket or _wrapped(head) or _continues_name(head, after):
            return f"{_joined(head, after)}{separator}{tail}"
        return None
    if bracket or _wrapped(text) or _continues_name(text, after):
        return _joined(text, after)
    return None


def _joined(text: str, after: str) -> str:
    return f"{text}{after}" if _HYPHEN_WRAP_RE.search(text) else f"{text} {after}"


def _unwrapped(rows: list[Row]) -> list[tuple[Row, str]]:
    """Each row with its header text, a wrapped line joined with the line after it."""
    out: list[tuple[Row, str]] = []
    joined = False
    for row, after in itertools.zip_longest(rows, rows[1:]):
        if joined:
            joined = False
            continue
        text = header_text(row)
        text = strip_bullet(text) if is_bullet(text) else text
        if after is not None and not is_bullet(after.text) and not find_ranges(after.text):
            whole = _join_wrapped(text, header_text(after))
            if whole is not None:
                text, joined = whole, True
        out.append((row, text))
    return out


def read_header(rows: list[Row], *, split_commas: bool = True, details: bool = True) -> Header:
    """Parts, date ranges and places of the given header rows. With ``details`` False, rows
    of a labelled detail ("Hours per week: 40") give their dates only: a job's header has
    such rows, a school's "Grado: Enfermería" or "Major: Physics" name its degree and field."""
    header = Header()
    groups = 0
    for row, text in _unwrapped(rows):
        detail = False
        if ":" in text:
            unlabelled = _FIELD_LABEL_RE.sub("", text, count=1)
            detail = not details and unlabelled == text and is_detail_label(text)
            text = unlabelled
        ranges = find_ranges(text)
        header.ranges.extend(r for r in ranges if r.start is not None)
        if detail:
            continue  # "Hours per week: 40", "Pay Plan: GS": a detail of the entry, not a part of it
        if ranges:
            text = strip_dates(text)
        for piece in split_parts(text):
            if _EUROPASS_LABEL_RE.fullmatch(piece):
                continue
            piece, peeled = peel_place(piece)
            if peeled is not None:
                header.places.append(peeled)
            for sub in _at_split(piece):
                # Not "2nd Line Support Engineer, Kainos, Belfast": an ordinal titles a job too.
                if is_address_line(sub) and not title_score(sub.partition(",")[0]):
                    header.places.append(sub)
                    continue
                pieces = comma_parts(sub) if split_commas and "," in sub else [sub]
                group = -1
                if len(pieces) > 1:
                    group, groups = groups, groups + 1
                for k, item in enumerate(pieces):
                    item = _trim(item)
                    if not item or not any(c.isalpha() for c in item):
                        continue
                    if is_place(item) or (k and k == len(pieces) - 1 and is_trailing_place(item)):
                        header.places.append(item)
                        continue
                    if _column_title(item):
                        continue  # a table's header row read cell by cell: "Employer", "Year of Passing"
                    header.parts.append(Part(item, row.index, row.bold, group))
    return header
