"""Tesseract OCR of one page image into positioned lines, and the choice of language.

Tesseract is called directly (no pytesseract, whose PNG temp files cost time): the
page goes in as an uncompressed BMP in an anonymous in-memory file (memfd) handed
over as /dev/fd/N, and the word boxes come back as TSV on stdout. Nothing touches
the disk or outlives a killed process, and it costs no more than Tesseract reading
a PNG file (a PNG on stdin measured ~85 ms more per page). The call runs with
OMP_THREAD_LIMIT=1, measured 5x faster on two cores than its default OpenMP threads.
A first pass reads English only (the 4-language model set costs 2.5x); when the
text turns out to be German, French or Spanish, that page is read again with that
language and the rest of the document uses it from the start.
"""

import io
import os
import re
import subprocess
import tempfile
from collections import Counter

from PIL import Image, ImageFilter

from apps.ingestion.extraction.layout import Box, clean_text
from apps.ingestion.extraction.limits import Budget, ExtractionFailed

TESSERACT = os.environ.get("TESSERACT_CMD", "tesseract")
ENGLISH = "eng"
# A page whose middle strip takes more than this many bytes per pixel as a fast PNG is
# noisy (speckle from a photocopy, a photographed page) and gets a 3x3 median filter
# first. Measured on the degraded sample scan: word confidence 55 -> 87 and Tesseract
# 15% faster; clean scans measure 0.03-0.3 and skip the filter (and its ~100 ms).
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


def ocr_file(page: _PageFile, *, dpi: int, lang: str, budget: Budget) -> str:
    """Tesseract's TSV for one page image, killed when the job's wall clock runs out."""
    timeout = budget.remaining()
    if timeout <= 0:
        raise ExtractionFailed("timeout: no time left for OCR")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    command = [TESSERACT, page.path, "stdout", "--dpi", str(dpi), "-l", tesseract_languages(lang), "tsv"]
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


def tsv_boxes(tsv: str, *, scale: float) -> list[Box]:
    """One box per Tesseract line, or per part of a line cut at a wide gap, in points
    (pixels divided by ``scale``).

    Words come grouped by block, paragraph and line; a line with no letter or digit
    (a rule, a bullet, speckle read as punctuation) is noise and is dropped.
    """
    lines: dict[tuple[str, str, str, str], list[tuple[str, int, int, int, int]]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) != 12 or cells[0] != "5" or not cells[11].strip():
            continue
        try:
            left, top, width, height = (int(cells[i]) for i in (6, 7, 8, 9))
        except ValueError:
            continue
        lines.setdefault((cells[1], cells[2], cells[3], cells[4]), []).append((cells[11], left, top, width, height))
    boxes = []
    for line in lines.values():
        for words in _split_at_gaps(line):
            box = _box(words, scale)
            if box is not None:
                boxes.append(box)
    return boxes


# Tesseract puts words far apart on one line when they share a baseline: a name and the
# contact details right-aligned beside it, a job and its dates. A gap this many times the
# line's height is a column boundary, which the reading order then handles.
_GAP_HEIGHTS = 2.5


def _split_at_gaps(words: list[tuple[str, int, int, int, int]]) -> list[list[tuple[str, int, int, int, int]]]:
    """The line's words in Tesseract's order (right to left in Arabic), cut at wide gaps."""
    height = sorted(word[4] for word in words)[len(words) // 2]
    groups = [[words[0]]]
    for word in words[1:]:
        _, left, _, width, _ = groups[-1][-1]
        gap = max(word[1] - (left + width), left - (word[1] + word[3]))
        if gap > _GAP_HEIGHTS * height:
            groups.append([word])
        else:
            groups[-1].append(word)
    return groups


def _box(words: list[tuple[str, int, int, int, int]], scale: float) -> Box | None:
    text = clean_text(" ".join(word for word, *_ in words))
    if not any(char.isalnum() for char in text):
        return None  # a rule, a bullet, speckle read as punctuation
    x0 = min(left for _, left, _, _, _ in words)
    y0 = min(top for _, _, top, _, _ in words)
    x1 = max(left + width for _, left, _, width, _ in words)
    y1 = max(top + height for _, _, top, _, height in words)
    return Box(text=text, x0=x0 / scale, y0=y0 / scale, x1=x1 / scale, y1=y1 / scale)


def ocr_image(image: Image.Image, *, dpi: int, lang: str | None, budget: Budget) -> tuple[list[Box], str]:
    """OCR one grey page image; returns its boxes in points and the language used.

    With ``lang`` None the language is not known yet: read in English, and read
    again in the detected language when that is another one.
    """
    if _noisy(image):
        image = image.filter(ImageFilter.MedianFilter(3))
    scale = dpi / 72
    page = _PageFile(image)
    try:
        boxes = tsv_boxes(ocr_file(page, dpi=dpi, lang=lang or ENGLISH, budget=budget), scale=scale)
        if lang is None:
            lang = detect_language(" ".join(box.text for box in boxes))
            if lang != ENGLISH:
                boxes = tsv_boxes(ocr_file(page, dpi=dpi, lang=lang, budget=budget), scale=scale)
    finally:
        page.close()
    return boxes, lang
