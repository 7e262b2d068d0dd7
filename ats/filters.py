"""Query-string filter parts shared by the API's filter sets, and the filter backend."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django_filters import IsoDateTimeFilter
from django_filters.fields import IsoDateTimeField
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.request import Request


class UtcIsoDateTimeField(IsoDateTimeField):  # type: ignore[misc]  # django-filter is untyped
    """An ISO 8601 date and time, handed to the database in UTC.

    Python accepts UTC offsets up to 24 hours, PostgreSQL only up to 15:59: an
    offset such as +16:05 reached the query as it was and failed there (a 500)."""

    def to_python(self, value: Any) -> datetime.datetime | None:
        parsed: datetime.datetime | None = super().to_python(value)
        if parsed is None:
            return None
        try:
            return parsed.astimezone(datetime.UTC)
        except OverflowError:  # 0001-01-01T00:00+01:00 is a moment before year 1
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class UtcIsoDateTimeFilter(IsoDateTimeFilter):  # type: ignore[misc]  # django-filter is untyped
    field_class = UtcIsoDateTimeField


class QueryFilterBackend(DjangoFilterBackend):  # type: ignore[misc]  # django-filter is untyped
    """django-filter's backend, left out when the query string names none of the
    view's filters: with no filter given a filter set filters nothing, and building
    and validating its form cost more CPU than the rest of a list request's Python."""

    def filter_queryset(self, request: Request, queryset: QuerySet[Any], view: Any) -> QuerySet[Any]:
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return queryset
        # A filter's form field may read "<name>_<suffix>" (range widgets), hence startswith.
        names = tuple(filterset_class.base_filters)
        if not any(key.startswith(names) for key in request.query_params):
            return queryset
        filtered: QuerySet[Any] = super().filter_queryset(request, queryset, view)
        return filtered
