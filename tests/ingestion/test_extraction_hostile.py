"""Hostile files: each one ends as a Document (read, or failed with a reason) in its time budget."""

import json
import os
import random
import time
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.ingestion.document import Document
from apps.ingestion.extraction import Limits, extract, extract_in_process
from tests.ingestion.conftest import (
    HOSTILE,
    build_pdf,
    deflate_bomb,
    many_pages_pdf,
    mupdf,
    pdf_with_content,
    zip_with_entry,
)

# Tight enough to prove the budget holds, loose enough for OCR of the one giant scan.
BUDGET = Limits(wall_seconds=20)
REASON_CODES = {
    "empty",
    "encrypted",
    "malformed",
    "too_large",
    "too_many_pages",
    "timeout",
    "crashed",
    "unsupported_format",
    "ocr_unavailable",
    "ocr_failed",
}


def _hostile_names() -> list[str]:
    if not HOSTILE.is_dir():
        return []
    return sorted(path.name for path in HOSTILE.iterdir() if path.suffix != ".json")


def _assert_well_formed(document: Document) -> None:
    assert isinstance(document, Document)
    if document.ok:
        assert document.lines
        assert not document.reason
    else:
        assert not document.lines
        code, _, message = document.reason.partition(": ")
        assert code in REASON_CODES, document.reason
        assert message
        assert "\n" not in document.reason


@pytest.mark.parametrize("name", _hostile_names())
def test_every_hostile_file_ends_as_a_document_within_its_budget(hostile: Path, name: str) -> None:
    started = time.monotonic()
    document = extract((hostile / name).read_bytes(), filename=name, limits=BUDGET)
    assert time.monotonic() - started < BUDGET.wall_seconds + 2
    _assert_well_formed(document)


def test_the_hostile_files_fail_for_the_reasons_pymupdf_showed(hostile: Path) -> None:
    observed = json.loads((hostile / "observed_pymupdf.json").read_text())["files"]
    results = {name: extract((hostile / name).read_bytes(), filename=name) for name in observed}
    reasons = {name: document.reason for name, document in results.items()}
    assert reasons["derived__many_pages_5000.pdf"] == "too_many_pages: 5000 pages, limit 50"
    assert reasons["ocrmypdf__hugemono.pdf"].startswith("too_large: page 1 holds a 35000x35000 image")
    assert reasons["scorelia__empty_file.pdf"] == "empty: the file has no content"
    for name, seen in observed.items():
        if seen.get("needs_pass"):
            assert reasons[name] == "encrypted: the PDF is password-protected", name
        if "FileDataError" in seen.get("error", "") and results[name].kind == "pdf":
            # What MuPDF cannot open at all; files that are only text named .pdf are read as text.
            assert reasons[name].startswith("malformed: "), name
    assert results["qpdf__bad1.pdf"].kind == "text"
    assert "renamed: named .pdf but the content is text" in results["qpdf__bad1.pdf"].warnings


def test_a_decompression_bomb_in_a_pdf_stream_is_stopped_by_the_clock() -> None:
    bomb = pdf_with_content(deflate_bomb(2 << 30))  # 2 GiB of content in 2 MB
    assert len(bomb) < 3_000_000
    started = time.monotonic()
    document = extract(bomb, limits=Limits(wall_seconds=2))
    assert time.monotonic() - started < 4
    _assert_well_formed(document)
    assert document.reason.startswith("timeout: ")
    assert extract(build_pdf([[(72, 72, "Jane Roe, still here after the bomb", 12)]])).ok


def test_a_decompression_bomb_in_a_docx_is_refused_before_inflating() -> None:
    bomb = zip_with_entry("word/document.xml", deflate_bomb(2 << 30), (2 << 30) - 1)
    started = time.monotonic()
    document = extract(bomb, filename="resume.docx")
    assert time.monotonic() - started < 2
    assert document.kind == "docx"
    assert document.reason == "too_large: word/document.xml inflates to 2147483647 bytes, limit 33554432"


def test_ten_thousand_pages_are_refused_without_reading_them() -> None:
    data = many_pages_pdf(10_000)
    assert mupdf.open(stream=data, filetype="pdf").page_count == 10_000
    started = time.monotonic()
    result = extract(data)
    assert time.monotonic() - started < 2
    assert result.reason == "too_many_pages: 10000 pages, limit 50"


