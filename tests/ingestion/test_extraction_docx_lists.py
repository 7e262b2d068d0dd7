"""DOCX list items: Word draws their bullet from the numbering, the text holds none."""

import datetime
import io
import zipfile

from apps.ingestion.document import Document
from apps.ingestion.extraction import extract_in_process
from apps.ingestion.parsing import parse

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_STYLES = f"""<w:styles {_W}>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"/>
<w:style w:type="paragraph" w:styleId="ListParagraph"><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:basedOn w:val="ListParagraph"/>
  <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:basedOn w:val="Normal"/>
  <w:pPr><w:numPr><w:numId w:val="2"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr>
  <w:rPr><w:b/></w:rPr></w:style>
</w:styles>"""


def _docx(*paragraphs: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/styles.xml", _STYLES)
        body = "".join(paragraphs)
        archive.writestr("word/document.xml", f"<w:document {_W}><w:body>{body}</w:body></w:document>")
    return buffer.getvalue()


def _p(text: str, *, style: str = "", num_id: str = "", bold: bool = False) -> str:
    props = ""
    if style or num_id:
        props = "<w:pPr>"
        props += f'<w:pStyle w:val="{style}"/>' if style else ""
        props += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>' if num_id else ""
        props += "</w:pPr>"
    run = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f"<w:p>{props}<w:r>{run}<w:t>{text}</w:t></w:r></w:p>"


def _texts(document: Document) -> list[str]:
    return [line.text for line in document.lines]


def test_a_paragraph_with_its_own_numbering_comes_out_with_a_bullet() -> None:
    document = extract_in_process(_docx(_p("Payroll", num_id="3"), _p("Plain line")))
    assert _texts(document) == ["\u2022 Payroll", "Plain line"]


def test_a_list_style_bullets_its_paragraphs_unless_the_paragraph_switches_numbering_off() -> None:
    document = extract_in_process(
        _docx(_p("Tally", style="ListBullet"), _p("Not a list item", style="ListBullet", num_id="0"))
    )
    assert _texts(document) == ["\u2022 Tally", "Not a list item"]


def test_a_numbered_heading_and_a_typed_bullet_get_no_second_bullet() -> None:
    document = extract_in_process(_docx(_p("Experience", style="Heading2"), _p("- Audits", style="ListBullet")))
    assert _texts(document) == ["Experience", "- Audits"]


def test_a_short_list_item_is_not_read_as_the_next_entrys_title() -> None:
    document = extract_in_process(
        _docx(
            _p("Experience", style="Heading2"),
            _p("Accountant", bold=True),
            _p("Jan 2018 - Present"),
            _p("Koc Holding, Ankara"),
            _p("Tally", style="ListBullet"),
            _p("Junior Accountant", bold=True),
            _p("Jun 2014 - Jan 2018"),
            _p("Sisecam, Istanbul"),
        )
    )
    resume = parse(document, today=datetime.date(2026, 11, 27))
    assert [(job.employer, job.title) for job in resume.experience] == [
        ("Koc Holding", "Accountant"),
        ("Sisecam", "Junior Accountant"),
    ]
