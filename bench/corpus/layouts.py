"""The six page layouts as HTML and CSS for PyMuPDF's Story, plus the text pieces that the DOCX
renderer shares (contact items, job and education lines) so both formats print the same words."""

import functools
import html
import os
from dataclasses import dataclass

import pymupdf

from bench.corpus import i18n
from bench.corpus.model import Education, Job, Resume

FONT_DIR = os.environ.get("RESUME_CORPUS_FONT_DIR", "/usr/share/fonts/truetype/dejavu")
MARGIN = 48.0
ICONS = {"phone": "☎", "email": "✉", "location": "⌂", "link": "➚"}


def e(text: str) -> str:
    return html.escape(text, quote=False)


# --- Shared text pieces ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ContactItem:
    kind: str  # phone, email, location, link
    label: str  # "Tel.:" or "" when the resume prints no labels
    value: str

    def text(self) -> str:
        return f"{self.label} {self.value}" if self.label else self.value


def contact_items(resume: Resume) -> list[ContactItem]:
    labelled = resume.style.labels
    items = [ContactItem("location", resume.labels["address"] if labelled else "", resume.location)]
    items += [ContactItem("phone", resume.labels["phone"] if labelled else "", p.printed) for p in resume.phones]
    items += [ContactItem("email", resume.labels["email"] if labelled else "", m) for m in resume.emails]
    items += [ContactItem("link", "", link.printed) for link in resume.links]
    if resume.style.variant % 3 == 1:
        # Some resumes lead with the email and phone, location last.
        items = items[1:] + items[:1]
    return items


def job_lines(resume: Resume, job: Job) -> tuple[str, str]:
    """The job's heading pieces: (bold part, rest), e.g. ("Accountant", "Foo GmbH, Köln")."""
    city = f", {job.city}" if resume.style.job_city else ""
    if resume.style.employer_first:
        return job.employer + city, job.title
    return job.title, job.employer + city


def education_lines(edu: Education, *, with_city: bool) -> tuple[str, str]:
    return edu.line, edu.institution + (f", {edu.city}" if with_city else "")


def skills_text(resume: Resume) -> str:
    printed = [p for _, p in resume.skills]
    sep = {"comma": ", ", "pipes": " | ", "bullets": " • ", "lines": ", "}[resume.style.skills_style]
    return sep.join(printed)


def page_label(lang: str, page: int, pages: int) -> str:
    return {
        "en": f"Page {page} of {pages}",
        "de": f"Seite {page} von {pages}",
        "fr": f"Page {page}/{pages}",
        "es": f"Página {page} de {pages}",
    }[lang]


@functools.cache
def _metrics(font: str, bold: bool) -> pymupdf.Font:
    if font == "sans":
        return pymupdf.Font("hebo" if bold else "helv")
    # MuPDF's serif (Charis SIL) is narrower than DejaVu Serif, so DejaVu is a safe upper bound.
    name = {"serif": "DejaVuSerif", "dejavu-serif": "DejaVuSerif", "dejavu-sans": "DejaVuSans"}[font]
    return pymupdf.Font(fontfile=os.path.join(FONT_DIR, f"{name}{'-Bold' if bold else ''}.ttf"))


def text_width(resume: Resume, text: str, size: float, *, bold: bool = False) -> float:
    """Printed width of ``text`` in points, with a 5% margin."""
    font = "dejavu-sans" if resume.name.spec.script == "arabic" else resume.style.font
    return float(_metrics(font, bold).text_length(text, fontsize=size)) * 1.05


def fitting_size(
    resume: Resume, text: str, width: float, size: float, smallest: float = 6.5, *, bold: bool = False
) -> float:
    """The font size, at most ``size``, at which ``text`` fits on one line of ``width`` points."""
    needed = text_width(resume, text, 1.0, bold=bold)
    return max(smallest, min(size, round(width / needed - 0.05, 1))) if needed else size


def _column(resume: Resume, texts: list[str], size: float, pad: float = 14.0, cap: float = 190.0) -> str:
    """An explicit width for a nowrap table column. MuPDF measures such a column with another font
    than an embedded DejaVu one, so without it long dates overlap the next column."""
    return f"width: {_column_points(resume, texts, size, pad, cap):.0f}pt"


