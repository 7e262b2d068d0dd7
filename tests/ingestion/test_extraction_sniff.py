"""Type sniffing: the bytes decide, never the file name."""

import codecs
import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from apps.ingestion.extraction import extract_in_process
from apps.ingestion.extraction.sniff import decode_text, sniff
from tests.ingestion.conftest import build_pdf


def _image(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (8, 8), 255).save(buffer, format=fmt)
    return buffer.getvalue()


def _zip(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in names.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"", "empty"),
        (b" \n\t\x00", "empty"),
        (build_pdf([[(72, 72, "Hello", 12)]]), "pdf"),
        (b"garbage before the header " + b"%PDF-1.4\n", "pdf"),
        (_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}), "docx"),
        (_zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), "odt"),
        (_zip({"xl/workbook.xml": b"<workbook/>"}), "xlsx"),
        (_zip({"notes.txt": b"hello"}), "zip"),
        (_image("PNG"), "image"),
        (_image("JPEG"), "image"),
        (_image("TIFF"), "image"),
        (_image("GIF"), "image"),
        (_image("BMP"), "image"),
        (_image("WEBP"), "image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "doc"),
        (b"{\\rtf1\\ansi Hello}", "rtf"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "executable"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 64, "executable"),
        (b"\x1f\x8b\x08\x00" + b"\x00" * 16, "archive"),
        (b"Jane Roe\nSoftware Engineer\n", "text"),
        (b"<!DOCTYPE html><html><body><p>Jane</p></body></html>", "html"),
        (b"  <html><p>Jane</p></html>", "html"),
        (b"<div>Jane</div><p>Engineer</p><br>", "html"),
        (b"1 0 obj << /Type /Catalog >> endobj trailer << /Root 1 0 R >>", "pdf"),
        (bytes(range(256)) * 8, "binary"),
    ],
)
def test_it_sniffs_the_type_from_the_bytes(data: bytes, kind: str) -> None:
    assert sniff(data) == kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("derived__docx_named_as.pdf", "docx"),
        ("derived__pdf_named_as.docx", "pdf"),
        ("derived__png_named_as.pdf", "image"),
        ("derived__many_pages_5000.pdf", "pdf"),
    ],
)
def test_files_with_lying_names_are_read_as_what_they_are(hostile: Path, name: str, kind: str) -> None:
    data = (hostile / name).read_bytes()
    assert sniff(data) == kind
    document = extract_in_process(data, filename=name)
    assert document.kind == kind
    if document.ok:
        assert any(warning.startswith("renamed: ") for warning in document.warnings)


def test_a_pdf_named_like_a_photo_is_still_read_as_a_pdf() -> None:
    data = build_pdf([[(72, 72, "Jane Roe, jane@example.com, Software Engineer", 12)]])
    document = extract_in_process(data, filename="holiday.JPG")
    assert document.ok
    assert document.kind == "pdf"
    assert "jane@example.com" in document.text
    assert document.warnings == ["renamed: named .jpg but the content is pdf"]


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (codecs.BOM_UTF8 + "Zoë Müller".encode(), "Zoë Müller"),
        (codecs.BOM_UTF16_LE + "Zoë Müller".encode("utf-16-le"), "Zoë Müller"),
        (codecs.BOM_UTF16_BE + "Zoë Müller".encode("utf-16-be"), "Zoë Müller"),
        ("Zoë Müller, Köln".encode("utf-16-le"), "Zoë Müller, Köln"),
        ("Zoë Müller".encode(), "Zoë Müller"),
        ("José Núñez \u2013 Señor".encode("cp1252"), "José Núñez \u2013 Señor"),  # en dash: 0x96 in cp1252
    ],
)
def test_it_decodes_text_in_the_usual_encodings(data: bytes, text: str) -> None:
    assert decode_text(data) == text


def test_bytes_full_of_control_characters_are_not_text() -> None:
    assert decode_text(b"\x01\x02\x03abc\x04\x05\x06\x07\x08" * 50) is None


def test_plain_text_keeps_aligned_columns_apart_and_full_width_forms_plain() -> None:
    data = "\uff12\uff10\uff11\uff19 - 2022      Acme GmbH\tData Engineer\n姓名\uff1a王伟\n".encode()
    document = extract_in_process(data, filename="resume.txt")
    assert [line.text for line in document.lines] == ["2019 - 2022\tAcme GmbH\tData Engineer", "姓名:王伟"]


def test_plain_text_copied_from_a_pdf_loses_its_ligatures() -> None:
    data = "Pro\ufb01le\nlea_ho\ufb00mann@example.org\n".encode()
    document = extract_in_process(data, filename="resume.txt")
    assert [line.text for line in document.lines] == ["Profile", "lea_hoffmann@example.org"]


def test_dot_leaders_between_an_entry_and_its_dates_are_dropped() -> None:
    data = b"Securitas, Henderson, NV ........ 2016 - 2018\nName . . . . John Smith\nand so on...\n"
    document = extract_in_process(data, filename="resume.txt")
    assert [line.text for line in document.lines] == [
        "Securitas, Henderson, NV 2016 - 2018",
        "Name John Smith",
        "and so on...",
    ]
