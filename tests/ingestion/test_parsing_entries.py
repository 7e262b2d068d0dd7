"""Sections, experience and education entries across layouts and languages."""

# ruff: noqa: RUF001  # Cyrillic letters, guillemets and Turkish dotless i, as resumes print them

import datetime
from collections.abc import Sequence

import pytest

from apps.ingestion.document import Document, Line
from apps.ingestion.parsing import parse
from apps.ingestion.parsing.education import split_degree
from apps.ingestion.parsing.lexicon import has_degree
from apps.ingestion.parsing.result import ParsedResume
from apps.ingestion.parsing.sections import heading_kind

TODAY = datetime.date(2026, 11, 26)


def parsed(text: str) -> ParsedResume:
    lines = [Line(t) for t in text.strip().splitlines() if t.strip()]
    return parse(Document(ok=True, kind="text", lines=lines, pages=1), today=TODAY)


def placed(rows: Sequence[tuple[float, float, float, bool, str]]) -> ParsedResume:
    """Parse a PDF page given as (x, y, size, bold, text) lines."""
    lines = [Line(text, 0, size, bold, x, y) for x, y, size, bold, text in rows]
    return parse(Document(ok=True, kind="pdf", lines=lines, pages=1), today=TODAY)


def jobs(text: str) -> list[tuple[str, str, str | None, str | None, bool]]:
    return [(e.employer, e.title, e.start, e.end, e.current) for e in parsed(text).experience]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Work Experience", "experience"),
        ("PROFESSIONAL EXPERIENCE", "experience"),
        ("Berufserfahrung", "experience"),
        ("Beruflicher Werdegang", "experience"),
        ("Expérience professionnelle", "experience"),
        ("Experiencia laboral", "experience"),
        ("E X P E R I E N C E", None),  # letter-spacing is undone by clean(), not here
        ("Ausbildung", "education"),
        ("Formación académica", "education"),
        ("Éducation", "education"),
        ("Compétences", "skills"),
        ("Kenntnisse:", "skills"),
        ("Conocimientos", "skills"),
        ("Zusammenfassung", "summary"),
        ("À propos", "summary"),
        ("Publications", "publications"),
        ("Senior Software Engineer", None),
        ("2. 🎓 Formation", "education"),
        ("Jobs étudiants", "experience"),
        ("Where I've worked", "experience"),
        ("Scolarité", "education"),
        ("1) Work Experience", "experience"),
    ],
)
def test_headings_in_four_languages(heading: str, kind: str | None) -> None:
    assert heading_kind(heading) == kind


def test_title_comma_company_with_dates_on_the_next_line() -> None:
    text = """
    Jane Doe
    Experience
    Program Manager, Example Co.
    2018 - Present
    - Led production ramp.
    """
    assert jobs(text) == [("Example Co.", "Program Manager", "2018", None, True)]


def test_company_line_then_title_line_with_right_aligned_dates() -> None:
    doc = Document(
        ok=True,
        kind="pdf",
        pages=1,
        lines=[
            Line("Jane Doe", size=20, y=20),
            Line("Work Experience", size=14, bold=True, y=60),
            Line("Dunamu Inc.", size=10, bold=True, x=40, y=80),
            Line("Seoul, S.Korea", size=9, x=500, y=80),
            Line("DevOps Engineer", size=8, x=40, y=95),
            Line("Sep. 2023 - Mar. 2024", size=8, x=480, y=95),
            Line("• Built the platform.", size=9, x=40, y=110),
            Line("Kasa", size=10, bold=True, x=40, y=130),
            Line("Seoul, S.Korea", size=9, x=500, y=130),
            Line("Founding Member & Director of Infrastructure", size=8, x=40, y=145),
            Line("Jun. 2018 - Jan. 2021", size=8, x=480, y=145),
        ],
    )
    result = parse(doc, today=TODAY)
    assert [(e.employer, e.title, e.start, e.end) for e in result.experience] == [
        ("Dunamu Inc.", "DevOps Engineer", "2023-09", "2024-03"),
        ("Kasa", "Founding Member & Director of Infrastructure", "2018-06", "2021-01"),
    ]


def test_company_pipe_title_with_dates_and_place_below() -> None:
    text = """
    Experience
    FACEBOOK | SOFTWARE ENGINEER
    Jan 2015 - Present | New York, NY
    GOOGLE | SOFTWARE ENGINEERING INTERN
    May 2013 \u2013 Aug 2013 | Mountain View, CA
    """
    assert jobs(text) == [
        ("Facebook", "Software Engineer", "2015-01", None, True),
        ("Google", "Software Engineering Intern", "2013-05", "2013-08", False),
    ]


def test_an_acronym_without_vowels_keeps_its_capitals() -> None:
    assert jobs("Experience\nKPMG LLP | AUDIT SENIOR\nMar 2017 - Nov 2019 | Leeds\n") == [
        ("KPMG LLP", "Audit Senior", "2017-03", "2019-11", False)
    ]


def test_dates_first_then_title_and_company() -> None:
    text = """
    Berufserfahrung
    03/2019 \u2013 heute
    Softwareentwicklerin
    Siemens AG, München
    • Entwicklung von Microservices
    10/2015 \u2013 02/2019
    Werkstudentin
    SAP SE, Walldorf
    """
    assert jobs(text) == [
        ("Siemens AG", "Softwareentwicklerin", "2019-03", None, True),
        ("SAP SE", "Werkstudentin", "2015-10", "2019-02", False),
    ]


def test_french_and_spanish_entries() -> None:
    french = """
    Expérience professionnelle
    Ingénieur logiciel chez Capgemini | janv. 2020 \u2013 à ce jour
    """
    assert jobs(french) == [("Capgemini", "Ingénieur logiciel", "2020-01", None, True)]
    spanish = """
    Experiencia laboral
    Desarrolladora backend \u2013 Telefónica
    Enero 2017 - Diciembre 2019
    """
    assert jobs(spanish) == [("Telefónica", "Desarrolladora backend", "2017-01", "2019-12", False)]


def test_bullets_with_years_are_not_entries() -> None:
    text = """
    Experience
    Acme Corp | Data Analyst | 2019 - 2021
    • Cut reporting time by 40% in 2020 by automating the monthly pipeline for the finance team.
    • Presented results at the 2021 all-hands.
    """
    assert jobs(text) == [("Acme Corp", "Data Analyst", "2019", "2021", False)]


def test_a_second_role_at_the_same_employer_keeps_the_employer() -> None:
    text = """
    Experience
    Harrison Money Management
    Accountant | Aug. 2020 - Oct. 2021
    Junior Accountant | May 2019 - Aug. 2020
    """
    assert jobs(text) == [
        ("Harrison Money Management", "Accountant", "2020-08", "2021-10", False),
        ("Harrison Money Management", "Junior Accountant", "2019-05", "2020-08", False),
    ]


def test_total_experience_merges_overlaps() -> None:
    text = """
    Experience
    Engineer, Alpha Inc. | Jan 2019 - Dec 2019
    Consultant, Beta LLC | Jun 2019 - May 2020
    """
    assert parsed(text).total_experience_months == 17


def test_education_entries_with_degree_field_and_dates() -> None:
    text = """
    Education
    Princeton University, PhD in Computer Science | Sept 2018 \u2013 May 2023
    Boğaziçi University
    BS in Computer Engineering
    Sept 2014 \u2013 June 2018
    """
    result = parsed(text)
    assert [(e.institution, e.degree, e.field, e.start, e.end) for e in result.education] == [
        ("Princeton University", "PhD", "Computer Science", "2018-09", "2023-05"),
        ("Boğaziçi University", "BS", "Computer Engineering", "2014-09", "2018-06"),
    ]


def test_german_education_entry() -> None:
    text = """
    Ausbildung
    Technische Universität München
    Master of Science Informatik | 10/2012 \u2013 09/2014
    """
    result = parsed(text)
    assert len(result.education) == 1
    entry = result.education[0]
    assert entry.institution == "Technische Universität München"
    assert entry.start == "2012-10"
    assert entry.end == "2014-09"


def test_summary_and_skills_sections_are_read() -> None:
    text = """
    Jane Doe
    Summary
    Backend engineer who likes boring, reliable systems.
    Skills
    Python, Django, PostgreSQL, Go
    Experience
    Engineer, Google | 2019 - 2021
    """
    result = parsed(text)
    assert result.summary == "Backend engineer who likes boring, reliable systems."
    assert "Python" in result.skills


def test_a_range_wrapped_in_a_left_date_column_is_joined() -> None:
    doc = Document(
        ok=True,
        kind="pdf",
        pages=1,
        lines=[
            Line("Experience", size=14, x=146, y=366),
            Line("June 2020 \u2013", size=10.9, x=82, y=389),
            Line("MERN Stack Developer, OpenAI, San Francisco, USA", size=10.9, x=146, y=389),
            Line("Present", size=10.9, x=103, y=402.6),
            Line("Working on the development of the ChatGPT project, using Node.js and React.", size=9.9, x=146, y=403),
        ],
    )
    result = parse(doc, today=TODAY)
    assert [(e.employer, e.title, e.start, e.current) for e in result.experience] == [
        ("OpenAI", "MERN Stack Developer", "2020-06", True)
    ]


