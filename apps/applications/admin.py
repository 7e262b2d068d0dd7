"""The HR staff console for jobs and applications. Stages move only through
apps.applications.services.application_move, from the list's actions."""

import csv
from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_stubs_ext import StrOrPromise

from apps.applications.models import Application, Job, Stage, StageChange
from apps.applications.selectors import with_open_applications
from apps.applications.services import (
    JOB_FIELDS,
    OPEN_STAGES,
    application_create,
    application_move,
    job_create,
    job_update,
)
from apps.candidates.models import Candidate, Note
from apps.candidates.selectors import candidate_search
from apps.staff.audit import audit_file_read
from apps.staff.console import EstimatedCountPaginator, ReadOnlyInline, StaffConsoleAdmin, take_over
from apps.staff.dashboard import estimated_count
from apps.staff.roles import HR_ADMIN
from apps.staff.selectors import acting_user, staff_has_role

# One export holds at most this many applications (a selection "across" all pages included).
EXPORT_LIMIT = 10_000
# The pipeline page lists this many applications per stage, newest first.
PIPELINE_LISTED = 25


def _csv_safe(value: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


class ApplicationPaginator(EstimatedCountPaginator):
    """A filter such as the rehire queue's matches 1% of the applications: an
    exact count to 10,000 would read a million rows to find them."""

    exact_up_to = 1000


class RehireQueuePaginator(EstimatedCountPaginator):
    exact_up_to = 100


@admin.register(Job)
class JobAdmin(StaffConsoleAdmin[Job]):
    list_display = ["code", "title", "department", "status", "open_applications", "pipeline_link", "created_at"]
    list_filter = ["status"]
    search_fields = ["title", "code"]
    ordering = ["-created_at", "-id"]
    fields = ["code", "title", "department", "location", "status", "description", "created_at", "updated_at"]
    refusal_fields = {"duplicate_job_code": "code"}

    def get_readonly_fields(self, request: HttpRequest, obj: Job | None = None) -> list[str]:
        # The code is part of the job's inbound mail address: fixed once the job exists.
        return ["code", "created_at", "updated_at"] if obj is not None else ["created_at", "updated_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Job]:
        jobs: QuerySet[Job] = super().get_queryset(request)
        return with_open_applications(jobs)

    @admin.display(description=_("pipeline"))
    def pipeline_link(self, job: Job) -> str:
        url = reverse(f"{self.admin_site.name}:applications_job_pipeline", args=[job.pk])
        return format_html('<a href="{}">{}</a>', url, _("Pipeline"))

    def get_urls(self) -> list[URLPattern]:
        pipeline = self.admin_site.admin_view(self.pipeline_view)
        return [path("<int:object_id>/pipeline/", pipeline, name="applications_job_pipeline"), *super().get_urls()]

    def pipeline_view(self, request: HttpRequest, object_id: int) -> TemplateResponse:
        """The job's applications stage by stage: a bounded count and the newest
        few of each, with the application list's bulk actions."""
        # Not get_object: the list's queryset counts each job's open applications.
        job = super().get_queryset(request).filter(pk=object_id).first()
        if job is None or not self.has_view_permission(request, job):
            raise Http404
        applications = Application.objects.filter(job=job).select_related("candidate").order_by("-created_at", "-id")
        columns = []
        for stage in Stage:
            in_stage = applications.filter(stage=stage)
            count = estimated_count(in_stage)
            columns.append({"stage": stage, "count": count, "listed": list(in_stage[:PIPELINE_LISTED])})
        application_admin = self.admin_site.get_model_admin(Application)
        actions = application_admin.get_action_choices(request, default_choices=[])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "job": job,
            "title": _("Pipeline of %(job)s") % {"job": job},
            "columns": columns,
            "listed": PIPELINE_LISTED,
            "actions": actions,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "changelist_url": reverse(f"{self.admin_site.name}:applications_application_changelist")
            + f"?job__id__exact={job.pk}",
        }
        return TemplateResponse(request, "admin/applications/job_pipeline.html", context)

    @admin.display(description=_("open applications"), ordering="open_applications")
    def open_applications(self, job: Job) -> int:
        return job.open_applications  # type: ignore[attr-defined, no-any-return]  # annotated in get_queryset

    def save_model(self, request: HttpRequest, obj: Job, form: forms.ModelForm[Job], change: bool) -> None:
        data = form.cleaned_data
        with self.refused_on_form():
            if change:
                # Drop what the form wrote onto obj: the service decides what is stored.
                obj.refresh_from_db(fields=sorted(JOB_FIELDS))
                changed = {name: data[name] for name in form.changed_data if name in JOB_FIELDS}
                if changed:
                    job_update(job=obj, **changed)
                return
            fields = {name: data[name] for name in JOB_FIELDS - {"title"} if name in data}
            job = job_create(title=data["title"], code=data["code"], **fields)
        take_over(obj, job)


class RehireReviewFilter(admin.SimpleListFilter):
    title = _("rehire review")
    parameter_name = "rehire_review"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin[Any]) -> Iterable[tuple[str, StrOrPromise]]:
        return [("open", _("To review (open applications)")), ("yes", _("Matches a former employee"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "open":
            return queryset.filter(flags__contains=[Application.Flag.REHIRE_REVIEW.value], stage__in=OPEN_STAGES)
        if self.value() == "yes":
            return queryset.filter(flags__contains=[Application.Flag.REHIRE_REVIEW.value])
        return queryset


class StageChangeInline(ReadOnlyInline, admin.TabularInline[StageChange, Application]):
    model = StageChange
    fields = readonly_fields = ("created_at", "from_stage", "to_stage", "actor", "reason", "override")
    verbose_name_plural = _("stage history")

    def get_queryset(self, request: HttpRequest) -> QuerySet[StageChange]:
        return super().get_queryset(request).select_related("actor")


class ApplicationNoteInline(ReadOnlyInline, admin.TabularInline[Note, Application]):
    model = Note
    fields = readonly_fields = ("created_at", "author", "body")
    ordering = ["-created_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Note]:
        return super().get_queryset(request).select_related("author")


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3, "cols": 80}), max_length=2000)


@admin.register(Application)
class ApplicationAdmin(StaffConsoleAdmin[Application]):
    list_display = ["candidate", "job", "stage", "flag_labels", "created_at"]
    # A plain job filter lists the jobs table (small); RelatedOnlyFieldListFilter would
    # run SELECT DISTINCT job_id over every application on each page load.
    list_filter = ["stage", "job", RehireReviewFilter]
    list_select_related = ["candidate", "job"]
    autocomplete_fields = ["candidate", "job"]
    # get_search_results decides how a term is searched; a non-empty list turns the box on.
    search_fields = ["candidate__name_normalized"]
    search_help_text = _("The candidate's name, or an exact email address or phone number.")
    # Ids grow with the time of applying: the primary key pages through 2M rows
    # without a sort (there is no index on created_at alone).
    ordering = ["-id"]
    paginator = ApplicationPaginator
    # Half the admin's 100: each row costs about 1 ms of rendering (docs/benchmarks.md, "Staff console").
    list_per_page = 50
    inlines = [StageChangeInline, ApplicationNoteInline]
    actions = [
        "move_to_screening",
        "move_to_interview",
        "move_to_offer",
        "move_to_hired",
        "withdraw",
        "reject_with_reason",
        "hire_with_override",
        "export_csv",
    ]
    refusal_fields = {"job_not_open": "job", "candidate_archived": "candidate"}
    add_fields = ("candidate", "job")
    # An application's fields change only through services: its stage through the actions.
    record_fields = (
        "candidate",
        "job",
        "stage",
        "source",
        "rejection_reason",
        "flag_labels",
        "created_at",
        "updated_at",
    )

    def get_fields(self, request: HttpRequest, obj: Application | None = None) -> tuple[str, ...]:
        return self.record_fields if obj is not None else self.add_fields

    def get_readonly_fields(self, request: HttpRequest, obj: Application | None = None) -> tuple[str, ...]:
        return self.record_fields if obj is not None else ()

    def get_inlines(
        self, request: HttpRequest, obj: Application | None
    ) -> list[type[admin.options.InlineModelAdmin[Any, Any]]]:
        return list(self.inlines) if obj is not None else []

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Application], search_term: str
    ) -> tuple[QuerySet[Application], bool]:
        return candidate_search(queryset, search_term, path="candidate__"), False

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # Nothing on the page is editable, so there is nothing to save.
        no_save = {"show_save": False, "show_save_and_continue": False, "show_save_and_add_another": False}
        return super().change_view(request, object_id, form_url, {**no_save, **(extra_context or {})})

    @admin.display(description=_("flags"))
    def flag_labels(self, application: Application) -> str:
        labels = dict(Application.Flag.choices)
        return ", ".join(str(labels.get(flag, flag)) for flag in application.flags)

    def describe(self, obj: Application) -> str:
        return f"{obj.candidate} ({obj.job.code})"

    def get_paginator(
        self,
        request: HttpRequest,
        queryset: QuerySet[Any],
        per_page: int,
        orphans: int = 0,
        allow_empty_first_page: bool = True,
    ) -> Paginator[Any]:
        # About 1% of applications carry the rehire flag and no index finds it: count exactly to 100 only.
        paginator = RehireQueuePaginator if self.rehire_queue(request) else self.paginator
        return paginator(queryset, per_page, orphans, allow_empty_first_page)

    def rehire_queue(self, request: HttpRequest) -> bool:
        return request.GET.get(RehireReviewFilter.parameter_name) in ("open", "yes")

    def get_list_display(self, request: HttpRequest) -> list[str]:  # type: ignore[override]  # names only here
        # The rehire flags queue shows whom the applicant matched and why they left.
        columns = [str(column) for column in self.list_display]
        if self.rehire_queue(request):
            columns[columns.index("flag_labels")] = "former_employee"
            columns[-1:-1] = ["former_left_on", "former_left_reason"]
        return columns

    def get_list_select_related(self, request: HttpRequest) -> list[str]:
        related = list(self.list_select_related)
        return [*related, "candidate__former_employee"] if self.rehire_queue(request) else related

    @staticmethod
    def former(application: Application) -> Candidate:
        """The former employee behind the flag: the candidate, or the one they matched."""
        return application.candidate.former_employee or application.candidate

    @admin.display(description=_("former employee"))
    def former_employee(self, application: Application) -> str:
        return self.former(application).full_name

    @admin.display(description=_("left on"))
    def former_left_on(self, application: Application) -> str:
        left_on = self.former(application).left_on
        return date_format(left_on, "SHORT_DATE_FORMAT") if left_on else "-"

    @admin.display(description=_("reason for leaving"))
    def former_left_reason(self, application: Application) -> str:
        return self.former(application).left_reason or "-"

    def save_model(
        self, request: HttpRequest, obj: Application, form: forms.ModelForm[Application], change: bool
    ) -> None:
        if change:
            return  # every field of an existing application is read-only
        with self.refused_on_form():
            application = application_create(
                candidate=form.cleaned_data["candidate"], job=form.cleaned_data["job"], source="admin"
            )
        take_over(obj, application)

    def move(
        self,
        request: HttpRequest,
        queryset: QuerySet[Application],
        to_stage: Stage,
        *,
        reason: str = "",
        override: bool = False,
    ) -> None:
        actor = acting_user(request)
        self.run_on_each(
            request,
            queryset,
            lambda application: application_move(
                application=application, to_stage=to_stage, actor=actor, reason=reason, override=override
            ),
            done=lambda count: (
                ngettext(
                    "%(count)d application moved to %(stage)s.", "%(count)d applications moved to %(stage)s.", count
                )
                % {"count": count, "stage": to_stage.label}
            ),
        )

    @admin.action(description=_("Move to screening"), permissions=["change"])
    def move_to_screening(self, request: HttpRequest, queryset: QuerySet[Application]) -> None:
        self.move(request, queryset, Stage.SCREENING)

    @admin.action(description=_("Move to interview"), permissions=["change"])
    def move_to_interview(self, request: HttpRequest, queryset: QuerySet[Application]) -> None:
        self.move(request, queryset, Stage.INTERVIEW)

    @admin.action(description=_("Move to offer"), permissions=["change"])
    def move_to_offer(self, request: HttpRequest, queryset: QuerySet[Application]) -> None:
        self.move(request, queryset, Stage.OFFER)

    @admin.action(description=_("Move to hired"), permissions=["change"])
    def move_to_hired(self, request: HttpRequest, queryset: QuerySet[Application]) -> None:
        self.move(request, queryset, Stage.HIRED)

    @admin.action(description=_("Mark as withdrawn"), permissions=["change"])
    def withdraw(self, request: HttpRequest, queryset: QuerySet[Application]) -> None:
        self.move(request, queryset, Stage.WITHDRAWN)

    @admin.action(description=_("Reject with a reason"), permissions=["change"])
    def reject_with_reason(self, request: HttpRequest, queryset: QuerySet[Application]) -> TemplateResponse | None:
        return self.ask_reason(
            request,
            queryset,
            action="reject_with_reason",
            title=_("Reject applications"),
            prompt=_("The reason is kept with each application and in its stage history."),
            submit=_("Reject"),
            then=lambda reason: self.move(request, queryset, Stage.REJECTED, reason=reason),
        )

    @admin.action(description=_("Hire despite a former-employee match (hr_admin)"), permissions=["override"])
    def hire_with_override(self, request: HttpRequest, queryset: QuerySet[Application]) -> TemplateResponse | None:
        return self.ask_reason(
            request,
            queryset,
            action="hire_with_override",
            title=_("Hire despite a former-employee match"),
            prompt=_("The override and its reason are recorded in the stage history."),
            submit=_("Hire"),
            then=lambda reason: self.move(request, queryset, Stage.HIRED, reason=reason, override=True),
        )

    @admin.action(description=_("Export the selected applications as CSV"), permissions=["view"])
    def export_csv(self, request: HttpRequest, queryset: QuerySet[Application]) -> HttpResponse:
        rows = queryset.select_related("candidate", "job").order_by("pk")[:EXPORT_LIMIT]
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="applications.csv"'
        writer = csv.writer(response)
        writer.writerow(["application", "candidate", "email", "job", "stage", "flags", "created_at"])
        exported = []
        for application in rows:
            exported.append(application.pk)
            candidate = application.candidate
            writer.writerow(
                [
                    application.pk,
                    _csv_safe(candidate.full_name),
                    _csv_safe(candidate.primary_email),
                    application.job.code,
                    application.stage,
                    " ".join(application.flags),
                    application.created_at.isoformat(),
                ]
            )
        # Personal data leaving the system: recorded like a file read.
        audit_file_read(
            user=acting_user(request),
            object_type=Application._meta.db_table,
            object_id="",
            what={"export": "csv", "applications": exported},
        )
        return response

    def has_override_permission(self, request: HttpRequest) -> bool:
        # application_move checks the role again; this only hides the action from others.
        return self.has_change_permission(request) and staff_has_role(request.user, HR_ADMIN)

    def ask_reason(
        self,
        request: HttpRequest,
        queryset: QuerySet[Application],
        *,
        action: str,
        title: StrOrPromise,
        prompt: StrOrPromise,
        submit: StrOrPromise,
        then: Callable[[str], None],
    ) -> TemplateResponse | None:
        """An action's intermediate page: ask for a reason, then run ``then`` with it.
        The page posts the action and the selection back to the changelist."""
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            then(form.cleaned_data["reason"])
            return None  # back to the list, with the messages
        return self.confirm_selection(
            request,
            queryset,
            action=action,
            title=title,
            template="admin/applications/reason_confirmation.html",
            prompt=prompt,
            submit_label=submit,
            form=form,
        )
