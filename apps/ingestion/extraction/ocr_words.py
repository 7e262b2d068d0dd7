"""Repairs to the words Tesseract reads off a scan, told from their boxes before they become lines.

Tesseract reads most words of a scan right but trips on a few things that the geometry of
its own word boxes, or the words around, give away:

- bullets and middle dots come back as "+", "*", "«", "°", "©", ":" and the like: a lone
  mark the size and shape of a dot is a dot, and becomes "•" (a separator to the parser);
- large type on a line shared with small type (a name beside contact details) comes back
  letter-spaced ("G oldb erg"): ``letter_spaced`` finds it, for ocr.py to read again alone;
- an email or web address gets a space at an "@", a dot or an underscore ("giorgos.
  papadopoulos@", "www .linkedin.com", "jesus_ iglesias@"), an "l" in it becomes "|", and
  the slashes and ".com" of a profile link come back as letters ("linkedin.comvin/",
  "github.cam/");
- a name in large type wrapped at its hyphen ("Amelie Dubois-" over "Martin") comes back
  as two lines, each beside a line of the contact details: ``join_hyphen_wraps`` joins it;
- a US state code whose capitals are its small letters enlarged comes back in lower case
  ("Denver, co").

And a page scanned a degree or two askew has its word boxes turned back level (the skew
measured from Tesseract's own lines), so that a date at the right margin stays on the row
of the entry it belongs to; and two readings of one page, in English and in the page's own
language, are merged word group by word group (``merge_readings``).
"""

import math
import re
import unicodedata
from dataclasses import dataclass


@dataclass(slots=True)
class Word:
    """One word of a Tesseract line, in image pixels."""

    text: str
    left: int
    top: int
    width: int
    height: int
    # Tesseract's confidence in the word, 0-100 (-1 when it gives none).
    conf: float = -1.0

    @property
    def right(self) -> int:
        return self.left + self.width


# Lines shorter than this share of the page width say too little about its skew, and
# fewer than this many lines too little about the page's.
_SKEW_MIN_SPAN = 0.25
_SKEW_MIN_LINES = 3
_SKEW_MIN, _SKEW_MAX = math.radians(0.1), math.radians(10)


def straighten(lines: list[list[Word]], width: int) -> None:
    """Turn the words of a skewed page back level, in place, about the page's top-left corner.

    The skew is the median slope of the lines wide enough to measure it, from the foot of
    their first word to the foot of their last (feet share the baseline even when the type
    sizes differ); a page that is level, or turned further than a scanner's skew, is left alone.
    """
    slopes = []
    for words in lines:
        first, last = words[0], words[-1]
        span = _centre_x(last) - _centre_x(first)
        if span >= _SKEW_MIN_SPAN * width:
            slopes.append((_foot(last) - _foot(first)) / span)
    if len(slopes) < _SKEW_MIN_LINES:
        return
    angle = math.atan(_median(slopes))
    if not _SKEW_MIN <= abs(angle) <= _SKEW_MAX:
        return
    cos, sin = math.cos(angle), math.sin(angle)
    for words in lines:
        for word in words:
            x, y = _centre_x(word), word.top + word.height / 2
            word.left = round(x * cos + y * sin - word.width / 2)
            word.top = round(y * cos - x * sin - word.height / 2)


def _centre_x(word: Word) -> float:
    return word.left + word.width / 2


def _foot(word: Word) -> int:
    return word.top + word.height


def repair_line(words: list[Word]) -> list[Word]:
    """The words of one Tesseract line with its dots restored, its addresses rejoined and
    its state codes in capitals."""
    if not words:
        return words
    return _state_codes(_join_addresses(_restore_dots(words)))


# US state codes whose capitals are their small letters enlarged: Tesseract reads them in
# lower case ("Denver, co") when they close a place.
_SMALL_CAPITALS = {"co", "sc", "wv"}


def _state_codes(words: list[Word]) -> list[Word]:
    out = list(words)
    for index in range(1, len(out)):
        before, word = out[index - 1].text, out[index]
        last = index + 1 == len(out) or not _has_letter(out[index + 1].text)
        if word.text in _SMALL_CAPITALS and before[:1].isupper() and before.endswith(",") and last:
            out[index] = Word(word.text.upper(), word.left, word.top, word.width, word.height, word.conf)
    return out