def test_a_range_wrapped_at_every_space_of_a_narrow_date_column_is_joined() -> None:
    # Month names alone on their lines ("svibanj" / "2017. -"), the end's month
    # three rows below the start, and an open end starting with the dash.
    doc = Document(
        ok=True,
        kind="pdf",
        pages=1,
        lines=[
            Line("RADNO ISKUSTVO", size=14, bold=True, x=41, y=125),
            Line("svibanj", size=12, x=44, y=158.5),
            Line("Senior Accountant", size=12, bold=True, x=118, y=159.7),
            Line("2017. \u2013", size=12, x=44, y=172.9),
            Line("Podravka d.d., Koprivnica", size=12, x=118, y=174.1),
            Line("velja\u010da", size=12, x=44, y=187.3),
            Line("Prepared monthly closings and VAT returns.", size=12, x=118, y=188.5),
            Line("2021.", size=12, x=44, y=201.7),
            Line("o\u017eujak 2021.", size=12, x=44, y=220.1),
            Line("Finance Manager", size=12, bold=True, x=118, y=221.3),
            Line("\u2013 danas", size=12, x=44, y=234.5),
            Line("Atlantic Grupa, Zagreb", size=12, x=118, y=235.7),
        ],
    )
    result = parse(doc, today=TODAY)
    assert [(e.employer, e.title, e.start, e.end, e.current) for e in result.experience] == [
        ("Podravka d.d.", "Senior Accountant", "2017-05", "2021-02", False),
        ("Atlantic Grupa", "Finance Manager", "2021-03", None, True),
    ]


def test_a_unit_after_a_dash_under_the_employers_row_is_part_of_the_title() -> None:
    text = """
    Professional Experience
    Larsen & Toubro Construction, Pune
    Deputy Project Manager | Apr 2022 - Present
    \u2022 Pune Metro Line 3 viaduct package; team of 35 engineers
    Senior Engineer \u2013 Structures | Jul 2018 - Mar 2022
    \u2022 Segment casting yard QA/QC
    Site Engineer | Jun 2015 - Jun 2018
    """
    assert jobs(text) == [
        ("Larsen & Toubro Construction", "Deputy Project Manager", "2022-04", None, True),
        ("Larsen & Toubro Construction", "Senior Engineer \u2013 Structures", "2018-07", "2022-03", False),
        ("Larsen & Toubro Construction", "Site Engineer", "2015-06", "2018-06", False),
    ]


def test_title_comma_employer_rows_each_name_their_own_employer() -> None:
    text = """
    Where I've worked
    Sous Chef, Dishoom Shoreditch \u2014 London
    July 2020 to Present
    \u2022 Run a brigade of 14 across 400 covers/day
    Chef de Partie, The Ledbury \u2014 London
    March 2018 to June 2020
    """
    assert jobs(text) == [
        ("Dishoom Shoreditch", "Sous Chef", "2020-07", None, True),
        ("The Ledbury", "Chef de Partie", "2018-03", "2020-06", False),
    ]


def test_a_title_that_starts_with_an_ordinal_is_not_a_street_address() -> None:
    text = """
    Employment
    09/22 - present  2nd Line Support Engineer, Kainos, Belfast
    11/19 - 08/22  1st Line Service Desk Analyst, Belfast Health and Social Care Trust, Belfast
    """
    assert jobs(text) == [
        ("Kainos", "2nd Line Support Engineer", "2022-09", None, True),
        ("Belfast Health and Social Care Trust", "1st Line Service Desk Analyst", "2019-11", "2022-08", False),
    ]


def test_a_bold_employer_in_lower_case_is_an_entrys_header() -> None:
    resume = placed(
        [
            (50, 100, 14, True, "Employment History"),
            (50, 120, 10.5, True, "du (Emirates Integrated Telecommunications Co.), Dubai\tMay 2019 \u2013 Jan 2022"),
            (50, 133, 10.5, False, "Customer Service Agent"),
            (60, 146, 10.5, False, "\u2022 Resolved billing and technical issues via phone, chat and email"),
        ]
    )
    assert [(e.employer, e.title, e.start) for e in resume.experience] == [
        ("du (Emirates Integrated Telecommunications Co.)", "Customer Service Agent", "2019-05")
    ]


def test_a_title_ending_in_a_year_of_school_is_no_stay_length() -> None:
    text = """
    Career History
    2019 - Present
    Teacher of English & History; Year Head (5th Year)
    Col\u00e1iste Iogn\u00e1id, Galway
    Sep 2015 - Aug 2019 (3 yrs 11 mos)
    Teacher of English
    Presentation College Athenry
    """
    assert jobs(text) == [
        ("Col\u00e1iste Iogn\u00e1id", "Teacher of English & History; Year Head (5th Year)", "2019", None, True),
        ("Presentation College Athenry", "Teacher of English", "2015-09", "2019-08", False),
    ]


def test_a_date_printed_beside_the_first_bullet_belongs_to_the_entry_above() -> None:
    doc = Document(
        ok=True,
        kind="pdf",
        pages=1,
        lines=[
            Line("Experience", size=14, bold=True, x=50, y=328),
            Line("Nexus AI, Co-Founder & CTO", size=10, x=56, y=349.7),
            Line("San Francisco, CA", size=10, x=483, y=349.7),
            Line("\u2022 Built model infrastructure serving 2M+ monthly API requests", size=10, x=56, y=362.3),
            Line("June 2023 \u2013 present", size=10, x=472, y=362.3),
            Line("\u2022 Co-authored a paper accepted at NeurIPS 2022 as a spotlight", size=10, x=56, y=375),
        ],
    )
    result = parse(doc, today=TODAY)
    assert [(e.employer, e.title, e.start, e.current) for e in result.experience] == [
        ("Nexus AI", "Co-Founder & CTO", "2023-06", True)
    ]


def test_an_entry_line_with_a_trailing_place_and_no_separator() -> None:
    text = """
    Experience
    Undergraduate Research Assistant June 2020 - Present
    Texas A&M University College Station, TX
    """
    assert jobs(text) == [("Texas A&M University", "Undergraduate Research Assistant", "2020-06", None, True)]


def test_a_legal_form_marks_the_employer_even_beside_a_title_word() -> None:
    text = """
    Berufserfahrung
    Industrieelektrikerin
    Ashgrove Engineering Ltd
    2022 - heute
    """
    assert jobs(text) == [("Ashgrove Engineering Ltd", "Industrieelektrikerin", "2022", None, True)]


def test_entries_the_word_lists_cannot_read_follow_the_layout_of_the_others() -> None:
    # Title, then employer, on every entry. Two entries say so plainly (a title word, a
    # legal form); the third names neither a known title nor a legal form.
    text = """
    Berufserfahrung
    Leiterin Rechnungswesen | Sparkasse Leipzig | 06/2024 - 01/2026
    Bilanzbuchhalterin | Kranich Baumarkt GmbH | 07/2022 - 03/2023
    Controllerin | Stadtwerke Halle | 04/2020 - 05/2022
    """
    assert [(employer, title) for employer, title, *_ in jobs(text)] == [
        ("Sparkasse Leipzig", "Leiterin Rechnungswesen"),
        ("Kranich Baumarkt GmbH", "Bilanzbuchhalterin"),
        ("Stadtwerke Halle", "Controllerin"),
    ]


def test_law_degrees_apprenticeships_and_campuses_are_read() -> None:
    resume = parsed(
        """
        Education
        Juris Doctor, cum laude
        Fordham University School of Law \u2014 2013 \u2013 2016
        B.S. Business Administration
        University of Texas at San Antonio \u2014 2020 \u2013 2024
        Level 3 Apprenticeship in IT Infrastructure, Belfast Metropolitan College (2017 \u2013 2019)
        """
    )
    assert [(e.institution, e.degree, e.end) for e in resume.education] == [
        ("Fordham University School of Law", "Juris Doctor", "2016"),
        ("University of Texas at San Antonio", "B.S.", "2024"),
        ("Belfast Metropolitan College", "Level 3 Apprenticeship", "2019"),
    ]


def test_a_role_at_a_school_or_hospital_is_a_job_not_education() -> None:
    text = """
    Expérience professionnelle
    Cadre de santé, Centre hospitalier de Lyon
    03/2019 - 10/2021
    Stationsleitung, Universitätsklinikum Hamburg
    2016 - 2019
    """
    assert jobs(text) == [
        ("Centre hospitalier de Lyon", "Cadre de santé", "2019-03", "2021-10", False),
        ("Universitätsklinikum Hamburg", "Stationsleitung", "2016", "2019", False),
    ]


def test_fuer_joins_a_title_to_its_field_but_splits_before_an_employer() -> None:
    text = """
    Berufserfahrung
    Fachkraft für Lagerlogistik | Mühlbach Baumarkt | 2019 - 2021
    Werkstudent für Siemens AG | 2016 - 2018
    """
    assert [(employer, title) for employer, title, *_ in jobs(text)] == [
        ("Mühlbach Baumarkt", "Fachkraft für Lagerlogistik"),
        ("Siemens AG", "Werkstudent"),
    ]


def test_a_sentence_naming_a_year_is_not_an_entry() -> None:
    text = """
    Experiencia
    Enfermera | Hospital del Mar | 2018 - 2022
    Premio a la innovación interna 2019.
    Auxiliar de enfermería | Clínica Sagrada Familia | 2015 - 2018
    """
    assert [(employer, title, start) for employer, title, start, *_ in jobs(text)] == [
        ("Hospital del Mar", "Enfermera", "2018"),
        ("Clínica Sagrada Familia", "Auxiliar de enfermería", "2015"),
    ]


@pytest.mark.parametrize(
    ("line", "degree", "field"),
    [
        ("Ausbildung zum Industriemechaniker", "Ausbildung", "Industriemechaniker"),
        ("Fachweiterbildung: Intensivpflege und Anästhesie", "Fachweiterbildung", "Intensivpflege und Anästhesie"),
        ("Meisterprüfung Elektrotechnik", "Meisterprüfung", "Elektrotechnik"),
        ("B.Sc.: Pflegewissenschaft", "B.Sc.", "Pflegewissenschaft"),
    ],
)
def test_german_vocational_qualifications_are_degrees(line: str, degree: str, field: str) -> None:
    text = f"""
    Ausbildung
    {line}
    Berufskolleg Leipzig-Mitte
    2014 - 2016
    """
    education = parsed(text).education
    assert [(e.institution, e.degree, e.field) for e in education] == [("Berufskolleg Leipzig-Mitte", degree, field)]


