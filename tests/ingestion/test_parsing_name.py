"""The candidate's name: layout, shape, and agreement with the email address."""

import datetime

import pytest

from apps.ingestion.document import Document, Line
from apps.ingestion.extraction import extract_in_process
from apps.ingestion.parsing import parse
from apps.ingestion.parsing.name import tidy

TODAY = datetime.date(2026, 11, 26)


def document(*lines: Line) -> Document:
    return Document(ok=True, kind="pdf", lines=list(lines), pages=1)


def text_document(text: str) -> Document:
    return Document(ok=True, kind="text", lines=[Line(t) for t in text.splitlines() if t.strip()], pages=1)


def name_of(doc: Document) -> str | None:
    return parse(doc, today=TODAY).name


def test_accented_and_ascii_names_are_kept_as_printed() -> None:
    assert name_of(text_document("José Álvarez-Núñez\njose@example.com")) == "José Álvarez-Núñez"
    assert name_of(text_document("Jose Alvarez\njose@example.com")) == "Jose Alvarez"


def test_particles_and_apostrophes_belong_to_the_name() -> None:
    assert name_of(text_document("Ludwig van der Berg\nl@example.com")) == "Ludwig van der Berg"
    assert name_of(text_document("Siobhán O'Connor\ns@example.com")) == "Siobhán O'Connor"
    assert name_of(text_document("Ahmad bin Ismail\nahmad@example.com")) == "Ahmad bin Ismail"
    assert name_of(text_document("Maarten van 't Zand\nmaarten@example.nl")) == "Maarten van 't Zand"


def test_an_all_caps_name_is_title_cased_with_particles_lower_case() -> None:
    assert tidy("MARIA DE LA CRUZ") == "Maria de la Cruz"
    assert tidy("SEAN O'BRIEN") == "Sean O'Brien"
    assert tidy("JEAN-PIERRE DUPONT") == "Jean-Pierre Dupont"
    assert name_of(text_document("CATHERINE STARK\ncatherinestark@email.com")) == "Catherine Stark"


def test_surname_first_with_a_comma_is_turned_around() -> None:
    assert tidy("MÜLLER, Anna") == "Anna Müller"
    assert tidy("GARCÍA LÓPEZ, José María") == "José María García López"
    assert tidy("O'CONNOR-SMITH, Siobhán") == "Siobhán O'Connor-Smith"


def test_particles_in_capitals_beside_given_names_are_lower_case() -> None:
    assert tidy("DE LA CRUZ Y MENDOZA, María") == "María de la Cruz y Mendoza"
    assert tidy("Jan VAN DER BERG") == "Jan van der Berg"
    assert tidy("JD Smith") == "JD Smith"


def test_curriculum_vitae_above_the_name_is_not_the_name() -> None:
    assert name_of(text_document("Curriculum Vitae\nAnna Schmidt\nanna.schmidt@example.de")) == "Anna Schmidt"
    assert name_of(text_document("LEBENSLAUF\nKlaus Weber\nklaus@example.de")) == "Klaus Weber"


def test_a_job_title_above_the_name_is_not_the_name() -> None:
    doc = document(
        Line("Senior Software Engineer", size=11, y=20),
        Line("Priya Raman", size=24, bold=True, y=40),
        Line("priya.raman@example.com", size=10, y=70),
    )
    assert name_of(doc) == "Priya Raman"


def test_a_section_heading_is_never_the_name() -> None:
    assert name_of(text_document("EXPERIENCE\nAcme Corp, Engineer\n2019 - 2021")) is None


def test_the_email_breaks_a_tie_between_two_name_like_rows() -> None:
    doc = text_document("Grace Hopper\nMary Jackson\nmjackson@example.com")
    assert name_of(doc) == "Mary Jackson"


