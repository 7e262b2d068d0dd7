"""One spelling for the ways a name is transcribed into Latin letters (Mueller/Muller,
Satou/Sato, Dmitriy/Dmitri, Natalya/Natalia, Minsoo/Minsu), for comparing and keying.

A name from another script, or with letters English lacks, reaches a resume in
whichever transcription its owner, a passport office or a keyboard chose. The rules
below undo the differences between the common systems, not the differences between
names, and each is kept narrow where another language spells the same letters as
another sound (the Korean ae, yeo and kyo; the pinyin x). Names whose transcriptions
differ by more than these rules are listed in data/nicknames.txt. The rules apply to
case-folded ASCII tokens (after names.transliterate) and are only used to compare
and key, never shown.
"""

import re
from functools import lru_cache

# Order matters: each rule sees the output of the ones before it. Spellings that
# Metaphone and NYSIIS already hear as one (Stefan/Stephan, Carl/Karl) need no rule.
# Each rule comes with letters it cannot match without ("" for none): a test for
# them is a tenth of the cost of the rule, and most tokens miss most rules.
_RULES: tuple[tuple[str, re.Pattern[str], str], ...] = tuple(
    (needle, re.compile(pattern), replacement)
    for needle, pattern, replacement in (
        # Umlauts and the Nordic å and ø spelled out (Mueller, Joerg, Aasa, Oedegaard); not
        # at the end of a word, where oe and ue are their own sounds (Choe, Chloe), nor in
        # -uel and -oel (Samuel, Joel). Not ae, the Korean vowel of Jae-won and Tae-yang:
        # Jaeger and Jager already sound alike (names.token_similarity).
        *(
            (f"{vowel}e", rf"(?<=[a-z]){vowel}e(?=[a-z])(?!l$)|^{vowel}e(?=[bcdfghjklmnpqrstvwxz])", vowel)
            for vowel in "ou"
        ),
        ("aa", r"aa", "a"),
        # Japanese long vowels: Satou, Itou, Kouhei and Ohno or Satoh (Hepburn passport
        # spelling) are Sato, Ito, Kohei, Ono; a word-initial "oo" is a long o (Oono),
        # elsewhere "oo" is the Korean and English u (Minsoo, Yoon, Joo-won).
        ("ou", r"ou(?![aeiouy])", "o"),
        ("oh", r"oh(?![aeiouy])", "o"),
        ("oo", r"^oo", "o"),
        ("oo", r"oo", "u"),
        # Russian and Ukrainian transcriptions: Alexey/Aleksey, Petroff/Petrov, the ending
        # of Dmitriy/Dmitrii/Dmitry/Dmitri and Vysotskiy/Vysotskyi/Vysotsky, the iotated
        # vowels of Yuliya/Iuliia, Natalya/Natalia, Yevgeny/Evgeny, Fyodor/Fedor. Not the
        # English j for y (Julia): Chinese and Korean tell j from y (Jun, Yun), and the
        # names written both ways are listed in data/nicknames.txt.
        ("x", r"(?<=[a-z])x", "ks"),
        ("ksh", r"ksh", "ks"),  # Lakshmi/Laxmi (Sanskrit ksha)
        ("ff", r"(?<=[oe])ff$", "v"),
        ("", r"(iy|yi|ii|ij|yj|y)$", "i"),
        ("ye", r"^ye(?![aeiou])", "e"),  # not the Korean yeo (Yeon, Yeong)
        # Not after k, r, h, m, n, g, b, p: Japanese and Korean kyo, ryo, hyo (Kyoko, Ryota).
        ("yo", r"(?<=[fvtdzsl])yo(?=[bcdfgklmnprstvz])", "e"),
        ("i", r"^i(?=[ue])", "y"),  # Iuliia, Iurii, Ievgen; not Ian, whom Yan is not
        ("ya", r"iya$|(?<=[bcdfgklmnprstvz])ya", "ia"),
        ("ij", r"ij(?=[a-z])", "y"),  # the Dutch ij (Dijkstra/Dykstra); at the end it is i
        # The Ukrainian h of the Russian g before r (Hryhoriy/Grigoriy, Hrytsenko/Gritsenko):
        # no name of a Latin-script language starts with Hr and has a Gr- twin.
        ("hr", r"^hr", "gr"),
        # The Persian -nezhad of Ahmadinezhad is more often written -nejad (نژاد).
        ("nezhad", r"nezhad$", "nejad"),
        # Arabic "servant of" names: Abdul, Abdel, Abdur and Abd al- before the name they
        # begin (Abdulaziz/Abdelaziz, Abdurrahman/Abdulrahman/Abd al-Rahman joined), and
        # the -uddin of Salahuddin/Salah el-Din.
        ("abd", r"^abd(?:(?:ou|u|e|a|o)[lrsnzdt])?(?=[a-z]{3})", "abd"),
        ("din", r"(?<=[a-z]{3})(?:u|e|a|i)d{1,2}in$", "din"),
        # A final h after a vowel, often dropped (Rivkah/Rivka, Fatimah/Fatima, Yehudah).
        ("h", r"(?<=[a-z]{2}[ae])h$", ""),
        # Doubled letters (Mohammed/Mohamed, Hussein/Husein, Yuuki/Yuki); not cc, which
        # Metaphone reads as another sound (Ricci is not Rici).
        ("", r"([a-bd-z])\1+", r"\1"),
    )
)
# Where any rule above may apply: one search spares most tokens (Smith, Garcia) the rules.
_ANY_RULE = re.compile(
    r"[ou]e|aa|ou|oh|oo|x|ksh|ff$|[yij]$|^ye|yo|^i[ue]|ya|ij.|^hr|nezhad$|^abd|din$|[ae]h$|([a-bd-z])\1"
)


# Letters that a scanner's text recognition confuses in names: rn read for m (Sarnuel), cl
# for d (Davicl; not at the start, where Clara and Dara are two names), a lower-case l for
# a capital I at the start (lvan, lsabel; not Lloyd, Ljubo, Lwazi).
_MISREADINGS = (
    ("rn", re.compile("rn"), "m"),
    ("cl", re.compile(r"(?<=.)cl"), "d"),
    ("l", re.compile(r"^l(?=[bcdfghkmnpqrstvxz])"), "i"),
)


@lru_cache(maxsize=65536)
def misread(token: str) -> str:
    """The token with the usual misreadings of a scanned page undone (Sarnuel -> samuel);
    most tokens come back as they are."""
    for needle, pattern, replacement in _MISREADINGS:
        if needle in token:
            token = pattern.sub(replacement, token)
    return token


@lru_cache(maxsize=65536)
def spelling(token: str) -> str:
    """The token in one transcription; other scripts and short tokens as they are."""
    if len(token) < 3 or not token.isascii() or not _ANY_RULE.search(token):
        return token
    for needle, pattern, replacement in _RULES:
        if needle in token:
            token = pattern.sub(replacement, token)
    return token
