"""Total experience in months from a merged timeline of jobs.

Month arithmetic, inclusive at both ends: a job from Jan 2019 to Mar 2019 counts
January, February and March, 3 months. A range with only years counts from
January of its first year to December of its last ("2015 - 2018" is 48 months),
but never past the parse date. An ongoing job ("present") ends in the month of
the parse date. Overlapping or touching ranges are merged and counted once;
gaps between them count nothing. A range that starts after the parse date, or
ends before it starts, is ignored.
"""

import datetime
from collections.abc import Sequence

from .dates import YearMonth


def month_index(date: datetime.date) -> int:
    return date.year * 12 + date.month - 1


def total_months(spans: Sequence[tuple[YearMonth | None, YearMonth | None, bool]], *, today: datetime.date) -> int:
    """``spans`` are (start, end, current); an end of None without current is a
    one-month entry at its start."""
    now = month_index(today)
    intervals: list[tuple[int, int]] = []
    for start, end, current in spans:
        if start is None:
            continue
        first = start.index(end=False)
        if current:
            last = now
        elif end is not None:
            last = end.index(end=True)
        else:
            last = start.index(end=True)
        last = min(last, now)
        if first > last:
            continue
        intervals.append((first, last))
    intervals.sort()
    total = 0
    merged_start, merged_end = -1, -2
    for first, last in intervals:
        if first > merged_end + 1:
            total += merged_end - merged_start + 1 if merged_end >= merged_start else 0
            merged_start, merged_end = first, last
        else:
            merged_end = max(merged_end, last)
    if merged_end >= merged_start:
        total += merged_end - merged_start + 1
    return total
