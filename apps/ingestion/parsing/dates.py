"""Dates and date ranges as resumes print them, in English, German, French, Spanish, Italian,
Portuguese, Dutch, Polish, Swedish, Norwegian, Danish, Czech, Turkish, Romanian and Russian,
and Chinese, Japanese and Korean ("2015年4月～現在", "2015년 3월 ~ 현재").

A date is a year and, when printed, a month ("Jan 2019", "03/2017", "2017-03",
"janv. 2020", "Mai 2018", "2015"). A range is two dates joined by a dash or a
word ("to", "bis", "à", "a", "hasta"), or a date and an open end ("present",
"heute", "à ce jour", "actualidad", "in corso", "heden", "obecnie", "seit 2020", "depuis 2021",
"desde 2021", "od 2021", "nuvarande", "d.d.", "dosud", "halen", "prezent", "по настоящее время",
"с марта 2018").
"""

# ruff: noqa: RUF001, RUF002  # Cyrillic and Turkish month names and range words, on purpose

import re
from dataclasses import dataclass
from typing import TypeAlias

from .memo import memoized
from .text import ABUGIDAS, fold

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        # English, German, French, Spanish; then Italian, Portuguese, Dutch and Polish (the
        # nominative and the genitive of "od września 2019").
        "jan january januar janner jaenner janv janvier enero ene gen gennaio janeiro januari styczen stycznia sty",
        "feb february februar feb fev fevr fevrier febrero febbraio fevereiro februari luty lutego lut",
        "mar march marz maerz mars marzo marco maart mrt marzec marca",
        "apr april avr avril abr abril aprile kwiecien kwietnia kwi",
        "may mai mayo maggio mag maio mei maj maja",
        "jun june juni juin junio giugno giu junho czerwiec czerwca cze",
        "jul july juli juil juillet julio luglio lug julho lipiec lipca lip",
        "aug august aout agosto ago augustus sierpien sierpnia sie",
        "sep sept september septembre septiembre setiembre settembre set setembro wrzesien wrzesnia wrz",
        "oct october okt oktober octobre octubre ottobre ott outubro out pazdziernik pazdziernika paz",
        "nov november novembre noviembre novembro listopad listopada lis",
        "dec december dez dezember decembre diciembre dic dicembre dezembro grudzien grudnia gru",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number
