"""Building blocks of the staff console (the Django admin on tenant hosts):
the base class of every list of tenant records, read-only inlines, a paginator
that never counts millions of rows, and saving through services."""

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connections, models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_stubs_ext import StrOrPromise

from apps.tenants.admin import TenantHostOnly
from ats.errors import DomainError

if TYPE_CHECKING:
    from django.contrib.admin.filters import _ListFilterChoices

M = TypeVar("M", bound=models.Model)

# One refused row per message; past this many, the rest are summed up in one line.
REFUSALS_SHOWN = 10
# Rows named on an action's confirmation page; the count says how many there are in all.
CONFIRMATION_LISTED = 20


class EstimatedCountPaginator(Paginator[Any]):
    """Paginator for staff lists over tables that grow to millions of rows
    (``paginator = EstimatedCountPaginator`` on the ModelAdmin).

    Up to ``exact_up_to`` rows the count is exact: a bounded count stops there.
    Past it the count is PostgreSQL's estimate: the table's row count from its
    statistics when the list is unfiltered, the planner's row estimate for the
    query when it is filtered (a default filter, such as hiding archived rows,
    would otherwise force the full count on every page).
    """

    # COUNT(*) reads every row the list matches; at a million rows that is most of the page's time.
    exact_up_to = 10_000

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if not isinstance(queryset, QuerySet):
            return super().count
        # Only the key: a list's annotations (per-row counts, say) cost nothing here.
        bounded = queryset.order_by().values("pk")[: self.exact_up_to + 1].count()
        if bounded <= self.exact_up_to:
            return bounded
        return max(bounded, self.estimate(queryset))

    @staticmethod
    def estimate(queryset: QuerySet[Any]) -> int:
        with connections[queryset.db].cursor() as cursor:
            if not queryset.query.where:
                # The tenant's own table: the search_path names the tenant schema first.
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [queryset.model._meta.db_table]
                )
                row = cursor.fetchone()
                return int(row[0]) if row else 0
            # The ORM's own SQL for the list, its parameters still passed apart.
            sql, params = queryset.order_by().query.sql_with_params()
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            row = cursor.fetchone()
            if not row:
                return 0
            plan = json.loads(row[0]) if isinstance(row[0], str) else row[0]
            return int(plan[0]["Plan"]["Plan Rows"])


def take_over(form_instance: M, saved: M) -> None:
    """Make the admin's unsaved form instance the row a service created, so
    that the admin's log entry, inlines and redirect point at that row."""
    for field in saved._meta.concrete_fields:
        setattr(form_instance, field.attname, getattr(saved, field.attname))
    form_instance._state.adding = False
    form_instance._state.db = saved._state.db


class DefaultChoiceFilter(admin.SimpleListFilter):
    """A list filter whose unset value is a choice of its own, shown first as
    ``default_label`` (a queue opens on what is left to do, not on everything)."""

    parameter_name: str
    default_label: StrOrPromise

    def choices(self, changelist: ChangeList) -> Iterator["_ListFilterChoices"]:
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": self.default_label,
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class ServiceRefused(Exception):
    """A service refused an admin save: raised out of the admin's atomic block
    so that nothing of the save is kept, then shown on the form."""

    def __init__(self, message: str, field: str | None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ShowsRefusal(forms.BaseForm):
    """Added to the admin form when the form is shown again after a refusal."""

    refusal: ClassVar[ServiceRefused]

    def clean(self) -> dict[str, Any] | None:
        cleaned_data = super().clean()
        self.add_error(self.refusal.field if self.refusal.field in self.fields else None, self.refusal.message)
        return cleaned_data


class StaffConsoleAdmin(TenantHostOnly, admin.ModelAdmin[M]):
    """Base of the staff console's lists of tenant records: tenant hosts only,
    writes through services, no full counts, nothing deleted from here."""

    # Lists of these tables reach millions of rows: estimate their counts.
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    # DomainError.code -> the form field its message is shown on (else above the form).
    refusal_fields: ClassVar[dict[str, str]] = {}

    def has_delete_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        # No service deletes these records: archiving and closed stages keep the history.
        return False

    @contextmanager
    def refused_on_form(self) -> Iterator[None]:
        """Wrap service calls made while saving the change form."""
        try:
            yield
        except DomainError as error:
            raise ServiceRefused(error.message, self.refusal_fields.get(error.code)) from error
        except ValidationError as error:
            raise ServiceRefused(" ".join(error.messages), None) from error

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ServiceRefused as refusal:
            # The admin's atomic block has rolled the whole save back. Show the
            # submitted form again, with the refusal as a form error.
            request.service_refusal = refusal  # type: ignore[attr-defined]  # read by get_form below
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(
        self, request: HttpRequest, obj: M | None = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm[M]]:
        form = super().get_form(request, obj, change, **kwargs)
        refusal = getattr(request, "service_refusal", None)
        if refusal is None:
            return form
        refused = type(form.__name__, (ShowsRefusal, form), {"refusal": refusal})
        return cast("type[forms.ModelForm[M]]", refused)

    def describe(self, obj: M) -> str:
        """How a row is named in messages."""
        return str(obj)

    def confirm_selection(
        self,
        request: HttpRequest,
        queryset: QuerySet[M],
        *,
        action: str,
        title: StrOrPromise,
        template: str,
        **extra: Any,
    ) -> TemplateResponse:
        """An action's intermediate page (a template extending admin/confirmation.html):
        the selection it names, and what posts the action and the selection back to
        the list (admin/confirmation_selection.html)."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
            "count": queryset.count(),
            "listed": list(queryset[:CONFIRMATION_LISTED]),
            **extra,
        }
        return TemplateResponse(request, template, context)

    def run_on_each(
        self, request: HttpRequest, queryset: QuerySet[M], call: Callable[[M], object], *, done: Callable[[int], str]
    ) -> None:
        """An action's loop: call one service per selected row, report how many
        succeeded and why each refused row was refused."""
        succeeded = refused = 0
        for obj in queryset:
            try:
                call(obj)
            except DomainError as error:
                refused += 1
                if refused <= REFUSALS_SHOWN:
                    message = _("%(object)s: %(message)s") % {"object": self.describe(obj), "message": error.message}
                    self.message_user(request, message, messages.ERROR)
            else:
                succeeded += 1
        if refused > REFUSALS_SHOWN:
            more = refused - REFUSALS_SHOWN
            message = ngettext("%(count)d more was refused.", "%(count)d more were refused.", more) % {"count": more}
            self.message_user(request, message, messages.ERROR)
        if succeeded:
            self.message_user(request, done(succeeded), messages.SUCCESS)


class ReadOnlyInline:
    """An inline that shows records and never writes them."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
