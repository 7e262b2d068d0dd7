"""Section headings, labels, month names and date-range formats of the four resume languages."""

# ruff: noqa: RUF001  # resumes print en dashes; the typography is the point

import random
from dataclasses import dataclass

LANGUAGES = ("en", "de", "fr", "es")
EN_DASH = "\u2013"

# Several real-world variants per section; one is picked per resume.
HEADINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "summary": {
        "en": ("Summary", "Profile", "Professional Summary", "About Me"),
        "de": ("Profil", "Kurzprofil", "Über mich"),
        "fr": ("Profil", "Profil professionnel", "À propos"),
        "es": ("Perfil", "Perfil profesional", "Sobre mí"),
    },
    "experience": {
        "en": ("Experience", "Work Experience", "Professional Experience", "Employment History"),
        "de": ("Berufserfahrung", "Beruflicher Werdegang", "Berufspraxis"),
        "fr": ("Expérience professionnelle", "Expériences professionnelles", "Parcours professionnel"),
        "es": ("Experiencia laboral", "Experiencia profesional", "Trayectoria profesional"),
    },
    "education": {
        "en": ("Education", "Education & Training", "Education and Qualifications"),
        "de": ("Ausbildung", "Bildungsweg", "Studium und Ausbildung"),
        "fr": ("Formation", "Formations", "Diplômes et formations"),
        "es": ("Educación", "Formación académica", "Formación"),
    },
    "skills": {
        "en": ("Skills", "Key Skills", "Core Competencies", "Technical Skills"),
        "de": ("Kenntnisse", "Fähigkeiten", "Kompetenzen", "Fachkenntnisse"),
        "fr": ("Compétences", "Compétences clés", "Savoir-faire"),
        "es": ("Habilidades", "Competencias", "Conocimientos"),
    },
    "languages": {
        "en": ("Languages",),
        "de": ("Sprachen", "Sprachkenntnisse"),
        "fr": ("Langues",),
        "es": ("Idiomas",),
    },
    "interests": {
        "en": ("Interests", "Hobbies"),
        "de": ("Interessen", "Hobbys"),
        "fr": ("Centres d'intérêt", "Loisirs"),
        "es": ("Intereses", "Aficiones"),
    },
    "contact": {
        "en": ("Contact", "Contact Details"),
        "de": ("Kontakt", "Kontaktdaten"),
        "fr": ("Contact", "Coordonnées"),
        "es": ("Contacto", "Datos de contacto"),
    },
}

# Document titles that some resumes print above (or instead of a heading before) the name.
DOCUMENT_TITLES: dict[str, tuple[str, ...]] = {
    "en": ("Curriculum Vitae", "CV", "Resume", "RÉSUMÉ"),
    "de": ("Lebenslauf", "Curriculum Vitae", "LEBENSLAUF"),
    "fr": ("Curriculum Vitae", "CV"),
    "es": ("Currículum Vitae", "Curriculum Vitae", "CV"),
}

LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "phone": {
        "en": ("Phone:", "Tel:", "Mobile:", "Cell:"),
        "de": ("Tel.:", "Telefon:", "Mobil:", "Handy:"),
        "fr": ("Tél. :", "Tél :", "Portable :", "Mobile :"),
        "es": ("Tel.:", "Teléfono:", "Móvil:"),
    },
    "email": {
        "en": ("Email:", "E-mail:"),
        "de": ("E-Mail:", "Mail:"),
        "fr": ("E-mail :", "Courriel :", "Mail :"),
        "es": ("Email:", "Correo:", "E-mail:"),
    },
    "address": {
        "en": ("Address:", "Location:"),
        "de": ("Adresse:", "Wohnort:", "Anschrift:"),
        "fr": ("Adresse :",),
        "es": ("Dirección:", "Domicilio:"),
    },
}

# The German-style "personal details" block: heading and labels.
PERSONAL: dict[str, dict[str, str]] = {
    "en": {
        "heading": "Personal Details",
        "name": "Name",
        "address": "Address",
        "phone": "Phone",
        "email": "Email",
        "birth": "Date of birth",
    },
    "de": {
        "heading": "Persönliche Daten",
        "name": "Name",
        "address": "Anschrift",
        "phone": "Telefon",
        "email": "E-Mail",
        "birth": "Geburtsdatum",
    },
    "fr": {
        "heading": "État civil",
        "name": "Nom",
        "address": "Adresse",
        "phone": "Téléphone",
        "email": "E-mail",
        "birth": "Date de naissance",
    },
    "es": {
        "heading": "Datos personales",
        "name": "Nombre",
        "address": "Dirección",
        "phone": "Teléfono",
        "email": "Correo electrónico",
        "birth": "Fecha de nacimiento",
    },
}

