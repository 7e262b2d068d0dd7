"""Reading order, layout facts and the per-format readers (PDF, DOCX, text, HTML)."""

import io
import zipfile
from pathlib import Path

import pytest

from apps.ingestion.document import Document
from apps.ingestion.extraction import Limits, extract, extract_in_process
from apps.ingestion.extraction.layout import Box, clean_text, reading_order
from tests.ingestion.conftest import build_pdf, mupdf


def _texts(document: Document) -> list[str]:
    return [line.text for line in document.lines]


def _after(texts: list[str], heading: str) -> str:
    return texts[texts.index(heading) + 1]


def test_a_two_column_resume_reads_each_column_top_to_bottom(resumes: Path) -> None:
    document = extract((resumes / "ats-intel__two_column.pdf").read_bytes())
    texts = _texts(document)
    assert document.ok, document.reason
    assert texts[:2] == ["John Q. Smith", "john.smith@example.com | (555) 987-6543"]
    assert texts[2:6] == ["EXPERIENCE", "Program Manager, Example Co.", "2018-Present", "- Led production ramp."]
    assert texts[6:] == ["SKILLS", "Risk management", "Supplier management", "Earned value mgmt"]
    assert [line.column for line in document.lines] == [0] * 6 + [1] * 4


def test_deedy_two_column_resume_keeps_sections_with_their_items(resumes: Path) -> None:
    document = extract((resumes / "deedy__deedy_resume-openfont.pdf").read_bytes())
    texts = _texts(document)
    assert texts.index("Debarghya Das") < texts.index("EDUCATION")
    assert _after(texts, "EDUCATION") == "CORNELL UNIVERSITY"
    assert _after(texts, "EXPERIENCE") == "FACEBOOK | SOFTWARE ENGINEER"
    assert _after(texts, "SKILLS") == "PROGRAMMING"
    # The whole left column (ending with its skills) comes before the right one.
    left = [line for line in document.lines if line.column == 0 and line.y > 100]
    right = [line for line in document.lines if line.column == 1]
    assert left
    assert right
    assert document.lines.index(left[-1]) < document.lines.index(right[0])
    assert right[0].text == "EXPERIENCE"


def test_it_keeps_font_size_and_weight_for_the_name_and_headings(resumes: Path) -> None:
    document = extract_in_process((resumes / "ats-intel__two_column.pdf").read_bytes())
    name, contact, heading = document.lines[:3]
    assert (name.size, name.bold) == (14.0, True)
    assert (contact.size, contact.bold) == (10.0, False)
    assert (heading.size, heading.bold) == (12.0, True)
    assert name.x == 50.0
    assert 20 < name.y < 30


def test_a_date_on_the_right_margin_stays_on_its_row() -> None:
    boxes = [
        Box("Acme Corp", 50, 100, 120, 110, 10),
        Box("Jan 2019 - Present", 450, 100, 560, 110, 10),
        Box("Built things for people who needed them", 60, 112, 400, 122, 10),
        Box("Globex", 50, 130, 100, 140, 10),
        Box("2015 - 2018", 480, 130, 560, 140, 10),
        Box("Sold things to people who wanted them", 60, 142, 390, 152, 10),
        Box("Initech", 50, 160, 100, 170, 10),
        Box("2012 - 2015", 480, 160, 560, 170, 10),
    ]
    texts = [box.text for box, _ in reading_order(boxes)]
    assert texts == [box.text for box in boxes]


def test_a_table_reads_row_by_row() -> None:
    rows = [("Year", "Award"), ("2014", "KPCB Fellow"), ("2013", "Jump Trading finalist"), ("2012", "Bot tournament")]
    boxes = []
    for index, (year, award) in enumerate(rows):
        top = 100 + 14 * index
        boxes += [Box(year, 50, top, 75, top + 10, 10), Box(award, 200, top, 320, top + 10, 10)]
    assert [box.text for box, _ in reading_order(boxes)] == [text for row in rows for text in row]