# A dot (bullet, middle dot) is at most this share of the line's word height and at least
# a tenth of it (smaller marks are speckle); a period sits lower, in the bottom fifth.
_DOT_MAX, _DOT_MIN, _DOT_MAX_ASPECT = 0.42, 0.1, 1.6
_PERIOD_BELOW = 0.85
DOT = "•"


def _restore_dots(words: list[Word]) -> list[Word]:
    lettered = [word for word in words if _has_alnum(word.text)]
    if not lettered:
        return words
    height = _median([word.height for word in lettered])
    out = []
    for index, word in enumerate(words):
        if _is_dot(word, height) and not _below_middle(word, _neighbour(words, index)):
            word = Word(DOT, word.left, word.top, word.width, word.height)
        out.append(word)
    return out


def _is_dot(word: Word, height: float) -> bool:
    if len(word.text) > 2 or _has_alnum(word.text):
        return False
    small = all(_DOT_MIN * height <= side <= _DOT_MAX * height for side in (word.width, word.height))
    return small and max(word.width, word.height) <= _DOT_MAX_ASPECT * min(word.width, word.height)


def _neighbour(words: list[Word], index: int) -> Word | None:
    """The next lettered word after ``words[index]``, else the one before: on a skewed
    line only a close word says where the baseline is."""
    after = next((word for word in words[index + 1 :] if _has_alnum(word.text)), None)
    before = next((word for word in reversed(words[:index]) if _has_alnum(word.text)), None)
    return after or before


def _below_middle(word: Word, neighbour: Word | None) -> bool:
    if neighbour is None:
        return False
    centre = word.top + word.height / 2
    return centre > neighbour.top + _PERIOD_BELOW * neighbour.height


# Type this many times the page's median word height is large (a name, not a heading).
_LARGE = 1.5
# Letter-spaced pieces sit closer than this share of their height; a run of large type
# ends at a gap wider than its height.
_PIECE_GAP = 0.5


def letter_spaced(words: list[Word], body: float) -> tuple[int, int] | None:
    """The span ``words[start:end]`` of large type that Tesseract read letter by letter.

    It shows as a lone letter of large type right beside another piece of large type
    ("G oldb erg", "N u r A i sya h"); the span runs on over the large words around it.
    """
    large = [_has_letter(word.text) and word.height >= _LARGE * body for word in words]
    for index in range(len(words) - 1):
        first, second = words[index], words[index + 1]
        lone = len(first.text) == 1 or len(second.text) == 1
        if lone and large[index] and large[index + 1] and _gap(first, second) < _PIECE_GAP * first.height:
            height = max(first.height, second.height)
            start, end = index, index + 2
            while start > 0 and _same_run(words[start - 1], words[start], height):
                start -= 1
            while end < len(words) and _same_run(words[end - 1], words[end], height):
                end += 1
            return start, end
    return None


def _same_run(first: Word, second: Word, height: int) -> bool:
    return _gap(first, second) < height and min(first.height, second.height) >= 0.6 * height


def _gap(first: Word, second: Word) -> int:
    return second.left - first.right


def join_hyphen_wraps(groups: list[list[Word]], body: float) -> list[list[Word]]:
    """The groups of words of a page (lines, or their parts cut at wide gaps) with each
    large-type group ending in a hyphen joined to the one or two large words right below
    its start ("Amelie Dubois-" over "Martin": a name wrapped in a narrow header, whose
    halves Tesseract reads on the lines of the contact details beside them)."""
    out = list(groups)
    for first in out:
        last = first[-1]
        if not (len(last.text) > 1 and last.text.endswith("-") and _has_letter(last.text)):
            continue
        if any(word.height < _LARGE * body for word in first):
            continue  # body type: a word hyphenated at the end of a line of prose
        below = next((group for group in out if _wrapped_below(first, group)), None)
        if below is not None:
            out.remove(below)
            first[-1] = _stacked(last, below[0])
            first.extend(below[1:])
    return out


def _stacked(upper: Word, lower: Word) -> Word:
    """One word of the text of two, one above the other, in a box around both."""
    left, top = min(upper.left, lower.left), min(upper.top, lower.top)
    right, bottom = max(upper.right, lower.right), max(upper.top + upper.height, lower.top + lower.height)
    return Word(upper.text + lower.text, left, top, right - left, bottom - top, min(upper.conf, lower.conf))


