"""OCR: scanned PDFs and image files read by Tesseract; text layers left alone."""

# ruff: noqa: RUF001  # the Turkish dotless i, Cyrillic letters and CJK punctuation, as resumes print them

import io
import json
import re
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFilter

from apps.ingestion.extraction import Limits, extract, extract_in_process, ocr
from apps.ingestion.extraction.layout import Box, reading_order
from apps.ingestion.extraction.limits import Budget, ExtractionFailed
from apps.ingestion.extraction.ocr import _unsure_tall_run, detect_language, line_boxes, tsv_lines
from apps.ingestion.extraction.ocr_addresses import reread_addresses
from apps.ingestion.extraction.ocr_words import (
    DOT,
    Word,
    join_hyphen_wraps,
    letter_spaced,
    merge_readings,
    repair_line,
)
from tests.ingestion.conftest import SHARED_DATA, build_pdf, mupdf


def _normalized(text: str) -> str:
    return re.sub(r"\s+", " ", text).casefold()


def _scans() -> list[str]:
    folder = SHARED_DATA / "resumes" / "scanned"
    return sorted(path.name for path in folder.glob("*.pdf")) if folder.is_dir() else []


@pytest.mark.parametrize("name", _scans())
def test_a_scanned_resume_yields_the_persons_name_and_email(resumes: Path, name: str) -> None:
    path = resumes / "scanned" / name
    expected = json.loads(path.with_name(name + ".expected.json").read_text())
    document = extract(path.read_bytes(), filename=name)
    assert document.ok, document.reason
    assert document.ocr_used
    assert document.ocr_pages == [0]
    text = _normalized(document.text)
    assert _normalized(expected["name"]) in text
    for email in expected["emails"]:
        assert email.casefold() in text


def _page_image(lines: list[str], *, dpi: int = 150) -> Image.Image:
    """A picture of text: a PDF page drawn by PyMuPDF, rendered to pixels."""
    pdf = mupdf.open(stream=build_pdf([[(40, 50 + 24 * i, line, 14) for i, line in enumerate(lines)]], height=300))
    pixmap = pdf[0].get_pixmap(dpi=dpi, colorspace=mupdf.csGRAY)
    return Image.frombytes("L", (pixmap.width, pixmap.height), pixmap.samples)


def _encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def test_an_image_file_is_ocred_with_positions_in_points() -> None:
    image = _page_image(["Jane Roe", "jane.roe@example.com", "Senior Software Engineer"])
    document = extract(_encoded(image, "PNG", dpi=(150, 150)), filename="scan.png")
    assert document.ok, document.reason
    assert (document.kind, document.ocr_used, document.ocr_pages, document.pages) == ("image", True, [0], 1)
    assert [line.text for line in document.lines] == ["Jane Roe", "jane.roe@example.com", "Senior Software Engineer"]
    first = document.lines[0]
    assert 30 < first.x < 50  # drawn at x=40 points
    assert first.size == 0.0


def test_a_transparent_png_is_read_on_white() -> None:
    grey = _page_image(["Jane Roe", "jane.roe@example.com"])
    # Black text on a fully transparent (black) background: the ink is only in the alpha.
    rgba = Image.merge("RGBA", (grey.point(lambda _: 0),) * 3 + (grey.point(lambda v: 255 - v),))
    document = extract(_encoded(rgba, "PNG"), filename="scan.png")
    assert "jane.roe@example.com" in document.text


def test_each_frame_of_a_tiff_is_a_page_and_the_ocr_page_cap_holds() -> None:
    frames = [_page_image([f"Page {number} of the scan", "Jane Roe"]) for number in (1, 2, 3)]
    tiff = _encoded(frames[0], "TIFF", save_all=True, append_images=frames[1:])
    document = extract(tiff, limits=Limits(max_ocr_pages=2))
    assert (document.pages, document.ocr_pages) == (3, [0, 1])
    assert [line.page for line in document.lines if line.text.startswith("Page ")] == [0, 1]
    assert document.warnings == ["ocr_truncated: 3 pages need OCR, only the first 2 were read"]


def test_an_image_only_pdf_page_is_ocred_and_the_text_pages_are_not() -> None:
    scan = _page_image(["Jane Roe", "jane.roe@example.com"])
    pdf = mupdf.open(stream=build_pdf([[(72, 72, "Cover letter: a real text layer of some length", 12)]]))
    page = pdf.new_page()
    page.insert_image(page.rect, stream=_encoded(scan, "PNG"))
    document = extract(pdf.tobytes())
    assert document.ok
    assert document.ocr_pages == [1]
    assert document.lines[0].text.startswith("Cover letter")
    assert "jane.roe@example.com" in document.text


def test_without_tesseract_a_scan_fails_with_a_reason_and_text_pages_are_still_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ocr, "LIBRARY", "/nonexistent/libtesseract.so.5")
    monkeypatch.setattr(ocr, "_engines", {})
    ocr._library.cache_clear()
    scan = _encoded(_page_image(["Jane Roe", "jane.roe@example.com"]), "PNG")
    assert extract_in_process(scan).reason == "ocr_unavailable: the Tesseract library is not installed"
    pdf = mupdf.open(stream=build_pdf([[(72, 72, "Cover letter: a real text layer of some length", 12)]]))
    pdf.new_page().insert_image(mupdf.Rect(0, 0, 612, 300), stream=scan)
    document = extract_in_process(pdf.tobytes())
    assert document.ok
    assert document.warnings == [
        "ocr_incomplete: page 2 and after not read (ocr_unavailable: the Tesseract library is not installed)"
    ]


