"""Person names for matching: split into comparable tokens, compared token by token.

A name is case-folded and transliterated (accents dropped, ß/ø/æ/ł... spelled out,
Cyrillic, Greek and Korean written in Latin letters); other scripts are kept as they are
and only compared with names in the same script (Chinese and Japanese characters have
many readings: only a dictionary could romanize them). Titles (Dr, Mrs) are dropped, and so are
particles inside a name (van, de, von, da, al), because people write them in so
many ways ("van der Berg", "Berg", "Vanderberg"); a particle that starts the name
stays (Le and Van are Vietnamese family names). Hyphenated names become separate
tokens, so "García-López" and "García" share a surname. A family name written first
in capitals ("DUPONT Jean") goes last; initials written together ("KR Narayanan")
are split; Abdul and Abu are joined to the name they begin. UTF-8 that was read as
Windows-1252 on the way ("JÃ¼rgen") is read back, and the Malaysian a/l and a/p are
the bin and binti they mean.

Two names are compared by pairing each token of the shorter name with its most
similar token of the other (greedily, best pairs first), whatever their order, so
swapped first and last names, middle names and second surnames cost little.
"""

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

import jellyfish

from apps.candidates.matching.hangul import is_hangul, romanized
from apps.candidates.matching.nicknames import are_nicknames, canonical_forms
from apps.candidates.matching.spelling import misread, spelling

MAX_NAME = 200  # characters of a name looked at
MAX_TOKENS = 6  # tokens of a name compared (each pair of tokens is compared)
MAX_TOKEN = 40  # characters of a token

# Letters that Unicode decomposition does not reduce to a Latin base letter.
_LATIN = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "\u0131": "i",
        "ħ": "h",
        "ŀ": "l",
    }
)  # \u0131 is the Turkish dotless i


def _words(text: str) -> list[str]:
    return text.split()


