"""Query-string filters of /api/candidates/."""

from django.db.models import QuerySet
from django_filters import rest_framework as filters

from apps.candidates.models import Candidate
from apps.candidates.selectors import candidate_with_skills
from ats.filters import UtcIsoDateTimeFilter


class CandidateFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=Candidate.Status.choices)
    source = filters.MultipleChoiceFilter(choices=Candidate.Source.choices)
    skills = filters.CharFilter(method="filter_skills", help_text="Comma-separated; a candidate has them all.")
    created_after = UtcIsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = UtcIsoDateTimeFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = Candidate
        fields = ["status", "source", "skills", "created_after", "created_before"]

    def filter_skills(self, queryset: QuerySet[Candidate], name: str, value: str) -> QuerySet[Candidate]:
        keys = [skill.strip().casefold() for skill in value.split(",") if skill.strip()]
        return candidate_with_skills(queryset, keys) if keys else queryset
