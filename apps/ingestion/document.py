"""What extraction hands to parsing: a document's text as lines in reading order,
with the layout facts that help find the name and section headings. Pure data,
no ORM; it crosses the process boundary of the extraction sandbox (pickled)."""

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text in reading order."""

    text: str
    page: int = 0  # 0-based
    size: float = 0.0  # font size in points; 0 when unknown (plain text, OCR)
    bold: bool = False
    # Left edge and top of the line on its page, in points; 0 when unknown.
    x: float = 0.0
    y: float = 0.0
    # Index of the layout column the line was read from (two-column resumes).
    column: int = 0


@dataclass(slots=True)
class Document:
    """The extracted text of one file, or why there is none.

    ``ok`` False means extraction failed; ``reason`` then names why in one line
    (``unsupported_format``, ``encrypted``, ``too_many_pages``, ``timeout``, ...)
    and ``lines`` is empty.
    """

    ok: bool
    kind: str  # pdf, docx, image, text, html, ... as sniffed from the bytes
    lines: list[Line] = field(default_factory=list)
    pages: int = 0
    ocr_used: bool = False
    ocr_pages: list[int] = field(default_factory=list)
    reason: str = ""
    warnings: list[str] = field(default_factory=list)
    # Web addresses the file links to behind its text (a PDF's link annotations: an
    # icon or a handle that opens the LinkedIn profile), in page order.
    links: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @classmethod
    def failed(cls, reason: str, kind: str = "unknown") -> "Document":
        return cls(ok=False, kind=kind, reason=reason)
