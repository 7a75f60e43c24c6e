"""Countries: ISO 3166-1 codes from the names people write, in French or English, and back.

The names come from pycountry (ISO 3166-1 and its translations from the Debian iso-codes
project), so nothing here is a hand-kept table. Matching ignores case, accents, hyphens and
apostrophes: `Tunisie`, `tunisie`, `Tunisia`, `TN` and `TUN` all resolve to `TN`.
"""

from __future__ import annotations

import functools
import gettext
from dataclasses import dataclass

from imfhist.suggest import Suggester
from imfhist.textnorm import fold_name


@dataclass(frozen=True)
class Country:
    code: str
    name_en: str
    name_fr: str


class CountryIndex:
    """Every ISO 3166-1 country, and every name it may be written as."""

    def __init__(self) -> None:
        import pycountry

        french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"],
                                     fallback=True)
        self.by_code: dict[str, Country] = {}
        self._by_key: dict[str, str] = {}
        self._written: dict[str, str] = {}  # folded key -> the name as ISO writes it
        self._suggester: Suggester | None = None
        for entry in pycountry.countries:
            code = entry.alpha_2
            name_en = getattr(entry, "common_name", None) or entry.name
            name_fr = french.gettext(entry.name)
            self.by_code[code] = Country(code, name_en, name_fr)
            names = [code, entry.alpha_3, entry.name, name_en, name_fr]
            for extra in ("official_name", "common_name"):
                value = getattr(entry, extra, None)
                if value:
                    names += [value, french.gettext(value)]
            for name in names:
                key = fold_name(name)
                self._by_key.setdefault(key, code)
                self._written.setdefault(key, name)

    def resolve(self, written: str) -> str | None:
        """The alpha-2 code for a code or name, or None when it names no country."""
        return self._by_key.get(fold_name(written))

    def suggest(self, written: str) -> tuple[str, ...]:
        """Close names for an unknown country, best first, as ISO writes them."""
        if self._suggester is None:
            self._suggester = Suggester(self._by_key, cutoff=0.75)
        keys = self._suggester(fold_name(written))
        return tuple(dict.fromkeys(self._written[key] for key in keys))

    def name(self, code: str, lang: str = "en") -> str:
        country = self.by_code.get(code)
        if country is None:
            return code
        return country.name_fr if lang == "fr" else country.name_en


@functools.cache
def countries() -> CountryIndex:
    return CountryIndex()
