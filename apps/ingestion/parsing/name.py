"""The candidate's name: the most name-like row near the top of the first page.

Evidence, weighed together: the row's font size (names are set largest), bold,
position (first rows), its shape (two to five capitalized words, particles,
hyphens, apostrophes, initials, or a short run of CJK characters) and agreement
with the email address's local part. Rows that are headings, job titles,
document words ("Curriculum Vitae", "Lebenslauf") or places are never names.
"""

import itertools
import re
from dataclasses import dataclass

from .layout import Row
from .lexicon import DOCUMENT_WORDS, PARTICLES, TITLE_WORDS, has_degree
from .location import lookup, place_of
from .sections import heading_kind
from .text import ABUGIDAS, fold, is_upper, word_set

_TOKEN_RE = re.compile(r"^(?:[^\W\d_][^\W\d_'\u2019.-]*(?:['\u2019-][^\W\d_]+)*\.?|[^\W\d_]\.)$")
# The same with the vowel signs of Indic, Thai and other scripts ("राहुल", "สมชาย").
_L = rf"(?:[^\W\d_]|[{ABUGIDAS}])"
_ABUGIDA_TOKEN_RE = re.compile(rf"^[^\W\d_]{_L}*(?:['\u2019-]{_L}+)*$")
_ABUGIDA_RE = re.compile(f"[{ABUGIDAS}]")
_CJK_RE = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,6}$")
_NAME_LABELS = (
    r"name|full name|nombre|nombre completo|nom|nom complet|vor- und nachname|nachname|vorname und name|nome|"
    r"nome completo|naam|imię i nazwisko|nama|nama lengkap|họ và tên|họ tên|nimi|név|ім'я|имя|фио|όνομα|nom i cognoms|"
    r"surname\(s\) / first name\(s\)|nom\(s\) / prénom\(s\)|nachname\(n\) / vorname\(n\)|"
    r"apellido\(s\) / nombre\(s\)|氏\s?名|姓\s?名|성\s?명|이\s?름"
)
# Chinese, Japanese and Korean forms print the label without a colon ("氏名 山田 太郎").
_LABEL_RE = re.compile(rf"^(?:(?:{_NAME_LABELS})\s*:\s*|(?:氏名|姓名|성명|이름)\s+(?=\S))", re.I)
_LABEL_ALONE_RE = re.compile(rf"^(?:{_NAME_LABELS})\s*:?$", re.I)
# The lookahead: see entries._SPLIT_RE.
_SPLIT_RE = re.compile(
    r"(?=[\s|•·—,])\s*(?:\||•|·|—|,\s(?=[A-Z][a-z]+\s(?:Engineer|Developer|Manager))|\s-\s|\s{3,})\s*"
)
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "herr", "frau", "m", "mme", "mlle", "sr", "sra", "srta", "don"}
# Academic and professional titles printed before a name, dots taken out: "Dr. med.", "Dr. rer. nat.",
# "Dipl.-Ing.", "Mag.", "Dott.ssa", "Ing.", "Ir.", "Drs.", "mgr inż.".
_HONORIFICS |= {"med", "rer", "nat", "phil", "jur", "dr-ing", "dipl-ing", "dipl-kfm", "mag", "dott", "dottssa"}
_HONORIFICS |= {"ing", "avv", "arch", "ir", "drs", "mgr", "inz", "lic", "eng"}
_HONORIFICS |= {"maga", "drin"}  # Austrian feminine forms: "Mag.a", "Dr.in"
_DEGREE_SUFFIXES = {"phd", "mba", "msc", "md", "cpa", "pmp", "jr", "sr", "ii", "iii", "bsc", "ma", "ms", "bs", "pe"}
_STOP = frozenset(
    [
        "the",
        "and",
        "of",
        "for",
        "with",
        "in",
        "at",
        "to",
        "my",
        "a",
        "an",
        "on",
        "from",
        "by",
        "is",
        "are",
        "our",
        "your",
        "new",
        "about",
        "contact",
        "email",
        "phone",
        "mobile",
        "address",
        "university",
        "college",
        "school",
        "inc",
        "llc",
        "ltd",
        "gmbh",
        "team",
        "skills",
        "references",
        "objective",
        "profile",
        "experience",
        "education",
        "linkedin",
        "e-mail",
        "mail",
        "courriel",
        "tel",
        "telefon",
        "telefono",
        "telephone",
        "movil",
        "cell",
        "handy",
        "fax",
        "web",
        "location",
        "adresse",
        "direccion",
        "domicilio",
        "wohnort",
        "github",
        # A letter's closing above the signature ("Pozdrawiam" / "Krzysztof Zieliński"),
        # in resumes pasted into an email.
        "regards",
        "cheers",
        "thanks",
        "sincerely",
        "pozdrawiam",
        "pozdravem",
        "cordialement",
        "saludos",
        "atentamente",
        "cumprimentos",
        "saluti",
        "groeten",
        "halsningar",
        "mvh",
        "sayg\u0131lar\u0131mla",  # Turkish, folded: the dotless i stays
        "portfolio",
        "website",
        "summary",
        "page",
        "und",
        "mit",
        "fur",
        "bei",
        "les",
        "et",
        "pour",
        "avec",
        "con",
        "para",
        "por",
        "una",
        "un",
    ]
)


