"""Resumes in Arabic, Hindi, Indonesian and Vietnamese, and the dates of Finnish, Hungarian,
Greek, Ukrainian and Catalan ones."""

# ruff: noqa: RUF001  # Arabic commas, Greek and Cyrillic letters, as these resumes print them

import datetime

import pytest

from apps.ingestion.document import Document, Line
from apps.ingestion.parsing import parse
from apps.ingestion.parsing.dates import find_ranges
from apps.ingestion.parsing.education import split_degree
from apps.ingestion.parsing.lexicon import has_degree, is_institution, legal_form_score
from apps.ingestion.parsing.result import ParsedResume
from apps.ingestion.parsing.sections import heading_kind

TODAY = datetime.date(2026, 11, 27)


def parsed(text: str) -> ParsedResume:
    lines = [Line(t) for t in text.splitlines() if t.strip()]
    return parse(Document(ok=True, kind="text", lines=lines, pages=1), today=TODAY)


def jobs(resume: ParsedResume) -> list[tuple[str, str, str | None, str | None]]:
    return [(e.employer, e.title, e.start, e.end) for e in resume.experience]


def test_an_arabic_resume() -> None:
    resume = parsed(
        "أحمد محمد العلي\nahmed.ali@example.com\n+971 50 123 4567\nدبي، الإمارات العربية المتحدة\n"
        "الخبرة المهنية\nمهندس برمجيات أول - شركة الاتصالات المتحدة\nيناير 2019 - حتى الآن\n"
        "مهندس برمجيات - بنك دبي الوطني\nمارس ٢٠١٥ - ديسمبر ٢٠١٨\n"
        "التعليم\nبكالوريوس علوم الحاسب - جامعة الملك سعود\n2010 - 2014\nالمهارات\nPython، Java، SQL\n"
    )
    assert resume.name == "أحمد محمد العلي"
    assert resume.location == "دبي, الإمارات العربية المتحدة"
    assert jobs(resume) == [
        ("شركة الاتصالات المتحدة", "مهندس برمجيات أول", "2019-01", None),
        ("بنك دبي الوطني", "مهندس برمجيات", "2015-03", "2018-12"),
    ]
    assert [(s.institution, s.degree, s.field) for s in resume.education] == [
        ("جامعة الملك سعود", "بكالوريوس", "علوم الحاسب")
    ]
    assert resume.skills == ["Python", "Java", "SQL"]


def test_a_hindi_resume() -> None:
    resume = parsed(
        "राहुल शर्मा\nrahul.sharma@example.in\n+91 98765 43210\nपुणे, महाराष्ट्र\n"
        "कार्य अनुभव\nवरिष्ठ सॉफ्टवेयर इंजीनियर, इंफोसिस लिमिटेड\nजनवरी 2019 - वर्तमान\n"
        "शिक्षा\nबी.टेक कंप्यूटर विज्ञान, भारतीय प्रौद्योगिकी संस्थान दिल्ली\n2011 - 2015\n"
    )
    assert resume.name == "राहुल शर्मा"
    assert resume.location == "पुणे, महाराष्ट्र"
    assert jobs(resume) == [("इंफोसिस लिमिटेड", "वरिष्ठ सॉफ्टवेयर इंजीनियर", "2019-01", None)]
    assert [s.institution for s in resume.education] == ["भारतीय प्रौद्योगिकी संस्थान दिल्ली"]


def test_an_indonesian_resume_and_its_phone_after_a_co_id_address() -> None:
    resume = parsed(
        "Budi Santoso\nbudi.santoso@example.co.id\n+62 812 3456 7890\nJakarta, Indonesia\n"
        "Pengalaman Kerja\nInsinyur Perangkat Lunak Senior, PT Telkom Indonesia\nJanuari 2019 - Sekarang\n"
        "Insinyur Perangkat Lunak, PT Bank Central Asia Tbk\nMaret 2015 - Desember 2018\n"
        "Pendidikan\nUniversitas Indonesia\nSarjana Teknik Informatika, 2010 - 2014\nKeahlian\nPython, SQL\n"
    )
    assert resume.phones == ["+6281234567890"]
    assert jobs(resume) == [
        ("PT Telkom Indonesia", "Insinyur Perangkat Lunak Senior", "2019-01", None),
        ("PT Bank Central Asia Tbk", "Insinyur Perangkat Lunak", "2015-03", "2018-12"),
    ]
    assert [(s.institution, s.degree, s.field, s.start, s.end) for s in resume.education] == [
        ("Universitas Indonesia", "Sarjana", "Teknik Informatika", "2010", "2014")
    ]


