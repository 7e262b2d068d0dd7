"""Property tests: any text as a Document parses without raising, into the schema."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.ingestion.document import Document, Line
from apps.ingestion.parsing import PARSER_VERSION, parse
from apps.ingestion.parsing.result import JSON_KEYS

TODAY = datetime.date(2026, 11, 26)
_alphabet = st.characters(codec="utf-8")  # UTF-8 has no lone surrogates
_fragments = st.sampled_from(
    [
        "Experience",
        "EDUCATION",
        "Skills:",
        "2015 - 2018",
        "Jan 2019 - Present",
        "seit 2020",
        "à ce jour",
        "+49 30 1234567",
        "(555) 222-3333",
        "jane@example.com",
        "linkedin.com/in/x",
        "• ",
        " | ",
        "\u2013",
        "Inc.",
        "University of X",
        "B.S. in CS",
        "Berlin, Germany",
        "Software Engineer",
        "03/2017",
        "xxx",
        "\t",
        "  ",
    ]
)
_line_text = st.lists(st.one_of(st.text(_alphabet, max_size=40), _fragments), max_size=6).map("".join)
_lines = st.lists(
    st.builds(
        Line,
        text=_line_text,
        page=st.integers(0, 3),
        size=st.sampled_from([0.0, 8.0, 10.0, 14.0, 24.0]),
        bold=st.booleans(),
        x=st.floats(0, 600, allow_nan=False),
        y=st.floats(0, 800, allow_nan=False),
        column=st.integers(0, 1),
    ),
    max_size=40,
)


def _check_schema(data: dict[str, object]) -> None:
    assert tuple(data) == JSON_KEYS
    assert data["name"] is None or isinstance(data["name"], str)
    for key in ("emails", "phones", "links", "skills", "warnings"):
        value = data[key]
        assert isinstance(value, list)
        assert all(isinstance(v, str) for v in value)
    assert data["location"] is None or isinstance(data["location"], str)
    assert data["summary"] is None or isinstance(data["summary"], str)
    assert isinstance(data["total_experience_months"], int)
    assert data["total_experience_months"] >= 0
    assert isinstance(data["ocr_used"], bool)
    assert isinstance(data["pages"], int)
    assert data["parser_version"] == PARSER_VERSION
    education = data["education"]
    assert isinstance(education, list)
    for school in education:
        assert set(school) == {"institution", "degree", "field", "start", "end"}
    experience = data["experience"]
    assert isinstance(experience, list)
    for job in experience:
        assert set(job) == {"employer", "title", "start", "end", "current"}
        assert isinstance(job["current"], bool)
        for key in ("start", "end"):
            assert job[key] is None or (isinstance(job[key], str) and len(job[key]) in (4, 7))
    confidence = data["confidence"]
    assert isinstance(confidence, dict)
    for entry in confidence.values():
        assert 0.0 <= entry["score"] <= 1.0
        assert entry["source"] in ("text", "ocr")
    for phone in data["phones"]:  # type: ignore[attr-defined]
        assert phone.startswith("+")
        assert phone[1:].isdigit()


@pytest.mark.property
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=_lines, ocr=st.booleans(), pages=st.integers(0, 5))
def test_any_document_parses_into_the_schema(lines: list[Line], ocr: bool, pages: int) -> None:
    document = Document(ok=True, kind="pdf", lines=lines, pages=pages, ocr_used=ocr, ocr_pages=[0] if ocr else [])
    result = parse(document, today=TODAY)
    data = result.to_json()
    _check_schema(data)
    assert not any(w.startswith("parser error") for w in result.warnings), result.warnings


@pytest.mark.property
@settings(max_examples=200, deadline=None)
@given(text=st.text(_alphabet, max_size=2000))
def test_any_plain_text_parses_into_the_schema(text: str) -> None:
    document = Document(ok=True, kind="text", lines=[Line(t) for t in text.splitlines()], pages=1)
    result = parse(document, today=TODAY)
    _check_schema(result.to_json())
    assert not any(w.startswith("parser error") for w in result.warnings), result.warnings


def test_a_failed_document_gives_an_empty_result_with_its_reason() -> None:
    result = parse(Document.failed("encrypted", kind="pdf"), today=TODAY)
    assert result.name is None
    assert result.experience == []
    assert result.warnings == ["extraction failed: encrypted"]
    _check_schema(result.to_json())


def test_parsing_is_deterministic() -> None:
    lines = [
        Line("Jane Doe", size=20),
        Line("jane@example.com"),
        Line("Experience"),
        Line("Engineer, Acme | 2019 - 2021"),
    ]
    document = Document(ok=True, kind="pdf", lines=lines, pages=1)
    assert parse(document, today=TODAY).to_json() == parse(document, today=TODAY).to_json()
