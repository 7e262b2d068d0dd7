"""Exact blocking keys of a person: stored in indexed array columns and looked up by equality.

Every function returns a sorted tuple of distinct strings and never raises. The
keys are stored, so their spelling is a contract: changing it means recomputing
the stored keys of every candidate. Each kind has its own shape, so keys of all
kinds can share one column without colliding: emails contain "@", phones start
with "+" or "last9:", profiles with "linkedin:" or "github:", names with "m:",
"y:", "s:", "w:", "i:", "I:" or "c:".
"""

import itertools
import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from apps.candidates.matching.names import parse_name, phonetic_codes, without_joined_particle
from apps.candidates.matching.nicknames import canonical_forms, without_name_element
from apps.candidates.matching.spelling import misread, spelling
from apps.candidates.normalize import normalize_email, normalize_phone, normalize_url

MAX_VALUES = 10  # emails, phones... of one person looked at

# Domains that deliver to the same mailbox as another (an address at either is one address).
EMAIL_DOMAIN_ALIASES = {
    "googlemail.com": "gmail.com",
    "me.com": "icloud.com",
    "mac.com": "icloud.com",
    "protonmail.com": "proton.me",
    "protonmail.ch": "proton.me",
    "pm.me": "proton.me",
    "ya.ru": "yandex.ru",
    "yandex.com": "yandex.ru",
}
# Providers that ignore dots in the local part.
DOTLESS_DOMAINS = frozenset({"gmail.com"})


@lru_cache(maxsize=16384)
def email_key(email: str) -> str | None:
    """One address's key: lower case, provider aliases folded, "+tag" dropped (on
    every domain: subaddressing is near universal, and a key only finds candidates),
    dots dropped where the provider ignores them."""
    address = normalize_email(email)
    if address is None:
        return None
    local, _, domain = address.rpartition("@")
    domain = EMAIL_DOMAIN_ALIASES.get(domain, domain)
    local = local.split("+", 1)[0]
    if domain in DOTLESS_DOMAINS:
        local = local.replace(".", "")
    return f"{local}@{domain}" if local else None


def email_keys(emails: Iterable[str]) -> tuple[str, ...]:
    keys = {email_key(email) for email in list(emails)[:MAX_VALUES] if isinstance(email, str)}
    return tuple(sorted(key for key in keys if key))


_NOT_DIGIT = re.compile(r"\D")


def phone_keys(phones: Iterable[str]) -> tuple[str, ...]:
    """E.164 for numbers written with their country code ("+49...", "0049..."), and for
    every number of 9 digits or more a "last9:" key of its last nine digits, which is
    what a number written without its country code ("0170 1234567") shares with its
    E.164 form (+491701234567)."""
    return tuple(
        sorted({key for phone in list(phones)[:MAX_VALUES] if isinstance(phone, str) for key in _phone_keys(phone)})
    )


_E164 = re.compile(r"\+[1-9][0-9]{8,14}")


@lru_cache(maxsize=16384)
def _phone_keys(phone: str) -> tuple[str, ...]:
    text = phone[:64].strip()
    if _E164.fullmatch(text):
        # Stored numbers are E.164 already: parsing them again is most of a score's time.
        return (text, "last9:" + text[-9:])
    digits = _NOT_DIGIT.sub("", text)
    if text.startswith("00"):
        digits = digits[2:]
    if not 7 <= len(digits) <= 15:
        return ()
    keys: list[str] = []
    if text.startswith(("+", "00")):
        e164 = normalize_phone("+" + digits, None)
        if e164 is not None:
            keys.append(e164)
            digits = e164[1:]
    if len(digits) >= 9:
        keys.append("last9:" + digits[-9:])
    return tuple(keys)


def _path_segments(url: str) -> tuple[str, list[str]]:
    parts = urlsplit(url)
    return (parts.hostname or ""), [unquote(segment).casefold() for segment in parts.path.split("/") if segment]


@lru_cache(maxsize=16384)
def profile_keys(linkedin_url: str, github_url: str) -> tuple[str, ...]:
    """A LinkedIn member profile as "linkedin:<slug>" and a GitHub account as
    "github:<login>" (both case-insensitive); other links give no key."""
    keys: set[str] = set()
    for text in (linkedin_url, github_url):
        url = normalize_url(text) if isinstance(text, str) else None
        if url is None:
            continue
        host, segments = _path_segments(url)
        if (host == "linkedin.com" or host.endswith(".linkedin.com")) and len(segments) >= 2:
            if segments[0] in ("in", "pub"):
                keys.add("linkedin:" + segments[1])
        elif host == "github.com" and segments:
            keys.add("github:" + segments[0])
        elif host.endswith(".github.io"):
            keys.add("github:" + host.removesuffix(".github.io"))
    return tuple(sorted(keys))


def _variants(token: str) -> set[str]:
    """The spellings a token is keyed under: its own and its full forms', each in one
    transcription (Yuliya and Julia, Satou and Sato share keys), and as if it was
    misread from a scan (Sarnuel as Samuel), and a Yoruba or Igbo name also as its
    everyday short form (Oluwaseun as Seun)."""
    reads = {token, misread(token), without_name_element(token)}
    return {spelling(variant) for read in reads for variant in (read, *canonical_forms(read))}