def test_a_label_column_under_a_title_block_reads_row_by_row() -> None:
    """The Europass CV of 2004-2012: labels in a column of their own beside their values,
    under a title set large above the values."""
    boxes = [Box("Europass", 279, 61, 362, 80, 16), Box("Curriculum Vitae", 279, 79, 359, 91, 9.5)]
    expected = []
    top = 100.0
    for heading, pairs in (
        ("Personal information", [("Name", "Chinedu Okonkwo"), ("Telephone", "+234 803 456 7890")]),
        ("Work experience", [("Dates", "02/2019 - Present"), ("Occupation or position held", "Logistics Coordinator")]),
        ("Education and training", [("Dates", "10/2008 - 11/2012"), ("Title of qualification", "B.Sc. Geography")]),
    ):
        boxes.append(Box(heading, 66, top, 196, top + 12, 11, True))
        expected.append(heading)
        top += 18
        for label, value in pairs:
            boxes += [Box(label, 66, top, 200, top + 11, 9.5), Box(value, 279, top, 440, top + 11, 9.5)]
            expected += [label, value]
            top += 15
    texts = [box.text for box, _ in reading_order(boxes)]
    assert texts == ["Europass", "Curriculum Vitae", *expected]


def test_a_europass_label_column_beside_a_large_name_reads_row_by_row() -> None:
    """The Europass CV of 2013 on: section labels and dates in the left column, the name
    set large beside the first label, the entries on the right."""
    rows = [
        (Box("PERSONAL INFORMATION", 60, 90, 200, 101, 9.5, True), Box("Francesca Esposito", 216, 90, 360, 104, 14)),
        (None, Box("Via Toledo 156, 80134 Napoli", 216, 110, 400, 121, 9.5)),
        (None, Box("francesca.esposito@example.it", 216, 125, 380, 136, 9.5)),
        (Box("WORK EXPERIENCE", 60, 160, 200, 171, 9.5, True), None),
        (Box("03/2020 - present", 72, 176, 200, 187, 9.5), Box("Process engineer", 216, 176, 330, 187, 9.5)),
        (None, Box("Leonardo S.p.A., Pomigliano d'Arco", 216, 190, 420, 201, 9.5)),
        (Box("09/2016 - 02/2020", 93, 214, 200, 225, 9.5), Box("Quality engineer", 216, 214, 330, 225, 9.5)),
        (None, Box("Avio Aero, Brindisi", 216, 228, 360, 239, 9.5)),
        (Box("EDUCATION AND TRAINING", 60, 260, 200, 271, 9.5, True), None),
        (Box("2014 - 2016", 150, 280, 200, 291, 9.5), Box("MSc Aerospace Engineering", 216, 280, 400, 291, 9.5)),
        (Box("2011 - 2014", 150, 300, 200, 311, 9.5), Box("BSc Aerospace Engineering", 216, 300, 400, 311, 9.5)),
        (Box("LANGUAGES", 60, 330, 200, 341, 9.5, True), Box("Italian, English (C1)", 216, 330, 360, 341, 9.5)),
    ]
    boxes = [box for row in rows for box in row if box is not None]
    assert [box.text for box, _ in reading_order(boxes)] == [box.text for box in boxes]


