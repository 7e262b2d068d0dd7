"""Who the generated resumes belong to: names from many origins and scripts, where they live,
and contact details derived from them (emails, valid phone numbers, profile links)."""

# ruff: noqa: RUF001  # the Turkish dotless i in names, on purpose

import random
import re
import unicodedata
from dataclasses import dataclass, field

import phonenumbers

# --- Names -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NameSpec:
    """One person's name.

    ``given``/``family`` are the parts in the name's own script; ``latin_given``/``latin_family``
    the transliteration (the same strings for Latin names). ``family_first`` is the native order
    (Chinese, Korean, Japanese, Vietnamese, Hungarian).
    """

    given: str
    family: str
    gender: str  # "m" or "f": picks the grammatical form of job titles in de/fr/es
    origin: str
    latin_given: str
    latin_family: str
    family_first: bool = False
    script: str = "latin"  # latin, han, hangul, cyrillic, arabic, greek

    def native(self) -> str:
        return (
            f"{self.family}{'' if self.script == 'han' else ' '}{self.given}"
            if self.family_first
            else (f"{self.given} {self.family}")
        )

    def latin(self, western_order: bool = False) -> str:
        if self.family_first and not western_order:
            return f"{self.latin_family} {self.latin_given}"
        return f"{self.latin_given} {self.latin_family}"


def _latin(origin: str, gender: str, given: str, family: str, *, family_first: bool = False) -> NameSpec:
    return NameSpec(given, family, gender, origin, given, family, family_first=family_first)


# (given, gender) and family names per origin; combined at random. Compound and particle
# surnames are listed as they are written ("García-López", "de la Cruz", "van der Meer").
GIVEN: dict[str, tuple[tuple[str, str], ...]] = {
    "de": (
        ("Zoë", "f"),
        ("Jürgen", "m"),
        ("Hans-Peter", "m"),
        ("Björn", "m"),
        ("Anke", "f"),
        ("Katharina", "f"),
        ("Lukas", "m"),
        ("Marie-Luise", "f"),
        ("Sören", "m"),
        ("Jördis", "f"),
        ("Maximilian", "m"),
        ("Lea", "f"),
    ),
    "fr": (
        ("François", "m"),
        ("Jérôme", "m"),
        ("Étienne", "m"),
        ("Jean-Luc", "m"),
        ("Benoît", "m"),
        ("Loïc", "m"),
        ("Amélie", "f"),
        ("Chloé", "f"),
        ("Éloïse", "f"),
        ("Anne-Marie", "f"),
        ("Hélène", "f"),
        ("Maëlle", "f"),
    ),
    "es": (
        ("José María", "m"),
        ("Álvaro", "m"),
        ("Iñigo", "m"),
        ("Jesús", "m"),
        ("Joaquín", "m"),
        ("Rubén", "m"),
        ("María José", "f"),
        ("Lucía", "f"),
        ("Begoña", "f"),
        ("Ana Sofía", "f"),
        ("Nuria", "f"),
        ("Ainhoa", "f"),
    ),
    "gb": (
        ("Oliver", "m"),
        ("Callum", "m"),
        ("Rhys", "m"),
        ("Harry", "m"),
        ("Eleanor", "f"),
        ("Charlotte", "f"),
        ("Mary", "f"),
        ("Imogen", "f"),
        ("Alistair", "m"),
        ("Fiona", "f"),
    ),
    "us": (
        ("Michael", "m"),
        ("DeShawn", "m"),
        ("Tyler", "m"),
        ("Kevin", "m"),
        ("Ashley", "f"),
        ("Jennifer", "f"),
        ("Keisha", "f"),
        ("Madison", "f"),
        ("Robert", "m"),
        ("Emily", "f"),
    ),
    "in": (
        ("Arjun", "m"),
        ("Rahul", "m"),
        ("Vikram", "m"),
        ("Karthik", "m"),
        ("Priya", "f"),
        ("Ananya", "f"),
        ("Lakshmi", "f"),
        ("Deepika", "f"),
    ),
    "tr": (("Emre", "m"), ("Mehmet", "m"), ("Ayşe", "f"), ("Çağla", "f"), ("Gökhan", "m"), ("Şule", "f")),
    "pl": (("Łukasz", "m"), ("Paweł", "m"), ("Małgorzata", "f"), ("Agnieszka", "f")),
    "pt": (("João", "m"), ("Inês", "f"), ("Gonçalo", "m"), ("Conceição", "f")),
    "nl": (("Pieter", "m"), ("Sanne", "f"), ("Joost", "m"), ("Maartje", "f")),
}