# Words no name holds: one set, one lookup per token.
_NOT_NAME_WORDS = _STOP | TITLE_WORDS | DOCUMENT_WORDS
# Stop words that are also given names after the first word ("Nguyễn Văn An", "Trần Thị My").
_NAME_AFTER_FIRST = frozenset(["an", "my"])


# "i" and "e" join Catalan and Portuguese surnames; a particle can be joined to its name.
_LINKING_WORDS = frozenset(["i", "e"])
_ELISION_RE = re.compile("[-'\u2019]")
_JOINED = PARTICLES | {"d", "dell"}


@dataclass(frozen=True, slots=True)
class NameGuess:
    name: str
    score: float


def _tokens(text: str) -> list[str]:
    return text.split()


def shape_ok(text: str) -> bool:
    """Two to five name words besides particles (or one, judged by the caller), or a CJK name."""
    text = text.strip()
    if _CJK_RE.match(text):
        return True
    tokens = _tokens(text)
    # "Lucas Henrique da Silva dos Santos": six words, four of them names.
    words = sum(1 for token in tokens if fold(token) not in PARTICLES)
    if not 1 <= words <= 5 or len(tokens) > 7 or len(text) > 50:
        return False
    capitalized = 0
    for n, token in enumerate(tokens):
        bare = token.strip(",")
        if (
            not _TOKEN_RE.match(bare)
            and not (_ABUGIDA_RE.search(bare) and _ABUGIDA_TOKEN_RE.match(bare))
            and not (n and fold(bare) in PARTICLES)  # "Maarten van 't Zand"
        ):
            return False
        lowered = fold(bare).strip(".")
        initial = len(lowered) == 1 and bare.endswith(".")
        if not initial and lowered in _NOT_NAME_WORDS and not (n and lowered in _NAME_AFTER_FIRST):
            return False
        if bare[0].isupper() or bare[0].lower() == bare[0].upper():  # Arabic, Hebrew...: no case
            capitalized += 1
        elif (
            lowered not in PARTICLES and lowered not in _LINKING_WORDS and _ELISION_RE.split(lowered)[0] not in _JOINED
        ):
            return False  # but "Puig i Ferrer", "Silva e Costa", "al-Hassan", "d'Angelo"
    if len(tokens) > 1 and tokens[-1] in PARTICLES:
        return False  # "Joaquín Rodríguez de": a name cut before its end
    return capitalized >= 1


