"""Headings, open ends and job words of Slovak, Slovenian, Balkan, Baltic, Icelandic, Persian,
Hebrew and Thai resumes."""

# ruff: noqa: RUF001  # Cyrillic letters and Persian commas, as these resumes print them

import datetime

import pytest

from apps.ingestion.document import Document, Line
from apps.ingestion.parsing import parse
from apps.ingestion.parsing.contact import find_links
from apps.ingestion.parsing.dates import find_ranges
from apps.ingestion.parsing.result import ParsedResume
from apps.ingestion.parsing.sections import heading_kind

TODAY = datetime.date(2026, 11, 27)


def parsed(text: str) -> ParsedResume:
    lines = [Line(t) for t in text.splitlines() if t.strip()]
    return parse(Document(ok=True, kind="text", lines=lines, pages=1), today=TODAY)


@pytest.mark.parametrize(
    "open_end",
    [
        "doteraz",  # Slovak
        "do súčasnosti",
        "do současnosti",  # Czech
        "i dalje",  # Serbian, Croatian
        "до момента",  # Bulgarian
        "iki dabar",  # Lithuanian
        "praeguseni",  # Estonian
        "núna",  # Icelandic
        "em andamento",  # Portuguese, an ongoing degree
        "до сих пор",  # Russian
        "по теперішній час",  # Ukrainian
        "تاکنون",  # Persian
        "היום",  # Hebrew
        "ปัจจุบัน",  # Thai
    ],
)
def test_open_ends_of_more_languages(open_end: str) -> None:
    [found] = find_ranges(f"03/2019 - {open_end}")
    assert found.start is not None
    assert (found.start.iso(), found.end, found.current) == ("2019-03", None, True)


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Pracovné skúsenosti", "experience"),
        ("Vzdelanie", "education"),
        ("Radno iskustvo", "experience"),
        ("Obrazovanje", "education"),
        ("Професионален опит", "experience"),
        ("Išsilavinimas", "education"),
        ("Darba pieredze", "experience"),
        ("Töökogemus", "experience"),
        ("Haridus", "education"),
        ("Starfsreynsla", "experience"),
        ("Menntun", "education"),
        ("سوابق کاری", "experience"),
        ("تحصیلات", "education"),
        ("ניסיון תעסוקתי", "experience"),
        ("השכלה", "education"),
        ("Teaching Experience", "experience"),  # a teacher's jobs
    ],
)
def test_headings_of_more_languages(heading: str, kind: str) -> None:
    assert heading_kind(heading) == kind


def test_a_slovak_resume() -> None:
    resume = parsed(
        "Peter Horváth\npeter.horvath@example.sk\nPracovné skúsenosti\n"
        "Procesný inžinier, Slovnaft, a.s. september 2018 - doteraz\n"
        "Plánovač výroby, Volkswagen Slovakia, a.s. február 2014 - august 2018\nVzdelanie\n"
        "Slovenská technická univerzita v Bratislave, Ing. - Chemické inžinierstvo 2009 - 2014\n"
    )
    assert [(e.employer, e.title, e.start, e.end) for e in resume.experience] == [
        ("Slovnaft, a.s.", "Procesný inžinier", "2018-09", None),
        ("Volkswagen Slovakia, a.s.", "Plánovač výroby", "2014-02", "2018-08"),
    ]
    assert [(s.institution, s.start, s.end) for s in resume.education] == [
        ("Slovenská technická univerzita v Bratislave", "2009", "2014")
    ]


def test_a_hebrew_title_before_its_employer() -> None:
    resume = parsed("נועה כהן\nnoa@example.com\nניסיון תעסוקתי\nמנהלת מוצר בכירה, Wix\n2020 - היום\n")
    assert [(e.employer, e.title, e.current) for e in resume.experience] == [("Wix", "מנהלת מוצר בכירה", True)]


@pytest.mark.parametrize(
    ("header", "location", "phones"),
    [
        # The country's own format, told by the email's country domain.
        ("Noa Cohen\nnoa.cohen@walla.co.il\n054-762-3318\n", None, ["+972547623318"]),
        # ... by the script: Greek.
        ("Ελένη Γεωργίου\neleni@example.com · Θεσσαλονίκη · 697 214 5589\n", "Θεσσαλονίκη", ["+306972145589"]),
        # ... by a city and its region.
        (
            "Maria Santos\nQuezon City, Metro Manila\nMobile: 0917 845 2231 | maria@example.com\n",
            None,
            ["+639178452231"],
        ),
        ("José Hernández\nGuadalajara, Jalisco · 33 1234 5678 · jose@example.com\n", "Guadalajara, Jalisco", None),
        (
            "Marie Tremblay\nMontréal (Québec) · 514 555-0187 · marie@example.ca\n",
            "Montréal (Québec)",
            ["+15145550187"],
        ),
    ],
)
def test_a_phone_in_its_national_format_and_the_place_beside_it(
    header: str, location: str | None, phones: list[str] | None
) -> None:
    resume = parsed(header)
    assert location is None or resume.location == location
    assert phones is None or resume.phones == phones


def test_an_employer_ending_in_its_legal_form_is_no_sentence() -> None:
    resume = parsed(
        "Faiz Rahman\nfaiz@example.com\nEmployment History\nPetronas Dagangan Berhad\nAug. 2021 to present\n"
        "Executive, Supply Chain\nDHL Supply Chain (Malaysia) Sdn. Bhd.\nMar. 2019 to Jul. 2021\nLogistics Executive\n"
    )
    assert [(e.employer, e.title) for e in resume.experience] == [
        ("Petronas Dagangan Berhad", "Executive, Supply Chain"),
        ("DHL Supply Chain (Malaysia) Sdn. Bhd.", "Logistics Executive"),
    ]