FAMILY: dict[str, tuple[str, ...]] = {
    "de": (
        "Müller",
        "Schäfer",
        "Weiß",
        "Groß",
        "Schröder",
        "Köhler",
        "Hoffmann",
        "Krüger",
        "Schmidt-Hübner",
        "von Stein",
        "Meyer-Landsberg",
        "Wöhrle",
    ),
    "fr": (
        "Lefèvre",
        "Dubois",
        "Rousseau",
        "Bérard",
        "Lemaître",
        "Mercier",
        "Duchêne",
        "Le Goff",
        "de Villiers",
        "Dubois-Martin",
        "N'Diaye",
        "Desprès",
    ),
    "es": (
        "García-López",
        "Martínez Ruiz",
        "Núñez Peña",
        "de la Cruz",
        "Iglesias Ortega",
        "Sánchez Gil",
        "Muñoz Castillo",
        "Fernández",
        "Ibáñez",
        "Rodríguez de Castro",
    ),
    "gb": (
        "McDonald",
        "MacLeod",
        "Whitfield",
        "Jones-Whitfield",
        "Ashworth",
        "Pemberton",
        "O'Connor",
        "Fairbairn",
        "Llewellyn",
        "Thompson",
    ),
    "us": ("Johnson", "Okafor", "Nguyen", "Kowalski", "Ramirez", "Washington", "Goldberg", "Park", "O'Neill"),
    "in": ("Sharma", "Iyer", "Reddy", "Banerjee", "Nair", "Krishnamurthy", "Deshpande"),
    "tr": ("Yılmaz", "Öztürk", "Çelik", "Şahin", "Doğan"),
    "pl": ("Wójcik", "Kowalczyk", "Zieliński", "Wiśniewska"),
    "pt": ("dos Santos", "Gonçalves", "Magalhães", "da Silva"),
    "nl": ("van der Meer", "de Vries", "van den Berg", "Bakker"),
}

# Names whose form matters on its own: non-Latin scripts (with a transliteration), Gaelic
# patronymics, Arabic and Malay "bin"/"binti", initials, family-first orders.
SPECIAL_NAMES: tuple[NameSpec, ...] = (
    NameSpec("小明", "王", "m", "cn", "Xiaoming", "Wang", family_first=True, script="han"),
    NameSpec("娜", "李", "f", "cn", "Na", "Li", family_first=True, script="han"),
    NameSpec("静", "陈", "f", "cn", "Jing", "Chen", family_first=True, script="han"),
    NameSpec("伟", "张", "m", "cn", "Wei", "Zhang", family_first=True, script="han"),
    NameSpec("花子", "佐藤", "f", "jp", "Hanako", "Sato", family_first=True, script="han"),
    NameSpec("민준", "김", "m", "kr", "Min-jun", "Kim", family_first=True, script="hangul"),
    NameSpec("Мария", "Иванова", "f", "ru", "Maria", "Ivanova", script="cyrillic"),
    NameSpec("Дмитрий", "Соколов", "m", "ru", "Dmitry", "Sokolov", script="cyrillic"),
    NameSpec("Анна", "Смирнова", "f", "ru", "Anna", "Smirnova", script="cyrillic"),
    NameSpec("محمد", "علي", "m", "ar", "Mohamed", "Ali", script="arabic"),
    NameSpec("فاطمة", "الزهراء", "f", "ar", "Fatima", "Al-Zahra", script="arabic"),
    NameSpec("Γιώργος", "Παπαδόπουλος", "m", "gr", "Giorgos", "Papadopoulos", script="greek"),
    _latin("vn", "f", "Lan", "Nguyễn Thị", family_first=True),
    _latin("vn", "m", "Minh", "Trần Văn", family_first=True),
    _latin("ie", "m", "Seán", "Ó Briain"),
    _latin("ie", "f", "Siobhán", "Ní Bhriain"),
    _latin("ie", "f", "Aoife", "O'Connor"),
    _latin("ie", "m", "Ciarán", "Mac Giolla Phádraig"),
    _latin("gb", "f", "Mary", "McDonald"),
    _latin("gb", "m", "Ruairidh", "MacLeòid"),
    _latin("my", "m", "Ahmad", "bin Yusuf"),
    _latin("my", "f", "Nur Aisyah", "binti Ismail"),
    _latin("ma", "m", "Youssef", "El Amrani"),
    _latin("ma", "m", "Karim", "Benali"),
    _latin("ng", "f", "Chiamaka", "Okonkwo-Adeyemi"),
    _latin("es", "f", "Maria", "de la Cruz"),
    _latin("de", "m", "Ludwig", "van Beethoven"),
    _latin("fr", "m", "François", "Lefèvre"),
    _latin("fr", "m", "Jean-Baptiste", "de La Fontaine"),
    _latin("es", "m", "José María", "García-López"),
    _latin("de", "f", "Zoë", "Müller"),
    _latin("us", "m", "J. R.", "Hartley"),
    _latin("gb", "f", "A. K.", "Fairbairn"),
    _latin("in", "m", "K. S.", "Ramesh"),
    _latin("us", "m", "Michael J.", "Okafor"),
    _latin("hu", "f", "Eszter", "Szabó", family_first=True),
)

