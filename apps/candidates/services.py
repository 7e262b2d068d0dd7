"""Writes on candidates and their notes. Run inside a tenant context."""

import datetime
import hashlib
import hmac
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from psycopg.types.json import Jsonb

from apps.applications.models import CLOSED_STAGES, Application
from apps.candidates.matching import Person
from apps.candidates.models import (
    Candidate,
    CandidateKey,
    DuplicateReview,
    MatchSettings,
    Merge,
    Note,
    Resume,
)
from apps.candidates.normalize import (
    clean_display_name,
    normalize_email,
    normalize_name,
    normalize_phone,
    normalize_url,
)
from apps.candidates.selectors import (
    Found,
    blocking_keys,
    duplicates_of,
    match_read,
    person_of,
    scored,
    strong_keys,
)
from apps.tenants.context import tenant_connection
from ats.errors import ConflictError, DomainError

EDITABLE_FIELDS = frozenset(
    {"full_name", "emails", "phones", "linkedin_url", "github_url", "website_url", "location", "skills", "summary"}
)
MAX_SKILLS = 200
# The fields duplicate matching reads: changing one rewrites the candidate's keys.
MATCHED_FIELDS = frozenset({"full_name", "emails", "phones", "linkedin_url", "github_url"})


def candidate_search_vector_sql(
    resume_text: str, *, name: str = "c.name_normalized", skills: str = "c.skills", emails: str = "c.emails"
) -> str:
    """The search vector of candidate ``c``: name (weight A), skills (B), emails (C)
    and the current resume's text (D), which ``resume_text`` (SQL) gives; ``name``,
    ``skills`` and ``emails`` (SQL) in place of the candidate's columns for a row
    not written yet."""
    return f"""
    setweight(to_tsvector('simple', {name}), 'A')
    || setweight(to_tsvector('simple', array_to_string({skills}, ' ')), 'B')
    || setweight(to_tsvector('simple', array_to_string({emails}, ' ')), 'C')
    || setweight(to_tsvector('simple', coalesce({resume_text}, '')), 'D')"""


_CURRENT_RESUME_TEXT = (
    "(SELECT left(r.extracted_text, 200000) FROM candidates_resume AS r WHERE r.candidate_id = c.id AND r.is_current)"
)
SEARCH_VECTOR_SQL = f"""
UPDATE candidates_candidate AS c SET search_vector = {candidate_search_vector_sql(_CURRENT_RESUME_TEXT)}
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


# Every column of a resume, as Resume.save() would write them.
RESUME_COLUMNS = (
    "candidate_id", "file", "filename", "sha256", "content_type", "size", "page_count", "extracted_text", "parsed",
    "parser_version", "ocr_used", "status", "error", "is_current", "created_at",
)  # fmt: skip
# The new resume and its candidate's search vector (SEARCH_VECTOR_SQL with the new
# resume's text: a row inserted by a statement is not visible to its other parts).
RESUME_INSERT_SQL = f"""
WITH resume AS (
    INSERT INTO candidates_resume ({", ".join(RESUME_COLUMNS)})
    VALUES ({", ".join(f"%({column})s" for column in RESUME_COLUMNS)})
    RETURNING id, candidate_id, extracted_text
), vector AS (
    UPDATE candidates_candidate AS c
    SET search_vector = {candidate_search_vector_sql("left(resume.extracted_text, 200000)")}
    FROM resume WHERE c.id = resume.candidate_id
)
SELECT id FROM resume
"""


def resume_insert(*, resume: Resume) -> Resume:
    """Insert ``resume`` (built, not saved: its file stored, its candidate's earlier
    current resume retired) as its candidate's current resume, and refresh the
    candidate's search vector with its text: one statement where save() and
    candidate_search_refresh took two, and the ORM's insert half the CPU."""
    assert resume.is_current, "a new resume is its candidate's current one"
    assert resume.pk is None, "the resume is inserted here"
    _insert_returning_pk(resume, RESUME_INSERT_SQL, resume_insert_values(resume))
    return resume