# Cyrillic, romanized simply (Иван Петров -> ivan petrov); lower case only, the text is case-folded first.
_CYRILLIC = str.maketrans(
    {
        letter: latin.strip("-")
        for letter, latin in zip(
            "абвгдежзийклмнопрстуфхцчшщъыьэюяёєіїґ",
            _words("a b v g d e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya e ye i yi g"),
            strict=True,
        )
    }
)
# Greek, romanized as passports do (ELOT 743, simplified): Γιώργος Παπαδόπουλος ->
# giorgos papadopoulos. Applied after accents are stripped; the digraphs go first.
_GREEK_DIGRAPHS = (("ου", "ou"), ("αυ", "av"), ("ευ", "ev"), ("ηυ", "iv"), ("γγ", "ng"), ("γκ", "gk"), ("μπ", "mp"))  # noqa: RUF001  # Greek letters, on purpose
_GREEK = str.maketrans(
    {
        letter: latin
        for letter, latin in zip(
            "αβγδεζηθικλμνξοπρσςτυφχψω",
            _words("a v g d e z i th i k l m n x o p r s s t y f ch ps o"),
            strict=True,
        )
    }
)
_GREEK_LETTER = re.compile(r"[\u0370-\u03ff]")
# "sr" is Señor here, not Senior: both are dropped. Engr, Atty and Lic are Filipino and
# Latin American professional titles, Mgr, Drs and Ir Central European and Dutch ones,
# Daw the Burmese "Mrs." (Daw Khin Mar Lar is Khin Mar Lar).
_TITLES = frozenset(
    _words(
        "mr mrs ms miss mx dr dra prof sir dame herr frau mme mlle sr sra srta dott ing dipl phd md mba msc bsc esq "
        "rev revd fr engr capt lt col maj atty lic arq mgr drs ir daw"
    )
)
_GENERATIONS = frozenset({"jr", "junior", "sr", "senior", "ii", "iii", "iv"})
# Brazilian and Portuguese names end in the generation too (Filho is a son named after his
# father, Neto a grandson, Sobrinho a nephew). They are family names as well (Ana Neto),
# so they stay tokens and say the generation only as the last of three words or more.
_LUSOPHONE_GENERATIONS = {"filho": "jr", "neto": "iii", "sobrinho": "nephew"}
# Degrees and certifications written after a name ("Jane Doe, MBA, PMP", "John Doe CPA").
# Some are family names too (Ma, Do): they count only in capitals, after the name.
_CREDENTIALS = frozenset(
    _words(
        "ma ms ba bs bba mfa mph msw meng beng llm jd dds dmd do od pharmd psyd edd dphil mphil cpa pmp cfa cma "
        "cia cisa cissp ccna rn lpn np pe ceng shrm cp scp phr sphr csm cspo acca aca cima frcs"
    )
)
# The field of a German or Austrian doctorate, abbreviated after "Dr." (Dr. rer. nat., Dr. med. dent.).
_DOCTORATE_FIELDS = frozenset(_words("rer nat med dent vet jur phil oec pol techn habil sc h c"))
# Particles that start a family name; dropped when inside a name (not first, not last).
# The Spanish "y" joins two surnames and "e" the Portuguese ones; "thi" is the
# Vietnamese middle name of most women, no more telling than a particle; "'t" is the
# Dutch "het" (van 't Hof); Delos and Delas are the Filipino "de los" (Delos Santos).
PARTICLES = frozenset(
    _words(
        "van von der den de del della dela di da das dos do du la le ter ten zu al el bin binti bint ibn y e st thi "
        "het t des dei degli delle vom zum zur ap binte bte ibnu los las delos delas"
    )
)
# Words inside a name that say the person's sex: Vietnamese Văn and Thị, Arabic and
# Malay bin and binti ("son of", "daughter of"). Van is a Dutch particle too, but no
# Dutch name carries a woman's marker to disagree with it. A patronymic particle also
# fixes the order of the names around it: "Ahmed bin Khalid" is Khalid's son, "Khalid
# bin Ahmed" may be his father.
_SEX_PARTICLES = {"van": "m", "thi": "f", "bin": "m", "ibn": "m", "ibnu": "m", "binti": "f", "bint": "f", "binte": "f"}
_PATRONYMIC_PARTICLES = frozenset({"bin", "ibn", "ibnu", "binti", "bint", "binte"})
# Sikh men carry Singh and women Kaur, after the given name or as the only family name.
_SEX_NAMES = {"singh": "m", "kaur": "f"}
# Russian, Ukrainian and Belarusian patronymics (Sergeyevich, Sergeyevna).
_WOMEN_S_PATRONYMICS = ("vna", "ichna")
_PATRONYMICS = ("vich", "vych", *_WOMEN_S_PATRONYMICS)
# "Abdul Rahman" and "Abu Bakr" are one given name in two words: "servant of" and
# "father of" something. Joined, "Abdul" does not pass for a first name that two
# people share (Abdul Rahman and Abdul Aziz).
_NAME_PREFIXES = frozenset(_words("abd abdul abdel abdal abdoul abdur abdus abu abou"))
# Family names that lead the name in Vietnamese, Chinese and Korean, where a wife keeps
# her name: two records starting with one of them share a family, not a first name.
FAMILY_NAMES_FIRST = frozenset(
    _words(
        "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly "
        "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang xie song "
        "tang han feng deng cao peng kim lee park choi jung kang cho yoon jang lim "
        # Korean in other romanizations, Chinese in Wade-Giles and Cantonese (data/nicknames.txt)
        "shin sin oh seo kwon gwon hwang ahn yoo hong jeon moon son bae baek gim yi rhee pak bak choe jeong chung "
        "gang jo yun im chang cheung chan wong chow chou lau lam kuo kwok chao yeung ng tsai chiang hsu hsieh tse"
    )
)
# Japanese and Hungarian family names, which their owners write first at home and last
# abroad (Ōta Kenji and Kenji Ota, Nagy Péter and Péter Nagy): as the names above when
# they lead, but a family name written first in capitals still goes last ("YAMADA
# Taro"). Not the ones that are given names too (László, Sándor, Pál). In one spelling.
_FAMILY_NAMES_OFTEN_FIRST = frozenset(
    spelling(word)
    for word in _words(
        "sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida yamada sasaki "
        "yamaguchi matsumoto inoue kimura hayashi shimizu yamazaki mori ikeda hashimoto yamashita ishikawa "
        "nakajima maeda fujita ogawa goto okada hasegawa murakami kondo ishii saito sakamoto endo aoki fujii "
        "nishimura fukuda ota miura fujiwara okamoto matsuda nakagawa nakano harada ono tamura takeuchi kaneko "
        "wada nakayama ishida ueda morita kono kudo otani honda "
        "nagy kovacs toth szabo horvath varga kiss molnar nemeth farkas balogh papp takacs juhasz lakatos "
        "meszaros olah racz fekete szilagyi torok feher gal szucs kocsis pinter fodor szalai sipos magyar "
        "lukacs gulyas biro kiraly katona boros fazekas somogyi orosz fulop veres hegedus deak"
    )
)
_WORD_JUNK = re.compile(r"[^\w\s-]|_|\d")
_CJK = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def transliterate(text: str) -> str:
    """Case-folded, with Latin letters reduced to ASCII where Unicode or the small
    tables above know how, and other scripts left as they are."""
    folded = text[:MAX_NAME].casefold().translate(_LATIN).translate(_CYRILLIC)
    decomposed = unicodedata.normalize("NFKD", folded)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    if _GREEK_LETTER.search(stripped):
        for digraph, latin in _GREEK_DIGRAPHS:
            stripped = stripped.replace(digraph, latin)
        stripped = stripped.translate(_GREEK)
    return stripped


