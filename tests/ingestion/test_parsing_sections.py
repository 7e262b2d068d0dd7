"""Section headings on pages without type sizes (OCR, plain text)."""

import datetime

import pytest

from apps.ingestion.document import Document, Line
from apps.ingestion.extraction import extract_in_process
from apps.ingestion.parsing import parse
from apps.ingestion.parsing.result import ParsedResume
from apps.ingestion.parsing.sections import heading_kind

TODAY = datetime.date(2026, 11, 26)


def text_resume(text: str) -> ParsedResume:
    """The parse of a plain-text resume, extracted as a .txt file is."""
    return parse(extract_in_process(text.encode(), filename="resume.txt"), today=TODAY)


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


def test_an_employer_named_technologies_on_its_own_line_opens_no_section() -> None:
    doc = Document(
        ok=True,
        kind="text",
        lines=[Line(t) for t in ("Work Experience", "Project Engineer", "Wipro Technologies", "2014 - 2017")],
        pages=1,
    )
    resume = parse(doc, today=TODAY)
    assert [(e.employer, e.title) for e in resume.experience] == [("Wipro Technologies", "Project Engineer")]


def test_a_heading_of_two_weak_heading_words_is_still_a_heading() -> None:
    skills = skills_of(
        Line("Experience", x=58, y=40),
        Line("Tools & Technologies", x=58, y=60),
        Line("Python, Docker", x=58, y=80),
    )
    assert skills == ["Python", "Docker"]


def test_a_degree_ending_in_a_heading_word_is_an_entry_not_a_heading() -> None:
    lines = [
        Line("Formación académica", size=12, bold=True, x=58, y=311),
        Line("Máster en Dirección de Proyectos", size=10, bold=True, x=58, y=332),
        Line("Universidad de Granada, Granada", size=10, x=58, y=346),
        Line("2015 - 2017", size=10, x=58, y=361),
    ]
    resume = parse(Document(ok=True, kind="pdf", lines=lines, pages=1), today=TODAY)
    assert [(e.institution, e.degree, e.end) for e in resume.education] == [
        ("Universidad de Granada", "Máster", "2017")
    ]


def test_plain_headings_in_the_label_column_of_a_table_resume() -> None:
    # A DOCX laid out as a table: headings and dates in the left cells, content in the right.
    cells = [
        (0, "Camille Beaumont-Reyes", 18.0, True),
        (0, "Napa, CA 94558 | camille@example.com", 10.5, False),
        (1, "Advanced Sommelier with 10 years building wine programs.", 10.5, False),
        (0, "Experience", 10.5, False),
        (0, "Apr 2022 - Present", 10.5, False),
        (1, "Head Sommelier", 10.5, True),
        (1, "Meadowood Napa Valley, St. Helena, CA", 10.5, False),
        (0, "Skills", 10.5, False),
        (1, "Cellar management, Inventory control", 10.5, False),
    ]
    lines = [Line(text, 0, size, bold, column=column) for column, text, size, bold in cells]
    resume = parse(Document(ok=True, kind="docx", lines=lines, pages=1), today=datetime.date(2026, 11, 27))
    assert [(e.employer, e.title, e.start) for e in resume.experience] == [
        ("Meadowood Napa Valley", "Head Sommelier", "2022-04")
    ]


def test_a_blank_line_sets_a_heading_apart_in_plain_text() -> None:
    # A LinkedIn profile pasted as text: "Languages" under "Top Skills" is a heading only
    # because of the blank line above it.
    text = "Top Skills\nFinancial Reporting\nSAP FICO\n\nLanguages\nEnglish (Native or Bilingual)\nHindi\n"
    skills = text_resume(text).skills
    assert "SAP FICO" in skills
    assert not {"English", "Hindi"} & set(skills)


def test_a_labelled_line_inside_a_job_does_not_end_the_experience() -> None:
    text = (
        "Experience\nInfosys\nSenior Data Analyst\nApril 2023 - Present\nRebuilt the weekly sales pack.\n"
        "Tools: Snowflake, dbt, Power BI, Jira.\nData Analyst\nJanuary 2021 - March 2023\n"
        "Mu Sigma\nDecision Scientist\nJuly 2019 - December 2020\n\nSkills: SQL, Python\n"
    )
    resume = text_resume(text)
    assert [job.title for job in resume.experience] == ["Senior Data Analyst", "Data Analyst", "Decision Scientist"]
    assert resume.skills == ["SQL", "Python"]


