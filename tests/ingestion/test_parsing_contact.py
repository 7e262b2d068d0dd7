"""Emails, phones in E.164, links and location."""

import datetime

import pytest

from apps.ingestion.document import Document, Line
from apps.ingestion.parsing import parse
from apps.ingestion.parsing.contact import find_emails, find_links, find_phones, normalize_link
from apps.ingestion.parsing.location import country_of, find_location, place_of

TODAY = datetime.date(2026, 11, 26)


def document(text: str) -> Document:
    return Document(ok=True, kind="text", lines=[Line(t) for t in text.splitlines() if t.strip()], pages=1)


def test_it_finds_emails_lower_cased_and_once() -> None:
    assert find_emails("Mail: Jane.Doe@Example.com | jane.doe@example.com, x@y.io") == [
        "jane.doe@example.com",
        "x@y.io",
    ]


@pytest.mark.parametrize(
    ("printed", "regions", "e164"),
    [
        ("(555) 222-3333", ["US"], "+15552223333"),
        ("+1-(234)-555-1234", ["US"], "+12345551234"),
        ("607.379.5733", ["US"], "+16073795733"),
        ("(+82) 10-9030-1843", ["US"], "+821090301843"),
        ("030 12345678", ["DE", "US"], "+493012345678"),
        ("06 12 34 56 78", ["FR", "US"], "+33612345678"),
        ("0049 89 1234567", ["US"], "+49891234567"),
        ("612 345 678", ["ES"], "+34612345678"),
    ],
)
def test_phones_come_out_in_e164(printed: str, regions: list[str], e164: str) -> None:
    assert find_phones(f"Tel: {printed}", regions) == [e164]


@pytest.mark.parametrize(
    "text",
    [
        "2015-2018",
        "03/2017 - 11/2019",
        "2017-03 \u2013 2019-11",
        "01.03.2018 - 31.12.2020",
        "Zip 94043",
        "ISBN 978-3-16-148410-0",
    ],
)
def test_dates_zip_codes_and_ids_are_not_phones(text: str) -> None:
    assert find_phones(text, ["US"]) == []


@pytest.mark.parametrize(
    ("text", "regions", "e164"),
    [
        ("Phone:555-222-3333", ["US"], ["+15552223333"]),
        ("Tel:+49 30 1234567", ["US"], ["+49301234567"]),
        ("電話:070-5521-9038", ["JP"], ["+817055219038"]),
        ("Meeting at 10:30 2019 42", ["US"], []),
        ("https://example.com:8080/123456789", ["US"], []),
    ],
)
def test_a_number_right_after_a_label_s_colon_is_a_phone_but_not_after_a_time_s(
    text: str, regions: list[str], e164: list[str]
) -> None:
    assert find_phones(text, regions) == e164


def test_a_postcode_and_a_number_set_apart_by_a_spaced_dash_stay_apart() -> None:
    assert find_phones("Atlanta, GA 30309 - 404-555-0171 - rl@example.com", ["US"]) == ["+14045550171"]


def test_a_number_with_its_country_code_tells_the_country_of_one_without() -> None:
    # The place said US ("WA" is also Washington): the Australian code beside it says better.
    assert find_phones("Joondalup WA 6027 | +61 8 9555 0147 | 0438 555 019", ["US"]) == [
        "+61895550147",
        "+61438555019",
    ]


def test_a_placeholder_number_is_not_a_phone() -> None:
    assert find_phones("(+86) 131-221-87xxx", ["CN"]) == []


def test_a_number_without_country_code_takes_its_region_from_the_resume() -> None:
    german = document("Anna Müller\nMusterstraße 1, 10115 Berlin, Deutschland\nTelefon: 030 12345678\nanna@example.de")
    assert parse(german, today=TODAY).phones == ["+493012345678"]
    french = document("Jean Dupont\nParis, France\nTél : 06 12 34 56 78\njean@example.fr")
    assert parse(french, today=TODAY).phones == ["+33612345678"]


def test_the_default_region_applies_when_the_resume_says_nothing() -> None:
    plain = document("Jan Kowalski\njan@example.com\n+48 600 700 800\n600 700 801")
    assert parse(plain, today=TODAY, default_region="PL").phones == ["+48600700800", "+48600700801"]