# Swedish, Norwegian, Danish, Czech (nominative and genitive), Turkish, Romanian and Russian
# (nominative, genitive and abbreviations), as printed: the pattern matches these, a date's
# month is looked up by the folded form. Forms the lists above hold already are left out.
_PRINTED_MONTHS = (
    "leden ledna ocak ianuarie ian январь января янв",
    "únor února şubat subat februarie февраль февраля фев",
    "marts březen března mart martie март марта мар",
    "duben dubna nisan aprilie апрель апреля апр",
    "květen května mayıs mayis май мая",
    "červen června haziran iunie iun июнь июня июн",
    "červenec července temmuz iulie iul июль июля июл",
    "augusti srpen srpna ağustos agustos август августа авг",
    "září eylül eylul septembrie сентябрь сентября сен сент",
    "říjen října ekim octombrie октябрь октября окт",
    "listopadu kasım kasim noiembrie ноябрь ноября ноя",
    "desember des prosinec prosince aralık aralik decembrie декабрь декабря дек",
)
# Indonesian and Malay, Finnish (nominative and partitive), Hungarian, Catalan, Greek (nominative
# and genitive), Ukrainian (nominative and genitive), Arabic (Gregorian names) and Hindi.
_MORE_MONTHS = (
    "januari tammikuu tammikuuta január gener ιανουάριος ιανουαρίου ιαν січень січня يناير जनवरी",
    "februari febr helmikuu helmikuuta február febrer φεβρουάριος φεβρουαρίου φεβ лютий лютого فبراير फ़रवरी फरवरी",
    "maret maaliskuu maaliskuuta március márc març μάρτιος μαρτίου μαρ μάρ березень березня مارس मार्च",
    "april huhtikuu huhtikuuta április ápr abril απρίλιος απριλίου απρ квітень квітня أبريل ابريل अप्रैल",
    "mei toukokuu toukokuuta május máj maig μάιος μαΐου μαΐ μαι μάι травень травня مايو मई",
    "juni jun kesäkuu kesäkuuta június jún juny ιούνιος ιουνίου ιουν ιούν червень червня يونيو जून",
    "juli julai heinäkuu heinäkuuta július júl juliol ιούλιος ιουλίου ιουλ ιούλ липень липня يوليو जुलाई",
    "agustus agu agt ogos elokuu elokuuta augusztus agost αύγουστος αυγούστου αυγ αύγ серпень серпня أغسطس اغسطس अगस्त",
    "september syyskuu syyskuuta szeptember szept setembre "
    "σεπτέμβριος σεπτεμβρίου σεπ вересень вересня سبتمبر सितंबर सितम्बर",
    "oktober okt lokakuu lokakuuta október octubre οκτώβριος οκτωβρίου οκτ жовтень жовтня أكتوبر اكتوبر अक्टूबर अक्तूबर",
    "november marraskuu marraskuuta november novembre νοέμβριος νοεμβρίου νοε листопад листопада نوفمبر नवंबर नवम्बर",
    "desember disember des joulukuu joulukuuta december desembre "
    "δεκέμβριος δεκεμβρίου δεκ грудень грудня ديسمبر दिसंबर दिसम्बर",
)
# Nepali, Bengali, Georgian, Armenian, Albanian, Azerbaijani and Uzbek, Kazakh, Swahili, Welsh,
# Basque, Maltese and Galician.
_WORLD_MONTHS = (
    "জানুয়ারি იანვარი հունվար janar yanvar қаңтар ionawr urtarrila jannar xaneiro",
    "फेब्रुअरी ফেব্রুয়ারি თებერვალი փետրվար shkurt fevral ақпан chwefror otsaila frar febreiro",
    "মার্চ მარტი մարտ наурыз machi mawrth martxoa marzu",
    "अप्रिल এপ্রিল აპრილი ապրիլ prill aprel сәуір aprili ebrill apirila",
    "মে მაისი մայիս maj мамыр maiatza mejju maio",
    "जुन জুন ივნისი հունիս qershor iyun маусым mehefin ekaina ġunju xuño",
    "জুলাই ივლისი հուլիս korrik iyul шілде gorffennaf uztaila lulju xullo",
    "अगस्ट আগস্ট აგვისტო օգոստոս gusht avqust avgust тамыз agosti awst abuztua awwissu",
    "सेप्टेम्बर সেপ্টেম্বর სექტემბერი սեպտեմբեր shtator sentyabr sentabr қыркүйек septemba iraila settembru setembro",
    "अक्टोबर অক্টোবর ოქტომბერი հոկտեմբեր tetor oktyabr oktabr қазан oktoba hydref urria ottubru outubro",
    "नोभेम्बर নভেম্বর ნოემბერი նոյեմբեր nëntor noyabr қараша novemba tachwedd azaroa novembru",
    "डिसेम्बर ডিসেম্বর დეკემბერი դեկտեմբեր dhjetor dekabr желтоқсан desemba rhagfyr abendua diċembru decembro",
)
# Croatian (nominative and genitive; not its "listopad", October, which is November in Polish and
# Czech), Serbian (Latin and Cyrillic), Slovenian, Slovak, Bulgarian, Lithuanian (nominative and
# genitive), Latvian, Estonian, Tagalog, Afrikaans and Malay.
_REGIONAL_MONTHS = (
    "siječanj siječnja januar јануар január januára януари sausis sausio janvāris jaanuar enero januarie",
    "veljača veljače februar фебруар február februára февруари vasaris vasario februāris veebruar pebrero februarie",
    "ožujak ožujka marec марец marca март kovas kovo marts märts marso maart mac",
    "travanj travnja apríl apríla април април balandis balandžio aprīlis aprill abril",
    "svibanj svibnja мај máj mája май gegužė gegužės maijs mai mayo mei",
    "lipanj lipnja junij јун jún júna юни birželis birželio jūnijs juuni hunyo junie",
    "srpanj srpnja julij јул júl júla юли liepa liepos jūlijs juuli hulyo julie julai",
    "kolovoz kolovoza avgust август augusta rugpjūtis rugpjūčio augusts agosto augustus ogos",
    "rujan rujna septembar септембар septembra септември rugsėjis rugsėjo septembris setyembre",
    "oktobar октобар októbra октомври spalis spalio oktobris oktoober oktubre",
    "studeni studenoga novembar новембар novembra ноември lapkritis lapkričio novembris nobyembre",
    "prosinac prosinca decembar децембар decembra декември gruodis gruodžio decembris detsember disyembre disember",
)
for _months in (_PRINTED_MONTHS, _MORE_MONTHS, _WORLD_MONTHS, _REGIONAL_MONTHS):
    for _number, _names in enumerate(_months, start=1):
        for _name in _names.split():
            MONTHS.setdefault(fold(_name), _number)

