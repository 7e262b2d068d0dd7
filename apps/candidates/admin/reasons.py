"""The duplicate matcher's reasons (apps.candidates.matching, plain English kept
in DuplicateReview.reasons and the API) as text for staff, in their language.
A reason the list does not know is shown as the matcher wrote it."""

import re
from collections.abc import Callable, Iterable

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

FIXED: dict[str, StrOrPromise] = {
    "same email": _("same email"),
    "same phone": _("same phone"),
    "same profile link": _("same LinkedIn or GitHub profile"),
    "same email or phone": _("same email or phone"),
    "different LinkedIn profiles": _("different LinkedIn profiles"),
    "different GitHub profiles": _("different GitHub profiles"),
    "names cannot be compared": _("the names cannot be compared (missing, or in different scripts)"),
    "swapped first and last name": _("first and last name swapped"),
    "given and father's names swapped": _("given and father's names swapped (a father and his son?)"),
    "a man's and a woman's name": _("a man's and a woman's form of the name"),
    "Jr. and Sr.": _("one is Jr., the other Sr."),
    "Jr. or Sr. on one name only": _("Jr. or Sr. on one name only (a father and a son?)"),
    "same first name, different surname (married name?)": _("same first name, different surname (married name?)"),
    "different names: a shared family phone or mailbox?": _("different names: a shared family phone or mailbox?"),
    "same employer": _("same employer"),
    "same school": _("same school"),
    "same location": _("same location"),
    "phone one digit apart": _("phone numbers one digit apart"),
    "could not compare the rest": _("the rest could not be compared"),
    "could not compare": _("could not be compared"),
}


def _similarity(match: re.Match[str]) -> str:
    return gettext("names %(percent)d%% alike") % {"percent": round(float(match[1]) * 100)}


def _nickname(match: re.Match[str]) -> str:
    return gettext("nickname: %(names)s") % {"names": match[1]}


def _initial(match: re.Match[str]) -> str:
    return gettext("initial: %(names)s") % {"names": match[1]}


def _transcription(match: re.Match[str]) -> str:
    return gettext("another spelling: %(names)s") % {"names": match[1]}


def _misread(match: re.Match[str]) -> str:
    return gettext("misread from a scan? %(names)s") % {"names": match[1]}


PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"name (\d(?:\.\d+)?) Jaro-Winkler"), _similarity),
    (re.compile(r"nickname (\S+/\S+)"), _nickname),
    (re.compile(r"initial (\S+/\S+)"), _initial),
    (re.compile(r"transcription (\S+/\S+)"), _transcription),
    (re.compile(r"misread (\S+/\S+)"), _misread),
)


def reason_label(reason: str) -> str:
    """One reason for people to read."""
    if reason in FIXED:
        return str(FIXED[reason])
    for pattern, label in PATTERNS:
        if match := pattern.fullmatch(reason):
            return label(match)
    return reason


def reason_labels(reasons: Iterable[str]) -> list[str]:
    return [reason_label(reason) for reason in reasons]
