"""Query-string filters of /api/jobs/ and /api/applications/."""

from django.db.models import QuerySet
from django_filters import rest_framework as filters

from apps.applications.models import Application, Job, Stage
from ats.filters import UtcIsoDateTimeFilter


class JobFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=Job.Status.choices)

    class Meta:
        model = Job
        fields = ["status", "department"]


class ApplicationFilter(filters.FilterSet):
    stage = filters.MultipleChoiceFilter(choices=Stage.choices)
    flag = filters.CharFilter(method="filter_flag", help_text="e.g. rehire_review")
    created_after = UtcIsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = UtcIsoDateTimeFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = Application
        fields = ["stage", "job", "candidate", "flag", "created_after", "created_before"]

    def filter_flag(self, queryset: QuerySet[Application], name: str, value: str) -> QuerySet[Application]:
        return queryset.filter(flags__contains=[value])
