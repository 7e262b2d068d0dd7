"""The candidate's location from the contact block, with a small gazetteer.

The place is reported as printed ("Seattle, WA", "Mapo-gu, Seoul, Republic of
Korea"), and its country (ISO code) helps read phone numbers printed without one.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .dates import find_ranges
from .lexicon import is_institution, legal_form_score, title_score
from .memo import memoized
from .text import fold, is_upper

_DATA = Path(__file__).resolve().parent / "data" / "places.tsv"
_WORLD = Path(__file__).resolve().parent / "data" / "world_cities.tsv"
# The lookahead: see entries._SPLIT_RE.
# "«": a bullet as OCR reads it, when spaced apart.
# Icons between contact details ("⌂ Hämeenkatu 20 ☎ 040 718 2294 ✉ aino@..."): symbols and emoji.
_ICONS = "\u2300-\u23ff\u2600-\u27bf\U0001f300-\U0001faff"
_SPLIT_RE = re.compile(
    rf"(?=[\s|•·▪◆♦⋅●—;{_ICONS}])\s*(?:\||•|·|▪|◆|♦|⋅|●|—|\s-\s|\s/\s|\s«\s|\s{{3,}}|;|[{_ICONS}]+\ufe0f?)\s*"
)
# A house number and the street's name ("82 rue de la République"), not a bare number ("2021").
_NUMBERED_RE = re.compile(r"\d+\w*\s+[^\W\d]")
_LABEL_RE = re.compile(
    r"^(?:address|location|based in|lives in|residence|city|adresse|anschrift|wohnort|ort|domicile|"
    r"lieu|direcci[oó]n|ubicaci[oó]n|localidad|residencia|domicilio|indirizzo|morada|endereço|adres|adresa|adress|"
    r"osoite|lakcím|alamat|địa chỉ|адрес|адреса|διεύθυνση|地址|住址|现住址|現住所|住所|所在地|주소|거주지)\s*[:\-]?\s*",
    re.I,
)
_STREET_RE = re.compile(
    r"^\d+[a-z]?\s+\w+.*\b(?:st|street|ave|avenue|rd|road|blvd|lane|ln|dr|drive|way|court|ct|place|pl)\b\.?$"
    r"|\b(?:stra(?:ss|ß)e|str\.|weg|platz|allee|gasse|rue|avenue|boulevard|chemin|calle|avenida|avda\.?|plaza|paseo|"
    r"road|street|lane|carrer|via|rua|ulica|aleja|strada|bulevardul|calea|sokak|caddesi|mahallesi|ulice|náměstí|"
    r"улица|проспект|вулиця|jalan)\b|\b(?:ul|al|os|sok|cad|mah|nám|ул|вул|пр|просп|д|jl)\."
    r"|\w(?:stra(?:ss|ß)e|str\.|weg|platz|allee|gasse|damm|ufer|chaussee|katu|kuja|gatan|gata|gate|veien|"
    r"vegen|vej|vejen|gade|straat|gracht|laan|"
    r"plein|kade)\b",
    re.I,
)
# Icons read as text by OCR or PDF extraction ("@ New York", "® example.com").
_SYMBOLS_RE = re.compile(r"^[^\w(]+\s*|^(?:[a-z]{1,2}|Q)\s+(?=[A-Z])")
# Postal codes printed before a city, which the pattern below does not take whole: Swedish and
# Czech "114 51", Polish "31-147", Portuguese "1200-821", six digits (Romania, India, Russia),
# Dutch "1015 CW"; and a district number or letter after it ("Praha 2", "Aarhus C").
_POSTCODE_EDGE_RE = re.compile(
    r"^(?:\d{4}-\d{3}|\d{2,3}[ -]\d{2,3}|\d{6}|\d{4}\s?[A-Z]{2})\s+(?=\D)|(?<=\D)\s+\d{1,2}$|(?<=\w\w)\s+[A-ZÆØÅ]$"
)
# Postal codes: 4 to 6 digits (US ZIP+4 too; India's PIN), UK ("M1 1AE"), Canada ("K1A 0B1").
_ZIP_RE = re.compile(
    r"\b\d{4,6}(?:-\d{4})?\b|\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b|\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b"
    r"|\b[A-Z]\d[\dW]\s[A-Z\d]{4}\b"  # Ireland's Eircode ("T12 R5PX")
)
# Both patterns above need a digit: a piece without one (most are) skips them.
_DIGIT_RE = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Place:
    text: str
    country: str | None  # ISO 3166 alpha-2


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, tuple[str, str]]:
    """folded name -> (kind, country)."""
    table: dict[str, tuple[str, str]] = {}
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, kind, country = line.split("\t")
        key = fold(name) if kind != "state" or len(name) > 2 else name
        table.setdefault(key, (kind, country))
    return table


@lru_cache(maxsize=1)
def world_cities() -> dict[str, str]:
    """folded city name -> country, for cities of 15,000 people or more (scripts/build_world_cities.py)."""
    lines = _WORLD.read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t") for line in lines if line[:1] != "#")


# A street's name and its house number, as European addresses print them ("Hohenzollernring 48").
_NAMED_HOUSE_RE = re.compile(r"[^\W\d_][\w.'-]+(?: [^\W\d_][\w.'-]+){0,3} \d{1,4}[a-zA-Z]?(?:/\d{1,4})?")
# A house number written with its sign ("n.º 45", "No. 14", "Nr. 3", "№ 7").
_HOUSE_NUMBER_RE = re.compile(r"(?:n\.?[º°o]|no\.|nr\.|№)\s*\d+\w?", re.I)
# The word for "town" before a town's name, in Ukrainian and Russian ("м. Львів").
_TOWN_MARK_RE = re.compile(r"^(?:м|г|m)\.\s*(?=\w)")  # noqa: RUF001


def lookup(piece: str) -> tuple[str, str] | None:
    """A place name's kind and country. Two-letter state codes must be capitals ("上海" is a city)."""
    piece = piece.strip(" .,")
    if piece[1:2] == ".":
        piece = _TOWN_MARK_RE.sub("", piece)
    if len(piece) == 2 and piece.isascii():
        # A state's code is kept as printed, a country's ("UK") folded.
        return (gazetteer().get(piece) or gazetteer().get(piece.lower())) if piece.isupper() else None
    key = fold(piece)
    found = gazetteer().get(key)
    if found is None and "ii" in key:
        found = gazetteer().get(key.replace("ii", "u"))  # "Diisseldorf": OCR reads ü as ii
    return found