@dataclass(frozen=True)
class ParsedName:
    tokens: tuple[str, ...]  # the name's words in their order, as compared
    generation: str = ""  # jr (also ii, Filho), sr, iii (also Neto), iv: Jr and Sr are two people
    sex: str = ""  # "m" or "f" where a patronymic or a Vietnamese middle name says so
    fixed_order: bool = False  # a patronymic particle (bin, ibn) says which name is the father's
    romanized: bool = False  # written in Hangul: its owner may spell it otherwise (현우: Hyeonu, Hyun-woo)

    @property
    def latin(self) -> bool:
        return all(token.isascii() for token in self.tokens)


def _is_credential(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) > 1 and letters.isupper() and letters.casefold() in _CREDENTIALS


def _is_after_name(part: str) -> bool:
    """Whether a part after a comma holds only titles, Jr/Sr and credentials ("Ph.D.", "MBA")."""
    words = part.split()
    return bool(words) and all(
        transliterate(word.replace(".", "")) in _TITLES | _GENERATIONS or _is_credential(word) for word in words
    )


# Given names abbreviated with a period, written so in the Philippines and Spain (Ma.
# Cristina, Mª José, Fco. Javier). Only with the period: Ma is a Chinese family name.
# Mg is the Burmese Maung (Mg Mg Zaw), with or without the period: no name is Mg.
_ABBREVIATED_NAMES = {
    "ma.": "Maria",
    "mª": "Maria",
    "mª.": "Maria",
    "fco.": "Francisco",
    "mg": "Maung",
    "mg.": "Maung",
}


def _name_words(text: str) -> list[str]:
    """The words of a name as written, in natural order, without the letters after it
    or the field of a doctorate; an abbreviated given name written out."""
    name, *rest = text.split(",")
    after: list[str] = []
    given: list[str] = []
    for part in rest:
        (after if _is_after_name(part) else given).append(part)
    # "Smith, John" (and "Smith, John, PhD") but not "John Smith, PhD"
    words = (given[0].split() + name.split() if len(given) == 1 else " ".join([name, *given]).split()) + [
        word for part in after for word in part.split() if not _is_credential(word)
    ]
    while len(words) > 2 and _is_credential(words[-1]):
        words.pop()
    words = [
        _ABBREVIATED_NAMES.get(word.casefold(), word) if index < len(words) - 1 else word
        for index, word in enumerate(words)
    ]
    return [
        word
        for index, word in enumerate(words)
        if not (
            index > 0
            and word.endswith(".")
            and word[:-1].casefold() in _DOCTORATE_FIELDS
            and words[index - 1].rstrip(".").casefold() in _DOCTORATE_FIELDS | {"dr"}
        )
    ]


# UTF-8 read as Windows-1252 or Latin-1 on the way (an export, an old mail client):
# "JÃ¼rgen MÃ¼ller". A lead byte's letter (Ã, Ä, Å, Ð...) followed by a continuation
# byte's character; undone only when the whole text decodes back as UTF-8, which
# text really written in those code pages almost never does.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00df][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def _unmangled(text: str) -> str:
    if not _MOJIBAKE.search(text):
        return text
    for code_page in ("cp1252", "latin-1"):
        try:
            return text.encode(code_page).decode("utf-8")
        except UnicodeError:
            continue
    return text


