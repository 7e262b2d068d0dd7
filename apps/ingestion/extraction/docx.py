"""DOCX (Office Open XML) to lines, read with zipfile and ElementTree.

Headers and footers come first (contact details often live there), then the body:
paragraphs in order, tables cell by cell in row order, text boxes after the
paragraph that anchors them. List items (numbering on the paragraph or its style)
start with a bullet, as they do in a PDF, so that the parser tells a short item from
an entry's header. Text a reader cannot see is left out: hidden runs
(w:vanish), deleted revisions, field instructions, white text on no background and
type under one point. Bold and size come from the run, its styles and the defaults.

The archive is untrusted: the entry count and each part's inflated size are
checked before reading, reads stop at the cap whatever the headers claim, and XML
with a DTD is refused (no entity expansion at all).
"""

import io
import re
import struct
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from posixpath import dirname, join, normpath

from apps.ingestion.document import Document, Line
from apps.ingestion.extraction.layout import clean_text
from apps.ingestion.extraction.limits import Budget, ExtractionFailed, Limits

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
EXT_PROPS = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
_DEFAULT_MAIN = "word/document.xml"
_FALSE = frozenset(("0", "false", "off", "none"))
_WHITE = frozenset(("ffffff", "white"))
_NO_FILL = frozenset(("", "auto", "ffffff", "white", "none", "clear"))
# Word's own defaults when a style names a heading but sets no size (half-points).
_STYLE_SIZES = {"title": 56, "heading1": 32, "heading2": 26, "heading3": 24}
_DEFAULT_SIZE = 22
# Markers between run pieces: a hard page break (ends the line), where Word's layout
# turned the page (does not).
_NEW_PAGE = "\f"
_PAGE_MARK = "\v"
# Marks a list item's text may already start with (typed by hand before Word's own).
_BULLETS = "\u2022\u25cf\u25aa\u25a0\u25e6\u2023\u2043\u2219\u00b7\u27a2\u25b6\u25ba\u2713\u2714\uf0b7\uf0a7*>+~-"


def extract_docx(data: bytes, budget: Budget) -> Document:
    archive = _open_archive(data, budget.limits)
    with archive:
        reader = _Reader(archive, budget)
        return reader.read()


