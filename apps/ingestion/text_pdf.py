"""A one-page PDF of plain lines of text: the generated resumes of the demo,
the fault drills and the benchmarks."""

from collections.abc import Iterable
from typing import Any

import pymupdf


def text_pdf(lines: Iterable[tuple[str, float]]) -> bytes:
    """An A4 page with each (text, font size) on a line of its own, Helvetica,
    top to bottom; an empty text leaves a gap of that size."""
    mupdf: Any = pymupdf  # PyMuPDF is only partly annotated
    document = mupdf.open()
    page = document.new_page(width=595, height=842)
    y = 72.0
    for text, size in lines:
        if text:
            page.insert_text((72, y), text, fontsize=size, fontname="helv")
        y += size * 1.8
    data: bytes = document.tobytes()
    document.close()
    return data