def test_largest_type_wins_in_a_two_column_header() -> None:
    doc = document(
        Line("Contact", size=12, bold=True, x=20, y=30, column=0),
        Line("Berlin, Germany", size=10, x=20, y=50, column=0),
        Line("Lena Fischer", size=28, x=220, y=30, column=1),
        Line("Data Analyst", size=14, x=220, y=60, column=1),
    )
    assert name_of(doc) == "Lena Fischer"


def test_non_latin_names_are_names() -> None:
    doc = document(Line("王小明", size=24, y=30), Line("wang@example.cn", size=10, y=60))
    assert name_of(doc) == "王小明"


def test_a_missing_name_gives_a_warning() -> None:
    result = parse(text_document("Experience\n2019 - 2021 Acme, Engineer"), today=TODAY)
    assert result.name is None
    assert "no name found" in result.warnings


def test_a_name_on_one_ocr_line_with_the_phone_is_still_found() -> None:
    assert name_of(text_document("François Lefèvre +33 6 76 27 39 83\nflefevre@example.net")) == "François Lefèvre"


def test_a_labelled_name_on_the_line_after_its_label() -> None:
    doc = document(
        Line("Senior Project Manager", size=24, bold=True, y=20),
        Line("Personal Details", size=12, bold=True, y=60),
        Line("Name:", size=10, y=80),
        Line("Lakshmi Banerjee", size=10, y=95),
    )
    assert name_of(doc) == "Lakshmi Banerjee"


def test_names_in_scripts_without_case_are_names() -> None:
    doc = document(Line("محمد علي", size=24, y=30), Line("m.ali@example.com", size=10, y=60))
    assert name_of(doc) == "محمد علي"


def test_a_name_wrapped_in_a_narrow_header_is_joined_across_the_contact_lines_beside_it() -> None:
    doc = document(
        Line("Ana Gómez de", size=14, bold=True, x=57, y=57),
        Line("Dirección: Sevilla, España", size=9, x=410, y=56),
        Line("Teléfono: 612 34 56 78", size=9, x=434, y=67),
        Line("La Fuente", size=14, bold=True, x=57, y=74),
        Line("Email: ana.gomez@example.com", size=9, x=311, y=78),
        Line("Experiencia profesional", size=11, bold=True, x=57, y=114),
    )
    assert name_of(doc) == "Ana Gómez de La Fuente"


def test_a_name_at_the_top_of_the_main_column_after_a_long_sidebar() -> None:
    sidebar = [Line("Contact", size=11, bold=True, x=32, y=58)]
    sidebar += [Line(f"Skill number {n}", size=10, x=32, y=80 + 15 * n) for n in range(35)]
    main = [
        Line("Priya Raghunathan", size=23, bold=True, x=228, y=55, column=1),
        Line("Work Experience", size=12, bold=True, x=228, y=110, column=1),
        Line("Data Engineer, Acme Ltd", size=10, x=228, y=130, column=1),
    ]
    assert name_of(document(*sidebar, *main)) == "Priya Raghunathan"


def test_a_wrapped_name_is_joined_on_an_ocr_page_without_type_sizes() -> None:
    doc = document(
        Line("Joaquín Rodríguez de", x=57, y=57),
        Line("Teléfono: 629 65 88 87", x=435, y=67),
        Line("Castro", x=57, y=74),
        Line("Experiencia profesional", x=57, y=120),
    )
    assert name_of(doc) == "Joaquín Rodríguez de Castro"


def test_an_ocr_name_line_is_extended_only_by_words_the_email_holds() -> None:
    def header(email: str) -> Document:
        return document(
            Line("Ciarán Mac Giolla", x=57, y=54),
            Line("Phádraig", x=57, y=80),
            Line(email, x=340, y=110),
        )

    assert name_of(header("ciaran.macgiollaphadraig@example.net")) == "Ciarán Mac Giolla Phádraig"
    assert name_of(header("ciaran@example.net")) == "Ciarán Mac Giolla"