_BRACKETED_REGION_RE = re.compile(r"\s*\(([^()]+)\)$")


@memoized
def place_of(segment: str) -> Place | None:
    """The segment as a place, if its comma-separated pieces end in a known one."""
    text = _LABEL_RE.sub("", _SYMBOLS_RE.sub("", segment.strip())).strip(" ,.")
    if not text or "@" in text or "http" in text.lower() or len(text) > 80:
        return None
    if not text.isascii() and (east_asian := _east_asian_address(text)) is not None:
        return east_asian
    if len(text) > 10 and sum(map(str.isdigit, text)) > 10:
        return None
    pieces = _pieces(text)
    if len(pieces) > 1 and _ZIP_RE.fullmatch(pieces[-1]):
        pieces = pieces[:-1]  # "Cardiff, CF10 1AA": a postcode after its own comma
    if not pieces or len(pieces) > 5:
        return None
    hits = [_piece_place(piece) for piece in pieces]
    known = sum(1 for hit in hits if hit is not None)
    if not known:
        return None  # the commonest answer (a title, an employer), found before the costlier tests below
    by_kind: dict[str, str] = {}
    for piece, hit in zip(pieces, hits, strict=True):
        if hit is not None:
            by_kind.setdefault(hit[0], hit[1])
        elif piece[:1].isdigit() or _STREET_RE.search(piece) or _HOUSE_NUMBER_RE.fullmatch(piece):
            continue  # a street line ("82 rue de la République", "Avda. de la Constitución 53", "n.º 45")
        elif len(piece.split()) > 4 or piece[:1].islower() or is_institution(piece) or legal_form_score(piece):
            return None  # "Texas A&M University College Station, TX" is an entry line, not a place
    country = by_kind.get("country") or by_kind.get("state") or by_kind.get("region") or by_kind.get("city")
    words = len(text.split())
    # One known piece among unknown words ("Senior Engineer, Berlin Office") is not a place;
    # a street after the city is no unknown word ("30-001 Kraków, ul. Długa 12/4").
    if hits[-1] is None and known < 2:
        streets = [
            hit is None and (_NUMBERED_RE.match(piece) is not None or _STREET_RE.search(piece) is not None)
            for piece, hit in zip(pieces, hits, strict=True)
        ]
        if (
            next((hit for hit, street in zip(reversed(hits), reversed(streets), strict=True) if not street), None)
            is None
        ):
            return None
    if len(pieces) == 1 and words > 4:
        return None
    return Place(text=text, country=country)


