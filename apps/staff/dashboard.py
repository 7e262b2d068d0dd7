"""Reads for the staff console's home page: today's numbers, each cheap at a
million rows (see docs/staff-guide.md and docs/benchmarks.md "Staff console").

- Rows created today are counted from the newest backwards: an index on the
  creation time where there is one (candidates, inbound messages); resumes have
  none, but their ids grow with their creation time, so the first id of today
  is found by walking the primary key back over today's rows only.
- Every count is bounded (``BOUND``): past it the page shows "BOUND+" rather
  than reading more rows.
- Applications per stage use a count bounded at 100 per stage and, past it,
  PostgreSQL's estimate for that stage (its statistics keep the common values
  of a low-cardinality column such as the stage).
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from apps.applications.models import CLOSED_STAGES, Application, Stage
from apps.candidates.models import Candidate, DuplicateReview, Resume
from apps.ingestion.models import InboundMessage
from apps.staff.console import EstimatedCountPaginator

BOUND = 1000
STAGE_BOUND = 100
LOW_CONFIDENCE = 0.6
# The home page's low-confidence count looks at this many of the newest resumes.
RECENT_RESUMES = 5000
OPEN_STAGES = [stage for stage in Stage if stage not in CLOSED_STAGES]


@dataclass(frozen=True)
class Count:
    value: int
    more: bool  # the true number is at least ``value`` (bounded) or about it (estimated)


def bounded_count(queryset: QuerySet[Any], bound: int = BOUND) -> Count:
    found = queryset.order_by().values("pk")[: bound + 1].count()
    return Count(min(found, bound), found > bound)


def start_of_today() -> datetime.datetime:
    return timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)


def new_candidates_today() -> Count:
    return bounded_count(Candidate.objects.filter(created_at__gte=start_of_today()))


def new_resumes_today() -> Count:
    # The newest resume older than today, reached by the primary key index backwards.
    last_before = (
        Resume.objects.filter(created_at__lt=start_of_today()).order_by("-pk").values_list("pk", flat=True).first()
    )
    today = Resume.objects.filter(pk__gt=last_before or 0)
    return bounded_count(today)


def failed_ingestions_today() -> Count:
    return bounded_count(
        InboundMessage.objects.filter(status=InboundMessage.Status.FAILED, updated_at__gte=start_of_today())
    )


def open_duplicate_reviews() -> Count:
    return bounded_count(DuplicateReview.objects.filter(status=DuplicateReview.Status.OPEN))


def rehire_flags() -> Count:
    # No index finds the flag (about 1% of applications): a bound of 100 reads some 10,000 rows.
    return bounded_count(rehire_flagged(), bound=100)


def rehire_flagged() -> QuerySet[Application]:
    """Open applications flagged as matching a former employee."""
    return Application.objects.filter(flags__contains=[Application.Flag.REHIRE_REVIEW.value], stage__in=OPEN_STAGES)


def applications_per_stage() -> list[tuple[Stage, Count]]:
    return [(stage, estimated_count(Application.objects.filter(stage=stage))) for stage in Stage]


def estimated_count(queryset: QuerySet[Any], bound: int = STAGE_BOUND) -> Count:
    """Exact up to ``bound``, PostgreSQL's estimate past it. RLS checks each row in
    the table itself (not in the index), so every row counted is a heap read: the
    exact count stops early."""
    exact = bounded_count(queryset, bound=bound)
    if not exact.more:
        return exact
    return Count(max(EstimatedCountPaginator.estimate(queryset.order_by()), bound), True)


def low_confidence_resumes() -> Count:
    """Counted among the newest resumes only: the queue is worked from the top."""
    newest = Resume.objects.order_by("-pk").values("pk")[:RECENT_RESUMES]
    return bounded_count(low_confidence(Resume.objects.filter(pk__in=newest)), bound=100)


def low_confidence(queryset: QuerySet[Resume], threshold: float = LOW_CONFIDENCE) -> QuerySet[Resume]:
    """Parsed resumes with at least one field read with a confidence under ``threshold``."""
    return queryset.filter(status=Resume.Status.PARSED).filter(
        Q(parsed__confidence__name__score__lt=threshold)
        | Q(parsed__confidence__emails__score__lt=threshold)
        | Q(parsed__confidence__phones__score__lt=threshold)
        | Q(parsed__confidence__experience__score__lt=threshold)
    )