# The Malaysian and Singaporean "son of" and "daughter of" in Indian names, a/l and a/p
# (anak lelaki, anak perempuan) or s/o and d/o: read as bin and binti, which they mean.
_CHILD_OF = re.compile(r"(?<!\S)(?:a/[lp]|[sd]/o)(?!\S)")
_CHILD_OF_PARTICLES = {"a/l": "bin", "s/o": "bin", "a/p": "binti", "d/o": "binti"}


def _child_of_particle(match: re.Match[str]) -> str:
    return _CHILD_OF_PARTICLES[match[0]]


# A 0 or 1 next to a letter is a scanner's O or l (0liver, A1ice, Wil1iam).
_SCANNED_DIGIT = re.compile(r"(?<=[a-z])[01]|[01](?=[a-z])")


def _letter_of_digit(match: re.Match[str]) -> str:
    return "o" if match[0] == "0" else "l"


@lru_cache(maxsize=8192)
def parse_name(full_name: str) -> ParsedName:
    """The comparable tokens of a name; "Smith, John" is read as "John Smith"."""
    written = _family_name_last(_initials_apart(_name_words(_unmangled(full_name[:MAX_NAME]))))
    hangul = bool(written) and is_hangul("".join(written))
    if hangul:
        written = romanized(written)  # 김민수 -> kim minsu
    text = " ".join(written)
    text = transliterate(text).replace("'", "").replace("\u2019", "")
    if "/" in text:
        text = _CHILD_OF.sub(_child_of_particle, text)
    words = _WORD_JUNK.sub(" ", _SCANNED_DIGIT.sub(_letter_of_digit, text)).replace("-", " ").split()
    generation = ""
    kept: list[str] = []
    for index, word in enumerate(words):
        if word in _GENERATIONS:
            generation = "jr" if word in ("jr", "junior", "ii") else word if word in ("iii", "iv") else "sr"
        elif word not in _TITLES or (word == "md" and index == 0 and len(words) > 1):
            kept.append(word[:MAX_TOKEN])  # a leading Md is Muhammad (Bangladesh), not a degree
    if _CJK.search(text):
        latin = [word for word in kept if not _CJK.search(word)]
        if not latin:
            # Chinese, Japanese and Korean names are written with or without spaces.
            return ParsedName(tokens=("".join(kept)[:MAX_TOKEN],), generation=generation)
        kept = latin  # "Wang Xiaoming 王小明": the Latin spelling is the one other records can share
    if len(kept) >= 3 and kept[-1] in _LUSOPHONE_GENERATIONS and not generation:
        generation = _LUSOPHONE_GENERATIONS[kept[-1]]
    inner = kept[1:-1]
    sexes = {_SEX_PARTICLES[word] for word in inner if word in _SEX_PARTICLES}
    sexes.update(_SEX_NAMES[word] for word in kept[1:] if word in _SEX_NAMES)
    sexes.update(
        "f" if word.endswith(_WOMEN_S_PATRONYMICS) else "m"
        for word in kept[1:]
        if len(word) > 5 and word.endswith(_PATRONYMICS)
    )
    tokens = _prefixes_joined(
        [word for index, word in enumerate(kept) if index in (0, len(kept) - 1) or word not in PARTICLES]
    )
    return ParsedName(
        tokens=tuple(tokens[:MAX_TOKENS]),
        generation=generation,
        sex=sexes.pop() if len(sexes) == 1 else "",
        fixed_order=any(word in _PATRONYMIC_PARTICLES for word in inner),
        romanized=hangul,
    )


def _prefixes_joined(words: list[str]) -> list[str]:
    """Abdul, Abu... joined to the word they begin (Abdul Rahman Khan -> abdulrahman
    khan), unless that would leave one word (in "Abdul Rahman" either word may be the
    family name)."""
    joined = list(words)
    index = 0
    while index < len(joined) - 1:
        if joined[index] in _NAME_PREFIXES and len(joined) > 2:
            joined[index : index + 2] = [joined[index] + joined[index + 1]]
        index += 1
    return joined


def _is_family_name_in_capitals(word: str) -> bool:
    if not word.isupper():
        return False
    folded = transliterate(word)
    return folded in PARTICLES or (
        word.replace("-", "").replace("'", "").isalpha()  # not J.R.R.
        and len(word) >= 3
        and folded not in _TITLES | _GENERATIONS | FAMILY_NAMES_FIRST
        and not _is_credential(word)
    )


