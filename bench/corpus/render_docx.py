"""Renders a resume to DOCX: a small hand-written OOXML package (styles, bullet numbering, tables,
tab stops, hyperlinks, an optional page header), zipped with fixed timestamps so the bytes depend
on the seed only. Checked to open and lay out in LibreOffice and PyMuPDF."""

import io
import zipfile
from xml.sax.saxutils import escape, quoteattr

from bench.corpus import i18n, layouts
from bench.corpus.layouts import contact_items, education_lines, job_lines
from bench.corpus.model import GENERATOR, Resume

W_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
FONTS = {"sans": "Calibri", "serif": "Cambria", "dejavu-sans": "Arial", "dejavu-serif": "Georgia"}
PAGE = {"a4": (11906, 16838), "letter": (12240, 15840)}  # twips
MARGIN = 1000  # twips
ZIP_DATE = (2026, 11, 26, 0, 0, 0)


class Docx:
    """Collects body XML and the relationships it needs."""

    def __init__(self, resume: Resume) -> None:
        self.resume = resume
        self.accent = resume.style.accent.lstrip("#")
        self.font = FONTS[resume.style.font]
        width, height = PAGE[resume.style.paper]
        self.page = (width, height)
        self.text_width = width - 2 * MARGIN
        self.body: list[str] = []
        self.header: list[str] = []
        self.links: list[str] = []  # targets of external hyperlink relationships

    # Runs and paragraphs.

    def run(
        self,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        size: float | None = None,
        color: str | None = None,
    ) -> str:
        props = ""
        if bold:
            props += "<w:b/>"
        if italic:
            props += "<w:i/>"
        if color:
            props += f'<w:color w:val="{color.lstrip("#")}"/>'
        if size:
            props += f'<w:sz w:val="{round(size * 2)}"/>'
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        pieces = []
        for i, part in enumerate(text.split("\t")):
            if i:
                pieces.append("<w:tab/>")
            if part:
                pieces.append(f'<w:t xml:space="preserve">{escape(part)}</w:t>')
        return f"<w:r>{rpr}{''.join(pieces)}</w:r>"

    def hyperlink(self, text: str, url: str) -> str:
        self.links.append(url)
        rid = f"rIdLink{len(self.links)}"
        run = f'<w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
        return f'<w:hyperlink r:id="{rid}">{run}</w:hyperlink>'

    def para(
        self,
        content: str | list[str],
        *,
        style: str | None = None,
        align: str | None = None,
        right_tab: bool = False,
        after: int | None = None,
        shade: str | None = None,
        bullet: bool = False,
        border: bool = False,
    ) -> str:
        runs = self.run(content) if isinstance(content, str) else "".join(content)
        props = ""
        if style:
            props += f'<w:pStyle w:val="{style}"/>'
        if bullet:
            props += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
        if border:
            props += f'<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="{self.accent}"/></w:pBdr>'
        if shade:
            props += f'<w:shd w:val="clear" w:color="auto" w:fill="{shade.lstrip("#")}"/>'
        if right_tab:
            props += f'<w:tabs><w:tab w:val="right" w:pos="{self.text_width}"/></w:tabs>'
        if after is not None:
            props += f'<w:spacing w:after="{after}"/>'
        if align:
            props += f'<w:jc w:val="{align}"/>'
        ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
        return f"<w:p>{ppr}{runs}</w:p>"

    def table(self, rows: list[list[list[str]]], widths: list[int], *, shade_first: str | None = None) -> str:
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        out = (
            '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/>'
            '<w:tblCellMar><w:left w:w="60" w:type="dxa"/><w:right w:w="120" w:type="dxa"/></w:tblCellMar>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
        )
        for row in rows:
            out += "<w:tr>"
            for i, (cell, width) in enumerate(zip(row, widths, strict=True)):
                shade = (
                    f'<w:shd w:val="clear" w:color="auto" w:fill="{shade_first.lstrip("#")}"/>'
                    if shade_first and i == 0
                    else ""
                )
                paragraphs = "".join(cell) or "<w:p/>"
                out += f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>{paragraphs}</w:tc>'
            out += "</w:tr>"
        return out + "</w:tbl>"

    # Package.

    def package(self) -> bytes:
        width, height = self.page
        header_ref = '<w:headerReference w:type="default" r:id="rIdHeader1"/>' if self.header else ""
        sect = (
            f'<w:sectPr>{header_ref}<w:pgSz w:w="{width}" w:h="{height}"/>'
            f'<w:pgMar w:top="900" w:right="{MARGIN}" w:bottom="900" w:left="{MARGIN}" w:header="500" '
            'w:footer="500" w:gutter="0"/></w:sectPr>'
        )
        document = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W_NS}><w:body>'
            f"{''.join(self.body)}{sect}</w:body></w:document>"
        )
        rels = [
            '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/styles" Target="styles.xml"/>',
            '<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/numbering" Target="numbering.xml"/>',
        ]
        if self.header:
            rels.append(
                '<Relationship Id="rIdHeader1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/header" Target="header1.xml"/>'
            )
        rels += [
            f'<Relationship Id="rIdLink{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/hyperlink" Target={quoteattr(url)} TargetMode="External"/>'
            for i, url in enumerate(self.links, start=1)
        ]
        header_override = (
            '<Override PartName="/word/header1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
            if self.header
            else ""
        )
        parts = {
            "[Content_Types].xml": (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/word/document.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                '<Override PartName="/word/styles.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
                '<Override PartName="/word/numbering.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
                f"{header_override}"
                '<Override PartName="/docProps/core.xml" ContentType="application/'
                'vnd.openxmlformats-package.core-properties+xml"/></Types>'
            ),
            "_rels/.rels": (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/officeDocument" Target="word/document.xml"/>'
                '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
                'metadata/core-properties" Target="docProps/core.xml"/></Relationships>'
            ),
            "word/_rels/document.xml.rels": (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f"{''.join(rels)}</Relationships>"
            ),
            "word/document.xml": document,
            "word/styles.xml": self._styles(),
            "word/numbering.xml": NUMBERING,
            "docProps/core.xml": self._core(),
        }
        if self.header:
            parts["word/header1.xml"] = (
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr {W_NS}>{"".join(self.header)}</w:hdr>'
            )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in parts.items():
                info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, text.encode("utf-8"))
        return buffer.getvalue()

    def _styles(self) -> str:
        accent = self.accent
        size = 20 if self.resume.layout != "compact" else 18  # half-points

        def style(style_id: str, name: str, ppr: str, rpr: str, based: str = "Normal") -> str:
            return (
                f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
                f'<w:basedOn w:val="{based}"/><w:next w:val="Normal"/><w:qFormat/>'
                f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
            )

        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {W_NS}>'
            f'<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{self.font}" w:hAnsi="{self.font}" '
            f'w:cs="{self.font}" w:eastAsia="{self.font}"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
            '<w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
            '<w:spacing w:after="40" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
            "</w:style>"
            + style(
                "Title", "Title", '<w:spacing w:after="60"/>', f'<w:b/><w:color w:val="{accent}"/><w:sz w:val="48"/>'
            )
            + style(
                "Heading1",
                "heading 1",
                '<w:keepNext/><w:spacing w:before="200" w:after="60"/><w:outlineLvl w:val="0"/>',
                f'<w:b/><w:color w:val="{accent}"/><w:sz w:val="24"/>',
            )
            + style(
                "Heading2",
                "heading 2",
                '<w:keepNext/><w:spacing w:before="100" w:after="0"/><w:outlineLvl w:val="1"/>',
                '<w:b/><w:sz w:val="21"/>',
            )
            + style("ListBullet", "List Bullet", '<w:ind w:left="360" w:hanging="220"/><w:spacing w:after="0"/>', "")
            + '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
            '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>'
            "</w:styles>"
        )

    def _core(self) -> str:
        resume = self.resume
        author = resume.name.printed if resume.style.variant % 3 == 0 else GENERATOR
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(resume.doc_title or resume.headline)}</dc:title>"
            f"<dc:creator>{escape(author)}</dc:creator>"
            '<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-26T00:00:00Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-26T00:00:00Z</dcterms:modified>'
            "</cp:coreProperties>"
        )


