"""The real type of a file, from its bytes only: names and MIME types sent by mail lie."""

import codecs
import re
import unicodedata

PDF = "pdf"
DOCX = "docx"
IMAGE = "image"
TEXT = "text"
HTML = "html"
EMPTY = "empty"

# Kinds recognised only to refuse them with a clear reason.
UNSUPPORTED = {
    "doc": "a legacy Word .doc (OLE2) file; save it as DOCX or PDF",
    "office-encrypted": "a password-protected Office file",
    "odt": "an OpenDocument file; save it as DOCX or PDF",
    "rtf": "an RTF file; save it as DOCX or PDF",
    "xlsx": "a spreadsheet",
    "pptx": "a presentation",
    "zip": "a ZIP archive that is not a Word document",
    "archive": "a compressed archive",
    "executable": "an executable program",
    "binary": "binary data of no known document type",
}

_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"II*\x00",  # TIFF, little-endian
    b"MM\x00*",  # TIFF, big-endian
    b"GIF87a",
    b"GIF89a",
)
_EXECUTABLE_MAGIC = (
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",  # Mach-O 32
    b"\xfe\xed\xfa\xcf",  # Mach-O 64
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal / Java class
    b"\x00asm",  # WebAssembly
)
_ARCHIVE_MAGIC = (
    b"\x1f\x8b",  # gzip
    b"BZh",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"\x28\xb5\x2f\xfd",  # zstd
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
# Acrobat accepts the header anywhere in the first 1024 bytes, and so do we.
_PDF_WINDOW = 1024
_PDF_SYNTAX = re.compile(r"\b\d+\s+\d+\s+obj\s*<<|\btrailer\s*<<|\bstartxref\s+\d")
_HTML_START = re.compile(r"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAG = re.compile(r"<(html|body|div|p|table|br|meta|title|span|h[1-6])\b[^>]*>", re.I)


def sniff(data: bytes) -> str:
    """One of PDF, DOCX, IMAGE, TEXT, HTML, EMPTY or a key of UNSUPPORTED."""
    if not data.strip(b" \t\r\n\x00"):
        return EMPTY
    head = data[:16]
    # Magic numbers at offset 0 win over a "%PDF-" further in (polyglot files).
    if head.startswith(_ZIP):
        return _zip_kind(data)
    if head.startswith(_OLE2):
        # Office encrypts DOCX into an OLE2 container whose directory names this stream.
        return "office-encrypted" if "EncryptionInfo".encode("utf-16-le") in data[:65536] else "doc"
    if head.startswith(_IMAGE_MAGIC) or (head.startswith(b"RIFF") and data[8:12] == b"WEBP"):
        return IMAGE
    if head.startswith(_EXECUTABLE_MAGIC):
        return "executable"
    if head.startswith(_ARCHIVE_MAGIC):
        return "archive"
    if b"%PDF-" in data[:_PDF_WINDOW]:
        return PDF
    if head.startswith(b"{\\rtf"):
        return "rtf"
    text = decode_text(data)
    if text is not None and _PDF_SYNTAX.search(text[:65536]):
        return PDF  # a PDF that lost its header: MuPDF may still repair it, or say why not
    if text is None:
        # Two-byte magics are too weak to trust before the text test: "MZ" or "BM" can
        # start a line of text, but a real DOS/PE program or bitmap is never text.
        if head.startswith(b"MZ"):
            return "executable"
        if head.startswith(b"BM"):
            return IMAGE
        return "binary"
    return HTML if looks_like_html(text[:4096]) else TEXT


def _zip_kind(data: bytes) -> str:
    # Names sit uncompressed in the local and central headers, so a substring test is
    # enough to tell the OOXML/ODF flavours apart without parsing the archive here.
    if b"word/document" in data or b"word/_rels" in data:
        return DOCX
    if data[30:38] == b"mimetype" and b"opendocument" in data[38:120]:
        return "odt"
    if b"xl/workbook" in data:
        return "xlsx"
    if b"ppt/presentation" in data:
        return "pptx"
    return "zip"


def looks_like_html(head: str) -> bool:
    return bool(_HTML_START.match(head)) or (head.lstrip().startswith("<") and len(_HTML_TAG.findall(head)) >= 3)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def decode_text(data: bytes) -> str | None:
    """The text of a plain-text file, or None when the bytes are not text.

    UTF-8/16/32 with a BOM, then UTF-16 without one (NULs in every other byte), then
    strict UTF-8, then Windows-1252 (what most non-UTF-8 resumes from Western Europe
    and the Americas are written in). Text with many control characters is binary.
    """
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            break
    else:
        sample = data[:4096]
        if b"\x00" in sample:
            text = _decode_utf16_guess(data, sample)
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = data.decode("cp1252", errors="replace")
    if text is None:
        return None
    return text if _mostly_printable(text) else None


def _decode_utf16_guess(data: bytes, sample: bytes) -> str | None:
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        encoding = "utf-16-le"
    elif even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        encoding = "utf-16-be"
    else:
        return None
    return data[: len(data) // 2 * 2].decode(encoding, errors="replace")


def _mostly_printable(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return True
    bad = sum(
        1
        for char in sample
        if char == "\ufffd" or (char not in _ALLOWED_CONTROLS and unicodedata.category(char) in ("Cc", "Cs", "Co"))
    )
    return bad <= max(2, len(sample) // 100)
