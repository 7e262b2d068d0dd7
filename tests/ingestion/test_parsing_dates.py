"""Dates and ranges as resumes print them, in English, German, French and Spanish."""

import pytest

from apps.ingestion.parsing.dates import YearMonth, find_ranges, strip_dates
from apps.ingestion.parsing.text import clean


def one_range(text: str) -> tuple[str | None, str | None, bool]:
    ranges = find_ranges(clean(text))
    assert len(ranges) == 1, ranges
    r = ranges[0]
    return (r.start.iso() if r.start else None, r.end.iso() if r.end else None, r.current)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jan 2019 - Present", ("2019-01", None, True)),
        ("January 2019 \u2013 present", ("2019-01", None, True)),
        ("03/2017 - 11/2019", ("2017-03", "2019-11", False)),
        ("2017-03 \u2013 2019-11", ("2017-03", "2019-11", False)),
        ("2015-2018", ("2015", "2018", False)),
        ("2015 \u2013 heute", ("2015", None, True)),
        ("seit 2020", ("2020", None, True)),
        ("Seit 03/2020", ("2020-03", None, True)),
        ("Mai 2018 - heute", ("2018-05", None, True)),
        ("Sept. 2019 bis Juni 2021", ("2019-09", "2021-06", False)),
        ("10.2019 \u2013 03.2021", ("2019-10", "2021-03", False)),
        ("depuis 2021", ("2021", None, True)),
        ("janv. 2020 \u2013 déc. 2021", ("2020-01", "2021-12", False)),
        ("2016 à ce jour", ("2016", None, True)),
        ("octobre 2019 à aujourd'hui", ("2019-10", None, True)),
        ("Enero 2019 a la actualidad", ("2019-01", None, True)),
        ("marzo de 2018 \u2013 presente", ("2018-03", None, True)),
        ("2019 hasta la fecha", ("2019", None, True)),
        ("Mar. 2010 \u00ad Aug. 2017", ("2010-03", "2017-08", False)),
        ("May - Aug 2019", ("2019-05", "2019-08", False)),
        ("2018\u2014Present", ("2018", None, True)),
        ("Oct. 2021 \u2013 Current", ("2021-10", None, True)),
        ("Jan '19 \u2013 Dec '21", ("2019-01", "2021-12", False)),
        ("Jan \u201919 \u2013 Present", ("2019-01", None, True)),
        ("Jun 2018 \u2013 Till Date", ("2018-06", None, True)),
        ("June 2018 to date", ("2018-06", None, True)),
    ],
)
def test_it_reads_each_common_range_format(text: str, expected: tuple[str | None, str | None, bool]) -> None:
    assert one_range(text) == expected


def test_a_lone_date_is_a_one_point_range() -> None:
    assert one_range("Grad. May 2011") == ("2011-05", "2011-05", False)


def test_phone_numbers_and_plain_words_hold_no_dates() -> None:
    assert find_ranges("(123) 456-7890") == []
    assert find_ranges("Program Manager, Example Co.") == []
    assert find_ranges("Marketing Manager") == []


def test_strip_dates_leaves_the_rest_of_the_line() -> None:
    assert strip_dates("June 2014 \u2013 Sep 2014 | Mountain View, CA") == "Mountain View, CA"
    assert strip_dates("Software Engineer at Google 2019 to present") == "Software Engineer at Google"


def test_an_unknown_month_counts_as_january_at_the_start_and_december_at_the_end() -> None:
    assert YearMonth(2015).index(end=False) == 2015 * 12
    assert YearMonth(2015).index(end=True) == 2015 * 12 + 11
    assert YearMonth(2015, 3).index(end=True) == 2015 * 12 + 2


@pytest.mark.parametrize(
    "text",
    [
        "Hotel Manager | MAY 2019 - PRESENT",
        # "İ" lower-cases to two characters: the case-insensitive pattern reads the original text.
        "İSTANBUL | MAY 2019 - PRESENT",
        "İstanbul | May 2019 - Present",
    ],
)
def test_capital_months_and_open_ends_are_read_on_either_path(text: str) -> None:
    assert one_range(text) == ("2019-05", None, True)