# Seasons say only the year with any certainty.
SEASONS = [
    "spring",
    "summer",
    "fall",
    "autumn",
    "winter",
    "fruhling",
    "fruehling",
    "sommer",
    "herbst",
    "printemps",
    "ete",
    "automne",
    "hiver",
    "primavera",
    "verano",
    "otono",
    "invierno",
    "zomer",
    "herfst",
    "sommar",
    "sommaren",
    "vintern",
    "hosten",
    "varen",
    "inverno",
    "autunno",
    "verao",
    "outono",
]
# "Q3 2019 - Q1 2021": read as the quarter's first month.
_QUARTERS = ["q1", "q2", "q3", "q4"]
_QUARTER_RE = re.compile(r"q([1-4])\b")

_ACCENTED = (
    "janvier févr février fév août décembre déc märz jänner otoño été frühling "
    "março styczeń kwiecień sierpień wrzesień września październik października paź grudzień"
)
_PRINTED = " ".join((*_PRINTED_MONTHS, *_MORE_MONTHS, *_WORLD_MONTHS, *_REGIONAL_MONTHS)).split()


_Trie: TypeAlias = dict[str, "_Trie"]


def _trie_pattern(words: set[str]) -> str:
    """The words as one pattern with their shared beginnings factored out ("ma(?:r(?:ch|zo)?|y)"):
    re tries the branches of a flat alternation one by one, and there are hundreds of month
    names in twenty-odd languages."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: _Trie) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if "" in node:
            return f"(?:{'|'.join(branches)})?" if branches else ""
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"

    return pattern(trie)


_MONTH_ALT = _trie_pattern({*MONTHS, *SEASONS, *_QUARTERS, *_ACCENTED.split(), *_PRINTED})
# The letters a month or a season starts with, for the lookaheads below.
_MONTH_START = "".join(sorted({w[0] for w in (*MONTHS, *SEASONS, *_QUARTERS, *_ACCENTED.split(), *_PRINTED)}))
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_MON = rf"(?<![^\W\d_])(?:{_MONTH_ALT})(?![^\W\d_])\.?"
_DATE = (
    rf"(?:(?:\d{{1,2}}\.?\s+)?{_MON}(?:\s+de)?(?:[\s,]*|\s?/\s?|-)(?:'?{_YEAR}|'\d\d(?!\d))"
    rf"|(?<![\d/.])(?:\d{{1,2}}[./])?(?:0?[1-9]|1[0-2])\s?[/.]\s?{_YEAR}"
    rf"|{_YEAR}\s?[-/.]\s?(?:0[1-9]|1[0-2]|[1-9])(?![\d])(?![/.]\d)"
    rf"|{_YEAR}\s*[年년]\s*\d{{1,2}}\s*[月월]"
    rf"|{_YEAR}\.\s?{_MON}"  # Hungarian: "2019. január"
    rf"|{_YEAR}"
    rf"|'\d\d(?!\d))"
)
# Open ends. Each starts with a plain letter, which _TOKEN_START relies on.
_PRESENT_WORDS = [
    "present",
    "current(?:ly)?",
    "now",
    "today",
    "ongoing",
    "date",
    "heute",
    "aktuell",
    "derzeit",
    "jetzt",
    "laufend",
    "dato",
    "pr[ée]sent",
    "actuel(?:lement)?",
    "présentement",
    "à présent",
    "ce jour",
    "aujourd'hui",
    "en cours",
    "maintenant",
    "actualidad",
    "presente",
    "actual(?:mente)?",
    "la fecha",
    "fecha",
    "hoy",
    "in corso",
    "(?:ad )?oggi",
    "(?:alla )?data attuale",
    "attualmente",
    "attuale",
    "atualmente",
    "atual",
    "até (?:o momento|hoje|agora)",
    "à data",
    "(?:o|ao|el|al) momento",
    "(?:o|el) presente",
    "agora",
    "em andamento",
    "em curso",
    "hoje",
    "heden",
    "nu",
    "obecnie",
    "nadal",
    "nuvarande",
    "pågående",
    "idag",
    "i dag",
    "tills vidare",
    "nå",
    "d\\.\\s?d\\.",
    "nuværende",
    "dags dato",
    "současnost",
    "do současnosti",
    "do súčasnosti",
    "súčasnosť",
    "doteraz",
    "dzisiaj",
    "do dziś",
    "do chwili obecnej",
    "teraz",
    "i dalje",
    "do danas",
    "danas",
    "trenutno",
    "до данас",
    "до момента",
    "досега",
    "сега",
    "iki dabar",
    "dabar",
    "līdz šim",
    "šobrīd",
    "tagad",
    "praeguseni",
    "tänaseni",
    "praegu",
    "núna",
    "í dag",
    "doposud",
    "dosud",
    "nyní",
    "halen",
    "jelenleg",
    "napjainkig",
    "mostanáig",
    "jelen",
    "günümüz",
    "devam ediyor",
    "până (?:în|la) prezent",
    "în prezent",
    "prezent",
    # Russian "по": the open end's own word, so that it needs no connector before it.
    "по настоящее время",
    "настоящее время",
    "по наст\\. время",
    "наст\\. время",
    "по н\\.\\s?в\\.",
    "н\\.\\s?в\\.",
    "по сей день",
    "по текущее время",
    "текущее время",
    "сейчас",
    "до сих пор",
    "настоящий момент",
    "теперь",
    "даний час",
    "теперішній час",
    "теперішнього часу",
    "дотепер",
    "sekarang",
    "saat ini",
    "kini",
    "hingga kini",
    "hiện tại",
    "hiện nay",
    "nay",
    "nykyhetki",
    "nyt",
    "tähän asti",
    "nykyään",
    "kasalukuyan",
    "në vazhdim",
    "aktualisht",
    "deri tani",
    "დღემდე",
    "ამჟამად",
    "մինչ օրս",
    "առ այսօր",
    "hal-hazırda",
    "indiyədək",
    "bu günə qədər",
    "қазіргі уақытқа дейін",
    "осы уақытқа дейін",
    "қазірге дейін",
    "hozirgacha",
    "hozirgi vaqtgacha",
    "одоог хүртэл",
    "বর্তমান",
    "এখন পর্যন্ত",
    "हालसम्म",
    "እስካሁን",
    "hadi sasa",
    "sasa",
    "данас",
    "hede",
    "tans",
    "actualitat",
    "mpaka sasa",
    "បច្ចុប្បន្ន",
    "ປັດຈຸບັນ",
    "presennol",
    "hyd heddiw",
    "hyd yma",
    "actualidade",
    "gaur egun",
    "orain arte",
    "gaur arte",
    "sal-lum",
    "preżent",
    "تاحال",
    "اب تک",
    "தற்போது",
    "இன்று வரை",
    "මේ දක්වා",
    "ปัจจุบัน",
    "jatkuu",
    "jelenleg",
    "napjainkig",
    "máig",
    "actualitat",
    "actualment",
    "σήμερα",
    "παρόν",
    "по теперішній час",
    "по даний час",
    "теперішній час",
    "тепер",
    "дотепер",
    "нині",
    "حتى الآن",
    "حتى الان",
    "الآن",
    "الان",
    "حاليا",
    "حالياً",
    "الحاضر",
    "تاکنون",
    "تا کنون",
    "اکنون",
    "עד היום",
    "היום",
    "כיום",
    "वर्तमान",
    "अब तक",
    "आज तक",
    "至今",
    "迄今",
    "到现在",
    "到現在",
    "今",
    "现在",
    "現在",
    "目前",
    "在職中",
    "現職",
    "현재",
    "재직\\s?중",
]
_PRESENT = "(?:" + "|".join(_PRESENT_WORDS) + ")"
_PRESENT_RE = re.compile(rf"{_PRESENT}\.?", re.I)


_TRAILING_MONTH_RE = re.compile(rf"[-\u2013\u2014]\s*(?:(?:expected|anticipated|exp\.)\s+)?{_MON}\s*$", re.I)


def ends_in_month(text: str) -> bool:
    """ "березень 2014 - серпень", "Aug 2025 - Expected May": a range cut after its end's month,
    the year on the next line."""
    return _TRAILING_MONTH_RE.search(text) is not None


_LONE_MONTH_RE = re.compile(rf"{_MON}", re.I)


def is_month(text: str) -> bool:
    """The text is a month's name alone ("veljača", "Sept."): a date wrapped before its year."""
    return _LONE_MONTH_RE.fullmatch(text.strip()) is not None


