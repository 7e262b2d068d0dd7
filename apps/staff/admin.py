"""The staff console's resume pages: the low-confidence parses queue, and each
resume with its pages previewed as images, its extracted fields with their
confidence, and the original file. Every read of a stored file is audited."""

import logging
from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import URLPattern, path, reverse
from django.utils.dateparse import parse_date
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from apps.candidates.models import Resume
from apps.staff import dashboard, preview
from apps.staff.audit import audit_file_read, resume_download
from apps.staff.console import EstimatedCountPaginator, StaffConsoleAdmin, take_over
from apps.staff.models import StaffPreference
from apps.staff.selectors import acting_user
from apps.staff.services import staff_preference_set
from apps.tenants.admin import on_public_host

# Fields whose confidence the resume page shows, in this order.
CONFIDENCE_FIELDS = (
    ("name", _("name")),
    ("emails", _("emails")),
    ("phones", _("phones")),
    ("location", _("location")),
    ("links", _("links")),
    ("skills", _("skills")),
    ("experience", _("experience")),
    ("education", _("education")),
)
LOW_ROW = mark_safe(' class="low-confidence" style="background:#fff3cd"')  # a constant, no user data
PREVIEW_PAGES = 5  # pages shown on the resume page; the file has the rest

logger = logging.getLogger(__name__)


