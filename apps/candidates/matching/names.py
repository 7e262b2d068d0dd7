"""Person names for matching: split into comparable tokens, compared token by token.

A name is case-folded and transliterated (accents dropped, ß/ø/æ/ł... spelled out,
Cyrillic and Greek written in Latin letters); other scripts are kept as they are and only
compared with names in the same script. Titles (Dr, Mrs) are dropped, and so are
particles inside a name (van, de, von, da, al), because people write them in so
many ways ("van der Berg", "Berg", "Vanderberg"); a particle that starts the name
stays (Le and Van are Vietnamese family names). Hyphenated names become separate
tokens, so "García-López" and "García" share a surname.

Two names are compared by pairing each token of the shorter name with its most
similar token of the other (greedily, best pairs first), whatever their order, so
swapped first and last names, middle names and second surnames cost little.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import jellyfish

from apps.candidates.matching.nicknames import are_nicknames

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
# "sr" is Señor here, not Senior: both are dropped.
_TITLES = frozenset(
    _words("mr mrs ms miss mx dr prof sir dame herr frau mme mlle sr sra srta dott ing dipl phd md mba msc bsc esq")
)
_GENERATIONS = frozenset({"jr", "junior", "sr", "senior", "ii", "iii", "iv"})
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
# Vietnamese middle name of most women, no more telling than a particle.
PARTICLES = frozenset(
    _words("van von der den de del della dela di da das dos do du la le ter ten zu al el bin binti bint ibn y e st thi")
)
# Family names that lead the name in Vietnamese, Chinese and Korean, where a wife keeps
# her name: two records starting with one of them share a family, not a first name.
FAMILY_NAMES_FIRST = frozenset(
    _words(
        "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly "
        "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang xie song "
        "tang han feng deng cao peng kim lee park choi jung kang cho yoon jang lim"
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
    generation: str = ""  # jr or sr (and ii, iii): Jr and Sr are two people

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


def _name_words(text: str) -> list[str]:
    """The words of a name as written, in natural order, without the letters after it
    or the field of a doctorate."""
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


@lru_cache(maxsize=8192)
def parse_name(full_name: str) -> ParsedName:
    """The comparable tokens of a name; "Smith, John" is read as "John Smith"."""
    text = " ".join(_name_words(full_name[:MAX_NAME]))
    text = transliterate(text).replace("'", "").replace("\u2019", "")
    words = _WORD_JUNK.sub(" ", text).replace("-", " ").split()
    generation = ""
    kept: list[str] = []
    for word in words:
        if word in _GENERATIONS:
            generation = "jr" if word in ("jr", "junior", "ii") else "sr"
        elif word not in _TITLES:
            kept.append(word[:MAX_TOKEN])
    if any(_CJK.search(word) for word in kept):
        # Chinese, Japanese and Korean names are written with or without spaces.
        return ParsedName(tokens=("".join(kept)[:MAX_TOKEN],), generation=generation)
    tokens = [word for index, word in enumerate(kept) if index in (0, len(kept) - 1) or word not in PARTICLES]
    return ParsedName(tokens=tuple(tokens[:MAX_TOKENS]), generation=generation)


def phonetic_codes(token: str) -> tuple[str, str]:
    """Metaphone and NYSIIS codes of a Latin token; the token itself for other scripts."""
    if not token.isascii() or not token.isalpha():
        return token, token
    return jellyfish.metaphone(token) or token, jellyfish.nysiis(token) or token


# Particles as they are written joined to the name that follows.
_JOINED_PARTICLES = frozenset(
    {"al", "el", "van", "vander", "vanden", "vande", "von", "de", "del", "della", "dela", "da", "di", "du", "le", "la"}
)
_GENDERED_ENDINGS = frozenset({"a", "e", "ie", "ine", "ina", "ette", "elle", "ia"})
INITIAL = 0.85  # an initial that fits ("J." and "John"): weak evidence
NICKNAME = 0.95
SOUNDS_ALIKE = 0.9
TOKEN_FITS = 0.85  # a token pair at least this similar counts as the same word


@lru_cache(maxsize=65536)
def token_similarity(first: str, second: str, *, syllables: bool = False) -> tuple[float, str]:
    """How alike two name tokens are, in [0, 1], and why when it is not plain spelling.
    ``syllables``: the name is Vietnamese, Chinese or Korean, where one letter more or
    less in a short word is another name (Min/Ming, Hùng/Hương); only a swap of two
    letters is taken for a typo there."""
    if first == second:
        return 1.0, ""
    if len(first) == 1 or len(second) == 1:
        return (INITIAL, "initial") if first[0] == second[0] else (0.0, "")
    if are_nicknames(first, second):
        return NICKNAME, "nickname"
    shorter, longer = sorted((first, second), key=len)
    if len(shorter) >= 4 and longer.endswith(shorter) and longer[: -len(shorter)] in _JOINED_PARTICLES:
        return NICKNAME, ""  # Alamin and (Al-)Amin, Vanderberg and (van der) Berg
    similarity = jellyfish.jaro_winkler_similarity(first, second)
    if similarity < 0.75:
        return similarity, ""
    # Jaro-Winkler forgives a lot at the end of a word (Michael/Michelle, Burak/Büşra are
    # 0.9): a typo is one edit, a spelling that sounds the same two at most.
    edits = jellyfish.damerau_levenshtein_distance(first, second)
    if syllables and min(len(first), len(second)) <= 5 and sorted(first) != sorted(second):
        return min(similarity, TOKEN_FITS - 0.01), ""
    if len(shorter) >= 3 and longer.startswith(shorter) and longer[len(shorter) :] in _GENDERED_ENDINGS:
        return min(similarity, TOKEN_FITS - 0.01), ""  # Stefan and Stefanie, Paul and Paula: two people
    if (edits == 1 or (edits == 2 and len(shorter) >= 5)) and first.isascii() and second.isascii():
        first_codes, second_codes = phonetic_codes(first), phonetic_codes(second)
        if first_codes[0] == second_codes[0] or first_codes[1] == second_codes[1]:
            return max(similarity, SOUNDS_ALIKE), "sounds alike"
    if edits > 1:
        return min(similarity, TOKEN_FITS - 0.01), ""
    return similarity, ""


@dataclass(frozen=True)
class NameMatch:
    similarity: float  # in [0, 1]; 0 when the names cannot be compared
    comparable: bool  # both names have tokens, in the same script
    compatible: bool  # every token of the shorter name has a counterpart in the other
    same_first_name: bool  # the first tokens agree (spelling, nickname): a married name keeps it
    notes: tuple[str, ...] = ()  # reasons, for people


_NOT_COMPARABLE = NameMatch(similarity=0.0, comparable=False, compatible=False, same_first_name=False)


def _joined(name: ParsedName, other: ParsedName) -> ParsedName:
    """``name`` with two adjacent words joined where ``other`` writes them as one
    (Min-ho and Minho, Anne Marie and Annemarie, Mc Donald and McDonald)."""
    tokens = list(name.tokens)
    index = 0
    while index < len(tokens) - 1:
        if tokens[index] + tokens[index + 1] in other.tokens:
            tokens[index : index + 2] = [tokens[index] + tokens[index + 1]]
        index += 1
    return name if len(tokens) == len(name.tokens) else ParsedName(tuple(tokens), name.generation)


@lru_cache(maxsize=16384)
def compare_names(first: ParsedName, second: ParsedName) -> NameMatch:
    """Compare two parsed names; symmetric up to the order of the notes."""
    if not first.tokens or not second.tokens or first.latin != second.latin:
        return _NOT_COMPARABLE
    first, second = _joined(first, second), _joined(second, first)
    short, long = (first, second) if len(first.tokens) <= len(second.tokens) else (second, first)
    syllables = first.tokens[0] in FAMILY_NAMES_FIRST or second.tokens[0] in FAMILY_NAMES_FIRST
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
        if note in ("nickname", "initial") and pair_similarity >= TOKEN_FITS:
            words = sorted((short.tokens[i].title(), long.tokens[j].title()))
            notes.append(f"{note} {words[0]}/{words[1]}")
    last_short, last_long = len(short.tokens) - 1, len(long.tokens) - 1
    if compatible and last_short > 0 and pairs[0][2] == last_long and pairs[last_short][2] == 0:
        notes.append("swapped first and last name")
    if first.generation and second.generation and first.generation != second.generation:
        compatible = False
        notes.append("Jr. and Sr.")
    same_first = (
        token_similarity(first.tokens[0], second.tokens[0])[0] >= 0.9
        and first.tokens[0] not in FAMILY_NAMES_FIRST
        and second.tokens[0] not in FAMILY_NAMES_FIRST
    )
    return NameMatch(
        similarity=max(0.0, min(1.0, similarity)),
        comparable=True,
        compatible=compatible,
        same_first_name=same_first,
        notes=tuple(notes),
    )