def test_compound_titles_and_schools() -> None:
    resume = parsed(
        "Olena Koval\nolena@example.com\nДосвід роботи\nDevOps-інженер\n2021.06 - дотепер\nSoftServe, Львів\n"
        "Utbildning\nNaturvetenskapsprogrammet, Katedralskolan, Lund 2019 - 2022\n"
    )
    assert [(e.employer, e.title) for e in resume.experience] == [("SoftServe", "DevOps-інженер")]
    assert [s.institution for s in resume.education] == ["Katedralskolan"]


def test_referees_give_no_email_or_phone_of_the_candidate() -> None:
    resume = parsed(
        "Grace Kamau\nP.O. Box 4521-00100, Nairobi\nTel: 0722 345 678 Email: grace.kamau@example.com\n"
        "Work Experience\n2018 - date: Registered Nurse, Aga Khan University Hospital\nReferees\n"
        "Dr. Peter Otieno, Head of Obstetrics, Tel: 0733 112 233, peter.otieno@example.org\n"
    )
    assert resume.emails == ["grace.kamau@example.com"]
    assert resume.phones == ["+254722345678"]


@pytest.mark.parametrize("heading", ["Опыт работы - 9 лет 8 месяцев", "Work Experience - 12 years"])
def test_a_heading_followed_by_the_time_it_adds_up_to(heading: str) -> None:
    resume = parsed(
        f"Sergey Ivanov\nsergey@example.ru\n{heading}\nACME Corp\nфевраль 2020 - н.в.\nВедущий разработчик\n"
    )
    assert [(e.employer, e.start, e.current) for e in resume.experience] == [("ACME Corp", "2020-02", True)]


def test_a_quebec_teacher() -> None:
    resume = parsed(
        "Jean-François Gagnon\njf@example.ca\nExpérience en enseignement\n"
        "Enseignant en univers social, 2e cycle du secondaire    août 2017 - présentement\n"
        "Centre de services scolaire de la Capitale\nFormation\n"
        "Baccalauréat en enseignement secondaire, profil univers social    2011 - 2015\nUniversité Laval\n"
    )
    assert [(e.employer, e.start, e.current) for e in resume.experience] == [
        ("Centre de services scolaire de la Capitale", "2017-08", True)
    ]
    assert [(s.institution, s.degree, s.start, s.end) for s in resume.education] == [
        ("Université Laval", "Baccalauréat", "2011", "2015")
    ]


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("linkedin.com/in/noacohen·054-762-3318", ["https://linkedin.com/in/noacohen"]),  # a middle dot ends it
        ("Web: www.tammconsulting.ee", ["https://tammconsulting.ee"]),  # a country domain
    ],
)
def test_links_with_country_domains_and_middle_dots(text: str, links: list[str]) -> None:
    assert find_links(text, []) == links


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("Lucas Henrique da Silva dos Santos\nlucas@example.com.br\n", "Lucas Henrique da Silva dos Santos"),
        ("Mag.a Katharina Huber-Steiner\nk.huber@example.at\n", "Katharina Huber-Steiner"),
    ],
)
def test_long_names_with_particles_and_feminine_titles(header: str, name: str) -> None:
    assert parsed(header).name == name


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("04/19 - 11/21", "2019-04", "2021-11"),  # month and two-digit year, in a range
        ("06/98 - 02/03", "1998-06", "2003-02"),
    ],
)
def test_two_digit_years_in_a_range(text: str, start: str, end: str) -> None:
    [found] = find_ranges(text)
    assert found.start is not None
    assert found.end is not None
    assert (found.start.iso(), found.end.iso()) == (start, end)


@pytest.mark.parametrize("text", ["04/19", "open 24/7 - always", "ratio 1/2 - 3/4"])
def test_no_two_digit_year_outside_a_range(text: str) -> None:
    assert find_ranges(text) == []


@pytest.mark.parametrize(
    ("heading", "open_end"),
    [
        ("Eksperienca profesionale", "në vazhdim"),  # Albanian
        ("სამუშაო გამოცდილება", "დღემდე"),  # Georgian
        ("İş təcrübəsi", "hal-hazırda"),  # Azerbaijani
        ("Uzoefu wa kazi", "hadi sasa"),  # Swahili
        ("Profiad gwaith", "presennol"),  # Welsh
        ("Lan esperientzia", "gaur egun"),  # Basque
    ],
)
def test_headings_and_open_ends_of_yet_more_languages(heading: str, open_end: str) -> None:
    assert heading_kind(heading) == "experience"
    [found] = find_ranges(f"2019 - {open_end}")
    assert found.current


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("अप्रिल 2015 - अगस्ट 2019", "2015-04", "2019-08"),  # Nepali
        ("সেপ্টেম্বর 2019 - ডিসেম্বর 2020", "2019-09", "2020-12"),  # Bengali
        ("shtator 2018 - dhjetor 2020", "2018-09", "2020-12"),  # Albanian
        ("ekaina 2019 - abendua 2021", "2019-06", "2021-12"),  # Basque
    ],
)
def test_month_names_of_yet_more_languages(text: str, start: str, end: str) -> None:
    [found] = find_ranges(text)
    assert found.start is not None
    assert found.end is not None
    assert (found.start.iso(), found.end.iso()) == (start, end)


def test_a_legal_form_in_another_script_names_the_employer() -> None:
    resume = parsed(
        "Anna Petrosyan\nanna@example.am\nԱշխատանքային փորձ\nՏվյալների վերլուծաբան, Ամերիաբանկ ՓԲԸ\n2020 - 2023\n"
    )
    assert [(e.employer, e.title) for e in resume.experience] == [("Ամերիաբանկ ՓԲԸ", "Տվյալների վերլուծաբան")]