# A surname of up to five words in capitals, then the given names ("GARCÍA LÓPEZ, José María").
_SURNAME_WORD = r"[^\W\d_](?:[^\W\d_]|['\u2019-](?=[^\W\d_]))*"
_SURNAME_FIRST_RE = re.compile(rf"^({_SURNAME_WORD}(?: {_SURNAME_WORD}){{0,4}}),\s*([^\W\d_].*)$")
_SEMICOLON_RE = re.compile(r"\s*;\s*")
_NEVER_NAME_RE = re.compile(r"[\d@/]")
_HEAD_RE = re.compile(r"\s(?=[+(\d@<])")
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_NOT_AZ_RE = re.compile(r"[^a-z]")
# Credentials after the name's comma: "RN, BSN", "CPA(K)", "P.Eng., PMP", "Ph.D.".
_CREDENTIAL = r"(?:[A-Z]{2,6}(?:\([A-Z]{1,3}\))?|Ph\.?\s?D\.?|M\.?D\.?|P\.\s?Eng\.?|Pharm\.?\s?D\.?|Esq\.?)"
_CREDENTIAL_RE = re.compile(rf",\s*{_CREDENTIAL}(?:\s*,\s*{_CREDENTIAL})*\s*$")
# Credentials a name in capitals may end with ("DANIELLE KOWALCZYK, RN, BSN"), where any other
# capitals after the comma are a given name ("DUPONT, JEAN").
_CREDENTIALS = word_set(
    "rn bsn msn np lpn cna cpa cma cfa acca aca cima pmp mba phd md do dds dmd pharmd msw rsw lcsw peng pe eit "
    "esq jd llm mph cissp cisa cpht rph ot pt slp shrm"
)
# A nickname between the given and the family name: Jasmine "Jazz" Whitaker-Lopez.
_NICKNAME_RE = re.compile(r"\s[\"\u201c\u2018][^\"\u201c\u201d\u2018\u2019]{1,20}[\"\u201d\u2019]\s")
# "son of", "daughter of" between a Tamil or Malaysian name and the father's: Rajesh s/o Kumaravel.
_SON_OF_RE = re.compile(r"\s(?:s|d|w)/o\s|\s(?:a/l|a/p)\s", re.I)


def _plain(text: str) -> str:
    """The name without what is printed around it: credentials ("Jane Doe, MBA"), a nickname in
    quotes, the "s/o" before a father's name."""
    if "," in text:
        text = _without_credentials(text)
    if '"' in text or "\u201c" in text or "\u2018" in text:
        text = _NICKNAME_RE.sub(" ", text)
    if "/" in text:
        text = _SON_OF_RE.sub(" ", text)
    return text


def _without_credentials(text: str) -> str:
    match = _CREDENTIAL_RE.search(text)
    if match is None:
        return text
    if is_upper(text):
        tokens = [re.sub(r"\(.*?\)|[^A-Za-z]", "", t) for t in match.group(0).split(",")]
        if not all(t.lower() in _CREDENTIALS for t in tokens if t):
            return text
    return text[: match.start()]


def _unlabelled(text: str) -> str:
    return _LABEL_RE.sub("", text) if ":" in text or not text.isascii() else text


def tidy(text: str) -> str:
    """Title-case an ALL-CAPS name, keep particles lower-case, drop honorifics, degrees and
    what else is printed around a name."""
    text = _plain(_unlabelled(text)).strip(" ,;:")
    tokens = _tokens(text)
    while len(tokens) > 2 and fold(tokens[0]).strip(".").replace(".", "") in _HONORIFICS:
        tokens = tokens[1:]
    while len(tokens) > 2 and fold(tokens[-1]).strip(".,").replace(".", "") in _DEGREE_SUFFIXES:
        tokens = tokens[:-1]
    text = " ".join(tokens).strip(" ,")
    surname_first = _SURNAME_FIRST_RE.match(text) if "," in text else None
    if surname_first and is_upper(surname_first.group(1)) and not is_upper(surname_first.group(2)):
        # "MÜLLER, Anna" -> "Anna Müller"
        text = f"{surname_first.group(2)} {surname_first.group(1)}"
    if _CJK_RE.match(text):
        return text
    if not is_upper(text):
        # "Jean DUPONT": a surname in capitals beside a first name that is not.
        return " ".join(_mixed_case_token(t, first=n == 0) for n, t in enumerate(_tokens(text)))
    out = []
    for n, token in enumerate(_tokens(text)):
        lowered = token.lower()
        if n > 0 and lowered in PARTICLES:
            out.append(lowered)
            continue
        out.append(_title_token(token))
    return " ".join(out)


