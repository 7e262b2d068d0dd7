"""Reads on jobs and applications."""

from typing import Any

from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from apps.applications.models import CLOSED_STAGES, Application, Job


def with_open_applications(jobs: QuerySet[Job]) -> QuerySet[Job]:
    """Jobs annotated with the number of their open applications, still one query.
    A correlated count runs only for the jobs on the page (PostgreSQL evaluates it
    after ORDER BY ... LIMIT) and uses the (job, stage) index; a joined Count
    would aggregate every application of every job first."""
    open_applications = (
        Application.objects.filter(job=OuterRef("pk"))
        .exclude(stage__in=CLOSED_STAGES)
        .order_by()
        .values("job")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return jobs.annotate(open_applications=Coalesce(Subquery(open_applications), 0))


def job_list() -> QuerySet[Job]:
    return with_open_applications(Job.objects.all())


# Keys as in serializers.ApplicationSerializer: rows go out as they come from the database.
LIST_COLUMNS = {
    "candidate_name": F("candidate__full_name"),
    "job_code": F("job__code"),
    "job_title": F("job__title"),
}
LIST_FIELDS = ("id", "candidate", "job", "stage", "source", "rejection_reason", "flags", "created_at", "updated_at")


def application_list() -> QuerySet[Application]:
    return Application.objects.all()


def application_rows(applications: QuerySet[Application]) -> QuerySet[Application, dict[str, Any]]:
    """A list page as dicts, joined to candidate and job in the same query."""
    rows: QuerySet[Application, dict[str, Any]] = applications.values(*LIST_FIELDS, **LIST_COLUMNS)
    return rows


def application_detail() -> QuerySet[Application]:
    return Application.objects.select_related("candidate", "job").prefetch_related("stage_changes__actor")
