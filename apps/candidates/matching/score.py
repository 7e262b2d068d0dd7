"""Scoring two person records: how likely they are the same person, and why.

Rules of evidence (the numbers are the defaults; the thresholds, same 0.90 and
possible 0.60, were chosen with bench/match_quality.py on one seed and checked on
another, see docs/benchmarks.md):

- An exact key (email, phone, LinkedIn or GitHub profile) shared by two records
  whose names are compatible is the same person: score 0.93 and up. Compatible
  means every word of the shorter name has a counterpart in the other: the same
  word, a nickname (Bob/Robert), another transcription (Yuliya/Iuliia, Satou/Sato,
  Park/Pak), an initial, one typo (two letters when the words sound the same), in
  any order (swapped first and last names), with middle names and second surnames
  allowed to be missing, accents and particles ignored. Not compatible: gendered
  forms (Stefan/Stefanie, Mario/Maria, Petrov/Petrova), names that say one is a
  man and the other a woman (Văn/Thị, bin/binti), a son's and a father's name
  swapped around "bin" or "a/l", and in Vietnamese, Chinese, Korean, Japanese and
  Hungarian names (a known family name first) a short given name one letter apart
  (Min/Ming, Péter/Petra). A changed surname with the same first name is
  taken for a married name, but only here, next to a shared key (0.91), and not
  when the surnames agree (a father and a son with other middle names), are a
  brother's and a sister's forms, or the first word is a family name written first
  (Kim, Nguyen, Ōta, Nagy) or Muhammad, which leads the names of many men. Names
  in two scripts (王小明 and Wang Xiaoming), or a missing name, cannot be compared:
  the key decides (0.92).
- A shared key with clearly different names is at most `possible` (0.70): a family
  shares a landline or a mailbox, an agency sends many people's resumes from its
  own address, twins share a phone, Sr. and Jr. share a home. A person still never
  goes unnoticed: any shared key reaches `possible`, so the rehire guard sees every
  former employee who reapplies with an email or phone they used before.
- Two different LinkedIn or GitHub profiles are two people: at most `possible`
  (0.75) even with a shared key, and nothing without one.
- Without a shared key the name leads (0.30 for a compatible name at 0.8
  similarity up to 0.55 for the same name), and the rest of the resume supports
  it: same employer (+0.15), same school (+0.12), same location (+0.12), a phone
  number one typo or one swap of digits away from the other's (+0.10: weak, and
  only next to a compatible name, because near numbers of strangers are common).
  A name alone, however exact, is not even `possible` (capped at 0.45): "John
  Smith" is many people. Linking without a key takes a compatible name and three
  supporting facts, one of them an employer or a school (capped at 0.85 otherwise).
  So these rules hold as long as a tenant keeps `same` above 0.85 and `possible`
  above 0.45.
- Twins share a surname, an address and often a phone, but not a first name: their
  names are not compatible, so without a key they score low, and with a shared phone
  they reach `possible` only.

The score is symmetric (score(a, b) == score(b, a), reasons included), always in
[0, 1], and scoring never raises: input is capped before any work is done on it.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Literal

import jellyfish

from apps.candidates.matching import keys, names, nicknames, spelling
from apps.candidates.matching.keys import MAX_VALUES, email_keys, phone_keys, profile_keys
from apps.candidates.matching.names import NameMatch, compare_names, parse_name, transliterate

MAX_TEXT = 200  # characters of a location, employer or school looked at
MAX_ORGANIZATIONS = 20  # employers or schools of one person looked at


@dataclass(frozen=True)
class Person:
    """What the matcher knows of a candidate or a newly parsed resume."""

    full_name: str
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()  # E.164 where known, else the digits as written
    linkedin_url: str = ""
    github_url: str = ""
    location: str = ""
    employers: tuple[str, ...] = ()
    schools: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    score: float  # in [0, 1]
    reasons: tuple[str, ...]  # for people: "same phone", "name 0.94 Jaro-Winkler", ...
    strong_key: bool  # an email, phone or profile key was shared


@dataclass(frozen=True)
class Thresholds:
    """`same`: link to the existing candidate; `possible`: ask staff (a review item)."""

    same: float = 0.9
    possible: float = 0.6


Verdict = Literal["same", "possible"]


def classify(match: Match, thresholds: Thresholds = Thresholds()) -> Verdict | None:  # frozen: a shared default is safe
    if match.score >= thresholds.same:
        return "same"
    if match.score >= thresholds.possible:
        return "possible"
    return None


# Scores of the rules above.
KEY_AND_NAME = 0.93  # + 0.07 x name similarity
KEY_AND_MARRIED_NAME = 0.91
KEY_NAME_UNKNOWN = 0.92
KEY_ONLY = 0.70
PROFILES_DIFFER_CAP = 0.75
ONE_GENERATION_CAP = 0.85  # only a phone shared and Jr. on one name: a father's and a son's home?
NAME_FLOOR, NAME_TOP = 0.30, 0.55  # no key: compatible names from 0.8 to 1.0 similarity
SAME_EMPLOYER, SAME_SCHOOL, SAME_LOCATION, NEAR_PHONE = 0.15, 0.12, 0.12, 0.10
NAME_ONLY_CAP = 0.85
NAME_ALONE_CAP = 0.45
NOT_COMPATIBLE_FACTOR = 0.4

# Legal forms and filler words ignored when employers and schools are compared.
_ORGANIZATION_FILLER = (
    "inc ltd llc gmbh ag sa sas sarl bv nv plc co corp corporation company limited srl spa oy ab as kg se pty the of"
)
_ORGANIZATION_SUFFIXES = frozenset(_ORGANIZATION_FILLER.split())
_NOT_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=8192)
def _organization_key(name: str) -> frozenset[str]:
    words = _NOT_WORD.sub(" ", transliterate(name[:MAX_TEXT]).replace(".", "")).split()
    return frozenset(word for word in words if word not in _ORGANIZATION_SUFFIXES)


def _shared_organization(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    first_keys = {_organization_key(name) for name in first[:MAX_ORGANIZATIONS]} - {frozenset()}
    second_keys = {_organization_key(name) for name in second[:MAX_ORGANIZATIONS]} - {frozenset()}
    return bool(first_keys & second_keys)


def _place(location: str) -> str:
    """The first part of a location ("Berlin, Germany" -> "berlin")."""
    return " ".join(_NOT_WORD.sub(" ", transliterate(location[:MAX_TEXT].split(",")[0])).split())


def _near_phone(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Two numbers whose last nine digits are one edit (or one swap of neighbours) apart."""
    first_tails = {key[6:] for key in phone_keys(first) if key.startswith("last9:")}
    second_tails = {key[6:] for key in phone_keys(second) if key.startswith("last9:")}
    return any(jellyfish.damerau_levenshtein_distance(x, y) == 1 for x in first_tails for y in second_tails)


