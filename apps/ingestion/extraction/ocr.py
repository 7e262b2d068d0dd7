"""Tesseract OCR of one page image into positioned lines, and the choice of language.

Tesseract runs in this process through its C API (ctypes over libtesseract, the library
the tesseract program itself runs on: no pytesseract, nothing compiled): one engine per
language string, its models loaded on first use and kept for the life of the process
(the sandbox's warm child reads 500 files). Starting the program cost 0.08-0.15 s a
call, mostly loading the models, on every page and every extra read of its addresses
or letter-spaced names; measured in process: 0.968x against 1.097x bare Tesseract on
the shared scans, the same words read. The page goes in as grey bytes (no file) and
the word boxes come back as TSV; Tesseract's own deadline stops a page at the job's
wall clock, and the sandbox kills a child that hangs or crashes all the same. OpenMP
runs one thread (OMP_THREAD_LIMIT=1: 5x faster on two cores than its default threads).
A first pass reads English only (the 4-language model set costs 2.5x); when the
text turns out to be German, French or Spanish, that page is read again in that
language alone and the two readings are merged (ocr_words.merge_readings: what
"fra+eng" gives, for 1.0x a page instead of 1.4x); the rest of the document is read
once, in that language with English, from the start. Where the tenant expects its
resumes in German, French or Spanish (Limits.ocr_language), the first page is read once
in that language with English, like the later pages, unless its text turns out to be in
another language: 0.6-0.7x the work, but Tesseract's own mix of two models keeps fewer
accents than the merge (146 against 158 of 174 accented names, employers, titles and
schools read letter for letter on seeds 41 and 53), so it is a tenant's choice.
Portuguese, Italian, Dutch, Polish, Czech, Turkish and Romanian are told by their small
words like the other three. A page whose English reading is mostly doubt is in a script
the English model lacks (Cyrillic, Greek, Arabic, Hebrew, CJK, Devanagari, Thai): the line
it doubted most is read in each script's model, the surest wins (``_script_language``),
and the page is read in it as in any other language; English pages pay nothing for it.
"""

import atexit
import ctypes
import functools
import io
import os
import re
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

from PIL import Image, ImageChops, ImageFilter

from apps.ingestion.extraction.layout import Box, clean_text
from apps.ingestion.extraction.limits import Budget, ExtractionFailed
from apps.ingestion.extraction.ocr_addresses import reread_addresses
from apps.ingestion.extraction.ocr_words import (
    ADDRESS_HINT,
    Word,
    accents_apart,
    body_height,
    confidence,
    join_hyphen_wraps,
    letter_spaced,
    merge_readings,
    repair_line,
    straighten,
)

# The library the tesseract program runs on (Debian: libtesseract5).
LIBRARY = "libtesseract.so.5"
ENGLISH = "eng"
# A page whose middle strip takes more than this many bytes per pixel as a fast PNG is
# noisy (speckle from a photocopy, a photographed page) and gets a 3x3 median filter
# first. Measured on the degraded sample scan: word confidence 55 -> 87 and Tesseract
# 15% faster; clean scans measure 0.03-0.3 and skip the filter (and its ~50 ms).
_NOISY_BYTES_PER_PIXEL = 0.45
_STRIP = (0.4, 0.5)