def _column_points(resume: Resume, texts: list[str], size: float, pad: float = 14.0, cap: float = 190.0) -> float:
    return min(cap, max(text_width(resume, t, size) for t in texts) + pad)


def _label_rows(resume: Resume, rows: list[tuple[str, str]]) -> str:
    """A two-column label/value table; both widths are set, or MuPDF shares spare width between them."""
    first = _column_points(resume, [k for k, _ in rows], 10.0)
    second = page_width(resume) - first
    return "".join(
        f"<tr><td class='label' style='width: {first:.0f}pt'>{e(k)}</td>"
        f"<td style='width: {second:.0f}pt'>{e(v)}</td></tr>"
        for k, v in rows
    )


# --- CSS ---------------------------------------------------------------------------------------

FONT_FACES = """
@font-face {font-family: dvsans; src: url(DejaVuSans.ttf);}
@font-face {font-family: dvsans; src: url(DejaVuSans-Bold.ttf); font-weight: bold;}
@font-face {font-family: dvsans; src: url(DejaVuSans-Oblique.ttf); font-style: italic;}
@font-face {font-family: dvserif; src: url(DejaVuSerif.ttf);}
@font-face {font-family: dvserif; src: url(DejaVuSerif-Bold.ttf); font-weight: bold;}
@font-face {font-family: dvserif; src: url(DejaVuSerif-Italic.ttf); font-style: italic;}
"""
FAMILIES = {"sans": "sans-serif", "serif": "serif", "dejavu-sans": "dvsans", "dejavu-serif": "dvserif"}


def css(resume: Resume, *, size: float = 10.0) -> str:
    family = FAMILIES[resume.style.font]
    if resume.name.spec.script == "arabic":
        # MuPDF's bundled Arabic font maps the lam-alef ligature to a wrong code point on
        # extraction; DejaVu Sans extracts it correctly.
        family = "dvsans"
    accent = resume.style.accent
    return (
        FONT_FACES
        + f"""
body {{font-family: {family}; font-size: {size}pt; color: #222222; line-height: 1.25;}}
p {{margin: 0 0 2pt 0;}}
h1 {{font-size: {size * 2.3:.1f}pt; margin: 0 0 3pt 0; color: {accent};}}
h2 {{font-size: {size * 1.2:.1f}pt; margin: 9pt 0 4pt 0; color: {accent}; border-bottom: 0.8pt solid {accent};}}
h3 {{font-size: {size * 1.05:.1f}pt; margin: 5pt 0 1pt 0;}}
ul {{margin: 1pt 0 4pt 14pt; padding: 0;}}
li {{margin: 0 0 1pt 0;}}
table {{width: 100%; border-collapse: collapse;}}
td {{vertical-align: top; padding: 0 0 3pt 0;}}
.dates {{color: #555555;}}
.right {{text-align: right; white-space: nowrap; color: #555555; padding-left: 8pt;}}
.left {{white-space: nowrap; color: #555555; padding-right: 12pt;}}
.muted {{color: #555555;}}
.headline {{font-size: {size * 1.25:.1f}pt; color: #444444; margin-bottom: 4pt;}}
.contact {{margin-bottom: 6pt;}}
.doctitle {{font-size: {size * 1.1:.1f}pt; color: #666666; margin-bottom: 6pt;}}
.bigtitle {{font-size: {size * 2.4:.1f}pt; color: {accent}; font-weight: bold; margin-bottom: 2pt;}}
.smallname {{font-size: {size * 1.6:.1f}pt; font-weight: bold; margin-bottom: 3pt;}}
.side h2 {{font-size: {size * 1.1:.1f}pt; border-bottom: none;}}
.side p {{margin-bottom: 3pt;}}
.band h1 {{color: #ffffff; font-size: {size * 2.6:.1f}pt; margin-bottom: 2pt;}}
.band p {{color: #ffffff; font-size: {size * 1.2:.1f}pt;}}
.label {{color: #555555; white-space: nowrap; padding-right: 14pt;}}
"""
    )


