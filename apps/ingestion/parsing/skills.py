"""Skills in resume text, matched against the curated taxonomy in ``data/skills.tsv``.

Matching is a token lookup, not a regex over the aliases: the text is tokenized
once, and from each token a walk through a table of alias prefixes (token
tuples) finds the longest alias that starts there (leftmost-longest, so "Spring
Boot" wins over "Spring" and "Machine learning" over "Machine"). A token that
starts no alias costs one dict lookup.

Tokens are Unicode words, case-folded. Dots and ampersands glued between letters
stay inside the token and a trailing ``++``, ``+`` or ``#`` is kept, so "node.js",
"asp.net", ".net", "c++", "c#" and "r&d" are single tokens: "R&D" never yields R,
and "Google" never yields Go because only whole tokens are compared. Hyphens and
apostrophes split words ("scikit-learn" is "scikit learn"). List punctuation (``,``
``;`` ``:`` ``|`` ``/`` brackets, bullets, line breaks, a dash or a full stop before
a space) is kept as one-character tokens: aliases may contain them ("CI/CD" is
``ci / cd``) and they delimit list items for the rules below. A line break inside
a phrase is skipped, so a skill wrapped onto the next line is still found. Runs
of CJK letters are tokens of their own, so "熟悉Python" yields Python. Aliases
written with accents also match without them ("comptabilite").

Forms that are also ordinary words. The data file marks them in two columns:

- ``capitalized`` forms ("React", "Flask", "Excel", "Tableau") count only when
  written with their capitals: "React" is the library, "react to alarms" is not.
- ``ambiguous`` forms ("Go", "R", "C", "Spring", "Shell", "Chef", "Word",
  "Ruby", "Leadership") are words or names even when capitalized. They count
  only when written with their capitals AND either the caller says the text is
  a skills section (``in_skills_section=True``) or the mention is a whole list
  item (only list punctuation or a conjunction such as "and", "or", "und", "et",
  "y" on either side) whose neighbouring item on the same line, the one before
  or the one after, holds a skill too: a counting plain or capitalized one
  anywhere in it, or an ambiguous one that is itself the whole item. An
  ambiguous form followed by a colon is the label of a list ("Statistics: R,
  SAS") and never counts.

"Written with their capitals" means: every capital of the form as the data file
spells it is there, unless the whole mention is in capitals; lowercase letters
of the form may be capitalized ("User Experience" for "User experience"). So
"Go" and "GO" count but "go" does not; "DOE" (design of experiments) needs "DOE",
not "Doe"; "San Francisco" is not "SAN". A form spelled all in lowercase ("dbt")
has no capitals to keep and needs only the context.

So "Python, Django, Spring" yields Spring, "using Python and R." yields R,
"Ruby, Rust, Go" yields all three; "I excel at teamwork", "spring semester",
"Worked at Shell, Houston" and "Head Chef at Luigi's" yield nothing. Every other
alias counts wherever it appears as whole tokens, in any case.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "skills.tsv"

# Letters of scripts written without spaces; a run of them is a token of its own
# so that a Latin skill name glued to Chinese or Japanese text is still seen.
_CJK = "\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
# One-character tokens that delimit list items. The Private Use Area holds the icon
# fonts' bullets (Wingdings, FontAwesome) that PDF extraction passes through.
_SEPARATORS = (
    ",;:|/()\\[\\]{}<>\n\r\t!?&*"
    "\u2022\u00b7\u25aa\u25cf\u25e6\u25a0\u25a1\u25ba\u25b6\u2023\u2043\u2219\u27a2\u2713\u2714\u2013\u2014"
    "\u3001\u3002\uff0c\uff1b\uff1a\uff08\uff09\u3010\u3011\ue000-\uf8ff"
)
# No alternative starts with a lookbehind or an optional character: measured, that
# tokenizes ~5% faster than "(?<!\S)-(?!\S)" and "\.?word" did.
_TOKEN_RE = re.compile(
    rf"[^\W_{_CJK}]+(?:[.&][^\W_{_CJK}]+)*(?:\+\+|\+|#)?"  # node.js, asp.net, r&d, c++, c#
    rf"|\.[^\W_{_CJK}]+"  # .net
    rf"|[{_CJK}]+"
    rf"|[{_SEPARATORS}]"
    r"|-(?!\S)"  # a hyphen before a space is a dash; inside a word it only splits
    r"|\.(?!\S)"  # a full stop ends an item; a dot inside a word stays in the word
)
# Words that join list items: "Python and R", "Word, Excel und PowerPoint".
_CONNECTORS = frozenset({"and", "or", "und", "oder", "sowie", "et", "ou", "y", "和", "及", "与"})
_LINE_BREAKS = frozenset({"\n", "\r"})
_COLONS = frozenset({":", "\uff1a"})
# Precomposed Latin letters with diacritics -> base letter, for accent-free alias variants.
# The Turkish dotless i (U+0131) and the Polish ł have no decomposition but are typed as i and l
# where the keyboard lacks them ("musteri iliskileri", "obsluga klienta").
_STRIP_ACCENTS = {
    code: base[0]
    for code in range(0xC0, 0x250)
    if (base := unicodedata.normalize("NFKD", chr(code))) != chr(code) and base[0].isascii()
} | {ord("\u0131"): "i", ord("ł"): "l", ord("Ł"): "L"}

# How an alias counts: the data file's aliases, capitalized and ambiguous columns.
PLAIN, CAPITALIZED, AMBIGUOUS = 0, 1, 2

# What an alias resolves to: canonical name, kind, and its tokens as spelled in the data.
_Entry = tuple[str, int, tuple[str, ...]]
# A match: first token, end token (exclusive), entry.
_Match = tuple[int, int, _Entry]


@dataclass(frozen=True, slots=True)
class Skill:
    """One taxonomy entry: the canonical name and the other ways it is written."""

    name: str
    category: str
    aliases: tuple[str, ...] = ()
    # Forms that count only when written with their capitals ("React", not "react to").
    capitalized: tuple[str, ...] = ()
    # Forms that count only with their capitals and in skills context ("Go", "Spring").
    ambiguous: tuple[str, ...] = ()


def tokenize(text: str) -> list[str]:
    """The text's tokens as written (not folded); see the module docstring."""
    if not text.isascii():
        # A soft hyphen (LaTeX hyphenation points) would split "Kuber\xadnetes" in two.
        text = unicodedata.normalize("NFC", text).replace("\xad", "")
    return _TOKEN_RE.findall(text)