# Which name origins live in which country (weights): mostly local, some international.
ORIGINS_BY_COUNTRY: dict[str, tuple[tuple[str, int], ...]] = {
    "DE": (("de", 11), ("tr", 2), ("pl", 2), ("nl", 1), ("special", 7)),
    "FR": (("fr", 12), ("pt", 2), ("special", 7), ("es", 1)),
    "ES": (("es", 12), ("pt", 1), ("special", 6), ("fr", 1)),
    "GB": (("gb", 10), ("in", 2), ("pl", 1), ("special", 7)),
    "US": (("us", 10), ("es", 1), ("special", 7), ("in", 1)),
    "IN": (("in", 10), ("special", 2)),
}


@dataclass(frozen=True, slots=True)
class PrintedName:
    """The name as the resume prints it, and the forms the truth records."""

    printed: str  # the main name line (the truth's "name")
    secondary: str | None  # a transliteration printed on its own line, or None
    alternates: list[str]  # other accepted forms (transliteration, reordered)
    spec: NameSpec


def pick_name(rng: random.Random, country: str) -> NameSpec:
    origins, weights = zip(*ORIGINS_BY_COUNTRY[country], strict=True)
    origin = rng.choices(origins, weights=weights)[0]
    if origin == "special":
        pool = [n for n in SPECIAL_NAMES if country != "IN" or n.origin in ("in", "us", "gb")]
        return rng.choice(pool)
    given, gender = rng.choice(GIVEN[origin])
    family = rng.choice(FAMILY[origin])
    if origin == "pl" and gender == "m" and family.endswith("ska"):
        family = family[:-1] + "i"
    if origin == "es" and rng.random() < 0.3 and " " not in family and "-" not in family:
        family = f"{family} {rng.choice(('Ortega', 'Vidal', 'Peña', 'Gil'))}"
    return _latin(origin, gender, given, family)


def print_name(rng: random.Random, spec: NameSpec, lang: str) -> PrintedName:
    """Choose how the name is printed: native script or transliteration, order, upper-case surname."""
    if spec.script != "latin":
        mode = rng.choice(("native", "native+latin", "native+latin", "latin"))
        western = rng.random() < 0.5
        latin = spec.latin(western_order=western)
        if mode == "latin":
            return PrintedName(latin, None, [spec.native()], spec)
        if mode == "native":
            return PrintedName(spec.native(), None, [spec.latin(), spec.latin(western_order=True)], spec)
        if rng.random() < 0.5:
            # Same line: "王小明 (Xiaoming Wang)"; the truth name is the native form.
            return PrintedName(f"{spec.native()} ({latin})", None, [spec.native(), latin], spec)
        return PrintedName(spec.native(), latin, [latin], spec)
    natural = spec.latin()
    roll = rng.random()
    if lang == "fr" and roll < 0.35:
        # French CVs often put the surname in capitals, sometimes first.
        upper = spec.family.upper()
        if rng.random() < 0.3:
            return PrintedName(f"{upper} {spec.given}", None, [natural], spec)
        return PrintedName(f"{spec.given} {upper}", None, [natural], spec)
    if roll < 0.06 and not spec.family.startswith(("bin ", "binti ")):  # patronymics are not reordered
        return PrintedName(f"{spec.family}, {spec.given}", None, [natural], spec)
    if spec.family_first and rng.random() < 0.5:
        return PrintedName(spec.latin(western_order=True), None, [natural], spec)
    return PrintedName(natural, None, [], spec)


