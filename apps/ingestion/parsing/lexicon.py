"""Word lists that tell job titles, employers, schools and degrees apart, in EN/DE/FR/ES/IT/PT/NL/PL
and SV/NO/DA/CS/TR/RO/RU; schools and degrees in Chinese, Japanese and Korean.

Kept as folded words (see text.fold) so lookups are accent- and case-insensitive.
"""

import itertools
import re
from pathlib import Path

from .memo import memoized
from .text import ABUGIDAS, fold, word_set

_DATA = Path(__file__).resolve().parent / "data" / "words.tsv"


def _load(kind: str) -> frozenset[str]:
    lines = _DATA.read_text(encoding="utf-8").splitlines()
    rows = (line.partition("\t") for line in lines if line and line[0] != "#")
    return frozenset(fold(w) for w, _, k in rows if k == kind)


# Words that make a phrase a job title, mark an employer, or a school. Matched as whole folded words.
TITLE_WORDS = _load("title")
# Titles that name a person by their ending ("-er", "-in", "-ige", "-ist"), unlike a trade's
# field ("technik" is a Polish technician and the last part of "Elektrotechnik"); not the
# ends of "Undergraduate" and "Semiconductor".
_COMPOUND_ENDINGS = frozenset(
    w
    for w in TITLE_WORDS
    if len(w) >= 6
    and w.isalpha()
    and w.endswith(("er", "in", "ige", "te", "ist", "or", "ar"))
    and w not in {"graduate", "conductor"}
)
COMPANY_WORDS = _load("company")
INSTITUTION_WORDS = _load("institution")
# The words of a table's head row ("Zeitraum | Tätigkeit"), which names no job.
COLUMN_LABELS = _load("label")
INSTITUTION_ACRONYMS_RE = re.compile(
    r"\b(?:MIT|NYU|UCLA|UCSD|USC|ETH|EPFL|KIT|RWTH|LMU|TUM|IIT|NIT|BITS|CMU|UC|AFPA|CNAM|GRETA|UNED|UPM|UAM|UB|UPC|"
    r"IUT|INSA|ENS|HEC|ESSEC|ESCP|IHK|HWK|CFA|ITIS|ITI|CIFP|IES)\b"
)