def clear_caches() -> None:
    """Forget the cached keys and comparisons (benchmarks measure cold scoring with it)."""
    for cached in (
        _organization_key,
        keys.email_key,
        keys._phone_keys,  # the cache lives on the private helper
        keys.profile_keys,
        keys._name_keys,
        keys._phonetic_keys,
        nicknames.canonical_forms,
        spelling.spelling,
        spelling.misread,
        names.parse_name,
        names.phonetic_codes,
        names.token_similarity,
        names.compare_names,
    ):
        cached.cache_clear()


def _ordering(person: Person) -> tuple[object, ...]:
    return (
        person.full_name,
        person.emails,
        person.phones,
        person.linkedin_url,
        person.github_url,
        person.location,
        person.employers,
        person.schools,
    )


def _text(value: object, limit: int = MAX_TEXT) -> str:
    return "" if value is None else str(value)[:limit]


def _texts(values: object, count: int, limit: int = MAX_TEXT) -> tuple[str, ...]:
    """Up to ``count`` strings of ``values``; a missing list is empty and a lone string
    one value, so that a caller's None or str never turns into a non-match."""
    if isinstance(values, str):
        values = (values,)
    if not isinstance(values, Iterable):
        return ()
    return tuple(_text(value, limit) for value in islice(values, count) if value is not None)


def _capped(person: Person) -> Person:
    """The person with every field a string or a tuple of strings, each cut to size."""
    return Person(
        full_name=_text(person.full_name),
        emails=_texts(person.emails, MAX_VALUES),
        phones=_texts(person.phones, MAX_VALUES, 64),
        linkedin_url=_text(person.linkedin_url),
        github_url=_text(person.github_url),
        location=_text(person.location),
        employers=_texts(person.employers, MAX_ORGANIZATIONS),
        schools=_texts(person.schools, MAX_ORGANIZATIONS),
    )


def score(a: Person, b: Person) -> Match:
    """How likely ``a`` and ``b`` are the same person; never raises."""
    try:
        first, second = _capped(a), _capped(b)
        if _ordering(second) < _ordering(first):
            first, second = second, first  # symmetric by construction, reasons included
        return _score(first, second)
    except Exception:  # a matcher bug must not stop the resume's ingestion
        return _keys_only(a, b)