def test_links_are_normalized() -> None:
    assert normalize_link("HTTP://WWW.Example.COM/path/") == "https://example.com/path"
    assert normalize_link("linkedin.com/in/jane-doe/") == "https://linkedin.com/in/jane-doe"


def test_profile_links_are_recognized_in_their_printed_forms() -> None:
    text = "linkedin.com/in/jdoe | GitHub: jdoe42 | www.jdoe.dev | Node.js | jane@jdoe.dev"
    assert find_links(text, ["jane@jdoe.dev"]) == [
        "https://linkedin.com/in/jdoe",
        "https://jdoe.dev",
        "https://github.com/jdoe42",
    ]


def test_location_is_read_from_the_contact_block() -> None:
    place = find_location(["Jane Doe", "Seattle, WA | 206-555-0149 | jane@example.com"])
    assert place is not None
    assert place.text == "Seattle, WA"
    assert place.country == "US"
    place = find_location(["Mapo-gu, Seoul, Republic of Korea"])
    assert place is not None
    assert place.country == "KR"
    assert find_location(["Senior Engineer", "jane@example.com"]) is None


def test_a_town_in_a_job_or_a_school_is_not_the_candidates_location() -> None:
    resume = parse(
        document(
            "Marie Dubois\nmarie.dubois@example.fr\nExperience\nStore Manager\nBoots, Nottingham\n"
            "2012 - 2016\nEducation\nUniversity of Bath, BSc Business, 2006 - 2009"
        ),
        today=TODAY,
    )
    assert resume.location is None


def test_a_contact_line_in_the_footer_gives_the_location_and_the_phone() -> None:
    rows = [
        "Oluwaseun Adeyemi, PharmD",
        "Experience",
        "Clinical Pharmacist | Houston Methodist Hospital | Houston, TX | 07/2020 - Present",
        *(f"\u2022 Precepted residents and students on rotation {n}" for n in range(30)),
        "8800 Fannin St, Apt 1407, Houston, TX 77054 \u00b7 (713) 555-0185 \u00b7 seun.adeyemi@example.com",
    ]
    resume = parse(document("\n".join(rows)), today=TODAY)
    assert resume.location == "8800 Fannin St, Apt 1407, Houston, TX 77054"
    assert resume.phones == ["+17135550185"]


def test_street_addresses_with_postal_codes_are_places() -> None:
    for printed, country in [
        ("82 rue de la République, 13001 Marseille", "FR"),
        ("Avda. de la Constitución 53, 08001 Barcelona", "ES"),
        ("111 Victoria Road, Manchester M1 1AE", "GB"),
        ("Musterstraße 1, 10115 Berlin, Deutschland", "DE"),
    ]:
        place = find_location([printed])
        assert place is not None, printed
        assert place.country == country


def test_a_place_after_an_icon_ocr_read_as_a_letter_is_still_found() -> None:
    place = find_location(["o Austin, TX"])
    assert place is not None
    assert place.text == "Austin, TX"


def test_a_bullet_ocr_read_as_a_guillemet_separates_the_place() -> None:
    place = find_location(["imogenthompson « Location: Manchester, United Kingdom"])
    assert place is not None
    assert place.text == "Manchester, United Kingdom"


def test_a_place_with_an_umlaut_ocr_read_as_ii_is_known() -> None:
    place = find_location(["Diisseldorf"])
    assert place is not None
    assert place.country == "DE"


def test_cities_the_small_gazetteer_lacks_come_from_the_world_gazetteer() -> None:
    for printed, country in [
        ("0010 Yerevan", "AM"),
        ("Gyumri, Shirak", "AM"),
        ("Wohnort: Gütersloh", "DE"),
        ("Череповец", "RU"),
        ("Ciudad Obregón, Sonora", "MX"),
    ]:
        place = find_location([printed])
        assert place is not None, printed
        assert (place.text, place.country) == (printed.removeprefix("Wohnort: "), country)


def test_a_bare_word_that_names_some_city_is_not_a_place() -> None:
    # "मोबाइल" is Mobile (Alabama) in Hindi, and the Hindi word for a mobile phone.
    for printed in ["Mobile", "Best", "Gyumri", "López", "SALEM", "मोबाइल"]:
        assert find_location([printed]) is None, printed


