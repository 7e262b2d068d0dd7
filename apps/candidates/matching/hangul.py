"""Korean names in Hangul written in Latin letters, so that 김민수 meets Kim Min-su.

Hangul is an alphabet: each syllable block is an initial consonant, a vowel and an
optional final consonant, and the Revised Romanization spells them letter by letter.
A Korean name in Hangul is written family name first, and family names are written
in Latin letters as their owners write them in practice (Kim, Lee, Park), not as
the Revised Romanization would (Gim, I, Bak).
"""

import re

_FIRST_SYLLABLE, _LAST_SYLLABLE = 0xAC00, 0xD7A3
_INITIALS = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h")
_VOWELS: tuple[str, ...] = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u")
_VOWELS += ("wo", "we", "wi", "yu", "eu", "ui", "i")
# Final consonants as they sound at the end of a syllable.
_FINALS: tuple[str, ...] = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p")
_FINALS += ("p", "t", "t", "ng", "t", "t", "k", "t", "p", "t")
# The usual Latin spelling of the common family names (about 80% of Koreans).
_FAMILY_NAMES = {
    "gim": "kim",
    "i": "lee",
    "ri": "lee",
    "bak": "park",
    "choe": "choi",
    "jeong": "jung",
    "gang": "kang",
    "jo": "cho",
    "yun": "yoon",
    "jang": "jang",
    "im": "lim",
    "rim": "lim",
    "han": "han",
    "o": "oh",
    "seo": "seo",
    "sin": "shin",
    "gwon": "kwon",
    "hwang": "hwang",
    "an": "ahn",
    "song": "song",
    "yu": "yoo",
    "ryu": "ryu",
    "hong": "hong",
    "jeon": "jeon",
    "go": "ko",
    "mun": "moon",
    "son": "son",
    "yang": "yang",
    "bae": "bae",
    "baek": "baek",
    "heo": "heo",
    "no": "noh",
    "nam": "nam",
    "sim": "shim",
    "ha": "ha",
    "gwak": "kwak",
    "seong": "sung",
    "cha": "cha",
    "ju": "joo",
    "u": "woo",
    "gu": "koo",
    "min": "min",
    "na": "na",
    "jin": "jin",
    "eom": "um",
}


_SYLLABLES = re.compile(f"[{chr(_FIRST_SYLLABLE)}-{chr(_LAST_SYLLABLE)}]+")


def is_hangul(text: str) -> bool:
    return bool(_SYLLABLES.fullmatch(text))


def _syllable(char: str) -> str:
    index = ord(char) - _FIRST_SYLLABLE
    return _INITIALS[index // 588] + _VOWELS[index % 588 // 28] + _FINALS[index % 28]


def romanized(words: list[str]) -> list[str]:
    """The words of a name in Hangul in Latin letters, family name first: 김민수 ->
    kim minsu, 김 민수 -> kim minsu, 남궁민수 -> namgung minsu."""
    if len(words) == 1 and 2 <= len(words[0]) <= 4:
        family_length = 2 if len(words[0]) == 4 else 1  # four syllables: Namgung, Hwangbo, Jegal...
        words = [words[0][:family_length], words[0][family_length:]]
    latin = ["".join(_syllable(char) for char in word) for word in words]
    return [_FAMILY_NAMES.get(latin[0], latin[0]), *latin[1:]]
