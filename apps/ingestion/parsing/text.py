"""Text normalization shared by the field parsers: clean lines, fold for comparison."""

import re
import unicodedata

from .memo import memoized

# Dash-like characters that resumes use between dates or as separators. The soft
# hyphen is here because LaTeX templates (Awesome-CV) print it as the range dash.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad\ufe58\ufe63\uff0d"
_DASH_RE = re.compile(f"[{_DASHES}]")
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
# Icon fonts (FontAwesome and friends) land in the Private Use Area; they carry no text.
_ICON_RE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\ufffd\u25a1]")
_BULLET_RE = re.compile(
    r"^\s*(?:[\u2022\u25cf\u25aa\u25a0\u25e6\u2023\u2043\u2219\u00b7\u27a2\u25b6\u25ba\u2713\u2714"
    r"\uf0b7\uf0a7\u30fb*>+~-]|[o\u00a2\u00ab\u00bb\u00a9\u00ae] )\s*"  # "¢ ", "« ": bullets as OCR reads them
)
_DASH_RUN_RE = re.compile(r"-{2,}")
_ODD_SPACE_RE = re.compile(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000]")
_PIPE_RUN_RE = re.compile(r"(?:\s*\|\s*){2,}")
_SPACED_TAB_RE = re.compile(r"\t {1,2}(?=\S)")
_COLUMN_TABS_RE = re.compile(r"\t{2,}|\t\s{3,}")
_TAB_RUN_RE = re.compile(r"\s*\t[\t\s]*")
_WIDE_SPACE_RE = re.compile(r" {2,}")
_LONG_TOKEN_RE = re.compile(r"[^ ]{3}")
# The Arabic comma and semicolon, and Arabic-Indic and Persian digits, as their Latin forms.
_ARABIC_RE = re.compile("[\u060c\u061b\u0660-\u0669\u06f0-\u06f9]")
_ARABIC_PUNCTUATION_AND_DIGITS = {0x060C: ",", 0x061B: ";"} | {
    base + n: str(n) for base in (0x0660, 0x06F0) for n in range(10)
}
# The scripts whose vowel signs are marks, not letters, but belong to the word they are in
# ("शिक्षा", "สมชาย"): the Indic ones (Devanagari to Sinhala), Thai and Lao, Myanmar and
# Khmer. For character classes of word patterns.
ABUGIDAS = "\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
# (One character class, twice as fast as an alternation; words_key drops the underscore first.)
_WORD_RE = re.compile(rf"[\w{ABUGIDAS}]+")
_DASH_NUMBER_RE = re.compile(r"^\s*-\s*\d")
BULLET_CHARS = "\u2022\u25cf\u25aa\u25a0\u25e6\u2023\u2043\u2219\u27a2\u25b6\u25ba\u2713\u2714*"


def clean(text: str) -> str:
    """One line's text: composed Unicode, icons dropped, dashes and spaces unified,
    Markdown's marks taken off."""
    if "#" in text[:7] or "*" in text or "](" in text or "__" in text:
        text = _unmarked(text)
    if text.isascii():
        return _clean_ascii(text)
    text = unicodedata.normalize("NFC", text)
    if not text.isascii():
        text = _ICON_RE.sub(" ", text)
        text = text.replace("\ufb01", "fi").replace("\ufb02", "fl").replace("\u2019", "'")
        if _ARABIC_RE.search(text):
            text = text.translate(_ARABIC_PUNCTUATION_AND_DIGITS)
        # One dash for all: date ranges and separators then need one pattern.
        text = _DASH_RE.sub("-", text)
    if "\t" in text:
        text = _tabs(text)
    if "--" in text:
        text = _DASH_RUN_RE.sub("-", text)
    if not text.isascii():
        text = _ODD_SPACE_RE.sub(" ", text)
    text = unspace(text.strip())
    if "  " in text:  # odd spaces and tabs are single spaces by now
        text = _SPACES_RE.sub(" ", text)
    if "|" in text:
        text = _PIPE_RUN_RE.sub(" | ", text)
    return text.strip(" |")