def test_form_like_entries_with_field_labels_are_read_without_the_labels() -> None:
    resume = parse(
        Document(
            ok=True,
            kind="text",
            lines=[
                Line(t)
                for t in (
                    "Work Experience",
                    "Company: Infosys Limited",
                    "Designation: Senior Systems Engineer",
                    "Duration: Jul 2017 - Present",
                    "Company: Wipro Technologies",
                    "Designation: Project Engineer",
                    "Duration: Jun 2014 - Jun 2017",
                )
            ],
            pages=1,
        ),
        today=TODAY,
    )
    assert [(e.employer, e.title, e.start) for e in resume.experience] == [
        ("Infosys Limited", "Senior Systems Engineer", "2017-07"),
        ("Wipro Technologies", "Project Engineer", "2014-06"),
    ]


def test_a_short_list_item_that_lost_its_bullet_is_not_the_next_entrys_employer() -> None:
    # HTML <li> and Word lists often reach the parser without their bullet.
    assert jobs(
        """
Experience
Registered Nurse
2019 - Present
Aga Khan University Hospital
Performed transthoracic and stress echocardiography.
Staff Nurse
2014 - 2019
Kenyatta National Hospital
"""
    ) == [
        ("Aga Khan University Hospital", "Registered Nurse", "2019", None, True),
        ("Kenyatta National Hospital", "Staff Nurse", "2014", "2019", False),
    ]


@pytest.mark.parametrize(
    ("title_row", "employer_row", "employer", "title"),
    [
        (
            "Assistant Manager, Audit",
            "Deloitte Haskins & Sells LLP",
            "Deloitte Haskins & Sells LLP",
            "Assistant Manager, Audit",
        ),
        (
            "Oberärztin, Klinik für Kardiologie",
            "Universitätsklinikum Heidelberg",
            "Universitätsklinikum Heidelberg",
            "Oberärztin, Klinik für Kardiologie",
        ),
        (
            "Senior Officer, Finance & Accounts",
            "BRAC Bank Limited, Dhaka",
            "BRAC Bank Limited",
            "Senior Officer, Finance & Accounts",
        ),
    ],
)
def test_what_follows_a_titles_comma_is_its_department_when_the_employer_has_its_own_row(
    title_row: str, employer_row: str, employer: str, title: str
) -> None:
    for layout in (f"{title_row}\n2019 - Present\n{employer_row}", f"{title_row}\n{employer_row}\n2019 - Present"):
        assert jobs(f"Experience\n{layout}\n") == [(employer, title, "2019", None, True)], layout


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Stripe    Jan 2021 - Present\nSenior Software Engineer \u2013 Payments Platform\nRemote\n",
            ("Stripe", "Senior Software Engineer \u2013 Payments Platform", "2021-01", None, True),
        ),
        (
            "Stripe\nSenior Software Engineer | Payments Platform | Jan 2021 - Present\n",
            ("Stripe", "Senior Software Engineer \u2013 Payments Platform", "2021-01", None, True),
        ),
        (
            "Enfermeira Assistencial \u2013 CTI Adulto\nHospital S\u00edrio-Liban\u00eas\n03/2019 - atual\n",
            ("Hospital S\u00edrio-Liban\u00eas", "Enfermeira Assistencial \u2013 CTI Adulto", "2019-03", None, True),
        ),
        # Below the row, a town of "Title - Employer": the employer stays.
        (
            "Ejecutivo de Ventas \u2013 Schneider Electric\nMonterrey, N.L.\n03/2013 \u2013 07/2015\n",
            ("Schneider Electric", "Ejecutivo de Ventas", "2013-03", "2015-07", False),
        ),
        # Nothing on another row, or the piece after the title is marked as an employer: as before.
        ("Software Engineer \u2013 Google\n2019 - 2021\n", ("Google", "Software Engineer", "2019", "2021", False)),
        (
            "Registered Nurse \u2013 St Mary's Hospital\nCardiology Ward\n2019 - 2021\n",
            ("St Mary's Hospital", "Registered Nurse", "2019", "2021", False),
        ),
    ],
)
def test_what_follows_a_title_on_its_row_is_its_unit_when_the_employer_has_its_own_row(
    text: str, expected: tuple[str, str, str, str | None, bool]
) -> None:
    assert jobs(f"Experience\n{text}") == [expected]


def test_a_title_and_employer_on_one_row_are_still_cut_at_the_comma() -> None:
    assert jobs("Experience\nSoftware Engineer, Google\nMountain View, CA\n2019 - 2021\n") == [
        ("Google", "Software Engineer", "2019", "2021", False)
    ]


def test_a_short_bulleted_phrase_with_a_year_is_an_item_not_an_entry() -> None:
    text = """
Experience
Google DeepMind, Research Intern
May 2021 - Aug 2021
• Published a paper on emergent communication
• Invited journal extension in JMLR (2023)
Apple ML Research, Research Intern
May 2020 - Aug 2020
• Built a compression pipeline for edge devices
"""
    assert [(employer, start, end) for employer, _, start, end, _ in jobs(text)] == [
        ("Google DeepMind", "2021-05", "2021-08"),
        ("Apple ML Research", "2020-05", "2020-08"),
    ]


def test_a_school_keeps_the_dates_beside_its_gpa_and_the_field_after_its_comma() -> None:
    # rendercv's layout: degree, "School, Field" and the place on one row, the dates
    # right-aligned beside the first bullet.
    rows = [
        (50, 200, 14.0, True, "Education"),
        (56, 222, 10.0, True, "BS"),
        (87, 222, 10.0, False, "Boğaziçi University, Computer Engineering"),
        (487, 222, 10.0, False, "Istanbul, Türkiye"),
        (91, 235, 10.0, False, "• GPA: 3.97/4.00, Valedictorian"),
        (464, 235, 10.0, False, "Sept 2014 - June 2018"),
        (91, 248, 10.0, False, "• Fulbright Scholarship recipient for Graduate Studies"),
    ]
    result = placed(rows)
    assert [(e.institution, e.degree, e.field, e.start, e.end) for e in result.education] == [
        ("Boğaziçi University", "BS", "Computer Engineering", "2014-09", "2018-06")
    ]


def test_a_bulleted_school_line_beside_its_place_is_a_header() -> None:
    rows = [
        (36, 74, 12.0, False, "Education"),
        (36, 96, 10.9, True, "• Georgia Institute of Technology"),
        (511, 96, 10.9, False, "Atlanta, GA"),
        (47, 110, 10.0, False, "Master of Science in Computer Science"),
        (476, 110, 10.0, False, "Aug 2012 - Dec 2013"),
        (36, 129, 10.9, True, "• Birla Institute of Technology and Science"),
        (511, 129, 10.9, False, "Pilani, India"),
        (47, 144, 10.0, False, "Bachelor of Engineering in Electrical and Electronics"),
        (474, 144, 10.0, False, "Aug 2008 - July 2012"),
    ]
    result = placed(rows)
    assert [(e.institution, e.start, e.end) for e in result.education] == [
        ("Georgia Institute of Technology", "2012-08", "2013-12"),
        ("Birla Institute of Technology and Science", "2008-08", "2012-07"),
    ]


def test_a_faculty_line_stays_with_its_school_and_a_bold_name_without_school_words_is_a_school() -> None:
    # deedy's sidebar: schools in bold capitals, "College of Engineering" a faculty under one.
    rows = [
        (35, 108, 15.9, False, "EDUCATION"),
        (35, 128, 12.0, True, "CORNELL UNIVERSITY"),
        (35, 141, 11.0, False, "BS IN COMPUTER SCIENCE"),
        (35, 154, 10.0, False, "May 2014 | Ithaca, NY"),
        (35, 167, 10.0, False, "College of Engineering"),
        (35, 180, 10.0, False, "Magna Cum Laude"),
        (35, 200, 12.0, True, "LA MARTINIERE FOR BOYS"),
        (35, 213, 10.0, False, "Grad. May 2011 | Kolkata, India"),
    ]
    result = placed(rows)
    assert [(e.institution.upper(), e.end) for e in result.education] == [
        ("CORNELL UNIVERSITY", "2014-05"),
        ("LA MARTINIERE FOR BOYS", "2011-05"),
    ]


def test_the_words_after_a_degrees_comma_are_its_field() -> None:
    text = """
Education
B.Sc., Industrial Engineering
Savitribai Phule Pune University
2012 - 2016
"""
    assert [(e.institution, e.degree, e.field) for e in parsed(text).education] == [
        ("Savitribai Phule Pune University", "B.Sc.", "Industrial Engineering")
    ]


def test_a_degree_and_its_field_set_apart_by_a_dash_of_any_kind() -> None:
    from apps.ingestion.parsing.education import split_degree

    assert split_degree("BTS \u2013 Négociation et digitalisation de la relation client") == (
        "BTS",
        "Négociation et digitalisation de la relation client",
    )
    assert split_degree("M.Sc. \u2014 Wirtschaftsingenieurwesen") == ("M.Sc.", "Wirtschaftsingenieurwesen")
    assert split_degree("Ausbildung - Elektroniker") == ("Ausbildung", "Elektroniker")
    # The field first, the degree after it in brackets.
    assert split_degree("Logistikmeister (IHK) (Weiterbildung)") == ("Weiterbildung", "Logistikmeister (IHK)")
    assert split_degree("Computer Science (BSc)") == ("BSc", "Computer Science")
    text = """
Bildungsweg
M.Sc. \u2013 Wirtschaftsingenieurwesen
Humboldt-Universität zu Berlin
2020 - 2022
"""
    assert [(e.institution, e.degree, e.field) for e in parsed(text).education] == [
        ("Humboldt-Universität zu Berlin", "M.Sc.", "Wirtschaftsingenieurwesen")
    ]


def test_a_school_named_like_its_diploma_is_the_school() -> None:
    text = """
Education
High School Diploma
Denver High School
October 2006 - July 2008
"""
    assert [(e.institution, f"{e.degree} {e.field}", e.start, e.end) for e in parsed(text).education] == [
        ("Denver High School", "High School Diploma", "2006-10", "2008-07")
    ]