def _family_name_last(words: list[str]) -> list[str]:
    """A family name written first in capitals before a given name in mixed case
    ("DUPONT Jean", "YAMADA Taro", "DE LA CRUZ Juan") moved to the end, where the
    given name of the other records is not taken for it. Family names that lead in
    their own culture (Nguyen, Kim) are compared as such and stay first."""
    leading = 0
    while leading < len(words) and _is_family_name_in_capitals(words[leading]):
        leading += 1
    if 0 < leading < len(words) and not all(word.isupper() for word in words[leading:]):
        return words[leading:] + words[:leading]
    return words


# Initials written together in capitals ("KR Narayanan", "JRR Tolkien"): letters with no
# vowel. Ng is a Chinese family name, and degrees (PhD, MD) are not initials.
_JOINED_INITIALS = re.compile(r"[B-DF-HJ-NP-TV-XZ]{2,3}")


def _initials_apart(words: list[str]) -> list[str]:
    first = words[0] if len(words) > 1 else ""
    if _JOINED_INITIALS.fullmatch(first) and first not in ("NG", "MD") and first.casefold() not in _CREDENTIALS:
        return [*first, *words[1:]]
    return words


@lru_cache(maxsize=65536)
def phonetic_codes(token: str) -> tuple[str, str]:
    """Metaphone and NYSIIS codes of a Latin token; the token itself for other scripts."""
    if not token.isascii() or not token.isalpha():
        return token, token
    return jellyfish.metaphone(token) or token, jellyfish.nysiis(token) or token


# Particles as they are written joined to the name that follows.
_JOINED_PARTICLES = frozenset(
    {"al", "el", "van", "vander", "vanden", "vande", "von", "de", "del", "della", "dela", "da", "di", "du", "le", "la"}
)
_JOINED_PARTICLE_STARTS = frozenset(particle[:2] for particle in _JOINED_PARTICLES)
# A man's and a woman's form of one name: (masculine ending, feminine ending) on one stem.
# Stefan/Stefanie, Paul/Paula, Mario/Maria, Julius/Julia, Kowalski/Kowalska,
# Novák/Nováková, Papadopoulos/Papadopoulou; Yevgeny/Yevgenia once spelled alike.
_GENDERED_ENDINGS = (
    # -ne: Jean/Jeanne, and the Hungarian -né of a wife (Nagy Istvánné is Mrs. István Nagy).
    *(("", ending) for ending in ("a", "e", "ie", "ine", "ina", "ette", "elle", "ia", "ova", "ne")),
    ("o", "a"),
    ("us", "a"),
    ("i", "a"),
    ("os", "ou"),
)
INITIAL = 0.85  # an initial that fits ("J." and "John"): weak evidence
NICKNAME = 0.95
SOUNDS_ALIKE = 0.9
TOKEN_FITS = 0.85  # a token pair at least this similar counts as the same word


def _gendered(first: str, second: str) -> bool:
    if first[:3] != second[:3] or abs(len(first) - len(second)) > 3:
        return False  # most pairs of tokens, at once: a stem is three letters or more
    for masculine, feminine in ((first, second), (second, first)):
        for masculine_ending, feminine_ending in _GENDERED_ENDINGS:
            # An e after a final y is spelling, not a woman's form: Fay and Faye, Kay and
            # Kaye, and the Ethiopian and Eritrean Tesfaye and Tesfay, Tsegaye and Tsegay.
            if feminine_ending == "e" and masculine.endswith("y"):
                continue
            if masculine.endswith(masculine_ending):
                stem = masculine[: len(masculine) - len(masculine_ending)]
                if len(stem) >= 3 and feminine == stem + feminine_ending:
                    return True
    return False


def without_joined_particle(token: str) -> str:
    """A family name without the particle written joined to it (Vanderberg -> berg,
    Alamin -> amin), if what is left is a name of four letters or more."""
    if token[:2] not in _JOINED_PARTICLE_STARTS:
        return token  # most names, at once
    for length in (6, 5, 4, 3, 2):
        if token[:length] in _JOINED_PARTICLES and len(token) - length >= 4:
            return token[length:]
    return token