def resume_insert_values(resume: Resume) -> dict[str, Any]:
    """The values of a new resume's columns (RESUME_COLUMNS) as RESUME_INSERT_SQL inserts them."""
    if resume.created_at is None:
        resume.created_at = timezone.now()
    values = {column: getattr(resume, column) for column in RESUME_COLUMNS}
    values["file"] = resume.file.name
    values["parsed"] = Jsonb(resume.parsed)
    return values


@transaction.atomic
def candidate_create(
    *, source: str = Candidate.Source.API, phone_region: str | None = None, **fields: Any
) -> Candidate:
    """Create a candidate from the editable fields (full_name required).
    Emails, phones, links and skills are normalized; bad values are refused."""
    if "full_name" not in fields:
        raise DomainError(_("A candidate needs a name."), code="invalid_name")
    candidate = _candidate_insert(source=source, phone_region=phone_region, fields=fields)
    candidate_search_refresh(candidate_ids=[candidate.pk])
    return candidate


# Every column a new candidate has a value in (the others are NULL): as the ORM's
# create() would write them, in one statement with the blocking keys.
CANDIDATE_INSERTED_COLUMNS = (
    "full_name", "name_normalized", "emails", "phones", "linkedin_url", "github_url", "website_url", "location",
    "skills", "skill_keys", "summary", "source", "status", "left_reason", "rehire_eligible", "created_at",
    "updated_at", "former_employee_id",
)  # fmt: skip
CANDIDATE_INSERT_SQL = f"""
WITH candidate AS (
    INSERT INTO candidates_candidate ({", ".join(CANDIDATE_INSERTED_COLUMNS)})
    VALUES ({", ".join(f"%({column})s" for column in CANDIDATE_INSERTED_COLUMNS)})
    RETURNING id
), keys AS (
    INSERT INTO candidates_candidatekey (candidate_id, key)
    SELECT candidate.id, key FROM candidate, unnest(%(keys)s::text[]) AS key
)
SELECT id FROM candidate
"""


def _insert_returning_pk(instance: Candidate | Resume, sql: str, values: dict[str, Any]) -> None:
    """Run an INSERT ... RETURNING id written for the instance's model and mark the
    instance saved, as ``objects.create`` would."""
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        (instance.pk,) = cursor.fetchone()
    instance._state.adding = False
    instance._state.db = connection.alias


def _candidate_insert(
    *, source: str, phone_region: str | None, fields: dict[str, Any], former_employee_id: int | None = None
) -> Candidate:
    """Insert a candidate with its blocking keys (one statement); the caller refreshes
    its search vector. The same row as ``Candidate.objects.create`` would write, at
    a third of its cost (the ORM's insert builds and compiles a query each time)."""
    candidate, values = candidate_new_values(
        source=source, phone_region=phone_region, fields=fields, former_employee_id=former_employee_id
    )
    _insert_returning_pk(candidate, CANDIDATE_INSERT_SQL, values)
    return candidate


def candidate_new_values(
    *, source: str, phone_region: str | None, fields: dict[str, Any], former_employee_id: int | None = None
) -> tuple[Candidate, dict[str, Any]]:
    """A new candidate (not saved) and the values CANDIDATE_INSERT_SQL inserts for it:
    its columns (CANDIDATE_INSERTED_COLUMNS) and its blocking keys ("keys")."""
    now = timezone.now()
    candidate = Candidate(
        source=source, former_employee_id=former_employee_id, created_at=now, updated_at=now,
        **_clean(fields, phone_region),
    )  # fmt: skip
    values = {column: getattr(candidate, column) for column in CANDIDATE_INSERTED_COLUMNS}
    values["keys"] = [key[:300] for key in dict.fromkeys(blocking_keys(person_of(candidate)))]
    return candidate, values