def test_a_numbered_street_in_unknown_words_before_its_district_and_city() -> None:
    place = find_location(["Số 25 ngõ 120 Trần Duy Hưng, Cầu Giấy, Hà Nội · 0912 345 678"])
    assert place is not None
    assert (place.text, place.country) == ("Số 25 ngõ 120 Trần Duy Hưng, Cầu Giấy, Hà Nội", "VN")


def test_a_sentence_s_last_word_is_no_town() -> None:
    # Google is a town in the world gazetteer; the full stop of a wrapped sentence vouches for nothing.
    assert find_location(["Google."]) is None


def test_a_bare_town_first_in_a_row_of_contact_details_is_the_location() -> None:
    place = find_location(["Zwolle | 06 5318 2047 | maarten@example.nl"])
    assert place is not None
    assert (place.text, place.country) == ("Zwolle", "NL")
    assert find_location(["Mobile | 555 222 3333 | jane@example.com"]) is None  # a label, not Mobile, Alabama


def test_a_portuguese_postcode_before_its_town() -> None:
    place = find_location(["Rua de São Bento 214, 1200-821 Lisboa"])
    assert place is not None
    assert (place.text, place.country) == ("Rua de São Bento 214, 1200-821 Lisboa", "PT")


def test_a_month_and_year_is_a_date_not_a_town_with_its_postcode() -> None:
    # March is a town in Cambridgeshire; a postcode beside a town's name vouches for it.
    assert find_location(["March 2017"]) is None
    assert find_location(["2000 Antwerpen"]) is not None


def test_a_world_city_in_the_header_wins_over_a_known_place_in_an_entry_further_down() -> None:
    place = find_location(["Jane Doe", "Rue de la Victoire 86, 1060 Saint-Gilles"], ["Comme chez Soi, Bruxelles"])
    assert place is not None
    assert (place.text, place.country) == ("Rue de la Victoire 86, 1060 Saint-Gilles", "BE")


def test_a_street_and_house_number_above_the_postcode_and_town_join_them() -> None:
    place = find_location(["Friederike von Ahlen", "Hohenzollernring 48", "50672 Köln", "+49 221 1234567"])
    assert place is not None
    assert place.text == "Hohenzollernring 48, 50672 Köln"


@pytest.mark.parametrize(
    ("row", "place", "country"),
    [
        (
            "⌂ Hämeenkatu 20 B 14, 33200 Tampere ☎ 040 718 2294 ✉ aino@example.fi",
            "Hämeenkatu 20 B 14, 33200 Tampere",
            "FI",
        ),
        ("Rua Comandante Gika, n.º 45, Maianga, Luanda", "Rua Comandante Gika, n.º 45, Maianga, Luanda", "AO"),
        ("Nørregade 14, 2. th., 8000 Aarhus C", "Nørregade 14, 2. th., 8000 Aarhus C", "DK"),
        ("м. Львів, вул. Городоцька, 174", "м. Львів, вул. Городоцька, 174", "UA"),
    ],
)
def test_addresses_between_icons_with_house_numbers_districts_and_town_marks(
    row: str, place: str, country: str
) -> None:
    found = find_location([row])
    assert found is not None
    assert (found.text, found.country) == (place, country)


def test_a_link_wrapped_at_a_hyphen_joins_its_end_with_a_slash_or_comma() -> None:
    assert find_links("https://www.linkedin.com/in/siobhan-\nnibhriain/", []) == [
        "https://linkedin.com/in/siobhan-nibhriain"
    ]
    assert find_links("linkedin.com/in/lakshmi-\niyer-907d95,", []) == ["https://linkedin.com/in/lakshmi-iyer-907d95"]


def test_a_profile_host_with_one_letter_misread_is_the_profile_host() -> None:
    assert find_links("https:/finkedin.com/in/jdoe", []) == ["https://linkedin.com/in/jdoe"]
    assert find_links("githab.com/jdoe", []) == ["https://github.com/jdoe"]
    assert find_links("gitlab.com/jdoe", []) == ["https://gitlab.com/jdoe"]


def test_an_address_wrapped_by_a_narrow_column_is_joined() -> None:
    assert find_emails("Mail: soeren-\nmueller@example.org") == ["soeren-mueller@example.org"]
    assert find_links("https://linkedin.com/in/\njdoe", []) == ["https://linkedin.com/in/jdoe"]


