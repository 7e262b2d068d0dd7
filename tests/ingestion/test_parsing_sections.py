"""Section headings on pages without type sizes (OCR, plain text)."""

import datetime

from apps.ingestion.document import Document, Line
from apps.ingestion.parsing import parse

TODAY = datetime.date(2026, 11, 26)


def skills_of(*lines: Line) -> list[str]:
    return parse(Document(ok=True, kind="pdf", lines=list(lines), pages=1), today=TODAY).skills


def test_languages_after_a_one_line_list_of_skills_are_not_skills() -> None:
    skills = skills_of(
        Line("Skills", x=58, y=40),
        Line("Python • Django • PostgreSQL", x=58, y=60),
        Line("Languages", x=58, y=82),
        Line("English (native), German (basic), French (B2)", x=58, y=100),
    )
    assert "Python" in skills
    assert not {"English", "German", "French"} & set(skills)


def test_languages_set_further_below_a_skills_column_are_not_skills() -> None:
    skills = skills_of(
        Line("Skills", x=32, y=200),
        Line("Excel", x=32, y=245),
        Line("SAP", x=32, y=260),
        Line("Languages", x=32, y=281),
        Line("English (native)", x=32, y=299),
        Line("Spanish (intermediate)", x=32, y=315),
    )
    assert "SAP" in skills
    assert not {"English", "Spanish"} & set(skills)


def test_a_weak_heading_word_evenly_spaced_in_a_skills_column_stays_a_skill() -> None:
    skills = skills_of(
        Line("Skills", x=32, y=200),
        Line("Excel", x=32, y=245),
        Line("SAP", x=32, y=260),
        Line("Leadership", x=32, y=275),
        Line("Jira", x=32, y=290),
    )
    assert {"SAP", "Jira"} <= set(skills)