@lru_cache(maxsize=65536)
def token_similarity(first: str, second: str, *, syllables: bool = False) -> tuple[float, str]:
    """How alike two name tokens are, in [0, 1], and why when it is not plain spelling.
    ``syllables``: the name is Vietnamese, Chinese, Korean, Japanese or Hungarian (its
    family name leads), where one letter more or less in a short word is another name
    (Min/Ming, Hùng/Hương, Yuki/Yuka); only a swap of two letters is taken for a typo
    there. Two transcriptions of one name (Mueller/Muller, Dmitriy/Dmitri, Satou/Sato)
    are compared in one spelling."""
    if first == second:
        return 1.0, ""
    if len(first) == 1 or len(second) == 1:
        return (INITIAL, "initial") if first[0] == second[0] else (0.0, "")
    if are_nicknames(first, second):
        return NICKNAME, "nickname"
    first_read, second_read = misread(first), misread(second)
    if (first_read, second_read) != (first, second) and (
        first_read == second_read or are_nicknames(first_read, second_read)
    ):
        return SOUNDS_ALIKE, "misread"  # Sarnuel and Samuel; lvan and Ivan
    shorter, longer = sorted((first, second), key=len)
    if len(shorter) >= 4 and longer.endswith(shorter) and longer[: -len(shorter)] in _JOINED_PARTICLES:
        return NICKNAME, ""  # Alamin and (Al-)Amin, Vanderberg and (van der) Berg
    first_spelling, second_spelling = spelling(first), spelling(second)
    respelled = (first_spelling, second_spelling) != (first, second)
    if _gendered(first, second) or (respelled and _gendered(first_spelling, second_spelling)):
        return min(jellyfish.jaro_winkler_similarity(first, second), TOKEN_FITS - 0.01), ""
    similarity = _spelling_similarity(first, second, syllables=syllables)
    if similarity < TOKEN_FITS and respelled:
        if first_spelling == second_spelling:
            return SOUNDS_ALIKE, "transcription"
        # One typo on top of another transcription (Aleksandr/Alexander); two would let
        # the doubled letters they drop bring Michael and Michelle together.
        spelled = _spelling_similarity(first_spelling, second_spelling, syllables=syllables, most_edits=1)
        similarity = max(similarity, spelled)
    return similarity, ""


def _spelling_similarity(first: str, second: str, *, syllables: bool, most_edits: int = 2) -> float:
    """Jaro-Winkler, with one typo, or two letters that keep the sound, taken for the same word."""
    shorter = min(first, second, key=len)
    similarity = jellyfish.jaro_winkler_similarity(first, second)
    if similarity < 0.75:
        return similarity
    # Jaro-Winkler forgives a lot at the end of a word (Michael/Michelle, Burak/Büşra are
    # 0.9): a typo is one edit, a spelling that sounds the same two at most.
    edits = jellyfish.damerau_levenshtein_distance(first, second)
    if syllables and len(shorter) <= 5 and sorted(first) != sorted(second):
        return min(similarity, TOKEN_FITS - 0.01)
    if (edits == 1 or (edits == 2 and most_edits == 2 and len(shorter) >= 5)) and first.isascii() and second.isascii():
        first_codes, second_codes = phonetic_codes(first), phonetic_codes(second)
        if first_codes[0] == second_codes[0] or first_codes[1] == second_codes[1]:
            return max(similarity, SOUNDS_ALIKE)
    if edits > 1:
        return min(similarity, TOKEN_FITS - 0.01)
    return similarity


@dataclass(frozen=True)
class NameMatch:
    similarity: float  # in [0, 1]; 0 when the names cannot be compared
    comparable: bool  # both names have tokens, in the same script
    compatible: bool  # every token of the shorter name has a counterpart in the other
    same_first_name: bool  # the first tokens agree (spelling, nickname): a married name keeps it
    one_generation: bool = False  # only one name says Jr., Sr., II...: a father and a son may share the rest
    notes: tuple[str, ...] = ()  # reasons, for people


_NOT_COMPARABLE = NameMatch(similarity=0.0, comparable=False, compatible=False, same_first_name=False)


def _family_name_first(first_word: str) -> bool:
    return first_word in FAMILY_NAMES_FIRST or spelling(first_word) in _FAMILY_NAMES_OFTEN_FIRST


def _shared_by_many(first_word: str) -> bool:
    """A first word that says little of who someone is: a family name written first,
    or Muhammad, which leads the given names of many Muslim men (Muhammad Rafiq is
    called Rafiq)."""
    return _family_name_first(first_word) or first_word in _NAME_PREFIXES or "mohammed" in canonical_forms(first_word)