# Addresses written from the largest unit down, without commas: a Japanese prefecture
# (after a 〒 postcode), a Korean province or metropolitan city, a Chinese province or city
# followed by its district.
_EAST_ASIAN_ADDRESS_RES = (
    (re.compile(r"^(?:〒?\s?\d{3}-?\d{4}\s*)?([\u4e00-\u9fff]{2,3})[都道府県][\u4e00-\u9fff\u3040-\u30ff\d]"), "JP"),
    (re.compile(r"^([\uac00-\ud7af]{2,4})(?:특별시|광역시|특별자치시|특별자치도|도)\s+[\uac00-\ud7af]"), "KR"),
    (re.compile(r"^([\u4e00-\u9fff]{1,3})[省市][\u4e00-\u9fff]{2}"), "CN"),
)


def _east_asian_address(text: str) -> Place | None:
    """The address, when it starts with a place the gazetteer knows ("上海市浦东新区"; not
    "城市规划师", an urban planner)."""
    for pattern, country in _EAST_ASIAN_ADDRESS_RES:
        match = pattern.match(text)
        if match is not None and lookup(match.group(1)) is not None:
            return Place(text=text, country=country)
    return None


# Irish addresses name the county so: "Co. Cork", "Co Dublin".
_IRISH_COUNTY_RE = re.compile(r"^Co\.?\s[A-Z][a-z]+$")


# How a job is worked, printed with its town ("Lagos (Remote)", "Berlin, Hybrid"): no piece of the place.
_WORK_MODES = frozenset(("remote", "hybrid", "on-site", "onsite", "home office", "teletravail", "teletrabajo"))


def _pieces(text: str) -> list[str]:
    """A place's comma-separated pieces; "Montréal (Québec)": the region in brackets, as a piece of its own."""
    pieces_text = _BRACKETED_REGION_RE.sub(r", \1", text) if text.endswith(")") else text
    return [p.strip() for p in pieces_text.split(",") if p.strip() and fold(p.strip()) not in _WORK_MODES]


def _without_postcode(piece: str) -> str:
    """ "10115 Berlin" -> "Berlin", "Manchester M1 1AE" -> "Manchester", "Praha 2" -> "Praha"."""
    return _ZIP_RE.sub("", _POSTCODE_EDGE_RE.sub("", piece)).strip() if _DIGIT_RE.search(piece) else piece.strip()


_PO_BOX_RE = re.compile(r"(?:p\.?\s?o\.?\s?box|post\s?box|postfach|apartado|caixa postal)\b", re.I)


def _piece_place(piece: str) -> tuple[str, str] | None:
    """One comma-separated piece of a place, its postcode aside: a known name, or a place
    and its state's code without a comma between them, where a postcode or a known city
    vouches for it ("Surry Hills NSW 2010", "MD 20910 US", "DC 20420 United States", "Sydney NSW";
    not "Manager NSW")."""
    if _PO_BOX_RE.match(piece):
        return None  # "P.O. Box KS 1124": no state's code
    bare = _without_postcode(piece)
    found = lookup(bare)
    if found is not None or " " not in bare:
        return found
    if _IRISH_COUNTY_RE.match(bare):
        return ("region", "IE")
    words = bare.split()
    if not any(2 <= len(w) <= 3 and w.isupper() for w in words):
        return None  # no state's code: most pieces, a title or an employer, end here
    for size in (3, 2, 1):
        # "MD US", "DC United States": a country after the state.
        country = lookup(" ".join(words[-size:])) if len(words) > size else None
        if country is not None and country[0] == "country" and (size > 1 or words[-1].isupper()):
            words = words[:-size]
            break
    code = words[-1]
    if not (code.isupper() and 2 <= len(code) <= 3) or (state := lookup(code)) is None or state[0] != "state":
        return None
    vouched = bare != piece.strip() or len(words) == 1 or lookup(" ".join(words[:-1])) is not None
    return state if vouched else None