def test_the_field_after_a_degree_and_a_spaced_dash_on_the_schools_row() -> None:
    text = """
Diplômes et formations
Master - Marketing et vente · INSA Lyon
2015
"""
    assert [(e.institution, e.degree, e.field) for e in parsed(text).education] == [
        ("INSA Lyon", "Master", "Marketing et vente")
    ]


def test_a_long_field_after_a_degree_and_a_dash() -> None:
    text = """
Formation
BTS - Négociation et digitalisation de la relation client
IUT de Paris
07/2013
"""
    assert [(e.institution, e.degree, e.field) for e in parsed(text).education] == [
        ("IUT de Paris", "BTS", "Négociation et digitalisation de la relation client")
    ]


def test_a_heading_wrapped_in_a_narrow_label_column_is_one_heading() -> None:
    resume = placed(
        [
            (226, 61, 16, True, "Europass"),
            (66, 103, 11, True, "Expérience"),
            (66, 116, 11, True, "professionnelle"),
            (66, 133, 9.5, False, "mars 2019 - aujourd'hui"),
            (226, 134, 9.5, True, "Infirmière de bloc opératoire"),
            (226, 146, 9.5, False, "Hospices Civils de Lyon, Lyon"),
            (66, 170, 11, True, "Compétences"),
            (66, 183, 11, True, "personnelles"),
            (226, 200, 9.5, False, "Soins infirmiers, Microsoft Office"),
        ]
    )
    assert [(e.employer, e.title, e.start, e.current) for e in resume.experience] == [
        ("Hospices Civils de Lyon", "Infirmière de bloc opératoire", "2019-03", True)
    ]
    assert "Microsoft Office" in resume.skills


def test_europass_row_labels_are_not_entry_parts() -> None:
    resume = parsed(
        """
Okonkwo Chinedu
chinedu@example.com
Work experience
Dates | 02/2019 - Present
Occupation or position held | Logistics Coordinator
Name and address of employer | Dangote Cement Plc, Ikeja, Lagos
Dates | 06/2016 - 01/2019
Occupation or position held | Warehouse Supervisor
Name and address of employer | Jumia Nigeria, Lagos
"""
    )
    assert [(e.employer, e.title, e.start, e.end) for e in resume.experience] == [
        ("Dangote Cement Plc", "Logistics Coordinator", "2019-02", None),
        ("Jumia Nigeria", "Warehouse Supervisor", "2016-06", "2019-01"),
    ]


def test_dates_printed_above_each_school_belong_to_the_school_below_them() -> None:
    resume = parsed(
        """
Anna Müller
anna@example.de
Ausbildung
10/2012 - 09/2015
Technische Universität München
Master of Science Maschinenwesen
10/2008 - 09/2012
Hochschule Augsburg
Bachelor of Engineering Maschinenbau
"""
    )
    assert [(s.institution, s.start, s.end) for s in resume.education] == [
        ("Technische Universität München", "2012-10", "2015-09"),
        ("Hochschule Augsburg", "2008-10", "2012-09"),
    ]


def test_a_federal_resume_with_addresses_and_labelled_details_between_employer_and_title() -> None:
    resume = parsed(
        """
James R. Thornton
jrthornton@example.com
Work Experience
U.S. Department of Veterans Affairs
810 Vermont Ave NW Washington, DC 20420 United States
03/2017 - Present
Hours per week: 40
Supervisory Program Analyst (This is a federal job)
Series: 0343
Salary: $112,015 USD Per Year
Duties, Accomplishments and Related Skills:
Lead a team of 6 analysts evaluating clinic staffing models.
Booz Allen Hamilton
McLean, VA United States
06/2009 - 09/2012
Hours per week: 45
Operations Specialist
Duties, Accomplishments and Related Skills:
Supported logistics modernization.
"""
    )
    assert [(e.employer, e.title, e.start, e.end) for e in resume.experience] == [
        ("U.S. Department of Veterans Affairs", "Supervisory Program Analyst", "2017-03", None),
        ("Booz Allen Hamilton", "Operations Specialist", "2009-06", "2012-09"),
    ]


@pytest.mark.parametrize("label", ["Key Duties", "Responsibilities:", "Duties, Accomplishments and Related Skills:"])
def test_labels_inside_an_entry_are_not_section_headings(label: str) -> None:
    assert heading_kind(label) is None


def test_a_labelled_degree_keeps_its_label_in_education() -> None:
    resume = parsed("Ana Ruiz\nana@example.es\nFormación\nUniversidad de Sevilla\nGrado: Enfermería\n2017 - 2021\n")
    assert [(s.institution, s.degree) for s in resume.education] == [("Universidad de Sevilla", "Grado: Enfermería")]


def test_an_indian_qualifications_table_read_cell_by_cell() -> None:
    resume = parsed(
        """
Venkata Iyer
vsiyer@example.com
Educational Qualification
Qualification
Institute / University
Year of Passing
Percentage / CGPA
B.E. (Computer Science and Engineering)
Anna University
2014
8.1 CGPA
HSC (XII)
D.A.V. Boys Senior Secondary School
2010
91%
"""
    )
    assert [(s.institution, s.degree, s.field, s.end) for s in resume.education] == [
        ("Anna University", "B.E.", "Computer Science and Engineering", "2014"),
        ("D.A.V. Boys Senior Secondary School", "HSC", "XII", "2010"),
    ]


def test_the_word_degree_belongs_to_the_degree() -> None:
    from apps.ingestion.parsing.education import split_degree

    assert split_degree("Bachelor's degree in Nursing") == ("Bachelor's degree", "Nursing")
    assert split_degree("Master's degree") == ("Master's degree", "")
    assert split_degree("Bachelor of Nursing") == ("Bachelor of Nursing", "")


def test_a_university_diploma_is_a_degree_not_a_school() -> None:
    resume = parsed(
        "Marie Dupont\nmarie@example.fr\nÉducation et formation\n"
        "2020 - 2021 | Diplôme Universitaire Hygiène hospitalière\nUniversité Claude Bernard Lyon 1\n"
    )
    assert [(s.institution, s.start, s.end) for s in resume.education] == [
        ("Université Claude Bernard Lyon 1", "2020", "2021")
    ]


def test_an_entry_line_wrapped_after_of_is_read_whole() -> None:
    resume = placed(
        [
            (65, 120, 11.5, True, "Professional Appointments"),
            (71, 149, 10, False, "Aug 2020 - Present"),
            (201, 149, 10, False, "Assistant Professor, University of"),
            (201, 161, 10, False, "Michigan, Ann Arbor, MI"),
            (71, 177, 10, False, "Sep 2017 - Jul 2020"),
            (201, 177, 10, False, "Postdoctoral Scholar, California Institute of Technology,"),
            (201, 189, 10, False, "Pasadena, CA"),
        ]
    )
    assert [(e.employer, e.title) for e in resume.experience] == [
        ("University of Michigan", "Assistant Professor"),
        ("California Institute of Technology", "Postdoctoral Scholar"),
    ]


def test_a_titles_department_after_a_comma_under_an_employer_in_capitals() -> None:
    assert jobs("Experience\nQUEST DIAGNOSTICS, Secaucus, NJ | Jun 2013 - Dec 2016\nVice President, FP&A\n") == [
        ("Quest Diagnostics", "Vice President, FP&A", "2013-06", "2016-12", False)
    ]


def test_languages_listed_in_a_skills_section_are_not_skills() -> None:
    resume = parsed(
        "Emre Yilmaz\nemre@example.de\nKenntnisse\n"
        "EDV: SAP TM, Microsoft Excel\nSprachen: Deutsch, Türkisch, Englisch\n"
    )
    assert resume.skills == ["SAP TM", "Excel"]


def test_linkedin_export_roles_under_one_company_with_durations() -> None:
    assert jobs(
        """
Experience
Infosys
11 years 5 months
Engineering Manager
April 2022 - Present (4 years 8 months)
Bengaluru, Karnataka, India
Technology Lead
July 2018 - March 2022 (3 years 9 months)
Amsterdam, North Holland, Netherlands
Mindtree
Software Engineer
June 2013 - June 2015 (2 years 1 month)
"""
    ) == [
        ("Infosys", "Engineering Manager", "2022-04", None, True),
        ("Infosys", "Technology Lead", "2018-07", "2022-03", False),
        ("Mindtree", "Software Engineer", "2013-06", "2015-06", False),
    ]


def test_an_employers_whole_stay_above_its_roles_is_not_a_job_of_its_own() -> None:
    assert jobs(
        """
Experience
BLACKROCK, New York, NY | May 2014 - Present
Senior Executive Assistant to the CFO | Mar 2021 - Present
• Coordinate quarterly board materials
Administrative Assistant | May 2014 - Feb 2021
"""
    ) == [
        ("Blackrock", "Senior Executive Assistant to the CFO", "2021-03", None, True),
        ("Blackrock", "Administrative Assistant", "2014-05", "2021-02", False),
    ]


def test_linkedin_places_without_a_comma_stay_with_the_role_above() -> None:
    assert jobs(
        """
Experience
Samsung Electronics
10 years 11 months
Principal Engineer
January 2023 - Present (3 years 11 months)
Hwaseong
Senior Engineer
January 2019 - December 2022 (4 years)
Giheung
SK hynix
Research Intern
July 2015 - August 2015 (2 months)
"""
    ) == [
        ("Samsung Electronics", "Principal Engineer", "2023-01", None, True),
        ("Samsung Electronics", "Senior Engineer", "2019-01", "2022-12", False),
        ("SK hynix", "Research Intern", "2015-07", "2015-08", False),
    ]


def test_year_and_month_written_as_one_number() -> None:
    assert jobs(
        "Experience\nTiger Brands | HR Officer | 201607 \u2013 202002\nAnglo American | HR Partner | 202003 - Present\n"
    ) == [
        ("Tiger Brands", "HR Officer", "2016-07", "2020-02", False),
        ("Anglo American", "HR Partner", "2020-03", None, True),
    ]


