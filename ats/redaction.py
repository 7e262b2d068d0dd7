"""Masks email addresses and phone numbers in free text bound for logs and Sentry.

The code logs ids, never personal data (STYLE.md rule 12), but some text is not
ours: exception messages (PostgreSQL repeats a duplicate key's value in its
DETAIL line, a parser may quote what it could not read) and third-party log
lines. This is the net under them; names and prose cannot be recognised by a
pattern, so the first rule still holds.
"""

import re

REDACTED_EMAIL = "[email]"
REDACTED_PHONE = "[phone]"
REDACTED_DETAIL = "DETAIL: [redacted]"

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Eight or more digits, possibly grouped with spaces, dots, dashes or brackets and led
# by a "+"; not inside a longer word or number, and not an ISO date (2026-11-26), so
# that timestamps, ids and hex digests in the same text survive.
PHONE_RE = re.compile(
    r"(?<![\w.:/-])(?!\d{4}-\d{2}-\d{2})\(?\+?\(?\d(?:[\s().-]{0,2}\d){7,14}\)?(?![\w:/-]|\.\d)",
)
# PostgreSQL's error DETAIL names the offending row's values ("Key (email)=(...)").
DETAIL_RE = re.compile(r"DETAIL:[^\n]*")


def redact(text: str) -> str:
    text = DETAIL_RE.sub(REDACTED_DETAIL, text)
    text = EMAIL_RE.sub(REDACTED_EMAIL, text)
    return PHONE_RE.sub(REDACTED_PHONE, text)