NUMBERING = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering {W_NS}>'
    '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="220"/></w:pPr></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
)


# --- Shared blocks ----------------------------------------------------------------------------


def _contact_paragraphs(doc: Docx, *, align: str | None = None) -> list[str]:
    resume = doc.resume
    items = contact_items(resume)
    if resume.style.labels:
        return [
            doc.para(
                [doc.hyperlink(i.text(), _url(resume, i.value)) if i.kind == "link" else doc.run(i.text())],
                align=align,
                after=0,
            )
            for i in items
        ]
    runs: list[str] = []
    for n, item in enumerate(items):
        if n:
            runs.append(doc.run(resume.style.contact_sep))
        runs.append(
            doc.hyperlink(item.text(), _url(resume, item.value)) if item.kind == "link" else doc.run(item.text())
        )
    return [doc.para(runs, align=align, after=120)]


def _url(resume: Resume, printed: str) -> str:
    for link in resume.links:
        if link.printed == printed:
            return link.url
    return printed


def _name(doc: Docx, *, align: str | None = None) -> list[str]:
    resume = doc.resume
    out = [doc.para(resume.name.printed, style="Title", align=align)]
    if resume.name.secondary:
        out.append(doc.para([doc.run(resume.name.secondary, size=12, color="555555")], align=align))
    if resume.style.headline:
        out.append(doc.para([doc.run(resume.headline, size=12, color="444444")], align=align, after=80))
    return out