@transaction.atomic
def candidate_update(*, candidate: Candidate, phone_region: str | None = None, **fields: Any) -> Candidate:
    """Change editable fields; status has its own service."""
    cleaned = _clean(fields, phone_region)
    for name, value in cleaned.items():
        setattr(candidate, name, value)
    candidate.save(update_fields=[*cleaned, "updated_at"])
    if cleaned.keys() & {"full_name", "emails", "skills"}:
        candidate_search_refresh(candidate_ids=[candidate.pk])
    if cleaned.keys() & MATCHED_FIELDS:
        candidate_keys_refresh(candidates=[candidate])
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
    if candidate.archived_at is not None:
        candidate_keys_refresh(candidates=[candidate])  # an archived former employee stays matched
    return candidate


@transaction.atomic
def candidate_archive(*, candidate: Candidate) -> Candidate:
    """Take a candidate out of lists and search, keeping every record of them."""
    if candidate.archived_at is None:
        candidate.archived_at = timezone.now()
        candidate.save(update_fields=["archived_at", "updated_at"])
        candidate_keys_refresh(candidates=[candidate])
    return candidate


def note_create(*, candidate: Candidate, author: User | None, body: str, application: Any = None) -> Note:
    body = body.strip()
    if not body:
        raise DomainError(_("A note needs some text."), code="empty_note")
    if application is not None and application.candidate_id != candidate.pk:
        raise DomainError(_("That application is not this candidate's."), code="wrong_application")
    return Note.objects.create(candidate=candidate, application=application, author=author, body=body)


# --- Duplicate detection ---------------------------------------------------------


def _keeps_keys(candidate: Candidate) -> bool:
    """Live candidates are matched; an archived one only while a former employee
    (the rehire guard) who was not merged into another. Erased candidates have
    nothing left to make keys from."""
    if candidate.archived_at is None:
        return True
    return candidate.status == Candidate.Status.LEFT and not _is_merged(candidate)


def candidate_keys_refresh(*, candidates: Sequence[Candidate]) -> None:
    """Rewrite the blocking keys of these candidates from their current fields."""
    CandidateKey.objects.filter(candidate__in=[candidate.pk for candidate in candidates]).delete()
    _keys_insert(candidates)


# A candidate has 20-30 keys (typo keys above all): as two arrays, not a model instance each.
KEYS_INSERT_SQL = (
    "INSERT INTO candidates_candidatekey (candidate_id, key) SELECT * FROM unnest(%s::bigint[], %s::text[])"
)


def _keys_insert(candidates: Sequence[Candidate]) -> None:
    pairs = [
        (candidate.pk, key[:300])
        for candidate in candidates
        if _keeps_keys(candidate)
        for key in dict.fromkeys(blocking_keys(person_of(candidate)))
    ]
    if pairs:
        with connection.cursor() as cursor:
            cursor.execute(KEYS_INSERT_SQL, [[pk for pk, _ in pairs], [key for _, key in pairs]])


def _tenant_hash_key() -> bytes:
    """The HMAC key of this tenant: the secret and the tenant id, so the same
    person's hashes differ between tenants and cannot be joined."""
    tenant_id = str(tenant_connection.tenant.pk).encode()
    return hmac.new(settings.MATCH_HASH_SECRET.encode(), tenant_id, hashlib.sha256).digest()


def former_employee_digests(person: Person) -> list[str]:
    """Keyed hashes of the exact keys (email, phone, profile link) of ``person``
    and of their full name (normalized, word order ignored, two words or more).

    Once a former employee is erased, no fuzzy evidence is left to score, so the
    exact full name is kept as a key of its own: a new applicant with that name
    is flagged for rehire review even without a shared email or phone. A
    namesake costs an hr_admin one look at the flag; a missed rehire costs more."""
    words = sorted(normalize_name(person.full_name).split())
    values = [*strong_keys(person), *(["name:" + " ".join(words)] if len(words) >= 2 else [])]
    key = _tenant_hash_key()
    return [hmac.new(key, value.encode(), hashlib.sha256).hexdigest() for value in values]