def _fold(tokens: Sequence[str]) -> list[str]:
    # One casefold over the joined tokens costs far less than one call per token.
    if not tokens:
        return []
    folded = "\0".join(tokens).casefold()
    if "\u0307" in folded:
        # The Turkish capital İ folds to i and a combining dot: "İnsan" is "insan".
        folded = folded.replace("i\u0307", "i")
    return folded.split("\0")


def _is_punctuation(token: str) -> bool:
    # Word tokens always hold a letter or digit, so a one-character other is punctuation.
    return len(token) == 1 and not token.isalnum()


def _is_boundary(token: str) -> bool:
    return token in _CONNECTORS or _is_punctuation(token)


class Taxonomy:
    """The skills, and a prefix table from alias token tuples to canonical names."""

    def __init__(self, skills: Iterable[Skill]) -> None:
        self.skills: dict[str, Skill] = {}
        # folded alias tokens -> entry
        self._aliases: dict[tuple[str, ...], _Entry] = {}
        for skill in skills:
            if skill.name in self.skills:
                raise ValueError(f"skill {skill.name!r} is listed twice")
            self.skills[skill.name] = skill
            self._add(skill)
        # Accent-free spellings go in last: one that is also a real alias is left to it.
        for key, (name, kind, spelling) in list(self._aliases.items()):
            plain = tuple(token.translate(_STRIP_ACCENTS) for token in key)
            if plain != key:
                unaccented = tuple(token.translate(_STRIP_ACCENTS) for token in spelling)
                self._aliases.setdefault(plain, (name, kind, unaccented))
        # The walk in _matches: first tokens by themselves (the common, cheap case),
        # longer prefixes as tuples. None marks a prefix that is not itself an alias.
        self._first: dict[str, _Entry | None] = {}
        self._prefixes: dict[tuple[str, ...], _Entry | None] = {}
        for key, entry in self._aliases.items():
            for end in range(1, len(key)):
                if end == 1:
                    self._first.setdefault(key[0], None)
                else:
                    self._prefixes.setdefault(key[:end], None)
            if len(key) == 1:
                self._first[key[0]] = entry
            else:
                self._prefixes[key] = entry

    def _add(self, skill: Skill) -> None:
        kinds = dict.fromkeys(skill.aliases, PLAIN)
        for kind, forms in ((CAPITALIZED, skill.capitalized), (AMBIGUOUS, skill.ambiguous)):
            for form in forms:
                if form in kinds:
                    raise ValueError(f"{form!r} is listed twice for {skill.name!r}")
                kinds[form] = kind
        # The canonical name matches itself, plainly unless a column says otherwise.
        kinds.setdefault(skill.name, PLAIN)
        for form, kind in kinds.items():
            spelling = tuple(tokenize(form))
            key = tuple(_fold(spelling))
            # An alias must start and end with a word: "OR nursing" would match "... or nursing".
            if not key or _is_boundary(key[0]) or _is_boundary(key[-1]):
                raise ValueError(f"alias {form!r} of {skill.name!r} has no word at one end")
            if key in self._aliases:
                other = self._aliases[key][0]
                raise ValueError(f"alias {form!r} of {skill.name!r} is already an alias of {other!r}")
            self._aliases[key] = (skill.name, kind, spelling)

    def __len__(self) -> int:
        return len(self.skills)

    def category(self, canonical: str) -> str | None:
        skill = self.skills.get(canonical)
        return skill.category if skill else None

    def canonical(self, text: str) -> str | None:
        """The canonical name for one skill as written ("postgres" -> "PostgreSQL"), else None.

        The whole text must be one alias, ambiguous forms included and in any
        case (a field that holds one skill is context enough); a trailing
        bracketed qualifier is ignored ("Spanish (fluent)"). For a string that
        may hold several skills use ``find(text, in_skills_section=True)``.
        """
        tokens = _fold(tokenize(text))
        if "(" in tokens:
            return self._whole(tokens) or self._whole(tokens[: tokens.index("(")])
        return self._whole(tokens)

    def _whole(self, tokens: list[str]) -> str | None:
        start, end = 0, len(tokens)
        while start < end and _is_punctuation(tokens[start]):
            start += 1
        while end > start and _is_punctuation(tokens[end - 1]):
            end -= 1
        hit = self._aliases.get(tuple(tokens[start:end]))
        return hit[0] if hit else None

    def find(self, text: str, *, in_skills_section: bool = False) -> list[str]:
        """Canonical names of the skills in the text, in order of first appearance, once each."""
        raw = tokenize(text)
        folded = _fold(raw)
        matches = self._matches(folded)
        found: list[str] = []
        seen: set[str] = set()
        for index, (_, _, (name, _, _)) in enumerate(matches):
            if name in seen or not _counts(index, matches, raw, folded, in_skills_section):
                continue
            seen.add(name)
            found.append(name)
        return found

    def _matches(self, folded: list[str]) -> list[_Match]:
        """Leftmost-longest alias matches."""
        first, prefixes = self._first, self._prefixes
        matches: list[_Match] = []
        count = len(folded)
        i = 0
        while i < count:
            token = folded[i]
            if token not in first:
                i += 1
                continue
            entry = first[token]
            best = (i + 1, entry) if entry is not None else None
            prefix: tuple[str, ...] = (token,)
            j = i + 1
            while j < count:
                if folded[j] in _LINE_BREAKS:
                    j += 1
                    continue
                prefix += (folded[j],)
                if prefix not in prefixes:
                    break
                j += 1
                entry = prefixes[prefix]
                if entry is not None:
                    best = (j, entry)
            if best is None:
                i += 1
            else:
                matches.append((i, best[0], best[1]))
                i = best[0]
        return matches