def test_linkedin_education_with_a_school_the_word_lists_do_not_know() -> None:
    resume = parsed(
        """
Min-jun Kim
minjun@example.kr
Education
KAIST
Master of Science - MS, Materials Science and Engineering · (2014 - 2016)
Hanyang University
Bachelor of Engineering - BE, Materials Engineering · (2010 - 2014)
"""
    )
    assert [(s.institution, s.degree, s.field, s.start, s.end) for s in resume.education] == [
        ("KAIST", "Master of Science", "Materials Science and Engineering", "2014", "2016"),
        ("Hanyang University", "Bachelor of Engineering", "Materials Engineering", "2010", "2014"),
    ]


def test_a_course_in_progress_at_tafe_keeps_its_code_and_school() -> None:
    resume = parsed(
        "Jack Thompson\njack@example.com.au\nEducation\n"
        "Certificate III in Electrotechnology Electrician (UEE30820) - in progress\n"
        "TAFE Queensland\n02/2021 - 12/2026\n"
    )
    assert [(s.institution, s.degree, s.field) for s in resume.education] == [
        ("TAFE Queensland", "Certificate III", "Electrotechnology Electrician (UEE30820)")
    ]


def test_an_employers_name_with_its_unit_after_a_comma() -> None:
    assert jobs(
        "Experience\nFebruari 2015 - Agustus 2016\nAuditor Junior\nKAP Purwantono, Sungkoro & Surja, Jakarta\n"
    ) == [("KAP Purwantono, Sungkoro & Surja", "Auditor Junior", "2015-02", "2016-08", False)]
    assert jobs(
        "Experience\nDepartment of Veterans Affairs, Audie L. Murphy VA Hospital\n11/2018 - Present\nRegistered Nurse\n"
    ) == [("Department of Veterans Affairs, Audie L. Murphy VA Hospital", "Registered Nurse", "2018-11", None, True)]


def test_an_employer_beside_a_town_the_gazetteer_lacks_stays_alone() -> None:
    assert jobs("Experience\nTESCO, Newport | Jun 2014 - Aug 2016\nSales Assistant\n") == [
        ("TESCO", "Sales Assistant", "2014-06", "2016-08", False)
    ]


def test_an_employers_line_with_its_town_above_its_roles_is_not_a_job() -> None:
    assert jobs(
        "Experience\nQATARENERGY LNG, Ras Laffan | Sep 2016 - Present\n"
        "Senior Process Engineer | Jan 2021 - Present\nProcess Engineer | Sep 2016 - Dec 2020\n"
    ) == [
        ("Qatarenergy LNG", "Senior Process Engineer", "2021-01", None, True),
        ("Qatarenergy LNG", "Process Engineer", "2016-09", "2020-12", False),
    ]


def test_an_irish_county_is_a_place() -> None:
    assert jobs("Experience\nBallymaloe House | Co. Cork\nChef de Partie\n05/2015 - 01/2018\n") == [
        ("Ballymaloe House", "Chef de Partie", "2015-05", "2018-01", False)
    ]


def test_a_fields_label_is_not_part_of_the_field() -> None:
    resume = parsed(
        "Jo Torres\njo@example.com\nEducation\nMethodist University\nBachelor's degree 05/2014\nMajor: Nursing\n"
    )
    assert [(s.degree, s.field) for s in resume.education] == [("Bachelor's degree", "Nursing")]


def test_a_school_in_plain_type_is_not_confused_with_the_field_after_the_degree() -> None:
    resume = parsed(
        "Ravi Kumar\nravi@example.in\nEducation\nAssociate Degree, Business\nSunridge Tech Hub\n2012-2014\n"
    )
    assert [(s.institution, s.degree, s.field) for s in resume.education] == [
        ("Sunridge Tech Hub", "Associate Degree", "Business")
    ]
    resume = parsed(
        "Ana Ruiz\nana@example.es\nFormación\nTécnico Superior - Gestión de Ventas\nCIFP Valencia, Valencia\n"
    )
    assert [(s.institution, s.degree, s.field) for s in resume.education] == [
        ("CIFP Valencia", "Técnico Superior", "Gestión de Ventas")
    ]


def test_a_table_of_jobs_read_cell_by_cell_skips_its_header_row() -> None:
    assert jobs(
        "Employment History\nPeriod\nEmployer\nPosition\n2019 - Date\nSociety for Family Health, Abuja\n"
        "Monitoring & Evaluation Officer\n2015 - 2019\nFederal Ministry of Health\nCommunity Health Extension Worker\n"
    ) == [
        ("Society for Family Health", "Monitoring & Evaluation Officer", "2019", None, True),
        ("Federal Ministry of Health", "Community Health Extension Worker", "2015", "2019", False),
    ]


def test_a_resume_written_in_markdown() -> None:
    resume = parsed(
        "# Jane Doe\njane.doe@example.com | San Francisco, CA\n## Experience\n"
        "**Senior Engineer** - Acme Corp (2019-2021)\n- Built APIs\n## Education\n"
        "**B.S. Computer Science** - Stanford University (2012-2016)\n"
    )
    assert resume.name == "Jane Doe"
    assert [(e.employer, e.title) for e in resume.experience] == [("Acme Corp", "Senior Engineer")]
    assert [s.institution for s in resume.education] == ["Stanford University"]


def test_roles_listed_under_their_employer_keep_it() -> None:
    # The second role has nothing above its dates: the next employer's row, right above
    # the next dates, is not its employer, nor is the unit after its title's comma.
    assert jobs(
        "Priya Raman\npriya@example.com\nProfessional Experience\nHouston Methodist Hospital, Houston, TX\n"
        "Registered Nurse, Cardiac ICU, 2021 - Present\nRegistered Nurse, Telemetry Unit, 2019 - 2021\n"
        "Staff Nurse, 2018 - 2019\nStaff Nurse, Float Pool, 2017 - 2018\n"
        "Memorial Hermann Health System, Houston, TX\nPatient Care Technician, 2016 - 2017\n"
    ) == [
        ("Houston Methodist Hospital", "Registered Nurse, Cardiac ICU", "2021", None, True),
        ("Houston Methodist Hospital", "Registered Nurse, Telemetry Unit", "2019", "2021", False),
        ("Houston Methodist Hospital", "Staff Nurse", "2018", "2019", False),
        ("Houston Methodist Hospital", "Staff Nurse, Float Pool", "2017", "2018", False),
        ("Memorial Hermann Health System", "Patient Care Technician", "2016", "2017", False),
    ]


def test_one_line_entries_keep_their_own_employers() -> None:
    assert jobs(
        "Jane Doe\njane@example.com\nExperience\n"
        "Software Engineer, Globex, 2019 - 2021\nAnalyst, Initech, 2017 - 2019\n"
    ) == [("Globex", "Software Engineer", "2019", "2021", False), ("Initech", "Analyst", "2017", "2019", False)]


@pytest.mark.parametrize(
    "line",
    [
        "2009 - 2014 České vysoké učení technické v Praze, Ing.",  # lower-case words of a school's name
        "2009 - 2014 Universitatea Politehnica din București, Dipl.-Ing.",  # a degree's full stop
    ],
)
def test_a_school_line_is_not_taken_for_a_sentence(line: str) -> None:
    resume = parsed(f"Jan Novák\njan@example.cz\nVzdělání\n{line}\n")
    assert [(s.institution, s.start, s.end) for s in resume.education] == [(line[12:].split(",")[0], "2009", "2014")]


@pytest.mark.parametrize(
    ("text", "degree", "field"),
    [
        ("Bachelor of Science (B.Sc.)", "Bachelor of Science (B.Sc.)", ""),  # was "(B.Sc." without its bracket
        ("Maestría en Administración de Negocios (MBA)", "Maestría (MBA)", "Administración de Negocios"),
        ("Diplom-Ingenieur", "Diplom-Ingenieur", ""),  # a hyphen inside a word separates nothing
        ("Ausbildung - Elektroniker", "Ausbildung", "Elektroniker"),
    ],
)
def test_degree_abbreviations_and_hyphens(text: str, degree: str, field: str) -> None:
    assert split_degree(text) == (degree, field)


def test_a_lower_case_piece_after_a_title_is_part_of_it() -> None:
    assert jobs(
        "Erik Berg\nerik@example.se\nArbetslivserfarenhet\n2019 - nu Volvo Cars, Göteborg\nKonstruktör, chassi\n"
    ) == [("Volvo Cars", "Konstruktör, chassi", "2019", None, True)]


def test_jobs_under_a_heading_no_list_knows_are_still_read() -> None:
    text = (
        "Sven Olsen\nsven@example.no\nOslo\n\nWhere I've worked\n"
        "2018 - now      Equinor ASA, Lead Geophysicist\n2012 - 2018     Aker BP, Geophysicist\n\n"
        "Studies\n2007 - 2012     NTNU, MSc Petroleum Geoscience\n"
    )
    assert jobs(text) == [
        ("Equinor ASA", "Lead Geophysicist", "2018", None, True),
        ("Aker BP", "Geophysicist", "2012", "2018", False),
    ]


def test_dated_lines_of_an_unknown_section_that_read_as_no_jobs_are_not_jobs() -> None:
    text = (
        "Sven Olsen\nsven@example.no\n\nVolunteer notes\n"
        "2019 - 2020 Beach cleaning every summer\n2021 - 2022 Helped at the village fair\n"
    )
    assert jobs(text) == []