def test_a_200_inch_page_is_rendered_under_the_pixel_cap() -> None:
    document = mupdf.open()
    page = document.new_page(width=14_400, height=14_400)  # 200 x 200 inches
    scan = mupdf.Pixmap(mupdf.csGRAY, mupdf.IRect(0, 0, 400, 400), False)
    scan.set_rect(scan.irect, (255,))
    scan.set_rect(mupdf.IRect(40, 40, 360, 120), (0,))  # something dark to read
    page.insert_image(page.rect, pixmap=scan)
    started = time.monotonic()
    result = extract(document.tobytes(), limits=BUDGET)
    assert time.monotonic() - started < BUDGET.wall_seconds
    _assert_well_formed(result)
    # Rendered at the 12 MP cap instead of 200 DPI (1.6 gigapixels).
    from apps.ingestion.extraction.pdf import render_page

    reopened = mupdf.open(stream=document.tobytes(), filetype="pdf")
    image, dpi = render_page(reopened[0], 200, BUDGET.max_render_pixels)
    assert image.width * image.height <= BUDGET.max_render_pixels
    assert dpi < 20


def test_an_encrypted_pdf_is_refused_and_an_owner_only_one_is_read() -> None:
    original = mupdf.open(stream=build_pdf([[(72, 72, "Jane Roe, Engineer, jane@example.com", 12)]]))
    locked = original.tobytes(encryption=mupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner")
    restricted = original.tobytes(encryption=mupdf.PDF_ENCRYPT_AES_256, user_pw="", owner_pw="owner")
    assert extract(locked).reason == "encrypted: the PDF is password-protected"
    opened = extract(restricted)
    assert opened.ok
    assert "jane@example.com" in opened.text


def test_a_truncated_pdf_is_read_as_far_as_it_goes_or_refused(resumes: Path) -> None:
    data = (resumes / "awesome-cv__resume.pdf").read_bytes()
    for cut in (len(data) // 2, len(data) // 10, 600):
        _assert_well_formed(extract(data[:cut], filename="resume.pdf"))


def test_executables_renamed_pdf_are_refused() -> None:
    elf = Path(os.path.realpath("/bin/ls")).read_bytes()
    pe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200) + b"PE\x00\x00" + bytes(300)
    for data in (elf, pe):
        document = extract(data, filename="resume.pdf")
        assert document.kind == "executable"
        assert document.reason == "unsupported_format: an executable program"


def test_zero_bytes_and_random_bytes_fail_cleanly() -> None:
    assert extract(b"", filename="resume.pdf").reason == "empty: the file has no content"
    noise = random.Random(4).randbytes(50_000)  # noqa: S311  # test data, not a secret
    _assert_well_formed(extract(noise, filename="resume.pdf"))
    assert extract(noise).reason == "unsupported_format: binary data of no known document type"


def test_a_file_over_the_byte_cap_is_refused_before_the_sandbox() -> None:
    document = extract(b"x" * 2_000, limits=Limits(max_bytes=1_000))
    assert document.reason == "too_large: 2000 bytes, limit 1000"


def test_a_damaged_stream_inside_a_pdf_still_yields_the_readable_text() -> None:
    text = b"BT /F1 12 Tf 72 700 Td (Jane Roe, Senior Engineer, jane@example.com) Tj ET\n"
    broken = zlib.compress(text)[:-6]  # a stream cut short, checksum gone
    _assert_well_formed(extract(pdf_with_content(broken[2:])))


SMALL = Limits(wall_seconds=5, max_pages=5, max_ocr_pages=1, max_render_pixels=500_000, max_chars=20_000)


@pytest.mark.property
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=4096),
        st.binary(max_size=2048).map(lambda tail: b"%PDF-1.7\n" + tail),
        st.binary(max_size=2048).map(lambda tail: b"PK\x03\x04" + tail),
        st.binary(max_size=2048).map(lambda tail: b"\x89PNG\r\n\x1a\n" + tail),
        st.text(max_size=2048).map(lambda text: ("<html><body>" + text).encode()),
    )
)
def test_arbitrary_bytes_never_raise_and_always_give_a_document(data: bytes) -> None:
    _assert_well_formed(extract_in_process(data, filename="resume.pdf", limits=SMALL))