def test_a_page_still_being_read_when_the_wall_clock_runs_out_ends_in_a_timeout() -> None:
    # Forty lines take Tesseract well over a second; the job has a third of one left.
    lines = [(40, 40 + 18 * n, f"Line {n} of a long page of text for Tesseract to read", 11) for n in range(40)]
    page = mupdf.open(stream=build_pdf([lines], height=800))[0].get_pixmap(dpi=200, colorspace=mupdf.csGRAY)
    image = Image.frombytes("L", (page.width, page.height), page.samples)
    with pytest.raises(ExtractionFailed, match=r"^timeout: OCR of a page took longer than"):
        ocr.read_image(image, dpi=200, lang="eng", budget=Budget(Limits(wall_seconds=0.3)))


def test_german_text_is_read_with_the_german_model() -> None:
    lines = ["Berufserfahrung bei der Müller GmbH", "Ausbildung und Kenntnisse für die Straße", "seit 2019 in München"]
    document = extract(_encoded(_page_image(lines, dpi=200), "PNG"), filename="lebenslauf.png")
    assert "Müller" in document.text
    assert "München" in document.text


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Experience at Acme with the team for five years and skills in Python", "eng"),
        ("Berufserfahrung: seit 2019 bei der Firma, Ausbildung und Kenntnisse für das Team mit", "deu"),
        ("Expérience professionnelle: développeur pour la société, formation et compétences avec les", "fra"),
        ("Experiencia laboral en la empresa, formación y habilidades para los equipos con el", "spa"),
        ("Jane Roe", "eng"),
    ],
)
def test_the_language_is_told_by_its_small_words(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Desenvolvimento dos serviços com a equipa, em Lisboa, pela empresa e com os clientes do banco", "por"),
        (
            "Gestione della contabilità per le società del gruppo, con il bilancio e gli audit nella sede di Milano",
            "ita",
        ),
        ("Verantwoordelijk voor de planning van het project en het team, en voor het overleg met de klant", "nld"),
        ("Montaż i konserwacja instalacji w budynkach oraz na budowie, w tym nadzór nad pracą dla firmy", "pol"),
        ("Zpracování účetnictví pro společnost, které jsem vedl: je to práce, že se daně platí včas", "ces"),
        ("Hasta bakımı ve ilaç yönetimi için ekip ile birlikte çalıştım ve bu alanda bir eğitim verdim", "tur"),
        ("Dezvoltarea serviciilor pentru echipa de securitate cu Python și SQL, în cadrul companiei din", "ron"),
    ],
)
def test_the_other_latin_script_languages_with_a_model_are_told_by_their_small_words(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Jane Roe", "fra"),  # too few small words to tell: the expected language stays
        ("Experience at Acme with the team for five years and skills in Python", "eng"),
        ("Berufserfahrung: seit 2019 bei der Firma, Ausbildung und Kenntnisse für das Team mit", "deu"),
    ],
)
def test_an_expected_language_stays_unless_another_clearly_dominates(text: str, language: str) -> None:
    assert detect_language(text, "fra") == language


def test_a_short_french_page_keeps_its_accents_where_french_is_expected() -> None:
    # Too few small words to tell French: read in English alone unless French is expected.
    png = _encoded(_page_image(["Hélène Côté", "Infirmière à l'hôpital Saint-Louis"], dpi=200), "PNG")
    assert "Côté" not in extract(png).text
    expected = extract(png, limits=Limits(ocr_language="fra"))  # across the sandbox's pipe
    assert "Hélène Côté" in expected.text
    assert "hôpital" in expected.text


def test_an_ocr_language_crosses_the_sandbox_pipe_and_no_other_string_does() -> None:
    assert Limits.from_dict(Limits(ocr_language="fra").to_dict()).ocr_language == "fra"
    # A model name goes to Tesseract as a path: only the installed languages pass.
    assert Limits.from_dict({"ocr_language": "fra+../../tmp/x", "ocr_dpi": 150}) == Limits(ocr_dpi=150)
    with pytest.raises(ValueError, match="no OCR model"):
        Limits(ocr_language="ita")


def _tsv(*words: tuple[str, int, int, int, int], line: int = 1) -> str:
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [f"5\t1\t1\t1\t{line}\t{n}\t{x}\t{y}\t{w}\t{h}\t90\t{text}" for n, (text, x, y, w, h) in enumerate(words, 1)]
    return "\n".join([header, *rows])


def test_words_far_apart_on_one_tesseract_line_become_separate_boxes() -> None:
    # A name and the contact detail right-aligned beside it, read by Tesseract as one line.
    tsv = _tsv(
        ("DeShawn", 145, 173, 230, 60),
        ("Cell:", 1268, 180, 90, 30),
        ("+1", 1368, 180, 40, 30),
        ("303", 1418, 180, 60, 30),
    )
    boxes = line_boxes(tsv_lines(tsv), scale=200 / 72, width=1700)
    assert [box.text for box in boxes] == ["DeShawn", "Cell: +1 303"]
    assert boxes[1].x0 == pytest.approx(1268 / (200 / 72))


