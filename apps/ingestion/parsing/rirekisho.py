"""The history table of a Japanese rirekisho (履歴書), the form most Japanese resumes use.

Under 学歴 (schools) and 職歴 (work) each row is one event with its year and month:
"2009 4 | 早稲田大学 商学部 入学" enters a school, "2013 3 | 早稲田大学 商学部 卒業" leaves it,
"2018 4 | 株式会社リクルート 入社（法人営業）" joins a company in a role, "現在に至る" says the
last one is held to this day. Entries are made by pairing each entry with its leaving.
"""

# ruff: noqa: RUF001, RUF002  # fullwidth brackets, as rirekisho print them

import re
from dataclasses import dataclass

from .dates import DateRange, YearMonth
from .education import School
from .experience import Job
from .layout import Row

# The year in the Western calendar or in an era ("平成27" is 2015, "令和元" 2019); the month
# may be missing where its cell was not read.
_EVENT_RE = re.compile(
    r"^(?:((?:19|20)\d\d)|(昭和|平成|令和)\s*(\d{1,2}|元))\s*年?\s*(?:\|?\s*(\d{1,2})\s*月)?\s*(?:(\d{1,2})\s*\|)?"
    r"\s*\|?\s*(.+)$"
)
_ERA_START = {"昭和": 1926, "平成": 1989, "令和": 2019}
# "学 歴", "■学歴", "【職歴】": the table's two headings, however decorated.
_NOT_LETTERS_RE = re.compile(r"[\W_]+")
_ENTERED = ("入学", "入社", "入職", "入所", "入行", "編入学")
_LEFT = ("卒業", "修了", "退社", "退職", "退学", "中退", "満了")
_ROLE_RE = re.compile(r"[（(]([^）)]+)[）)]")
_STILL = "現在に至る"


@dataclass(slots=True)
class _Stay:
    place: str  # the school or employer, the event row's first word
    detail: str  # the faculty, or the role in brackets
    start: YearMonth
    row: int
    end: YearMonth | None = None
    current: bool = False


@dataclass(slots=True)
class History:
    schools: list[School]
    jobs: list[Job]
    rows: set[int]  # the table's rows: what the section parsers would misread as entries


def read_history(rows: list[Row]) -> History:
    """The schools and jobs of the history table; all empty when there is no such table."""
    table: dict[str, list[_Stay]] = {"学歴": [], "職歴": []}
    kind = ""
    read: set[int] = set()
    for row in rows:
        bare = _NOT_LETTERS_RE.sub("", row.text)
        if bare in table:
            kind = bare
            read.add(row.index)
            continue
        if not kind:
            continue
        if bare == _STILL:
            for stay in table[kind]:
                stay.current = stay.end is None
            read.add(row.index)
            continue
        event = _EVENT_RE.match(row.text)
        if event is not None:
            _record(table[kind], _when(event), event.group(6), row.index)
            read.add(row.index)
    schools = [_school(stay) for stay in table["学歴"]]
    jobs = [Job(s.place, s.detail, s.start, s.end, s.current, (s.row,)) for s in table["職歴"]]
    return History(schools, jobs, read if schools or jobs else set())


def _when(event: "re.Match[str]") -> YearMonth:
    western, era, era_year, month, bare_month = event.groups()[:5]
    year = int(western) if western else _ERA_START[era] + (1 if era_year == "元" else int(era_year)) - 1
    return YearMonth(year, int(month or bare_month or 0))


def _record(stays: list[_Stay], when: YearMonth, text: str, row: int) -> None:
    words = text.replace("|", " ").split()
    if not words:
        return
    place = words[0]
    if any(mark in text for mark in _LEFT):
        # "一身上の都合により退職" (left for personal reasons) names no place: the last one still open.
        stay = next((s for s in reversed(stays) if s.place == place and s.end is None), None) or next(
            (s for s in reversed(stays) if s.end is None), None
        )
        if stay is not None:
            stay.end = when
    elif any(mark in text for mark in _ENTERED):
        role = _ROLE_RE.search(text)
        rest = " ".join(w for w in words[1:] if not w.startswith(_ENTERED))
        stays.append(_Stay(place, role.group(1) if role else rest, when, row))


def _school(stay: _Stay) -> School:
    return School(
        institution=stay.place,
        field=stay.detail,
        ranges=[DateRange(stay.start, stay.end, stay.end is None, 0, 0)],
    )
