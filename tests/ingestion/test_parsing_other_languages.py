"""Resumes in Italian, Portuguese, Dutch and Polish: headings, dates and entry words."""

import datetime

from apps.ingestion.document import Document, Line
from apps.ingestion.parsing import parse
from apps.ingestion.parsing.result import ParsedResume

TODAY = datetime.date(2026, 11, 26)


def parsed(text: str) -> ParsedResume:
    lines = [Line(t) for t in text.splitlines() if t.strip()]
    return parse(Document(ok=True, kind="text", lines=lines, pages=1), today=TODAY)


def test_italian_dutch_portuguese_and_polish_headings_open_their_sections() -> None:
    for experience, education in (
        ("Esperienza professionale", "Istruzione"),
        ("Werkervaring", "Opleiding"),
        ("Experiência profissional", "Formação académica"),
        ("Doświadczenie zawodowe", "Wykształcenie"),
    ):
        resume = parsed(
            f"Anna Verdi\nanna@example.com\n{experience}\nProject Manager, Acme Ltd\n2019 - 2021\n"
            f"{education}\nUniversity of Leeds\nBSc Mathematics, 2014 - 2017\n"
        )
        assert [(e.employer, e.title) for e in resume.experience] == [("Acme Ltd", "Project Manager")], experience
        assert [s.institution for s in resume.education] == ["University of Leeds"], education


def test_the_languages_under_a_polish_languages_heading_are_not_skills() -> None:
    resume = parsed("Anna Kowalska\nanna@example.com\nUmiejętności\nExcel, SAP\nJęzyki\npolski, angielski\n")
    assert resume.skills == ["Excel", "SAP"]