# Abbreviated degrees are matched case-sensitively ("BS", "M.Sc.", "PhD"), so that
# "be", "me" or "ma" in running text are not degrees; spelled-out ones in any case.
_DEGREE_SHORT = r"""
    B\.?\s?S\.?c?\.?|B\.?\s?A\.?|B\.?\s?Sc\.?|B\.?\s?Eng\.?|B\.?\s?Tech\.?|B\.?\s?E\.|BE|B\.?\s?Com\.?|M\.?\s?Com\.?|BBA|LL\.?B\.?|LL\.?M\.?|
    M\.?\s?S\.?c?\.?|M\.?\s?A\.?|M\.?\s?Sc\.?|M\.?\s?Eng\.?|M\.?\s?Tech\.?|M\.?\s?E\.|MEng|MBA|M\.?\s?Phil\.?|
    Ph\.?\s?D\.?|PHD|D\.?\s?Phil\.?|Ed\.?\s?D\.?|M\.?D\.|J\.?D\.|A\.?A\.?S?\.?|A\.?S\.|
    B\.?\s?TECH|M\.?\s?TECH|MENG|BENG|BSC|MSC|BTS|DUT|BAC|DEUG|DEA|DESS|MSc|BSc|BEng|
    B\.?\s?Ed\.?|M\.?\s?Ed\.?|PGCE|NVQ|HND|HNC|GCSEs?|A-Levels?|HSC|SSC|SSLC|HSSC|CAP|BEP|CFGS|CFGM|FP\s?[12I]{1,2}|IHK|HWK|MIR|EIR|HBO|MBO|VWO|HAVO|VMBO|
    EFZ|EBA|CESS|CEB|DEC|AEC|DEP|GED|(?:10|12)th|Class\s+(?:XII|X)|
    Ing\.|Bc\.|BcA\.|Mgr\.|MgA\.|MUDr\.|JUDr\.|PhDr\.|RNDr\.
"""
_DEGREE_LONG = r"""
    bachelor'?s?|master'?s?|masters|doctorate|doctoral|doctor\s+of|juris\s+doctor|apprenticeship|associate'?s?(?:\s+degree|\s+of|\s+in)|
    diploma|diplom|diplom-\w+|dipl\.-?\s?\w+\.?|abitur|fachabitur|magister|staatsexamen|promotion|
    licence|licenciatura|licenciado|licenciada|maitrise|mastere|doctorat|baccalaureat|
    ingeniero|ingeniera|grado(?=\s+en\s)|maestria|doctorado|tecnico\s+superior|bachillerato|titulo|
    high\s+school|certificate|certificat|zertifikat|certificado|undergraduate|postgraduate|graduate\s+degree|
    bac\s+pro|licence\s+pro|\w*weiterbildung|umschulung|\w*ausbildung|\w*pr(?:u|ue)fung|staatliche[sr]?\s+examen|meister(?:in)?|meisterbrief|fachwirt(?:in)?|techniker(?:in)?|
    gesellenbrief|berufsausbildung|fachabschluss|mittlere\s+reife|\w*schulabschluss|matura|
    eidg\.\s+(?:fachausweis|diplom)|fachausweis|diplomatura|formacion\s+profesional|ciclo\s+formativo|grado\s+(?:medio|superior)|
    tecnico\s+en|tecnica\s+en|diplome|diploma\s+de|master\s+(?:en|de)|máster|master|bachelor|
    laurea(?:\s+(?:magistrale|triennale|specialistica))?|dottorato|mestrado(?:\s+integrado)?|bacharelado|
    doutoramento|doutorado|pos-graduacao|licencjat|inzynier|magister\s+inzynier|doktor|
    \w+examen|civilingenjor|hogskoleingenjor|cand\.\s?[a-z]+\.?|professionsbachelor|kandidatgrad|fagbrev|svennebrev|
    svendebrev|curso\s+tecnico|residencia(?:\s+(?:medica|multiprofissional))?|
    vyucni\s+list|maturita|maturitni\s+zkouska|yuksek\s+lisans|on\s+lisans|lisans|doktora|lise\s+diplomasi|
    diploma\s+de\s+licenta|licenta|masterat|bacalaureat|бакалавр|магистр|специалист|аспирантура|
    кандидат\s+\w+\s+наук|среднее\s+(?:специальное|профессиональное)|высшее|
    contador\s+publico|contadora\s+publica|tecnologo\s+en|tecnologa\s+en|ensenanza\s+media|educacion\s+media|
    attestato\s+federale|attestato\s+di\s+capacita|senior\s+secondary|higher\s+secondary|
    chartered\s+(?:certified\s+)?accountan(?:t|cy)|certified\s+public\s+accountant|chartered\s+financial\s+analyst|
    cost\s+(?:and\s+)?management\s+accountan(?:t|cy)|company\s+secretary|chartered\s+accountancy
"""
# Degrees of Indonesian and Malay, Vietnamese, Finnish, Hungarian, Greek, Ukrainian, Catalan,
# Arabic and Hindi, Estonian, Serbian and Croatian, Lithuanian, Latvian, Swahili and Afrikaans as
# printed; folded below, as the texts they are looked for in.
_DEGREE_PRINTED = """
    sarjana ijazah cử\\s+nhân thạc\\s+sĩ tiến\\s+sĩ kandidaatti maisteri tohtori tradenomi
    alapképzés mesterképzés oklevél érettségi πτυχίο δίπλωμα μεταπτυχιακό διδακτορικό
    магістр спеціаліст grau llicenciatura màster doctorat
    magistrikraad bakalaureusekraad rakenduskõrgharidus diplomirani diplomirana prvostupnik prvostupnica magistar
    дипломирани мастер\\s+инжењер магистар diplomi-insinööri ylioppilastutkinto ammattitutkinto perustutkinto
    laipsnis brandos\\s+atestatas bakalaura\\s+grāds maģistra\\s+grāds sijil shahada stashahada cheti
    bằng\\s+cao\\s+đẳng bằng\\s+tốt\\s+nghiệp trung\\s+cấp matriek nasionale\\s+senior\\s+sertifikaat
    بكالوريوس ماجستير دكتوراه دبلوم ليسانس स्नातक स्नातकोत्तर डिप्लोमा
"""
DEGREE_SHORT_RE = re.compile(rf"(?<![\w.])(?:{_DEGREE_SHORT})(?![\w])", re.X)
DEGREE_LONG_RE = re.compile(
    rf"(?<![\w.])(?:{_DEGREE_LONG}|{'|'.join(fold(w) for w in _DEGREE_PRINTED.split())})(?![\w])", re.I | re.X
)
# The same for lower-cased ASCII text, matched case-sensitively: about three times faster, the
# same spans (the pattern's letters are lower-case, and none of them folds to an ASCII letter).
_DEGREE_LONG_LOWER_RE = re.compile(DEGREE_LONG_RE.pattern, re.X)
# Chinese, Japanese, Korean and Thai degrees, written without spaces around them ("在读硕士研究生信息与通信工程").
DEGREE_CJK_RE = re.compile(
    "(?:在读)?(?:硕士|碩士|博士)(?:研究生)?|学士|學士|修士|本科|大专|專科|专科|研究生|전문학사|학사|석사|박사"
    "|บัณฑิต|ปริญญาตรี|ปริญญาโท|ปริญญาเอก|มัธยมศึกษา|ประกาศนียบัตร"  # Thai, also written without spaces
)

