"""Plain text and HTML to lines; HTML through the standard library's parser, block by block."""

import codecs
import re
from html.parser import HTMLParser

from apps.ingestion.document import Document, Line
from apps.ingestion.extraction.layout import clean_text
from apps.ingestion.extraction.limits import Budget, ExtractionFailed
from apps.ingestion.extraction.sniff import decode_text

_COLUMN_GAP_RE = re.compile(r"\t+|[ \u3000]{3,}")
_LINE_HEIGHT = 12.0


def extract_text(data: bytes, budget: Budget) -> Document:
    text = _decode(data)
    lines: list[Line] = []
    page = number = 0
    for raw in text.splitlines():
        # A form feed is a page break in text printed from other programs.
        if "\f" in raw:
            page, number = page + raw.count("\f"), 0
        number += 1
        # A tab or a run of spaces lines up columns ("2019 - 2022     Acme GmbH     Engineer"): kept as
        # one tab, the column break the parser reads (as DOCX tabs are).
        cells = (clean_text(cell) for cell in _COLUMN_GAP_RE.split(raw))
        cleaned = "\t".join(cell for cell in cells if cell)
        if cleaned:
            # Each line's place on its page, as if set in 12-point type: blank lines
            # stay gaps, which set a heading apart as whitespace does on a page.
            lines.append(Line(text=cleaned, page=page, y=_LINE_HEIGHT * number))
    return Document(ok=True, kind="text", lines=lines, pages=page + 1)


def extract_html(data: bytes, budget: Budget) -> Document:
    text = _decode(data, html=True)
    parser = _BlockParser()
    try:
        parser.feed(text)
        parser.close()
    except AssertionError as exc:  # html.parser's way of giving up on broken markup
        raise ExtractionFailed("malformed: the HTML cannot be parsed") from exc
    parser.flush()
    return Document(ok=True, kind="html", lines=parser.lines, pages=1)


_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def _decode(data: bytes, *, html: bool = False) -> str:
    if html and not data.startswith(_BOMS):
        # As browsers do: a byte-order mark wins over <meta charset>, and a meta that
        # claims UTF-16 or UTF-32 in an ASCII-readable file is wrong.
        declared = _META_CHARSET.search(data[:4096])
        if declared and not declared.group(1).lower().startswith((b"utf-16", b"utf-32")):
            try:
                return data.decode(declared.group(1).decode("ascii"), errors="replace")
            except (LookupError, UnicodeError, ValueError):
                pass  # an unknown or odd charset ("idna", "rot13"): fall back to sniffing
    text = decode_text(data)
    if text is None:
        raise ExtractionFailed("unsupported_format: binary data of no known document type")
    return text


# Elements that start a new line of text, as a browser lays them out. (Word lists read
# better as one string each, hence the split and its noqa.)
_BLOCKS = frozenset(
    "address article aside blockquote br caption dd details dialog div dl dt fieldset figcaption figure footer "  # noqa: SIM905
    "form h1 h2 h3 h4 h5 h6 header hr legend li main nav ol p pre section summary table tbody td tfoot th thead "
    "title tr ul".split()
)
# Elements whose content is never shown as text.
_SKIPPED = frozenset("script style head noscript template svg math iframe object select".split())  # noqa: SIM905
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())  # noqa: SIM905
# Default browser sizes in points (16 px body text is 12 pt).
_HEADING_SIZES = {"h1": 24.0, "h2": 18.0, "h3": 14.0, "h4": 12.0, "h5": 10.0, "h6": 8.0}
_BODY_SIZE = 12.0
_BOLD = frozenset(("b", "strong", "th")) | frozenset(_HEADING_SIZES)
# Nesting past this is not tracked: hostile markup could make each end tag a long scan.
_MAX_DEPTH = 256
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


class _BlockParser(HTMLParser):
    """Collects visible text, one line per block element; hidden elements are skipped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self._parts: list[tuple[str, bool]] = []
        self._open: list[str] = []
        self._skip_tag = ""
        self._skip_depth = 0
        self._bold = 0
        self._size = _BODY_SIZE
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_depth:
            if tag == self._skip_tag:
                self._skip_depth += 1
            return
        hidden = any(
            name == "hidden" or (name == "style" and value and _HIDDEN_STYLE.search(value)) for name, value in attrs
        )
        if tag in _SKIPPED or (hidden and tag not in _VOID):
            self._skip_tag, self._skip_depth = tag, 1
            return
        if tag in _BLOCKS:
            self.flush()
        if tag == "li":
            # A list item keeps its bullet, as a browser draws it: the parser tells a
            # job's description from its header rows by it.
            self._parts.append(("\u2022 ", False))
        if tag in _VOID or len(self._open) >= _MAX_DEPTH:
            return
        self._open.append(tag)
        self._bold += tag in _BOLD
        self._pre += tag in ("pre", "textarea")
        if tag in _HEADING_SIZES:
            self._size = _HEADING_SIZES[tag]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._skip_depth and tag in _BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if self._skip_depth:
            if tag == self._skip_tag:
                self._skip_depth -= 1
            return
        if tag not in self._open:
            return  # a stray end tag: browsers ignore it too
        if tag in _BLOCKS:
            self.flush()
        # Close everything left open inside it, as browsers do for unclosed <b> or <p>.
        while self._open:
            closed = self._open.pop()
            self._bold -= closed in _BOLD
            self._pre -= closed in ("pre", "textarea")
            if closed in _HEADING_SIZES:
                self._size = _BODY_SIZE
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        if self._pre and "\n" in data:
            first, *rest = data.split("\n")
            self._parts.append((first, self._bold > 0))
            for piece in rest:
                self.flush()
                self._parts.append((piece, self._bold > 0))
            return
        self._parts.append((data, self._bold > 0))

    def flush(self) -> None:
        text = clean_text("".join(part for part, _ in self._parts))
        if text:
            bold_chars = sum(len(part.strip()) for part, bold in self._parts if bold)
            total = sum(len(part.strip()) for part, _ in self._parts)
            self.lines.append(Line(text=text, size=self._size, bold=2 * bold_chars > total))
        self._parts = []
