"""Query-string filter parts shared by the API's filter sets."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django_filters import IsoDateTimeFilter
from django_filters.fields import IsoDateTimeField


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
