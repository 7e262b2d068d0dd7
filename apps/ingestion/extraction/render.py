"""Resume pages drawn as PNG images (the staff console's preview), in the sandbox's child.

``render_page`` is the caller's side: the warm child of sandbox.py opens the file
and draws one page under the same caps as an extraction (address space, CPU
seconds, the parent's wall clock), so a hostile file that hangs or blows up
MuPDF or Pillow costs a child, never the web process. PDFs are drawn with
PyMuPDF, images (PNG, JPEG, TIFF, GIF, WebP) decoded by Pillow and scaled down;
other kinds (DOCX, text) have no pages to draw.
"""

import base64
import binascii
import io
import json
import math
import warnings
from dataclasses import dataclass
from typing import Any

import pymupdf as _pymupdf
from PIL import Image, ImageOps

from apps.ingestion.extraction import sandbox, sniff, wire
from apps.ingestion.extraction.limits import ExtractionFailed, Limits, out_of_memory
from apps.ingestion.extraction.wire import WireError

# PyMuPDF is only partly annotated (as in pdf.py).
mupdf: Any = _pymupdf

TASK = wire.RENDER_TASK
MAX_DPI = 144
MAX_SIDE = 1400  # pixels on the longer side of a drawn page, whatever its size in points
# A resume page draws in 20-50 ms, a hostile-but-harmless one (a huge page) in under a second.
PREVIEW_LIMITS = Limits(cpu_seconds=5, wall_seconds=5.0)


class RenderFailed(Exception):
    """The page could not be drawn; ``reason`` is "code: message" as for extraction
    (``no_page``, ``no_preview``, ``encrypted``, ``malformed``, ``timeout``, ``crashed``...)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = reason.partition(":")[0]


@dataclass(frozen=True)
class _Rendered:
    png: bytes = b""
    reason: str = ""


def render_page(data: bytes, *, page: int, dpi: int, limits: Limits = PREVIEW_LIMITS) -> bytes:
    """Page ``page`` (1-based) of a PDF, or frame of an image, as PNG bytes: at ``dpi``
    (at most MAX_DPI) and at most MAX_SIDE pixels on its longer side. Drawn in the
    sandbox; raises RenderFailed when it cannot be."""
    if len(data) > limits.max_bytes:
        raise RenderFailed(f"too_large: {len(data)} bytes, limit {limits.max_bytes}")
    job = sandbox.Job({"task": TASK, "page": page, "dpi": dpi}, _decode, lambda reason: _Rendered(reason=reason))
    rendered = sandbox.run(job, data, limits)
    if rendered.reason:
        raise RenderFailed(rendered.reason)
    return rendered.png


def _decode(raw: bytearray) -> tuple[_Rendered, dict[str, Any]]:
    """The child's answer: {"png": base64} or {"reason": str}, plus its statistics."""
    try:
        payload = json.loads(raw)
        if not isinstance(payload, dict):
            raise WireError("not an object")
        reason, png = payload.pop("reason", ""), payload.pop("png", "")
        if not isinstance(reason, str) or not isinstance(png, str) or bool(reason) == bool(png):
            raise WireError("neither a page nor a reason")
        image = base64.b64decode(png, validate=True)
    except (UnicodeDecodeError, ValueError, binascii.Error) as exc:
        raise WireError("malformed render answer") from exc
    if png and not image.startswith(b"\x89PNG\r\n\x1a\n"):
        raise WireError("not a PNG")
    return _Rendered(png=image, reason=reason[:200]), payload


# --- In the child ----------------------------------------------------------------------


def answer(data: bytes, header: dict[str, Any], limits: Limits) -> tuple[dict[str, str], bool]:
    """The child's answer to a render request, and whether it ran out of memory
    (the child then exits: its heap can no longer be trusted)."""
    page, dpi = header.get("page"), header.get("dpi")
    if not isinstance(page, int) or not isinstance(dpi, int):
        return {"reason": "malformed: a render request without a page and a DPI"}, False
    try:
        png = render_in_process(data, page=page, dpi=dpi, limits=limits)
    except ExtractionFailed as failure:
        return {"reason": failure.reason}, False
    except Exception as exc:
        if out_of_memory(exc):
            return {"reason": "crashed: out of memory while drawing the page"}, True
        return {"reason": f"crashed: {type(exc).__name__} while drawing the page"}, False
    return {"png": base64.b64encode(png).decode("ascii")}, False


def render_in_process(data: bytes, *, page: int, dpi: int, limits: Limits) -> bytes:
    """The work of ``render_page`` in this process (the child's side, and tests')."""
    kind = sniff.sniff(data)
    if kind == sniff.PDF:
        return _pdf_page(data, page, min(max(dpi, 1), MAX_DPI), limits)
    if kind == sniff.IMAGE:
        return _image_frame(data, page, limits)
    raise ExtractionFailed(f"no_preview: {kind} files have no pages to draw")


def _pdf_page(data: bytes, page: int, dpi: int, limits: Limits) -> bytes:
    try:
        pdf = mupdf.open(stream=data, filetype="pdf")
    except Exception as exc:
        if out_of_memory(exc):
            raise
        raise ExtractionFailed("malformed: the PDF cannot be opened") from exc
    try:
        if pdf.needs_pass and not pdf.authenticate(""):
            raise ExtractionFailed("encrypted: the PDF is password-protected")
        try:
            count = pdf.page_count
            drawn = pdf.load_page(page - 1) if 1 <= page <= count else None
        except Exception as exc:
            if out_of_memory(exc):
                raise
            raise ExtractionFailed("malformed: the PDF's pages are unreadable") from exc
        if count == 0:
            raise ExtractionFailed("malformed: the PDF has no readable pages")
        if drawn is None:
            raise ExtractionFailed(f"no_page: the file has {count} pages")
        rect = drawn.rect
        width, height = max(rect.width, 1.0), max(rect.height, 1.0)
        scale = min(dpi / 72, MAX_SIDE / max(width, height), math.sqrt(limits.max_render_pixels / (width * height)))
        return bytes(drawn.get_pixmap(matrix=mupdf.Matrix(scale, scale), alpha=False).tobytes("png"))
    finally:
        pdf.close()


def _image_frame(data: bytes, page: int, limits: Limits) -> bytes:
    try:
        with warnings.catch_warnings():
            # Pillow warns about (and past twice its cap, refuses) huge images; ours is checked below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            frames = getattr(image, "n_frames", 1)
            if not 1 <= page <= frames:
                raise ExtractionFailed(f"no_page: the file has {frames} pages")
            image.seek(page - 1)
    except (ExtractionFailed, MemoryError):
        raise
    except Exception as exc:
        raise ExtractionFailed(f"malformed: the image cannot be read ({type(exc).__name__})") from exc
    width, height = image.size
    if width * height > limits.max_image_pixels:
        raise ExtractionFailed(f"too_large: a {width}x{height} image, limit {limits.max_image_pixels / 1e6:g} MP")
    # JPEG decodes straight to a fraction of its size: far less memory and time.
    image.draft("RGB", (MAX_SIDE, MAX_SIDE))
    upright: Image.Image = ImageOps.exif_transpose(image)
    if upright.mode in ("RGBA", "LA", "PA") or (upright.mode == "P" and "transparency" in upright.info):
        # Transparent pixels would turn black, and text drawn on them vanish.
        upright = Image.alpha_composite(Image.new("RGBA", upright.size, "white"), upright.convert("RGBA"))
    shown = upright.convert("RGB")
    shown.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    shown.save(buffer, format="PNG")
    return buffer.getvalue()
