"""Countries: ISO 3166-1 codes from the names people write, in French or English, and back.

The names come from pycountry (ISO 3166-1 and its translations from the Debian iso-codes
project), so nothing here is a hand-kept table. Matching ignores case, accents, hyphens and
apostrophes: `Tunisie`, `tunisie`, `Tunisia`, `TN` and `TUN` all resolve to `TN`.
"""

from __future__ import annotations

import functools
import gettext
import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path

from imfhist.common.suggest import Suggester
from imfhist.common.textnorm import fold_name


@dataclass(frozen=True)
class Country:
    code: str
    name_en: str
    name_fr: str


class CountryIndex:
    """Every ISO 3166-1 country, and every name it may be written as."""

    def __init__(self) -> None:
        database, locales = _pycountry_data()
        with database.open("rb") as handle:
            entries = json.load(handle)["3166-1"]
        french = gettext.translation("iso3166-1", locales, languages=["fr"], fallback=True)
        self.by_code: dict[str, Country] = {}
        self._names: list[tuple[str, str]] = []  # (name as ISO writes it, code)
        self._exact: dict[str, str] = {}  # names as written, the common case: no folding
        self._folded: dict[str, str] | None = None  # folded name -> code, built when needed
        self._written: dict[str, str] = {}  # folded name -> the name as ISO writes it
        self._suggester: Suggester | None = None
        for entry in entries:
            code = entry["alpha_2"]
            name_en = entry.get("common_name") or entry["name"]
            name_fr = french.gettext(entry["name"])
            self.by_code[code] = Country(code, name_en, name_fr)
            names = [code, entry["alpha_3"], entry["name"], name_en, name_fr]
            for extra in ("official_name", "common_name"):
                value = entry.get(extra)
                if value:
                    names += [value, french.gettext(value)]
            for name in names:
                self._names.append((name, code))
                self._exact.setdefault(name, code)
                self._exact.setdefault(name.upper(), code)

    def _folded_index(self) -> dict[str, str]:
        # Folding 1,600 names costs more than the rest of a listing: done only when a name is
        # not written exactly as ISO writes it.
        if self._folded is None:
            self._folded = {}
            for name, code in self._names:
                key = fold_name(name)
                self._folded.setdefault(key, code)
                self._written.setdefault(key, name)
        return self._folded

    def resolve(self, written: str) -> str | None:
        """The alpha-2 code for a code or name, or None when it names no country."""
        code = self._exact.get(written) or self._exact.get(written.upper())
        return code or self._folded_index().get(fold_name(written))

    def suggest(self, written: str) -> tuple[str, ...]:
        """Close names for an unknown country, best first, as ISO writes them."""
        if self._suggester is None:
            self._suggester = Suggester(self._folded_index(), cutoff=0.75)
        keys = self._suggester(fold_name(written))
        return tuple(dict.fromkeys(self._written[key] for key in keys))

    def name(self, code: str, lang: str = "en") -> str:
        country = self.by_code.get(code)
        if country is None:
            return code
        return country.name_fr if lang == "fr" else country.name_en


def _pycountry_data() -> tuple[Path, Path]:
    """pycountry's ISO 3166-1 database and its translations, found without importing pycountry,
    whose import costs more than all the rest of a listing (it reads its own metadata)."""
    spec = importlib.util.find_spec("pycountry")
    if spec is not None and spec.submodule_search_locations:
        folder = Path(next(iter(spec.submodule_search_locations)))
        if (folder / "databases" / "iso3166-1.json").is_file():
            return folder / "databases" / "iso3166-1.json", folder / "locales"
    import pycountry  # another layout: ask the package itself

    return Path(pycountry.DATABASE_DIR) / "iso3166-1.json", Path(pycountry.LOCALES_DIR)


@functools.cache
def countries() -> CountryIndex:
    return CountryIndex()
