"""Renders a resume to a text PDF with PyMuPDF's Story (HTML + CSS), deterministically."""

import io
import os

import pymupdf

from bench.corpus import i18n, layouts
from bench.corpus.model import GENERATOR, Resume

FONT_DIR = layouts.FONT_DIR
MARGIN = layouts.MARGIN
FIXED_DATE = "D:20261126000000Z"


def check_fonts() -> str | None:
    """Why the fonts the layouts embed are missing, or None when they are there."""
    if not os.path.isfile(os.path.join(FONT_DIR, "DejaVuSans.ttf")):
        return (
            f"DejaVu fonts not found in {FONT_DIR}: install the Debian package fonts-dejavu-core "
            "(or set RESUME_CORPUS_FONT_DIR)"
        )
    return None


def _archive() -> pymupdf.Archive:
    return pymupdf.Archive(FONT_DIR)


def _story(html: str, css: str) -> pymupdf.Story:
    return pymupdf.Story(html=html, user_css=css, archive=_archive())


def render(resume: Resume) -> bytes:
    page = layouts.LAYOUT_HTML[resume.layout](resume)
    size = 9.0 if resume.layout == "compact" else 10.0
    css = layouts.css(resume, size=size)
    paper = pymupdf.paper_rect(resume.style.paper)
    main = _story(page.main, css)
    side = _story(page.side, css) if page.side else None
    band = _story(page.band, css) if page.band else None

    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    more = 1
    page_number = 0
    while more:
        device = writer.begin_page(paper)
        top = MARGIN
        left = MARGIN
        if page_number == 0 and band is not None:
            band.place(pymupdf.Rect(MARGIN, 22, paper.width - MARGIN, page.band_height))
            band.draw(device)
            top = page.band_height + 14
        if side is not None:
            if page_number == 0:
                side.place(pymupdf.Rect(22, MARGIN, page.side_width - 16, paper.height - MARGIN))
                side.draw(device)
            left = page.side_width + 18
        more, _ = main.place(pymupdf.Rect(left, top, paper.width - MARGIN, paper.height - MARGIN))
        main.draw(device)
        writer.end_page()
        page_number += 1
        if page_number > 6:
            raise RuntimeError(f"{resume.stem}: layout does not converge")
    writer.close()
    return _finish(resume, buffer.getvalue(), page)


def _finish(resume: Resume, pdf: bytes, page: layouts.PageHtml) -> bytes:
    """Backgrounds behind the text, page footers, and metadata without timestamps or ids."""
    doc = pymupdf.open("pdf", pdf)
    first = doc[0]
    if page.side:
        first.draw_rect(
            pymupdf.Rect(0, 0, page.side_width, first.rect.height),
            color=None,
            fill=_light(resume.style.accent),
            overlay=False,
        )
    if page.band:
        first.draw_rect(
            pymupdf.Rect(0, 0, first.rect.width, page.band_height + 4),
            color=None,
            fill=_rgb(resume.style.accent),
            overlay=False,
        )
    if resume.style.footer and doc.page_count > 1:
        for number in range(1, doc.page_count + 1):
            pdf_page = doc[number - 1]
            label = layouts.page_label(resume.lang, number, doc.page_count)
            text = f"{resume.name.printed} {i18n.EN_DASH} {label}" if resume.style.variant % 2 else label
            rect = pymupdf.Rect(MARGIN, pdf_page.rect.height - 30, pdf_page.rect.width - MARGIN, pdf_page.rect.height)
            pdf_page.insert_htmlbox(
                rect,
                f"<p style='text-align: right; font-size: 7.5pt; color: #777777'>{layouts.e(text)}</p>",
                css=layouts.css(resume, size=7.5),
                archive=_archive(),
            )
    author = resume.name.printed if resume.style.variant % 3 == 0 else ""
    doc.set_metadata(
        {
            "title": resume.doc_title or resume.headline,
            "author": author,
            "creator": GENERATOR,
            "producer": f"PyMuPDF {pymupdf.VersionBind}",
            "creationDate": FIXED_DATE,
            "modDate": FIXED_DATE,
        }
    )
    doc.subset_fonts()  # as real exporters do; full DejaVu faces would make every file ~1 MB
    return bytes(doc.tobytes(garbage=3, deflate=True, no_new_id=True))


def _rgb(color: str) -> tuple[float, float, float]:
    return (int(color[1:3], 16) / 255, int(color[3:5], 16) / 255, int(color[5:7], 16) / 255)


def _light(color: str) -> tuple[float, float, float]:
    r, g, b = _rgb(color)
    return (0.88 + r * 0.1, 0.88 + g * 0.1, 0.88 + b * 0.1)


def first_page_png(data: bytes, path: str, dpi: int = 80, filetype: str = "pdf") -> None:
    """A preview of page 1 (PyMuPDF lays out DOCX itself, with its own fonts)."""
    with pymupdf.open(filetype, data) as doc:
        doc[0].get_pixmap(dpi=dpi).save(path)