def _mixed_case_token(token: str, *, first: bool) -> str:
    """A token of a name that is not all capitals: "DUPONT" -> "Dupont", "DE LA" -> "de la"
    after the first token, short capitals ("JD") and initials kept."""
    if not is_upper(token):
        return token
    if not first and token.lower() in PARTICLES:
        return token.lower()
    return _title_token(token) if len(token) > 2 and "." not in token else token


def _title_token(token: str) -> str:
    """O'BRIEN -> O'Brien, JEAN-PIERRE -> Jean-Pierre, MCDONALD -> Mcdonald."""
    return _LETTERS_RE.sub(lambda m: m.group(0).capitalize(), token.lower())


_MOST_EMAIL_AGREEMENT = 2.5


def _email_agreement(name: str, locals_: list[str]) -> float:
    if not locals_:
        return 0.0
    tokens = [_NOT_AZ_RE.sub("", fold(t)) for t in _tokens(name)]
    tokens = [t for t in tokens if len(t) >= 2 and t not in PARTICLES]
    if not tokens:
        return 0.0
    best = 0.0
    for local in locals_:
        hits = sum(1 for t in tokens if t in local)
        if hits >= 2 or (hits == 1 and len(tokens) == 1):
            best = max(best, _MOST_EMAIL_AGREEMENT)
        elif hits == 1:
            best = max(best, 1.5)
        elif tokens[0][0] + tokens[-1] in local or tokens[-1] + tokens[0][0] in local:
            best = max(best, 2.0)
    return best


def _candidates(row: Row) -> list[str]:
    text = row.text.strip()
    if row.ocr and "l" in text:
        text = _OCR_L_RE.sub(_capital_i, text)
    text = _unlabelled(text)
    pieces = [text, *row.parts] if len(row.parts) > 1 else [text]
    if len(text) > 12:
        pieces.extend(p for p in _SPLIT_RE.split(text) if p)
        # "François Lefèvre +33 6 76 27 39 83": OCR reads a name and its contact line as one.
        head = _HEAD_RE.split(text, maxsplit=1)[0]
        if head != text:
            pieces.append(head)
    if "(" in text:
        # "王小明 (Xiaoming Wang)": the name and its transliteration, in the row or one of its parts.
        for piece in [text, *row.parts] if len(row.parts) > 1 else [text]:
            if "(" in piece:
                pieces.extend(p.strip(" )") for p in piece.split("(") if p.strip(" )"))
    out: list[str] = []
    for piece in pieces:
        piece = piece.strip(" ,;:")
        if ";" in piece:
            piece = _SEMICOLON_RE.sub(", ", piece)  # "Pemberton ; Eleanor": OCR reads a comma as ";"
        if piece and piece not in out and not _LABEL_ALONE_RE.match(piece):  # "氏 名" is no name
            out.append(piece)
    return out


# l before a consonant: no word starts so, many names start with I ("Iyer", "Igor", "Ingrid").
_OCR_L_RE = re.compile(r"(?<![^\W\d_])l(?=[bcdfghjkmnpqrstvwxyz])[^\W\d_]+")


def _capital_i(match: "re.Match[str]") -> str:
    """ "Arjun lyer": OCR reads a capital I as l; a name word never starts in lower case
    unless it is a particle ("la", "le")."""
    word = match.group(0)
    return word if word.lower() != word or word in PARTICLES else "I" + word[1:]