def test_a_vietnamese_resume_whose_words_are_lower_case_syllables() -> None:
    resume = parsed(
        "Nguyễn Văn An\nan.nguyen@example.vn\n+84 912 345 678\nHà Nội, Việt Nam\n"
        "Kinh nghiệm làm việc\nKỹ sư phần mềm, Công ty Cổ phần FPT\nTháng 1/2019 - Hiện tại\n"
        "Học vấn\nĐại học Bách khoa Hà Nội\nCử nhân Công nghệ thông tin, 2010 - 2015\nKỹ năng\nJava, Python\n"
    )
    assert resume.name == "Nguyễn Văn An"
    assert jobs(resume) == [("Công ty Cổ phần FPT", "Kỹ sư phần mềm", "2019-01", None)]
    assert [(s.institution, s.degree, s.start, s.end) for s in resume.education] == [
        ("Đại học Bách khoa Hà Nội", "Cử nhân", "2010", "2015")
    ]
    assert resume.skills == ["Java", "Python"]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("tammikuu 2019 – nyt", "2019-01", None),
        ("2019. január – jelenleg", "2019-01", None),
        ("2015. márc. – 2018. nov.", "2015-03", "2018-11"),
        ("Σεπτέμβριος 2015 - Δεκέμβριος 2018", "2015-09", "2018-12"),
        ("січень 2019 – теперішній час", "2019-01", None),
        ("gener 2018 - actualitat", "2018-01", None),
        ("2015 s/d 2018", "2015", "2018"),
        ("ožujak 2021. – danas", "2021-03", None),
        ("МАЈ 2017 – ДАНАС", "2017-05", None),
        ("jún 2016 – máj 2019", "2016-06", "2019-05"),
        ("sausio 2019 – dabar", "2019-01", None),
        ("Hulyo 2019 – Kasalukuyan", "2019-07", None),
        ("Mrt 2012 – Des 2017", "2012-03", "2017-12"),
        ("Jan 2018 – hede", "2018-01", None),
        ("Mac 2019 – Kini", "2019-03", None),
        ("Januari 2019 – sasa", "2019-01", None),
        ("III 2019 – dosud", "2019-03", None),
        ("IX 2015 – II 2019", "2015-09", "2019-02"),
    ],
)
def test_dates_of_more_languages(text: str, start: str, end: str | None) -> None:
    (found,) = find_ranges(text)
    assert found.start is not None
    assert found.start.iso() == start
    assert (found.end.iso() if found.end else None) == end


def test_a_roman_numeral_is_a_month_only_beside_a_dash() -> None:
    (found,) = find_ranges("Level II 2019")
    assert found.start is not None
    assert found.start.iso() == "2019"


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Työkokemus", "experience"),
        ("Tanulmányok", "education"),
        ("Επαγγελματική Εμπειρία", "experience"),
        ("Досвід роботи", "experience"),
        ("Formació acadèmica", "education"),
        ("Keahlian", "skills"),
        ("Kỹ năng", "skills"),
        ("कौशल", "skills"),
        ("المهارات", "skills"),
    ],
)
def test_headings_of_more_languages(heading: str, kind: str) -> None:
    assert heading_kind(heading) == kind


def test_finnish_compound_titles_and_a_city_as_employer() -> None:
    resume = parsed(
        "Aino Mäkinen\naino@example.fi\nTyökokemus\nLuokanopettaja\nTampereen kaupunki\n08/2016 - nyt\n"
        "Kesäleirin ohjaaja\nSuomen Partiolaiset ry\n06/2011 - 08/2011\n"
    )
    assert jobs(resume) == [
        ("Tampereen kaupunki", "Luokanopettaja", "2016-08", None),
        ("Suomen Partiolaiset ry", "Kesäleirin ohjaaja", "2011-06", "2011-08"),
    ]


@pytest.mark.parametrize(
    "school",
    [
        "Tallinna Tehnikaülikool",
        "Kauno kolegija",
        "Rīgas Ekonomikas augstskola",
        "Univerza v Mariboru",
        "Fakultet tehničkih nauka",
        "Aalto-yliopisto",
        "Hoërskool Durbanville",
        "Chuo Kikuu cha Dar es Salaam",
        "มหาวิทยาลัยบูรพา",
    ],
)
def test_schools_of_more_languages(school: str) -> None:
    assert is_institution(school)


