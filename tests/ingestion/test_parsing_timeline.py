"""Total experience: inclusive months, overlaps once, gaps excluded, present = the parse date."""

import datetime

from apps.ingestion.parsing.dates import YearMonth as YM
from apps.ingestion.parsing.timeline import total_months

TODAY = datetime.date(2026, 11, 26)


def test_both_end_months_count() -> None:
    assert total_months([(YM(2019, 1), YM(2019, 3), False)], today=TODAY) == 3


def test_overlapping_jobs_count_once() -> None:
    spans = [(YM(2019, 1), YM(2019, 12), False), (YM(2019, 6), YM(2020, 5), False)]
    assert total_months(spans, today=TODAY) == 17


def test_gaps_are_not_experience() -> None:
    spans = [(YM(2018, 1), YM(2018, 6), False), (YM(2019, 1), YM(2019, 6), False)]
    assert total_months(spans, today=TODAY) == 12


def test_present_ends_at_the_parse_date() -> None:
    assert total_months([(YM(2026, 1), None, True)], today=TODAY) == 11
    assert total_months([(YM(2026, 1), None, True)], today=datetime.date(2026, 6, 1)) == 6


def test_year_only_ranges_span_whole_years_but_not_the_future() -> None:
    assert total_months([(YM(2015), YM(2018), False)], today=TODAY) == 48
    assert total_months([(YM(2026), YM(2026), False)], today=TODAY) == 11


def test_a_job_starting_in_the_future_or_ending_before_it_starts_is_ignored() -> None:
    assert total_months([(YM(2030, 1), None, True)], today=TODAY) == 0
    assert total_months([(YM(2020, 5), YM(2019, 1), False)], today=TODAY) == 0


def test_a_job_nested_in_another_adds_nothing() -> None:
    spans = [(YM(2010, 1), YM(2020, 12), False), (YM(2012, 1), YM(2013, 1), False)]
    assert total_months(spans, today=TODAY) == 132
