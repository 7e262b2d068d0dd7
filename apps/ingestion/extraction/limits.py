"""The caps that bound one extraction: sizes, pages, pixels, characters, memory and time."""

import time
from dataclasses import asdict, dataclass, fields
from typing import Any

MIB = 1024 * 1024
# The languages a tenant may expect its resumes in (Tenant.resume_language); OCR tells the
# others it has models for from the page (ocr.py).
OCR_LANGUAGES = ("eng", "deu", "fra", "spa")


@dataclass(frozen=True, slots=True)
class Limits:
    """Every cap is checked before the work it bounds, so a hostile file fails fast.

    The defaults suit resumes: a real one is a few pages and well under a megabyte of
    text, so anything far beyond is either not a resume or an attack.
    """

    max_bytes: int = 25 * MIB
    max_pages: int = 50
    # OCR costs about a second per page on one core: past this many pages the rest of
    # a scanned document is left out (with a warning) to keep the wall clock bounded.
    max_ocr_pages: int = 10
    # 200 DPI read as well as 300 on the sample scans and is 10-15% faster.
    ocr_dpi: int = 200
    # A rendered page never exceeds this many pixels: a 200x200-inch page gets a lower
    # DPI instead of a 1.6-gigapixel bitmap. 12 MP is A3 at 200 DPI.
    max_render_pixels: int = 12_000_000
    # An embedded or uploaded image larger than this is refused before it is decoded
    # (a 600 DPI A4 scan is 35 MP; a 48 MP phone photo still fits).
    max_image_pixels: int = 100_000_000
    max_chars: int = 500_000
    # DOCX is a ZIP: bound the entries and the inflated size of each part read.
    max_archive_entries: int = 2_000
    max_part_bytes: int = 32 * MIB
    # The sandbox child: address space, CPU seconds and the parent's wall clock.
    memory_bytes: int = 1536 * MIB
    cpu_seconds: int = 60
    wall_seconds: float = 60.0
    # The child's answer is read by the parent only up to this size.
    max_output_bytes: int = 16 * MIB
    # The language the resumes are expected in (a tenant's setting; "" when none, else one
    # of OCR_LANGUAGES): the first scanned page is read once, in it with English, instead
    # of in English and again in its own language once the text has told it (1.7x the work).
    ocr_language: str = ""

    def __post_init__(self) -> None:
        if self.ocr_language and self.ocr_language not in OCR_LANGUAGES:
            raise ValueError(f"no OCR model for {self.ocr_language!r}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: object) -> "Limits":
        """Rebuild limits sent over the sandbox pipe; unknown or mistyped keys are ignored."""
        if not isinstance(raw, dict):
            return cls()
        numbers = {f.name for f in fields(cls) if f.type is not str}
        kept: dict[str, Any] = {}
        for name, value in raw.items():
            if name in numbers and isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
                kept[name] = float(value) if name == "wall_seconds" else int(value)
            elif name == "ocr_language" and value in OCR_LANGUAGES:
                kept[name] = value
        return cls(**kept)


class ExtractionFailed(Exception):
    """Raised inside an extractor to end it with a reason (``code: message``)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def out_of_memory(exc: BaseException) -> bool:
    """A refused allocation (the address-space cap at work), from Python or from MuPDF.

    Extractors that turn library errors into warnings must let these through: the
    sandbox then answers "crashed: out of memory" and replaces the child.
    """
    return isinstance(exc, MemoryError) or "malloc" in str(exc) or "out of memory" in str(exc).lower()


class Budget:
    """The limits of one job plus its deadline, passed down to the extractors."""

    def __init__(self, limits: Limits, started: float | None = None) -> None:
        self.limits = limits
        self.deadline = (time.monotonic() if started is None else started) + limits.wall_seconds

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def check(self) -> None:
        """Stop between pages once the wall clock is spent, with a result instead of a kill."""
        if self.remaining() <= 0:
            raise ExtractionFailed(f"timeout: extraction took longer than {self.limits.wall_seconds:g} s")
