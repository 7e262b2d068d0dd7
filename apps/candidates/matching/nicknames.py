"""Nicknames and short forms of given names (Bob/Robert, Kasia/Katarzyna) and other romanizations
of a name (Serhiy/Sergey, Cheung/Zhang), from data/nicknames.txt."""

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


def are_nicknames(first: str, second: str) -> bool:
    """Whether two different given names are forms of the same name (Bob and Robert,
    Bobby and Rob)."""
    if first == second:
        return False
    return bool(canonical_forms(first) & canonical_forms(second))
