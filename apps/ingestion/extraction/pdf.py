"""PDF to lines with PyMuPDF: text layer in reading order, OCR for pages that have none.

``get_text("dict")`` plus a sort in Python (layout.py) costs about 1.2x a bare
``get_text()``; MuPDF's own ``sort=True`` costs 2-5x more than that on the sample
resumes and still interleaves two-column pages.
"""

import itertools
import math
import re
from collections import Counter
from typing import TYPE_CHECKING, Any

import pymupdf as _pymupdf

from apps.ingestion.document import Document, Line
from apps.ingestion.extraction.layout import Box, clean_text, drop_running_heads, reading_order, to_lines
from apps.ingestion.extraction.limits import Budget, ExtractionFailed, out_of_memory

if TYPE_CHECKING:
    from PIL import Image

# PyMuPDF is only partly annotated: typed as Any, its untyped calls need no ignore each.
mupdf: Any = _pymupdf

# Damaged files make MuPDF print to stderr; the warnings are read back per job instead.
mupdf.TOOLS.mupdf_display_errors(False)
mupdf.TOOLS.mupdf_display_warnings(False)

# Whitespace kept (spans join as typeset), ligatures expanded ("ﬁ" -> "fi"), text
# outside the page dropped (a known way to hide keywords), no image data decoded.
_TEXT_FLAGS = mupdf.TEXT_PRESERVE_WHITESPACE | mupdf.TEXT_MEDIABOX_CLIP
_BOLD_FLAG = 16
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|cmbx|[-_,]bd\b", re.I)
# A page with fewer letters and digits than this has no usable text layer.
_MIN_TEXT_CHARS = 30
# An image this large (a 100 DPI letter page is 935k pixels) on a page without text is a scan.
_SCAN_PIXELS = 500_000
# Otherwise a page without text is OCRed when this share of a 36 DPI thumbnail is ink.
# Scanned resumes measure 3-10%, two short lines on a page 0.25%, a blank page 0:
# missing a sparse scan costs more than a second of Tesseract on a page with a rule.
_THUMBNAIL_SCALE = 0.5
_THUMBNAIL_PIXELS = 1_000_000
_MIN_INK = 0.0005
# Maps every grey level to 0 (paper) or 1 (ink), so that bytes.count does the counting.
_INK = bytes(1 if level < 200 else 0 for level in range(256))
# Characters that a font without a Unicode map turns into: unknown, private use, controls.
_UNMAPPED = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0e-\x1f]")


def extract_pdf(data: bytes, budget: Budget) -> Document:
    mupdf.TOOLS.reset_mupdf_warnings()
    try:
        pdf = mupdf.open(stream=data, filetype="pdf")
    except Exception as exc:
        if out_of_memory(exc):
            raise
        raise ExtractionFailed(f"malformed: the PDF cannot be opened ({_brief(exc)})") from exc
    try:
        return _read(pdf, budget)
    finally:
        pdf.close()


def _read(pdf: Any, budget: Budget) -> Document:
    limits = budget.limits
    # An empty user password (restrictions only) opens; anything else is refused.
    if pdf.needs_pass and not pdf.authenticate(""):
        raise ExtractionFailed("encrypted: the PDF is password-protected")
    try:
        count = pdf.page_count
    except Exception as exc:
        if out_of_memory(exc):
            raise
        raise ExtractionFailed(f"malformed: the PDF's page tree is unreadable ({_brief(exc)})") from exc
    if count == 0:
        raise ExtractionFailed("malformed: the PDF has no readable pages")
    if count > limits.max_pages:
        raise ExtractionFailed(f"too_many_pages: {count} pages, limit {limits.max_pages}")

    warnings: list[str] = []
    pages: list[list[Box]] = []
    heights: list[float] = []
    wanted: list[int] = []
    chars = 0
    links: list[str] = []
    for number in range(count):
        budget.check()
        boxes: list[Box] = []
        height = 0.0
        try:
            page = pdf.load_page(number)
            height = page.rect.height
            boxes, unmapped = _text_boxes(page)
            if number < _LINK_PAGES:
                links.extend(_links(page, _MAX_LINKS - len(links)))
            if _needs_ocr(page, number, boxes, unmapped, limits.max_image_pixels):
                wanted.append(number)
                boxes = []
        except ExtractionFailed:
            raise
        except Exception as exc:
            if out_of_memory(exc):
                raise
            warnings.append(f"page_unreadable: page {number + 1} ({_brief(exc)})")
            boxes = []
        pages.append(boxes)
        heights.append(height)
        chars += sum(len(box.text) for box in boxes)
        if chars > limits.max_chars:
            break  # the caller cuts the text at the cap and says so

    ocr_pages = _ocr(pdf, pages, wanted, budget, warnings)
    pages = drop_running_heads(pages, heights)
    lines: list[Line] = []
    for number, boxes in enumerate(pages):
        lines.extend(to_lines(reading_order(boxes), number))
    if "repair" in (mupdf.TOOLS.mupdf_warnings() or ""):
        warnings.append("repaired: the PDF is damaged and was repaired on reading; text may be missing")
    return Document(
        ok=True,
        kind="pdf",
        lines=lines,
        pages=count,
        ocr_used=bool(ocr_pages),
        ocr_pages=ocr_pages,
        warnings=warnings,
        links=links,
    )