def test_a_heading_wrapped_flush_right_in_a_label_column_is_one_heading() -> None:
    lines = [
        Line("Ionut Popescu", size=16, x=204, y=90),
        Line("ionut.popescu@example.ro", size=9.5, x=204, y=110),
        Line("EXPERIENȚA", size=9.5, bold=True, x=120.7, y=244),
        Line("PROFESIONALĂ", size=9.5, bold=True, x=104.6, y=257),
        Line("martie 2018 - prezent", size=9, x=87, y=265),
        Line("Sudor MIG-MAG", size=10.5, x=204, y=265),
        Line("Vard Tulcea S.A., Tulcea", size=10, x=204, y=280),
        Line("EDUCAȚIE ȘI FORMARE", size=9.5, bold=True, x=80, y=320),
        Line("2005 - 2008", size=9, x=140, y=340),
        Line("Colegiul Tehnic Paul Dimo", size=10.5, x=204, y=340),
    ]
    resume = parse(Document(ok=True, kind="pdf", lines=lines, pages=1), today=TODAY)
    assert [(job.employer, job.title, job.start) for job in resume.experience] == [
        ("Vard Tulcea S.A.", "Sudor MIG-MAG", "2018-03")
    ]


def test_labelled_groups_of_technical_skills_stay_skills() -> None:
    # Jake's resume: "Languages" among technical skills are programming languages.
    text = (
        "Experience\nInfosys   Jan 2020 - Present\nEngineer\n\nTechnical Skills\n"
        "Languages: Java, Python, SQL\nFrameworks: Spring Boot, React\nTools: Docker, Git\n"
        "Languages: English (native), German (basic)\n"
    )
    skills = text_resume(text).skills
    assert skills == ["Java", "Python", "SQL", "Spring Boot", "React", "Docker", "Git"]


def test_a_language_and_its_level_under_other_languages_is_no_skill() -> None:
    text = "Jane Doe\nSkills\n• AutoCAD\n• Civil 3D\nFrench: A2\nGerman: fluent\n"
    skills = text_resume(text).skills
    assert skills == ["AutoCAD", "AutoCAD Civil 3D"]


def test_a_driving_licence_row_among_skills_names_no_skill() -> None:
    text = "Jane Doe\nSkills\n• AutoCAD\n• Primavera P6\nDriving licence: B, C\n"
    skills = text_resume(text).skills
    assert skills == ["AutoCAD", "Primavera P6"]


@pytest.mark.parametrize("heading", ["PERSONAS INFORMĀCIJA", "Taarifa Binafsi", "Persoonlike inligting", "ข้อมูลส่วนตัว"])
def test_personal_details_headings_of_more_languages(heading: str) -> None:
    assert heading_kind(heading) == "contact"


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Antecedentes Laborales", "experience"),
        ("ANTECEDENTES ACADÉMICOS", "education"),
        ("Estudios realizados", "education"),
    ],
)
def test_chilean_and_latin_american_headings(heading: str, kind: str) -> None:
    assert heading_kind(heading) == kind


@pytest.mark.parametrize("heading", ["QUALIFICATIONS & SKILLS", "Key Qualifications", "Qualifications and Skills"])
def test_qualifications_beside_skills_head_a_skills_list(heading: str) -> None:
    assert heading_kind(heading) == "skills"


def test_a_skills_list_keeps_the_items_the_taxonomy_does_not_know() -> None:
    resume = text_resume(
        "Jane Goldberg\n\nSkills\nManual therapy, Exercise prescription, Dry needling, Pilates\n"
        "Tools: Cliniko\n\nLanguages\nEnglish, Hebrew\n"
    )
    assert resume.skills == ["Pilates", "Manual therapy", "Exercise prescription", "Dry needling", "Cliniko"]


def test_running_text_in_a_skills_section_gives_no_items() -> None:
    resume = text_resume(
        "Jane Goldberg\n\nSkills\nExperienced in coordinating teams of nurses, training new staff, "
        "and writing care plans for patients.\n"
    )
    assert resume.skills == ["Care planning"]  # the taxonomy's, no pieces of the sentence


def test_an_item_wrapped_onto_the_next_row_of_a_list_is_one_item() -> None:
    assert skills_of(
        Line("Kenntnisse", size=11, bold=True, x=32, y=180),
        Line("Fehlersuche", size=10, x=32, y=214.2),
        Line("Lesen technischer", size=10, x=32, y=229.7),
        Line("Zeichnungen", size=10, x=32, y=242.2),
        Line("Conduite de chariots", size=10, x=32, y=257.7),
        Line("\u00e9l\u00e9vateurs", size=10, x=32, y=270.2),
        Line("AutoCAD", size=10, x=32, y=285.7),
    ) == [
        "Electrical troubleshooting",  # "Fehlersuche", as the taxonomy names it
        "AutoCAD",
        "Lesen technischer Zeichnungen",
        "Conduite de chariots \u00e9l\u00e9vateurs",
    ]


def test_a_scanned_skills_list_gives_only_the_taxonomys_skills() -> None:
    lines = [
        Line("Jane Goldberg", size=20),
        Line("Skills", size=12, bold=True),
        Line("Pilates, Dry needling, Power Bl"),
    ]
    document = Document(ok=True, kind="pdf", lines=lines, pages=1, ocr_used=True, ocr_pages=[0])
    assert parse(document, today=TODAY).skills == ["Pilates"]