def test_a_europass_label_column_beside_the_position_wanted_reads_row_by_row() -> None:
    """Labels wrapped over two lines beside a large value of their own ("DESIRED / POSITION"
    beside the job wanted), as well as the name: still a label column, not a sidebar."""
    rows = [
        (Box("PERSONAL DATA", 109, 91, 187, 102, 9.5, True), Box("Jana Novakova", 204, 92, 358, 111, 16)),
        (None, Box("Brno, Czech Republic", 204, 129, 308, 140, 9.5)),
        (None, Box("jana.novakova@example.cz", 204, 157, 369, 168, 9.5)),
        (Box("DESIRED", 114, 205, 187, 216, 9.5, True), Box("Senior accountant", 204, 205, 331, 219, 12)),
        (Box("POSITION", 117, 218, 187, 229, 9.5, True), None),
        (Box("WORK EXPERIENCE", 61, 230, 187, 241, 9.5, True), None),
        (Box("03/2019 - present", 116, 250, 187, 261, 9), Box("Chief accountant", 204, 250, 282, 262, 10.5)),
        (None, Box("Kooperativa, Brno", 204, 265, 372, 277, 10)),
        (None, Box("Monthly and annual closing", 206, 279, 500, 290, 9.3)),
        (Box("09/2015 - 02/2019", 111, 314, 187, 324, 9), Box("Payroll accountant", 204, 313, 290, 326, 10.5)),
        (None, Box("Kooperativa, Brno", 204, 328, 372, 340, 10)),
        (Box("EDUCATION", 66, 435, 187, 446, 9.5, True), None),
        (Box("2004 - 2009", 131, 455, 187, 465, 9), Box("Ing. (MSc) Accounting", 204, 455, 284, 467, 10.5)),
        (None, Box("University of Economics, Prague", 204, 484, 371, 495, 10)),
        (Box("LANGUAGES", 78, 563, 187, 574, 9.5, True), Box("Czech (native)", 204, 583, 321, 595, 10)),
    ]
    boxes = [box for row in rows for box in row if box is not None]
    assert [box.text for box, _ in reading_order(boxes)] == [box.text for box in boxes]


def test_text_split_by_a_font_change_joins_back_into_one_line() -> None:
    boxes = [Box("homepage: www", 100, 70, 160, 82, 9), Box(".example.com", 160.5, 73, 210, 82, 7)]
    assert [box.text for box, _ in reading_order(boxes)] == ["homepage: www.example.com"]


def test_running_headers_are_dropped_after_the_first_page_and_bare_footers_everywhere() -> None:
    pages = []
    for number in range(1, 4):
        pages.append(
            [
                (72, 40, "Jane Roe - jane@example.com - +1 555 0100", 9),
                (72, 120, f"Body of page {number}: experience and more experience", 11),
                (72, 140, f"Second line of page {number}", 11),
                (280, 770, f"Page {number} of 3", 9),
            ]
        )
    document = extract_in_process(build_pdf(pages))
    texts = _texts(document)
    assert texts.count("Jane Roe - jane@example.com - +1 555 0100") == 1
    assert [line.page for line in document.lines if line.text.startswith("Jane Roe")] == [0]
    assert [text for text in texts if text.startswith("Page ")] == []
    assert "Body of page 3: experience and more experience" in texts


def test_a_running_footer_keeps_its_first_copy_only_when_it_carries_contact_details() -> None:
    pages = [
        [
            (72, 120, f"Body of page {number}", 11),
            (72, 770, "February 10, 2026 - Jane Roe - Resume", 8),
            (72, 785, "jane@example.com - +1 555 0100", 8),
        ]
        for number in range(1, 3)
    ]
    texts = _texts(extract_in_process(build_pdf(pages)))
    assert "February 10, 2026 - Jane Roe - Resume" not in texts
    assert texts.count("jane@example.com - +1 555 0100") == 1


def test_letter_spaced_headings_are_read_as_words(resumes: Path) -> None:
    texts = _texts(extract_in_process((resumes / "theresumeparser__senior-backend-developer.pdf").read_bytes()))
    assert "SENIOR BACKEND DEVELOPER" in texts
    assert "CONTACT" in texts
    assert "SKILLS" in texts


def test_docx_contact_details_in_the_header_come_first(resumes: Path) -> None:
    document = extract((resumes / "ats-intel__header_footer_contact.docx").read_bytes())
    assert document.ok
    assert document.kind == "docx"
    assert document.lines[0].text == "Alex R. Nguyen | alex.nguyen@example.com | (555) 222-3333"
    heading = document.lines[1]
    assert (heading.text, heading.bold, heading.size) == ("Experience", True, 14.0)