def is_open_end(text: str) -> bool:
    """The text is an open end alone: "Now", "heute", "至今"."""
    return _PRESENT_RE.fullmatch(text.strip()) is not None


# The characters a token can start with: a digit, the apostrophe of '19, or the first
# letter of a month, a season or an open end. Named in a lookahead after the "no word
# before" check that every token makes, they let the search fail at once at every other
# position (about 1.8 times faster, the same matches).
_TOKEN_START = "".join(sorted({*_MONTH_START, *(w[0] for w in _PRESENT_WORDS)}))
_TOKEN_PATTERN = (
    rf"(?<!\w)(?=[\d'{_TOKEN_START}])"
    rf"(?:(?P<date>(?<![\w+])(?:{_DATE})(?![\w]))|(?P<present>(?<!\w){_PRESENT}(?!\w)))"
)
_TOKEN_RE = re.compile(_TOKEN_PATTERN, re.I)
# The same on lower-cased text: case-sensitive matching is about twice as fast.
_TOKEN_LOWER_RE = re.compile(_TOKEN_PATTERN)
# A full stop may end the first date ("2017. 09. - 2021. 03.", Hungarian).
_CONNECTOR_RE = re.compile(
    r"^\.?\s*[(\[]?\s*(?:[-\u2013\u2014~/\uff5e\u301c]{1,2}|to|till|until|through|thru|bis(?: zum| zu)?|à|au|a|ad|"
    r"al|hasta|jusqu'(?:à|au)|até|tot|do|til|až|până (?:în|la)|по|s/d|s\.d\.|hingga|sampai|đến|до|έως|μέχρι|"
    r"إلى|الى|حتى|से)?"
    r"\s*(?:à|au|a|al|bis|hasta|to|till|until)?\s*(?:exp\.?|expected|voraussichtlich|prévu|prevue?)?\s*(?:la|le|el|l')?\s*$",
    re.I,
)
_OPEN_END_RE = re.compile(r"^\.?\s*(?:[-\u2013\u2014]|to|bis|à|a|hasta)\s*[)\]]?\s*$", re.I)
# The same before the entry's other fields on its line: "2021- · Sosiaaliohjaaja, Tampereen kaupunki".
_OPEN_DASH_RE = re.compile(r"\s*[-\u2013\u2014](?=\s+[|\u00b7\u2022]\s)")
# The words must start a word: "ab" ends "Lab", "da" ends "Florida".
_SINCE_RE = re.compile(
    r"(?<![^\W\d_])(?:since|seit|depuis(?: le| l')?|desde|dès|from|ab|dal|dall'|da|sinds|vanaf|od|sedan|från|siden|fra|"
    r"din|с|со|начиная с)\s*$",
    re.I,
)
_NUM_RE = re.compile(r"\d+")
_MONTH_NAME_RE = re.compile(rf"(?:[^\W\d_]|[{ABUGIDAS}]){{3,}}")  # "जनवरी" keeps its vowel signs
_EMPTY_BRACKETS_RE = re.compile(r"\(\s*\)|\[\s*\]")
_SPACE_RUN_RE = re.compile(r"\s{2,}")