# --- Places ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class City:
    country: str  # ISO region, also the phone region
    names: dict[str, str]  # by resume language; "en" is the fallback
    postcode: str
    area: str  # fixed-line prefix of the national significant number (area code)
    state: str = ""  # US state, UK nation or Indian state, printed in English addresses

    def name(self, lang: str) -> str:
        return self.names.get(lang, self.names["en"])


COUNTRY_NAMES: dict[str, dict[str, str]] = {
    "DE": {"en": "Germany", "de": "Deutschland", "fr": "Allemagne", "es": "Alemania"},
    "FR": {"en": "France", "de": "Frankreich", "fr": "France", "es": "Francia"},
    "ES": {"en": "Spain", "de": "Spanien", "fr": "Espagne", "es": "España"},
    "GB": {"en": "United Kingdom", "de": "Vereinigtes Königreich", "fr": "Royaume-Uni", "es": "Reino Unido"},
    "US": {"en": "USA", "de": "USA", "fr": "États-Unis", "es": "Estados Unidos"},
    "IN": {"en": "India", "de": "Indien", "fr": "Inde", "es": "India"},
}

CITIES: tuple[City, ...] = (
    City("DE", {"en": "Munich", "de": "München", "fr": "Munich", "es": "Múnich"}, "80331", "89"),
    City("DE", {"en": "Cologne", "de": "Köln", "fr": "Cologne", "es": "Colonia"}, "50667", "221"),
    City("DE", {"en": "Berlin"}, "10115", "30"),
    City("DE", {"en": "Hamburg", "fr": "Hambourg", "es": "Hamburgo"}, "20095", "40"),
    City("DE", {"en": "Düsseldorf"}, "40213", "211"),
    City("DE", {"en": "Nuremberg", "de": "Nürnberg", "fr": "Nuremberg", "es": "Núremberg"}, "90402", "911"),
    City("DE", {"en": "Leipzig"}, "04109", "341"),
    City("FR", {"en": "Paris"}, "75011", "1"),
    City("FR", {"en": "Lyon"}, "69003", "4"),
    City("FR", {"en": "Marseille", "es": "Marsella"}, "13001", "4"),
    City("FR", {"en": "Toulouse"}, "31000", "5"),
    City("FR", {"en": "Nantes"}, "44000", "2"),
    City("FR", {"en": "Lille"}, "59000", "3"),
    City("ES", {"en": "Madrid"}, "28013", "91"),
    City("ES", {"en": "Barcelona"}, "08001", "93"),
    City("ES", {"en": "Seville", "de": "Sevilla", "fr": "Séville", "es": "Sevilla"}, "41001", "954"),
    City("ES", {"en": "Valencia", "fr": "Valence"}, "46001", "96"),
    City("ES", {"en": "A Coruña", "fr": "La Corogne", "es": "A Coruña"}, "15001", "981"),
    City("ES", {"en": "Málaga"}, "29001", "952"),
    City("GB", {"en": "London", "fr": "Londres", "es": "Londres"}, "EC1A 1BB", "20", "England"),
    City("GB", {"en": "Manchester"}, "M1 1AE", "161", "England"),
    City("GB", {"en": "Edinburgh", "de": "Edinburgh", "fr": "Édimbourg", "es": "Edimburgo"}, "EH1 1YZ", "131"),
    City("GB", {"en": "Leeds"}, "LS1 4AP", "113", "England"),
    City("GB", {"en": "Cardiff"}, "CF10 1EP", "29", "Wales"),
    City("US", {"en": "Austin"}, "78701", "512", "TX"),
    City("US", {"en": "Seattle"}, "98101", "206", "WA"),
    City("US", {"en": "Chicago"}, "60601", "312", "IL"),
    City("US", {"en": "Boston"}, "02108", "617", "MA"),
    City("US", {"en": "Atlanta"}, "30303", "404", "GA"),
    City("US", {"en": "Denver"}, "80202", "303", "CO"),
    City("IN", {"en": "Pune"}, "411001", "20", "Maharashtra"),
    City("IN", {"en": "Bengaluru"}, "560001", "80", "Karnataka"),
    City("IN", {"en": "Chennai"}, "600001", "44", "Tamil Nadu"),
    City("IN", {"en": "New Delhi"}, "110001", "11", "Delhi"),
)

