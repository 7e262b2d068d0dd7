"""The candidates in the staff console: search, resumes, applications, notes,
the audit trail and the duplicates panel on each candidate's page, erasure and
export (hr_admin), and the retention policy."""

import json
from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminURLFieldWidget
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_stubs_ext import StrOrPromise

from apps.applications.models import Application
from apps.audit.models import AuditEvent
from apps.candidates.admin.duplicates import duplicates_panel
from apps.candidates.models import Candidate, Note, Resume, RetentionPolicy
from apps.candidates.privacy import RETENTION_FIELDS, candidate_erase, candidate_export, retention_policy_update
from apps.candidates.selectors import candidate_search
from apps.candidates.services import (
    EDITABLE_FIELDS,
    candidate_archive,
    candidate_create,
    candidate_set_status,
    candidate_update,
    note_create,
)
from apps.staff.audit import resume_download
from apps.staff.console import DefaultChoiceFilter, ReadOnlyInline, StaffConsoleAdmin, take_over
from apps.staff.roles import HR_ADMIN
from apps.staff.selectors import acting_user, staff_has_role
from ats.errors import DomainError

AUDIT_TRAIL_LENGTH = 50
STATUS_FIELDS = ("status", "left_on", "left_reason", "rehire_eligible")


class ArchivedFilter(DefaultChoiceFilter):
    title = _("archived")
    parameter_name = "archived"
    default_label = _("Not archived")

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin[Any]) -> Iterable[tuple[str, StrOrPromise]]:
        return [("yes", _("Archived only")), ("any", _("Archived included"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "yes":
            return queryset.filter(archived_at__isnull=False)
        if self.value() == "any":
            return queryset
        return queryset.filter(archived_at__isnull=True)


class ResumeInline(ReadOnlyInline, admin.StackedInline[Resume, Candidate]):
    model = Resume
    fields = readonly_fields = (
        "filename",
        "file_link",
        "status",
        "error",
        "page_count",
        "ocr_used",
        "parser_version",
        "is_current",
        "created_at",
        "parsed_fields",
    )
    ordering = ["-is_current", "-created_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Resume]:
        # The extracted text can run to hundreds of kilobytes and is not shown.
        return super().get_queryset(request).defer("extracted_text")

    @admin.display(description=_("stored file"))
    def file_link(self, resume: Resume) -> str:
        if not resume.file:
            return "-"
        # Both pages are apps.staff.admin.ResumeAdmin's, which audits every read of the file.
        page = reverse(f"{self.admin_site.name}:candidates_resume_change", args=[resume.pk])
        url = reverse(f"{self.admin_site.name}:candidates_resume_file", args=[resume.pk])
        return format_html(
            '<a href="{}" class="resume-preview">{}</a> · <a href="{}">{}</a>',
            page,
            _("Preview and extracted fields"),
            url,
            _("Download"),
        )

    @admin.display(description=_("parsed fields"))
    def parsed_fields(self, resume: Resume) -> str:
        return format_html("<pre>{}</pre>", json.dumps(resume.parsed, indent=2, ensure_ascii=False, sort_keys=True))


class CandidateApplicationInline(ReadOnlyInline, admin.TabularInline[Application, Candidate]):
    model = Application
    fields = readonly_fields = ("job", "stage", "flags", "created_at")
    ordering = ["-created_at"]
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Application]:
        return super().get_queryset(request).select_related("job")


class CandidateNoteInline(admin.TabularInline[Note, Candidate]):
    """Notes are added here (through note_create) and never edited or deleted."""

    model = Note
    extra = 1
    can_delete = False
    fields = ["body", "author", "about", "created_at"]
    readonly_fields = ["author", "about", "created_at"]
    ordering = ["-created_at"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 80})}}

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Note]:
        return super().get_queryset(request).select_related("author", "application__job")

    @admin.display(description=_("about the application"))
    def about(self, note: Note) -> str:
        return str(note.application.job) if note.application else "-"


HELP_TEXTS = {
    "emails": _("Separate addresses with commas; the first is the primary one."),
    "phones": _("Separate numbers with commas; the first is the primary one."),
    "skills": _("Separate skills with commas."),
    "left_on": _("Required for a former employee."),
}