def _keys_only(a: Person, b: Person) -> Match:
    """What is left when scoring failed: a shared email or phone still reaches
    `possible`, so that the rehire guard does not depend on the rest working."""
    try:
        shared = set(email_keys(_texts(a.emails, MAX_VALUES))) & set(email_keys(_texts(b.emails, MAX_VALUES)))
        shared |= set(phone_keys(_texts(a.phones, MAX_VALUES))) & set(phone_keys(_texts(b.phones, MAX_VALUES)))
    except Exception:
        shared = set()
    if shared:
        return Match(score=KEY_ONLY, reasons=("same email or phone", "could not compare the rest"), strong_key=True)
    return Match(score=0.0, reasons=("could not compare",), strong_key=False)


def _score(a: Person, b: Person) -> Match:
    reasons: list[str] = []
    shared_email = set(email_keys(a.emails)) & set(email_keys(b.emails))
    shared_phone = set(phone_keys(a.phones)) & set(phone_keys(b.phones))
    a_profiles, b_profiles = profile_keys(a.linkedin_url, a.github_url), profile_keys(b.linkedin_url, b.github_url)
    shared_profile = set(a_profiles) & set(b_profiles)
    if shared_email:
        reasons.append("same email")
    if shared_phone:
        reasons.append("same phone")
    if shared_profile:
        reasons.append("same profile link")
    strong_key = bool(shared_email or shared_phone or shared_profile)
    profiles_differ = False
    for site in ("linkedin:", "github:"):
        a_site = {key for key in a_profiles if key.startswith(site)}
        b_site = {key for key in b_profiles if key.startswith(site)}
        if a_site and b_site and not a_site & b_site:
            profiles_differ = True
            reasons.append(f"different {'LinkedIn' if site == 'linkedin:' else 'GitHub'} profiles")

    name = compare_names(parse_name(a.full_name), parse_name(b.full_name))
    if name.comparable:
        reasons.append(f"name {name.similarity:.2f} Jaro-Winkler")
        reasons.extend(name.notes)
    else:
        reasons.append("names cannot be compared")

    if strong_key:
        value = _with_key(name, reasons)
        if profiles_differ:
            value = min(value, PROFILES_DIFFER_CAP)
        if name.one_generation and not shared_email and not shared_profile:
            value = min(value, ONE_GENERATION_CAP)
            reasons.append("Jr. or Sr. on one name only")
        return Match(score=_unit(value), reasons=tuple(reasons), strong_key=True)

    if not name.comparable or not name.compatible or profiles_differ:
        return Match(
            score=_unit(NOT_COMPATIBLE_FACTOR * name.similarity * (not profiles_differ)),
            reasons=tuple(reasons),
            strong_key=False,
        )

    value = NAME_FLOOR + (NAME_TOP - NAME_FLOOR) * max(0.0, name.similarity - 0.8) / 0.2
    same_employer = _shared_organization(a.employers, b.employers)
    same_school = _shared_organization(a.schools, b.schools)
    same_location = bool(_place(a.location)) and _place(a.location) == _place(b.location)
    near_phone = _near_phone(a.phones, b.phones)
    facts = 0
    for present, weight, reason in (
        (same_employer, SAME_EMPLOYER, "same employer"),
        (same_school, SAME_SCHOOL, "same school"),
        (same_location, SAME_LOCATION, "same location"),
        (near_phone, NEAR_PHONE, "phone one digit apart"),
    ):
        if present:
            value += weight
            facts += 1
            reasons.append(reason)
    if not facts:
        value = min(value, NAME_ALONE_CAP)
    elif not ((same_employer or same_school) and facts >= 3):
        value = min(value, NAME_ONLY_CAP)
    return Match(score=_unit(value), reasons=tuple(reasons), strong_key=False)


def _with_key(name: NameMatch, reasons: list[str]) -> float:
    if not name.comparable:
        return KEY_NAME_UNKNOWN
    if name.compatible:
        return KEY_AND_NAME + 0.07 * name.similarity
    if name.same_first_name and "Jr. and Sr." not in name.notes:
        reasons.append("same first name, different surname (married name?)")
        return KEY_AND_MARRIED_NAME
    reasons.append("different names: a shared family phone or mailbox?")
    return KEY_ONLY


def _unit(value: float) -> float:
    return round(max(0.0, min(1.0, value)), 4)