@dataclass(frozen=True, slots=True, order=True)
class YearMonth:
    """A year and a month; month 0 when only the year is known."""

    year: int
    month: int = 0

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"

    def index(self, *, end: bool) -> int:
        """Months since year 0. An unknown month counts as January for a start
        and December for an end, so "2015 - 2018" spans four calendar years."""
        month = self.month or (12 if end else 1)
        return self.year * 12 + month - 1


@dataclass(frozen=True, slots=True)
class DateRange:
    start: YearMonth | None
    end: YearMonth | None  # None with current=True: ongoing
    current: bool
    begin: int  # character span of the whole range in the searched text
    stop: int


def parse_date(token: str) -> YearMonth | None:
    """One date token as matched by the date pattern."""
    if len(token) == 4 and token.isdigit():
        return YearMonth(int(token))  # the commonest token by far: a year
    folded = fold(token)
    numbers = [int(n) for n in _NUM_RE.findall(folded)]
    if not numbers:
        return None
    if "'" in folded and numbers[-1] < 100:
        year = 2000 + numbers[-1] if numbers[-1] < 50 else 1900 + numbers[-1]
        numbers[-1] = year  # "3/'22": the month is the number before it
    else:
        years = [n for n in numbers if n >= 1000]
        if not years:
            return None
        year = years[0]
    month = 0
    name = _MONTH_NAME_RE.search(folded)
    if "年" in token or "년" in token:
        month = numbers[1] if len(numbers) > 1 else 0
    elif name is not None:
        month = MONTHS.get(name.group(0), 0)
    elif (quarter := _QUARTER_RE.match(folded)) is not None:
        month = 3 * int(quarter.group(1)) - 2
    else:
        small = [n for n in numbers if n < 1000]
        if small:
            # dd.mm.yyyy and mm/yyyy: the month is the number next to the year.
            position = numbers.index(year)
            month = small[-1] if position > 0 else small[0]
    if not 1 <= month <= 12:
        month = 0
    return YearMonth(year, month)


