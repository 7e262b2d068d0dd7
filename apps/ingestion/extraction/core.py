"""The extraction itself, in the current process: caps, type sniffing, the extractor per type."""

from collections.abc import Callable

from apps.ingestion.document import Document, Line
from apps.ingestion.extraction import sniff
from apps.ingestion.extraction.limits import Budget, ExtractionFailed, Limits, out_of_memory
from apps.ingestion.extraction.pdf import extract_pdf
from apps.ingestion.extraction.text import extract_html, extract_text

Extractor = Callable[[bytes, Budget], Document]


# The DOCX and image extractors (with Pillow and the OCR module) are imported with
# the first file of their kind: the sandbox's child is started afresh every
# MAX_JOBS_PER_WORKER files, and most of what it reads are PDFs.
def extract_docx(data: bytes, budget: Budget) -> Document:
    from apps.ingestion.extraction.docx import extract_docx

    return extract_docx(data, budget)


def extract_image(data: bytes, budget: Budget) -> Document:
    from apps.ingestion.extraction.image import extract_image

    return extract_image(data, budget)


_EXTRACTORS: dict[str, Extractor] = {
    sniff.PDF: extract_pdf,
    sniff.DOCX: extract_docx,
    sniff.IMAGE: extract_image,
    sniff.TEXT: extract_text,
    sniff.HTML: extract_html,
}

# What a file's extension promises, to warn when the content is something else.
_EXTENSIONS = {
    "pdf": sniff.PDF,
    "docx": sniff.DOCX,
    "docm": sniff.DOCX,
    "dotx": sniff.DOCX,
    "png": sniff.IMAGE,
    "jpg": sniff.IMAGE,
    "jpeg": sniff.IMAGE,
    "tif": sniff.IMAGE,
    "tiff": sniff.IMAGE,
    "gif": sniff.IMAGE,
    "bmp": sniff.IMAGE,
    "webp": sniff.IMAGE,
    "txt": sniff.TEXT,
    "htm": sniff.HTML,
    "html": sniff.HTML,
}


def extract_in_process(data: bytes, *, filename: str = "", limits: Limits | None = None) -> Document:
    """Extract text from a file's bytes without a sandbox; never raises for bad input.

    Used inside the sandbox child, and by tests and benchmarks to compare. Callers
    that handle untrusted files use ``extract`` instead.
    """
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        return Document.failed(f"too_large: {len(data)} bytes, limit {limits.max_bytes}")
    kind = sniff.sniff(data)
    if kind == sniff.EMPTY:
        return Document.failed("empty: the file has no content", kind)
    extractor = _EXTRACTORS.get(kind)
    if extractor is None:
        return Document.failed(f"unsupported_format: {sniff.UNSUPPORTED.get(kind, kind)}", kind)
    try:
        document = extractor(data, Budget(limits))
    except ExtractionFailed as failure:
        return Document.failed(failure.reason, kind)
    except RecursionError:
        return Document.failed(f"malformed: the {kind} is nested too deeply", kind)
    except Exception as exc:
        if out_of_memory(exc):
            return Document.failed(f"crashed: out of memory while reading the {kind}", kind)
        # A bug or a library error on a hostile file: a failed result, not a dead worker.
        return Document.failed(f"crashed: {type(exc).__name__} while reading the {kind}", kind)
    return _finish(document, filename, limits)


def _finish(document: Document, filename: str, limits: Limits) -> Document:
    _cap_characters(document, limits.max_chars)
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    promised = _EXTENSIONS.get(extension)
    if promised and promised != document.kind:
        document.warnings.append(f"renamed: named .{extension} but the content is {document.kind}")
    if not any(any(char.isalnum() for char in line.text) for line in document.lines):
        document.ok = False
        document.lines = []
        document.reason = "empty: no text found" + (" (OCR read nothing)" if document.ocr_used else "")
    return document


def _cap_characters(document: Document, cap: int) -> None:
    total = 0
    for index, line in enumerate(document.lines):
        total += len(line.text) + 1
        if total > cap:
            kept = document.lines[:index]
            room = cap - (total - len(line.text) - 1)
            if room > 0:
                kept.append(Line(line.text[:room], line.page, line.size, line.bold, line.x, line.y, line.column))
            document.lines = kept
            document.warnings.append(f"truncated: text cut at {cap} characters")
            return