# Resumes written in Markdown: "## Experience", "**Senior Engineer** - Acme", "*2016 - 2018*",
# "[GitHub](https://github.com/jdoe)".
_MD_HEADING_RE = re.compile(r"^\s*#{1,6}\s+")
_MD_STRONG_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EMPHASIS_RE = re.compile(r"^\s*\*(?=[^\s*])([^*]+)(?<=\S)\*\s*$")
_MD_LINK_RE = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def _unmarked(text: str) -> str:
    text = _MD_HEADING_RE.sub("", text)
    text = _MD_LINK_RE.sub(lambda m: m.group(1) if m.group(1) == m.group(2) else f"{m.group(1)} {m.group(2)}", text)
    text = _MD_STRONG_RE.sub(r"\2", text)
    return _MD_EMPHASIS_RE.sub(r"\1", text)


def _clean_ascii(text: str) -> str:
    """clean() for the commonest line: no accents, icons, odd dashes or odd spaces."""
    if "\t" in text:
        text = _tabs(text)
    if "--" in text:
        text = _DASH_RUN_RE.sub("-", text)
    text = unspace(text.strip())
    if "  " in text:
        text = _SPACES_RE.sub(" ", text)
    if "|" in text:
        text = _PIPE_RUN_RE.sub(" | ", text)
    return text.strip(" |")


def _tabs(text: str) -> str:
    """A tab between columns separates ("Acme\tJan 2019 - Present"); some exporters
    put one between every pair of words, and then it is only a space."""
    text = text.replace("\r", "").replace("\u00a0", " ").strip()
    tabs = text.count("\t")
    words = len(text.split())
    spaced = len(_SPACED_TAB_RE.findall(text))
    if (tabs >= 3 and tabs * 2 >= words) or (spaced and spaced * 2 >= tabs):
        return _COLUMN_TABS_RE.sub(" | ", text).replace("\t", " ")
    return _TAB_RUN_RE.sub(" | ", text)


def unspace(text: str) -> str:
    """Join letter-spaced headings: "E X P E R I E N C E" -> "EXPERIENCE".

    Only when every token is a single character, so ordinary text with a
    one-letter word ("a", "I") is left alone.
    """
    if len(text) < 5 or " " not in text or _LONG_TOKEN_RE.search(text):
        return text  # a token of three characters or more: ordinary text
    tokens = text.split(" ")
    singles = sum(1 for t in tokens if len(t) == 1)
    if len(tokens) < 4 or singles < 0.7 * len(tokens):
        return text
    # Words of a letter-spaced heading are set apart by two or more spaces.
    words = _WIDE_SPACE_RE.split(text) if "  " in text else [text]
    return " ".join(w.replace(" ", "") for w in words)


class _Marks(dict[int, int | None]):
    """A str.translate table that deletes combining marks: each code point's entry (None
    for a mark, the code point itself otherwise) is made the first time it is met."""

    def __missing__(self, code: int) -> int | None:
        entry = None if unicodedata.combining(chr(code)) else code
        if len(self) < 65536:  # a bound on what hostile text can make it hold
            self[code] = entry
        return entry


_MARKS = _Marks()


def fold(text: str) -> str:
    """Case- and accent-insensitive form for comparisons: "Éducation" -> "education"."""
    if text.isascii():
        return text.casefold()
    return _fold_accented(text)


# One resume asks about the same few accented words many times (places, titles, schools),
# and dropping their marks costs a lookup a character.
@memoized
def _fold_accented(text: str) -> str:
    return unicodedata.normalize("NFKD", text.casefold()).translate(_MARKS).replace("ß", "ss")


def lowered(text: str) -> str | None:
    """The text lower-cased for a case-sensitive copy of a re.I pattern whose letters are
    lower-case: the copy finds the same matches at the same offsets, about twice as fast.
    None where it would not: a character that lower-cases to two ("İ"), or one that re.I
    takes for an ASCII letter but lower() keeps (the dotless i for "i", the long s for "s")."""
    lower = text.lower()
    if len(lower) != len(text) or "\u0131" in lower or "\u017f" in lower:
        return None
    return lower


def words_key(text: str) -> str:
    """Folded letters and digits only, single-spaced: for matching headings and names."""
    return " ".join(_WORD_RE.findall(fold(text).replace("_", " ")))


def strip_bullet(text: str) -> str:
    return _BULLET_RE.sub("", text, count=1)


def is_bullet(text: str) -> bool:
    return bool(_BULLET_RE.match(text)) and not _DASH_NUMBER_RE.match(text)


def has_letters(text: str) -> bool:
    return any(c.isalpha() for c in text)


def is_upper(text: str) -> bool:
    """All cased letters are capitals (scripts without case never count as upper)."""
    return text != text.lower() and text == text.upper()


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (reads better than a long list)."""
    return frozenset(text.split())