@dataclass(frozen=True)
class IngestPlan:
    """What candidate_ingest_plan read and decided: the cleaned fields, the live
    candidates that are or may be the person (best first), the one that is ("same",
    or None: a new candidate is made) and the former employee to record."""

    fields: dict[str, Any]
    source: str
    phone_region: str | None
    live: list[Found]
    same: Found | None
    former_id: int | None


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


def _capped(values: Sequence[str], count: int = 20, length: int = 200) -> tuple[str, ...]:
    return tuple(value[:length] for value in values[:count])


# No savepoint of its own: its only caller (the pipeline) rolls back its whole
# transaction on any error, and a savepoint costs two round trips.
@transaction.atomic(savepoint=False)
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
    """The candidate a parsed resume or form belongs to: candidate_ingest_plan's
    reading, then candidate_ingest_apply's writes (see both)."""
    plan = candidate_ingest_plan(
        full_name=full_name, emails=emails, phones=phones, linkedin_url=linkedin_url, github_url=github_url,
        website_url=website_url, location=location, skills=skills, summary=summary, employers=employers,
        schools=schools, source=source, phone_region=phone_region,
    )  # fmt: skip
    return candidate_ingest_apply(plan=plan)


def candidate_ingest_plan(
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
) -> IngestPlan:
    """The candidate a parsed resume or form belongs to, read and decided; nothing written.

    The person is scored against the tenant's candidates found by blocking
    (apps.candidates.selectors.duplicates_of). "same": the best such candidate is
    updated (new contact details and skills merged in, status untouched).
    Otherwise a new candidate is created, with a duplicate review item for each
    "possible" match. A same or possible match to a former employee (status left,
    or the hashes of an erased one) is recorded on the candidate, so their
    applications are flagged rehire_review. Lenient: values that do not
    normalize are dropped, never refused. One statement (match_read); its
    decision is written by candidate_ingest_apply, or by a caller that writes a
    new candidate together with more rows in one statement (candidate_new_values,
    reviews_insert_values)."""
    clean_emails = _lenient_emails(_capped(emails))
    fields: dict[str, Any] = {
        "full_name": clean_display_name(full_name)[:200],
        "emails": clean_emails,
        "phones": _lenient_phones(_capped(phones, length=64), phone_region),
        "linkedin_url": _lenient_url(linkedin_url),
        "github_url": _lenient_url(github_url),
        "website_url": _lenient_url(website_url),
        "location": clean_display_name(location)[:200],
        "skills": list(_capped(skills, MAX_SKILLS, 100)),
        "summary": summary.strip(),
    }
    if not normalize_name(fields["full_name"]):
        fields["full_name"] = clean_emails[0].split("@")[0] if clean_emails else _("Unknown candidate")
    person = Person(
        full_name=fields["full_name"],
        emails=tuple(fields["emails"]),
        phones=tuple(fields["phones"]),
        linkedin_url=fields["linkedin_url"],
        github_url=fields["github_url"],
        location=fields["location"],
        employers=_capped(employers),
        schools=_capped(schools),
    )
    block = match_read(person, digests=former_employee_digests(person))
    found = scored(person, block)
    former_id = next((item.candidate.pk for item in found if item.candidate.status == Candidate.Status.LEFT), None)
    former_id = former_id or block.hashed_former_id
    live = [item for item in found if item.candidate.archived_at is None]
    same = next((item for item in live if item.outcome == "same"), None)
    return IngestPlan(
        fields=fields, source=source, phone_region=phone_region, live=live, same=same, former_id=former_id
    )