def test_docx_hidden_and_white_text_is_left_out(resumes: Path) -> None:
    text = extract((resumes / "ats-intel__hidden_text.docx").read_bytes()).text
    assert "Alex R. Nguyen" in text
    assert "Program management" in text
    assert "keyword stuffing" not in text
    assert "Kubernetes" not in text


def test_docx_tables_read_cell_by_cell_in_row_order(resumes: Path) -> None:
    document = extract((resumes / "ats-intel__table_resume.docx").read_bytes())
    texts = _texts(document)
    start = texts.index("Certification")
    assert texts[start : start + 6] == ["Certification", "Year", "PMP", "2019", "Certified Scrum Master", "2021"]
    assert [line.column for line in document.lines[start : start + 2]] == [0, 1]


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(body: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f"<w:document {_W}><w:body>{body}</w:body></w:document>")
    return buffer.getvalue()


def test_docx_line_breaks_text_boxes_and_revisions() -> None:
    body = (
        "<w:p><w:r><w:t>Jane Roe</w:t><w:br/><w:t>jane@example.com</w:t></w:r></w:p>"
        '<w:p><w:r><w:rPr><w:b/><w:sz w:val="32"/></w:rPr><w:t>Experience</w:t></w:r></w:p>'
        "<w:p><w:r><w:t>Kept</w:t></w:r><w:del><w:r><w:delText>Deleted</w:delText></w:r></w:del>"
        '<w:r><w:instrText>HYPERLINK "x"</w:instrText></w:r></w:p>'
        "<w:p><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>In a text box</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></w:r></w:p>"
    )
    document = extract_in_process(_docx(body))
    assert _texts(document) == ["Jane Roe", "jane@example.com", "Experience", "Kept", "In a text box"]
    assert (document.lines[2].bold, document.lines[2].size) == (True, 16.0)


def test_docx_tabs_inside_a_line_stay_column_breaks() -> None:
    body = (
        "<w:p><w:r><w:tab/><w:t>Boots UK</w:t></w:r><w:r><w:tab/><w:tab/><w:t>Nottingham</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Supply Chain Manager</w:t><w:tab/><w:t>July 2020 to Present</w:t><w:tab/></w:r></w:p>"
    )
    assert _texts(extract_in_process(_docx(body))) == [
        "Boots UK\tNottingham",
        "Supply Chain Manager\tJuly 2020 to Present",
    ]


def test_docx_contact_details_in_the_footer_come_before_the_body() -> None:
    # Read after the body, they sat under its last heading ("References") and were taken for a referee's.
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" '
        'Target="footer1.xml"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml",
            f"<w:document {_W}><w:body><w:p><w:r><w:t>Siobhán O'Sullivan</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>References</w:t></w:r></w:p></w:body></w:document>",
        )
        archive.writestr("word/_rels/document.xml.rels", rels)
        archive.writestr(
            "word/footer1.xml", f"<w:ftr {_W}><w:p><w:r><w:t>087 412 9930 | so@example.ie</w:t></w:r></w:p></w:ftr>"
        )
    assert _texts(extract_in_process(buffer.getvalue())) == [
        "087 412 9930 | so@example.ie",
        "Siobhán O'Sullivan",
        "References",
    ]


def test_docx_with_a_dtd_is_refused() -> None:
    laughs = '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", f"{laughs}<w:document {_W}><w:body>&b;</w:body></w:document>")
    document = extract_in_process(buffer.getvalue())
    assert not document.ok
    assert document.reason.startswith("malformed: ")
    assert "DTD" in document.reason


def test_plain_text_keeps_its_lines_and_accents() -> None:
    document = extract_in_process("Zoë Müller\n\n  Köln  \r\nSoftware\u00a0Engineer\n".encode("utf-16"))
    assert document.ok
    assert document.kind == "text"
    assert _texts(document) == ["Zoë Müller", "Köln", "Software Engineer"]