def test_a_site_on_the_email_addresss_own_domain_is_a_link_but_a_mail_service_is_not() -> None:
    text = "Email: sourabh@sourabhbajaj.com\nsourabhbajaj.com\njane.roe@gmail.com | gmail.com"
    assert find_links(text, ["sourabh@sourabhbajaj.com", "jane.roe@gmail.com"]) == ["https://sourabhbajaj.com"]


@pytest.mark.parametrize("line", ["B.Tech in Computer Science, 2019", "B.Com (Hons), Delhi University", "M.Tech"])
def test_a_degree_abbreviation_is_not_a_site(line: str) -> None:
    assert find_links(line, []) == []


def test_profiles_behind_icons_come_from_the_files_links() -> None:
    # The page shows only handles; the PDF's link annotations carry the addresses. Projects,
    # posts and employers the resume links to are not profiles.
    doc = Document(
        ok=True,
        kind="pdf",
        pages=1,
        lines=[Line("Omar Haddad", size=20), Line("omar@example.org | OmarHaddad | omar-haddad-1a2b")],
        links=[
            "mailto:omar@example.org",
            "https://github.com/OmarHaddad",
            "https://www.linkedin.com/in/omar-haddad-1a2b/",
            "https://github.com/OmarHaddad/some-project",
            "https://blog.example.com/2017/08/a-post/",
            "https://www.acme-industries.com",
        ],
    )
    assert parse(doc, today=TODAY).links == [
        "https://github.com/OmarHaddad",
        "https://linkedin.com/in/omar-haddad-1a2b",
    ]


def test_a_profile_read_cut_short_gives_way_to_the_files_link() -> None:
    # Letter-spacing split the handle on the page ("@posq uit0").
    doc = Document(
        ok=True,
        kind="pdf",
        pages=1,
        lines=[Line("Byungjin Park", size=20), Line("GitHub: github.com/posq uit0")],
        links=["https://github.com/posquit0"],
    )
    assert parse(doc, today=TODAY).links == ["https://github.com/posquit0"]


def test_an_employer_named_by_its_host_in_an_entry_is_not_a_link() -> None:
    resume = parse(
        document(
            "Lars van den Broek\nlars@vandenbroek.dev | vandenbroek.dev\nExperience\n"
            "Booking.com | Principal Engineer | 2020 - present\nProjects: github.com/lars/ranker\n"
            "Education\nDelft University of Technology | MSc Computer Science | 2012 - 2014\n"
        ),
        today=TODAY,
    )
    assert resume.links == ["https://vandenbroek.dev", "https://github.com/lars/ranker"]


@pytest.mark.parametrize(
    ("line", "country"),
    [
        ("ul. Długa 5, 31-147 Kraków", "PL"),
        ("ul. Marszałkowska 10/12, 00-590 Warszawa", "PL"),
        ("Storgatan 14, 114 51 Stockholm", "SE"),
        ("Vinohradská 12, 120 00 Praha 2", "CZ"),
        ("Str. Lipscani 25, 030031 București", "RO"),
        ("Keizersgracht 112, 1015 CW Amsterdam", "NL"),
    ],
)
def test_a_street_then_postcode_and_city_is_a_location(line: str, country: str) -> None:
    place = place_of(line)
    assert place is not None
    assert (place.text, place.country) == (line, country)


def test_places_spelled_in_their_own_language_and_african_capitals_are_known() -> None:
    for line, country in (
        ("Accra, Ghana", "GH"),
        ("Addis Ababa, Ethiopia", "ET"),
        ("Москва, Россия", "RU"),
        ("Bergen, Norge", "NO"),
        ("Brno, Česká republika", "CZ"),
    ):
        assert country_of(line) == country, line


def test_a_phone_without_its_country_code_is_read_with_the_locations_country() -> None:
    region = country_of("Ostrava")
    assert region == "CZ"
    assert find_phones("Ostrava | 603 456 789 | ondrej@example.cz", [region]) == ["+420603456789"]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Brisbane QLD 4000", "AU"),
        ("Surry Hills NSW 2010", "AU"),
        ("Silver Spring, MD 20910 US", "US"),
        ("Bristol BS1 4DJ, UK", "GB"),
        ("Kothrud, Pune, Maharashtra 411038", "IN"),
        ("Jl. Kemang Raya No. 8, Jakarta Selatan 12730", "ID"),
    ],
)
def test_state_codes_without_a_comma_country_codes_and_six_digit_postcodes(text: str, country: str) -> None:
    place = place_of(text)
    assert place is not None
    assert place.country == country


