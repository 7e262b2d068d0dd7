"""Nicknames and short forms of given names (Bob/Robert, Kasia/Katarzyna) and other romanizations
of a name (Serhiy/Sergey, Cheung/Zhang), from data/nicknames.txt; and the Yoruba and Igbo
names that are called by what follows their first element (Oluwaseun: Seun)."""

import re
from functools import cache, lru_cache
from pathlib import Path

from apps.candidates.matching.spelling import spelling

DATA_FILE = Path(__file__).resolve().parent / "data" / "nicknames.txt"


@cache
def _groups() -> dict[str, frozenset[str]]:
    """Each name, as written in the file and in one transcription (names.spelling), to
    the canonical names of the groups it belongs to (a canonical name belongs to its
    own group)."""
    groups: dict[str, set[str]] = {}
    for line in DATA_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or ":" not in line:
            continue
        canonical, _, forms = line.partition(":")
        canonical = canonical.strip()
        for name in (canonical, *forms.split()):
            groups.setdefault(name, set()).add(canonical)
            if len(name) > 4:  # short names are other names once respelled (Chou and Cho, Lee and Lê)
                groups.setdefault(spelling(name), set()).add(canonical)
    return {name: frozenset(canonicals) for name, canonicals in groups.items()}


@lru_cache(maxsize=16384)
def canonical_forms(name: str) -> frozenset[str]:
    """The canonical names ``name`` is a form of, in any transcription (Evgeniya is
    listed as Yevgenia); empty if it is in no group."""
    groups = _groups()
    forms = groups.get(name, frozenset())
    return forms | groups.get(spelling(name), frozenset()) if len(name) > 4 else forms


# First elements of Yoruba and Igbo names ("God", "crown", "joy", "father"), which the
# everyday name drops: Oluwaseun or Oluseun is Seun, Babatunde Tunde, Adebayo Bayo,
# Ayodele Dele, Chukwuemeka Emeka. Oluwa and Olu are one element.
# Not the Igbo Chi (Chiamaka, Amaka): Japanese and Korean names start so too (Chihiro
# and Hiro, Chiyoko and Yoko, Chi-hoon and Hoon are other names); those are listed.
_NAME_ELEMENT = re.compile(r"(?:oluwa|olu|ola|ade|ayo|baba|chukwu)(?=.{4})")


def without_name_element(name: str) -> str:
    """A Yoruba or Igbo name without its first element, if four letters or more are left."""
    element = _NAME_ELEMENT.match(name)
    return name[element.end() :] if element else name


def are_nicknames(first: str, second: str) -> bool:
    """Whether two different given names are forms of the same name (Bob and Robert,
    Bobby and Rob, Oluwaseun and Seun or Oluseun)."""
    if first == second:
        return False
    if canonical_forms(first) & canonical_forms(second):
        return True
    first_rest, second_rest = without_name_element(first), without_name_element(second)
    if first_rest == second or second_rest == first:
        return True
    # Oluwaseun and Oluseun; not Adebayo and Olubayo, two names.
    return first_rest == second_rest and {first[:3], second[:3]} == {"olu"}