def test_a_date_glued_to_a_word_is_no_date() -> None:
    assert find_ranges("ISO27001 audit, X2019") == []


def test_a_quarter_is_read_as_its_first_month() -> None:
    assert one_range("Q3 2019") == ("2019-07", "2019-07", False)
    assert one_range("Q3 2019 \u2013 Q1 2021") == ("2019-07", "2021-01", False)
    assert one_range("Q4 2020 - present") == ("2020-10", None, True)


def test_portuguese_and_spanish_open_ends_with_an_article() -> None:
    assert one_range("outubro de 2019 \u2013 o momento") == ("2019-10", None, True)
    assert one_range("marzo 2018 - al momento") == ("2018-03", None, True)
    assert one_range("janeiro 2020 \u2013 até agora") == ("2020-01", None, True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09/2019 \u2013 in corso", ("2019-09", None, True)),
        ("mag. 2017 \u2013 dic. 2019", ("2017-05", "2019-12", False)),
        ("dal 2020 ad oggi", ("2020", None, True)),
        ("Set. 2020 \u2013 atualmente", ("2020-09", None, True)),
        ("jan/2019 \u2013 atual", ("2019-01", None, True)),
        ("março de 2019 até 2021", ("2019-03", "2021", False)),
        ("mrt. 2018 - heden", ("2018-03", None, True)),
        ("sinds 2020", ("2020", None, True)),
        ("wrzesień 2019 \u2013 obecnie", ("2019-09", None, True)),
        ("od września 2019", ("2019-09", None, True)),
        ("październik 2015 \u2013 luty 2019", ("2015-10", "2019-02", False)),
    ],
)
def test_it_reads_italian_portuguese_dutch_and_polish_ranges(
    text: str, expected: tuple[str | None, str | None, bool]
) -> None:
    assert one_range(text) == expected


def test_a_since_word_must_start_a_word() -> None:
    # "da" and "ab" are "since" in Italian and German, and also the end of "Florida" and "Lab".
    assert one_range("University of Florida 2019") == ("2019", "2019", False)
    assert one_range("Robotics Lab 2019") == ("2019", "2019", False)


def test_an_apostrophe_year_alone_is_a_year_not_an_error() -> None:
    assert one_range("'22") == ("2022", "2022", False)
    assert one_range("Class of '22, GPA 3.8") == ("2022", "2022", False)


@pytest.mark.parametrize(
    "text", ["2019/07 \u2013 迄今", "2019.07 - 目前", "2019年7月\uff5e現職", "2019.07 \u2014 到现在"]
)
def test_chinese_and_japanese_open_ends(text: str) -> None:
    assert one_range(text) == ("2019-07", None, True)


def test_italian_open_ends() -> None:
    assert one_range("01/03/2020 - alla data attuale") == ("2020-03", None, True)
    assert one_range("marzo 2020 - attualmente") == ("2020-03", None, True)


def test_greek_month_abbreviations_and_a_portuguese_open_end() -> None:
    assert one_range("Ιούν 2013 \u2013 Αύγ 2018") == ("2013-06", "2018-08", False)
    assert one_range("Janeiro de 2020 até à data") == ("2020-01", None, True)


def test_a_month_joined_to_its_year_by_a_hyphen() -> None:
    assert one_range("Jul-2018 to Mar-2021") == ("2018-07", "2021-03", False)
    assert one_range("Apr-2021 to Till Date") == ("2021-04", None, True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017. 09. \u2013 2021. 03.", ("2017-09", "2021-03", False)),
        ("2021. 04. \u2013 jelenleg", ("2021-04", None, True)),
        ("2021\u2013 \u00b7 Sosiaaliohjaaja, Tampereen kaupunki", ("2021", None, True)),
    ],
)
def test_hungarian_dates_and_an_open_dash_before_the_entry_s_other_fields(
    text: str, expected: tuple[str | None, str | None, bool]
) -> None:
    assert one_range(text) == expected


def test_an_open_dash_before_the_other_fields_leaves_them_in_the_line() -> None:
    assert strip_dates("2021\u2013 \u00b7 Sosiaaliohjaaja") == "\u00b7 Sosiaaliohjaaja"