def _wrapped_below(first: list[Word], second: list[Word]) -> bool:
    height = first[-1].height
    head = second[0]
    gap = head.top - max(word.top + word.height for word in first)
    return (
        len(second) <= 2
        and head.text[:1].isupper()
        and abs(head.left - first[0].left) < 0.5 * height
        and -0.25 * height <= gap < 0.5 * height
        and all(word.height >= 0.8 * height for word in second)
    )


def body_height(lines: list[list[Word]]) -> float:
    """The median height of the page's words: its body type."""
    return _median([word.height for words in lines for word in words] or [0])


# An address split at a dot or "@" is rejoined only across a gap this share of the word
# height (real spaces measured 0.32 and up, mostly 0.4-0.6).
_ADDRESS_GAP = 0.35
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)
# A web address worth rejoining says so: a scheme, "www." or a path ("python. django" is prose).
_WEB = re.compile(r"(?:https?://|www\.)[\w-]+(?:\.[\w-]+)+(?:/\S*)?|[\w-]+(?:\.[\w-]+)+/\S*", re.ASCII | re.I)
_LOCAL_PART = re.compile(r"[a-z0-9._+-]+\.?", re.ASCII)
ADDRESS_HINT = re.compile(r"@|://|^www\.", re.IGNORECASE)
_ADDRESS_WORD = re.compile(r"@|://|www\.|linkedin\.|github\.|gitlab\.", re.IGNORECASE)


def _join_addresses(words: list[Word]) -> list[Word]:
    out = [_address_letters(words[0])]
    for word in words[1:]:
        word = _address_letters(word)
        last = out[-1]
        close = word.left - last.right < _ADDRESS_GAP * max(last.height, word.height)
        if close and _splits_an_address(last.text, word.text):
            out[-1] = _address_letters(_joined(last, word))
        else:
            out.append(word)
    return out


def _splits_an_address(left: str, right: str) -> bool:
    """Whether "left right" is one email or web address that Tesseract cut at its "@", a dot or an underscore."""
    if not (left.endswith((".", "@", "_")) or right.startswith((".", "@", "_"))):
        return False
    if not _LOCAL_PART.fullmatch(left):
        return False  # "Inc." or "Boston." before an address ends a sentence
    joined = (left + right).rstrip(".,;")
    return bool(_EMAIL.fullmatch(joined) or _WEB.fullmatch(joined))


def _address_letters(word: Word) -> Word:
    """An "l" in an address read as "|", which no address holds ("|.banerjee@..."); a "|"
    between two parts with dots in both is a separator ("x.com|https://y.org") and stays.
    And a zero read as "O" in a lower-case address ("-Oaace6"), and the misread slashes
    and ".com" of a link (``_link_marks``)."""
    text = _link_marks(_zeros(word.text))
    if "|" in text and ADDRESS_HINT.search(text):
        parts = text.split("|")
        if sum("." in part for part in parts) <= 1:
            text = "l".join(parts)
    if text == word.text:
        return word
    return Word(text, word.left, word.top, word.width, word.height, word.conf)


# Misreadings of the marks around a profile host seen on the generated scans (seeds 7, 41
# and 53), each with what was printed: "https:/inkedin.com" (the "/l" read as one slash),
# "linkedin.comvin/", "linkedin.com/ir/", "linkedin.com/inflan..." (the "/" of "/in/" read
# as "v", "f" or "n" as "r"), "github.comV/" and "github.cam/". LinkedIn's profiles all
# sit under "/in/"; ".cam", a real but rare domain, is not worth the doubt on a scan.
_ONE_SLASH = re.compile(r"\b(https?:)/(?=inkedin\.)")
_LINK_MARKS = (
    (re.compile(r"(?<=\.)cam(?=$|[/,;:)]|\.$)"), "com"),
    (re.compile(r"(?<=\blinkedin\.com)(?:/|[vV]/?)(?:in|ir|jn|ln)(?:/|f(?=\w))"), "/in/"),
    (re.compile(r"(?<=\b(?:github|gitlab)\.com)[vV]/"), "/"),
)


def _link_marks(text: str) -> str:
    text = _ONE_SLASH.sub(r"\1//l", text)
    if _ADDRESS_WORD.search(text):
        for pattern, printed in _LINK_MARKS:
            text = pattern.sub(printed, text)
    return text


_SEGMENT = re.compile(r"[^./@_-]+")