# Short, frequent words that tell the installed Latin-script languages apart, none shared
# between two of them ("de", "la", "en", "a" are in several, and so in none).
_STOPWORDS = {
    "eng": {"and", "the", "of", "with", "for", "to", "in", "experience", "education", "skills", "at", "from"},
    "deu": {"und", "der", "die", "das", "mit", "für", "bei", "von", "seit", "berufserfahrung", "ausbildung", "im"},
    "fra": {"et", "le", "les", "des", "du", "pour", "avec", "au", "aux", "expérience", "formation", "compétences"},
    "spa": {"y", "el", "los", "las", "del", "para", "con", "por", "experiencia", "formación", "habilidades"},
    "por": {"do", "dos", "em", "com", "uma", "ao", "os", "pela", "pelo", "experiência", "formação", "competências"},
    "ita": {"il", "di", "della", "delle", "dei", "degli", "per", "nel", "nella", "gli", "che", "alla", "esperienza"},
    "nld": {"het", "van", "een", "voor", "met", "bij", "op", "zijn", "naar", "werkervaring", "opleiding"},
    "pol": {"w", "oraz", "dla", "się", "przy", "jako", "nad", "od", "pracy", "zawodowe", "doświadczenie"},
    "ces": {"se", "pro", "při", "je", "které", "že", "jsem", "zkušenosti", "vzdělání", "dovednosti", "pracovní"},
    "tur": {"ve", "bir", "için", "ile", "bu", "olarak", "çok", "deneyimi", "eğitim", "yetenekler", "iş"},
    "ron": {"și", "în", "cu", "pentru", "din", "ale", "unei", "unui", "sau", "experiență", "competențe"},
}
_WORD = re.compile(r"[^\W\d_]+")
# The models of the scripts the English model cannot read, by script: the first tells the
# script, the others are told apart from it in a second round. Bulgarian has no model of
# its own here: its letters are all Russian ones, which the Russian model reads.
_SCRIPTS = (
    ("rus", "ukr", "srp"),
    ("ell",),
    ("ara",),
    ("heb",),
    ("chi_sim", "jpn", "chi_tra"),
    ("kor",),
    ("hin",),
    ("tha",),
)
# Letters of one language of a script alone: where its model reads some of them on the
# line in words it is sure of (outside words with Latin letters, an email's "i" or "j"),
# and more than the other such models read of theirs, the page is in it (unsure, the
# Serbian model reads the Russian "ы" as one of its own letters). Confidence
# cannot tell the Cyrillic languages apart: the Ukrainian model read a Russian line surer
# than the Russian one. Chinese has none: simplified and traditional are told by confidence.
_OWN_LETTERS = {
    "ukr": "іїєґІЇЄҐ",
    "srp": "јљњћђџЈЉЊЋЂЏ",
    "jpn": "".join(map(chr, range(0x3041, 0x3100))),  # kana
}
# An English reading with this share of its lettered words below _DOUBT confidence is of
# another script. Measured on scans: English pages 0-4 %, other Latin languages 0-21 %,
# Cyrillic, Greek, Arabic, Hebrew, CJK, Devanagari and Thai 41-83 %.
_FOREIGN = 0.3
_DOUBT = 60.0
# Words read with at least this confidence count as read: the share of letters in them
# tells the right model (Thai's reads other scripts with a fair mean confidence, in
# words it is unsure of).
_SURE = 80.0


def detect_language(text: str, expected: str = ENGLISH) -> str:
    """The Tesseract language code of a text: ``expected`` unless another language clearly
    dominates."""
    counts: Counter[str] = Counter()
    for word in _WORD.findall(text.lower()):
        for lang, words in _STOPWORDS.items():
            if word in words:
                counts[lang] += 1
    best, hits = max(counts.items(), key=lambda item: item[1], default=(expected, 0))
    if best != expected and hits >= 5 and hits >= 1.5 * counts[expected]:
        return best
    return expected


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


# A page whose commonest grey is darker than this is on grey paper (a print of a tinted
# template scanned, a photocopy): there Tesseract's one threshold for the page falls
# between the dark type and the rest, and type set in light grey or colour goes with the
# paper (every faint line of a page whose body is grey under dark headings). Scanned
# white paper sits at 240-255 and is left alone, so ordinary scans read as before.
_GREY_PAPER = 235
# Its paper is estimated as the lightest 8x8 average within two blocks (16-23 pixels
# away): wider than a stroke of bold type, narrow enough to follow a tinted sidebar.
_PAPER_BLOCK, _PAPER_REACH = 8, 2
# Each pixel then reads this many times its depth under its paper, from white.
_DEPTH_GAIN = 3
# Where the median of the 5x5 blocks around is this much darker than the page's
# commonest grey, the page is a dark fill there, left as it is.
_DARK_FILL = 64