STREETS: dict[str, tuple[str, ...]] = {
    "DE": ("Hauptstraße {n}", "Lindenallee {n}", "Goethestraße {n}", "Am Mühlbach {n}"),
    "FR": ("{n} rue de la République", "{n}, avenue Jean Jaurès", "{n} boulevard Voltaire"),
    "ES": ("Calle Mayor, {n}", "Avda. de la Constitución {n}", "C/ San Vicente {n}, 3º B"),
    "GB": ("{n} Victoria Road", "Flat {n}, 12 Station Street", "{n} Church Lane"),
    "US": ("{n} Maple Avenue", "{n} Oak Street, Apt 4B", "{n} W Main St"),
    "IN": ("Flat {n}, Shanti Apartments, MG Road", "{n}, 5th Cross, Indiranagar"),
}


def cities_in(country: str) -> list[City]:
    return [c for c in CITIES if c.country == country]


def print_location(rng: random.Random, city: City, lang: str) -> str:
    """The residence line as printed: city and country, a US "City, ST", or a postal address."""
    country = COUNTRY_NAMES[city.country][lang]
    name = city.name(lang)
    roll = rng.random()
    if roll < 0.2:
        street = rng.choice(STREETS[city.country]).format(n=rng.randint(2, 120))
        if city.country in ("DE", "FR", "ES"):
            return f"{street}, {city.postcode} {name}"
        if city.country == "US":
            return f"{street}, {name}, {city.state} {city.postcode}"
        return f"{street}, {name} {city.postcode}"
    if city.country == "US" and lang == "en":
        return f"{name}, {city.state}"
    if (
        city.country in ("DE", "FR", "ES")
        and roll < 0.4
        and city.country == {"de": "DE", "fr": "FR", "es": "ES"}.get(lang)
    ):
        return f"{city.postcode} {name}"
    if city.country == "IN" and roll < 0.6:
        return f"{name}, {city.state}, {country}"
    return f"{name}, {country}"


# --- Contact details ---------------------------------------------------------------------------

_FOLD = str.maketrans(
    {"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ł": "l", "Ł": "L", "đ": "d", "ı": "i", "œ": "oe", "Œ": "OE"}
)
_GERMAN_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def ascii_fold(text: str, *, german: bool = False) -> str:
    """ASCII form of a Latin name for emails and handles (ü -> ue when ``german``)."""
    if german:
        text = text.translate(_GERMAN_UMLAUTS)
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c))


def _handle_parts(spec: NameSpec) -> tuple[str, str]:
    german = spec.origin == "de"
    given = re.sub(r"[^a-z]", "", ascii_fold(spec.latin_given.split()[0], german=german).lower())
    family = re.sub(r"[^a-z]", "", ascii_fold(spec.latin_family, german=german).lower())
    return given, family


EMAIL_DOMAINS = ("example.com", "example.org", "example.net", "mail.example.com", "example.co.uk")


def make_email(rng: random.Random, spec: NameSpec) -> str:
    given, family = _handle_parts(spec)
    local = rng.choice(
        (
            f"{given}.{family}",
            f"{given}.{family}",
            f"{given}{family}",
            f"{given[0]}.{family}",
            f"{given[0]}{family}",
            f"{given}_{family}",
            f"{family}.{given}",
            f"{given}-{family}",
            f"{given}.{family}{rng.randint(1, 99)}",
            f"{given}{family}{rng.randint(70, 99)}",
        )
    )
    return f"{local}@{rng.choice(EMAIL_DOMAINS)}"


@dataclass(frozen=True, slots=True)
class Link:
    printed: str
    url: str  # normalized: https, lower-case host without "www.", no trailing slash


def normalize_url(printed: str) -> str:
    """The link normalization the truth uses (documented in make_resume_corpus.py)."""
    text = re.sub(r"^[A-Za-z]+:\s*(?=[a-z])", "", printed.strip()) if "://" not in printed else printed.strip()
    text = re.sub(r"^https?://", "", text, flags=re.IGNORECASE)
    host, _, path = text.partition("/")
    host = host.lower().removeprefix("www.")
    path = path.split("?")[0].split("#")[0].rstrip("/")
    return f"https://{host}/{path}" if path else f"https://{host}"