def _tokens(text: str) -> list[tuple[int, int, YearMonth | None]]:
    """Dates (YearMonth) and open ends (None) in order, with their spans."""
    found: list[tuple[int, int, YearMonth | None]] = []
    lower = text.lower()
    # Lower-casing keeps every offset unless a character lower-cases to two ("İ").
    matches = _TOKEN_LOWER_RE.finditer(lower) if len(lower) == len(text) else _TOKEN_RE.finditer(text)
    for match in matches:
        if match.group("present") is not None:
            found.append((match.start(), match.end(), None))
            continue
        date = parse_date(match.group(0))
        if date is not None:
            found.append((match.start(), match.end(), date))
    return found


# Where a year might be (a '19 year, or the two-digit year of a range: "04/19 - 11/21"); every
# date token holds one. The lookahead skips at once every position that can start none of them.
_YEARISH_RE = re.compile(r"(?=[12'/])(?:(?:19[5-9]|20[0-4])\d|'\d\d|/\d\d\s*[-\u2013\u2014~])")


def find_ranges(text: str) -> list[DateRange]:
    """Every date range in the text, and lone dates as one-point ranges.

    Spans refer to the text after ``with_years`` (the same text when no range
    borrows a year), which is what ``strip_dates`` cuts.
    """
    if not _YEARISH_RE.search(text):
        return []  # every date has a year: most lines with digits ("300 users", "$45M") have none
    return list(_find_ranges(text))