def whiten_grey_paper(image: Image.Image) -> Image.Image:
    """A page on grey paper with the paper made white, each pixel as dark as it is deep
    under the paper around it (times _DEPTH_GAIN); any other page as it is."""
    # Every fourth pixel each way tells the commonest grey as well, in 0.3 ms instead of 9.
    sample = image.resize((max(1, image.width // 4), max(1, image.height // 4)), Image.Resampling.NEAREST)
    histogram = sample.histogram()
    level = max(range(256), key=histogram.__getitem__)
    if level >= _GREY_PAPER:
        return image
    blocks = image.reduce(_PAPER_BLOCK)
    # The box maps the blocks back onto the pixels they average, partial edge blocks included.
    box = (0.0, 0.0, image.width / _PAPER_BLOCK, image.height / _PAPER_BLOCK)
    paper = _around(blocks, _PAPER_REACH, ImageChops.lighter).resize(image.size, Image.Resampling.BILINEAR, box=box)
    whitened = ImageChops.subtract(paper, image).point([max(0, 255 - _DEPTH_GAIN * value) for value in range(256)])
    # A fill far darker than the paper (a banner, light type on a dark colour) stays as it
    # was, with a margin: whitened, its type would turn into paper ringed with dark. Most
    # blocks around are dark there; around dark type, even bold, most are paper.
    fill = _around(blocks.filter(ImageFilter.MedianFilter(5)), 1, ImageChops.darker).point(
        [255 if value >= level - _DARK_FILL else 0 for value in range(256)]
    )
    return Image.composite(whitened, image, fill.resize(image.size, Image.Resampling.NEAREST, box=box))


def _around(image: Image.Image, reach: int, pick: Callable[[Image.Image, Image.Image], Image.Image]) -> Image.Image:
    """Each pixel's lightest (``pick`` ImageChops.lighter) or darkest neighbour up to
    ``reach`` pixels away across and down (the image's edges wrap around: page margins)."""
    across = image
    for dx in range(1, reach + 1):
        across = pick(across, pick(ImageChops.offset(image, dx, 0), ImageChops.offset(image, -dx, 0)))
    out = across
    for dy in range(1, reach + 1):
        out = pick(out, pick(ImageChops.offset(across, 0, dy), ImageChops.offset(across, 0, -dy)))
    return out


# Tesseract's C API (capi.h), from the library the tesseract program itself runs on:
# (name, result type, argument types).
_C = ctypes.c_char_p
_P = ctypes.c_void_p
_INT = ctypes.c_int
_FUNCTIONS: tuple[tuple[str, Any, list[Any]], ...] = (
    ("TessBaseAPICreate", _P, []),
    ("TessBaseAPIInit3", _INT, [_P, _C, _C]),
    ("TessBaseAPISetVariable", _INT, [_P, _C, _C]),
    ("TessBaseAPISetPageSegMode", None, [_P, _INT]),
    ("TessBaseAPISetImage", None, [_P, _C, _INT, _INT, _INT, _INT]),
    ("TessBaseAPISetSourceResolution", None, [_P, _INT]),
    ("TessBaseAPIRecognize", _INT, [_P, _P]),
    ("TessBaseAPIGetTsvText", _P, [_P, _INT]),
    ("TessBaseAPIClear", None, [_P]),
    ("TessBaseAPIEnd", None, [_P]),
    ("TessBaseAPIDelete", None, [_P]),
    ("TessDeleteText", None, [_P]),
    ("TessMonitorCreate", _P, []),
    ("TessMonitorSetDeadlineMSecs", None, [_P, _INT]),
    ("TessMonitorDelete", None, [_P]),
    ("TessVersion", ctypes.c_char_p, []),
)
_AUTO, _SINGLE_BLOCK, _SINGLE_LINE = 3, 6, 7  # page segmentation modes
_MAX_MSECS = 2**31 - 1


class _Engine:
    """Tesseract with the models of one language string loaded, kept for the process's life."""

    def __init__(self, api: ctypes.CDLL, languages: str) -> None:
        self.api = api
        self.handle = api.TessBaseAPICreate()
        if api.TessBaseAPIInit3(self.handle, None, languages.encode()) != 0:
            api.TessBaseAPIDelete(self.handle)
            raise ExtractionFailed(f"ocr_unavailable: Tesseract has no model for {languages}")
        # Its notes ("Detected 12 diacritics") would go to the sandbox's stderr.
        api.TessBaseAPISetVariable(self.handle, b"debug_file", os.devnull.encode())

    def tsv(self, image: Image.Image, *, dpi: int, psm: int, seconds: float) -> str:
        """Tesseract's TSV of a grey image, without its header line."""
        api, handle, pixels = self.api, self.handle, image.tobytes()
        api.TessBaseAPISetPageSegMode(handle, psm)
        api.TessBaseAPISetImage(handle, pixels, image.width, image.height, 1, image.width)
        api.TessBaseAPISetSourceResolution(handle, dpi)
        monitor = api.TessMonitorCreate()
        try:
            api.TessMonitorSetDeadlineMSecs(monitor, min(_MAX_MSECS, max(1, round(seconds * 1000))))
            if api.TessBaseAPIRecognize(handle, monitor) != 0:
                # Its deadline is the one way Tesseract stops short once the image is set.
                raise ExtractionFailed(f"timeout: OCR of a page took longer than {seconds:.0f} s")
            text = api.TessBaseAPIGetTsvText(handle, 0)
            try:
                return ctypes.string_at(text).decode("utf-8", "replace") if text else ""
            finally:
                api.TessDeleteText(text)
        finally:
            api.TessMonitorDelete(monitor)
            api.TessBaseAPIClear(handle)

    def close(self) -> None:
        self.api.TessBaseAPIEnd(self.handle)
        self.api.TessBaseAPIDelete(self.handle)


_engines: dict[str, _Engine] = {}
_engines_lock = threading.Lock()


@functools.cache
def _library() -> ctypes.CDLL:
    # libgomp reads its thread limit once, when it loads with libtesseract.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        api = ctypes.CDLL(LIBRARY)
    except OSError as exc:
        raise ExtractionFailed("ocr_unavailable: the Tesseract library is not installed") from exc
    for name, result, arguments in _FUNCTIONS:
        function = getattr(api, name)
        function.restype, function.argtypes = result, arguments
    return api


def library_version() -> str:
    """The version of the Tesseract library OCR runs on; ExtractionFailed when it is missing."""
    version: bytes = _library().TessVersion()
    return version.decode()


def _engine(languages: str) -> _Engine:
    engine = _engines.get(languages)
    if engine is None:
        engine = _engines[languages] = _Engine(_library(), languages)
    return engine


@atexit.register
def _close_engines() -> None:
    # Tesseract warns of "leaks" at exit for models still loaded.
    while _engines:
        _engines.popitem()[1].close()


def read_image(
    image: Image.Image, *, dpi: int, lang: str, budget: Budget, alone: bool = False, psm: int = _AUTO
) -> str:
    """Tesseract's TSV for a grey page image (or one line of it: ``psm`` 7), stopped when
    the job's wall clock runs out.

    The image is read in ``lang`` with English (``tesseract_languages``), or ``alone``.
    """
    timeout = budget.remaining()
    if timeout <= 0:
        raise ExtractionFailed("timeout: no time left for OCR")
    with _engines_lock:
        return _engine(lang if alone else tesseract_languages(lang)).tsv(image, dpi=dpi, psm=psm, seconds=timeout)


def _text(lines: list[list[Word]]) -> str:
    return " ".join(word.text for words in lines for word in words)


def tsv_lines(tsv: str) -> list[list[Word]]:
    """Tesseract's words grouped by block, paragraph and line, in image pixels."""
    lines: dict[tuple[str, str, str, str], list[Word]] = {}
    for row in tsv.splitlines():
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

    The words are levelled and repaired first, and a large name wrapped at its hyphen
    joined (ocr_words.py); a line with no letter or digit (a rule, a bullet, speckle read
    as punctuation) is noise and is dropped.
    """
    straighten(lines, width)
    groups = [words for line in lines for words in _split_at_gaps(repair_line(line))]
    boxes = []
    for words in join_hyphen_wraps(groups, body_height(lines)):
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


# Chinese and Japanese leave no space between words, and Tesseract cuts their lines into
# words of a character or two: these are joined again without one (CJK punctuation, kana,
# Han). Korean and Thai, which do space their words, keep Tesseract's spaces.
_UNSPACED = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _joined(words: list[Word]) -> str:
    text = words[0].text
    for word in words[1:]:
        unspaced = _UNSPACED.match(text[-1]) and _UNSPACED.match(word.text[0])
        text += word.text if unspaced else f" {word.text}"
    return text


def _box(words: list[Word], scale: float) -> Box | None:
    text = clean_text(_joined(words))
    if not any(char.isalnum() for char in text):
        return None  # a rule, a bullet, speckle read as punctuation
    x0 = min(word.left for word in words)
    y0 = min(word.top for word in words)
    x1 = max(word.right for word in words)
    y1 = max(word.top + word.height for word in words)
    return Box(text=text, x0=x0 / scale, y0=y0 / scale, x1=x1 / scale, y1=y1 / scale)


# A run read again costs only its own reading now that Tesseract runs in process (a name's
# line: 0.014 s in English, 0.026 s with a second language); a page gets at most this many.
_MAX_REREADS = 2
# Margin around a line read again, as a share of its height: Tesseract wants some paper.
_REREAD_MARGIN = 0.25
# Words Tesseract was this unsure of (0-100) and this many times taller than body type are
# two lines of small type read as one line of large type ("Address: Austin, TX" over "Tel:
# ..." beside a name, read "eat eh eee"), or large type misread ("Jér6me").
_UNSURE = 50.0
_TALL = 1.8


def _reread_runs(image: Image.Image, lines: list[list[Word]], *, dpi: int, lang: str, budget: Budget) -> None:
    """Read again, alone, each run of large type that Tesseract read letter by letter, and
    each run of tall words it was unsure of, in place.

    On its own a line of large type is read whole ("Goldberg", not "G oldb erg"): the
    pieces came from the large type sharing a Tesseract line with small type beside it.
    A tall unsure run is read as a block of lines, and kept when Tesseract is surer of it.
    """
    body = body_height(lines)
    rereads = 0
    for line in list(lines):
        if (span := letter_spaced(line, body)) is not None:
            start, end = span
            found = _read_alone(image, line[start:end], dpi=dpi, lang=lang, budget=budget)
            words = [word for words in found for word in words]
            if any(char.isalpha() for word in words for char in word.text):
                line[start:end] = words
        elif (span := _unsure_tall_run(line, body)) is not None:
            lines.extend(_reread_block(image, line, span, dpi=dpi, lang=lang, budget=budget))
        else:
            continue
        rereads += 1
        if rereads == _MAX_REREADS:
            return


def _reread_block(
    image: Image.Image, line: list[Word], span: tuple[int, int], *, dpi: int, lang: str, budget: Budget
) -> list[list[Word]]:
    """Put in ``line`` the first line read off the crop of ``line[start:end]`` as a block,
    when Tesseract is surer of its reading there and it differs by more than accents;
    returns the crop's other lines."""
    start, end = span
    run = line[start:end]
    found = _inside(run, _read_alone(image, run, dpi=dpi, lang=lang, budget=budget, psm=_SINGLE_BLOCK))
    read = [word for words in found for word in words]
    # Where it differs by accents only, the page's reading in its language is the right one.
    if not read or accents_apart(read, run) or confidence(read) <= confidence(run):
        return []
    line[start:end] = found[0]
    return found[1:]


def _unsure_tall_run(line: list[Word], body: float) -> tuple[int, int] | None:
    """The span ``line[start:end]`` of tall words around the first tall word with letters
    that Tesseract was unsure of, up to a gap wider than the words are tall. Not an email
    address or a link: those are read again in English (ocr_addresses.py), which the page's
    language would garble ("lukasz.wisniewskiG©example.pl" in Polish)."""
    tall = [word.height >= _TALL * body for word in line]
    for index, word in enumerate(line):
        if (
            tall[index]
            and word.conf < _UNSURE
            and any(char.isalnum() for char in word.text)
            and not ADDRESS_HINT.search(word.text)
        ):
            start, end = index, index + 1
            while start > 0 and tall[start - 1] and _close(line[start - 1], line[start]):
                start -= 1
            while end < len(line) and tall[end] and _close(line[end - 1], line[end]):
                end += 1
            return start, end
    return None


def _inside(run: list[Word], lines: list[list[Word]]) -> list[list[Word]]:
    """The lines read off a run's crop whose middle lies within the run: the crop's margins
    take in the edges of the lines above and below, which the page has read already."""
    top, bottom = min(word.top for word in run), max(word.top + word.height for word in run)
    return [words for words in lines if top <= sum(w.top + w.height / 2 for w in words) / len(words) <= bottom]


def _close(first: Word, second: Word) -> bool:
    return second.left - first.right < min(first.height, second.height)


def _read_alone(
    image: Image.Image,
    run: list[Word],
    *,
    dpi: int,
    lang: str,
    budget: Budget,
    psm: int = _SINGLE_LINE,
    alone: bool = False,
) -> list[list[Word]]:
    """The lines Tesseract reads in the run's part of the page, set as one line (or as a
    block: ``psm`` 6), in page pixels; in ``lang`` with English, or ``alone``."""
    top = min(word.top for word in run)
    bottom = max(word.top + word.height for word in run)
    margin = round(_REREAD_MARGIN * (bottom - top))
    x0, y0 = max(0, min(word.left for word in run) - margin), max(0, top - margin)
    x1, y1 = min(image.width, max(word.right for word in run) + margin), min(image.height, bottom + margin)
    tsv = read_image(image.crop((x0, y0, x1, y1)), dpi=dpi, lang=lang, budget=budget, alone=alone, psm=psm)
    return [
        [Word(w.text, w.left + x0, w.top + y0, w.width, w.height, w.conf) for w in words] for words in tsv_lines(tsv)
    ]


def _read_sheet(sheet: Image.Image, *, dpi: int, budget: Budget) -> list[list[Word]]:
    """Tesseract's lines of a sheet of address crops (ocr_addresses.py): English alone, as
    one block of lines (psm 6)."""
    return tsv_lines(read_image(sheet, dpi=dpi, lang=ENGLISH, budget=budget, alone=True, psm=_SINGLE_BLOCK))


def ocr_image(image: Image.Image, *, dpi: int, lang: str | None, budget: Budget) -> tuple[list[Box], str]:
    """OCR one grey page image; returns its boxes in points and the language used.

    A known language other than English is read once, with English; with ``lang`` None
    the language is told by the page itself (``_read_unknown``).
    """
    if _noisy(image):
        image = median_filter(image)
    image = whiten_grey_paper(image)
    if lang is None:
        lines, lang = _read_unknown(image, dpi=dpi, budget=budget)
    else:
        lines = tsv_lines(read_image(image, dpi=dpi, lang=lang, budget=budget))
    _reread_runs(image, lines, dpi=dpi, lang=lang, budget=budget)
    reread_addresses(image, lines, dpi=dpi, read=lambda sheet, dpi: _read_sheet(sheet, dpi=dpi, budget=budget))
    return line_boxes(lines, scale=dpi / 72, width=image.width), lang


def _read_unknown(image: Image.Image, *, dpi: int, budget: Budget) -> tuple[list[list[Word]], str]:
    """The lines of a page in a language not known yet, and that language.

    Read in English, and again in the detected language alone when that is another one,
    the two readings merged. Where resumes are expected in a language other than English
    (Limits.ocr_language, a tenant's setting), the page is read once in it with English
    first, and that reading is kept unless its text is clearly in another language.
    """
    expected = budget.limits.ocr_language
    if expected not in ("", ENGLISH):
        lines = tsv_lines(read_image(image, dpi=dpi, lang=expected, budget=budget))
        if detect_language(_text(lines), expected) == expected:
            return lines, expected
    # Nothing expected, or not this language: read as if nothing were, to the same result.
    lines = tsv_lines(read_image(image, dpi=dpi, lang=ENGLISH, budget=budget))
    lang = detect_language(_text(lines))
    if lang == ENGLISH and _foreign(lines):
        lang = _script_language(image, lines, dpi=dpi, budget=budget)
    if lang != ENGLISH:
        english, lines = lines, tsv_lines(read_image(image, dpi=dpi, lang=lang, budget=budget, alone=True))
        merge_readings(english, lines)
    return lines, lang


def _doubted(words: list[Word]) -> int:
    return sum(word.conf < _DOUBT and any(char.isalpha() for char in word.text) for word in words)


def _doubted_prose(words: list[Word]) -> int:
    """The words of a line its reading doubted, none on a line with an address: the line
    with the most tells the script (an email's line has Latin letters whatever the page's
    script, and the pieces of an email Tesseract cut apart are doubted too)."""
    return 0 if any(ADDRESS_HINT.search(word.text) for word in words) else _doubted(words)


def _foreign(lines: list[list[Word]]) -> bool:
    """Whether the English reading of a page is mostly doubt: a script the model lacks."""
    lettered = sum(any(char.isalpha() for char in word.text) for words in lines for word in words)
    return lettered > 0 and sum(_doubted(words) for words in lines) >= _FOREIGN * lettered


def _sure_share(words: list[Word]) -> float:
    letters = sum(len(word.text) for word in words)
    return sum(len(word.text) for word in words if word.conf >= _SURE) / letters if letters else 0.0


def _script_language(image: Image.Image, lines: list[list[Word]], *, dpi: int, budget: Budget) -> str:
    """The model that reads best the line the English model doubted most: the first model
    of each script, then the others of the winner's script; English when none beats it.

    One line, read alone as a block (as one line, psm 7, Korean lost to Chinese), costs
    0.1-0.3 s a model. Tesseract's own script detection (psm 0) took 0.8-1.3 s a page and
    named Latin for Chinese, Hebrew and Hindi scans; the contest by mean confidence
    crowned Thai, whose model reads other scripts in unsure but long words, on two pages.
    """
    line = max(lines, key=_doubted_prose)

    def read(lang: str) -> list[Word]:
        found = _read_alone(image, line, dpi=dpi, lang=lang, budget=budget, alone=True, psm=_SINGLE_BLOCK)
        return [word for words in found for word in words]

    scores = {ENGLISH: _sure_share(line)} | {models[0]: _sure_share(read(models[0])) for models in _SCRIPTS}
    first = max(scores, key=scores.__getitem__)
    own: dict[str, int] = {}
    for lang in next((models[1:] for models in _SCRIPTS if models[0] == first), ()):
        words = read(lang)
        if lang in _OWN_LETTERS:
            own[lang] = _own_letters(words, _OWN_LETTERS[lang])
        else:
            scores[lang] = _sure_share(words)
    # The most letters of their own: the Ukrainian model reads the Serbian je as a dotted i
    # now and then.
    lang, count = max(own.items(), key=lambda item: item[1], default=(ENGLISH, 0))
    return lang if count else max(scores, key=scores.__getitem__)


_LATIN = re.compile(r"[a-zA-Z]")


def _own_letters(words: list[Word], letters: str) -> int:
    sure = [word for word in words if word.conf >= _SURE and not _LATIN.search(word.text)]
    return sum(char in letters for word in sure for char in word.text)
