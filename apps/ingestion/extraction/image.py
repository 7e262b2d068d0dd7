"""Image files (PNG, JPEG, TIFF, GIF, BMP, WebP) to lines by OCR, one frame per page."""

import io
import math
import warnings

from PIL import Image, ImageOps

from apps.ingestion.document import Document, Line
from apps.ingestion.extraction.layout import reading_order, to_lines
from apps.ingestion.extraction.limits import Budget, ExtractionFailed, out_of_memory
from apps.ingestion.extraction.ocr import ocr_image

# Without a resolution in the file, assume the image spans a letter-width page.
_ASSUMED_PAGE_INCHES = 8.5
_MIN_DPI, _MAX_DPI = 70, 1200


def extract_image(data: bytes, budget: Budget) -> Document:
    limits = budget.limits
    try:
        with warnings.catch_warnings():
            # Pillow warns about (and past twice its cap, refuses) huge images; ours is checked below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            frames = getattr(image, "n_frames", 1)
    except Image.DecompressionBombError as exc:
        raise ExtractionFailed(f"too_large: {exc}") from exc
    except Exception as exc:
        if out_of_memory(exc):
            raise
        raise ExtractionFailed(f"malformed: the image cannot be read ({type(exc).__name__})") from exc
    if frames > limits.max_pages:
        raise ExtractionFailed(f"too_many_pages: {frames} pages, limit {limits.max_pages}")
    notes: list[str] = []
    if frames > limits.max_ocr_pages:
        notes.append(f"ocr_truncated: {frames} pages need OCR, only the first {limits.max_ocr_pages} were read")
    lines: list[Line] = []
    lang: str | None = None
    done = []
    for frame in range(min(frames, limits.max_ocr_pages)):
        budget.check()
        try:
            image.seek(frame)
            width, height = image.size
            if width * height > limits.max_image_pixels:
                raise ExtractionFailed(
                    f"too_large: a {width}x{height} image, limit {limits.max_image_pixels / 1e6:g} megapixels"
                )
            page, dpi = _prepare(image, limits.max_render_pixels)
        except ExtractionFailed:
            raise
        except Exception as exc:
            if out_of_memory(exc):
                raise
            raise ExtractionFailed(f"malformed: the image cannot be decoded ({type(exc).__name__})") from exc
        boxes, lang = ocr_image(page, dpi=dpi, lang=lang, budget=budget)
        lines.extend(to_lines(reading_order(boxes), frame))
        done.append(frame)
    return Document(ok=True, kind="image", lines=lines, pages=frames, ocr_used=True, ocr_pages=done, warnings=notes)


def _prepare(image: Image.Image, max_pixels: int) -> tuple[Image.Image, int]:
    """A grey, upright image of at most ``max_pixels``, and its resolution in DPI."""
    width, height = image.size
    dpi = float(_resolution(image))
    if width * height > max_pixels:
        # JPEG decodes straight to a fraction of its size: far less memory and time.
        shrink = math.sqrt(max_pixels / (width * height))
        image.draft("L", (int(width * shrink), int(height * shrink)))
        dpi *= image.size[0] / width
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        # Transparent pixels would turn black; text drawn on them would vanish.
        background = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(background, image.convert("RGBA"))
    grey = image.convert("L")
    if grey.width * grey.height > max_pixels:
        shrink = math.sqrt(max_pixels / (grey.width * grey.height))
        dpi *= shrink
        size = (max(1, int(grey.width * shrink)), max(1, int(grey.height * shrink)))
        grey = grey.resize(size, Image.Resampling.LANCZOS)
    return grey, max(1, round(dpi))


def _resolution(image: Image.Image) -> int:
    declared = image.info.get("dpi")
    if (
        isinstance(declared, tuple)
        and declared
        and isinstance(declared[0], int | float)
        and _MIN_DPI <= declared[0] <= _MAX_DPI
    ):
        return round(declared[0])
    return min(_MAX_DPI, max(_MIN_DPI, round(image.size[0] / _ASSUMED_PAGE_INCHES)))
