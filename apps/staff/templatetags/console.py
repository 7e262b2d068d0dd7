"""The staff console's home page numbers, as a template tag of the admin index."""

from typing import Any

from django import template
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from apps.staff import dashboard
from apps.tenants.admin import on_public_host

register = template.Library()


def _url(name: str, **query: str) -> str:
    """A list's address with its filter, or "" when the list is not in this console."""
    try:
        url = reverse(f"admin:{name}")
    except NoReverseMatch:
        return ""
    return f"{url}?{urlencode(query)}" if query else url


@register.inclusion_tag("admin/staff/dashboard.html", takes_context=True)
def console_dashboard(context: dict[str, Any]) -> dict[str, Any]:
    request: HttpRequest = context["request"]
    user = request.user
    if on_public_host(request) or not user.is_authenticated:
        return {"show": False}
    today = dashboard.start_of_today().date().isoformat()
    tiles: list[dict[str, Any]] = []

    def tile(label: Any, permission: str, count: dashboard.Count, url: str) -> None:
        if user.has_perm(permission):
            tiles.append({"label": label, "count": count, "url": url})

    tile(
        _("New candidates today"),
        "candidates.view_candidate",
        dashboard.new_candidates_today(),
        _url("candidates_candidate_changelist", created_at__gte=today),
    )
    tile(
        _("New resumes today"),
        "candidates.view_resume",
        dashboard.new_resumes_today(),
        _url("candidates_resume_changelist", created=today),
    )
    tile(
        _("Failed ingestions today"),
        "ingestion.view_inboundmessage",
        dashboard.failed_ingestions_today(),
        _url("ingestion_inboundmessage_changelist", status__exact="failed"),
    )
    tile(
        _("Open duplicate reviews"),
        "candidates.view_duplicatereview",
        dashboard.open_duplicate_reviews(),
        _url("candidates_duplicatereview_changelist"),
    )
    tile(
        _("Low-confidence parses"),
        "candidates.view_resume",
        dashboard.low_confidence_resumes(),
        _url("candidates_resume_changelist", confidence="low"),
    )
    tile(
        _("Rehire flags to review"),
        "applications.view_application",
        dashboard.rehire_flags(),
        _url("applications_application_changelist", rehire_review="open"),
    )
    stages = []
    if user.has_perm("applications.view_application"):
        stages = [
            {
                "label": stage.label,
                "count": count,
                "url": _url("applications_application_changelist", stage__exact=stage.value),
            }
            for stage, count in dashboard.applications_per_stage()
        ]
    return {"show": True, "tiles": tiles, "stages": stages}
