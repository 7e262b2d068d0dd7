"""Reads on candidates: list, search and the detail with what it embeds."""

import json
import re
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db.models import Model, Prefetch, Q, QuerySet

from apps.applications.models import Application
from apps.candidates.models import Candidate, Note, Resume
from apps.candidates.normalize import normalize_email, normalize_name, normalize_phone

M = TypeVar("M", bound=Model)
MIN_FRAGMENT = 3  # trigram search needs three characters to use its index
FEW_MATCHES_EXPECTED = 10_000  # the planner overestimates rare matches (2,000 for a typo at 1M rows)
FEW_MATCHES = 5_000
PHONE_LIKE = re.compile(r"\+?[\d\s().-]{6,}")


def candidate_list(*, archived: bool = False) -> QuerySet[Candidate]:
    """The candidates in lists and search, or with ``archived`` the archived ones only."""
    candidates = Candidate.objects.defer("summary", "search_vector", "left_reason")
    return candidates.filter(archived_at__isnull=not archived)


def candidate_search(queryset: QuerySet[M], term: str, *, path: str = "") -> QuerySet[M]:
    """The one search over candidates, for the API and the staff console: an
    exact email address or phone number (array indexes), else full text over
    name, skills, emails and resume text, or every word of the term inside the
    accent-free name (trigram index). ``path`` leads from the queryset's model
    to the candidate (``"candidate__"`` for applications)."""
    term = term.strip()[:200]
    if not term:
        return queryset
    if "@" in term:
        email = normalize_email(term) or term.lower()
        return _matching(queryset, path, lambda to: Q(**{f"{to}emails__contains": [email]}))
    if PHONE_LIKE.fullmatch(term):
        phone = normalize_phone(term, settings.PHONE_DEFAULT_REGION)
        if phone is not None:
            return _matching(queryset, path, lambda to: Q(**{f"{to}phones__contains": [phone]}))
    query = SearchQuery(term, config="simple", search_type="websearch")
    words = normalize_name(term).split()
    in_name = bool(words) and all(len(word) >= MIN_FRAGMENT for word in words)

    def condition(to: str) -> Q:
        text = Q(**{f"{to}search_vector": query})
        return text | Q(*[Q(**{f"{to}name_normalized__contains": word}) for word in words]) if in_name else text

    return _matching(queryset, path, condition)


def candidate_with_skills(queryset: QuerySet[Candidate], keys: list[str]) -> QuerySet[Candidate]:
    """Candidates who have every one of the skills (casefolded keys)."""
    return _matching(queryset, "", lambda to: Q(skill_keys__contains=keys))


def _matching(queryset: QuerySet[M], path: str, condition: Callable[[str], Q]) -> QuerySet[M]:
    """Narrow ``queryset`` to candidates meeting ``condition`` (built for a path).

    Pages are sorted newest first, and PostgreSQL serves ``ORDER BY created_at
    LIMIT 26`` by walking the created_at index and testing each row: quick when
    many candidates match, a walk of the whole table when few or none do (the
    planner cannot tell a rare trigram match from a common one in that plan).
    So when the planner expects few matches, their ids are fetched first from
    the GIN indexes and the page is read by primary key; when it expects many,
    the walk soon fills a page. Fetching ids for a common term would cost more
    than the walk (the index hands over every match before the first one)."""
    matches = Candidate.objects.filter(condition(""))
    if _estimated_rows(matches) <= FEW_MATCHES_EXPECTED:
        ids = list(matches.values_list("pk", flat=True)[: FEW_MATCHES + 1])
        if len(ids) <= FEW_MATCHES:
            return queryset.filter(**{f"{path}pk__in": ids})
    return queryset.filter(condition(path))


def _estimated_rows(queryset: QuerySet[Any]) -> int:
    """The planner's estimate of the rows ``queryset`` returns (no execution)."""
    plan = json.loads(queryset.explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


LIST_COLUMNS = ("id", "full_name", "emails", "phones", "location", "skills", "status", "source", "created_at",
                "updated_at")  # fmt: skip


def candidate_rows(candidates: QuerySet[Candidate]) -> QuerySet[Candidate, dict[str, Any]]:
    """The list's columns as dicts: a list page is read and sent without building
    model instances or serializer fields (several times cheaper per row)."""
    rows: QuerySet[Candidate, dict[str, Any]] = candidates.values(*LIST_COLUMNS)
    return rows


def candidate_row(row: dict[str, Any]) -> dict[str, Any]:
    """One list row in the shape of serializers.CandidateListSerializer."""
    emails, phones = row.pop("emails"), row.pop("phones")
    row["primary_email"] = emails[0] if emails else ""
    row["primary_phone"] = phones[0] if phones else ""
    return row


def candidate_detail() -> QuerySet[Candidate]:
    """Candidates with their current resume and applications loaded in two queries."""
    return Candidate.objects.prefetch_related(
        Prefetch("resumes", queryset=Resume.objects.filter(is_current=True).defer("extracted_text"), to_attr="current"),
        Prefetch("applications", queryset=Application.objects.select_related("job").order_by("-created_at")),
    )


def candidate_notes(candidate: Candidate) -> QuerySet[Note]:
    return candidate.notes.select_related("author").order_by("-created_at")