@admin.register(Candidate)
class CandidateAdmin(StaffConsoleAdmin[Candidate]):
    list_display = ["full_name", "primary_email", "primary_phone", "location", "status", "created_at"]
    list_filter = [ArchivedFilter, "status", "source", "created_at"]
    # get_search_results decides how a term is searched; a non-empty list turns the box on.
    search_fields = ["name_normalized"]
    search_help_text = _("A name, or an exact email address or phone number.")
    ordering = ["-created_at", "-id"]
    readonly_fields = ["source", "created_at", "updated_at", "archived_at", "audit_trail"]
    inlines = [ResumeInline, CandidateApplicationInline, CandidateNoteInline]
    actions = ["archive", "erase", "export"]
    formfield_overrides = {
        # Addresses typed without a scheme are https (the service stores them so too).
        models.URLField: {"widget": AdminURLFieldWidget, "assume_scheme": "https"},
    }
    refusal_fields = {
        "invalid_name": "full_name",
        "invalid_email": "emails",
        "invalid_phone": "phones",
        "too_many_skills": "skills",
        "invalid_linkedin_url": "linkedin_url",
        "invalid_github_url": "github_url",
        "invalid_website_url": "website_url",
        "invalid_status": "status",
        "left_on_required": "left_on",
    }

    def get_fieldsets(self, request: HttpRequest, obj: Candidate | None = None) -> Any:
        fieldsets: list[tuple[StrOrPromise | None, dict[str, Any]]] = [
            (None, {"fields": ["full_name", "emails", "phones", "location", "skills", "summary"]}),
            (_("Links"), {"fields": ["linkedin_url", "github_url", "website_url"]}),
            (_("Status"), {"fields": list(STATUS_FIELDS)}),
        ]
        if obj is not None:
            fieldsets.append((_("Record"), {"fields": ["source", "created_at", "updated_at", "archived_at"]}))
            # The same permission as the audit event list (hr_admin).
            if request.user.has_perm("audit.view_auditevent"):
                fieldsets.append((_("Audit trail"), {"fields": ["audit_trail"], "classes": ["collapse"]}))
        return fieldsets

    def get_form(
        self, request: HttpRequest, obj: Candidate | None = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm[Candidate]]:
        return super().get_form(request, obj, change, **{"help_texts": HELP_TEXTS, **kwargs})

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Candidate | None = None,
    ) -> HttpResponse:
        if obj is not None:
            # Shown after the candidate's fields (templates/admin/candidates/candidate/change_form.html).
            context["duplicates_panel"] = duplicates_panel(request, obj, site=self.admin_site.name)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Candidate], search_term: str
    ) -> tuple[QuerySet[Candidate], bool]:
        return candidate_search(queryset, search_term), False

    def get_urls(self) -> list[URLPattern]:
        download = self.admin_site.admin_view(self.resume_file_view)
        return [
            path("<path:object_id>/resumes/<int:resume_id>/file/", download, name="candidates_candidate_resume_file"),
            *super().get_urls(),
        ]

    def resume_file_view(self, request: HttpRequest, object_id: str, resume_id: int) -> FileResponse:
        """The stored resume file, to staff who may see the candidate and resumes
        (files are never served from a public media URL)."""
        if not (self.has_view_or_change_permission(request) and request.user.has_perm("candidates.view_resume")):
            raise PermissionDenied
        candidate = self.get_object(request, object_id)
        resume = candidate.resumes.filter(pk=resume_id).first() if candidate is not None else None
        if resume is None or not resume.file:
            raise Http404
        return resume_download(user=acting_user(request), resume=resume)

    @admin.display(description=_("email"))
    def primary_email(self, candidate: Candidate) -> str:
        return candidate.primary_email

    @admin.display(description=_("phone"))
    def primary_phone(self, candidate: Candidate) -> str:
        return candidate.primary_phone

    @admin.display(description=_("last changes"))
    def audit_trail(self, candidate: Candidate) -> str:
        events = AuditEvent.objects.filter(object_type=Candidate._meta.db_table, object_id=str(candidate.pk)).order_by(
            "-id"
        )[:AUDIT_TRAIL_LENGTH]
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    date_format(localtime(event.occurred_at), "SHORT_DATETIME_FORMAT"),
                    event.actor or "-",
                    event.get_action_display(),
                    describe_changes(event),
                )
                for event in events
            ),
        )
        if not rows:
            return str(_("No recorded changes."))
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
            _("when"),
            _("who"),
            _("what"),
            _("changes"),
            rows,
        )

    def save_model(self, request: HttpRequest, obj: Candidate, form: forms.ModelForm[Candidate], change: bool) -> None:
        data = form.cleaned_data
        fields = {
            name: data[name] for name in EDITABLE_FIELDS if name in data and (not change or name in form.changed_data)
        }
        with self.refused_on_form():
            if change:
                # Drop what the form wrote onto obj: the services decide what is stored.
                obj.refresh_from_db()
                candidate = candidate_update(candidate=obj, **fields) if fields else obj
            else:
                candidate = candidate_create(source=Candidate.Source.ADMIN, **fields)
            if any(name in form.changed_data for name in STATUS_FIELDS):
                candidate_set_status(
                    candidate=candidate,
                    status=data["status"],
                    left_on=data["left_on"],
                    left_reason=data["left_reason"],
                    rehire_eligible=data["rehire_eligible"],
                )
        if not change:
            take_over(obj, candidate)

    def save_formset(self, request: HttpRequest, form: forms.ModelForm[Candidate], formset: Any, change: bool) -> None:
        if formset.model is not Note:
            super().save_formset(request, form, formset, change)
            return
        # Existing notes are read-only, so only new ones come back; note_create names the author.
        for note in formset.save(commit=False):
            with self.refused_on_form():
                note_create(candidate=form.instance, author=acting_user(request), body=note.body)

    @admin.action(description=_("Archive the selected candidates"), permissions=["change"])
    def archive(self, request: HttpRequest, queryset: QuerySet[Candidate]) -> None:
        self.run_on_each(
            request,
            queryset.filter(archived_at__isnull=True),
            lambda candidate: candidate_archive(candidate=candidate),
            done=lambda count: (
                ngettext("%(count)d candidate archived.", "%(count)d candidates archived.", count) % {"count": count}
            ),
        )

    def has_erase_permission(self, request: HttpRequest) -> bool:
        # candidate_erase checks the role again; this only hides the action from others.
        return self.has_change_permission(request) and staff_has_role(request.user, HR_ADMIN)

    def has_export_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request) and staff_has_role(request.user, HR_ADMIN)

    @admin.action(description=_("Erase the selected candidates' personal data"), permissions=["erase"])
    def erase(self, request: HttpRequest, queryset: QuerySet[Candidate]) -> TemplateResponse | None:
        """Asks first (erasure cannot be undone), then erases each selected candidate."""
        if request.POST.get("apply") != "yes":
            return self.confirm_selection(
                request,
                queryset,
                action="erase",
                title=_("Erase personal data"),
                template="admin/candidates/candidate/erase_confirmation.html",
            )
        actor = acting_user(request)
        self.run_on_each(
            request,
            queryset,
            lambda candidate: candidate_erase(candidate=candidate, actor=actor),
            done=lambda count: (
                ngettext("%(count)d candidate erased.", "%(count)d candidates erased.", count) % {"count": count}
            ),
        )
        return None

    @admin.action(description=_("Export the selected candidate's data (zip)"), permissions=["export"])
    def export(self, request: HttpRequest, queryset: QuerySet[Candidate]) -> FileResponse | None:
        candidates = list(queryset[:2])
        if len(candidates) != 1:
            self.message_user(request, _("Select exactly one candidate to export."), messages.ERROR)
            return None
        try:
            export = candidate_export(candidate=candidates[0], actor=acting_user(request))
        except DomainError as error:
            self.message_user(request, error.message, messages.ERROR)
            return None
        return export.as_response()


