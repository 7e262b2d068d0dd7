"""Tesseract OCR of one page image into positioned lines, and the choice of language.

Tesseract is called directly (no pytesseract, whose PNG temp files cost time): the
page goes in as an uncompressed BMP in an anonymous in-memory file (memfd) handed
over as /dev/fd/N, and the word boxes come back as TSV on stdout. Nothing touches
the disk or outlives a killed process, and it costs no more than Tesseract reading
a PNG file (a PNG on stdin measured ~85 ms more per page). The call runs with
OMP_THREAD_LIMIT=1, measured 5x faster on two cores than its default OpenMP threads.
A first pass reads English only (the 4-language model set costs 2.5x); when the
text turns out to be German, French or Spanish, that page is read again in that
language alone and the two readings are merged (ocr_words.merge_readings: what
"fra+eng" gives, for 1.0x a page instead of 1.4x); the rest of the document is read
once, in that language with English, from the start.
"""

import io
import os
import re
import subprocess
import tempfile
from collections import Counter

from PIL import Image, ImageChops

from apps.ingestion.extraction.layout import Box, clean_text
from apps.ingestion.extraction.limits import Budget, ExtractionFailed
from apps.ingestion.extraction.ocr_addresses import reread_addresses
from apps.ingestion.extraction.ocr_words import (
    Word,
    body_height,
    letter_spaced,
    merge_readings,
    repair_line,
    straighten,
)

TESSERACT = os.environ.get("TESSERACT_CMD", "tesseract")
ENGLISH = "eng"
# A page whose middle strip takes more than this many bytes per pixel as a fast PNG is
# noisy (speckle from a photocopy, a photographed page) and gets a 3x3 median filter
# first. Measured on the degraded sample scan: word confidence 55 -> 87 and Tesseract
# 15% faster; clean scans measure 0.03-0.3 and skip the filter (and its ~50 ms).
_NOISY_BYTES_PER_PIXEL = 0.45
_STRIP = (0.4, 0.5)


# Short, frequent words that tell the four installed languages apart.
_STOPWORDS = {
    "eng": {"and", "the", "of", "with", "for", "to", "in", "experience", "education", "skills", "at", "from"},
    "deu": {"und", "der", "die", "das", "mit", "für", "bei", "von", "seit", "berufserfahrung", "ausbildung", "im"},
    "fra": {"et", "le", "les", "des", "du", "pour", "avec", "au", "aux", "expérience", "formation", "compétences"},
    "spa": {"y", "el", "los", "las", "del", "para", "con", "por", "experiencia", "formación", "habilidades"},
}
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str:
    """The Tesseract language code of a text: eng unless another language clearly dominates."""
    counts: Counter[str] = Counter()
    for word in _WORD.findall(text.lower()):
        for lang, words in _STOPWORDS.items():
            if word in words:
                counts[lang] += 1
    best, hits = max(counts.items(), key=lambda item: item[1], default=(ENGLISH, 0))
    if best != ENGLISH and hits >= 5 and hits >= 1.5 * counts[ENGLISH]:
        return best
    return ENGLISH


def tesseract_languages(lang: str) -> str:
    # English words are everywhere in resumes (tools, titles), so it stays in the mix.
    return lang if lang == ENGLISH else f"{lang}+{ENGLISH}"


def _noisy(image: Image.Image) -> bool:
    # Noise does not compress: a tenth of the page says as much as the whole, ten times cheaper.
    top, bottom = (round(image.height * share) for share in _STRIP)
    if bottom <= top:
        return False
    strip = image.crop((0, top, image.width, bottom))
    buffer = io.BytesIO()
    strip.save(buffer, format="PNG", compress_level=1)
    return buffer.tell() > _NOISY_BYTES_PER_PIXEL * strip.width * strip.height


# The 3x3 median as a sorting network of per-pixel minimums and maximums over the nine
# shifted copies of the page (19 exchanges; the median lands in slot 4). Same pixels as
# Pillow's MedianFilter(3) inside the border, in 0.05 s instead of 0.23 s for a 200 DPI
# page: Pillow sorts every pixel's nine values apart. Cheaper stand-ins (a 3x1 then 1x3
# median, a box or Gaussian blur, no filter) each cost 5-20 points on several fields of
# scan accuracy (seed 41).
_MEDIAN_OF_9 = (
    (1, 2), (4, 5), (7, 8), (0, 1), (3, 4), (6, 7), (1, 2), (4, 5), (7, 8), (0, 3),
    (5, 8), (4, 7), (3, 6), (1, 4), (2, 5), (4, 7), (4, 2), (6, 4), (4, 2),
)  # fmt: skip