DOCUMENT_WORDS = frozenset(
    [
        "curriculum",
        "vitae",
        "cv",
        "resume",
        "lebenslauf",
        "tabellarischer",
        "bewerbung",
        "application",
        "cover",
        "letter",
        "anschreiben",
        "page",
        "seite",
        "confidential",
        "personal",
        "details",
        "profile",
        "portfolio",
        # Portuguese, German, Indian English and Hindi, Arabic.
        "curriculo",
        "personalien",
        "biodata",
        "बायोडाटा",
        "बायो",
        "डाटा",
        "السيرة",
        "الذاتية",
    ]
)

PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "das",
        "dos",
        "du",
        "la",
        "le",
        "lo",
        "ten",
        "ter",
        "'t",
        "\u2019t",
        "zu",
        "zur",
        "bin",
        "binti",
        "ibn",
        "al",
        "el",
        "y",
        "af",
        "av",
    ]
)


_WORD_RE = re.compile(rf"[^\W_][\w.'\-{ABUGIDAS}]*")


@memoized
def words(text: str) -> tuple[str, ...]:
    return tuple(_WORD_RE.findall(fold(text)))


# German, Dutch and Nordic compounds name a job by their last part ("Industrieelektrikerin",
# "Lagerfachkraft", "Assistenzärztin", "Marketingmedewerker").
_GERMAN_JOB_ENDINGS = tuple(
    f"{stem}{suffix}"
    for stem in (
        "entwickler",
        "leiter",
        "berater",
        "ingenieur",
        "elektriker",
        "techniker",
        "mechaniker",
        "pfleger",
        "kaufmann",
        "fachkraft",
        "lehrer",
        "arbeiter",
        "helfer",
        "fahrer",
        "verkaufer",
        "meister",
        "referent",
        "manager",
        "assistent",
        "schweisser",
        "monteur",
        "planer",
        "designer",
        "analyst",
        "berater",
        "wirt",
        "kraft",
        "arzt",
        "medewerker",
        "ontwikkelaar",
        "adviseur",
        "leider",
        "beheerder",
        # Swedish, Norwegian, Danish, Turkish: "Systemutvecklare", "Økonomimedarbeider",
        # "Procesingeniør", "Bilgisayar Mühendisi".
        "utvecklare",
        "ledare",
        "skoterska",
        "ingenjor",
        "utvikler",
        "medarbeider",
        "medarbejder",
        "sykepleier",
        "ingeniør",
        "leder",
        "udvikler",
        "sygeplejerske",
        "muhendisi",
        "tekniker",
        "praktikant",
        "bitrade",
        "mastare",
        # Finnish and Hungarian: "Luokanopettaja", "Sairaanhoitaja", "Szoftvermérnök".
        "opettaja",
        "ohjaaja",
        "hoitaja",
        "johtaja",
        "paallikko",
        "suunnittelija",
        "asiantuntija",
        "kehittaja",
        "insinoori",
        "mernok",
        "fejleszto",
        "vezeto",
        "tanar",
    )
    for suffix in ("", "in")
)