def test_ocr_lines_without_font_sizes_are_split_into_columns_by_position_alone() -> None:
    # A margin column of dates beside entries, OCRed: no sizes, so no line is taken for a
    # heading, and the dates sit slightly off their rows (skew): still read row by row.
    boxes = [
        Box("Employment History", 55, 313, 160, 324),
        Box("Feb 2021 - Sep 2026", 56, 332, 130, 342),
        Box("Finance Manager", 193, 330, 290, 340),
        Box("Vindhya Bank, Pune", 194, 342, 300, 352),
        Box("Supported the external audit and prepared VAT returns.", 194, 354, 520, 364),
        Box("Aug 2017 - Jan 2021", 58, 385, 132, 395),
        Box("FINANCIAL CONTROLLER", 195, 382, 320, 392),
        Box("Vindhya Bank, Pune", 195, 395, 300, 405),
        Box("Jan 2017 - Jul 2017", 59, 462, 133, 472),
        Box("Senior Accountant", 197, 461, 300, 471),
    ]
    texts = [box.text for box, _ in reading_order(boxes)]
    for date, entry in [
        ("Feb 2021 - Sep 2026", "Finance Manager"),
        ("Aug 2017 - Jan 2021", "FINANCIAL CONTROLLER"),
        ("Jan 2017 - Jul 2017", "Senior Accountant"),
    ]:
        assert abs(texts.index(entry) - texts.index(date)) == 1


def test_a_letter_spaced_name_in_large_type_beside_small_contact_details_is_read_whole() -> None:
    # Tesseract reads this page's large name, sharing a line with the small e-mail beside
    # it, as "G O | d be rg"; read again on its own, it is one word.
    lines = [
        (40, 60, "Profile", 10),
        (40, 100, "Goldberg", 22),
        (330, 98, "E-mail: deshawngoldberg98@example.net", 9),
        (330, 112, "Cell: (303) 555-0122", 9),
        (40, 140, "Senior Project Manager at Summit Peak Software LLC", 10),
        (40, 155, "Delivered an ERP rollout to 14 sites on time and under budget.", 10),
    ]
    pdf = mupdf.open(stream=build_pdf([lines], height=250))
    document = extract(pdf[0].get_pixmap(dpi=200, colorspace=mupdf.csGRAY).tobytes("png"), filename="scan.png")
    texts = [line.text for line in document.lines]
    assert "Goldberg" in texts
    assert "E-mail: deshawngoldberg98@example.net" in texts


def test_two_small_lines_beside_a_large_name_read_as_one_garbled_line_are_read_again() -> None:
    # Tesseract reads the two close lines beside the name as one line of large type, with
    # no confidence: "Telos] (512) Se6-0147" (seed 41 had "eat eh eee" for the same lines).
    lines = [
        (40, 70, "DeShawn Ramirez", 24),
        (400, 62, "Address: Austin, TX", 10),
        (400, 73, "Tel: +1 (512) 555-0147", 10),
        (400, 86, "E-mail: deshawn_ramirez@example.co.uk", 10),
        (40, 130, "Summary", 12),
        (40, 150, "Finance Manager with 12 years of experience, known for accounts receivable.", 10),
    ]
    image = mupdf.open(stream=build_pdf([lines], height=250))[0].get_pixmap(dpi=200, colorspace=mupdf.csGRAY)
    document = extract(image.tobytes("png"), filename="scan.png")
    assert [line.text for line in document.lines] == [text for _, _, text, _ in lines]


def test_a_lone_letter_in_large_type_marks_the_run_to_read_again() -> None:
    body = 22.0
    name = [Word("G", 145, 200, 30, 44), Word("oldb", 182, 198, 90, 47), Word("erg", 277, 200, 60, 44)]
    contact = [Word("E-mail:", 900, 205, 80, 21), Word("x@example.net", 990, 205, 200, 29)]
    assert letter_spaced(name + contact, body) == (0, 3)
    assert letter_spaced([Word("avec", 100, 200, 60, 16), Word("R", 170, 195, 20, 37)], body) is None
    assert letter_spaced([Word("Jane", 100, 200, 90, 44), Word("Roe", 215, 200, 70, 44)], body) is None


def _word(text: str, left: int, width: int, *, top: int = 100, height: int = 24) -> Word:
    return Word(text, left, top, width, height)


def test_a_large_name_wrapped_at_its_hyphen_is_joined_and_small_type_is_not() -> None:
    # Tesseract's boxes for the name of a seed-53 scan, each half read on the line of the
    # contact detail beside it (cut off at the wide gap).
    name = [Word("Amelie", 178, 152, 225, 59, 81.0), Word("Dubois-", 427, 157, 246, 59, 91.0)]
    wrapped = [Word("Martin", 179, 224, 221, 60, 96.0)]
    contact = [Word("Adresse", 1193, 261, 100, 21, 92.0), Word("Nantes", 1320, 264, 94, 23, 96.0)]
    [joined, rest] = join_hyphen_wraps([name, wrapped, contact], body=21.0)
    assert [word.text for word in joined] == ["Amelie", "Dubois-Martin"]
    assert (joined[1].left, joined[1].top, joined[1].right) == (179, 157, 673)
    assert rest == contact
    # A line of body type ending in a tall word cut at its hyphen stays as it is (seed 53:
    # "... clients PME en Auvergne-" over "Rhône-Alpes.").
    prose = [
        [Word("PME", 700, 300, 60, 21), Word("en", 770, 305, 30, 16), Word("Auvergne-", 810, 298, 140, 33)],
        [Word("Rhône-Alpes.", 700, 335, 150, 33)],
    ]
    assert join_hyphen_wraps(prose, body=21.0) == prose


