"""Reads on jobs and applications."""

from django.db.models import Count, Q, QuerySet

from apps.applications.models import CLOSED_STAGES, Application, Job


def job_list() -> QuerySet[Job]:
    """Jobs with the number of their open applications, in one query."""
    return Job.objects.annotate(
        open_applications=Count("applications", filter=~Q(applications__stage__in=CLOSED_STAGES))
    )


def application_list() -> QuerySet[Application]:
    return Application.objects.select_related("candidate", "job").only(
        "id", "stage", "source", "flags", "rejection_reason", "created_at", "updated_at",
        "candidate__id", "candidate__full_name", "job__id", "job__code", "job__title",
    )  # fmt: skip


def application_detail() -> QuerySet[Application]:
    return application_list().prefetch_related("stage_changes__actor")
