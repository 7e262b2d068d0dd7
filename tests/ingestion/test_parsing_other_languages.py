"""Resumes in Italian, Portuguese, Dutch and Polish: headings, dates and entry words."""

import datetime

from apps.ingestion.document import Document, Line
from apps.ingestion.parsing import parse
from apps.ingestion.parsing.education import split_degree
from apps.ingestion.parsing.lexicon import is_institution, legal_form_score, title_score
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


def test_legal_forms_printed_with_dots_mark_an_employer() -> None:
    for employer in ("Reply S.p.A.", "Coolblue B.V.", "Ordina N.V.", "Deloitte Polska Sp. z o.o.", "Natura Lda."):
        assert legal_form_score(employer) > 0, employer


def test_job_words_and_compound_titles_of_the_four_languages_read_as_titles() -> None:
    for title in ("Sviluppatore Java", "Engenheira de Dados", "Marketingmedewerker", "Kierownik projektu", "Księgowa"):
        assert title_score(title) > 0, title
    assert title_score("Assistenzärztin") > 0


def test_a_compound_ending_in_a_title_is_a_title_and_a_field_is_not() -> None:
    for title in ("Bilanzbuchhalterin", "Wijkverpleegkundige", "Finanzbuchhalter"):
        assert title_score(title) > 0, title
    # "technik" is a Polish title and the end of a German field; "Undergraduate" is a level of study.
    for other in ("Elektrotechnik", "Undergraduate", "ON Semiconductor", "Politecnico di Milano"):
        assert title_score(other) == 0, other


def test_a_compound_title_beside_its_dates_is_the_title_above_its_employer() -> None:
    lines = [
        Line("Berufserfahrung", size=11.5, bold=True, x=232, y=95.8),
        Line("seit 2021", size=10, x=233, y=113.8),
        Line("Bilanzbuchhalterin", size=10, bold=True, x=345, y=114.9),
        Line("Otto Group, Hamburg", size=10, x=345, y=126.8),
        Line("April 2016 \u2013 Dezember 2020", size=10, x=233, y=203.8),
        Line("Finanzbuchhalterin", size=10, bold=True, x=345, y=204.9),
        Line("Hapag-Lloyd AG, Hamburg", size=10, x=345, y=216.8),
        Line("August 2013 \u2013 M\u00e4rz 2016", size=10, x=233, y=269.9),
        Line("Steuerfachangestellte", size=10, bold=True, x=345, y=270.9),
        Line("Steuerberatungsgesellschaft Petersen &", size=10, x=345, y=282.9),
        Line("Partner mbB, Hamburg", size=10, x=345, y=294.9),
    ]
    resume = parse(Document(ok=True, kind="pdf", lines=lines, pages=1), today=TODAY)
    assert [(e.employer, e.title) for e in resume.experience] == [
        ("Otto Group", "Bilanzbuchhalterin"),
        ("Hapag-Lloyd AG", "Finanzbuchhalterin"),
        ("Steuerberatungsgesellschaft Petersen & Partner mbB", "Steuerfachangestellte"),
    ]


def test_schools_and_degrees_of_the_four_languages_are_known() -> None:
    for school in (
        "Universidade de Lisboa",
        "Uniwersytet Ekonomiczny w Krakowie",
        "Hogeschool Utrecht",
        "Zespół Szkół Elektronicznych w Warszawie",
    ):
        assert is_institution(school), school
    assert split_degree("Laurea Magistrale in Ingegneria Informatica") == (
        "Laurea Magistrale",
        "Ingegneria Informatica",
    )
    assert split_degree("Mestrado em Engenharia Informática") == ("Mestrado", "Engenharia Informática")


def test_a_polish_entry_with_title_employer_and_dates_on_their_own_lines_is_read() -> None:
    resume = parsed(
        "Piotr Nowak\npiotr@example.com\nDoświadczenie\nProgramista\nComarch S.A.\nlipiec 2015 \u2013 sierpień 2019\n"
        "Edukacja\nPolitechnika Warszawska\nInżynier, Informatyka\n2011 \u2013 2015\n"
    )
    assert [(e.employer, e.title, e.start, e.end) for e in resume.experience] == [
        ("Comarch S.A.", "Programista", "2015-07", "2019-08")
    ]
    assert [(s.institution, s.degree, s.end) for s in resume.education] == [
        ("Politechnika Warszawska", "Inżynier", "2015")
    ]
