"""Email and web addresses of a scanned page read again, cut out of the page, in one extra Tesseract call.

Tesseract misreads small print in addresses amid a page ("mail.examplie.com", "@" as "O",
"jerome_ legotf@") that it reads right once the words are on their own, enlarged. Every
run of words around an address it was unsure of is cropped, enlarged twice and stacked on
one white sheet, and the sheet is read once in English (addresses are ASCII; Tesseract
runs in process, ocr.py, so the call costs the reading of the sheet and no more). A word
read off the sheet replaces the page's words under it only when it is a whole address,
differs by more than letters Tesseract confuses anyway (o/0, l/1/I, s/5), has no capital
letter the page's reading lacks (addresses are written in lower case), and, where the page
read one whole address, Tesseract is surer of it off the sheet (seed 7: "mcdonald" read
"medonald" there).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image

from apps.ingestion.extraction.ocr_words import Word, repair_line

# A word that holds (a piece of) an address, not one that names a site in prose ("GitHub").
_HINT = re.compile(
    r"\w@|@\w|https?:|www\.|(?:linkedin|github|gitlab)\.|\w\.(?:com|net|org|io|de|fr|es|uk)\b", re.IGNORECASE
)
# An address Tesseract read on the page with this confidence or more is not read again:
# the misread ones measured 23-83 (seeds 41 and 53), most right ones 90 and up; skipping
# those left both seeds' scores as they were and spares most pages the call.
_SURE = 90.0
_ADDRESS = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/[\w./%~+-]*)?", re.ASCII
)
# Enlarged twice (seed 41: links 4 points better than the crops as they are, emails the same).
_SCALE = 2
# The crop's margin above and below, a share of the run's height: more takes in pieces of the
# next line on a skewed page; to the sides three times that.
_MARGIN = 0.15
# A run takes in the words beside an address closer than this share of its height (a label,
# the rest of an address Tesseract cut in two), never a separator.
_RUN_GAP = 0.6
# White between the crops on the sheet, a share of the tallest crop.
_PAD = 1.5
_CONFUSED = str.maketrans("0OIl1S5", "ooiiiss")


@dataclass(slots=True)
class _Run:
    line: int
    start: int
    end: int
    box: tuple[int, int, int, int] = (0, 0, 0, 0)
    top: int = 0  # of its crop on the sheet
    bottom: int = 0


# Reads a sheet (a grey image) at a DPI and returns Tesseract's lines of words on it.
ReadSheet = Callable[[Image.Image, int], list[list[Word]]]


def reread_addresses(image: Image.Image, lines: list[list[Word]], *, dpi: int, read: ReadSheet) -> None:
    """Put into ``lines``, in place, the addresses read again from a sheet of their crops."""
    runs = _address_runs(lines)
    if not runs:
        return
    crops = [_crop(image, lines[run.line][run.start : run.end], run) for run in runs]
    pad = round(_PAD * _SCALE * max(crop.height for crop in crops))
    width = max(crop.width for crop in crops) * _SCALE + 2 * pad
    sheet = Image.new("L", (width, sum(crop.height * _SCALE + pad for crop in crops) + pad), 255)
    y = pad
    for run, crop in zip(runs, crops, strict=True):
        sheet.paste(crop.resize((crop.width * _SCALE, crop.height * _SCALE), Image.Resampling.BICUBIC), (pad, y))
        run.top, run.bottom = y, y + crop.height * _SCALE
        y = run.bottom + pad
    found: list[list[Word]] = [[] for _ in runs]
    for words in read(sheet, dpi * _SCALE):
        for word in words:
            for run, out in zip(runs, found, strict=True):
                # Only the middle of a crop: its edges can hold pieces of the lines around it.
                quarter = (run.bottom - run.top) / 4
                if run.top + quarter <= word.top + word.height / 2 < run.bottom - quarter:
                    out.append(_on_page(word, run, pad))
                    break
    # From the end of the page: a run read again can change the number of words on its
    # line, and with it the place of the runs before it.
    for run, words in reversed(list(zip(runs, found, strict=True))):
        if words:
            lines[run.line][run.start : run.end] = _replaced(
                lines[run.line][run.start : run.end], repair_line(sorted(words, key=lambda w: w.left))
            )


def _address_runs(lines: list[list[Word]]) -> list[_Run]:
    runs = []
    for number, line in enumerate(lines):
        index = 0
        while index < len(line):
            if not _HINT.search(line[index].text):
                index += 1
                continue
            start = end = index
            height = line[index].height
            while start > 0 and _beside(line[start - 1], line[start], height):
                start -= 1
            while end + 1 < len(line) and _beside(line[end], line[end + 1], height):
                end += 1
            if min(word.conf for word in line[start : end + 1] if _HINT.search(word.text)) < _SURE:
                runs.append(_Run(number, start, end + 1))
            index = end + 1
    return runs


def _beside(first: Word, second: Word, height: int) -> bool:
    close = second.left - first.right < _RUN_GAP * height
    return close and not _separator(first.text) and not _separator(second.text)


def _separator(text: str) -> bool:
    # Bullets are still "+", "*", "«" here (ocr_words turns them into dots later).
    return not any(char.isalnum() for char in text) and "@" not in text and text not in {"_", "."}


def _crop(image: Image.Image, words: list[Word], run: _Run) -> Image.Image:
    margin = round(_MARGIN * max(word.height for word in words))
    run.box = (
        max(0, min(word.left for word in words) - 3 * margin),
        max(0, min(word.top for word in words) - margin),
        min(image.width, max(word.right for word in words) + 3 * margin),
        min(image.height, max(word.top + word.height for word in words) + margin),
    )
    return image.crop(run.box)


def _on_page(word: Word, run: _Run, pad: int) -> Word:
    left, top = run.box[0] + (word.left - pad) / _SCALE, run.box[1] + (word.top - run.top) / _SCALE
    return Word(word.text, round(left), round(top), round(word.width / _SCALE), round(word.height / _SCALE), word.conf)


def _capitals(text: str) -> int:
    return sum(char.isupper() for char in text)


def _replaced(old: list[Word], new: list[Word]) -> list[Word]:
    """The page's words of a run with each whole address read again put in for the words under it."""
    out = list(old)
    for word in new:
        core = word.text.strip(".,;:()<>[]'\"")
        if not (_ADDRESS.fullmatch(core) and ("@" in core or "/" in core or "www" in core)):
            continue
        under = [i for i, other in enumerate(out) if word.left <= other.left + other.width / 2 <= word.right]
        if not under:
            continue
        slack = 0.5 * word.height  # a longer reading of the page's words, not a piece of one
        if out[under[0]].left < word.left - slack or out[under[-1]].right > word.right + slack:
            continue
        if "".join(out[i].text for i in under).translate(_CONFUSED) == word.text.translate(_CONFUSED):
            continue  # the page's own reading had more context ("zoe", not "z0e")
        page = "".join(out[i].text for i in under).strip(".,;:()<>[]'\"")
        if len(under) == 1 and _ADDRESS.fullmatch(page) and word.conf <= out[under[0]].conf:
            continue  # an address on the page already, and Tesseract was surer of it there
        if _capitals(word.text) > sum(_capitals(out[i].text) for i in under):
            continue  # addresses are written in lower case: "g@southwestern.edu" read as "gQ@"
        out[under[0] : under[-1] + 1] = [word]
    return out