def test_a_table_of_jobs_under_column_labels_with_wrapped_duties() -> None:
    rows = [
        (54, 40, 14, True, "Anna Schäfer"),
        (54, 60, 9.5, False, "anna@example.de"),
        (54, 180, 12, True, "Berufliche Stationen"),
        (54, 204, 9.5, True, "Zeitraum"),
        (180, 204, 9.5, True, "Tätigkeit"),
        (54, 219, 9.5, False, "03/2019 - heute"),
        (180, 219, 9.5, False, "Teamleiterin Controlling"),
        (180, 231, 9.5, False, "Robert Bosch GmbH, Stuttgart"),
        (180, 243, 9.5, False, "Führung eines Teams von 6 Mitarbeitenden; Budgetplanung und Forecast für"),
        (180, 256, 9.5, False, "den Geschäftsbereich Power Solutions; Einführung von SAP S/4HANA im"),
        (180, 268, 9.5, False, "Controlling"),
        (54, 284, 9.5, False, "09/2015 - 02/2019"),
        (180, 284, 9.5, False, "Controllerin"),
        (180, 297, 9.5, False, "Mahle International GmbH, Stuttgart"),
        (180, 309, 9.5, False, "Monatsabschlüsse nach HGB und IFRS, Kostenstellenrechnung, Ad-hoc-"),
        (180, 321, 9.5, False, "Analysen für die Geschäftsführung"),
        (54, 338, 9.5, False, "10/2013 - 08/2015"),
        (180, 338, 9.5, False, "Werkstudentin Finanzen"),
        (180, 350, 9.5, False, "Daimler AG, Sindelfingen"),
    ]
    assert [(e.employer, e.title, e.start, e.end) for e in placed(rows).experience] == [
        ("Robert Bosch GmbH", "Teamleiterin Controlling", "2019-03", None),
        ("Mahle International GmbH", "Controllerin", "2015-09", "2019-02"),
        ("Daimler AG", "Werkstudentin Finanzen", "2013-10", "2015-08"),
    ]


def test_italian_jobs_written_as_a_sentence_from_date_to_date() -> None:
    text = (
        "Marco De Santis\nmarco@example.it\n\nESPERIENZE LAVORATIVE\n"
        "Da settembre 2016 a oggi: Responsabile amministrativo presso Natuzzi S.p.A.\n"
        "Da marzo 2011 ad agosto 2016: Contabile senior presso Studio Lorusso & Partners\n"
    )
    assert jobs(text) == [
        ("Natuzzi S.p.A.", "Responsabile amministrativo", "2016-09", None, True),
        ("Studio Lorusso & Partners", "Contabile senior", "2011-03", "2016-08", False),
    ]


def test_numbered_headings_and_a_field_after_its_label() -> None:
    rows = [
        (52, 49, 18, True, "Jiří Dvořák"),
        (52, 78, 9.5, False, "Brno · jiri.dvorak@seznam.cz"),
        (52, 100, 11.5, True, "1. Pracovní zkušenosti"),
        (54, 120, 9.5, False, "od 2020"),
        (154, 120, 9.5, False, "Vedoucí vývojového týmu - Kiwi.com s.r.o., Brno"),
        (54, 148, 9.5, False, "2016-2019"),
        (154, 148, 9.5, False, "Softwarový inženýr - Red Hat Czech s.r.o., Brno"),
        (52, 204, 11.5, True, "2. Vzdělání"),
        (54, 223, 9.5, False, "2012-2014"),
        (154, 223, 9.5, False, "Vysoké učení technické v Brně, Fakulta informačních technologií"),
        (154, 236, 9.5, False, "Ing., obor Informační systémy"),
    ]
    resume = placed(rows)
    assert [(e.employer, e.title, e.start, e.current) for e in resume.experience] == [
        ("Kiwi.com s.r.o.", "Vedoucí vývojového týmu", "2020", True),
        ("Red Hat Czech s.r.o.", "Softwarový inženýr", "2016", False),
    ]
    assert [(e.institution, e.degree, e.field) for e in resume.education] == [
        ("Vysoké učení technické v Brně", "Ing.", "Informační systémy"),
    ]


def test_a_timelines_stacked_dates_under_an_unknown_heading() -> None:
    rows = [
        (52, 49, 18, True, "Siobhán Ní Bhriain"),
        (52, 90, 9.5, False, "+353 87 123 4567 · siobhan@example.ie"),
        (52, 112, 11.5, True, "➤ Where I've worked"),
        (107, 132, 9.5, True, "Feb 2021"),
        (170, 133, 9.5, True, "Product Manager at Intercom"),
        (140, 144, 9.5, False, "●"),
        (170, 144, 9.5, False, "Owns the Help Center product for 25k customers"),
        (127, 157, 9.5, False, "Now"),
        (105, 180, 9.5, True, "Aug 2018"),
        (170, 181, 9.5, True, "Associate Product Manager at Workday"),
        (140, 192, 9.5, False, "●"),
        (109, 205, 9.5, False, "Jan 2021"),
        (52, 240, 11.5, True, "➤ Where I studied"),
        (54, 260, 9.5, False, "2012 - 2016"),
        (170, 260, 9.5, False, "BA Computer Science, Trinity College Dublin"),
        (52, 290, 11.5, True, "➤ Outside work"),
        (54, 310, 9.5, False, "2019 - 2024"),
        (170, 310, 9.5, False, "Gaelic football coach, Na Fianna GAA club"),
    ]
    assert [(e.employer, e.title, e.start, e.end, e.current) for e in placed(rows).experience] == [
        ("Intercom", "Product Manager", "2021-02", None, True),
        ("Workday", "Associate Product Manager", "2018-08", "2021-01", False),
    ]


def test_roles_with_their_unit_under_the_employers_line_keep_the_employer() -> None:
    text = (
        "Seun Adeyemi\nseun@example.com\n\nEXPERIENCE\n"
        "HSBC UK Bank plc, London Sep 2015 - Present\n"
        "Vice President, Credit Risk Analytics Apr 2021 - Present\n"
        "• Designed and validated IFRS 9 expected credit loss models\n"
        "Associate Director, Retail Credit Models Jan 2018 - Mar 2021\n"
        "• Owned 14 PD/LGD/EAD models under the IRB approach\n"
        "Access Bank Plc, Lagos Nov 2011 - Jun 2012\n"
        "Graduate Trainee\n"
    )
    assert jobs(text) == [
        ("HSBC UK Bank plc", "Vice President, Credit Risk Analytics", "2021-04", None, True),
        ("HSBC UK Bank plc", "Associate Director, Retail Credit Models", "2018-01", "2021-03", False),
        ("Access Bank Plc", "Graduate Trainee", "2011-11", "2012-06", False),
    ]


def test_an_employer_line_with_its_place_after_a_middle_dot_is_no_sentence() -> None:
    text = (
        "Luis Hernández\nluis@example.mx\n\nExperiencia\nAnalista de Cadena de Suministro\n"
        "DHL Supply Chain México · Tepotzotlán, Edo. Méx.\njunio 2013 - julio 2016\n"
        "COORDINADOR DE LOGÍSTICA\nFEMSA (OXXO)\nagosto 2011 - mayo 2013\n"
    )
    assert jobs(text) == [
        ("DHL Supply Chain México", "Analista de Cadena de Suministro", "2013-06", "2016-07", False),
        ("Femsa (OXXO)", "Coordinador de Logística", "2011-08", "2013-05", False),
    ]


def schools(text: str) -> list[tuple[str, str, str | None, str | None]]:
    return [(e.institution, e.degree, e.start, e.end) for e in parsed(text).education]


def test_dutch_schools_with_their_dates_set_first() -> None:
    text = (
        "Sanne de Vries\nsanne@example.nl\n\nOpleiding\n2010 - 2014\n"
        "HBO Bedrijfskunde, Hogeschool Utrecht\n2004 - 2010\nVWO, Christelijk Gymnasium Utrecht\n"
    )
    assert schools(text) == [
        ("Hogeschool Utrecht", "HBO", "2010", "2014"),
        ("Christelijk Gymnasium Utrecht", "VWO", "2004", "2010"),
    ]


def test_the_labels_of_a_table_of_schools_are_no_school() -> None:
    text = (
        "김민준\nminjun@example.kr\n\n학력사항\n기간\n학교명\n전공\n구분\n"
        "2009.03 ~ 2015.02\n한양대학교\n컴퓨터소프트웨어학부\n학사 졸업\n"
    )
    assert [school[0] for school in schools(text)] == ["한양대학교"]


def test_an_italian_europass_cv_reads_its_labelled_rows() -> None:
    rows: list[tuple[float, float, float, bool, str]] = [
        (52, 40, 16, True, "Giulia De Santis"),
        (52, 60, 9, False, "giulia@example.it"),
    ]
    rows.append((52, 190, 11, True, "Esperienza professionale"))
    y = 208
    for dates, title, employer in [
        (
            "09/2017 - oggi",
            "Docente di ruolo di Matematica e Fisica",
            "Liceo Scientifico Statale Galileo Ferraris, Corso Montevecchio 67, Torino",
        ),
        (
            "09/2013 - 06/2017",
            "Docente supplente di Matematica",
            "Istituto Tecnico Industriale Amedeo Avogadro, Torino",
        ),
    ]:
        rows += [
            (179, y, 8.5, False, "Date"),
            (216, y, 8.5, False, dates),
            (87, y + 16, 8.5, False, "Lavoro o posizione ricoperti"),
            (216, y + 16, 8.5, False, title),
            (51, y + 33, 8.5, False, "Nome e indirizzo del datore di lavoro"),
            (216, y + 33, 8.5, False, employer),
        ]
        y += 65
    assert [(e.title, e.start, e.end) for e in placed(rows).experience] == [
        ("Docente di ruolo di Matematica e Fisica", "2017-09", None),
        ("Docente supplente di Matematica", "2013-09", "2017-06"),
    ]