def name_keys(full_name: str) -> tuple[str, ...]:
    """The phonetic keys stored with a name, looked up with name_query_keys.

    For the first word and the last: the sorted pair of their Metaphone codes ("m:")
    and of their NYSIIS codes ("y:"), with nicknames also read as their full forms
    (Bob Smith and Robert Smyth share "m:RBRT|SM0"), each word in one transcription
    (names.spelling: Yuliya and Iuliia, Satou and Sato), and a family name that
    starts with a joined particle also without it (Vandenberg as Berg). Sorting the
    pair makes "Smith John" share the keys of "John Smith". Names in Chinese or
    Japanese characters give their own text ("c:"); Korean in Hangul is romanized.
    A one-word name gives no key: too many people share one.

    Short forms: a name of three words or more is often written with one given name
    and one family name ("María José García López" as "María García", "Juan Carlos
    de la Cruz Reyes" as "Juan de la Cruz", "Muhammad Faiz bin Ismail" as "Faiz
    Ismail"). Such a name stores an "s:" key (the Metaphone pair) for each of
    those pairs: one of its first two words with a later word (see _short_forms),
    and looks them up as "w:" keys, which only a two-word name stores (its own
    Metaphone pair); a two-word name looks its pair up as "s:". A long name is
    never looked up by another's "s:" key, so every García López is not one block.

    Initials: "i:" pairs the first letter of the first (or last) word with the
    Metaphone code of the other, and "I:" is the same for a name that is written
    with an initial. Every name stores its "i:" keys, a name with an initial also its
    "I:" keys; a name with an initial looks up "i:" (all the J... Smiths: a big
    block, but such names are rare) and a full name looks up "I:" (only the
    J. Smiths). So "J. Smith" and "John Smith" meet either way round, while
    "John Smith" does not pull in every James and Jennifer Smith.
    """
    return _name_keys(full_name, stored=True) if isinstance(full_name, str) else ()


def name_query_keys(full_name: str) -> tuple[str, ...]:
    """The keys to look a name up with (see name_keys)."""
    return _name_keys(full_name, stored=False) if isinstance(full_name, str) else ()


@lru_cache(maxsize=8192)
def _name_keys(full_name: str, *, stored: bool) -> tuple[str, ...]:
    tokens = parse_name(full_name).tokens
    if len(tokens) == 1 and not tokens[0].isascii():
        return (f"c:{tokens[0]}",)
    if len(tokens) < 2:
        return ()
    keys = set(_phonetic_keys(tokens))
    if len(tokens) > 2:
        keys.update(("s:" if stored else "w:") + key for key in _phonetic_keys(tokens, short_forms=True))
    else:
        keys.update(("w:" if stored else "s:") + key[2:] for key in _phonetic_keys(tokens) if key.startswith("m:"))
    first, last = tokens[0], tokens[-1]
    if first.isascii() and last.isascii():
        initials = {f"{last[0]}|{phonetic_codes(spelling(first))[0]}"}
        initials.update(
            f"{first[0]}|{phonetic_codes(spelling(family))[0]}" for family in (last, without_joined_particle(last))
        )
        has_initial = len(first) == 1 or len(last) == 1
        if stored:
            keys.update("i:" + key for key in initials)
            if has_initial:
                keys.update("I:" + key for key in initials)
        else:
            keys.update(("i:" if has_initial else "I:") + key for key in initials)
    return tuple(sorted(keys))


def _short_forms(tokens: tuple[str, ...]) -> set[tuple[str, str]]:
    """The given and family name pairs a long name is shortened to: the first or
    second word with a later one ("María José García López": María García, José
    García, José López), and for three words the first two ("María García López":
    María García). Not the first with the last, which are the name's own keys."""
    count = len(tokens)
    pairs = {(tokens[i], tokens[j]) for i in (0, 1) for j in range(max(2, i + 1), count)}
    if count == 3:
        pairs.add((tokens[0], tokens[1]))
    pairs.discard((tokens[0], tokens[-1]))
    return pairs


@lru_cache(maxsize=8192)
def _phonetic_keys(tokens: tuple[str, ...], *, short_forms: bool = False) -> frozenset[str]:
    """The "m:" and "y:" keys of a name's tokens (stored and looked up alike), or
    (``short_forms``) the Metaphone pairs of its short forms, without a prefix."""
    if short_forms:
        return frozenset(key[2:] for key in _pair_keys(_short_forms(tokens)) if key.startswith("m:"))
    first, last = tokens[0], tokens[-1]
    # Only (first, last): a pair inside a two-word given name (Seo-yeon, Jean-Pierre,
    # María José) or a double surname (García-López) would put every Jean-Pierre or
    # every García-López into one block. But such a name is also written as one word
    # (Seoyeon, Xiaoming, Annemarie, Abdulrahman): its two first or last words
    # joined make a pair too.
    # A family name that starts with a particle written joined to it is also keyed
    # without it, as the comparison reads it (Vandenberg and van den Berg, Elsayed and
    # El-Sayed); with it too, as Lefèvre and Laurent are names of their own.
    pairs = {(first, last), (first, without_joined_particle(last))}
    if len(tokens) >= 3:
        pairs |= {(first + tokens[1], last), (first, tokens[-2] + last)}
    return _pair_keys(pairs)


def _pair_keys(pairs: set[tuple[str, str]]) -> frozenset[str]:
    codes = {token: {phonetic_codes(variant) for variant in _variants(token)} for token in {*itertools.chain(*pairs)}}
    keys: set[str] = set()
    for pair_first, pair_last in pairs:
        for first_codes in codes[pair_first]:
            for last_codes in codes[pair_last]:
                for prefix, index in (("m:", 0), ("y:", 1)):
                    low, high = sorted((first_codes[index], last_codes[index]))
                    keys.add(f"{prefix}{low}|{high}")
    return frozenset(keys)