def test_text_past_the_character_cap_is_cut_with_a_warning() -> None:
    document = extract_in_process((("x" * 40 + "\n") * 10).encode(), limits=Limits(max_chars=100))
    assert [len(line.text) for line in document.lines] == [40, 40, 18]
    assert document.warnings == ["truncated: text cut at 100 characters"]


def test_html_keeps_blocks_as_lines_and_drops_scripts_styles_and_hidden_text() -> None:
    html = b"""<!doctype html><html><head><title>CV</title><style>p{color:red}</style></head>
    <body><h1>Jane &amp; Roe</h1><script>alert('x')</script>
    <p>jane@example.com<br>+1 555 0100</p><div style="display:none">hidden keywords</div>
    <ul><li><b>Python</b></li><li>Django</li></ul><table><tr><td>2019</td><td>Acme</td></tr></table>
    </body></html>"""
    document = extract_in_process(html)
    assert document.kind == "html"
    assert _texts(document) == [
        "Jane & Roe",
        "jane@example.com",
        "+1 555 0100",
        "\u2022 Python",
        "\u2022 Django",
        "2019",
        "Acme",
    ]
    assert (document.lines[0].size, document.lines[0].bold) == (24.0, True)
    assert document.lines[3].bold


@pytest.mark.parametrize(
    ("charset", "encoding"),
    [("windows-1252", "cp1252"), ("utf-8", "utf-8"), ("utf-16", "utf-8"), ("rot13", "utf-8"), ("idna", "utf-8")],
)
def test_html_is_decoded_by_its_meta_charset_unless_that_is_nonsense(charset: str, encoding: str) -> None:
    html = f'<html><head><meta charset="{charset}"></head><body><p>Zoë Müller</p></body></html>'
    assert extract_in_process(html.encode(encoding)).text == "Zoë Müller"


def test_a_pdf_text_layer_over_a_full_page_image_is_not_ocred() -> None:
    document = mupdf.open()
    page = document.new_page()
    background = mupdf.Pixmap(mupdf.csGRAY, mupdf.IRect(0, 0, 300, 400), False)
    background.set_rect(background.irect, (120,))  # a dark full-page picture
    page.insert_image(page.rect, pixmap=background)
    page.insert_text((72, 100), "Jane Roe, Senior Engineer, jane@example.com", fontsize=12)
    page.insert_text((72, 120), "Ten years of building payment systems", fontsize=11)
    result = extract(document.tobytes())
    assert result.ok
    assert not result.ocr_used
    assert result.ocr_pages == []
    assert "jane@example.com" in result.text


def test_a_sidebar_is_read_as_its_own_column_even_when_its_lines_overlap_the_main_ones() -> None:
    # Sidebar lines every 15.5 pt, main-column lines every 12.5 pt: many overlap a main
    # line by chance, off its centre. No sidebar heading is larger than the body text.
    side = ["Contact", "Leeds, UK", "07700 900123", "Skills", "PostgreSQL", "Apache Spark", "Excel", "pandas"]
    main = [
        "Professional Experience",
        "Ashgrove Software Ltd",
        "Data Scientist",
        "Jul 2022 to Present",
        "Built dashboards used by 300 colleagues",
        "across sales and finance.",
        "Wexcombe Building Society",
        "Data Analyst",
        "Jan 2019 to Jun 2022",
        "Trained a churn model that lifted retention",
    ]
    boxes = [
        Box(text, 32, 60 + 15.5 * n, 140, 60 + 15.5 * n + 11, 10, bold=text in {"Contact", "Skills"})
        for n, text in enumerate(side)
    ]
    boxes += [Box(text, 228, 57 + 12.5 * n, 520, 57 + 12.5 * n + 11, 10) for n, text in enumerate(main)]
    ordered = reading_order(boxes)
    assert [box.text for box, _ in ordered] == side + main
    assert [column for _, column in ordered] == [0] * len(side) + [1] * len(main)