def test_a_name_and_its_transliteration_on_ocr_lines_are_not_joined() -> None:
    doc = document(
        Line("محمد علي", x=57, y=54),
        Line("Mohamed Ali", x=57, y=80),
        Line("mohamed.ali@example.com", x=57, y=110),
    )
    assert name_of(doc) in {"محمد علي", "Mohamed Ali"}


def test_a_comma_read_as_a_semicolon_in_a_surname_first_name() -> None:
    assert name_of(text_document("Pemberton ; Eleanor\nEdinburgh, United Kingdom")) == "Pemberton, Eleanor"


def ocr_document(*lines: Line) -> Document:
    return Document(ok=True, kind="pdf", lines=list(lines), pages=1, ocr_pages=[0], ocr_used=True)


def test_a_capital_i_read_as_l_by_ocr_is_a_name_again() -> None:
    doc = ocr_document(Line("Arjun lyer", x=50, y=68), Line("a.iyer@example.co.uk", x=50, y=110))
    assert name_of(doc) == "Arjun Iyer"


def test_contact_labels_on_two_ocr_lines_are_no_name() -> None:
    doc = ocr_document(
        Line("Móvil", x=50, y=95),
        Line("+1 303-555-0139", x=120, y=95),
        Line("E-mail", x=50, y=111),
        Line("a.iyer@example.co.uk", x=120, y=111),
        Line("Perfil", x=50, y=154),
    )
    assert name_of(doc) is None


def test_academic_titles_before_a_name_are_dropped() -> None:
    assert tidy("Dr. med. Anna Schmidt") == "Anna Schmidt"
    assert tidy("Dipl.-Ing. Jürgen Weber") == "Jürgen Weber"
    assert tidy("Dott.ssa Giulia Rossi") == "Giulia Rossi"
    assert name_of(text_document("Dr. med. Anna Schmidt\nFachärztin für Innere Medizin")) == "Anna Schmidt"


def test_a_vietnamese_name_ending_in_an_is_a_name() -> None:
    doc = text_document("Nguyễn Văn An\nHo Chi Minh City, Vietnam | an.nguyen@example.com")
    assert name_of(doc) == "Nguyễn Văn An"


def test_a_name_printed_with_its_address_in_angle_brackets_is_found() -> None:
    doc = text_document("Kwame Mensah <kwame.mensah@example.com>\n+233 24 123 4567 - Accra, Ghana")
    assert name_of(doc) == "Kwame Mensah"


def test_a_place_beside_the_contact_details_is_not_the_name() -> None:
    assert name_of(text_document("Ho Chi Minh City, Vietnam | +84 90 123 4567\nx@example.com")) is None


def test_linking_words_and_joined_particles_belong_to_the_name() -> None:
    assert name_of(text_document("Jordi Puig i Ferrer\njordi@example.com")) == "Jordi Puig i Ferrer"
    assert name_of(text_document("João Silva e Costa\njoao@example.com")) == "João Silva e Costa"
    assert name_of(text_document("Fatima al-Hassan\nfatima@example.com")) == "Fatima al-Hassan"
    assert name_of(text_document("Giulia d'Angelo\ngiulia@example.com")) == "Giulia d'Angelo"
    assert tidy("JOHN D SMITH") == "John D Smith"


def test_what_a_resume_calls_itself_in_other_languages_is_not_the_name() -> None:
    assert name_of(text_document("Europass\nMarie Dubois\nmarie@example.fr")) == "Marie Dubois"
    assert name_of(text_document("个人简历\n张伟\nz@example.cn")) == "张伟"


def test_a_name_on_the_line_after_its_label() -> None:
    doc = text_document("Daftar Riwayat Hidup\nData Pribadi\nNama:\nDewi Anggraini Putri\ndewi@example.co.id")
    assert name_of(doc) == "Dewi Anggraini Putri"