# --- Sections ----------------------------------------------------------------------------------


def page_width(resume: Resume) -> float:
    return float(pymupdf.paper_rect(resume.style.paper).width) - 2 * MARGIN


def _fit(resume: Resume, text: str, width: float, size: float, *, bold: bool = True) -> str:
    """Inline style that keeps a name or title on one line, as a designer would."""
    return f"font-size: {fitting_size(resume, text, width, size, smallest=12.0, bold=bold)}pt"


def _name_h1(resume: Resume, width: float, size: float = 23.0) -> str:
    return f"<h1 style='{_fit(resume, resume.name.printed, width, size)}'>{e(resume.name.printed)}</h1>"


def _name_block(resume: Resume, width: float | None = None) -> str:
    out = _name_h1(resume, width or page_width(resume))
    if resume.name.secondary:
        out += f"<p class='headline'>{e(resume.name.secondary)}</p>"
    if resume.style.headline:
        out += f"<p class='headline'>{e(resume.headline)}</p>"
    return out


def _contact_line(resume: Resume) -> str:
    items = contact_items(resume)
    if resume.style.labels:
        return "".join(f"<p>{e(item.text())}</p>" for item in items)
    return f"<p class='contact'>{e(resume.style.contact_sep.join(item.text() for item in items))}</p>"


def _summary(resume: Resume) -> str:
    if not resume.summary:
        return ""
    return f"<h2>{e(resume.headings['summary'])}</h2><p>{e(resume.summary)}</p>"


def _bullets(job: Job) -> str:
    if not job.bullets:
        return ""
    return "<ul>" + "".join(f"<li>{e(b)}</li>" for b in job.bullets) + "</ul>"


def _experience_stacked(resume: Resume) -> str:
    out = f"<h2>{e(resume.headings['experience'])}</h2>"
    for job in resume.jobs:
        bold, rest = job_lines(resume, job)
        if resume.style.employer_first:
            out += f"<h3>{e(bold)}</h3><p><i>{e(rest)}</i></p>"
        else:
            out += f"<h3>{e(bold)}</h3><p>{e(rest)}</p>"
        out += f"<p class='dates'>{e(job.dates)}</p>{_bullets(job)}"
    return out


def _experience_right_dates(resume: Resume) -> str:
    out = f"<h2>{e(resume.headings['experience'])}</h2>"
    for job in resume.jobs:
        bold, rest = job_lines(resume, job)
        width = _column(resume, [job.dates], 9.0, pad=10.0)
        out += (
            f"<table><tr><td><b>{e(bold)}</b> · {e(rest)}</td>"
            f"<td class='right' style='{width}'>{e(job.dates)}</td></tr></table>{_bullets(job)}"
        )
    return out


def _experience_left_dates(resume: Resume) -> str:
    rows = ""
    width = _column(resume, [job.dates for job in resume.jobs] + [edu.dates for edu in resume.education], 10.0)
    for job in resume.jobs:
        bold, rest = job_lines(resume, job)
        bullets = "".join(f"<br/>{i18n.EN_DASH} {e(b)}" for b in job.bullets)
        rows += (
            f"<tr><td class='left' style='{width}'>{e(job.dates)}</td>"
            f"<td><b>{e(bold)}</b><br/><i>{e(rest)}</i>{bullets}</td></tr>"
        )
    return f"<h2>{e(resume.headings['experience'])}</h2><table>{rows}</table>"


def _education_stacked(resume: Resume) -> str:
    out = f"<h2>{e(resume.headings['education'])}</h2>"
    for edu in resume.education:
        line, where = education_lines(edu, with_city=resume.style.job_city)
        out += f"<p><b>{e(line)}</b></p><p>{e(where)}</p><p class='dates'>{e(edu.dates)}</p>"
    return out