def test_an_employers_line_a_point_smaller_than_the_headings_opens_no_section() -> None:
    rows = [
        (0, 10, 22, True, "Pieter de Vries"),
        (0, 30, 10.5, False, "pieter@example.nl"),
        (0, 50, 12.5, True, "Profiel"),
        (0, 65, 10.5, False, "Embedded- en backend-ontwikkelaar met tien jaar ervaring."),
        (0, 80, 12.5, True, "Werkervaring"),
        (0, 95, 11.5, True, "ASML, Veldhoven"),
        (0, 110, 10.5, False, "Senior Software Engineer"),
        (300, 110, 10.5, False, "januari 2022 - heden"),
        (0, 125, 10.5, False, "• Technisch lead voor de metrologie-software."),
        (0, 140, 11.5, True, "Philips, Eindhoven"),
        (0, 155, 10.5, False, "Junior Developer"),
        (300, 155, 10.5, False, "augustus 2016 - augustus 2018"),
        (0, 180, 12.5, True, "Opleiding"),
        (0, 195, 10.5, False, "MSc Computer Science, Technische Universiteit Eindhoven, 2014 - 2016"),
    ]
    assert [(e.employer, e.title) for e in placed(rows).experience] == [
        ("ASML", "Senior Software Engineer"),
        ("Philips", "Junior Developer"),
    ]


def test_ranges_wrapped_in_a_narrow_date_column_after_a_month_or_before_an_open_end() -> None:
    rows = [
        (62, 40, 16, True, "Андрій Бондаренко"),
        (62, 60, 9.5, False, "andrii@example.ua"),
        (62, 230, 11, True, "Досвід роботи"),
        (62, 254, 9.5, False, "вересень 2019 -"),
        (196, 254, 9.5, False, "ТОВ «Нова Пошта»"),
        (62, 266, 9.5, False, "теперішній час"),
        (196, 266, 9.5, False, "Водій категорії CE"),
        (62, 295, 9.5, False, "березень 2014 - серпень"),
        (196, 295, 9.5, False, "ПП «Захід-Транс»"),
        (62, 307, 9.5, False, "2019"),
        (196, 307, 9.5, False, "Водій-експедитор"),
    ]
    assert [(e.start, e.end, e.current) for e in placed(rows).experience] == [
        ("2019-09", None, True),
        ("2014-03", "2019-08", False),
    ]


def test_titles_no_list_knows_beside_an_employer_with_its_place_or_a_nordic_legal_form() -> None:
    text = (
        "Ioana Popescu\nioana@example.ro\n\nExperiență profesională\n"
        "Farmacist-șef | iunie 2017 - prezent\nCatena Farmacii, Cluj-Napoca\n"
        "• Coordonarea unei echipe de 7 farmaciști.\n\n"
        "2012 - 2014 | Danfoss A/S, Nordborg\nStudentermedhjælper\n"
    )
    assert [(employer, title) for employer, title, *_ in jobs(text)] == [
        ("Catena Farmacii", "Farmacist-șef"),
        ("Danfoss A/S", "Studentermedhjælper"),
    ]


def test_a_title_leading_its_line_of_duties_under_the_employer_and_its_dates() -> None:
    rows = [
        (64, 40, 18, True, "Maxime Vandenbussche"),
        (64, 60, 9.5, False, "maxime@example.be"),
        (64, 180, 12, True, "Expérience professionnelle"),
        (64, 196, 10, True, "Restaurant Bon-Bon, Woluwe-Saint-Pierre (depuis 2024)"),
        (64, 210, 9.5, False, "Chef de cuisine - direction d'une brigade de 9 personnes, création de la carte"),
        (64, 241, 10, True, "Hôtel Amigo, Bruxelles (2015-2019)"),
        (64, 255, 9.5, False, "Chef de partie - poste poisson puis garde-manger, banquets jusqu'à 300 couverts."),
    ]
    assert [(e.employer, e.title, e.start) for e in placed(rows).experience] == [
        ("Restaurant Bon-Bon", "Chef de cuisine", "2024"),
        ("Hôtel Amigo", "Chef de partie", "2015"),
    ]


def test_czech_employers_with_their_legal_form_in_letters_apart() -> None:
    text = (
        "Tomáš Dvořák\ntomas@example.cz\n\nPracovní zkušenosti\n"
        "2018 - dosud | Hlavní stavbyvedoucí | Metrostav a.s.\n2015 - 2018 | Stavbyvedoucí | Skanska a.s.\n"
    )
    assert [(employer, title) for employer, title, *_ in jobs(text)] == [
        ("Metrostav a.s.", "Hlavní stavbyvedoucí"),
        ("Skanska a.s.", "Stavbyvedoucí"),
    ]


def test_an_employer_wrapped_before_the_dates_beside_it_is_joined_again() -> None:
    resume = placed(
        [
            (52, 100, 16, True, "Ana Souza"),
            (52, 219, 11.5, True, "Experiência Profissional"),
            (54, 239, 10, False, "Coordenador de Obras \u2014 Piratininga Engenharia e"),
            (456, 239, 10, False, "mar/2018 \u2013 atual"),
            (54, 252, 10, False, "Construções S.A."),
            (54, 268, 10, False, "\u2022 Coordenação de 3 empreendimentos residenciais"),
        ]
    )
    assert [(e.employer, e.title, e.start, e.current) for e in resume.experience] == [
        ("Piratininga Engenharia e Construções S.A.", "Coordenador de Obras", "2018-03", True)
    ]


def test_a_legal_form_in_letters_with_dots_does_not_end_a_sentence() -> None:
    assert jobs(
        "Emre Yıldırım\nİŞ DENEYİMİ\n"
        "Saha Mühendisi - Anadolu Altyapı Müh. Ltd. Şti. (Şubat 2013 - Ağustos 2015)\n"
        "Şantiye Şefi - Boğaziçi Yapı İnşaat Taahhüt A.Ş. (Eylül 2015 - Ağustos 2016)\n"
    ) == [
        ("Anadolu Altyapı Müh. Ltd. Şti.", "Saha Mühendisi", "2013-02", "2015-08", False),
        ("Boğaziçi Yapı İnşaat Taahhüt A.Ş.", "Şantiye Şefi", "2015-09", "2016-08", False),
    ]


def test_an_expected_end_wrapped_in_a_right_aligned_date_column_is_joined() -> None:
    resume = placed(
        [
            (197, 50, 20, True, "Zihan Wang"),
            (52, 119, 11.5, True, "Education"),
            (54, 140, 10, True, "Carnegie Mellon University"),
            (428, 139, 10, False, "Aug 2025 \u2013 Expected May"),
            (54, 152, 10, False, "M.S. in Machine Learning"),
            (533, 152, 10, False, "2027"),
        ]
    )
    assert [(s.institution, s.start, s.end) for s in resume.education] == [
        ("Carnegie Mellon University", "2025-08", "2027-05")
    ]


def test_a_school_s_wrapped_short_name_a_compound_school_name_and_a_note_beside_the_dates() -> None:
    resume = parsed(
        "Fatima El Amrani\nfatima@example.ma\nFORMATION\n"
        "École Nationale Supérieure d'Arts et Métiers de Meknès | 2012 - 2017\n(ENSAM)\n"
        "Diplôme d'ingénieur d'État en Génie industriel\n"
        "Arteveldehogeschool | 2008 - 2011\nBachelor in de Verpleegkunde\n"
        "2004 - 2008 (deeltijd) | Deltion College | MBO Timmeren\n"
    )
    assert [(s.institution, s.start, s.end) for s in resume.education] == [
        ("École Nationale Supérieure d'Arts et Métiers de Meknès (ENSAM)", "2012", "2017"),
        ("Arteveldehogeschool", "2008", "2011"),
        ("Deltion College", "2004", "2008"),
    ]


def test_an_employer_wrapped_before_its_legal_form_or_at_its_hyphen_is_joined_again() -> None:
    resume = placed(
        [
            (52, 100, 16, True, "J. R. Okafor"),
            (52, 176, 11.5, True, "Work Experience"),
            (54, 196, 10, False, "Senior Production Engineer \u2014 Deltaline Energy Nigeria"),
            (431, 196, 10, False, "March 2019 \u2013 Till date"),
            (54, 209, 10, False, "Limited"),
            (54, 224, 10, False, "\u2022 Optimised gas lift on 26 wells"),
            (54, 255, 10, False, "Verpleegkundige spoedgevallen \u2014 AZ Sint-"),
            (479, 255, 10, False, "2011 \u2013 2019"),
            (54, 268, 10, False, "Lucas Gent vzw"),
        ]
    )
    assert [(e.employer, e.title) for e in resume.experience] == [
        ("Deltaline Energy Nigeria Limited", "Senior Production Engineer"),
        ("AZ Sint-Lucas Gent vzw", "Verpleegkundige spoedgevallen"),
    ]


def test_an_employer_under_a_title_s_line_is_not_joined_to_the_title() -> None:
    assert jobs(
        "Experiencia\nnov. 2020 - jun. 2024 | Ejecutivo de cuentas\nTramontana Comercial S.A.\n"
        "- Captación de clientes.\n"
    ) == [("Tramontana Comercial S.A.", "Ejecutivo de cuentas", "2020-11", "2024-06", False)]


def test_a_comma_inside_a_title_s_bracket_does_not_split_it() -> None:
    assert jobs(
        "Experience\nSenior Logistics Supervisor (Sergeant First Class, E-7), U.S. Army | Aug 2019 - Dec 2024\n"
    ) == [("U.S. Army", "Senior Logistics Supervisor (Sergeant First Class, E-7)", "2019-08", "2024-12", False)]


def test_a_table_of_dates_position_and_employer_keeps_the_employer_after_the_duties() -> None:
    assert jobs(
        "Experience\nDates\nPosition\nEmployer\n"
        "2021-03 - present\nTeam Lead, Customer Care\n• Coach 14 agents\nRogers Communications Inc., Brampton, ON\n"
        "2018-05 - 2021-02\nCustomer Service Representative\n• Handled 70+ calls a day\n"
        "TD Canada Trust, Mississauga, ON\n"
    ) == [
        ("Rogers Communications Inc.", "Team Lead, Customer Care", "2021-03", None, True),
        ("TD Canada Trust", "Customer Service Representative", "2018-05", "2021-02", False),
    ]