def median_filter(image: Image.Image) -> Image.Image:
    """The 3x3 median of a grey image (its outermost pixels wrap around: page margins)."""
    slots = [ImageChops.offset(image, dx, dy) for dy in (-1, 0, 1) for dx in (-1, 0, 1)]
    for low, high in _MEDIAN_OF_9:
        first, second = slots[low], slots[high]
        slots[low], slots[high] = ImageChops.darker(first, second), ImageChops.lighter(first, second)
    return slots[4]


class _PageFile:
    """A page image as a file Tesseract can open, in memory and gone once closed."""

    def __init__(self, image: Image.Image) -> None:
        try:
            self.fd = os.memfd_create("ocr-page", os.MFD_CLOEXEC)
        except (AttributeError, OSError):  # not Linux: an unlinked temporary file instead
            with tempfile.TemporaryFile() as stream:
                self.fd = os.dup(stream.fileno())
        with open(self.fd, "wb", closefd=False) as stream:
            image.save(stream, format="BMP")
        self.path = f"/dev/fd/{self.fd}"

    def close(self) -> None:
        os.close(self.fd)


def ocr_file(
    page: _PageFile,
    *,
    dpi: int,
    lang: str,
    budget: Budget,
    alone: bool = False,
    psm: int | None = None,
) -> str:
    """Tesseract's TSV for one page image (or one line of it: ``psm`` 7), killed when the
    job's wall clock runs out.

    The page is read in ``lang`` with English (``tesseract_languages``), or ``alone``.
    """
    timeout = budget.remaining()
    if timeout <= 0:
        raise ExtractionFailed("timeout: no time left for OCR")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    command = [TESSERACT, page.path, "stdout", "--dpi", str(dpi), "-l", lang if alone else tesseract_languages(lang)]
    if psm is not None:
        command += ["--psm", str(psm)]
    command += ["tsv"]
    try:
        done = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            env=env,
            check=False,
            pass_fds=(page.fd,),
        )
    except FileNotFoundError as exc:
        raise ExtractionFailed("ocr_unavailable: the tesseract program is not installed") from exc
    except subprocess.TimeoutExpired as exc:
        raise ExtractionFailed(f"timeout: OCR of a page took longer than {timeout:.0f} s") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ExtractionFailed(f"ocr_failed: tesseract exited with {done.returncode}: {message[-1] if message else ''}")
    return done.stdout.decode("utf-8", "replace")


def tsv_lines(tsv: str) -> list[list[Word]]:
    """Tesseract's words grouped by block, paragraph and line, in image pixels."""
    lines: dict[tuple[str, str, str, str], list[Word]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) != 12 or cells[0] != "5" or not cells[11].strip():
            continue
        try:
            left, top, width, height = (int(cells[i]) for i in (6, 7, 8, 9))
            conf = float(cells[10])
        except ValueError:
            continue
        word = Word(cells[11], left, top, width, height, conf)
        lines.setdefault((cells[1], cells[2], cells[3], cells[4]), []).append(word)
    return list(lines.values())


def line_boxes(lines: list[list[Word]], *, scale: float, width: int) -> list[Box]:
    """One box per Tesseract line, or per part of a line cut at a wide gap, in points
    (pixels divided by ``scale``); ``width`` is the page image's, in pixels.

    The words are levelled and repaired first (ocr_words.py); a line with no letter or
    digit (a rule, a bullet, speckle read as punctuation) is noise and is dropped.
    """
    straighten(lines, width)
    boxes = []
    for line in lines:
        for words in _split_at_gaps(repair_line(line)):
            box = _box(words, scale)
            if box is not None:
                boxes.append(box)
    return boxes


# Tesseract puts words far apart on one line when they share a baseline: a name and the
# contact details right-aligned beside it, a job and its dates. A gap this many times the
# line's height is a column boundary, which the reading order then handles.
_GAP_HEIGHTS = 2.5