def _heading(doc: Docx, key: str) -> str:
    return doc.para(doc.resume.headings[key], style="Heading1", border=True)


def _summary(doc: Docx) -> list[str]:
    if not doc.resume.summary:
        return []
    return [_heading(doc, "summary"), doc.para(doc.resume.summary)]


def _experience_stacked(doc: Docx) -> list[str]:
    resume = doc.resume
    out = [_heading(doc, "experience")]
    for job in resume.jobs:
        bold, rest = job_lines(resume, job)
        out.append(doc.para(bold, style="Heading2"))
        out.append(doc.para([doc.run(rest, italic=resume.style.employer_first)], after=0))
        out.append(doc.para([doc.run(job.dates, color="555555")], after=20))
        out += [doc.para(b, style="ListBullet", bullet=True) for b in job.bullets]
    return out


def _experience_tabbed(doc: Docx) -> list[str]:
    resume = doc.resume
    out = [_heading(doc, "experience")]
    for job in resume.jobs:
        bold, rest = job_lines(resume, job)
        runs = [doc.run(bold, bold=True), doc.run(f" · {rest}"), doc.run(f"\t{job.dates}", color="555555")]
        out.append(doc.para(runs, right_tab=True, after=0))
        out += [doc.para(b, style="ListBullet", bullet=True) for b in job.bullets]
    return out


def _date_column_widths(doc: Docx) -> list[int]:
    resume = doc.resume
    longest = max(layouts.text_width(resume, d, 10.0) for d in _all_dates(resume))
    first = min(3400, int(longest * 20) + 300)  # points -> twips, plus cell margins
    return [first, doc.text_width - first]


def _all_dates(resume: Resume) -> list[str]:
    return [job.dates for job in resume.jobs] + [edu.dates for edu in resume.education]


def _experience_table(doc: Docx) -> list[str]:
    resume = doc.resume
    rows = []
    for job in resume.jobs:
        bold, rest = job_lines(resume, job)
        cell = [doc.para([doc.run(bold, bold=True)], after=0), doc.para([doc.run(rest, italic=True)], after=0)]
        cell += [doc.para(b, style="ListBullet", bullet=True) for b in job.bullets]
        rows.append([[doc.para([doc.run(job.dates, color="555555")])], cell])
    return [_heading(doc, "experience"), doc.table(rows, _date_column_widths(doc))]