def test_a_mark_the_size_of_a_dot_becomes_a_bullet_and_real_punctuation_stays() -> None:
    line = [
        _word("MBA", 100, 50),
        _word(":", 160, 5, top=110, height=5),  # a middle dot read as a colon
        _word("University", 175, 120),
        _word("-", 305, 14, top=112, height=3),  # a hyphen: flat
        _word("Leeds", 330, 70),
        _word(".", 405, 6, top=118, height=6),  # a period: on the baseline
    ]
    assert [word.text for word in repair_line(line)] == ["MBA", DOT, "University", "-", "Leeds", "."]


@pytest.mark.parametrize(
    ("pieces", "expected"),
    [
        (["giorgos.", "papadopoulos@example.org"], ["giorgos.papadopoulos@example.org"]),
        (["siobhan81", "@example.com"], ["siobhan81@example.com"]),
        (["jesus_", "iglesias@example.com"], ["jesus_iglesias@example.com"]),
        (["alistair", "_pemberton@example.net"], ["alistair_pemberton@example.net"]),
        (["www", ".linkedin.com/in/helene-lefevre"], ["www.linkedin.com/in/helene-lefevre"]),
        (["www.", "linkedin.com/in/eleanor"], ["www.linkedin.com/in/eleanor"]),
        (["Python.", "Django"], ["Python.", "Django"]),
        (["python.", "django"], ["python.", "django"]),
        (["Boston.", "jane@example.com"], ["Boston.", "jane@example.com"]),
        (["|.banerjee@mail.example.com"], ["l.banerjee@mail.example.com"]),
        (["jane@x.com|https://x.org"], ["jane@x.com|https://x.org"]),
    ],
)
def test_an_address_cut_at_a_dot_or_at_sign_is_rejoined(pieces: list[str], expected: list[str]) -> None:
    line, left = [], 100
    for text in pieces:
        line.append(_word(text, left, 12 * len(text)))
        left += 12 * len(text) + 6  # a quarter of the height: closer than a real space
    assert [word.text for word in repair_line(line)] == expected


@pytest.mark.parametrize(
    ("read", "expected"),
    [
        ("Isharma@example.org", "lsharma@example.org"),
        ("https://www.linkedin.com/in/Inguyenthi/", "https://www.linkedin.com/in/lnguyenthi/"),
        ("linkedin.com/in/ainhoa-iglesiasortega-Oaace6", "linkedin.com/in/ainhoa-iglesiasortega-0aace6"),
        ("jOe@example.org", "jOe@example.org"),  # no digit beside it: an "o" or an "O"
        ("Ian.Smith@example.org", "Ian.Smith@example.org"),  # capitals of its own
        ("Isabel", "Isabel"),
    ],
)
def test_an_i_or_o_in_a_lower_case_address_is_read_as_l_or_zero(read: str, expected: str) -> None:
    assert [word.text for word in repair_line([_word(read, 100, 12 * len(read))])] == [expected]


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        # What Tesseract read of profile links on the generated scans (seeds 7, 41 and 53).
        ("https://www.linkedin.com/inflannguyenthi/", "https://www.linkedin.com/in/lannguyenthi/"),
        ("https:/inkedin.comvin/minjun-kim-", "https://linkedin.com/in/minjun-kim-"),
        ("https:/inkedin.com/in/pawel-wojcik", "https://linkedin.com/in/pawel-wojcik"),
        ("linkedin.com/ir/alistair-pemberton", "linkedin.com/in/alistair-pemberton"),
        ("https://github.cam/mali", "https://github.com/mali"),
        ("https://github.comV/hlefevre", "https://github.com/hlefevre"),
        # Printed so, and left alone.
        ("linkedin.com/company/acme", "linkedin.com/company/acme"),
        ("https://www.linkedin.com/in/inflan/", "https://www.linkedin.com/in/inflan/"),
        ("github.com/vlad", "github.com/vlad"),
        ("https://x.cam.example.org/", "https://x.cam.example.org/"),
        ("Cambridge", "Cambridge"),
    ],
)
def test_the_slashes_and_dot_com_of_a_link_read_as_letters_are_put_back(read: str, printed: str) -> None:
    assert [word.text for word in repair_line([_word(read, 100, 12 * len(read))])] == [printed]


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        # What Tesseract read of a contact line on a generated scan (seed 53).
        ("+1 (303) 555-0189 • Denver, co", "+1 (303) 555-0189 • Denver, CO"),
        ("Denver, co 80202", "Denver, CO 80202"),
        # Printed so, and left alone.
        ("Denver, co and Boulder", "Denver, co and Boulder"),
        ("the company, so we", "the company, so we"),
    ],
)
def test_a_state_code_read_in_lower_case_is_put_in_capitals(read: str, printed: str) -> None:
    line, left = [], 100
    for text in read.split():
        line.append(_word(text, left, 12 * len(text)))
        left += 12 * len(text) + 12
    assert " ".join(word.text for word in repair_line(line)) == printed


