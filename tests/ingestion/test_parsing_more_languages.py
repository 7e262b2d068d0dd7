"""Resumes in Swedish, Norwegian, Danish, Czech, Turkish, Romanian and Russian: headings,
dates, and the words that tell titles, employers, schools and degrees apart."""

# ruff: noqa: RUF001  # Cyrillic letters, the Turkish dotless i and en dashes, as resumes print them

import datetime

import pytest

from apps.ingestion.document import Document, Line
from apps.ingestion.parsing import parse
from apps.ingestion.parsing.dates import find_ranges
from apps.ingestion.parsing.lexicon import company_score, has_degree, is_institution, title_score
from apps.ingestion.parsing.result import ParsedResume
from apps.ingestion.parsing.sections import heading_kind

TODAY = datetime.date(2026, 11, 27)


def parsed(text: str) -> ParsedResume:
    lines = [Line(t) for t in text.splitlines() if t.strip()]
    return parse(Document(ok=True, kind="text", lines=lines, pages=1), today=TODAY)


@pytest.mark.parametrize(
    ("experience", "education", "skills"),
    [
        ("Arbetslivserfarenhet", "Utbildning", "Kompetenser"),
        ("Arbeidserfaring", "Utdanning", "Ferdigheter"),
        ("Erhvervserfaring", "Uddannelse", "Kompetencer"),
        ("Pracovní zkušenosti", "Vzdělání", "Dovednosti"),
        ("İş Deneyimi", "Eğitim", "Yetenekler"),
        ("Experiență profesională", "Educație și formare", "Competențe"),
        ("Опыт работы", "Образование", "Навыки"),
    ],
)
def test_the_headings_of_the_seven_languages_open_their_sections(experience: str, education: str, skills: str) -> None:
    resume = parsed(
        f"Anna Berg\nanna@example.com\n{experience}\nProject Manager, Acme Ltd\n2019 - 2021\n"
        f"{education}\nUniversity of Leeds\nBSc Mathematics, 2014 - 2017\n{skills}\nPython, SQL\n"
    )
    assert [(e.employer, e.title) for e in resume.experience] == [("Acme Ltd", "Project Manager")]
    assert [s.institution for s in resume.education] == ["University of Leeds"]
    assert resume.skills == ["Python", "SQL"]


def test_a_languages_heading_in_russian_or_swedish_keeps_the_languages_out_of_skills() -> None:
    assert heading_kind("Языки") == "languages"
    assert heading_kind("Språk") == "languages"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("jan 2019 – nuvarande", "2019-01", None),
        ("augusti 2015 – december 2018", "2015-08", "2018-12"),
        ("mai 2020 – nå", "2020-05", None),
        ("september 2015 til desember 2018", "2015-09", "2018-12"),
        ("marts 2018 – d.d.", "2018-03", None),
        ("leden 2019 – současnost", "2019-01", None),
        ("září 2015 – prosinec 2018", "2015-09", "2018-12"),
        ("1/2016 - dosud", "2016-01", None),
        ("Şubat 2018 – Günümüz", "2018-02", None),
        ("Mayıs 2015 - Kasım 2017", "2015-05", "2017-11"),
        ("Ocak 2019 – Halen", "2019-01", None),
        ("martie 2017 – până în prezent", "2017-03", None),
        ("septembrie 2015 – decembrie 2018", "2015-09", "2018-12"),
        ("январь 2019 — по настоящее время", "2019-01", None),
        ("сентябрь 2015 — декабрь 2018", "2015-09", "2018-12"),
        ("с марта 2018 по настоящее время", "2018-03", None),
        ("sedan 2018", "2018", None),
    ],
)
def test_month_names_and_open_ends_of_the_seven_languages_make_ranges(text: str, start: str, end: str | None) -> None:
    (found,) = find_ranges(text)
    assert found.start is not None
    assert found.start.iso() == start
    assert (found.end.iso() if found.end else None) == end
    assert found.current == (end is None)


def test_job_words_and_compound_titles_of_the_seven_languages_read_as_titles() -> None:
    for title in (
        "Systemutvecklare",
        "Sjuksköterska",
        "Seniorutvikler",
        "Økonomimedarbeider",
        "Procesingeniør",
        "Softwarový inženýr",
        "Účetní",
        "Kıdemli Yazılım Mühendisi",
        "Muhasebe Uzmanı",
        "Inginer software",
        "Ведущий разработчик",
        "Главный бухгалтер",
    ):
        assert title_score(title) > 0, title


def test_employer_and_school_words_of_the_seven_languages_are_known() -> None:
    for employer in ("Spotify AB", "Koç Holding A.Ş.", "ООО «Яндекс»", "Bergen kommune"):
        assert company_score(employer) > 0, employer
    for school in (
        "Kungliga Tekniska högskolan",
        "Handelshøyskolen BI",
        "Masarykova univerzita",
        "Orta Doğu Teknik Üniversitesi",
        "Universitatea Politehnica din București",
        "Московский государственный университет",
    ):
        assert is_institution(school), school


def test_degrees_of_the_seven_languages_and_professional_qualifications_are_degrees() -> None:
    for degree in (
        "Civilingenjör, Datateknik",
        "Kandidatexamen i ekonomi",
        "Cand.polyt. i Kemiteknik",
        "Ing., Otevřená informatika",
        "Výuční list, Elektrikář",
        "Yüksek Lisans, Bilgisayar Mühendisliği",
        "Licență în Contabilitate",
        "Магистр, Прикладная математика",
        "Chartered Accountant",
    ):
        assert has_degree(degree), degree
    assert not has_degree("The Institute of Chartered Accountants of India")


def test_a_russian_resume_with_a_patronymic_is_read_whole() -> None:
    resume = parsed(
        "Иванов Сергей Петрович\ns.ivanov@yandex.ru\nОпыт работы\nВедущий разработчик\nООО «Яндекс», Москва\n"
        "январь 2019 — по настоящее время\nОбразование\nМагистр, Прикладная математика\n"
        "Московский государственный университет\n2013 — 2015\n"
    )
    assert resume.name == "Иванов Сергей Петрович"
    assert [(e.title, e.current) for e in resume.experience] == [("Ведущий разработчик", True)]
    assert [(s.institution, s.degree) for s in resume.education] == [
        ("Московский государственный университет", "Магистр")
    ]