class ConfidenceFilter(admin.SimpleListFilter):
    title = _("parse confidence")
    parameter_name = "confidence"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin[Any]) -> Iterable[tuple[str, StrOrPromise]]:
        return [("low", _("Low confidence"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return dashboard.low_confidence(queryset) if self.value() == "low" else queryset


class CreatedSinceFilter(admin.SimpleListFilter):
    """Resumes stored on or after a day (the home page's "new resumes today")."""

    title = _("stored since")
    parameter_name = "created"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin[Any]) -> Iterable[tuple[str, StrOrPromise]]:
        return [(dashboard.start_of_today().date().isoformat(), _("Today"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        day = parse_date(self.value() or "")
        if day is None:
            return queryset
        start = dashboard.start_of_today().replace(year=day.year, month=day.month, day=day.day)
        # Ids grow with the time of storing: the first id of the day bounds the scan (no index on created_at).
        last_before = (
            Resume.objects.filter(created_at__lt=start).order_by("-pk").values_list("pk", flat=True).first() or 0
        )
        return queryset.filter(pk__gt=last_before)


class ResumePaginator(EstimatedCountPaginator):
    # A filtered list (low confidence) would be read to the end to count it exactly.
    exact_up_to = 1000


@admin.register(Resume)
class ResumeAdmin(StaffConsoleAdmin[Resume]):
    list_display = ["__str__", "candidate", "status", "low_fields", "ocr_used", "created_at"]
    list_filter = [ConfidenceFilter, CreatedSinceFilter, "status"]
    list_select_related = ["candidate"]
    paginator = ResumePaginator
    # Ids follow the time of storing; the primary key is the index to page by.
    ordering = ["-id"]
    fields = readonly_fields = (
        "candidate",
        "filename",
        "original_file",
        "status",
        "error",
        "page_count",
        "ocr_used",
        "parser_version",
        "created_at",
        "confidence_table",
        "page_images",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Resume | None = None) -> bool:
        return False  # the parsed fields are corrected on the candidate, where edits are audited

    def get_queryset(self, request: HttpRequest) -> QuerySet[Resume]:
        return super().get_queryset(request).defer("extracted_text")

    def get_urls(self) -> list[URLPattern]:
        page = self.admin_site.admin_view(self.page_view)
        download = self.admin_site.admin_view(self.file_view)
        return [
            path("<int:object_id>/pages/<int:number>.png", page, name="candidates_resume_page"),
            path("<int:object_id>/file/", download, name="candidates_resume_file"),
            *super().get_urls(),
        ]

    def readable(self, request: HttpRequest, object_id: int) -> Resume:
        """The resume, if this user may read its file: view permission, and
        the row visible in this tenant (RLS and the tenant schema)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        resume = self.get_object(request, str(object_id))
        if resume is None or not resume.file:
            raise Http404
        return resume

    def page_view(self, request: HttpRequest, object_id: int, number: int) -> HttpResponse:
        """One page as an image, drawn in the extraction sandbox; a page that cannot
        be drawn is an image saying why (the read is audited either way)."""
        resume = self.readable(request, object_id)
        if resume.content_type not in preview.PREVIEWABLE:
            raise Http404
        with resume.file.open("rb") as stored:
            data = stored.read()
        try:
            page = preview.page_image(data, number)
        except preview.NoSuchPage as error:
            raise Http404 from error
        what: dict[str, object] = {"page": number}
        if page.failure:
            what["failed"] = page.failure
            logger.warning("resume page not drawn", extra={"resume_id": resume.pk, "reason": page.failure})
        audit_file_read(user=acting_user(request), object_type=Resume._meta.db_table, object_id=resume.pk, what=what)
        response = HttpResponse(page.content, content_type=page.content_type)
        response["Cache-Control"] = "private, no-store"
        return response

    def file_view(self, request: HttpRequest, object_id: int) -> FileResponse:
        resume = self.readable(request, object_id)
        return resume_download(user=acting_user(request), resume=resume)

    @admin.display(description=_("original file"))
    def original_file(self, resume: Resume) -> str:
        if not resume.file:
            return "-"
        url = reverse(f"{self.admin_site.name}:candidates_resume_file", args=[resume.pk])
        return format_html('<a href="{}" class="resume-download">{}</a>', url, _("Download the original file"))

    @admin.display(description=_("low-confidence fields"))
    def low_fields(self, resume: Resume) -> str:
        low = [label for key, label in CONFIDENCE_FIELDS if _score(resume, key) < dashboard.LOW_CONFIDENCE]
        return ", ".join(str(label) for label in low)

    @admin.display(description=_("extracted fields"))
    def confidence_table(self, resume: Resume) -> str:
        rows = []
        for key, label in CONFIDENCE_FIELDS:
            if key not in resume.parsed:
                continue
            score = _score(resume, key)
            low = score < dashboard.LOW_CONFIDENCE
            rows.append(
                (
                    LOW_ROW if low else "",
                    label,
                    _value(resume.parsed.get(key)),
                    f"{score:.0%}" if score <= 1 else "-",
                    _("low") if low else "",
                )
            )
        if not rows:
            return str(_("Nothing was extracted."))
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th></th></tr></thead><tbody>{}</tbody></table>",
            _("field"),
            _("value"),
            _("confidence"),
            format_html_join("", "<tr{}><th>{}</th><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
        )

    @admin.display(description=_("preview"))
    def page_images(self, resume: Resume) -> str:
        if not resume.file or resume.content_type not in preview.PREVIEWABLE:
            return str(_("No preview for this kind of file; download the original."))
        pages = min(resume.page_count or 1, PREVIEW_PAGES)
        name = f"{self.admin_site.name}:candidates_resume_page"
        return format_html_join(
            "",
            '<p><img class="resume-page" src="{}" alt="{}" style="max-width:100%;border:1px solid #ccc"></p>',
            (
                (reverse(name, args=[resume.pk, number]), _("page %(number)d") % {"number": number})
                for number in range(1, pages + 1)
            ),
        )


def _score(resume: Resume, key: str) -> float:
    """The parser's confidence in a field; 2 (above any score) when it gave none."""
    entry = (resume.parsed.get("confidence") or {}).get(key)
    return float(entry["score"]) if isinstance(entry, dict) and "score" in entry else 2.0


def _value(value: Any) -> str:
    if isinstance(value, list):
        parts = [_entry(item) if isinstance(item, dict) else str(item) for item in value]
        return "; ".join(part for part in parts if part)
    return "" if value is None else str(value)


def _entry(item: dict[str, Any]) -> str:
    """An experience or education entry on one line."""
    return " · ".join(str(v) for v in item.values() if v not in (None, "", False))


@admin.register(StaffPreference)
class StaffPreferenceAdmin(admin.ModelAdmin[StaffPreference]):
    """Each staff user's own preferences (the console's language): every staff
    user of the tenant edits their own row and sees no one else's."""

    fields = ["language"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[StaffPreference]:
        rows = super().get_queryset(request)
        return rows.none() if on_public_host(request) else rows.filter(user=acting_user(request))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return not on_public_host(request) and request.user.is_active and request.user.is_staff

    def has_view_permission(self, request: HttpRequest, obj: StaffPreference | None = None) -> bool:
        return self.has_module_permission(request) and (obj is None or obj.user_id == request.user.pk)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: StaffPreference | None = None) -> bool:
        return self.has_view_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: StaffPreference | None = None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        """Straight to the user's own preferences (a list of one row says nothing)."""
        own = self.get_queryset(request).values_list("pk", flat=True).first()
        name = f"{self.admin_site.name}:staff_staffpreference_"
        return redirect(reverse(name + "change", args=[own]) if own else reverse(name + "add"))

    def save_model(
        self, request: HttpRequest, obj: StaffPreference, form: forms.ModelForm[StaffPreference], change: bool
    ) -> None:
        saved = staff_preference_set(user=acting_user(request), language=form.cleaned_data["language"])
        take_over(obj, saved)

    def response_add(self, request: HttpRequest, obj: StaffPreference, post_url_continue: str | None = None) -> Any:
        return redirect(reverse(f"{self.admin_site.name}:index"))

    def response_change(self, request: HttpRequest, obj: StaffPreference) -> Any:
        return redirect(reverse(f"{self.admin_site.name}:index"))