def test_a_name_beside_its_label_in_a_europass_table() -> None:
    doc = document(
        Line("Europass", 0, 16, True, 226, 61),
        Line("Curriculum Vitae", 0, 9.5, False, 226, 79),
        Line("Informations personnelles", 0, 11, True, 66, 103),
        Line("Nom", 0, 9.5, False, 66, 133),
        Line("Marie-Claire de la Fontaine", 0, 9.5, True, 226, 134),
        Line("Courriel", 0, 9.5, False, 66, 149),
        Line("mc.delafontaine@orange.fr", 0, 9.5, False, 226, 149),
    )
    assert name_of(doc) == "Marie-Claire de la Fontaine"


def test_a_resume_that_prints_no_name_takes_it_from_a_first_last_email() -> None:
    assert name_of(text_document("jane.doe@example.com\n+1 415 555 0100\nExperience\nEngineer, Acme, 2019 - 2021")) == (
        "Jane Doe"
    )
    assert name_of(text_document("jdoe1987@example.com\nExperience\nEngineer, Acme, 2019 - 2021")) is None


@pytest.mark.parametrize(
    ("title", "name"),
    [("Currículo", "João Pedro Silva"), ("बायोडाटा", "अनिल कुमार शर्मा"), ("السيرة الذاتية", "أحمد سالم الغامدي")],
)
def test_the_documents_own_title_in_other_languages_is_no_name(title: str, name: str) -> None:
    assert name_of(text_document(f"{title}\n{name}\nsomeone@example.com\n")) == name


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        # Credentials after the comma, the name wrapped in large type as LinkedIn prints it.
        (["Danielle M. Kowalczyk,", "RN, BSN"], "Danielle M. Kowalczyk"),
        (["Faith Wanjiru", "Kamau, CPA(K)"], "Faith Wanjiru Kamau"),
        (["Jean-François Tremblay, P.Eng., PMP"], "Jean-François Tremblay"),
        (["DANIELLE KOWALCZYK, RN, BSN"], "Danielle Kowalczyk"),
        # A nickname in quotes between the given and the family name.
        (['Jasmine "Jazz"', "Whitaker-Lopez"], "Jasmine Whitaker-Lopez"),
        (["Katherine \u201cKate\u201d O'Neill-Brennan"], "Katherine O'Neill-Brennan"),
        # "son of" before the father's name.
        (["Rajesh s/o Kumaravel"], "Rajesh Kumaravel"),
    ],
)
def test_what_is_printed_around_a_name_is_not_part_of_it(lines: list[str], name: str) -> None:
    rows = [Line(text, size=26, bold=True, x=86, y=60 + 30 * n) for n, text in enumerate(lines)]
    rows.append(Line("Accountant | someone@example.com", size=10, x=86, y=60 + 30 * len(lines)))
    assert name_of(document(*rows)) == name


def test_capitals_after_the_comma_of_a_name_in_capitals_are_a_given_name() -> None:
    assert "Anna" in tidy("MÜLLER, ANNA")


@pytest.mark.parametrize("name", ["สมชาย ศรีสวัสดิ์วงศ์", "กนกวรรณ จิราภรณ์สกุล", "राहुल कुमार शर्मा"])
def test_a_name_in_a_script_with_vowel_signs(name: str) -> None:
    rows = [Line(name, size=20, bold=True, x=60, y=60), Line("somchai.s@gmail.com", size=10, x=60, y=90)]
    assert name_of(document(*rows)) == name


@pytest.mark.parametrize(
    "text",
    [
        "Hi there,\nMy resume is below.\nCheers,\nJack\n\n-----\n\nJACK MITCHELL\nElectrician\njack@example.com\n",
        "Dzień dobry,\nw załączeniu CV.\nPozdrawiam\nKrzysztof Zieliński\n\nKrzysztof Zieliński\nkierowca\n",
    ],
)
def test_a_resume_pasted_below_an_email_keeps_its_name_apart_from_the_signature(text: str) -> None:
    name = name_of(extract_in_process(text.encode(), filename="resume.txt"))
    assert name in {"Jack Mitchell", "Krzysztof Zieliński"}
