"""Extraction: the bytes of a resume file in, its text as lines in reading order out.

``extract`` runs the work in a sandboxed child process (sandbox.py) and is what
callers with untrusted files use; ``extract_in_process`` does the same work in
the current process. Neither raises for bad input: a file that cannot be read
becomes ``Document.failed("code: message")``.
"""

from apps.ingestion.document import Document
from apps.ingestion.extraction.core import extract_in_process
from apps.ingestion.extraction.limits import Limits

__all__ = ["Limits", "extract", "extract_in_process"]


def extract(data: bytes, *, filename: str = "", limits: Limits | None = None) -> Document:
    """Extract text from a file's bytes in the sandbox; never raises for bad input."""
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        # Refused before a single byte crosses to the child.
        return Document.failed(f"too_large: {len(data)} bytes, limit {limits.max_bytes}")
    # Imported here: the sandbox's child imports this package too, and has no use for
    # the sandbox's machinery (its start is paid again every MAX_JOBS_PER_WORKER files).
    from apps.ingestion.extraction.sandbox import run_sandboxed

    return run_sandboxed(data, filename, limits)