def _ocr_words(image: Image.Image, dpi: int) -> list[list[Word]]:
    return tsv_lines(ocr.read_image(image, dpi=dpi, lang="eng", budget=Budget(Limits())))


def _reread(image: Image.Image, lines: list[list[Word]]) -> list[list[str]]:
    def read(sheet: Image.Image, dpi: int) -> list[list[Word]]:
        return ocr._read_sheet(sheet, dpi=dpi, budget=Budget(Limits()))

    reread_addresses(image, lines, dpi=200, read=read)
    return [[word.text for word in line] for line in lines]


def test_an_address_misread_on_the_page_is_read_again_from_its_crop() -> None:
    image = _page_image(["Seán Ó Briain", "Phone: 719 82 3580", "E-mail: sean.obriain@mail.example.com"], dpi=200)
    lines = _ocr_words(image, 200)
    # What Tesseract read of this address on a whole scanned page (gen-41-149): "@" as
    # "O", with a confidence of 39.
    for line in lines:
        for word in line:
            if word.text == "sean.obriain@mail.example.com":
                word.text, word.conf = "sean.obriainOmail.example.com", 39.0
    before = [[word.text for word in line] for line in lines]
    assert ["E-mail:", "sean.obriainOmail.example.com"] in before

    assert _reread(image, lines) == [
        ["E-mail:", "sean.obriain@mail.example.com"] if line == before[-1] else line for line in before
    ]


def test_two_addresses_misread_on_one_line_are_both_read_again() -> None:
    image = _page_image(["maria_lopez@example.net  •  linkedin.com/in/maria-lopez"], dpi=200)
    lines = _ocr_words(image, 200)
    assert [[lines[0][0].text, lines[0][2].text]] == [["maria_lopez@example.net", "linkedin.com/in/maria-lopez"]]
    # The page's reading: the email cut in two at its underscore and misread, the link misread.
    email, dot, link = lines[0]
    cut = email.left + email.width // 3
    lines[0] = [
        Word("maria_", email.left, email.top, cut - email.left - 12, email.height, 50.0),
        Word("lapez@example.net", cut, email.top, email.right - cut, email.height, 50.0),
        dot,
        Word("linkedin.comvin/maria-lopez", link.left, link.top, link.width, link.height, 50.0),
    ]

    assert _reread(image, lines) == [["maria_lopez@example.net", dot.text, "linkedin.com/in/maria-lopez"]]


@pytest.mark.parametrize(
    ("printed", "page_read"),
    [
        # The page read "z0e", the sheet "zoe" (seed 53 had it the other way round): the
        # page's reading, with the words around it, is kept.
        ("zoe-mueller@example.org", "z0e-mueller@example.org"),
        # A capital the page did not read: the shared scan's "g@southwestern.edu" was read
        # off the sheet as "gQ@southwestern.edu".
        ("Jane.roe@example.org", "jane.roe@example.org"),
    ],
)
def test_an_address_read_again_with_only_confused_letters_or_a_new_capital_is_not_taken(
    printed: str, page_read: str
) -> None:
    image = _page_image([f"E-mail: {printed}"], dpi=200)
    lines = _ocr_words(image, 200)
    assert [["E-mail:", printed]] == [[word.text for word in line] for line in lines]
    lines[0][1].text, lines[0][1].conf = page_read, 50.0

    assert _reread(image, lines) == [["E-mail:", page_read]]


def test_no_sheet_is_read_for_addresses_tesseract_was_sure_of_nor_for_a_site_named_in_prose() -> None:
    image = _page_image(["E-mail: jane.roe@example.org", "Visualized GitHub data to show collaboration"], dpi=200)
    lines = _ocr_words(image, 200)
    for line in lines:
        for word in line:
            word.conf = 95.0 if "@" in word.text else 40.0
    sheets: list[Image.Image] = []

    def read(sheet: Image.Image, dpi: int) -> list[list[Word]]:
        sheets.append(sheet)
        return ocr._read_sheet(sheet, dpi=dpi, budget=Budget(Limits()))

    reread_addresses(image, lines, dpi=200, read=read)
    assert sheets == []
    lines[0][1].conf = 89.0
    reread_addresses(image, lines, dpi=200, read=read)
    assert len(sheets) == 1


def test_an_address_the_page_read_whole_and_surer_is_kept() -> None:
    # Seed 7: the sheet read "alistair_medonald@" (confidence 57) where the page had
    # "alistair_mcdonald@" (88).
    image = _page_image(["E-mail: alistair_mcdonald@example.co.uk"], dpi=200)
    lines = _ocr_words(image, 200)
    lines[0][1].text, lines[0][1].conf = "alistair_mcdonald@example.co.ukk", 89.9

    assert _reread(image, lines) == [["E-mail:", "alistair_mcdonald@example.co.ukk"]]


def test_an_address_is_cropped_alone_not_with_the_contact_details_before_a_bullet() -> None:
    # Seed 7: cropped with the whole line "Chicago, IL + (312) 555-0100 * tyler.johnson@...",
    # a long skewed strip, the link came back cut short ("tyler-johnson-d57").
    image = _page_image(["Chicago, IL + (312) 555-0100 + jane.roe@example.org"], dpi=200)
    lines = _ocr_words(image, 200)
    address = next(word for word in lines[0] if "@" in word.text)
    address.conf = 50.0
    sheets: list[Image.Image] = []

    def read(sheet: Image.Image, dpi: int) -> list[list[Word]]:
        sheets.append(sheet)
        return ocr._read_sheet(sheet, dpi=dpi, budget=Budget(Limits()))

    reread_addresses(image, lines, dpi=200, read=read)
    [sheet] = sheets
    assert sheet.width < 2 * 1.5 * address.width  # the address enlarged twice, and white around it