def _education_stacked(doc: Docx) -> list[str]:
    resume = doc.resume
    out = [_heading(doc, "education")]
    for edu in resume.education:
        line, where = education_lines(edu, with_city=resume.style.job_city)
        out += [doc.para(line, style="Heading2"), doc.para(where, after=0)]
        out.append(doc.para([doc.run(edu.dates, color="555555")]))
    return out


def _education_tabbed(doc: Docx) -> list[str]:
    resume = doc.resume
    out = [_heading(doc, "education")]
    for edu in resume.education:
        line, where = education_lines(edu, with_city=resume.style.job_city)
        runs = [doc.run(line, bold=True), doc.run(f" · {where}"), doc.run(f"\t{edu.dates}", color="555555")]
        out.append(doc.para(runs, right_tab=True, after=20))
    return out


def _education_table(doc: Docx) -> list[str]:
    resume = doc.resume
    rows = []
    for edu in resume.education:
        line, where = education_lines(edu, with_city=resume.style.job_city)
        cell = [doc.para([doc.run(line, bold=True)], after=0), doc.para(where)]
        rows.append([[doc.para([doc.run(edu.dates, color="555555")])], cell])
    return [_heading(doc, "education"), doc.table(rows, _date_column_widths(doc))]


def _skills(doc: Docx) -> list[str]:
    resume = doc.resume
    out = [_heading(doc, "skills")]
    if resume.style.skills_style == "lines":
        return out + [doc.para(p, style="ListBullet", bullet=True) for _, p in resume.skills]
    return [*out, doc.para(layouts.skills_text(resume))]


def _tail(doc: Docx) -> list[str]:
    resume = doc.resume
    out = [_heading(doc, "languages"), doc.para(", ".join(resume.languages))]
    if resume.interests:
        out += [_heading(doc, "interests"), doc.para(", ".join(resume.interests))]
    return out


def _body(doc: Docx, experience: list[str], education: list[str]) -> list[str]:
    parts = _summary(doc)
    parts += education + experience if doc.resume.style.edu_first else experience + education
    return parts + _skills(doc) + _tail(doc)


def _contact_into(doc: Docx, *, align: str | None = None) -> list[str]:
    """Contact paragraphs for the body, or none when this resume keeps them in the page header."""
    paragraphs = _contact_paragraphs(doc, align=align)
    if doc.resume.style.docx_header_contact:
        doc.header = paragraphs
        return []
    return paragraphs


# --- Layouts -----------------------------------------------------------------------------------


def classic(doc: Docx) -> None:
    resume = doc.resume
    align = "center" if resume.style.variant % 2 == 0 else None
    if resume.doc_title:
        doc.body.append(doc.para([doc.run(resume.doc_title, color="666666", size=11)], align=align))
    doc.body += _name(doc, align=align) + _contact_into(doc, align=align)
    doc.body += _body(doc, _experience_stacked(doc), _education_stacked(doc))


def sidebar(doc: Docx) -> None:
    resume = doc.resume
    side = [doc.para(resume.headings["contact"], style="Heading1")]
    for item in contact_items(resume):
        icon = "" if item.label else f"{layouts.ICONS[item.kind]} "
        runs = [doc.run(icon)] if icon else []
        if item.kind == "link":
            runs.append(doc.hyperlink(item.text(), _url(resume, item.value)))
        else:
            runs.append(doc.run(item.text(), size=8.5))
        side.append(doc.para(runs, after=40))
    side.append(doc.para(resume.headings["skills"], style="Heading1"))
    side += [doc.para(p, after=20) for _, p in resume.skills]
    side.append(doc.para(resume.headings["languages"], style="Heading1"))
    side += [doc.para(lang, after=20) for lang in resume.languages]
    main = _name(doc) + _summary(doc) + _experience_stacked(doc) + _education_stacked(doc)
    if resume.interests:
        main += [_heading(doc, "interests"), doc.para(", ".join(resume.interests))]
    left = 3300
    doc.body.append(doc.table([[side, main]], [left, doc.text_width - left], shade_first="EEF0F2"))