# Chinese, Japanese and Korean glue a title's or an employer's marker to the words before it
# ("高级Java开发工程师", "システムエンジニア", "백엔드 개발자", "株式会社サイバーテック", "삼성전자 주식회사"):
# they are looked for inside words, in text that is not ASCII only.
_CJK_TITLE_RE = re.compile(
    "工程师|工程師|经理|經理|总监|總監|主管|专员|專員|设计师|設計師|分析师|分析師|顾问|顧問|助理|架构师|架構師|"
    "会计|會計|教师|教師|护士|護士|医生|醫生|律师|律師|实习生|實習生|研究员|研究員|负责人|負責人|总裁|總裁|"
    "审计员|審計員|审计师|審計師|业务员|業務員|技术员|技術員|程序员|程式設計師|公务员|公務員|"
    "エンジニア|プログラマ|マネージャ|マネジャ|デザイナ|コンサルタント|アナリスト|リーダー|ディレクター|"
    "看護師|薬剤師|教諭|講師|課長|部長|係長|主任|担当|"
    "엔지니어|개발자|매니저|디자이너|연구원|컨설턴트|간호사|교사|사원|대리|과장|차장|부장|팀장|인턴|기획자|"
    "분석가|회계사|변호사|강사|교수|선임|책임|주임"
)
# Legal forms may lead the name ("株式会社リクルート"); the other marks end one, so alone they
# name a department ("研究所 · 新能源汽车行业组"), not an employer.
_CJK_COMPANY_RE = re.compile(
    "株式会社|有限会社|合同会社|주식회사|\\(주\\)|㈜|(?<=[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]{2})"
    "(?:(?:有限|股份)?公司|集团|集團|银行|銀行|医院|醫院|病院|研究所|研究院|그룹|은행|병원|재단|공사)"
)


def _ends_in_title(word: str) -> bool:
    """The word's last part, six letters or more, is a title of its own: "Bilanzbuchhalterin"."""
    return any(word[i:] in _COMPOUND_ENDINGS for i in range(3, len(word) - 5))


@memoized
def title_score(text: str) -> float:
    """How much a phrase reads like a job title (0 = not at all)."""
    tokens = [w.strip(".'-") for w in words(text)]
    if not tokens:
        return 0.0
    # A compound's last part names the job: "DevOps-інженер", "IT-konsult".
    hits = sum(1 for w in tokens if w in TITLE_WORDS or w.rpartition("-")[2] in TITLE_WORDS)
    hits += _pairs_in(text, tokens, TITLE_WORDS)
    if not text.isascii():
        hits += len(_CJK_TITLE_RE.findall(text))
    # Compound German titles: "Softwareentwickler", "Projektleiterin", "Bilanzbuchhalterin".
    if not hits:
        hits = sum(1 for w in tokens if len(w) > 7 and (w.endswith(_GERMAN_JOB_ENDINGS) or _ends_in_title(w)))
    return float(hits / (len(tokens) ** 0.5))


LEGAL_FORMS = word_set(
    "inc llc ltd limited corp corporation co company gmbh ag kg ohg gbr ug se sa sas sarl sl srl sau bv nv plc "
    "lp llp pty pvt spa group gruppe groupe grupo holding holdings lda ltda sro oo pte bhd sdn kft zrt eurl sasu "
    "sprl bvba vzw doo uab ou hf ehf aps asa oy oyj ab sti "
    "ад еад оод еоод ооо зао оао пао тоо ххк шпс փբը սպը লিমিটেড लिमिटेड"  # noqa: RUF001
)
# Forms written in letters apart, which make no word of their own: Danish and Norwegian with a
# slash ("Danfoss A/S"), Czech and Slovak with dots ("Metrostav a.s.", "v.o.s."), Slovenian,
# Croatian and Serbian ("Intereuropa d.d.", "Sunce a.d.").
_SPLIT_FORM_RE = re.compile(
    r"(?<![\w/])[AIKP]/S\b|(?<![\w.])(?:a\.\s?s|v\.\s?o\.\s?s|k\.\s?s|d\.\s?d|a\.\s?d)\.(?!\w)", re.I
)