@transaction.atomic(savepoint=False)
def candidate_ingest_apply(*, plan: IngestPlan) -> Ingested:
    """Write what candidate_ingest_plan decided, in the caller's transaction: the known
    candidate updated, or a new one created with a duplicate review item for each
    possible match. The caller refreshes the candidate's search vector
    (candidate_search_refresh) once it has stored the resume, whose text is part of it."""
    fields, same, live, former_id = plan.fields, plan.same, plan.live, plan.former_id
    if same is not None:
        candidate = _merge_in(same.candidate, fields)
        created, outcome = False, "same"
        if former_id not in (None, candidate.pk, candidate.former_employee_id) and (
            candidate.status != Candidate.Status.LEFT
        ):
            candidate.former_employee_id = former_id
            candidate.save(update_fields=["former_employee", "updated_at"])
    else:
        candidate = _candidate_insert(
            source=plan.source, phone_region=plan.phone_region, fields=fields, former_employee_id=former_id
        )
        created, outcome = True, "possible" if live else "new"
    _open_reviews(candidate, [item for item in live if item.candidate.pk != candidate.pk])
    return Ingested(candidate, created=created, outcome=outcome)


# One statement for all pairs: the rows travel as one JSON array.
REVIEW_INSERT_SQL = """
INSERT INTO candidates_duplicatereview (candidate_id, other_id, score, reasons, status, created_at)
SELECT %s, pair.other_id, pair.score, ARRAY(SELECT jsonb_array_elements_text(pair.reasons)), 'open', now()
FROM jsonb_to_recordset(%s::jsonb) AS pair(other_id bigint, score double precision, reasons jsonb)
ON CONFLICT DO NOTHING RETURNING id
"""


def _open_reviews(candidate: Candidate, found: Sequence[Found]) -> int:
    """Review items for these pairs; a pair already reviewed (whatever its
    order or status, "different" included) is left as it is. Returns how many
    are new. ON CONFLICT DO NOTHING on the order-independent unique pair (the
    ORM's ignore_conflicts cannot tell which rows it inserted)."""
    if not found:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(REVIEW_INSERT_SQL, [candidate.pk, reviews_insert_values(found)])
        return len(cursor.fetchall())


def reviews_insert_values(found: Sequence[Found]) -> str:
    """The pairs REVIEW_INSERT_SQL inserts, as its JSON parameter."""
    pairs = [
        {"other_id": item.candidate.pk, "score": item.match.score, "reasons": [r[:200] for r in item.match.reasons]}
        for item in found
    ]
    return json.dumps(pairs)


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


def duplicates_find(*, candidate: Candidate) -> int:
    """Review items for an existing candidate's same or possible matches (the
    backfill of imported candidates). Idempotent: a pair is recorded once, and
    pairs staff decided stay decided. Returns how many items are new."""
    found = [item for item in duplicates_of(person_of(candidate), exclude=candidate.pk)]
    live = [item for item in found if item.candidate.archived_at is None]
    former = next((item.candidate for item in found if item.candidate.status == Candidate.Status.LEFT), None)
    if former is not None and candidate.former_employee_id is None and candidate.status != Candidate.Status.LEFT:
        candidate.former_employee = former
        candidate.save(update_fields=["former_employee", "updated_at"])
    if candidate.archived_at is not None:
        return 0
    return _open_reviews(candidate, live)


@transaction.atomic
def duplicate_review_decide(*, review: DuplicateReview, decision: str, actor: User | None) -> DuplicateReview:
    """Record staff's decision on an open pair. "same" merges the newer candidate
    into the older one (undoable); "different" is kept so the pair is never
    flagged again."""
    review = DuplicateReview.objects.select_for_update().get(pk=review.pk)
    if decision not in (DuplicateReview.Status.SAME, DuplicateReview.Status.DIFFERENT):
        raise DomainError(_("Decide same or different."), code="invalid_decision")
    if review.status != DuplicateReview.Status.OPEN:
        raise ConflictError(_("This pair has been decided already."), code="already_decided")
    if decision == DuplicateReview.Status.SAME:
        first, second = sorted([review.candidate_id, review.other_id])
        candidate_merge(survivor=Candidate.objects.get(pk=first), merged=Candidate.objects.get(pk=second), actor=actor)
    review.status, review.decided_by, review.decided_at = decision, actor, timezone.now()
    review.save(update_fields=["status", "decided_by", "decided_at"])
    return review


# --- Merge and undo ----------------------------------------------------------------

