"""Duplicates in the staff console: the review queue (both records side by
side), merges with undo (hr_admin), the tenant's thresholds, and the panel of
a candidate's page that lists the candidates they are or may be, with the
matcher's reasons, the review of each pair and the merges they took part in."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_stubs_ext import StrOrPromise

from apps.candidates.admin.reasons import reason_labels
from apps.candidates.models import Candidate, DuplicateReview, MatchSettings, Merge
from apps.candidates.selectors import duplicates_of, person_of
from apps.candidates.services import duplicate_review_decide, match_settings_update, merge_undo
from apps.staff.console import DefaultChoiceFilter, StaffConsoleAdmin, take_over
from apps.staff.selectors import acting_user
from ats.errors import DomainError

# Reviews and merges listed on a candidate's page, newest first (the queues have the rest).
PANEL_REVIEWS = 20
PANEL_MERGES = 20
VERDICTS: dict[str, StrOrPromise] = {"same": _("same person"), "possible": _("possible duplicate")}


# The rows of the side-by-side view of two candidates.
COMPARED = (
    (_("name"), lambda c: c.full_name),
    (_("emails"), lambda c: ", ".join(c.emails)),
    (_("phones"), lambda c: ", ".join(c.phones)),
    (_("location"), lambda c: c.location),
    (_("LinkedIn"), lambda c: c.linkedin_url),
    (_("GitHub"), lambda c: c.github_url),
    (_("status"), lambda c: c.get_status_display()),
    (_("left on"), lambda c: c.left_on or ""),
    (_("eligible for rehire"), lambda c: _("yes") if c.rehire_eligible else ""),
    (_("skills"), lambda c: ", ".join(c.skills)),
    (_("created at"), lambda c: date_format(localtime(c.created_at), "SHORT_DATETIME_FORMAT")),
    (
        _("archived at"),
        lambda c: date_format(localtime(c.archived_at), "SHORT_DATETIME_FORMAT") if c.archived_at else "",
    ),
)


def side_by_side(first: Candidate, second: Candidate) -> str:
    """Two candidates as a table, one column each, differing rows marked."""

    def link(candidate: Candidate) -> str:
        url = reverse("admin:candidates_candidate_change", args=[candidate.pk])
        return format_html('<a href="{}">#{}</a>', url, candidate.pk)

    rows = format_html_join(
        "",
        '<tr{}><th>{}</th><td>{}</td><td>{}</td></tr>',
        (
            (format_html(' style="background:{}"', "#fff3cd") if value(first) != value(second) else "", label,
             value(first), value(second))
            for label, value in COMPARED
        ),
    )  # fmt: skip
    return format_html(
        "<table><thead><tr><th></th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
        link(first),
        link(second),
        rows,
    )


class DuplicateStatusFilter(DefaultChoiceFilter):
    """Open items by default: the list is a queue."""

    title = _("status")
    parameter_name = "status"
    default_label = _("open")

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin[Any]) -> Iterable[tuple[str, StrOrPromise]]:
        return [(value, label) for value, label in DuplicateReview.Status.choices if value != "open"] + [
            ("all", _("All"))
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "all":
            return queryset
        return queryset.filter(status=self.value() or DuplicateReview.Status.OPEN)


@admin.register(DuplicateReview)
class DuplicateReviewAdmin(StaffConsoleAdmin[DuplicateReview]):
    """The duplicate review queue: both records side by side with the matcher's
    reasons; the actions decide through duplicate_review_decide."""

    list_display = ["__str__", "candidate_name", "other_name", "score", "reason_list", "status", "created_at"]
    list_display_links = ["__str__"]
    list_filter = [DuplicateStatusFilter]
    list_select_related = ["candidate", "other"]
    ordering = ["-created_at", "-id"]
    fields = readonly_fields = (
        "comparison",
        "score",
        "reason_list",
        "status",
        "decided_by",
        "decided_at",
        "created_at",
    )
    actions = ["decide_same", "decide_different"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("candidate"))
    def candidate_name(self, review: DuplicateReview) -> str:
        return review.candidate.full_name

    @admin.display(description=_("possible duplicate"))
    def other_name(self, review: DuplicateReview) -> str:
        return review.other.full_name

    @admin.display(description=_("reasons"))
    def reason_list(self, review: DuplicateReview) -> str:
        return "; ".join(reason_labels(review.reasons))

    @admin.display(description=_("the two records"))
    def comparison(self, review: DuplicateReview) -> str:
        return side_by_side(review.candidate, review.other)

    def _decide(self, request: HttpRequest, queryset: QuerySet[DuplicateReview], decision: str) -> None:
        actor = acting_user(request)
        self.run_on_each(
            request,
            queryset,
            lambda review: duplicate_review_decide(review=review, decision=decision, actor=actor),
            done=lambda count: (
                ngettext("%(count)d pair decided.", "%(count)d pairs decided.", count) % {"count": count}
            ),
        )

    @admin.action(description=_("Same person: merge the newer into the older (undoable)"), permissions=["change"])
    def decide_same(self, request: HttpRequest, queryset: QuerySet[DuplicateReview]) -> None:
        self._decide(request, queryset, DuplicateReview.Status.SAME)

    @admin.action(description=_("Different people: never flag the pair again"), permissions=["change"])
    def decide_different(self, request: HttpRequest, queryset: QuerySet[DuplicateReview]) -> None:
        self._decide(request, queryset, DuplicateReview.Status.DIFFERENT)


@admin.register(Merge)
class MergeAdmin(StaffConsoleAdmin[Merge]):
    """Merges of candidates; an hr_admin (change permission) can undo one."""

    list_display = ["__str__", "survivor", "merged", "actor", "created_at", "undone_at", "undone_by"]
    list_select_related = ["survivor", "merged", "actor", "undone_by"]
    ordering = ["-created_at", "-id"]
    fields = readonly_fields = ("comparison", "moved", "actor", "created_at", "undone_at", "undone_by")
    actions = ["undo"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_urls(self) -> list[URLPattern]:
        undo = self.admin_site.admin_view(self.undo_view)
        return [path("<int:object_id>/undo/", undo, name="candidates_merge_undo"), *super().get_urls()]

    def undo_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        """Undo one merge (the candidate page's link): asks first, then undoes it
        through merge_undo and goes back to ``next`` (a page of this site)."""
        merge = self.get_object(request, str(object_id))
        if merge is None:
            raise Http404
        if not self.has_change_permission(request, merge):
            raise PermissionDenied
        back = request.POST.get("next") or request.GET.get("next") or ""
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = reverse(f"{self.admin_site.name}:candidates_merge_change", args=[merge.pk])
        if request.method == "POST":
            try:
                merge_undo(merge=merge, actor=acting_user(request))
            except DomainError as error:
                self.message_user(request, error.message, messages.ERROR)
            else:
                self.message_user(
                    request,
                    ngettext("%(count)d merge undone.", "%(count)d merges undone.", 1) % {"count": 1},
                    messages.SUCCESS,
                )
            return redirect(back)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Undo a merge"),
            "merge": merge,
            "comparison": side_by_side(merge.survivor, merge.merged),
            "back": back,
        }
        return TemplateResponse(request, "admin/candidates/merge/undo_confirmation.html", context)

    @admin.display(description=_("survivor and merged candidate"))
    def comparison(self, merge: Merge) -> str:
        return side_by_side(merge.survivor, merge.merged)

    @admin.action(description=_("Undo the selected merges"), permissions=["change"])
    def undo(self, request: HttpRequest, queryset: QuerySet[Merge]) -> None:
        actor = acting_user(request)
        self.run_on_each(
            request,
            # Newest first: a later merge of the same candidates has to be undone first.
            queryset.filter(undone_at__isnull=True).order_by("-id"),
            lambda merge: merge_undo(merge=merge, actor=actor),
            done=lambda count: (
                ngettext("%(count)d merge undone.", "%(count)d merges undone.", count) % {"count": count}
            ),
        )


@admin.register(MatchSettings)
class MatchSettingsAdmin(StaffConsoleAdmin[MatchSettings]):
    """The tenant's duplicate thresholds (one row), saved through match_settings_update."""

    list_display = ["__str__", "same_threshold", "possible_threshold"]
    fields = ["same_threshold", "possible_threshold"]
    refusal_fields = {"invalid_thresholds": "possible_threshold"}

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not MatchSettings.objects.exists()

    def save_model(
        self, request: HttpRequest, obj: MatchSettings, form: forms.ModelForm[MatchSettings], change: bool
    ) -> None:
        with self.refused_on_form():
            saved = match_settings_update(
                same_threshold=form.cleaned_data["same_threshold"],
                possible_threshold=form.cleaned_data["possible_threshold"],
            )
        take_over(obj, saved)


# --- The candidate page's panel ------------------------------------------------------


@dataclass(frozen=True)
class DuplicateRow:
    """A candidate this one is or may be: the matcher's score and reasons now
    (or the review's, when the matcher no longer finds the pair), and the review."""

    other: Candidate
    other_url: str
    score: float
    reasons: list[str]
    verdict: StrOrPromise  # the matcher's verdict now, or "" when it no longer finds the pair
    status: StrOrPromise
    review_url: str


@dataclass(frozen=True)
class MergeRow:
    merge: Merge
    other: Candidate
    other_url: str
    survived: bool  # this candidate is the survivor: the other was merged into it
    undo_url: str  # "" when undone, or when the user may not undo merges


def duplicates_panel(request: HttpRequest, candidate: Candidate, *, site: str) -> dict[str, Any]:
    """What the candidate page's duplicates panel shows, in four queries: the
    matcher's lookup of this candidate (apps.candidates.selectors.duplicates_of,
    as GET /api/candidates/{id}/duplicates/), the pairs staff decided different,
    this candidate's review items and merges, each with both candidates."""

    def change_url(name: str, pk: int) -> str:
        return reverse(f"{site}:candidates_{name}_change", args=[pk])

    may_review = request.user.has_perm("candidates.view_duplicatereview")
    reviews = (
        DuplicateReview.objects.filter(Q(candidate=candidate) | Q(other=candidate))
        .select_related("candidate", "other")
        .order_by("-created_at", "-id")[:PANEL_REVIEWS]
    )
    review_of = {
        review.other_id if review.candidate_id == candidate.pk else review.candidate_id: review for review in reviews
    }

    def row(other: Candidate, score: float, reasons: Iterable[str], verdict: StrOrPromise) -> DuplicateRow:
        review = review_of.pop(other.pk, None)
        return DuplicateRow(
            other=other,
            other_url=change_url("candidate", other.pk),
            score=score,
            reasons=reason_labels(reasons),
            verdict=verdict,
            status=review.get_status_display() if review is not None else _("not reviewed"),
            review_url=change_url("duplicatereview", review.pk) if review is not None and may_review else "",
        )

    found = duplicates_of(person_of(candidate), exclude=candidate.pk)
    rows = [row(item.candidate, item.match.score, item.match.reasons, VERDICTS[item.outcome]) for item in found]
    # Pairs the matcher no longer finds: decided different, or merged (a merged candidate has no keys).
    for review in list(review_of.values()):
        other = review.other if review.candidate_id == candidate.pk else review.candidate
        rows.append(row(other, review.score, review.reasons, ""))
    may_undo = request.user.has_perm("candidates.change_merge")
    merges = (
        Merge.objects.filter(Q(survivor=candidate) | Q(merged=candidate))
        .select_related("survivor", "merged", "actor", "undone_by")
        .order_by("-created_at", "-id")[:PANEL_MERGES]
    )
    back = change_url("candidate", candidate.pk)
    merge_rows = []
    for merge in merges:
        survived = merge.survivor_id == candidate.pk
        other = merge.merged if survived else merge.survivor
        undo = ""
        if may_undo and merge.undone_at is None:
            undo = reverse(f"{site}:candidates_merge_undo", args=[merge.pk]) + "?" + urlencode({"next": back})
        merge_rows.append(MergeRow(merge, other, change_url("candidate", other.pk), survived, undo))
    return {"rows": rows, "merges": merge_rows}
