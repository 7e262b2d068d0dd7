"""Reads on jobs and applications."""

from typing import Any

from django.db.models import Count, F, Q, QuerySet

from apps.applications.models import CLOSED_STAGES, Application, Job


def job_list() -> QuerySet[Job]:
    """Jobs with the number of their open applications, in one query."""
    return Job.objects.annotate(
        open_applications=Count("applications", filter=~Q(applications__stage__in=CLOSED_STAGES))
    )


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