def test_a_title_beside_a_state_code_is_not_a_place() -> None:
    assert place_of("Project Manager NSW") is None


def test_a_place_in_brackets_after_an_employer_is_not_part_of_it() -> None:
    resume = parse(
        document("Ana Lima\nana@example.com\nExperience\nSoftware Engineer, Shopify (Toronto)\n2019 - 2021\n"),
        today=TODAY,
    )
    assert [(e.employer, e.title) for e in resume.experience] == [("Shopify", "Software Engineer")]


def test_a_site_named_in_running_text_is_not_a_profile() -> None:
    assert find_links("Kaggle: top 5% in House Prices competition", []) == []
    assert find_links("GitHub: jdoe | LinkedIn: jane-doe", []) == [
        "https://github.com/jdoe",
        "https://linkedin.com/in/jane-doe",
    ]


def test_a_supervisors_number_is_not_the_candidates() -> None:
    resume = parse(
        document(
            "James Thornton\nMobile: 301-555-0163\njt@example.com\nWork Experience\nU.S. Department of Agriculture\n"
            "10/2012 - 03/2017\nManagement Analyst\nSupervisor: Linda Park (202-555-0111) Okay to contact: Yes\n"
        ),
        today=TODAY,
    )
    assert resume.phones == ["+13015550163"]


def test_two_numbers_parted_by_a_slash_are_two_phones() -> None:
    assert find_phones("Mobile Phone\n0812-3456-7890 / 031-5551234", ["ID"]) == ["+6281234567890", "+62315551234"]


def test_a_postcode_after_its_own_comma_is_part_of_the_place() -> None:
    place = place_of("Cardiff, CF10 1AA")
    assert place is not None
    assert place.country == "GB"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Lagos (Remote)", "NG"),  # how the job is worked, beside its town
        ("Berlin, Hybrid", "DE"),
        ("P.O. Box KS 1124, Adum, Kumasi, Ghana", "GH"),  # "KS" of a box number is not Kansas
        ("Apt 6, Lancaster Quay, Cork T12 R5PX, Ireland", "IE"),  # an Eircode
    ],
)
def test_work_modes_post_boxes_and_eircodes_around_a_place(text: str, country: str) -> None:
    place = place_of(text)
    assert place is not None
    assert (place.text, place.country) == (text, country)


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("陈思远\n手机\n138 1234 5678\n", "+8613812345678"),
        ("ふりがな さとう けんた\n佐藤 健太\n電話\n090-1234-5678\n", "+819012345678"),
        ("박지훈\n휴대폰\n010-1234-5678\n", "+821012345678"),
    ],
)
def test_a_number_without_country_code_takes_its_region_from_the_script(text: str, phone: str) -> None:
    assert parse(document(text), today=TODAY).phones == [phone]


def test_a_street_printed_after_its_city_is_part_of_the_place() -> None:
    place = place_of("30-001 Kraków, ul. Długa 12/4")
    assert place is not None
    assert place.country == "PL"
    assert place_of("Senior Engineer, Berlin Office") is None


def test_a_contact_line_parted_by_slashes_gives_its_place_not_an_entry_line() -> None:
    resume = parse(
        document(
            "TAYLA O'NEILL\nChef de Partie\nSurry Hills NSW 2010 / +61 412 987 654 / tayla@example.com\n"
            "WORK EXPERIENCE\nChef de Partie, The Rocks Bistro, Sydney, 2021 - now\n"
        ),
        today=TODAY,
    )
    assert resume.location == "Surry Hills NSW 2010"


@pytest.mark.parametrize(
    "rows",
    [
        ["Tempat/Tgl. Lahir", "Bandung, 5 Mei 1995", "Alamat", "Bekasi, Jawa Barat"],
        ["Place of birth: Bandung", "Address: Bekasi, Jawa Barat"],
    ],
)
def test_a_place_of_birth_is_not_where_the_candidate_lives(rows: list[str]) -> None:
    place = find_location(rows)
    assert place is not None
    assert place.text == "Bekasi, Jawa Barat"


def test_a_town_with_its_county_marked_is_a_place() -> None:
    place = find_location(["Cluj-Napoca, jud. Cluj | Telefon: +40 745 218 903"])
    assert place is not None
    assert (place.text, place.country) == ("Cluj-Napoca, jud. Cluj", "RO")