def _education_right_dates(resume: Resume) -> str:
    out = f"<h2>{e(resume.headings['education'])}</h2>"
    for edu in resume.education:
        line, where = education_lines(edu, with_city=resume.style.job_city)
        width = _column(resume, [edu.dates], 9.0, pad=10.0)
        out += (
            f"<table><tr><td><b>{e(line)}</b> · {e(where)}</td>"
            f"<td class='right' style='{width}'>{e(edu.dates)}</td></tr></table>"
        )
    return out


def _education_left_dates(resume: Resume) -> str:
    rows = ""
    width = _column(resume, [job.dates for job in resume.jobs] + [edu.dates for edu in resume.education], 10.0)
    for edu in resume.education:
        line, where = education_lines(edu, with_city=resume.style.job_city)
        rows += f"<tr><td class='left' style='{width}'>{e(edu.dates)}</td><td><b>{e(line)}</b><br/>{e(where)}</td></tr>"
    return f"<h2>{e(resume.headings['education'])}</h2><table>{rows}</table>"


def _skills(resume: Resume) -> str:
    head = f"<h2>{e(resume.headings['skills'])}</h2>"
    if resume.style.skills_style == "lines":
        return head + "<ul>" + "".join(f"<li>{e(p)}</li>" for _, p in resume.skills) + "</ul>"
    return head + f"<p>{e(skills_text(resume))}</p>"


def _languages(resume: Resume) -> str:
    return f"<h2>{e(resume.headings['languages'])}</h2><p>{e(', '.join(resume.languages))}</p>"


def _interests(resume: Resume) -> str:
    if not resume.interests:
        return ""
    return f"<h2>{e(resume.headings['interests'])}</h2><p>{e(', '.join(resume.interests))}</p>"


def _body(resume: Resume, experience: str, education: str) -> str:
    parts = [_summary(resume)]
    parts += [education, experience] if resume.style.edu_first else [experience, education]
    parts += [_skills(resume), _languages(resume), _interests(resume)]
    return "".join(parts)


# --- Layouts -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageHtml:
    """What render_pdf places: the main flow, and for two layouts a box on the first page."""

    main: str
    side: str = ""  # sidebar layout: left column on page 1
    band: str = ""  # banner layout: coloured band across the top of page 1
    side_width: float = 0.0  # points
    band_height: float = 0.0  # points


def classic(resume: Resume) -> PageHtml:
    top = f"<p class='doctitle'>{e(resume.doc_title)}</p>" if resume.doc_title else ""
    head = f"<div style='text-align: center'>{top}{_name_block(resume)}{_contact_line(resume)}</div>"
    if resume.style.variant % 2:
        head = f"{top}{_name_block(resume)}{_contact_line(resume)}"
    return PageHtml(head + _body(resume, _experience_stacked(resume), _education_stacked(resume)))


SIDE_WIDTH = 200.0
SIDE_TEXT_WIDTH = SIDE_WIDTH - 22 - 16 - 4  # render_pdf places the sidebar 22pt in, 16pt short of its edge


def sidebar(resume: Resume) -> PageHtml:
    side = f"<h2>{e(resume.headings['contact'])}</h2>"
    for item in contact_items(resume):
        icon = "" if item.label else f"{ICONS[item.kind]} "
        # The icons come from a fallback font the metrics do not know; leave them room.
        size = fitting_size(resume, item.text(), SIDE_TEXT_WIDTH - (14 if icon else 0), 9.0)
        side += f"<p style='font-size: {size}pt'>{e(icon + item.text())}</p>"
    side += f"<h2>{e(resume.headings['skills'])}</h2>"
    side += "".join(f"<p>{e(p)}</p>" for _, p in resume.skills)
    side += f"<h2>{e(resume.headings['languages'])}</h2>"
    side += "".join(f"<p>{e(lang)}</p>" for lang in resume.languages)
    name = _name_block(resume, page_width(resume) + MARGIN - SIDE_WIDTH - 18)
    education_in_side = resume.style.variant % 4 == 0
    if education_in_side:
        side += f"<h2>{e(resume.headings['education'])}</h2>"
        for edu in resume.education:
            side += f"<p><b>{e(edu.line)}</b><br/>{e(edu.institution)}<br/>{e(edu.dates)}</p>"
    main = name + _summary(resume) + _experience_stacked(resume)
    if not education_in_side:
        main += _education_stacked(resume)
    main += _interests(resume)
    return PageHtml(main=main, side=f"<div class='side'>{side}</div>", side_width=SIDE_WIDTH)