def _written_as(raw: list[str], start: int, end: int, spelling: Sequence[str]) -> bool:
    """Whether ``raw[start:end]`` keeps the capitals of the form as spelled in the data."""
    if not any(char.isupper() for token in spelling for char in token):
        return True  # nothing to keep: "dbt" is written in lowercase by its makers
    surface = [token for token in raw[start:end] if token not in _LINE_BREAKS]
    if not any(char.isupper() for token in surface for char in token):
        return False
    if all(token.isupper() or not token.isalpha() for token in surface):
        return True
    for written, declared in zip(surface, spelling, strict=True):
        if written != declared and not (declared.islower() and written == declared.capitalize()):
            return False
    return True


def _counts(index: int, matches: list[_Match], raw: list[str], folded: list[str], in_skills_section: bool) -> bool:
    """Whether match ``index`` is a skill mention under the rules of the module docstring."""
    start, end, (_, kind, spelling) = matches[index]
    if kind == PLAIN:
        return True
    if not _written_as(raw, start, end, spelling):
        return False
    if kind == CAPITALIZED:
        return True
    if end < len(folded) and folded[end] in _COLONS:
        return False
    if in_skills_section:
        return True
    if not _is_whole_item(start, end, folded):
        return False

    def holds_skill(neighbour: int, item_start: int, item_end: int) -> bool:
        n_start, n_end, (_, n_kind, n_spelling) = matches[neighbour]
        if n_end <= item_start or n_start >= item_end:
            return False
        if n_kind == PLAIN:
            return True
        if not _written_as(raw, n_start, n_end, n_spelling):
            return False
        return n_kind == CAPITALIZED or (n_start == item_start and n_end == item_end)

    # The item before: back over the boundary tokens (not past a line break), then
    # back to the first token of its words.
    last = start - 1
    while last >= 0 and _is_boundary(folded[last]) and folded[last] not in _LINE_BREAKS:
        last -= 1
    if last >= 0 and index > 0 and not _is_boundary(folded[last]):
        first = last
        while first > 0 and not _is_boundary(folded[first - 1]):
            first -= 1
        if holds_skill(index - 1, first, last + 1):
            return True
    # The item after, the same way forward.
    first = end
    while first < len(folded) and _is_boundary(folded[first]) and folded[first] not in _LINE_BREAKS:
        first += 1
    if first < len(folded) and index + 1 < len(matches) and not _is_boundary(folded[first]):
        last = first
        while last + 1 < len(folded) and not _is_boundary(folded[last + 1]):
            last += 1
        if holds_skill(index + 1, first, last + 1):
            return True
    return False