def describe_changes(event: AuditEvent) -> str:
    """An audit event's {field: [old, new]} as one line of text."""
    parts = []
    for field, change in sorted(event.changes.items()):
        if not (isinstance(change, list) and len(change) == 2):
            parts.append(f"{field}: {_short(change)}")
        elif event.action == AuditEvent.Action.UPDATE:
            parts.append(f"{field}: {_short(change[0])} → {_short(change[1])}")
        else:
            # A created row has only new values and a deleted one only old ones; blanks say nothing.
            value = change[1] if event.action == AuditEvent.Action.INSERT else change[0]
            if value not in (None, "", []):
                parts.append(f"{field}: {_short(value)}")
    return "; ".join(parts)


def _short(value: Any, limit: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(StaffConsoleAdmin[RetentionPolicy]):
    """The tenant's retention policy (one row; hr_admin only, by permission),
    saved through retention_policy_update. The retention task applies it."""

    list_display = ["__str__", "active_months", "do_not_contact_months", "hired_months", "left_months"]
    fields = list(RETENTION_FIELDS)
    refusal_fields = {"invalid_retention": "active_months"}

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not RetentionPolicy.objects.exists()

    def save_model(
        self, request: HttpRequest, obj: RetentionPolicy, form: forms.ModelForm[RetentionPolicy], change: bool
    ) -> None:
        with self.refused_on_form():
            saved = retention_policy_update(**{name: form.cleaned_data[name] for name in RETENTION_FIELDS})
        take_over(obj, saved)