@pytest.mark.parametrize(
    "degree",
    [
        "Magistrikraad",
        "Diplomirani inženjer građevinarstva",
        "Мастер инжењер пољопривреде",
        "Diplomi-insinööri (DI)",
        "Profesinio bakalauro laipsnis",
        "Profesionālais maģistra grāds",
        "Sijil Matrikulasi",
        "Bằng Cao đẳng nghề Hàn",
        "Nasionale Senior Sertifikaat (Matriek)",
        "M.Com",
        "Class XII (CBSE)",
        "Contador Público",
        "Tecnólogo en Gestión Logística",
        "Cheti cha Elimu ya Sekondari ya Juu (ACSEE)",
        "ศิลปศาสตรบัณฑิต (การจัดการการโรงแรม)",
    ],
)
def test_degrees_of_more_languages(degree: str) -> None:
    assert has_degree(degree)


@pytest.mark.parametrize(
    ("rows", "school"),
    [
        (
            "Magistrikraad\nTallinna Tehnikaülikool\nÕppekava: Rahandus ja arvestus\n09.2015 – 06.2017",
            ("Tallinna Tehnikaülikool", "Magistrikraad", "Rahandus ja arvestus"),
        ),
        (
            "Tekniikan kandidaatti (TkK)\nAalto-yliopisto\nPääaine: Tietotekniikka\n2011 – 2014",
            ("Aalto-yliopisto", "Tekniikan kandidaatti (TkK)", "Tietotekniikka"),
        ),
    ],
)
def test_a_labelled_field_is_never_the_school(rows: str, school: tuple[str, str, str]) -> None:
    resume = parsed(f"Education\n{rows}")
    assert [(s.institution, s.degree, s.field) for s in resume.education] == [school]


@pytest.mark.parametrize(
    ("text", "degree", "field"),
    [
        ("Inženýr (Ing.)", "Inženýr (Ing.)", ""),
        ("Diplomi-insinööri (DI)", "Diplomi-insinööri (DI)", ""),
        ("Maestría en Finanzas (MBA)", "Maestría (MBA)", "Finanzas"),
        ("Computer Science (BSc)", "BSc", "Computer Science"),
        ("BSc (Hons)", "BSc", "Hons"),
    ],
)
def test_a_degrees_short_form_in_brackets_stays_with_it(text: str, degree: str, field: str) -> None:
    assert split_degree(text) == (degree, field)


def test_headings_printed_in_two_languages() -> None:
    resume = parsed(
        "Rahul Kumar Sharma\nrahul.sharma@example.com\nWork Experience | कार्य अनुभव\n"
        "Jaipur Rugs Company Pvt. Ltd.   Apr 2019 - Present\nAccounts Executive\n"
        "Key Skills | मुख्य कौशल\nTally Prime, GST Filing, MS Excel\n"
    )
    assert jobs(resume) == [("Jaipur Rugs Company Pvt. Ltd.", "Accounts Executive", "2019-04", None)]
    assert "Excel" in resume.skills


@pytest.mark.parametrize(
    ("rows", "job"),
    [
        ("Farmacist șef\nCatena Hygia Pharm\n2019 – prezent", ("Catena Hygia Pharm", "Farmacist șef")),
        ("Elektrisiën\nMurray & Roberts\nMrt 2012 – Des 2017", ("Murray & Roberts", "Elektrisiën")),
        ("Kinesióloga\nClínica Alemana\nmarzo 2018 – a la fecha", ("Clínica Alemana", "Kinesióloga")),
        ("Mwalimu wa Hisabati\nSt. Jude School\nJanuari 2015 – sasa", ("St. Jude School", "Mwalimu wa Hisabati")),
        ("Recepcionarka\nHotel Park Split\n05/2017 – 02/2021", ("Hotel Park Split", "Recepcionarka")),
    ],
)
def test_trades_of_more_languages_are_titles(rows: str, job: tuple[str, str]) -> None:
    assert [(e.employer, e.title) for e in parsed(f"Experience\n{rows}").experience] == [job]


def test_an_afrikaans_resume_s_national_number_is_south_african() -> None:
    resume = parsed(
        "Johan van der Merwe\nSelfoon: 082 123 4567\nE-pos: johan.vdmerwe@gmail.com\n"
        "Werkservaring\nElektrisiën by die myn en in die fabriek van Eskom vir ses jaar.\n"
        "Ek het die span gelei en die werk nagegaan.\n"
    )
    assert resume.phones == ["+27821234567"]


def test_a_town_after_the_titles_comma_is_not_the_employer() -> None:
    resume = parsed(
        "Werkservaring\nMurray & Roberts   Mrt 2012 – Des 2017\nElektrisiën, Saldanha\n"
        "• Installasie en instandhouding by staalaanleg\n"
    )
    assert jobs(resume) == [("Murray & Roberts", "Elektrisiën", "2012-03", "2017-12")]


@pytest.mark.parametrize("employer", ["Intereuropa d.d.", "Sunce a.d."])
def test_legal_forms_of_slovenia_croatia_and_serbia(employer: str) -> None:
    assert legal_form_score(employer) > 0