def _zeros(text: str) -> str:
    """In an address whose other letters are all lower case, an "I" is an "l"
    ("Isharma@") and an "O" a zero when a digit shares its part (between dots, slashes,
    hyphens): "ainhoa-iglesiasortega-Oaace6"."""
    if not ("O" in text or "I" in text) or not _ADDRESS_WORD.search(text):
        return text
    if any(c.isupper() for c in text.replace("O", "").replace("I", "")):
        return text
    text = text.replace("I", "l")
    return _SEGMENT.sub(lambda m: m[0].replace("O", "0") if any(c.isdigit() for c in m[0]) else m[0], text)


def _joined(first: Word, second: Word) -> Word:
    top = min(first.top, second.top)
    bottom = max(first.top + first.height, second.top + second.height)
    conf = min(first.conf, second.conf)
    return Word(first.text + second.text, first.left, top, second.right - first.left, bottom - top, conf)


def _has_alnum(text: str) -> bool:
    return any(char.isalnum() for char in text)


def _has_letter(text: str) -> bool:
    return any(char.isalpha() for char in text)


def _median(values: list[int] | list[float]) -> float:
    ordered = sorted(values)
    return float(ordered[len(ordered) // 2])


def merge_readings(english: list[list[Word]], native: list[list[Word]]) -> None:
    """Put into the native reading, in place, the English reading of each group of words
    that Tesseract was surer of in English and that differs by more than accents.

    A page in French, Spanish or German is read twice: in English first (to tell its
    language) and then in that language alone. That makes what Tesseract's own "fra+eng"
    does per word (English words, addresses and icons read by the English model), from the
    English reading already at hand, for the cost of a one-language read (measured: "fra+eng"
    costs 1.4x "fra"; "fra" alone garbled English names, "University of Hlinois", and
    e-mail addresses). A group is the native words of one line that share English words
    (one word read as two, two as one). The English model has no accented letter but "é":
    when the two differ by accents only, the native reading is the right one. An email
    address or a link read in English is kept, whatever the other model's confidence,
    where the other model read no address there.
    """
    pool = [word for line in english for word in line]
    taken = [False] * len(pool)
    for number, line in enumerate(native):
        top = min(word.top for word in line)
        bottom = max(word.top + word.height for word in line)
        near = [i for i, other in enumerate(pool) if other.top < bottom and other.top + other.height > top]
        groups: list[tuple[list[Word], list[int]]] = []
        for word in line:
            hits = [i for i in near if not taken[i] and _same_place(word, pool[i])]
            if groups and hits and not set(hits).isdisjoint(groups[-1][1]):
                groups[-1][0].append(word)
                groups[-1][1].extend(i for i in hits if i not in groups[-1][1])
            else:
                groups.append(([word], hits))
        merged: list[Word] = []
        for words, hits in groups:
            theirs = sorted((pool[i] for i in hits), key=lambda word: word.left)
            for i in hits:
                taken[i] = True
            better = bool(theirs) and (
                (_address(theirs) and not _address(words))
                or (not accents_apart(theirs, words) and confidence(theirs) > confidence(words))
            )
            merged += theirs if better else words
        native[number] = merged


def _address(words: list[Word]) -> bool:
    """An email address or a link in plain ASCII: other models than English misread them
    however sure they are (Polish reads "@" as "G")."""
    return any(word.text.isascii() and ADDRESS_HINT.search(word.text) for word in words)


def _same_place(first: Word, second: Word) -> bool:
    """Whether two words read by different models are (part of) the same printed word."""
    overlap = min(first.right, second.right) - max(first.left, second.left)
    if overlap <= 0.3 * min(first.width, second.width):
        return False
    first_middle, second_middle = first.top + first.height / 2, second.top + second.height / 2
    # Both ways: a word in large type spans the middle of the small words of the next line.
    return first.top <= second_middle <= _foot(first) and second.top <= first_middle <= _foot(second)


# Letters with no decomposition into a base letter and an accent (dotless i, ł, ø...),
# and the English model's reading of them.
_BASE_LETTERS = str.maketrans({"\u0131": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})


def accents_apart(first: list[Word], second: list[Word]) -> bool:
    """Whether two readings of the same words are the same but for accents."""
    return _folded(first) == _folded(second)


def _folded(words: list[Word]) -> str:
    text = unicodedata.normalize("NFKD", "".join(word.text for word in words)).translate(_BASE_LETTERS)
    return "".join(char for char in text if not unicodedata.combining(char))


def confidence(words: list[Word]) -> float:
    """Tesseract's confidence in the words, weighted by their length."""
    letters = sum(len(word.text) for word in words) or 1
    return sum(word.conf * len(word.text) for word in words) / letters
