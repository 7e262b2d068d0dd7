"""Normalizing names, emails, phones and profile links. Pure functions, no ORM:
each returns a canonical form and never raises, whatever text it is given."""

import re
import unicodedata
from urllib.parse import urlsplit

import phonenumbers

MAX_INPUT = 500  # longer input is cut before work is done on it
_SPACES = re.compile(r"\s+")
_NAME_JUNK = re.compile(r"[^\w\s'-]|_|\d")
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}")


def normalize_name(text: str) -> str:
    """A name's matching form: case-folded, accents removed (letters of other
    scripts are kept), punctuation and digits dropped, hyphens and apostrophes
    kept inside names, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text[:MAX_INPUT])
    without_marks = "".join(char for char in decomposed if not unicodedata.combining(char))
    cleaned = _NAME_JUNK.sub(" ", without_marks.casefold())
    words = [word.strip("'-") for word in cleaned.split()]
    return " ".join(word for word in words if word)


def clean_display_name(text: str) -> str:
    """A name as shown: the person's own spelling, whitespace tidied."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text[:MAX_INPUT])).strip()


def normalize_email(text: str) -> str | None:
    """The address lower-cased and trimmed, or None if it is not an address."""
    candidate = text[:MAX_INPUT].strip().strip("<>").strip().lower()
    return candidate if _EMAIL.fullmatch(candidate) else None


def normalize_phone(text: str, region: str | None) -> str | None:
    """E.164 (+4930123456), or None if it is not a possible phone number.
    ``region`` (ISO 3166 alpha-2) applies to numbers without a country code."""
    try:
        number = phonenumbers.parse(text[:64], region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# LinkedIn serves the same profile under country hosts (de.linkedin.com/in/x).
LINKEDIN_HOSTS = frozenset({"de.linkedin.com", "fr.linkedin.com", "es.linkedin.com", "uk.linkedin.com"})


def normalize_url(text: str) -> str | None:
    """An https URL with a lower-case host without "www.", no query, fragment or
    trailing slash, LinkedIn's country hosts folded into one; or None."""
    raw = text[:MAX_INPUT].strip()
    if not raw:
        return None
    if raw.startswith("//"):
        raw = "https:" + raw
    elif "://" not in raw:
        raw = "https://" + raw
    try:
        parts = urlsplit(raw)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or "." not in host or any(c.isspace() for c in raw):
        return None
    if host.startswith("www."):
        host = host[4:]
    if host in LINKEDIN_HOSTS:
        host = "linkedin.com"
    path = parts.path.rstrip("/")
    return f"https://{host}{path}"