# Contact links sit on the first page (a header repeated on the second at most); a
# hostile file may carry thousands of annotations.
_LINK_PAGES = 2
_MAX_LINKS = 50
_MAX_LINK_CHARS = 500


def _links(page: Any, room: int) -> list[str]:
    """The web addresses the page's link annotations open (mailto: and tel: are in the text)."""
    found: list[str] = []
    try:
        annotations = page.get_links()[: 4 * _MAX_LINKS]
    except Exception as exc:
        if out_of_memory(exc):
            raise
        return found  # a broken annotation costs the links, not the page's text
    for link in annotations:
        uri = link.get("uri")
        if len(found) >= room:
            break
        if isinstance(uri, str) and len(uri) <= _MAX_LINK_CHARS and uri[:8].lower().startswith(("http://", "https://")):
            found.append(uri)
    return found


def _text_boxes(page: Any) -> tuple[list[Box], int]:
    """The page's text lines, and how many characters came out without a Unicode mapping."""
    boxes: list[Box] = []
    unmapped = 0
    spaced: list[tuple[int, tuple[float, ...]]] = []
    for block in page.get_text("dict", flags=_TEXT_FLAGS)["blocks"]:
        for line in block.get("lines", ()):
            parts = []
            sizes: Counter[float] = Counter()
            bold = total = 0
            for span in line["spans"]:
                size = span["size"]
                text = span["text"]
                if size < 1:
                    continue  # microscopic type: keyword stuffing, never meant to be read
                parts.append(text)
                weight = len(text.strip())
                if weight:
                    sizes[round(size, 1)] += weight
                    total += weight
                    if span["flags"] & _BOLD_FLAG or _is_bold_font(span["font"]):
                        bold += weight
            # TeX fonts map their hyphen glyph to U+00AD; in a PDF it was drawn, so it shows.
            raw = "".join(parts).replace("\xad", "-")
            unmapped += len(_UNMAPPED.findall(raw))
            text = clean_text(raw)
            if not text:
                continue
            x0, y0, x1, y1 = line["bbox"]
            if not all(map(math.isfinite, (x0, y0, x1, y1))):
                continue  # a broken font can place glyphs at infinity
            size = sizes.most_common(1)[0][0] if sizes else 0.0
            if _letter_spaced(text):
                spaced.append((len(boxes), _key(line["bbox"])))
            boxes.append(Box(text=text, x0=x0, y0=y0, x1=x1, y1=y1, size=size, bold=2 * bold > total))
    if spaced:
        _respace(page, boxes, spaced)
    return boxes, unmapped


def _letter_spaced(text: str) -> bool:
    # "S K I L L S": designers space out headings with real space characters.
    tokens = text.split(" ")
    return len(tokens) >= 4 and sum(len(token) == 1 for token in tokens) >= 0.75 * len(tokens)


def _key(bbox: Any) -> tuple[float, ...]:
    return tuple(round(value, 1) for value in bbox)