# Every stored field but the id and the derived search vector is snapshotted.
SNAPSHOT_SKIP = frozenset({"id", "search_vector"})


def _snapshot(candidate: Candidate) -> dict[str, Any]:
    """The candidate's fields as JSON, exact to the microsecond (Django's JSON
    encoder cuts times to milliseconds)."""
    values: dict[str, Any] = {}
    for field in Candidate._meta.concrete_fields:
        if field.name in SNAPSHOT_SKIP:
            continue
        value = field.value_from_object(candidate)
        values[field.attname] = value.isoformat() if isinstance(value, datetime.date) else value
    return values


def _restore(candidate_id: int, values: dict[str, Any]) -> None:
    """Write snapshotted fields back as they were, updated_at included."""
    fields = {field.attname: field for field in Candidate._meta.concrete_fields}
    restored = {
        name: value if fields[name].is_relation else fields[name].to_python(value) for name, value in values.items()
    }
    Candidate.objects.filter(pk=candidate_id).update(**restored)


def _is_merged(candidate: Candidate) -> bool:
    return Merge.objects.filter(merged=candidate, undone_at__isnull=True).exists()


@transaction.atomic
def candidate_merge(*, survivor: Candidate, merged: Candidate, actor: User | None) -> Merge:
    """Move ``merged``'s applications, resumes and notes to ``survivor``, add its
    contact details, links and skills to the survivor's, and archive it (never
    delete). The survivor's own values win; its current resume stays current.
    Refused when both have an open application for the same job: close one of
    them first (which application survives is a person's decision). Everything
    is recorded in a Merge row so that merge_undo can restore both exactly."""
    if survivor.pk == merged.pk:
        raise DomainError(_("A candidate cannot be merged into itself."), code="merge_self")
    locked = {c.pk: c for c in Candidate.objects.select_for_update().filter(pk__in=[survivor.pk, merged.pk])}
    survivor, merged = locked[survivor.pk], locked[merged.pk]
    if survivor.archived_at is not None or merged.archived_at is not None:
        raise ConflictError(_("Archived candidates cannot be merged."), code="merge_archived")
    open_jobs = set(
        Application.objects.filter(candidate=survivor).exclude(stage__in=CLOSED_STAGES).values_list("job_id", flat=True)
    )
    if Application.objects.filter(candidate=merged, job_id__in=open_jobs).exclude(stage__in=CLOSED_STAGES).exists():
        raise ConflictError(
            _("Both candidates have an open application for the same job: close one of them before merging."),
            code="merge_conflict",
        )
    snapshot = {"survivor": _snapshot(survivor), "merged": _snapshot(merged)}
    survivor_has_current = Resume.objects.filter(candidate=survivor, is_current=True).exists()
    resumes = dict(Resume.objects.filter(candidate=merged).values_list("id", "is_current"))
    moved = {
        "applications": list(Application.objects.filter(candidate=merged).values_list("id", flat=True)),
        "resumes": {str(pk): current for pk, current in resumes.items()},
        "notes": list(Note.objects.filter(candidate=merged).values_list("id", flat=True)),
    }
    Application.objects.filter(pk__in=moved["applications"]).update(candidate=survivor)
    if survivor_has_current:
        Resume.objects.filter(pk__in=resumes).update(is_current=False)
    Resume.objects.filter(pk__in=resumes).update(candidate=survivor)
    Note.objects.filter(pk__in=moved["notes"]).update(candidate=survivor)

    survivor.emails = _unique([*survivor.emails, *merged.emails])
    survivor.phones = _unique([*survivor.phones, *merged.phones])
    for name in ("linkedin_url", "github_url", "website_url", "location", "summary"):
        if not getattr(survivor, name):
            setattr(survivor, name, getattr(merged, name))
    known = {skill.casefold() for skill in survivor.skills}
    survivor.skills = [*survivor.skills, *(skill for skill in merged.skills if skill.casefold() not in known)]
    survivor.skill_keys = [skill.casefold() for skill in survivor.skills]
    if merged.status == Candidate.Status.LEFT and survivor.status != Candidate.Status.LEFT:
        survivor.former_employee = merged  # the rehire guard follows the person
    elif survivor.former_employee_id is None and merged.former_employee_id != survivor.pk:
        survivor.former_employee_id = merged.former_employee_id
    survivor.save()
    merged.archived_at = timezone.now()
    merged.save(update_fields=["archived_at", "updated_at"])
    merge = Merge.objects.create(survivor=survivor, merged=merged, actor=actor, snapshot=snapshot, moved=moved)
    candidate_search_refresh(candidate_ids=[survivor.pk, merged.pk])
    candidate_keys_refresh(candidates=[survivor, merged])
    return merge