def make_links(rng: random.Random, spec: NameSpec, *, tech: bool, office: bool) -> list[Link]:
    given, family = _handle_parts(spec)
    links: list[Link] = []
    if rng.random() < (0.7 if office else 0.3):
        slug = rng.choice((f"{given}-{family}", f"{given}{family}", f"{given}-{family}-{rng.randrange(16**6):06x}"))
        printed = rng.choice(
            (
                f"linkedin.com/in/{slug}",
                f"www.linkedin.com/in/{slug}",
                f"https://www.linkedin.com/in/{slug}/",
                f"https://linkedin.com/in/{slug}",
            )
        )
        links.append(Link(printed, normalize_url(printed)))
    if tech and rng.random() < 0.7:
        handle = rng.choice((f"{given[0]}{family}", f"{given}{family}", f"{given}-{family}", f"{family}{given[:2]}"))
        printed = rng.choice((f"github.com/{handle}", f"https://github.com/{handle}", f"GitHub.com/{handle}"))
        links.append(Link(printed, normalize_url(printed)))
        if rng.random() < 0.25:
            printed = rng.choice((f"https://{handle}.github.io/", f"{handle}.github.io"))
            links.append(Link(printed, normalize_url(printed)))
    return links


# --- Phones ------------------------------------------------------------------------------------

MOBILE_PREFIXES: dict[str, tuple[str, ...]] = {
    "DE": ("151", "160", "170", "171", "172", "175", "176", "177", "178", "179"),
    "FR": ("6", "7"),
    "ES": ("6", "7"),
    "GB": ("74", "75", "77", "78", "79"),
    "US": (),  # US mobiles use geographic area codes
    "IN": ("98", "97", "96", "91", "88", "70"),
}


@dataclass(frozen=True, slots=True)
class Phone:
    printed: str
    e164: str
    kind: str = field(default="mobile")


def _valid_number(rng: random.Random, region: str, prefix: str) -> phonenumbers.PhoneNumber:
    """A number that the phonenumbers metadata calls valid, starting with ``prefix``."""
    code = phonenumbers.country_code_for_region(region)
    for _ in range(400):
        length = rng.choice((10,) if region in ("US", "IN", "GB") else (9,) if region in ("FR", "ES") else (10, 11))
        if region == "DE" and prefix in ("30", "40", "89"):
            length = rng.choice((9, 10))
        if region == "US":
            # 555-01xx is reserved for fiction and valid in the metadata.
            national = f"{prefix}55501{rng.randint(0, 99):02d}"
        else:
            national = prefix + "".join(str(rng.randint(0, 9)) for _ in range(length - len(prefix)))
        number = phonenumbers.PhoneNumber(country_code=code, national_number=int(national))
        if phonenumbers.is_valid_number(number):
            return number
    raise RuntimeError(f"no valid {region} number with prefix {prefix}")


def _styled(rng: random.Random, number: phonenumbers.PhoneNumber, region: str, national_ok: bool) -> str:
    fmt = phonenumbers.PhoneNumberFormat
    international = phonenumbers.format_number(number, fmt.INTERNATIONAL)
    national = phonenumbers.format_number(number, fmt.NATIONAL)
    options = [international, international]
    if national_ok:
        options += [national, national]
    if region == "US":
        digits = str(number.national_number)
        options += [
            f"{digits[:3]}-{digits[3:6]}-{digits[6:]}",
            f"{digits[:3]}.{digits[3:6]}.{digits[6:]}",
            f"+1 ({digits[:3]}) {digits[3:6]}-{digits[6:]}",
        ]
    if region in ("DE", "GB"):
        options.append(international.replace(" ", " (0)", 1).replace("(0)", "(0) ", 1).replace("  ", " "))
    if region == "DE" and national_ok:
        options.append(national.replace(" ", "/", 1))
    if region == "FR" and national_ok:
        options.append(national.replace(" ", "."))
    if region == "IN":
        options.append(international.replace(" ", "-", 1))
    if rng.random() < 0.08:
        return phonenumbers.format_number(number, fmt.E164)
    return rng.choice(options)


def make_phone(rng: random.Random, city: City, *, national_ok: bool, kind: str = "mobile") -> Phone:
    region = city.country
    prefixes = MOBILE_PREFIXES[region]
    prefix = rng.choice(prefixes) if kind == "mobile" and prefixes else city.area
    number = _valid_number(rng, region, prefix)
    printed = _styled(rng, number, region, national_ok)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    reparsed = phonenumbers.parse(printed, region)
    if phonenumbers.format_number(reparsed, phonenumbers.PhoneNumberFormat.E164) != e164:
        raise RuntimeError(f"printed phone {printed!r} does not parse back to {e164}")
    return Phone(printed, e164, kind)