def _respace(page: Any, boxes: list[Box], spaced: list[tuple[int, tuple[float, ...]]]) -> None:
    """Rewrite letter-spaced lines as words, from the glyph positions ("SKILLS", "SENIOR BACKEND").

    Only pages with such a line pay for the per-glyph extraction (about 2x the cost).
    """
    glyphs: dict[tuple[float, ...], list[dict[str, Any]]] = {}
    for block in page.get_text("rawdict", flags=_TEXT_FLAGS)["blocks"]:
        for line in block.get("lines", ()):
            glyphs[_key(line["bbox"])] = [c for s in line["spans"] if s["size"] >= 1 for c in s["chars"]]
    for index, key in spaced:
        chars = [c for c in glyphs.get(key, ()) if not c["c"].isspace()]
        if len(chars) < 2:
            continue
        gaps = [b["bbox"][0] - a["bbox"][2] for a, b in itertools.pairwise(chars)]
        ordinary = sorted(gaps)[len(gaps) // 2]
        size = boxes[index].size or 10.0
        words = [chars[0]["c"]]
        for char, gap in zip(chars[1:], gaps, strict=True):
            if gap > max(1.6 * ordinary, ordinary + 0.2 * size):
                words.append("")
            words[-1] += char["c"]
        boxes[index].text = clean_text(" ".join(words)) or boxes[index].text


_bold_fonts: dict[str, bool] = {}


def _is_bold_font(name: str) -> bool:
    # Font names repeat on every line; the regex runs once per name.
    known = _bold_fonts.get(name)
    if known is None:
        known = _bold_fonts[name] = bool(_BOLD_FONT.search(name))
    return known


def _needs_ocr(page: Any, number: int, boxes: list[Box], unmapped: int, max_image_pixels: int) -> bool:
    """True for a page without a usable text layer that shows something to read.

    A page whose real text is drawn over a full-page background image has a text
    layer, and is not OCRed. Whether a page without one shows anything (a scan, text
    turned into outlines) is read from a thumbnail: cheaper and safer than listing
    its drawings, which costs seconds and gigabytes on a page of a million paths.
    """
    readable = sum(1 for box in boxes for char in box.text if char.isalnum())
    if unmapped >= _MIN_TEXT_CHARS and unmapped > readable:
        _refuse_huge_images(page, number, max_image_pixels)
        return True  # fonts without a Unicode map: the glyphs render fine, so OCR reads them
    if readable >= _MIN_TEXT_CHARS:
        return False
    if _refuse_huge_images(page, number, max_image_pixels) >= _SCAN_PIXELS:
        return True  # a page-sized picture and no text: a scan (no thumbnail needed)
    area = max(abs(page.rect), 1.0)
    scale = min(_THUMBNAIL_SCALE, math.sqrt(_THUMBNAIL_PIXELS / area))  # a 200-inch page too
    samples = page.get_pixmap(matrix=mupdf.Matrix(scale, scale), colorspace=mupdf.csGRAY).samples
    return bool(samples) and samples.translate(_INK).count(1) >= _MIN_INK * len(samples)


def _ocr(pdf: Any, pages: list[list[Box]], wanted: list[int], budget: Budget, warnings: list[str]) -> list[int]:
    if not wanted:
        return []
    # Imported with the first page to OCR: the sandbox's child, started afresh every
    # MAX_JOBS_PER_WORKER files, does not load Pillow and the OCR code for text PDFs.
    from apps.ingestion.extraction.ocr import detect_language, ocr_image

    limits = budget.limits
    if len(wanted) > limits.max_ocr_pages:
        warnings.append(f"ocr_truncated: {len(wanted)} pages need OCR, only the first {limits.max_ocr_pages} were read")
        wanted = wanted[: limits.max_ocr_pages]
    # The text layer of the other pages, when there is enough, says the language.
    known = " ".join(box.text for boxes in pages for box in boxes)
    lang = detect_language(known) if len(known) >= 500 else None
    done: list[int] = []
    for number in wanted:
        try:
            budget.check()
            image, dpi = render_page(pdf.load_page(number), limits.ocr_dpi, limits.max_render_pixels)
            pages[number], lang = ocr_image(image, dpi=dpi, lang=lang, budget=budget)
        except ExtractionFailed as failure:
            if not any(pages):
                raise  # nothing read at all: the failure is the answer
            # Text from the other pages is still worth parsing; say what is missing.
            warnings.append(f"ocr_incomplete: page {number + 1} and after not read ({failure.reason})")
            break
        done.append(number)
    return done


def _refuse_huge_images(page: Any, number: int, limit: int) -> int:
    """The pixel count of the page's largest image, after refusing any over ``limit``.

    MuPDF may decode an image whole before scaling it down: refuse before rendering.
    """
    largest = 0
    for image in page.get_images(full=False):
        width, height = int(image[2]), int(image[3])
        if width * height > limit:
            raise ExtractionFailed(
                f"too_large: page {number + 1} holds a {width}x{height} image, limit {limit / 1e6:g} megapixels"
            )
        largest = max(largest, width * height)
    return largest


def render_page(page: Any, dpi: int, max_pixels: int) -> "tuple[Image.Image, int]":
    """The page as a grey image at ``dpi``, or at the DPI that keeps it under ``max_pixels``."""
    rect = page.rect
    scale = dpi / 72
    area = max(rect.width, 1.0) * max(rect.height, 1.0)
    if area * scale * scale > max_pixels:
        # 1% under the cap: MuPDF rounds the pixmap's edges outwards.
        scale = 0.99 * math.sqrt(max_pixels / area)
    from PIL import Image  # only pages to OCR or preview are drawn (see _ocr)

    pixmap = page.get_pixmap(matrix=mupdf.Matrix(scale, scale), colorspace=mupdf.csGRAY, alpha=False)
    image = Image.frombytes("L", (pixmap.width, pixmap.height), pixmap.samples, "raw", "L", pixmap.stride)
    return image, max(1, round(scale * 72))


def _brief(exc: Exception) -> str:
    text = clean_text(str(exc)) or type(exc).__name__
    return text[:160]