# Rows are asked about their dates many times (anchors, headers, descriptions);
# the answer depends on the text alone.
@memoized
def _find_ranges(text: str) -> tuple[DateRange, ...]:
    text = with_years(text)
    tokens = _tokens(text)
    ranges: list[DateRange] = []
    i = 0
    while i < len(tokens):
        begin, stop, value = tokens[i]
        if value is None:
            i += 1
            continue
        if i + 1 < len(tokens):
            nbegin, nstop, nvalue = tokens[i + 1]
            gap = text[stop:nbegin]
            if gap.strip() and _CONNECTOR_RE.match(gap) and (nvalue is None or nvalue >= YearMonth(value.year)):
                ranges.append(DateRange(value, nvalue, nvalue is None, begin, nstop))
                i += 2
                continue
        since = _SINCE_RE.search(text, 0, begin)
        if _OPEN_END_RE.match(text[stop:]):
            ranges.append(DateRange(value, None, True, begin, len(text)))
        elif dash := _OPEN_DASH_RE.match(text, stop):
            ranges.append(DateRange(value, None, True, begin, dash.end()))
        elif (since is not None and since.end() == begin) or (
            since is not None and not text[since.end() : begin].strip()
        ):
            ranges.append(DateRange(value, None, True, since.start(), stop))
        else:
            ranges.append(DateRange(value, value, False, begin, stop))
        i += 1
    return tuple(ranges)


_MONTH_ONLY_RE = re.compile(
    rf"(?=[{_MONTH_START}])({_MON})\s*(?:[-\u2013\u2014]|to|bis|à|a|hasta)\s*({_MON}\s*,?\s*({_YEAR}))", re.I
)


# A word then a dash, or a range word after a dot or a space: where _MONTH_ONLY_RE can match at all.
_MONTH_PAIR_HINT_RE = re.compile(r"[^\W\d_]\.?\s*[-\u2013\u2014]|[.\s](?:to|bis|à|a|hasta)(?![^\W\d_])", re.I)


# Year and month written as one number, in a range ("201607 - 202002", "201607 - Present").
_COMPACT_RE = re.compile(
    r"(?<![\d.,/-])((?:19[5-9]|20[0-4])\d)(0[1-9]|1[0-2])(\s*[-\u2013\u2014~]\s*)"
    r"(?:((?:19[5-9]|20[0-4])\d)(0[1-9]|1[0-2])(?![\d.,/-])|(?=[^\W\d_]))"
)


def _compact(match: "re.Match[str]") -> str:
    start_year, start_month, dash, end_year, end_month = match.groups()
    return f"{start_year}-{start_month}{dash}" + (f"{end_year}-{end_month}" if end_year else "")


_SIX_DIGITS_RE = re.compile(r"\d{6}")
# Month and two-digit year, in a range only ("04/19 - 11/21", "12/21 - Present"): alone,
# "04/19" could as well be a day and a month, or a fraction.
_SHORT_YEAR_RE = re.compile(
    r"(?<![\d/.])(0[1-9]|1[0-2])/(\d\d)(\s*[-\u2013\u2014~]\s*)(?:(0[1-9]|1[0-2])/(\d\d)(?![\d/.])|(?=[^\W\d_]))"
)