@memoized
def legal_form_score(text: str) -> float:
    """Words that only an organization's name carries ("Ltd", "GmbH", "Inc.", "S.p.A.", "B.V.").
    "Group" and its kin lead a title as often ("Group Reporting Accountant", "Group Head of
    Tax"): first in the text, they do not count."""
    forms = [w.strip(".'-").replace(".", "") for w in words(text)]
    found = sum(1 for n, w in enumerate(forms) if w in LEGAL_FORMS and (n or w not in _GROUP_WORDS))
    return float(found + (len(_SPLIT_FORM_RE.findall(text)) if "/" in text or "." in text else 0))


_GROUP_WORDS = frozenset(("group", "gruppe", "groupe", "grupo"))


@memoized
def company_score(text: str) -> float:
    tokens = [w.strip("'-") for w in words(text)]
    hits = sum(1 for w in tokens if w in COMPANY_WORDS or w.rstrip(".") in COMPANY_WORDS)
    if not text.isascii():
        hits += len(_CJK_COMPANY_RE.findall(text))
    return float(hits + _pairs_in(text, tokens, COMPANY_WORDS))


def _pairs_in(text: str, tokens: list[str], table: frozenset[str]) -> int:
    """Two-word entries of the table among the text's adjacent tokens: Vietnamese writes a
    word in syllables ("kỹ sư", "công ty", "đại học"). Only non-ASCII text pays for the look."""
    if text.isascii() or len(tokens) < 2:
        return 0
    return sum(1 for a, b in itertools.pairwise(tokens) if f"{a} {b}" in table)


_CJK_SCHOOL_RE = re.compile("(?:大学|大學|学院|學院|中学|高中|高校|학교|대학|มหาวิทยาลัย|วิทยาลัย|โรงเรียน)")


def split_cjk_school(text: str) -> tuple[str, str] | None:
    """("東京大学", "工学部 情報工学科 学士") from a CJK school's name and what follows it on the
    same line, separated by spaces only; None when the text is not such a line."""
    if text.isascii() or " " not in text:
        return None
    words = text.split(" ")
    for index, word in enumerate(words[:-1]):
        if _CJK_SCHOOL_RE.search(word):
            return " ".join(words[: index + 1]), " ".join(words[index + 1 :])
    return None


@memoized
def is_institution(text: str) -> bool:
    if not text.isascii() and _CJK_SCHOOL_RE.search(text):
        return True
    tokens = [w.strip(".'-") for w in words(text)]
    if _pairs_in(text, tokens, INSTITUTION_WORDS):
        return True
    if any(
        w in INSTITUTION_WORDS
        or ("-" in w and any(piece in INSTITUTION_WORDS for piece in w.split("-")))  # Aalto-yliopisto
        or (w.startswith(("universit", "hochschul", "uniwersyt")) and not w.startswith(("universitar", "universitair")))
        or "-universit" in w  # Humboldt-Universität, Ludwig-Maximilians-Universität
        or (
            len(w) > 8
            and w.endswith(
                (
                    "schule",
                    "akademie",
                    "kolleg",
                    "gymnasium",
                    "hochschule",
                    "institut",
                    "skolan",
                    "skolen",
                    "gymnasiet",
                    "hogeschool",  # Arteveldehogeschool
                    "academie",
                    "universiteit",
                    "ulikool",  # Tehnikaülikool
                    "skool",  # Hoërskool
                )
            )
        )
        for w in tokens
    ):
        return True
    return bool(INSTITUTION_ACRONYMS_RE.search(text))


def long_degree_match(text: str) -> "re.Match[str] | None":
    """Where a degree is spelled out (or written in CJK) in the text, if anywhere."""
    if text.isascii():
        return _DEGREE_LONG_LOWER_RE.search(text.lower())
    return DEGREE_LONG_RE.search(fold(text)) or DEGREE_CJK_RE.search(text)


def degree_match(text: str) -> "re.Match[str] | None":
    """Where a degree is named in the text, if anywhere."""
    found = DEGREE_SHORT_RE.search(text)
    long = long_degree_match(text)
    if found is None or (long is not None and long.start() < found.start()):
        return long
    return found


# Asked of the same parts several times (school or degree, the field beside it, headings).
@memoized
def has_degree(text: str) -> bool:
    return degree_match(text) is not None