def test_an_address_piece_a_full_space_away_is_not_joined() -> None:
    line = [_word("giorgos.", 100, 96), _word("papadopoulos@example.org", 208, 288)]
    assert [word.text for word in repair_line(line)] == ["giorgos.", "papadopoulos@example.org"]


def test_a_skewed_scan_is_levelled_so_a_date_in_the_margin_stays_on_its_row() -> None:
    # A page turned 1.5 degrees: the date at the right margin sits 40 px above its entry
    # on the left, which without levelling is read before the entry instead of after it.
    slope = -0.026
    rows = []
    for line, y in enumerate((300, 360, 420), start=1):
        words = [(text, 150 + 200 * n, round(y + slope * (150 + 200 * n)), 180, 24) for n, text in enumerate("abcdefg")]
        rows.append(_tsv(*[(f"{text}{line}word", x, top, w, h) for text, x, top, w, h in words], line=line))
    entry_y, date_x = 480, 1500
    rows.append(_tsv(("Master", 150, entry_y, 110, 24), ("INSA", 280, entry_y, 80, 24), line=4))
    rows.append(_tsv(("2012", date_x, round(entry_y + slope * (date_x - 150)), 80, 24), line=5))
    tsv = "\n".join([rows[0], *("\n".join(r.splitlines()[1:]) for r in rows[1:])])
    boxes = line_boxes(tsv_lines(tsv), scale=200 / 72, width=1700)
    entry = next(box for box in boxes if box.text == "Master INSA")
    date = next(box for box in boxes if box.text == "2012")
    assert abs(date.y0 - entry.y0) < 2
    texts = [box.text for box, _ in reading_order(boxes)]
    assert texts.index("2012") == texts.index("Master INSA") + 1


def test_the_fast_median_filter_gives_pillows_pixels_inside_the_border() -> None:
    # A page of text with salt-and-pepper speckle and grain, as the scanner makes it.
    page = _page_image(["Jane Roe", "Senior Software Engineer, Acme GmbH, 2019-2024"], dpi=200)
    noisy = Image.blend(page, Image.effect_noise(page.size, 40), 0.3)
    for n, (x, y) in enumerate((x, y) for x in range(5, noisy.width, 37) for y in range(5, noisy.height, 29)):
        noisy.putpixel((x, y), 0 if n % 2 else 255)
    fast, pillow = ocr.median_filter(noisy), noisy.filter(ImageFilter.MedianFilter(3))
    inside = (1, 1, noisy.width - 1, noisy.height - 1)
    assert fast.size == noisy.size
    assert ImageChops.difference(fast.crop(inside), pillow.crop(inside)).getbbox() is None
    assert ImageChops.difference(noisy.crop(inside), pillow.crop(inside)).getbbox() is not None


def _grey_paper_page(*, paper: float, type_grey: float) -> Image.Image:
    """A printed tinted template scanned: a dark heading over jobs and dates in lighter type,
    on grey paper, slightly blurred (greys as shares of white)."""
    pdf = mupdf.open()
    page = pdf.new_page(width=420, height=300)
    page.draw_rect(page.rect, color=None, fill=(paper,) * 3)
    rows = [
        ("Experience", 16, 0.15),
        ("Warehouse Manager, Acme Logistics", 11, type_grey),
        ("April 2019 - March 2023", 11, type_grey),
        ("Shift Supervisor, Borealis Foods", 11, type_grey),
        ("June 2015 - March 2019", 11, type_grey),
    ]
    for n, (text, size, grey) in enumerate(rows):
        page.insert_text((30, 40 + 26 * n), text, fontsize=size, fontname="helv", color=(grey,) * 3)
    pixmap = page.get_pixmap(dpi=200, colorspace=mupdf.csGRAY)
    image = Image.frombytes("L", (pixmap.width, pixmap.height), pixmap.samples)
    return image.filter(ImageFilter.GaussianBlur(0.8))


def test_light_grey_dates_on_grey_paper_are_read() -> None:
    # Type at #aaa on paper at #d6: Tesseract's one threshold for the page fell between the
    # dark heading and the rest, and read the heading alone.
    image = _grey_paper_page(paper=0.84, type_grey=0.66)
    document = extract(_encoded(image, "PNG", dpi=(200, 200)), filename="scan.png")
    assert document.ok, document.reason
    assert [line.text for line in document.lines] == [
        "Experience",
        "Warehouse Manager, Acme Logistics",
        "April 2019 - March 2023",
        "Shift Supervisor, Borealis Foods",
        "June 2015 - March 2019",
    ]


