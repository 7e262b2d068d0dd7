"""Pages of a stored resume as images, for the preview in the staff console.

The page is drawn in the extraction sandbox's child (apps.ingestion.extraction.
render), never in the web process: a hostile file that hangs or exhausts MuPDF
costs that child, and the staff user sees an image saying why the page is
missing instead of an error page. Drawn pages are at most ``render.MAX_DPI``
and ``render.MAX_SIDE`` pixels on their longer side."""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.translation import gettext as _

from apps.ingestion.extraction.render import MAX_DPI, RenderFailed, render_page

# What the resume page offers page images for. The child decides from the bytes:
# a file whose stored type lies gets the "cannot be drawn" image.
PREVIEWABLE = frozenset(
    {"application/pdf", "image/png", "image/jpeg", "image/tiff", "image/gif", "image/webp"}
)  # fmt: skip


# The render's failure codes (apps.ingestion.extraction.render.RenderFailed), as audited and logged.
FAILURES = frozenset({"timeout", "encrypted", "malformed", "no_preview", "too_large", "crashed"})


class NoSuchPage(Exception):
    """The file has fewer pages than the one asked for."""


@dataclass(frozen=True)
class PageImage:
    content: bytes
    content_type: str
    failure: str  # the render's reason code when the page could not be drawn, else ""


def page_image(data: bytes, number: int) -> PageImage:
    """Page ``number`` (1-based) of a resume file: the page drawn as PNG, or an
    SVG image that says why it cannot be. NoSuchPage past the last page."""
    try:
        png = render_page(data, page=number, dpi=MAX_DPI)
    except RenderFailed as failed:
        if failed.code == "no_page":
            raise NoSuchPage(failed.reason) from failed
        # The code comes from the sandbox's child, which a hostile file may control: only known ones are kept.
        code = failed.code if failed.code in FAILURES else "crashed"
        return PageImage(_failure_image(code), "image/svg+xml", code)
    return PageImage(png, "image/png", "")


def _why(code: str) -> str:
    if code == "timeout":
        return _("This page took too long to draw.")
    if code == "encrypted":
        return _("The file is password-protected.")
    if code == "malformed":
        return _("The file is damaged.")
    if code == "no_preview":
        return _("This kind of file has no page preview.")
    if code == "too_large":
        return _("This page is too large to draw.")
    return _("This page could not be drawn.")


def _failure_image(code: str) -> bytes:
    """A page-shaped placeholder with the reason and what to do instead (the
    user's language; the text is ours, never the file's)."""
    why = _why(code)
    texts = "".join(
        f'<text x="50%" y="{y}" text-anchor="middle">{escape(line)}</text>'
        for y, line in ((180, why), (215, _("Download the original file to see it.")))
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="560" height="400" viewBox="0 0 560 400" role="img">'
        f"<title>{escape(why)}</title>"
        '<rect x="1" y="1" width="558" height="398" fill="#fff3cd" stroke="#999"/>'
        f'<g font-family="sans-serif" font-size="18" fill="#333">{texts}</g></svg>'
    ).encode()