def _open_archive(data: bytes, limits: Limits) -> zipfile.ZipFile:
    entries = _declared_entries(data)
    if entries is not None and entries > limits.max_archive_entries:
        raise ExtractionFailed(f"too_large: the DOCX archive has {entries} entries, limit {limits.max_archive_entries}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise ExtractionFailed("malformed: the DOCX archive is truncated or damaged") from exc
    if len(archive.infolist()) > limits.max_archive_entries:
        archive.close()
        raise ExtractionFailed(f"too_large: the DOCX archive has too many entries, limit {limits.max_archive_entries}")
    return archive


def _declared_entries(data: bytes) -> int | None:
    """The entry count from the end-of-central-directory record, read before zipfile
    builds an object per entry (a hostile archive can declare millions)."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if at < 0 or at + 22 > len(data):
        return None
    (total,) = struct.unpack_from("<H", data, at + 10)
    # 0xFFFF means ZIP64, which a resume never needs: treat it as too many.
    return 1 << 32 if total == 0xFFFF else int(total)


@dataclass(slots=True)
class _Props:
    """Run properties that matter here; None means "not set at this level"."""

    bold: bool | None = None
    size: int | None = None  # half-points
    hidden: bool | None = None
    white: bool | None = None
    shaded: bool | None = None

    def over(self, base: "_Props") -> "_Props":
        """These properties layered over ``base`` (later levels win)."""
        return _Props(
            bold=base.bold if self.bold is None else self.bold,
            size=base.size if self.size is None else self.size,
            hidden=base.hidden if self.hidden is None else self.hidden,
            white=base.white if self.white is None else self.white,
            shaded=base.shaded if self.shaded is None else self.shaded,
        )


@dataclass(slots=True)
class _Style:
    based_on: str = ""
    props: _Props = field(default_factory=_Props)
    listed: bool | None = None  # numbering set (True) or switched off (False) at this level
    heading: bool = False


@dataclass(slots=True)
class _Piece:
    text: str
    props: _Props


class _Reader:
    def __init__(self, archive: zipfile.ZipFile, budget: Budget) -> None:
        self.archive = archive
        self.budget = budget
        self.limits = budget.limits
        self.read_bytes = 0
        self.lines: list[Line] = []
        self.page = 0
        self.styles: dict[str, _Style] = {}
        self.defaults = _Props(size=_DEFAULT_SIZE)
        self.default_paragraph_style = ""
        self.background_dark = False
        self.rendered_breaks = False

    def read(self) -> Document:
        main = self._main_part()
        root = self._xml(main)
        if root is None:
            raise ExtractionFailed("malformed: the DOCX has no document part")
        self._load_styles(join(dirname(main), "styles.xml"))
        # Word marks where it last broke pages; those marks count pages better than
        # explicit breaks, which they already include.
        self.rendered_breaks = root.find(f".//{W}lastRenderedPageBreak") is not None
        background = root.find(f"{W}background")
        self.background_dark = background is not None and _fill(background.get(f"{W}color")) is True
        headers, footers = self._header_footer_parts(main)
        seen: set[str] = set()
        for part in headers + footers:
            self._read_part(part, seen)
        content = root.find(f"{W}body")
        if content is not None:
            self._blocks(content, _Props(shaded=self.background_dark), column=0)
        pages = max(self.page + 1, self._declared_pages())
        return Document(ok=True, kind="docx", lines=self.lines, pages=pages)

    # --- archive parts -------------------------------------------------------------

    def _bytes(self, name: str) -> bytes | None:
        try:
            info = self.archive.getinfo(name)
        except KeyError:
            return None
        cap = self.limits.max_part_bytes
        if info.file_size > cap:
            raise ExtractionFailed(f"too_large: {name} inflates to {info.file_size} bytes, limit {cap}")
        try:
            with self.archive.open(info) as stream:
                # The header's size can lie: never inflate past the cap, whatever it says.
                content = stream.read(cap + 1)
        except RuntimeError as exc:  # zipfile's answer to a password-protected entry
            raise ExtractionFailed("encrypted: the DOCX is password-protected") from exc
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError) as exc:
            raise ExtractionFailed(f"malformed: {name} cannot be inflated") from exc
        if len(content) > cap:
            raise ExtractionFailed(f"too_large: {name} inflates past {cap} bytes (a decompression bomb)")
        self.read_bytes += len(content)
        if self.read_bytes > 4 * cap:
            raise ExtractionFailed(f"too_large: the DOCX parts inflate past {4 * cap} bytes")
        return content

    def _xml(self, name: str) -> ET.Element | None:
        content = self._bytes(name)
        if content is None:
            return None
        self.budget.check()
        # Entity expansion (billion laughs) and external entities both need a DTD.
        if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
            raise ExtractionFailed(f"malformed: {name} declares a DTD, which Word never writes")
        try:
            # Safe without defusedxml: the DTD test above rules out entity tricks, and
            # expat resolves no external resources for ElementTree.
            return ET.fromstring(content)  # noqa: S314
        except ET.ParseError as exc:
            raise ExtractionFailed(f"malformed: {name} is not well-formed XML") from exc

    def _main_part(self) -> str:
        rels = self._xml("_rels/.rels")
        if rels is not None:
            for rel in rels.iter(f"{PKG_REL}Relationship"):
                if rel.get("Type", "").endswith("/officeDocument"):
                    target = normpath(rel.get("Target", "").lstrip("/"))
                    if target in self.archive.NameToInfo:
                        return target
        return _DEFAULT_MAIN

    def _header_footer_parts(self, main: str) -> tuple[list[str], list[str]]:
        folder = dirname(main)
        rels = self._xml(join(folder, "_rels", main.rsplit("/", 1)[-1] + ".rels"))
        headers: list[str] = []
        footers: list[str] = []
        if rels is None:
            return headers, footers
        for rel in rels.iter(f"{PKG_REL}Relationship"):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            if kind in ("header", "footer") and rel.get("TargetMode") != "External":
                target = normpath(join(folder, rel.get("Target", "")))
                (headers if kind == "header" else footers).append(target)
        return sorted(set(headers), key=_natural), sorted(set(footers), key=_natural)

    def _read_part(self, name: str, seen: set[str]) -> None:
        root = self._xml(name)
        if root is None:
            return
        start = len(self.lines)
        page = self.page
        self._blocks(root, _Props(shaded=self.background_dark), column=0)
        self.page = page  # page breaks inside a header say nothing about the body
        # First-page, even and default headers usually repeat the same lines.
        fresh = []
        for line in self.lines[start:]:
            if line.text not in seen:
                seen.add(line.text)
                fresh.append(Line(text=line.text, page=0, size=line.size, bold=line.bold, column=line.column))
        del self.lines[start:]
        self.lines.extend(fresh)

    def _declared_pages(self) -> int:
        props = self._xml("docProps/app.xml")
        pages = props.find(f"{EXT_PROPS}Pages") if props is not None else None
        try:
            return max(1, min(int((pages.text or "1") if pages is not None else "1"), self.limits.max_pages))
        except ValueError:
            return 1

    # --- styles --------------------------------------------------------------------

    def _load_styles(self, name: str) -> None:
        root = self._xml(name)
        if root is None:
            return
        defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        if defaults is not None:
            self.defaults = _run_props(defaults).over(self.defaults)
        for style in root.iter(f"{W}style"):
            style_id = style.get(f"{W}styleId", "")
            based = style.find(f"{W}basedOn")
            props = _run_props(style.find(f"{W}rPr"))
            if props.size is None and style_id.lower() in _STYLE_SIZES:
                props.size = _STYLE_SIZES[style_id.lower()]
            paragraph = style.find(f"{W}pPr")
            self.styles[style_id] = _Style(
                based_on=based.get(f"{W}val", "") if based is not None else "",
                props=props,
                listed=_numbered(paragraph),
                heading=style_id.lower().startswith(("heading", "title"))
                or (paragraph is not None and paragraph.find(f"{W}outlineLvl") is not None),
            )
            if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") in ("1", "true"):
                self.default_paragraph_style = style_id

    def _style_chain(self, style_id: str) -> list[_Style]:
        """The style and those it is based on, nearest first (cycles and depth bounded)."""
        chain: list[_Style] = []
        seen: set[str] = set()
        while style_id and style_id not in seen and len(chain) < 20:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                break
            chain.append(style)
            style_id = style.based_on
        return chain

    def _style_list(self, style_id: str) -> tuple[bool, bool]:
        """Whether the style numbers its paragraphs, and whether it is a heading style."""
        chain = self._style_chain(style_id)
        listed = next((style.listed for style in chain if style.listed is not None), False)
        return bool(listed), any(style.heading for style in chain)

    def _style_props(self, style_id: str) -> _Props:
        merged = _Props()
        for style in reversed(self._style_chain(style_id)):
            merged = style.props.over(merged)
        return merged

    # --- content -------------------------------------------------------------------

    def _blocks(self, parent: ET.Element, context: _Props, column: int) -> None:
        for child in parent:
            tag = child.tag
            if tag == f"{W}p":
                self._paragraph(child, context, column)
            elif tag == f"{W}tbl":
                self._table(child, context)
            elif tag in (f"{W}sdt", f"{W}customXml", f"{W}sdtContent", f"{MC}AlternateContent", f"{MC}Choice"):
                self._blocks(child, context, column)

    def _table(self, table: ET.Element, context: _Props) -> None:
        for row in _children(table, f"{W}tr"):
            for index, cell in enumerate(_children(row, f"{W}tc")):
                self.budget.check()
                shading = cell.find(f"{W}tcPr/{W}shd")
                shaded = _fill(shading.get(f"{W}fill")) if shading is not None else None
                self._blocks(cell, _Props(shaded=shaded).over(context), column=index)

    def _paragraph(self, paragraph: ET.Element, context: _Props, column: int) -> None:
        style_id = self.default_paragraph_style
        props = context
        properties = paragraph.find(f"{W}pPr")
        listed = _numbered(properties)
        if properties is not None:
            style = properties.find(f"{W}pStyle")
            if style is not None:
                style_id = style.get(f"{W}val", style_id)
            shading = properties.find(f"{W}shd")
            if shading is not None and _fill(shading.get(f"{W}fill")) is not None:
                props = _Props(shaded=_fill(shading.get(f"{W}fill"))).over(props)
            if properties.find(f"{W}pageBreakBefore") is not None and not self.rendered_breaks:
                self.page += 1
        base = self._style_props(style_id).over(self.defaults)
        base = _Props(shaded=props.shaded).over(base)
        pieces: list[_Piece] = []
        boxes: list[ET.Element] = []
        for piece in self._inline(paragraph, base, boxes):
            pieces.append(piece)
        styled_list, heading = self._style_list(style_id)
        # Numbered headings ("1. Experience") are headings, not list items.
        bullet = (styled_list if listed is None else listed) and not heading
        self._emit(pieces, column, bullet=bullet)
        for box in boxes:
            self._blocks(box, context, column)

    def _inline(self, element: ET.Element, base: _Props, boxes: list[ET.Element]) -> Iterator[_Piece]:
        for child in element:
            tag = child.tag
            if tag == f"{W}r":
                yield from self._run(child, base, boxes)
            elif tag in (f"{W}del", f"{W}moveFrom", f"{W}pPr", f"{MC}Fallback"):
                continue  # deleted text, paragraph properties, duplicate legacy drawings
            elif tag == f"{W}txbxContent":
                boxes.append(child)
            else:
                # Hyperlinks, insertions, smart tags, content controls, simple fields.
                yield from self._inline(child, base, boxes)

    def _run(self, run: ET.Element, base: _Props, boxes: list[ET.Element]) -> Iterator[_Piece]:
        direct = run.find(f"{W}rPr")
        props = base
        if direct is not None:
            style = direct.find(f"{W}rStyle")
            if style is not None:
                props = self._style_props(style.get(f"{W}val", "")).over(props)
            props = _run_props(direct).over(props)
        for child in run:
            tag = child.tag
            if tag == f"{W}t":
                yield _Piece(child.text or "", props)
            elif tag in (f"{W}tab", f"{W}ptab"):
                yield _Piece("\t", props)
            elif tag in (f"{W}br", f"{W}cr"):
                explicit_page = child.get(f"{W}type") == "page" and not self.rendered_breaks
                yield _Piece(_NEW_PAGE if explicit_page else "\n", props)
            elif tag == f"{W}lastRenderedPageBreak":
                yield _Piece(_PAGE_MARK, props)
            elif tag == f"{W}noBreakHyphen":
                yield _Piece("-", props)
            elif tag in (f"{W}drawing", f"{W}pict", f"{MC}AlternateContent", f"{W}object"):
                boxes.extend(_text_boxes(child))

    def _emit(self, pieces: list[_Piece], column: int, *, bullet: bool = False) -> None:
        """Turn a paragraph's pieces into lines: one per line break, invisible text left out.
        A list item's first line gets the bullet Word draws before it."""
        current: list[_Piece] = []
        for piece in pieces:
            if piece.text in ("\n", _NEW_PAGE):
                bullet = self._line(current, column, bullet=bullet)
                current = []
                if piece.text == _NEW_PAGE:
                    self.page += 1
            elif piece.text == _PAGE_MARK:
                self.page += 1  # the text from here on sits on the next page: no line break
            elif not _invisible(piece.props):
                current.append(piece)
        self._line(current, column, bullet=bullet)

    def _line(self, pieces: list[_Piece], column: int, *, bullet: bool = False) -> bool:
        """Add the line; returns whether a bullet is still owed (the line was empty)."""
        # A tab inside the line is kept (one, cleaned around): the parser reads it as a column break.
        cells = (clean_text(cell) for cell in "".join(piece.text for piece in pieces).split("\t"))
        text = "\t".join(cell for cell in cells if cell)
        if not text:
            return bullet
        if bullet and text[0] not in _BULLETS:
            text = f"\u2022 {text}"
        total = bold = 0
        sizes: dict[int, int] = {}
        for piece in pieces:
            weight = len(piece.text.strip())
            total += weight
            bold += weight if piece.props.bold else 0
            size = piece.props.size or _DEFAULT_SIZE
            sizes[size] = sizes.get(size, 0) + weight
        size = max(sizes.items(), key=lambda item: item[1])[0] if sizes else _DEFAULT_SIZE
        self.lines.append(Line(text=text, page=self.page, size=size / 2, bold=2 * bold > total, column=column))
        return False


def _numbered(properties: ET.Element | None) -> bool | None:
    """A paragraph's (or a style's) own numbering: True when set, False when switched
    off (numId 0), None when it says nothing."""
    if properties is None:
        return None
    number = properties.find(f"{W}numPr/{W}numId")
    if number is None:
        return None
    return number.get(f"{W}val", "0") != "0"


def _text_boxes(element: ET.Element) -> Iterator[ET.Element]:
    """Text box contents inside a drawing, skipping the VML fallback copy of the same box."""
    for child in element:
        if child.tag == f"{MC}Fallback":
            continue
        if child.tag == f"{W}txbxContent":
            yield child
        else:
            yield from _text_boxes(child)


_WRAPPERS = frozenset((f"{W}sdt", f"{W}sdtContent", f"{W}customXml"))


def _children(element: ET.Element, tag: str) -> Iterator[ET.Element]:
    """Direct children with ``tag``, looking through content-control wrappers (not into nested tables)."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _run_props(element: ET.Element | None) -> _Props:
    props = _Props()
    if element is None:
        return props
    for child in element:
        tag = child.tag
        value = (child.get(f"{W}val") or "").lower()
        if tag == f"{W}b":
            props.bold = value not in _FALSE
        elif tag == f"{W}sz":
            props.size = int(value) if value.isdigit() and 0 < int(value) < 4000 else None
        elif tag == f"{W}vanish":
            props.hidden = value not in _FALSE
        elif tag == f"{W}color":
            props.white = value in _WHITE or (child.get(f"{W}themeColor") or "").lower() in ("background1", "light1")
        elif tag == f"{W}shd":
            props.shaded = _fill(child.get(f"{W}fill"))
        elif tag == f"{W}highlight":
            props.shaded = value not in _NO_FILL
    return props


def _fill(value: str | None) -> bool | None:
    """True for a visible background colour, False for none or white, None when unset."""
    if value is None:
        return None
    return value.lower() not in _NO_FILL


def _invisible(props: _Props) -> bool:
    if props.hidden:
        return True
    if props.size is not None and props.size <= 2:
        return True  # one point or less
    return bool(props.white) and not props.shaded


def _natural(name: str) -> tuple[int, str]:
    digits = re.findall(r"\d+", name)
    return (int(digits[-1]) if digits else 0, name)