def find_name(rows: list[Row], *, header_end: int, emails: list[str]) -> NameGuess | None:
    """Score the rows near the top of the first page and keep the best name."""
    first_page = [r for r in rows[:60] if r.page == rows[0].page] if rows else []
    if not first_page:
        return None
    sizes = [r.size for r in first_page if r.size]
    biggest = max(sizes) if sizes else 0.0
    sizes_sorted = sorted(set(sizes), reverse=True)
    locals_ = [_NOT_AZ_RE.sub("", fold(e.split("@")[0])) for e in emails]
    best: NameGuess | None = None
    judged: dict[str, str | None] = {}  # candidate -> its tidied name, or None when it is no name
    # Each column's top: a sidebar read first does not push the main column's name out of reach.
    columns: dict[int, list[Row]] = {}
    for r in first_page:
        columns.setdefault(r.column, []).append(r)
    lead = first_page[0].column
    for column_rows in columns.values():
        for position, row in enumerate(column_rows[:30]):
            labelled = (
                bool(_LABEL_RE.match(row.text))
                or (len(row.parts) > 1 and bool(_LABEL_ALONE_RE.match(row.parts[0])))  # "Nom | Marie Dupont"
                or (position > 0 and bool(_LABEL_ALONE_RE.match(column_rows[position - 1].text)))
            )
            # "[사진] | 성 명 | 김지은 (金知恩) | 생년월일 | ...": the part after a label among others.
            after_label = next((b for a, b in itertools.pairwise(row.parts) if _LABEL_ALONE_RE.match(a)), None)
            if len(row.text) > 90 and len(row.parts) == 1:
                continue  # running text
            # What the row's type and place give each of its candidates.
            placed = 0.0
            if biggest and row.size:
                if row.size >= biggest - 0.1:
                    placed += 3.0
                elif len(sizes_sorted) > 1 and row.size >= sizes_sorted[1] - 0.1:
                    placed += 1.5
            if row.bold:
                placed += 0.5
            placed += 2.0 if position == 0 else 1.2 if position < 3 else 0.6 if position < 8 else 0.0
            if row.column == lead and row.index >= header_end:
                placed -= 2.0
            # Judging the candidates is most of the time spent here: a row whose candidates
            # cannot beat the best guess so far, with every bonus the words can add (the label,
            # capitals, the email's), is not judged.
            if (
                best is not None
                and placed + (3.0 if labelled or after_label else 0.0) + 0.5 + _MOST_EMAIL_AGREEMENT <= best.score
            ):
                continue
            candidates = _candidates(row)
            if row.text.endswith("-") and " " in row.text:
                # "Hans-Peter Schmidt-" / ... / "Hübner": a double name wrapped in a narrow header.
                rest = next(
                    (
                        r.text
                        for r in column_rows[position + 1 : position + 8]
                        if abs(r.size - row.size) < 0.5 and " " not in r.text
                    ),
                    None,
                )
                if rest is not None:
                    candidates.insert(0, row.text + rest)
            if row.size:
                wrapped = _wrapped_name(column_rows, position)
            else:
                wrapped = _wrapped_unsized(column_rows, position, locals_)
            if wrapped is not None:
                candidates.insert(0, wrapped)
            for candidate in candidates:
                if candidate not in judged:
                    judged[candidate] = _judge(candidate)
                guess = judged[candidate]
                if guess is None:
                    continue
                score = placed
                tokens = _tokens(guess)
                if len(tokens) == 1 and not _CJK_RE.match(guess):
                    score -= 2.5
                if candidate.strip() != row.text.strip() and candidate != wrapped:
                    score -= 0.5
                if labelled or (after_label is not None and candidate in after_label):
                    score += 3.0
                if is_upper(candidate) or all(t[0].isupper() for t in tokens if fold(t) not in PARTICLES):
                    score += 0.5
                score += _email_agreement(guess, locals_)
                if best is None or score > best.score:
                    best = NameGuess(guess, score)
    joined = _split_name(first_page, biggest, locals_)
    if joined is not None and (best is None or joined.score > best.score):
        best = joined
    if best is not None and best.score < 1.0:
        return None
    return best


def _wrapped_name(rows: list[Row], position: int) -> str | None:
    """ "Joaquín Rodríguez de" / "Castro", "DeShawn" / "Goldberg": a name set large in a
    narrow header wraps; its next line, in the same type right below it, is its end
    even when a contact block beside it was read in between."""
    row = rows[position]
    if not row.size or row.y <= 0:
        return None
    for other in rows[position + 1 : position + 8]:
        if other.page != row.page or other.y - row.y > 1.6 * row.size:
            break
        if (
            abs(other.size - row.size) < 0.2
            and abs(other.x - row.x) < 2
            and other.y > row.y
            and len(other.text.split()) <= 3
            and not _NEVER_NAME_RE.search(other.text)
        ):
            return f"{row.text} {other.text}"
    return None