_TRAILING_PLACE_RE = re.compile(
    r"^(?P<rest>.*?\S)\s+(?P<place>(?:[A-Z][\w.'-]*\s){0,2}[A-Z][\w.'-]*,\s*[A-Z][\w .'-]*)$"
)


def is_address_line(text: str) -> bool:
    """A place in several comma-separated pieces that no employer's name shares: a postal
    address (a street number, a postcode, or a state and its country at the end: "810
    Vermont Ave NW Washington, DC 20420", "McLean, VA United States"), or known places at
    both ends ("Amsterdam, North Holland, Netherlands"; not "Google, Mountain View, CA")."""
    if "," not in text:
        return False
    first, last = text.split(",", 1)[0].strip(), text.rsplit(",", 1)[1].strip()
    first_place = _piece_place(first)
    if not any(c.isdigit() for c in text) and first_place is None and " " not in last:
        return False  # the commonest line with a comma, "Acme Corp, Berlin", ends here
    if place_of(text) is None:
        return False
    if text[:1].isdigit() or _ZIP_RE.search(text):
        return True
    if first_place is not None and _piece_place(last) is not None:
        return True
    state, _, country = last.partition(" ")
    found = lookup(state)
    return found is not None and found[0] == "state" and (lookup(country) or ("", ""))[0] == "country"


_BRACKETED_RE = re.compile(r"^(?P<rest>.*\S)\s*\((?P<place>[^()]+)\)$")
# A town glued to the employer by a hyphen, as job boards print them ("Werner Enterprises-Amarillo, TX").
_GLUED_PLACE_RE = re.compile(
    r"^(?P<rest>.*[^\W\d_])-(?P<city>[A-Z][^\W\d_]+(?: [A-Z][^\W\d_]+){0,2}),\s*(?P<tail>[^,]+)$"
)


def peel_place(text: str) -> tuple[str, str | None]:
    """Split a trailing place off an entry line printed without a separator:
    "Southwestern University Georgetown, TX" -> ("Southwestern University", "Georgetown, TX"),
    "Werner Enterprises-Amarillo, TX" -> ("Werner Enterprises", "Amarillo, TX"),
    "Shopify (Toronto)" -> ("Shopify", "Toronto")."""
    bracketed = _BRACKETED_RE.match(text) if text.endswith(")") else None
    if bracketed is not None and place_of(bracketed.group("place")) is not None:
        return bracketed.group("rest"), bracketed.group("place")
    if "," not in text:
        return text, None
    glued = _GLUED_PLACE_RE.match(text)
    if glued is not None and (lookup(glued.group("city")) or _world_city(glued.group("city"))):
        region = lookup(_ZIP_RE.sub("", glued.group("tail")).strip())
        if region is not None and region[0] in {"state", "country"}:
            return glued.group("rest"), f"{glued.group('city')}, {glued.group('tail')}"
    match = _TRAILING_PLACE_RE.match(text)
    if match is None or match.group("rest").endswith((",", "|", "-")):
        return text, None
    words = match.group("rest").split() + match.group("place").split(",")[0].split()
    tail = match.group("place").rsplit(",", 1)[1].strip()
    kind = lookup(_ZIP_RE.sub("", tail).strip())
    if kind is None or kind[0] not in {"state", "country"} or match.group("rest").split()[-1].islower():
        return text, None
    # Prefer the longest known city ("College Station"); else one word before the comma.
    for size in range(min(3, len(words)), 0, -1):
        city = " ".join(words[-size:])
        if lookup(city) is not None or size == 1:
            rest = " ".join(words[:-size])
            if not rest:
                return text, None  # "Mountain View, CA": all of it is the place
            return rest, f"{city}, {tail}"
    return text, None


def find_location(*row_lists: list[str]) -> Place | None:
    """The first place in the first list of contact rows that has one; a street line just
    above it joins it. Failing that, the first city of the world gazetteer printed as a place."""
    for rows_text in row_lists:
        for reader in (place_of, _world_place):
            if (place := _find_place(rows_text, reader)) is not None:
                return place
        if (place := _town_before_contacts(rows_text)) is not None:
            return place
    return None


