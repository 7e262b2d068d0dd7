"""ats.filters.QueryFilterBackend: a filter set is built only when the query string names one of its filters."""

from collections.abc import Iterator
from typing import Any

import pytest
from django_filters import rest_framework as filters
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from apps.candidates.models import Candidate
from apps.tenants.context import tenant_context
from ats.filters import QueryFilterBackend
from tests.conftest import TenantFixture
from tests.factories import CandidateFactory

pytestmark = pytest.mark.django_db


class CreatedFilter(filters.FilterSet):  # type: ignore[misc]  # django-filter is untyped
    source = filters.MultipleChoiceFilter(choices=Candidate.Source.choices)
    created = filters.DateFromToRangeFilter(field_name="created_at")  # reads created_after and created_before

    class Meta:
        model = Candidate
        fields = ["source", "created"]


class View:
    filterset_class = CreatedFilter


@pytest.fixture
def candidates(alpha: TenantFixture) -> Iterator[list[Candidate]]:
    with tenant_context(alpha.tenant, actor="test"):
        yield [CandidateFactory(), CandidateFactory(source=Candidate.Source.EMAIL)]


def filtered(query: dict[str, Any]) -> set[int]:
    request = Request(APIRequestFactory().get("/", query))
    queryset = QueryFilterBackend().filter_queryset(request, Candidate.objects.all(), View())
    return set(queryset.values_list("pk", flat=True))


def test_without_a_filter_named_nothing_is_filtered(candidates: list[Candidate]) -> None:
    assert filtered({"page_size": "10", "ordering": "created_at"}) == {candidate.pk for candidate in candidates}


def test_a_filter_named_filters(candidates: list[Candidate]) -> None:
    assert filtered({"source": "email"}) == {candidates[1].pk}


def test_a_filter_read_under_a_suffixed_name_filters(candidates: list[Candidate]) -> None:
    assert filtered({"created_after": "2999-01-01"}) == set()


def test_a_bad_filter_value_is_still_refused(candidates: list[Candidate]) -> None:
    with pytest.raises(ValidationError):
        filtered({"source": "nonsense"})
