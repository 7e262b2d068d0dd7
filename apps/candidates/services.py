"""Writes on candidates and their notes. Run inside a tenant context."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.candidates.models import Candidate, Note
from apps.candidates.normalize import (
    clean_display_name,
    normalize_email,
    normalize_name,
    normalize_phone,
    normalize_url,
)
from ats.errors import DomainError

EDITABLE_FIELDS = frozenset(
    {"full_name", "emails", "phones", "linkedin_url", "github_url", "website_url", "location", "skills", "summary"}
)
MAX_SKILLS = 200

# Name (weight A), skills (B), emails (C) and the current resume's text (D).
SEARCH_VECTOR_SQL = """
UPDATE candidates_candidate AS c SET search_vector =
    setweight(to_tsvector('simple', c.name_normalized), 'A')
    || setweight(to_tsvector('simple', array_to_string(c.skills, ' ')), 'B')
    || setweight(to_tsvector('simple', array_to_string(c.emails, ' ')), 'C')
    || setweight(to_tsvector('simple', coalesce((
        SELECT left(r.extracted_text, 200000) FROM candidates_resume AS r
        WHERE r.candidate_id = c.id AND r.is_current), '')), 'D')
WHERE c.id = ANY(%s)
"""


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _clean_emails(values: Iterable[str]) -> list[str]:
    cleaned = []
    for value in values:
        email = normalize_email(value)
        if email is None:
            raise DomainError(_("%(value)s is not an email address.") % {"value": value[:100]}, code="invalid_email")
        cleaned.append(email)
    return _unique(cleaned)


def _clean_phones(values: Iterable[str], region: str | None) -> list[str]:
    cleaned = []
    for value in values:
        phone = normalize_phone(value, region or settings.PHONE_DEFAULT_REGION)
        if phone is None:
            raise DomainError(_("%(value)s is not a phone number.") % {"value": value[:40]}, code="invalid_phone")
        cleaned.append(phone)
    return _unique(cleaned)


def _clean_url(value: str, field: str) -> str:
    if not value:
        return ""
    url = normalize_url(value)
    if url is None:
        raise DomainError(_("%(value)s is not a web address.") % {"value": value[:100]}, code=f"invalid_{field}")
    return url


def _clean_skills(values: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        skill = clean_display_name(value)[:100]
        if skill and skill.casefold() not in seen:
            seen[skill.casefold()] = skill
    if len(seen) > MAX_SKILLS:
        raise DomainError(_("At most %(count)d skills.") % {"count": MAX_SKILLS}, code="too_many_skills")
    return list(seen.values())


def _clean(fields: dict[str, Any], region: str | None) -> dict[str, Any]:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise DomainError(_("These fields cannot be set: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    cleaned = dict(fields)
    if "full_name" in fields:
        cleaned["full_name"] = clean_display_name(fields["full_name"])
        cleaned["name_normalized"] = normalize_name(fields["full_name"])
        if not cleaned["name_normalized"]:
            raise DomainError(_("A candidate needs a name."), code="invalid_name")
    if "emails" in fields:
        cleaned["emails"] = _clean_emails(fields["emails"])
    if "phones" in fields:
        cleaned["phones"] = _clean_phones(fields["phones"], region)
    if "skills" in fields:
        cleaned["skills"] = _clean_skills(fields["skills"])
        cleaned["skill_keys"] = [skill.casefold() for skill in cleaned["skills"]]
    for field in ("linkedin_url", "github_url", "website_url"):
        if field in fields:
            cleaned[field] = _clean_url(fields[field], field)
    return cleaned


def candidate_search_refresh(*, candidate_ids: list[int]) -> None:
    """Recompute the full-text search vector of these candidates."""
    with connection.cursor() as cursor:
        cursor.execute(SEARCH_VECTOR_SQL, [candidate_ids])


@transaction.atomic
def candidate_create(
    *, source: str = Candidate.Source.API, phone_region: str | None = None, **fields: Any
) -> Candidate:
    """Create a candidate from the editable fields (full_name required).
    Emails, phones, links and skills are normalized; bad values are refused."""
    if "full_name" not in fields:
        raise DomainError(_("A candidate needs a name."), code="invalid_name")
    candidate = Candidate.objects.create(source=source, **_clean(fields, phone_region))
    candidate_search_refresh(candidate_ids=[candidate.pk])
    return candidate


@transaction.atomic
def candidate_update(*, candidate: Candidate, phone_region: str | None = None, **fields: Any) -> Candidate:
    """Change editable fields; status has its own service."""
    cleaned = _clean(fields, phone_region)
    for name, value in cleaned.items():
        setattr(candidate, name, value)
    candidate.save(update_fields=[*cleaned, "updated_at"])
    if cleaned.keys() & {"full_name", "emails", "skills"}:
        candidate_search_refresh(candidate_ids=[candidate.pk])
    return candidate


@transaction.atomic
def candidate_set_status(
    *,
    candidate: Candidate,
    status: str,
    left_on: datetime.date | None = None,
    left_reason: str = "",
    rehire_eligible: bool = False,
) -> Candidate:
    """Set the status. A former employee (left) needs the date they left; the
    reason and rehire eligibility are kept with it."""
    if status not in Candidate.Status.values:
        raise DomainError(_("Unknown status %(status)s.") % {"status": status[:40]}, code="invalid_status")
    if status == Candidate.Status.LEFT:
        if left_on is None:
            raise DomainError(_("A former employee needs the date they left."), code="left_on_required")
        candidate.left_on, candidate.left_reason, candidate.rehire_eligible = left_on, left_reason, rehire_eligible
    candidate.status = status
    candidate.save(update_fields=["status", "left_on", "left_reason", "rehire_eligible", "updated_at"])
    return candidate


@transaction.atomic
def candidate_archive(*, candidate: Candidate) -> Candidate:
    """Take a candidate out of lists and search, keeping every record of them."""
    if candidate.archived_at is None:
        candidate.archived_at = timezone.now()
        candidate.save(update_fields=["archived_at", "updated_at"])
    return candidate


def note_create(*, candidate: Candidate, author: User | None, body: str, application: Any = None) -> Note:
    body = body.strip()
    if not body:
        raise DomainError(_("A note needs some text."), code="empty_note")
    if application is not None and application.candidate_id != candidate.pk:
        raise DomainError(_("That application is not this candidate's."), code="wrong_application")
    return Note.objects.create(candidate=candidate, application=application, author=author, body=body)


@dataclass(frozen=True)
class Ingested:
    """What candidate_ingest did: ``outcome`` is "new", "same" (an existing
    candidate was updated) or "possible" (a new candidate and a review item)."""

    candidate: Candidate
    created: bool
    outcome: str


def _lenient_emails(values: Iterable[str]) -> list[str]:
    return _unique(email for value in values if (email := normalize_email(value)) is not None)


def _lenient_phones(values: Iterable[str], region: str | None) -> list[str]:
    region = region or settings.PHONE_DEFAULT_REGION
    return _unique(phone for value in values if (phone := normalize_phone(value, region)) is not None)


def _lenient_url(value: str) -> str:
    return (normalize_url(value) or "") if value else ""


@transaction.atomic
def candidate_ingest(
    *,
    full_name: str,
    emails: Sequence[str],
    phones: Sequence[str],
    linkedin_url: str = "",
    github_url: str = "",
    website_url: str = "",
    location: str = "",
    skills: Sequence[str] = (),
    summary: str = "",
    employers: Sequence[str] = (),
    schools: Sequence[str] = (),
    source: str,
    phone_region: str | None = None,
) -> Ingested:
    """The candidate a parsed resume or form belongs to: an existing one when the
    person is known (new contact details and skills merged in, status untouched),
    else a new one. Lenient: values that do not normalize are dropped, never
    refused, and an empty name falls back to the address. Runs in the caller's
    transaction."""
    clean_emails = _lenient_emails(emails[:20])
    clean_phones = _lenient_phones(phones[:20], phone_region)
    fields: dict[str, Any] = {
        "full_name": clean_display_name(full_name)[:200],
        "emails": clean_emails,
        "phones": clean_phones,
        "linkedin_url": _lenient_url(linkedin_url),
        "github_url": _lenient_url(github_url),
        "website_url": _lenient_url(website_url),
        "location": clean_display_name(location)[:200],
        "skills": list(skills[:MAX_SKILLS]),
        "summary": summary.strip(),
    }
    if not normalize_name(fields["full_name"]):
        fields["full_name"] = clean_emails[0].split("@")[0] if clean_emails else _("Unknown candidate")
    existing = (
        Candidate.objects.filter(emails__overlap=clean_emails, archived_at__isnull=True).order_by("id").first()
        if clean_emails
        else None
    )
    if existing is None:
        return Ingested(candidate_create(source=source, **fields), created=True, outcome="new")
    return Ingested(_merge_in(existing, fields), created=False, outcome="same")


def _merge_in(candidate: Candidate, fields: dict[str, Any]) -> Candidate:
    """Add what is new about a known candidate without losing what is known."""
    changes: dict[str, Any] = {}
    emails = _unique([*candidate.emails, *fields["emails"]])
    if emails != candidate.emails:
        changes["emails"] = emails
    phones = _unique([*candidate.phones, *fields["phones"]])
    if phones != candidate.phones:
        changes["phones"] = phones
    for name in ("linkedin_url", "github_url", "website_url", "location", "summary"):
        if fields[name] and not getattr(candidate, name):
            changes[name] = fields[name]
    known = {skill.casefold() for skill in candidate.skills}
    new_skills = [skill for skill in _clean_skills(fields["skills"]) if skill.casefold() not in known]
    if new_skills:
        changes["skills"] = [*candidate.skills, *new_skills][:MAX_SKILLS]
    if not changes:
        return candidate
    return candidate_update(candidate=candidate, **changes)