def test_schools_set_dates_first_with_swiss_german_and_quebec_qualifications() -> None:
    resume = parsed(
        "Anna Keller\nanna@example.ch\nAusbildung\n"
        "2021 - 2024 | Staatlich geprüfter Techniker - Mechatronik\nTechnische Schule Stuttgart\n"
        "2007 - 2013 | Mittlere Reife\nRealschule Ostheim, Stuttgart\n"
        "2010 - 2013 | Kauffrau EFZ\nBerufsschule KV Uster\n"
        "2010 - 2012 | DEC en sciences humaines\nCégep du Vieux Montréal\n"
    )
    assert [(s.institution, s.start, s.end) for s in resume.education] == [
        ("Technische Schule Stuttgart", "2021", "2024"),
        ("Realschule Ostheim", "2007", "2013"),
        ("Berufsschule KV Uster", "2010", "2013"),
        ("Cégep du Vieux Montréal", "2010", "2012"),
    ]
    assert [s.degree for s in resume.education][1:] == ["Mittlere Reife", "Kauffrau EFZ", "DEC"]


def test_languages_spoken_are_no_skills_when_the_whole_text_is_scanned() -> None:
    resume = parsed(
        "Sanne de Vries\nsanne@example.nl\nVaardigheden\nZie hieronder wat ik dagelijks in de apotheek doe en leer.\n"
        "Talen\nNederlands, Engels\nWerkervaring\n2019 - heden | Apotheek Centrum B.V. | Apothekersassistent\n"
        "Werk met Excel dagelijks.\n"
    )
    assert resume.skills == ["Excel"]


def test_an_employer_wrapped_inside_its_quotes_is_joined_again() -> None:
    assert jobs(
        "Опыт работы\nАО «Кондитерская фабрика им. Н. К.\nКрупской» - Санкт-Петербург\n"
        "Инженер-технолог, Март 2016 - Август 2020\n• Контроль технологических режимов\n"
    ) == [("АО «Кондитерская фабрика им. Н. К. Крупской»", "Инженер-технолог", "2016-03", "2020-08", False)]


@pytest.mark.parametrize(
    "degree",
    ["Svendebrev som tømrer", "Curso Técnico em Edificações", "Residência Multiprofissional em Oncologia", "Δίπλωμα"],
)
def test_danish_brazilian_and_greek_qualifications_are_degrees(degree: str) -> None:
    assert has_degree(degree)


def test_a_town_glued_to_the_employer_by_a_hyphen_is_its_place() -> None:
    # As job boards export a work history: "Company-Town, ST" under the title.
    assert jobs(
        "Work Experience\nCDL-A Regional Driver\nWerner Enterprises-Amarillo, TX\nMay 2022 to Present\n"
        "OTR Truck Driver\nSwift Transportation-Phoenix, AZ\nFebruary 2017 to April 2022\n"
    ) == [
        ("Werner Enterprises", "CDL-A Regional Driver", "2022-05", None, True),
        ("Swift Transportation", "OTR Truck Driver", "2017-02", "2022-04", False),
    ]
    # A hyphenated name before its place stays whole.
    assert jobs("Experience\nEngineer\nRolls-Royce, Derby, UK\n2019 - 2021\n") == [
        ("Rolls-Royce", "Engineer", "2019", "2021", False)
    ]


def test_a_town_with_its_state_code_after_the_employer_is_its_place() -> None:
    # A suburb the gazetteer lacks, vouched for by the state's code after it.
    assert jobs("Employment\nStoreperson\nToll Group, Eastern Creek NSW\nMay 2023 - Current\n") == [
        ("Toll Group", "Storeperson", "2023-05", None, True)
    ]


def test_a_town_the_gazetteer_lacks_stays_with_its_state_code() -> None:
    # Jake's resume template: the company and dates, then the title and "Town, ST".
    assert jobs("Experience\nTim Hortons | Jun 2021 - Apr 2023\nTeam Member (part-time) | Markham, ON\n") == [
        ("Tim Hortons", "Team Member (part-time)", "2021-06", "2023-04", False)
    ]


def test_an_entry_line_of_capitalized_fields_may_end_with_a_full_stop() -> None:
    # moderncv ends each entry's line with a full stop.
    assert jobs(
        "Experience\n2017-2020   Pharmacist, McCabes Pharmacy, Dublin.\n"
        "2016-2017   Pharmacy Intern, Mater Misericordiae University Hospital, Dublin.\n"
    ) == [
        ("McCabes Pharmacy", "Pharmacist", "2017", "2020", False),
        ("Mater Misericordiae University Hospital", "Pharmacy Intern", "2016", "2017", False),
    ]


def test_a_place_of_two_words_is_not_cut_before_its_second() -> None:
    # "Mountain View, CA" is all place: no "Mountain" left to stand for an employer.
    assert jobs("Experience\nSoftware Engineer, Google\nMountain View, CA\n2019 - 2021\n") == [
        ("Google", "Software Engineer", "2019", "2021", False)
    ]
    assert jobs("Experience\nResearch Assistant\nSouthwestern University Georgetown, TX\n2017 - 2019\n") == [
        ("Southwestern University", "Research Assistant", "2017", "2019", False)
    ]


def test_a_high_school_by_its_name_is_the_school_and_its_certificate_the_degree() -> None:
    resume = parsed(
        "Education\nTAFE NSW | 2020\nCertificate III in Supply Chain Operations\n"
        "Jamison High School | 2012\nHigher School Certificate (HSC)\n"
    )
    assert [(s.institution, s.degree) for s in resume.education][1:] == [
        ("Jamison High School", "Higher School Certificate (HSC)")
    ]


def test_a_linkedin_role_with_its_unit_stays_at_the_employer_above() -> None:
    # LinkedIn lists several roles under one company; a later role's title carries its unit.
    assert jobs(
        "Experience\nFroedtert Hospital\n6 years 9 months\nCharge Nurse, Cardiac Step-Down\n"
        "March 2022 - Present (4 years 9 months)\nMilwaukee, Wisconsin\n"
        "Registered Nurse, Cardiac Step-Down\nAugust 2019 - March 2022 (2 years 8 months)\n"
        "Milwaukee, Wisconsin\n"
    ) == [
        ("Froedtert Hospital", "Charge Nurse, Cardiac Step-Down", "2022-03", None, True),
        ("Froedtert Hospital", "Registered Nurse, Cardiac Step-Down", "2019-08", "2022-03", False),
    ]
    # A company before the title's comma is the company ("Harrison Money Management, Accountant").
    assert jobs(
        "Experience\nGilmore Financial\nCertified Public Accountant\nOct 2021 - Present\n"
        "Harrison Money Management, Accountant\nAug 2020 - Oct 2021\n"
    )[1][:2] == ("Harrison Money Management", "Accountant")


def test_linkedins_stay_length_in_other_languages_is_no_employer() -> None:
    assert jobs(
        "Ervaring\nCoolblue\n6 jaar 11 maanden\nLead Frontend Engineer\n"
        "april 2023 - heden (3 jaar 8 maanden)\nRotterdam, Nederland\n"
    ) == [("Coolblue", "Lead Frontend Engineer", "2023-04", None, True)]


def test_a_title_led_by_group_is_a_title() -> None:
    # "Group" makes "Toll Group" an employer, not "Group Reporting Accountant".
    assert jobs(
        "Employment History\n01/2022 - Present\nFinancial Controller\nAsda Stores Ltd, Leeds\n"
        "12/2019 - 12/2021\nGroup Reporting Accountant\nAsda Stores Ltd, Leeds\n"
    )[1][:2] == ("Asda Stores Ltd", "Group Reporting Accountant")


def test_two_titles_on_a_row_are_one_title() -> None:
    assert jobs(
        "Professional Experience\nSenior Manager - HR Business Partner, HDFC Bank Ltd. | Apr 2022 - Present\nMumbai\n"
    ) == [("HDFC Bank Ltd.", "Senior Manager \u2013 HR Business Partner", "2022-04", None, True)]
    assert jobs(
        "Work History\nSecurity Officer - Flex Supervisor, Allied Universal, Las Vegas, NV   2021 - Present\n"
    ) == [("Allied Universal", "Security Officer \u2013 Flex Supervisor", "2021", None, True)]


def test_a_role_of_title_and_unit_under_an_employer_set_apart_is_at_that_employer() -> None:
    assert jobs(
        "Clinical Experience\nCharge Nurse, Cardiac Step-Down Unit   Mar 2022 - Present\n"
        "Riverside Methodist Hospital - Columbus, OH\n• Coordinate staffing for 32 beds\n"
        "Staff Nurse, Telemetry   Jan 2019 - Feb 2022\n• Managed care for telemetry patients\n"
    )[1][:2] == ("Riverside Methodist Hospital", "Staff Nurse, Telemetry")


def test_a_unit_after_the_titles_comma_is_no_employer_when_a_name_stands_apart() -> None:
    assert jobs(
        "Berufserfahrung\nseit 09/2019\nLehrerin für Deutsch und Geschichte, Klassenvorständin\n"
        "BG/BRG Rainergasse, Wien\n• Unterricht in der Oberstufe\n"
    ) == [("BG/BRG Rainergasse", "Lehrerin für Deutsch und Geschichte", "2019-09", None, True)]
    # A phrase on its own row is no name: the comma's piece stays the employer.
    assert jobs(
        "Experience\nOffice Manager, Healthworx   Jan 2013 - Aug 2015\nAutomated appointment booking and reminders\n"
    )[0][:2] == ("Healthworx", "Office Manager")


def test_a_title_ending_in_a_word_like_a_stays_length_is_kept() -> None:
    # "Technician" ends in "an", a Romance year: only a whole last word counts.
    assert jobs("Experience\nAcme Corp\nLevel 3 Technician\n2019 - 2021\n") == [
        ("Acme Corp", "Level 3 Technician", "2019", "2021", False)
    ]