def banner(doc: Docx) -> None:
    resume = doc.resume
    accent = resume.style.accent
    doc.body.append(doc.para([doc.run(resume.name.printed, bold=True, size=26, color="FFFFFF")], shade=accent))
    if resume.name.secondary:
        doc.body.append(doc.para([doc.run(resume.name.secondary, size=12, color="FFFFFF")], shade=accent))
    doc.body.append(doc.para([doc.run(resume.headline, size=12, color="FFFFFF")], shade=accent, after=160))
    doc.body += _contact_into(doc)
    doc.body += _body(doc, _experience_stacked(doc), _education_stacked(doc))


def table(doc: Docx) -> None:
    resume = doc.resume
    if resume.doc_title:
        doc.body.append(doc.para([doc.run(resume.doc_title, color="666666", size=11)]))
    doc.body += _name(doc)
    if resume.style.docx_header_contact:
        doc.header = _contact_paragraphs(doc)
    else:
        rows = []
        for item in contact_items(resume):
            label = layouts.kind_label(resume, item.kind)
            value = doc.hyperlink(item.value, _url(resume, item.value)) if item.kind == "link" else doc.run(item.value)
            rows.append([[doc.para([doc.run(label, color="555555")], after=0)], [doc.para([value], after=0)]])
        doc.body.append(doc.table(rows, [1800, doc.text_width - 1800]))
    doc.body += _body(doc, _experience_table(doc), _education_table(doc))


def compact(doc: Docx) -> None:
    resume = doc.resume
    name = _name(doc)
    if resume.style.docx_header_contact:
        doc.body += name
        doc.header = _contact_paragraphs(doc)
    else:
        contact = [doc.para(item.text(), align="right", after=0) for item in contact_items(resume)]
        right = 4200
        doc.body.append(doc.table([[name, contact]], [doc.text_width - right, right]))
    doc.body += _body(doc, _experience_tabbed(doc), _education_tabbed(doc))


def title_first(doc: Docx) -> None:
    resume = doc.resume
    title = resume.doc_title or resume.headline
    if resume.style.personal_details:
        personal = i18n.PERSONAL[resume.lang]
        doc.body.append(doc.para(title, style="Title"))
        doc.body.append(doc.para(personal["heading"], style="Heading1", border=True))
        pairs = [(personal["name"], resume.name.printed), (personal["address"], resume.location)]
        pairs += [(personal["phone"], p.printed) for p in resume.phones]
        pairs += [(personal["email"], m) for m in resume.emails]
        pairs += [(personal["birth"], resume.birth_date)]
        pairs += [("Web", link.printed) for link in resume.links]
        rows = [[[doc.para([doc.run(f"{k}:", color="555555")], after=0)], [doc.para(v, after=0)]] for k, v in pairs]
        doc.body.append(doc.table(rows, [2600, doc.text_width - 2600]))
        doc.body += _body(doc, _experience_table(doc), _education_table(doc))
        return
    if resume.style.headline_large:
        doc.body.append(doc.para(title, style="Title"))
        doc.body.append(doc.para([doc.run(resume.name.printed, bold=True, size=16)]))
    else:
        doc.body.append(doc.para([doc.run(title, color="666666", size=11)]))
        doc.body.append(doc.para(resume.name.printed, style="Title"))
    if resume.name.secondary:
        doc.body.append(doc.para(resume.name.secondary))
    doc.body += _contact_into(doc)
    doc.body += _body(doc, _experience_stacked(doc), _education_stacked(doc))


LAYOUT_DOCX = {
    "classic": classic,
    "sidebar": sidebar,
    "banner": banner,
    "table": table,
    "compact": compact,
    "title_first": title_first,
}


def render(resume: Resume) -> bytes:
    doc = Docx(resume)
    LAYOUT_DOCX[resume.layout](doc)
    return doc.package()