def _split_at_gaps(words: list[Word]) -> list[list[Word]]:
    """The line's words in Tesseract's order (right to left in Arabic), cut at wide gaps."""
    height = sorted(word.height for word in words)[len(words) // 2]
    groups = [[words[0]]]
    for word in words[1:]:
        last = groups[-1][-1]
        gap = max(word.left - last.right, last.left - word.right)
        if gap > _GAP_HEIGHTS * height:
            groups.append([word])
        else:
            groups[-1].append(word)
    return groups


def _box(words: list[Word], scale: float) -> Box | None:
    text = clean_text(" ".join(word.text for word in words))
    if not any(char.isalnum() for char in text):
        return None  # a rule, a bullet, speckle read as punctuation
    x0 = min(word.left for word in words)
    y0 = min(word.top for word in words)
    x1 = max(word.right for word in words)
    y1 = max(word.top + word.height for word in words)
    return Box(text=text, x0=x0 / scale, y0=y0 / scale, x1=x1 / scale, y1=y1 / scale)


# Reading a line again costs a Tesseract start (0.13 s in English, 0.23 s with a second
# language, against 0.5-0.8 s for a page): a page gets at most this many.
_MAX_REREADS = 2
# Margin around a line read again, as a share of its height: Tesseract wants some paper.
_REREAD_MARGIN = 0.25


def _reread_letter_spaced(image: Image.Image, lines: list[list[Word]], *, dpi: int, lang: str, budget: Budget) -> None:
    """Read again, alone, each run of large type that Tesseract read letter by letter.

    On its own a line of large type is read whole ("Goldberg", not "G oldb erg"): the
    pieces came from the large type sharing a Tesseract line with small type beside it.
    """
    body = body_height(lines)
    rereads = 0
    for line in lines:
        span = letter_spaced(line, body)
        if span is None:
            continue
        start, end = span
        words = _read_alone(image, line[start:end], dpi=dpi, lang=lang, budget=budget)
        if any(char.isalpha() for word in words for char in word.text):
            line[start:end] = words
        rereads += 1
        if rereads == _MAX_REREADS:
            return


def _read_alone(image: Image.Image, run: list[Word], *, dpi: int, lang: str, budget: Budget) -> list[Word]:
    """The words Tesseract reads in the run's part of the page, set as one line, in page pixels."""
    top = min(word.top for word in run)
    bottom = max(word.top + word.height for word in run)
    margin = round(_REREAD_MARGIN * (bottom - top))
    x0, y0 = max(0, min(word.left for word in run) - margin), max(0, top - margin)
    x1, y1 = min(image.width, max(word.right for word in run) + margin), min(image.height, bottom + margin)
    piece = _PageFile(image.crop((x0, y0, x1, y1)))
    try:
        tsv = ocr_file(piece, dpi=dpi, lang=lang, budget=budget, psm=7)
    finally:
        piece.close()
    return [Word(w.text, w.left + x0, w.top + y0, w.width, w.height) for words in tsv_lines(tsv) for w in words]


def _read_sheet(sheet: Image.Image, *, dpi: int, budget: Budget) -> list[list[Word]]:
    """Tesseract's lines of a sheet of address crops (ocr_addresses.py): English alone, as
    one block of lines (psm 6)."""
    page = _PageFile(sheet)
    try:
        return tsv_lines(ocr_file(page, dpi=dpi, lang=ENGLISH, budget=budget, alone=True, psm=6))
    finally:
        page.close()


def ocr_image(image: Image.Image, *, dpi: int, lang: str | None, budget: Budget) -> tuple[list[Box], str]:
    """OCR one grey page image; returns its boxes in points and the language used.

    With ``lang`` None the language is not known yet: read in English, and read
    again in the detected language alone when that is another one, the two readings
    merged. A known language other than English is read once, with English.
    """
    if _noisy(image):
        image = median_filter(image)
    page = _PageFile(image)
    try:
        lines = tsv_lines(ocr_file(page, dpi=dpi, lang=lang or ENGLISH, budget=budget))
        if lang is None:
            lang = detect_language(" ".join(word.text for words in lines for word in words))
            if lang != ENGLISH:
                english, lines = lines, tsv_lines(ocr_file(page, dpi=dpi, lang=lang, budget=budget, alone=True))
                merge_readings(english, lines)
    finally:
        page.close()
    _reread_letter_spaced(image, lines, dpi=dpi, lang=lang, budget=budget)
    reread_addresses(image, lines, dpi=dpi, read=lambda sheet, dpi: _read_sheet(sheet, dpi=dpi, budget=budget))
    return line_boxes(lines, scale=dpi / 72, width=image.width), lang
