"""Fixtures and builders for the extraction tests: shared sample files, generated documents.

The samples are read in place from ../shared/data (never copied into the repository);
hostile documents are built in each test by the functions here (imported by the test
modules), small on disk however large they claim to be.
"""

import struct
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from apps.ingestion.extraction import sandbox

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
RESUMES = SHARED_DATA / "resumes"
HOSTILE = SHARED_DATA / "hostile"

# PyMuPDF is only partly annotated: as Any, its untyped calls need no ignore each.
mupdf: Any = pymupdf


# The shared test material lies beside every checkout, CI's included: its absence
# is a broken setup, to be reported, not a reason to skip.
@pytest.fixture
def resumes() -> Path:
    assert RESUMES.is_dir(), f"the shared sample resumes are not at {RESUMES}"
    return RESUMES


@pytest.fixture
def hostile() -> Path:
    assert HOSTILE.is_dir(), f"the shared hostile files are not at {HOSTILE}"
    return HOSTILE


@pytest.fixture(scope="module", autouse=True)
def _no_leftover_workers() -> Iterator[None]:
    """Every module ends with the sandbox's children stopped, as the process does at exit."""
    yield
    sandbox.shutdown()


# One list per page of (x, y, text, font size); Sequence so that int literals type-check.
PdfPages = Sequence[Sequence[tuple[float, float, str, float]]]


def build_pdf(pages: PdfPages, *, width: float = 612, height: float = 792) -> bytes:
    """A PDF with text at given places: one list per page of (x, y, text, font size)."""
    document = mupdf.open()
    for texts in pages:
        page = document.new_page(width=width, height=height)
        for x, y, text, size in texts:
            page.insert_text((x, y), text, fontsize=size, fontname="helv")
    data: bytes = document.tobytes()
    document.close()
    return data


def deflate_bomb(size: int, unit: bytes = b" ") -> bytes:
    """A raw deflate stream that inflates to ``size`` bytes of ``unit`` repeated, built in milliseconds.

    A block compressed after a sync flush, with a window already full of the same
    pattern in the same phase, decodes the same wherever it is repeated: copies of
    it stand for gigabytes.
    """
    chunk = unit * ((1 << 24) // len(unit))
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(chunk) + compressor.flush(zlib.Z_SYNC_FLUSH)
    middle = compressor.compress(chunk) + compressor.flush(zlib.Z_SYNC_FLUSH)
    return head + middle * max(0, size // len(chunk) - 1) + compressor.flush(zlib.Z_FINISH)


def slow_pdf(operations: int) -> bytes:
    """A one-page PDF whose content stream is ``operations`` tiny filled squares:
    seconds of work inside MuPDF's C code, where no Python check can interrupt it."""
    return pdf_with_content(deflate_bomb(operations * 13, b"0 0 1 1 re f\n"))


def pdf_with_content(stream: bytes, *, filtered: bool = True) -> bytes:
    """A one-page PDF written by hand around a raw content stream (zlib-wrapped when filtered)."""
    if filtered:
        # Zlib header, the deflate data, a checksum MuPDF only warns about when wrong.
        stream = b"\x78\xda" + stream + b"\x00\x00\x00\x00"
    filter_entry = b" /Filter /FlateDecode" if filtered else b""
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            b"<< /Length %d%s >>\nstream\n" % (len(stream), filter_entry) + stream + b"\nendstream",
        ]
    )


def many_pages_pdf(count: int) -> bytes:
    """A well-formed PDF of ``count`` empty pages, in milliseconds (PyMuPDF takes seconds)."""
    kids = b" ".join(b"%d 0 R" % (3 + index) for index in range(count))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"
    return _pdf(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count)]
        + [page] * count
    )


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def zip_with_entry(name: str, raw_deflate: bytes, inflated_size: int) -> bytes:
    """A ZIP archive of one deflated entry, written by hand so that its data is never inflated."""
    encoded = name.encode()
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, 0, len(raw_deflate), inflated_size, len(encoded), 0)
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII",
        0x02014B50,
        20,
        20,
        0,
        8,
        0,
        0,
        0,
        len(raw_deflate),
        inflated_size,
        len(encoded),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    body = local + encoded + raw_deflate
    directory = central + encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(directory), len(body), 0)
    return body + directory + end