def _wrapped_unsized(rows: list[Row], position: int, locals_: list[str]) -> str | None:
    """_wrapped_name without type sizes (OCR, plain text): the first row below at the same left edge
    ends the name when the row alone cannot be a whole name ("DeShawn", "Joaquín
    Rodríguez de") or the email address holds the words it adds ("Ciarán Mac Giolla" /
    "Phádraig" beside ciaran.macgiollaphadraig@...)."""
    row = rows[position]
    head = row.parts[0]
    if row.y <= 0 or _CJK_RE.match(head):
        return None  # a CJK name is whole on its line
    for other in rows[position + 1 : position + 8]:
        if other.page != row.page:
            return None
        if abs(other.x - row.x) >= 3 or other.y <= row.y:
            continue
        tail = other.parts[0]
        if len(tail.split()) > 3 or _NEVER_NAME_RE.search(tail) or _latin(head) != _latin(tail):
            return None  # "محمد علي" / "Mohamed Ali": a name and its transliteration
        joined = f"{head} {tail}"
        if _judge(joined) is None or fold(head) in fold(tail).split():
            return None  # "Jack" signing an email above "JACK MITCHELL": no name repeats a word
        tokens = _tokens(head)
        incomplete = len(tokens) == 1 or fold(tokens[-1]) in PARTICLES
        return joined if incomplete or _in_email(tail, locals_) else None
    return None


def _latin(text: str) -> bool:
    return _NOT_AZ_RE.sub("", fold(text)) != ""


def _in_email(text: str, locals_: list[str]) -> bool:
    """Every word of the text, folded to letters a-z, is in one of the email local parts."""
    words = [_NOT_AZ_RE.sub("", fold(t)) for t in _tokens(text)]
    words = [w for w in words if len(w) >= 2]
    return bool(words) and any(all(w in local for w in words) for local in locals_)


def _judge(candidate: str) -> str | None:
    """The candidate as a name, or None when it cannot be one."""
    if len(candidate) > 80 or candidate.count(" ") > 9 or _NEVER_NAME_RE.search(_SON_OF_RE.sub(" ", candidate)):
        return None  # digits, "@", "/", many words: a contact line, a date, a sentence
    guess = tidy(candidate)
    return guess if shape_ok(guess) and _acceptable(guess) else None


# What resumes call themselves, folded, in the languages the parser reads: never a name.
_DOCUMENT_TITLES = (
    "curriculum",
    "resume",
    "lebenslauf",
    "vitae",
    "europass",
    "biodata",
    "bio-data",
    "riwayat hidup",
    "hoja de vida",
    "ansioluettelo",
    "oneletrajz",
    "zivotopis",
    "zyciorys",
    "ozgecmis",
    "резюме",
    "βιογραφικο",
    "السيرة الذاتية",
    "简历",
    "簡歷",
    "履歴書",
    "職務経歴書",
    fold("이력서"),
)


def _acceptable(name: str) -> bool:
    if heading_kind(name) is not None:
        return False
    if has_degree(name) or lookup(name) is not None:
        return False
    if "," in name and place_of(name) is not None:
        return False  # "Ho Chi Minh City, Vietnam": a place beside the contact details
    folded = fold(name)
    if not folded.isascii():
        folded = folded.replace(" ", "")  # "履 歴 書": a title spaced out
    return not any(w in folded for w in _DOCUMENT_TITLES)


def _split_name(rows: list[Row], biggest: float, locals_: list[str]) -> NameGuess | None:
    """First and last name set on two lines ("JOHN" / "SMITH") in the largest type."""
    for a, b in itertools.pairwise(rows):
        if not biggest or a.size < biggest - 0.1 or b.size < biggest - 0.1:
            continue
        if len(_tokens(a.text)) != 1 or len(_tokens(b.text)) > 2:
            continue
        guess = tidy(f"{a.text} {b.text}")
        if shape_ok(guess) and _acceptable(guess):
            return NameGuess(guess, 5.5 + _email_agreement(guess, locals_))
    return None
