"""Nicknames and short forms of given names (Bob/Robert, Kasia/Katarzyna), from data/nicknames.txt."""

from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "nicknames.txt"


@cache
def _groups() -> dict[str, frozenset[str]]:
    """Each name to the canonical names of the groups it belongs to (a canonical name
    belongs to its own group)."""
    groups: dict[str, set[str]] = {}
    for line in DATA_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or ":" not in line:
            continue
        canonical, _, forms = line.partition(":")
        canonical = canonical.strip()
        for name in (canonical, *forms.split()):
            groups.setdefault(name, set()).add(canonical)
    return {name: frozenset(canonicals) for name, canonicals in groups.items()}


def canonical_forms(name: str) -> frozenset[str]:
    """The canonical names ``name`` is a form of; empty if it is in no group."""
    return _groups().get(name, frozenset())


def are_nicknames(first: str, second: str) -> bool:
    """Whether two different given names are forms of the same name (Bob and Robert,
    Bobby and Rob)."""
    if first == second:
        return False
    return bool(canonical_forms(first) & canonical_forms(second))