# Words that stand first in a row of contact details without naming a town (Mobile, Alabama).
_CONTACT_WORDS = frozenset(["mobile", "phone", "cell", "tel", "email", "e-mail", "contact", "address", "home", "work"])


def _town_before_contacts(rows_text: list[str]) -> Place | None:
    """ "Zwolle | 06 5318 2047 | maarten@vantzand.nl": a bare town of the world gazetteer
    first in a row that gives an email address after it vouches for itself."""
    for text in rows_text:
        segments = [s.strip(" ,.") for s in _SPLIT_RE.split(text) if s.strip(" ,.")]
        if len(segments) < 2 or not any("@" in s for s in segments[1:]):
            continue
        town = segments[0]
        if not town[:1].isupper() or len(town.split()) > 3 or "@" in town or fold(town) in _CONTACT_WORDS:
            continue
        if (country := _world_city(town)) is not None:
            return Place(text=town, country=country)
    return None


def is_trailing_place(piece: str) -> bool:
    """The last piece after an organization's name and its comma that names a town with its
    state's code, the town unknown to the gazetteer ("Toll Group, Eastern Creek NSW")."""
    words = piece.split()
    return 2 <= len(words) <= 4 and piece[:1].isupper() and is_state_code(words[-1])


def is_state_code(word: str) -> bool:
    """ "NSW", "ON", "TX": a state's code, in capitals."""
    found = lookup(word) if 2 <= len(word) <= 3 and word.isupper() else None
    return found is not None and found[0] == "state"


def _world_city(name: str) -> str | None:
    """The country of a city of the world gazetteer by that name, unless the name also reads
    as a job title, a school or an employer."""
    if len(name) < 3 or _DIGIT_RE.search(name):
        return None
    country = world_cities().get(fold(name))
    if country is None or title_score(name) or is_institution(name) or legal_form_score(name):
        return None
    return country


# Birth labels, whose place is no home: English, German, French, Spanish, Portuguese, Italian,
# Polish, Czech, Romanian, Indonesian and Malay, Turkish, Dutch, Nordic, Finnish.
_BIRTH_RE = re.compile(
    r"\b(?:birth|born|geburt|geboren|naissance|n[ée]e? le|nacimiento|nascimento|nascita|urodzenia|narozen[íi]|"
    r"na[șs]terii|lahir|do[gğ]um|geboorte|f[øö]dsel|f[öo]dd|syntym)",
    re.I,
)


def _find_place(rows_text: list[str], reader: Callable[[str], Place | None]) -> Place | None:
    previous = ""
    # "Düsseldorf," / "Deutschland": a place wrapped at its comma.
    joined = [
        f"{text} {_SPLIT_RE.split(rows_text[n + 1])[0]}"
        if text.rstrip().endswith(",") and n + 1 < len(rows_text)
        else text
        for n, text in enumerate(rows_text)
    ]
    for text in joined:
        label_before = len(previous) <= 30 and ":" not in previous.rstrip(" :") and _BIRTH_RE.search(previous)
        if _BIRTH_RE.search(text) or label_before:
            # "Tempat, Tanggal Lahir: Bandung, 5 Mei 1995", or the label in the cell before: where
            # the candidate was born.
            previous = text
            continue
        segments = [s for s in _SPLIT_RE.split(text) if s]
        for n, segment in enumerate(segments):
            place = reader(segment)
            if place is None:
                continue
            before = segments[n - 1] if n else previous
            if (
                before
                and (_STREET_RE.search(before) or _NAMED_HOUSE_RE.fullmatch(before))
                and "@" not in before
                and len(before) < 50
            ):
                place = Place(text=f"{before.strip()}, {place.text}", country=place.country)
            return place
        previous = segments[-1] if segments else ""
    return None