def _is_whole_item(start: int, end: int, folded: list[str]) -> bool:
    return (start == 0 or _is_boundary(folded[start - 1])) and (end == len(folded) or _is_boundary(folded[end]))


def _forms(fields: list[str], column: int, number: int) -> tuple[str, ...]:
    if len(fields) <= column or not fields[column].strip():
        return ()
    forms = tuple(form.strip() for form in fields[column].split("|"))
    if not all(forms):
        raise ValueError(f"line {number}: empty alias")
    return forms


def parse_taxonomy(lines: Iterable[str]) -> list[Skill]:
    """Skills from the data file's lines; raises ValueError naming the line at fault.

    A line is ``canonical<TAB>category<TAB>aliases<TAB>ambiguous<TAB>capitalized``,
    the last three ``|``-separated and optional; ``#`` starts a comment line.
    """
    skills: list[Skill] = []
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r\n")
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not 2 <= len(fields) <= 5:
            raise ValueError(f"line {number}: expected 2 to 5 tab-separated fields, got {len(fields)}")
        name, category = fields[0].strip(), fields[1].strip()
        if not name or not category:
            raise ValueError(f"line {number}: empty canonical name or category")
        skills.append(
            Skill(
                name=name,
                category=category,
                aliases=_forms(fields, 2, number),
                ambiguous=_forms(fields, 3, number),
                capitalized=_forms(fields, 4, number),
            )
        )
    return skills


def load_taxonomy(path: Path = DATA_FILE) -> Taxonomy:
    with path.open(encoding="utf-8") as data:
        return Taxonomy(parse_taxonomy(data))


@cache
def default_taxonomy() -> Taxonomy:
    """The project's taxonomy, read from the data file on first use and kept."""
    return load_taxonomy()


def find_skills(text: str, *, in_skills_section: bool = False) -> list[str]:
    """Canonical skills in the text, in order of first appearance, without repeats."""
    return default_taxonomy().find(text, in_skills_section=in_skills_section)


def canonical_skill(text: str) -> str | None:
    """The canonical name of one skill as written ("Postgres" -> "PostgreSQL"), or None."""
    return default_taxonomy().canonical(text)


def skill_category(canonical: str) -> str | None:
    """The category of a canonical skill name ("PostgreSQL" -> "database"), or None."""
    return default_taxonomy().category(canonical)