def _century(year: str) -> str:
    return ("19" if year >= "50" else "20") + year


def _short_years(match: "re.Match[str]") -> str:
    start_month, start_year, dash, end_month, end_year = match.groups()
    end = f"{end_month}/{_century(end_year)}" if end_year else ""
    return f"{start_month}/{_century(start_year)}{dash}{end}"


# Asked twice of a text with dates: by find_ranges, then by strip_dates.
@memoized
def with_years(text: str) -> str:
    """ "May - Aug 2019" -> "May 2019 - Aug 2019", so that both ends are dates; "201607 -
    202002" -> "2016-07 - 2020-02"; "04/19 - 11/21" -> "04/2019 - 11/2021"; "III 2019 -" ->
    "03/2019 -"."""
    if _MONTH_PAIR_HINT_RE.search(text):
        text = _MONTH_ONLY_RE.sub(lambda m: f"{m.group(1)} {m.group(3)} - {m.group(2)}", text)
    if _SIX_DIGITS_RE.search(text):
        text = _COMPACT_RE.sub(_compact, text)
    if "/" in text:
        text = _SHORT_YEAR_RE.sub(_short_years, text)
    if "I" in text or "V" in text or "X" in text:
        text = _roman_months(text)
    return text


# A month in Roman numerals before its year, as Czech and Polish resumes print it ("III 2019 -
# dosud"); read only in a range, where a dash stands beside it ("Level II 2019" is no date).
_ROMAN_MONTH_RE = re.compile(r"(?<![\w.])(XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)\.?\s+((?:19[5-9]|20[0-4])\d)\b")
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_DASHES = "-\u2013\u2014"


def _roman_months(text: str) -> str:
    def numbered(match: "re.Match[str]") -> str:
        before, after = text[: match.start()].rstrip(), text[match.end() :].lstrip()
        if not (before.endswith(tuple(_DASHES)) or after.startswith(tuple(_DASHES))):
            return match.group(0)
        return f"{_ROMAN.index(match.group(1)) + 1:02d}/{match.group(2)}"

    return _ROMAN_MONTH_RE.sub(numbered, text)


_EDGE_WORDS = (
    r"[-\u2013\u2014]|to|bis|à|a|ad|au|al|hasta|até|tot|since|seit|depuis|desde|from|dal|dall'|da|sinds|vanaf|od|"
    r"exp\.?|expected|"
    r"til|až|până|по|sedan|från|siden|fra|din|с|со|tháng|năm|từ|"
    r"grad\.?|graduated|graduation|"
    r"class of|voraussichtlich|prévu|\(|\[|\)|\]"
)
_TRAILING_RE = re.compile(rf"(?:\s|^)(?:{_EDGE_WORDS})\s*$", re.I)
_LEADING_RE = re.compile(rf"^\s*(?:{_EDGE_WORDS})(?:\s|$)", re.I)


@memoized
def strip_dates(text: str) -> str:
    """The text with its dates, open ends and range words taken out."""
    ranges = find_ranges(text)
    if not ranges:
        return text
    text = with_years(text)
    pieces = []
    last = 0
    for r in ranges:
        pieces.append(text[last : r.begin])
        last = r.stop
    pieces.append(text[last:])
    cleaned = []
    for piece in pieces:
        for _ in range(2):
            shorter = _LEADING_RE.sub("", _TRAILING_RE.sub("", piece))
            if shorter == piece:
                break  # nor would a second pass change it
            piece = shorter
        cleaned.append(piece.strip())
    rest = " ".join(p for p in cleaned if p)
    rest = _EMPTY_BRACKETS_RE.sub(" ", rest)
    return _SPACE_RUN_RE.sub(" ", rest).strip(" ,;:|-\u2013\u2014/")
