"""Reads on candidates: list, search and the detail with what it embeds."""

from typing import Any

from django.contrib.postgres.search import SearchQuery
from django.db.models import Prefetch, Q, QuerySet

from apps.applications.models import Application
from apps.candidates.models import Candidate, Note, Resume
from apps.candidates.normalize import normalize_email, normalize_name

MIN_FRAGMENT = 3  # trigram search needs three characters to use its index


def candidate_list(*, include_archived: bool = False) -> QuerySet[Candidate]:
    candidates = Candidate.objects.defer("summary", "search_vector", "left_reason")
    return candidates if include_archived else candidates.filter(archived_at__isnull=True)


def candidate_search(candidates: QuerySet[Candidate], term: str) -> QuerySet[Candidate]:
    """Full-text over name, skills, emails and resume text, plus name fragments
    (trigram index) and exact email addresses (array index)."""
    term = term.strip()[:200]
    if not term:
        return candidates
    email = normalize_email(term)
    if email is not None:
        return candidates.filter(emails__contains=[email])
    condition = Q(search_vector=SearchQuery(term, config="simple", search_type="websearch"))
    fragment = normalize_name(term)
    if len(fragment) >= MIN_FRAGMENT:
        condition |= Q(name_normalized__contains=fragment)
    return candidates.filter(condition)


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