@transaction.atomic
def merge_undo(*, merge: Merge, actor: User | None) -> Merge:
    """Give back what the merge moved and restore both candidates' fields as they
    were before it. Rows added to the survivor since stay with it. Refused if
    either candidate took part in a later merge that is not undone (undo that
    one first)."""
    merge = Merge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise ConflictError(_("This merge has been undone already."), code="merge_undone")
    if merge.snapshot.get("erased"):
        # apps.candidates.privacy erased the undo snapshot with the candidate's data.
        raise ConflictError(_("A candidate of this merge has been erased: it cannot be undone."), code="merge_erased")
    later = Merge.objects.filter(pk__gt=merge.pk, undone_at__isnull=True).filter(
        Q(survivor__in=[merge.survivor_id, merge.merged_id]) | Q(merged__in=[merge.survivor_id, merge.merged_id])
    )
    if later.exists():
        raise ConflictError(_("Undo the later merge of these candidates first."), code="merge_not_last")
    list(Candidate.objects.select_for_update().filter(pk__in=[merge.survivor_id, merge.merged_id]))
    moved = merge.moved
    Application.objects.filter(pk__in=moved["applications"], candidate_id=merge.survivor_id).update(
        candidate_id=merge.merged_id
    )
    resumes = {int(pk): current for pk, current in moved["resumes"].items()}
    Resume.objects.filter(pk__in=resumes, candidate_id=merge.survivor_id).update(
        candidate_id=merge.merged_id, is_current=False
    )
    Resume.objects.filter(pk__in=[pk for pk, current in resumes.items() if current]).update(is_current=True)
    Note.objects.filter(pk__in=moved["notes"], candidate_id=merge.survivor_id).update(candidate_id=merge.merged_id)
    _restore(merge.survivor_id, merge.snapshot["survivor"])
    _restore(merge.merged_id, merge.snapshot["merged"])
    merge.undone_at, merge.undone_by = timezone.now(), actor
    merge.save(update_fields=["undone_at", "undone_by"])
    DuplicateReview.objects.filter(
        Q(candidate=merge.survivor_id, other=merge.merged_id) | Q(candidate=merge.merged_id, other=merge.survivor_id),
        status=DuplicateReview.Status.SAME,
    ).update(status=DuplicateReview.Status.OPEN, decided_by=None, decided_at=None)
    candidate_search_refresh(candidate_ids=[merge.survivor_id, merge.merged_id])
    candidate_keys_refresh(candidates=list(Candidate.objects.filter(pk__in=[merge.survivor_id, merge.merged_id])))
    return merge


# --- Settings ------------------------------------------------------------------------


def match_settings_update(*, same_threshold: float, possible_threshold: float) -> MatchSettings:
    """Set the tenant's duplicate thresholds: from ``same`` on a new resume is
    linked to the existing candidate, from ``possible`` staff review the pair."""
    if not 0 < possible_threshold <= same_threshold <= 1:
        raise DomainError(_("Thresholds must satisfy 0 < possible ≤ same ≤ 1."), code="invalid_thresholds")
    row, _created = MatchSettings.objects.update_or_create(
        pk=1, defaults={"same_threshold": same_threshold, "possible_threshold": possible_threshold}
    )
    return row
