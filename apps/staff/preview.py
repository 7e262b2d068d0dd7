"""Pages of a stored resume as PNG images, for the preview in the staff console.

Only files the ingestion pipeline has already opened in its sandbox reach this
(parsed resumes), and the rendering is bounded: one page per call, scaled so
that its longer side is at most ``MAX_SIDE`` pixels."""

from typing import Any

import pymupdf as _pymupdf

# PyMuPDF is only partly annotated (as in apps.ingestion.extraction.pdf).
pymupdf: Any = _pymupdf

MAX_SIDE = 1400
# PDF and the image formats that MuPDF opens; DOCX has no page layout to draw.
PREVIEWABLE = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpeg",
    "image/tiff": "tiff",
}


class NoPreview(Exception):
    """This file has no page images (its type, or it could not be opened)."""


def page_count(data: bytes, content_type: str) -> int:
    with _open(data, content_type) as document:
        return int(document.page_count)


def render_page(data: bytes, content_type: str, number: int) -> bytes:
    """Page ``number`` (1-based) as PNG bytes."""
    with _open(data, content_type) as document:
        if not 1 <= number <= document.page_count:
            raise NoPreview(f"no page {number}")
        page = document[number - 1]
        longer = max(page.rect.width, page.rect.height) or 1
        zoom = min(2.0, MAX_SIDE / longer)
        pixmap = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
        return bytes(pixmap.tobytes("png"))


def _open(data: bytes, content_type: str) -> Any:
    filetype = PREVIEWABLE.get(content_type)
    if filetype is None:
        raise NoPreview(content_type)
    try:
        return pymupdf.open(stream=data, filetype=filetype)
    except (RuntimeError, ValueError) as error:  # MuPDF's errors for damaged files
        raise NoPreview(str(error)) from error
