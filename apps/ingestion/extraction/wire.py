"""The sandbox's answer on the wire: a Document as JSON, checked field by field on arrival.

The child parses hostile files, so its answer is treated as hostile too: JSON, never
pickle (unpickling would let a compromised child run code in the parent).
"""

import json
from typing import Any, TypeVar

from apps.ingestion.document import Document, Line


def encode(document: Document, **extra: Any) -> bytes:
    payload = {
        "ok": document.ok,
        "kind": document.kind,
        "pages": document.pages,
        "ocr_used": document.ocr_used,
        "ocr_pages": document.ocr_pages,
        "reason": document.reason,
        "warnings": document.warnings,
        "links": document.links,
        "lines": [[ln.text, ln.page, ln.size, ln.bold, ln.x, ln.y, ln.column] for ln in document.lines],
        **extra,
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


T = TypeVar("T")
#: The header's "task" of a request for a page drawn as PNG (render.py); any other is an extraction.
RENDER_TASK = "render"


class WireError(ValueError):
    """The child's answer is not a well-formed document."""


def decode(raw: bytes | bytearray) -> tuple[Document, dict[str, Any]]:
    """The document and the extra fields (worker statistics) of an answer."""
    try:
        payload = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as exc:
        raise WireError("not JSON") from exc
    if not isinstance(payload, dict):
        raise WireError("not an object")
    document = Document(
        ok=_typed(payload.get("ok"), bool),
        kind=_typed(payload.get("kind"), str),
        pages=_typed(payload.get("pages"), int),
        ocr_used=_typed(payload.get("ocr_used"), bool),
        ocr_pages=[_typed(page, int) for page in _typed(payload.get("ocr_pages"), list)],
        reason=_typed(payload.get("reason"), str),
        warnings=[_typed(warning, str) for warning in _typed(payload.get("warnings"), list)],
        lines=[_line(item) for item in _typed(payload.get("lines"), list)],
        links=[_typed(link, str) for link in _typed(payload.get("links", []), list)],
    )
    known = {"ok", "kind", "pages", "ocr_used", "ocr_pages", "reason", "warnings", "lines", "links"}
    return document, {key: value for key, value in payload.items() if key not in known}


def _line(item: object) -> Line:
    if not isinstance(item, list) or len(item) != 7:
        raise WireError("a line is not a 7-item list")
    text, page, size, bold, x, y, column = item
    return Line(
        text=_typed(text, str),
        page=_typed(page, int),
        size=float(_number(size)),
        bold=_typed(bold, bool),
        x=float(_number(x)),
        y=float(_number(y)),
        column=_typed(column, int),
    )


def _typed(value: object, kind: type[T]) -> T:
    # bool is an int subclass: an int field must not accept True.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise WireError(f"expected {kind.__name__}")
    return value


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise WireError("expected a number")
    return float(value)