MONTHS_FULL: dict[str, tuple[str, ...]] = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "de": (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
}

MONTHS_ABBR: dict[str, tuple[str, ...]] = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "de": ("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."),
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."),
    "es": ("ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.", "oct.", "nov.", "dic."),
}

PRESENT: dict[str, tuple[str, ...]] = {
    "en": ("Present", "present", "Current", "Now", "Today"),
    "de": ("heute", "Heute", "dato"),
    "fr": ("à ce jour", "aujourd'hui", "Aujourd'hui", "présent", "en cours"),
    "es": ("actualidad", "Actualidad", "presente", "Presente", "hoy"),
}

# An open-ended current job written as "since <start>".
SINCE: dict[str, tuple[str, ...]] = {
    "en": ("Since",),
    "de": ("seit", "Seit"),
    "fr": ("depuis", "Depuis"),
    "es": ("desde", "Desde"),
}

# Separators between the two ends of a range; word forms only where they are common.
SEPARATORS: dict[str, tuple[str, ...]] = {
    "en": (" – ", " - ", "–", " — ", " to "),
    "de": (" – ", " - ", "–", " bis "),
    "fr": (" – ", " - ", "–"),
    "es": (" – ", " - ", "–"),
}

DATE_STYLES = ("abbr", "full", "numeric", "year")


@dataclass(frozen=True, slots=True)
class Ym:
    """A month (``month`` 1-12) or, when ``month`` is None, a year printed without a month."""

    year: int
    month: int | None = None

    def iso(self) -> str:
        return f"{self.year:04d}" if self.month is None else f"{self.year:04d}-{self.month:02d}"

    def ordinal(self) -> int:
        return self.year * 12 + (self.month or 1) - 1


@dataclass(frozen=True, slots=True)
class DateFormat:
    """How one resume prints its dates; chosen once so the document is consistent."""

    lang: str
    style: str  # one of DATE_STYLES
    separator: str
    present: str
    capitalize_month: bool = False
    numeric_dot: bool = False  # 03.2017 (German) instead of 03/2017
    spanish_de: bool = False  # "marzo de 2019"
    since: str | None = None  # "seit" etc. for the current job, None to print a range

    def point(self, ym: Ym) -> str:
        if ym.month is None or self.style == "year":
            return str(ym.year)
        if self.style == "numeric":
            return f"{ym.month:02d}{'.' if self.numeric_dot else '/'}{ym.year}"
        names = MONTHS_ABBR if self.style == "abbr" else MONTHS_FULL
        month = names[self.lang][ym.month - 1]
        if self.capitalize_month:
            month = month[0].upper() + month[1:]
        if self.lang == "es" and self.style == "full" and self.spanish_de:
            return f"{month} de {ym.year}"
        return f"{month} {ym.year}"

    def span(self, start: Ym | None, end: Ym | None, *, current: bool = False) -> str:
        if start is None and end is not None:
            return self.point(end)
        assert start is not None
        if current and self.since:
            return f"{self.since} {self.point(start)}"
        right = self.present if current else self.point(end) if end is not None else ""
        return f"{self.point(start)}{self.separator}{right}"

    def precision(self, ym: Ym) -> Ym:
        """The date as the truth records it: at the precision it is printed with."""
        return Ym(ym.year) if self.style == "year" else ym


def birth_date(lang: str, year: int, month: int, day: int) -> str:
    if lang == "en":
        return f"{day} {MONTHS_FULL['en'][month - 1]} {year}"
    return f"{day:02d}.{month:02d}.{year}" if lang == "de" else f"{day:02d}/{month:02d}/{year}"


def date_format(rng: random.Random, lang: str) -> DateFormat:
    style = rng.choices(DATE_STYLES, weights=(4, 2, 3, 1))[0]
    separator = rng.choice(SEPARATORS[lang])
    if style == "year" and separator.strip() in ("to", "bis"):
        separator = "–"
    since = rng.choice(SINCE[lang]) if lang != "en" and rng.random() < 0.4 else None
    if lang == "en" and rng.random() < 0.08:
        since = "Since"
    return DateFormat(
        lang=lang,
        style=style,
        separator=separator,
        present=rng.choice(PRESENT[lang]),
        capitalize_month=lang in ("fr", "es") and rng.random() < 0.3,
        numeric_dot=lang == "de" and rng.random() < 0.4,
        spanish_de=rng.random() < 0.5,
        since=since,
    )