def _joined(name: ParsedName, other: ParsedName) -> ParsedName:
    """``name`` with two adjacent words joined where ``other`` writes them as one
    (Min-ho and Minho or Minhoo, Anne Marie and Annemarie, Mc Donald and McDonald)."""
    tokens = name.tokens
    if len(tokens) < 2:
        return name
    longest = max(map(len, other.tokens))
    index = 0
    while index < len(tokens) - 1:
        joined = tokens[index] + tokens[index + 1]
        # Respelling drops a letter or two (Minhoo, Minho), rarely more.
        if joined in other.tokens or (
            len(joined) <= longest + 2 and spelling(joined) in {spelling(token) for token in other.tokens}
        ):
            tokens = (*tokens[:index], joined, *tokens[index + 2 :])
        index += 1
    return name if tokens is name.tokens else replace(name, tokens=tokens)


@lru_cache(maxsize=16384)
def compare_names(first: ParsedName, second: ParsedName) -> NameMatch:
    """Compare two parsed names; symmetric up to the order of the notes."""
    if not first.tokens or not second.tokens or first.latin != second.latin:
        return _NOT_COMPARABLE
    first, second = _joined(first, second), _joined(second, first)
    short, long = (first, second) if len(first.tokens) <= len(second.tokens) else (second, first)
    syllables = _family_name_first(first.tokens[0]) or _family_name_first(second.tokens[0])
    scored = sorted(
        (
            (*token_similarity(a, b, syllables=syllables), i, j)
            for i, a in enumerate(short.tokens)
            for j, b in enumerate(long.tokens)
        ),
        key=lambda item: (-item[0], item[2], item[3]),
    )
    pairs: dict[int, tuple[float, str, int]] = {}
    used: set[int] = set()
    for similarity, note, i, j in scored:
        if i not in pairs and j not in used:
            pairs[i] = (similarity, note, j)
            used.add(j)
    scores = [pairs[i][0] for i in range(len(short.tokens))]
    similarity = sum(scores) / len(scores)
    extra = len(long.tokens) - len(short.tokens)
    if len(short.tokens) == 1 and extra:
        similarity *= 0.85  # a lone first name (or surname) says little
    similarity *= 1 - 0.02 * extra
    compatible = min(scores) >= TOKEN_FITS
    notes: list[str] = []
    for i, (pair_similarity, note, j) in sorted(pairs.items()):
        if note in ("nickname", "initial", "transcription", "misread") and pair_similarity >= TOKEN_FITS:
            words = sorted((short.tokens[i].title(), long.tokens[j].title()))
            notes.append(f"{note} {words[0]}/{words[1]}")
    last_short, last_long = len(short.tokens) - 1, len(long.tokens) - 1
    if compatible and last_short > 0 and pairs[0][2] == last_long and pairs[last_short][2] == 0:
        if first.fixed_order and second.fixed_order:
            compatible = False  # Ahmed bin Khalid and Khalid bin Ahmed: a son and his father
            notes.append("given and father's names swapped")
        else:
            notes.append("swapped first and last name")
    if first.generation and second.generation and first.generation != second.generation:
        compatible = False
        notes.append("Jr. and Sr.")
    two_sexes = bool(first.sex and second.sex and first.sex != second.sex)
    if two_sexes:
        compatible = False  # Nguyễn Văn An and Nguyễn Thị An: a brother and a sister
        notes.append("a man's and a woman's name")
    # A married name keeps the first name and changes the last; the same first and last
    # names around other middle names or patronymics are two people (a father and a son).
    same_first = (
        not two_sexes  # a married name keeps its owner's sex (Manpreet Singh, Manpreet Kaur)
        and token_similarity(first.tokens[0], second.tokens[0])[0] >= 0.9
        and token_similarity(first.tokens[-1], second.tokens[-1])[0] < TOKEN_FITS
        and not _gendered(first.tokens[-1], second.tokens[-1])  # Petrov and Petrova: siblings
        and not _shared_by_many(first.tokens[0])
        and not _shared_by_many(second.tokens[0])
    )
    if first.romanized != second.romanized and not compatible:
        # Hangul romanized letter by letter is not always how its owner writes it in
        # Latin letters (현우 and Hyun-woo): unlike, the two are names in two scripts.
        return _NOT_COMPARABLE
    return NameMatch(
        similarity=max(0.0, min(1.0, similarity)),
        comparable=True,
        compatible=compatible,
        same_first_name=same_first,
        one_generation=bool(first.generation) != bool(second.generation),
        notes=tuple(notes),
    )