def test_dates_and_headings_in_a_margin_column_stay_beside_their_entries() -> None:
    # Section headings and date ranges in a narrow left column, entries on the right; a
    # right-hand entry line in capitals ("MBA") is not a heading of a second flow.
    boxes = [
        Box("Experience", 58, 100, 120, 112, 12, bold=True),
        Box("2021-2024", 58, 120, 110, 130, 10),
        Box("Garonne Expertise, Lyon", 141, 121, 300, 131, 10, bold=True),
        Box("Project Director", 141, 133, 240, 143, 10),
        Box("Ran the rollout of an ERP across eleven sites.", 141, 145, 420, 155, 10),
        Box("2018-2021", 58, 170, 110, 180, 10),
        Box("Azur Informatique, Lille", 141, 171, 300, 181, 10, bold=True),
        Box("Project Manager", 141, 183, 240, 193, 10),
        Box("Education", 58, 220, 120, 232, 12, bold=True),
        Box("2016-2018", 58, 240, 110, 250, 10),
        Box("MBA", 141, 241, 170, 251, 10, bold=True),
        Box("Université Paris-Saclay", 141, 253, 300, 263, 10),
    ]
    texts = [box.text for box, _ in reading_order(boxes)]
    for date, entry in [
        ("2021-2024", "Garonne Expertise, Lyon"),
        ("2018-2021", "Azur Informatique, Lille"),
        ("2016-2018", "MBA"),
    ]:
        assert texts.index(entry) == texts.index(date) + 1
    assert texts.index("Education") < texts.index("2016-2018") < texts.index("Université Paris-Saclay")


def test_a_date_beside_the_first_entry_is_not_read_with_the_contact_block_above_it() -> None:
    # Name and first entry on the left; a contact block in the top-right corner, and the
    # first entry's dates right-aligned well below it.
    boxes = [
        Box("José María García-", 57, 56, 230, 77, 21, bold=True),
        Box("López", 57, 83, 120, 104, 21, bold=True),
        Box("Experience", 57, 124, 120, 137, 10.8, bold=True),
        Box("Financial Controller · Llewellyn & Sons", 57, 141.7, 260, 152.7, 9, bold=True),
        Box("Manchester, United Kingdom", 404, 55.9, 540, 66.9, 9),
        Box("07955 103293", 472, 67.1, 540, 78.1, 9),
        Box("jose.garcialopez81@example.org", 387, 78.3, 540, 89.3, 9),
        Box("www.linkedin.com/in/jose-garcialopez", 365, 89.6, 540, 100.6, 9),
        Box("Apr 2021 to Today", 454, 141.7, 540, 152.7, 9),
    ]
    texts = [box.text for box, _ in reading_order(boxes)]
    assert texts.index("Apr 2021 to Today") == texts.index("Financial Controller · Llewellyn & Sons") + 1
    assert texts.index("Manchester, United Kingdom") < texts.index("www.linkedin.com/in/jose-garcialopez")


def test_a_pdfs_link_annotations_come_with_its_text() -> None:
    pdf = mupdf.open()
    page = pdf.new_page()
    page.insert_text((72, 72), "Jane Roe", fontsize=20)
    page.insert_text((72, 100), "in  gh  jane@example.org", fontsize=10)
    for uri in ("https://www.linkedin.com/in/janeroe", "https://github.com/janeroe", "mailto:jane@example.org"):
        page.insert_link({"kind": mupdf.LINK_URI, "from": mupdf.Rect(72, 90, 90, 102), "uri": uri})
    data = pdf.tobytes()
    document = extract(data)
    assert document.ok, document.reason
    assert document.links == ["https://www.linkedin.com/in/janeroe", "https://github.com/janeroe"]


def test_zero_width_joiners_are_spelling_and_stay() -> None:
    # Persian writes "دیجی‌کالا" with a zero-width non-joiner; a zero-width space is dropped.
    assert clean_text("دیجی\u200cکالا Acme\u200bCorp") == "دیجی\u200cکالا AcmeCorp"  # noqa: RUF001