def test_a_scan_on_white_paper_goes_to_tesseract_as_it_is() -> None:
    page = _page_image(["Jane Roe", "Senior Software Engineer, Acme GmbH, 2019-2024"], dpi=200)
    scanned = page.point([round(18 + 0.9 * value) for value in range(256)]).filter(ImageFilter.GaussianBlur(0.8))
    assert ocr.whiten_grey_paper(scanned) is scanned
    # The same type on grey paper is whitened: the paper goes to white, the type stays dark.
    grey = _grey_paper_page(paper=0.84, type_grey=0.15)
    whitened = ocr.whiten_grey_paper(grey)
    assert max(range(256), key=grey.histogram().__getitem__) == 214
    assert max(range(256), key=whitened.histogram().__getitem__) > 240
    assert whitened.getextrema()[0] == 0


def _noting_engines(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The real Tesseract engines, with a note of the languages asked for."""
    calls: list[str] = []
    engine = ocr._engine

    def noted(languages: str) -> ocr._Engine:
        calls.append(languages)
        return engine(languages)

    monkeypatch.setattr(ocr, "_engine", noted)
    return calls


_FRENCH_PAGES = (
    [
        "Expérience professionnelle",
        "Responsable d'entrepôt chez Entrepôts Vercors",
        "Gestion des stocks et des équipes pour le site",
        "Formation et compétences avec les clients",
        "jean.dupont@example.com",
    ],
    ["Compétences : PostgreSQL et la gestion des équipes", "Français, Anglais"],
)


def test_a_french_page_is_read_in_english_then_in_french_alone_and_later_pages_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _noting_engines(monkeypatch)
    frames = [_page_image(lines, dpi=200) for lines in _FRENCH_PAGES]
    document = extract_in_process(_encoded(frames[0], "TIFF", save_all=True, append_images=frames[1:]))
    assert document.ok, document.reason
    assert calls == ["eng", "fra", "fra+eng"]
    assert "entrepôt" in document.text  # "ô": the English model has no such letter
    assert "jean.dupont@example.com" in document.text
    assert "PostgreSQL" in document.text


def test_where_french_is_expected_a_french_page_is_read_once_in_french_with_english(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _noting_engines(monkeypatch)
    frames = [_page_image(lines, dpi=200) for lines in _FRENCH_PAGES]
    tiff = _encoded(frames[0], "TIFF", save_all=True, append_images=frames[1:])
    document = extract_in_process(tiff, limits=Limits(ocr_language="fra"))
    assert document.ok, document.reason
    assert calls == ["fra+eng", "fra+eng"]
    assert "entrepôt" in document.text
    assert "jean.dupont@example.com" in document.text
    assert "PostgreSQL" in document.text


@pytest.mark.parametrize(
    ("lines", "reads"),
    [
        (
            ["Work experience with the team at Acme", "Education and skills for the role", "jane.roe@example.com"],
            ["fra+eng", "eng"],
        ),
        (
            ["Berufserfahrung bei der Müller GmbH", "Ausbildung und Kenntnisse für die Straße", "seit 2019 in München"],
            ["fra+eng", "eng", "deu"],
        ),
    ],
)
def test_where_french_is_expected_a_page_in_another_language_reads_as_if_nothing_were(
    monkeypatch: pytest.MonkeyPatch, lines: list[str], reads: list[str]
) -> None:
    png = _encoded(_page_image(lines, dpi=200), "PNG")
    unexpected = extract_in_process(png)
    calls = _noting_engines(monkeypatch)
    document = extract_in_process(png, limits=Limits(ocr_language="fra"))
    assert calls == reads
    assert document.lines == unexpected.lines


def _read(*words: tuple[str, int, int, float]) -> list[list[Word]]:
    """One line of words (text, left, width, confidence) 30 px high at the same height."""
    return [[Word(text, left, 100, width, 30, conf) for text, left, width, conf in words]]


def test_a_word_read_with_accents_keeps_them_even_where_english_was_surer() -> None:
    native = _read(("Benoît", 100, 120, 80.0), ("Duchêne", 240, 150, 85.0))
    merge_readings(_read(("Benoit", 100, 120, 95.0), ("Duchene", 240, 150, 96.0)), native)
    assert [word.text for word in native[0]] == ["Benoît", "Duchêne"]


def test_an_english_reading_tesseract_was_surer_of_replaces_the_native_one() -> None:
    native = _read(("University", 100, 200, 93.0), ("of", 310, 40, 95.0), ("Hlinois", 360, 140, 61.0))
    merge_readings(_read(("University", 100, 200, 95.0), ("of", 310, 40, 96.0), ("Illinois", 360, 140, 94.0)), native)
    assert [word.text for word in native[0]] == ["University", "of", "Illinois"]
    # The other way round: the native reading is kept where it is the surer one.
    native = _read(("Août", 100, 90, 95.0), ("2018", 200, 80, 96.0))
    merge_readings(_read(("Aoat", 100, 90, 12.0), ("2018", 200, 80, 96.0)), native)
    assert [word.text for word in native[0]] == ["Août", "2018"]


def test_an_email_read_in_english_is_kept_however_sure_the_other_model_was() -> None:
    native = _read(("jan.kowalskiGwp.pl", 100, 300, 91.0), ("Kraków", 420, 120, 90.0))
    merge_readings(_read(("jan.kowalski@wp.pl", 100, 300, 70.0), ("Krakow", 420, 120, 95.0)), native)
    assert [word.text for word in native[0]] == ["jan.kowalski@wp.pl", "Kraków"]


def test_an_unsure_email_is_left_to_the_english_address_reading() -> None:
    # Read again in the page's language, Polish made "G©" of the "@" it was unsure of.
    line = [Word("Krak\u00f3w", 198, 100, 98, 40, 93.0), Word("lukasz.wisniewski@example.p|", 596, 100, 421, 40, 17.0)]
    assert _unsure_tall_run(line, body=20.0) is None
    line[1] = Word("Wisniewski", 596, 100, 200, 40, 17.0)
    assert _unsure_tall_run(line, body=20.0) == (1, 2)


def test_words_read_as_one_by_one_model_and_as_two_by_the_other_are_compared_as_a_group() -> None:
    native = _read(("Email:", 40, 90, 90.0), ("hoffmann.", 140, 150, 70.0), ("joerdis@exarnple.de", 292, 300, 58.0))
    english = _read(("Email:", 40, 90, 92.0), ("hoffmann.joerdis@example.de", 140, 452, 95.0))
    merge_readings(english, native)
    assert [word.text for word in native[0]] == ["Email:", "hoffmann.joerdis@example.de"]


def test_a_name_in_large_type_is_not_merged_with_the_small_line_below_it() -> None:
    # The name's box reaches down past the middle of the title under it.
    english = [[Word("Zoe", 100, 40, 120, 90, 96.0)]]
    native = [[Word("Zoë", 100, 40, 120, 90, 80.0)], [Word("Conseillère", 100, 112, 200, 30, 90.0)]]
    merge_readings(english, native)
    assert [[word.text for word in line] for line in native] == [["Zoë"], ["Conseillère"]]


_DEJAVU = {"fontname": "dejavu", "fontfile": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"}


def _script_image(lines: list[str], font: dict[str, str]) -> Image.Image:
    """A picture of text in a font that has the script (DejaVu, or a CJK font MuPDF bundles)."""
    pdf = mupdf.open()
    page = pdf.new_page(width=612, height=300)
    for number, line in enumerate(lines):
        page.insert_text((40, 50 + 24 * number), line, fontsize=14, **font)
    pixmap = page.get_pixmap(dpi=200, colorspace=mupdf.csGRAY)
    return Image.frombytes("L", (pixmap.width, pixmap.height), pixmap.samples)


@pytest.mark.parametrize(
    ("lines", "font", "language", "read"),
    [
        (
            [
                "Иван Петров",
                "Москва, ivan.petrov@example.ru",
                "Опыт работы: ведущий инженер-программист в компании",
                "Разработка сервисов для команды поиска и проверка кода",
            ],
            _DEJAVU,
            "rus",
            ["Иван Петров", "Москва", "ivan.petrov@example.ru", "Разработка сервисов"],
        ),
        (
            [
                "Олена Коваленко",
                "Київ, olena.kovalenko@example.com.ua",
                "Досвід роботи: головний бухгалтер у ПриватБанку",
                "Ведення обліку, підготовка звітності та податкових декларацій",
            ],
            _DEJAVU,
            "ukr",
            ["Олена Коваленко", "Київ", "olena.kovalenko@example.com.ua", "підготовка звітності"],
        ),
        (
            [
                "王小明",
                "上海 +86 138 0013 8000",
                "工作经历：高级软件工程师，阿里巴巴集团",
                "负责支付系统后端服务的设计与开发",
            ],
            {"fontname": "china-s"},
            "chi_sim",
            ["王小明", "上海 +86 138 0013 8000", "工作经历", "高级软件工程师"],
        ),
    ],
)
def test_a_scan_in_a_script_the_english_model_lacks_is_read_with_its_own_model(
    monkeypatch: pytest.MonkeyPatch, lines: list[str], font: dict[str, str], language: str, read: list[str]
) -> None:
    calls = _noting_engines(monkeypatch)
    frames = [_script_image(lines, font), _script_image(lines[2:], font)]
    document = extract_in_process(_encoded(frames[0], "TIFF", save_all=True, append_images=frames[1:]))
    assert document.ok, document.reason
    # English first, then a line in each script's model; the page again in its script's
    # model alone; the next page in it with English.
    assert calls[0] == "eng"
    assert calls.index(language) < calls.index(f"{language}+eng")
    assert {call for call in calls[calls.index(f"{language}+eng") :]} <= {f"{language}+eng", "eng"}
    for text in read:
        assert text in document.text


def test_an_english_scan_is_read_in_english_alone_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _noting_engines(monkeypatch)
    lines = ["Jane Roe", "jane.roe@example.com", "Work experience with the team at Acme", "Education and skills"]
    document = extract_in_process(_encoded(_page_image(lines, dpi=200), "PNG"))
    assert set(calls) == {"eng"}
    assert [line.text for line in document.lines] == lines


def test_chinese_characters_read_as_words_apart_are_joined_and_korean_words_keep_their_spaces() -> None:
    chinese = _tsv(
        ("工作", 100, 100, 60, 30), ("经", 162, 100, 30, 30), ("历", 194, 100, 30, 30), ("2019", 240, 100, 60, 30)
    )
    korean = _tsv(("소프트웨어", 100, 100, 150, 30), ("엔지니어", 262, 100, 120, 30), line=2)
    boxes = line_boxes(tsv_lines(chinese + "\n" + korean.split("\n", 1)[1]), scale=200 / 72, width=1700)
    assert [box.text for box in boxes] == ["工作经历 2019", "소프트웨어 엔지니어"]