def banner(resume: Resume) -> PageHtml:
    band = f"<div class='band'>{_name_h1(resume, page_width(resume), 26.0)}"
    if resume.name.secondary:
        band += f"<p>{e(resume.name.secondary)}</p>"
    band += f"<p>{e(resume.headline)}</p></div>"
    sep = resume.style.contact_sep
    contact = f"<p class='contact'>{e(sep.join(item.text() for item in contact_items(resume)))}</p>"
    return PageHtml(
        main=contact + _body(resume, _experience_stacked(resume), _education_stacked(resume)),
        band=band,
        band_height=96.0 if resume.name.secondary else 84.0,
    )


def table(resume: Resume) -> PageHtml:
    top = f"<p class='doctitle'>{e(resume.doc_title)}</p>" if resume.doc_title else ""
    rows = _label_rows(resume, [(kind_label(resume, item.kind), item.value) for item in contact_items(resume)])
    head = f"{top}{_name_block(resume)}<table>{rows}</table>"
    return PageHtml(head + _body(resume, _experience_left_dates(resume), _education_left_dates(resume)))


def kind_label(resume: Resume, kind: str) -> str:
    if kind == "link":
        return "Web"
    key = {"location": "address"}.get(kind, kind)
    return resume.labels[key].rstrip(" :")


def compact(resume: Resume) -> PageHtml:
    items = contact_items(resume)
    contact = "<br/>".join(e(item.text()) for item in items)
    contact_width = max(text_width(resume, item.text(), 9.0) for item in items) + 12
    name = _name_h1(resume, page_width(resume) - contact_width, 21.0)
    if resume.name.secondary:
        name += f"<p>{e(resume.name.secondary)}</p>"
    if resume.style.headline:
        name += f"<p class='headline'>{e(resume.headline)}</p>"
    head = (
        f"<table><tr><td>{name}</td>"
        f"<td class='right' style='color: #222222; width: {contact_width:.0f}pt'>{contact}</td></tr></table>"
    )
    return PageHtml(head + _body(resume, _experience_right_dates(resume), _education_right_dates(resume)))


def title_first(resume: Resume) -> PageHtml:
    title = resume.doc_title or resume.headline
    if resume.style.personal_details:
        personal = i18n.PERSONAL[resume.lang]
        rows = [(personal["name"], resume.name.printed)]
        rows += [(personal["address"], resume.location)]
        rows += [(personal["phone"], p.printed) for p in resume.phones]
        rows += [(personal["email"], m) for m in resume.emails]
        rows += [(personal["birth"], resume.birth_date)]
        rows += [("Web", link.printed) for link in resume.links]
        table_rows = _label_rows(resume, [(f"{k}:", v) for k, v in rows])
        big = f"<p class='bigtitle' style='{_fit(resume, title, page_width(resume), 24.0)}'>{e(title)}</p>"
        head = f"{big}<h2>{e(personal['heading'])}</h2><table>{table_rows}</table>"
        return PageHtml(head + _body(resume, _experience_left_dates(resume), _education_left_dates(resume)))
    if resume.style.headline_large:
        head = (
            f"<p class='bigtitle' style='{_fit(resume, title, page_width(resume), 24.0)}'>{e(title)}</p>"
            f"<p class='smallname'>{e(resume.name.printed)}</p>"
        )
    else:
        head = f"<p class='doctitle'>{e(title)}</p>{_name_h1(resume, page_width(resume))}"
    if resume.name.secondary:
        head += f"<p>{e(resume.name.secondary)}</p>"
    head += _contact_line(resume)
    return PageHtml(head + _body(resume, _experience_stacked(resume), _education_stacked(resume)))


LAYOUT_HTML = {
    "classic": classic,
    "sidebar": sidebar,
    "banner": banner,
    "table": table,
    "compact": compact,
    "title_first": title_first,
}