@memoized
def _world_place(segment: str) -> Place | None:
    """ "0010 Yerevan", "Gyumri, Shirak", "Location: Tromsø", "Santa Cruz", "Ереван", "Rue de la
    Victoire 86, 1060 Saint-Gilles": a city of the world gazetteer printed as a place, in
    capitalized pieces, the city first or after its street. Many words a contact block prints
    alone are also names of cities ("Mobile", "Best", "University"), so a bare Latin word needs
    a postcode, a label or a region beside it."""
    if len(segment) > 80 or "@" in segment:
        return None
    unlabelled = _SYMBOLS_RE.sub("", segment.strip())
    text = _LABEL_RE.sub("", unlabelled).strip(" ,.")
    if not text or "@" in text or "http" in text.lower() or len(text) > 60:
        return None
    pieces = _pieces(text)
    while len(pieces) > 1 and (
        _STREET_RE.search(pieces[0])
        or _HOUSE_NUMBER_RE.fullmatch(pieces[0])
        # "Số 25 ngõ 120 Trần Duy Hưng, Cầu Giấy, Hà Nội": a numbered street in words the
        # street pattern does not know, before two more pieces.
        or (len(pieces) > 2 and _DIGIT_RE.search(pieces[0]))
    ):
        pieces = pieces[1:]  # the street before its town
    if not 1 <= len(pieces) <= 3 or any(len(p.split()) > 3 or _lower_piece(p) for p in pieces):
        return None
    city = _without_postcode(_TOWN_MARK_RE.sub("", pieces[0]))
    if (country := _world_city(city)) is None:
        return None
    if city != pieces[0] and any(r.stop - r.begin >= len(pieces[0]) - 2 for r in find_ranges(pieces[0])):
        return None  # "March 2017": a date, not a town (March, Cambridgeshire) and its postcode
    # A label vouches for a bare word ("Wohnort: Gütersloh"); a sentence's full stop does not ("Google.").
    labelled = len(unlabelled.strip(" ,.")) != len(text)
    vouched = len(pieces) > 1 or city != pieces[0] or labelled or _native(city, country)
    if not vouched and (" " not in city or is_upper(city)):
        return None
    return Place(text=text, country=country)


# Countries whose own script each script is: a city's name alone in another script is a
# translation ("मोबाइल", Mobile in Alabama, is the Hindi word for a mobile phone).
_SCRIPT_COUNTRIES = {
    "CYRILLIC": {"RU", "UA", "BY", "BG", "RS", "MK", "KZ", "KG", "MN", "TJ", "ME", "BA"},
    "GREEK": {"GR", "CY"},
    "HEBREW": {"IL"},
    "ARABIC": {"AE", "SA", "EG", "JO", "LB", "SY", "IQ", "KW", "QA", "BH", "OM", "YE", "MA", "DZ", "TN", "LY", "SD"}
    | {"IR", "AF", "PK"},
    "DEVANAGARI": {"IN", "NP"},
    "BENGALI": {"BD", "IN"},
    "TAMIL": {"IN", "LK"},
    "THAI": {"TH"},
    "GEORGIAN": {"GE"},
    "ARMENIAN": {"AM"},
    "HANGUL": {"KR", "KP"},
    "CJK": {"CN", "TW", "HK", "MO", "JP", "SG"},
    "HIRAGANA": {"JP"},
    "KATAKANA": {"JP"},
}


def _lower_piece(piece: str) -> bool:
    """A piece in lower case, which no place's name is: not a street ("вул. Городоцька"), a
    town with its mark ("м. Львів") nor a county with its ("jud. Cluj", "okr. Brno-venkov")."""
    return (
        piece[:1].islower()
        and not _STREET_RE.search(piece)
        and not _TOWN_MARK_RE.match(piece)
        and not _COUNTY_MARK_RE.match(piece)
    )


# The abbreviated word for a county or district before its name: Romanian județ, Czech and
# Slovak okres, Polish powiat and województwo, Russian and Ukrainian oblast.
_COUNTY_MARK_RE = re.compile(r"(?:jud|okr|pow|woj|obl)\.\s*[^\W\d_]")


def _native(city: str, country: str) -> bool:
    """The name is written in the city's own country's script (not Latin)."""
    letter = next((ch for ch in city if ch.isalpha()), "")
    script = unicodedata.name(letter, "").split(" ")[0]
    return country in _SCRIPT_COUNTRIES.get(script, ())


def country_of(text: str) -> str | None:
    place = place_of(text)
    return place.country if place else None
