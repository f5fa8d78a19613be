"""Names that tell which country a text speaks of: countries, their cities and their people.

Read from data/country_names.tsv (English and Chinese) with the English names of data/countries.tsv and
the Chinese names of every country from the Unicode CLDR (Babel).
Divisions of China, Hong Kong, Macau and Taiwan come from the gazetteer; these names cover the rest.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass

from babel import Locale

# A country named as who owns a firm in China ("a Taiwanese shoe factory", "Japanese-owned", "Hong Kong-invested
# plant"; 台资, 日企): the firm's owners, not a place the report is about.
OWNER_AFTER = re.compile(
    r"(?:-|\s)(?:invested|owned|funded|financed|backed|run)\b"
    r"|\s+(?:[\w-]+\s+){0,2}?(?:factory|factories|company|companies|firm|firms|plant|plants|manufacturer|"
    r"supplier|enterprise|boss|bosses|owner|owners|investor|investors|businessman|businessmen|employer)\b"
    r"|(?<=[\u4e00-\u9fff])(?:资|商|企|独资|合资)",
    re.IGNORECASE,
)

BLOCK = "--"  # the iso column of phrases that hide the names inside them ("美国之音", "New York Times")


# Two-character Chinese country names that hide inside other words and names: 巴林左旗, 沿海地区, 朝鲜族,
# 黑山县, 增加纳税, 理查德, 河南非法, 内蒙古, 马里奥, 多哥哥, 鸡汤加盐, 才智利用.
HIDDEN_HAN = frozenset(
    {
        "巴林",
        "海地",
        "朝鲜",
        "北韓",
        "黑山",
        "加纳",
        "迦納",
        "查德",
        "乍得",
        "南非",
        "蒙古",
        "马里",
        "馬利",
        "多哥",
    }
    | {"汤加", "東加", "智利", "尼日", "阿曼", "根息", "曼島", "贝宁", "貝南", "中非"}
)


def chinese_country_names(countries: dict[str, str]) -> dict[str, str]:
    """Simplified and traditional Chinese names of every country (CLDR, through Babel), name → ISO code."""
    names: dict[str, str] = {}
    for locale in (Locale.parse("zh_Hans"), Locale.parse("zh_Hant")):
        for iso in countries:
            name = locale.territories.get(iso)
            if name and len(name) >= 2 and name not in HIDDEN_HAN:
                names.setdefault(name, iso)
    return names


@dataclass(frozen=True)
class CountryNames:
    """Country, city and people names by ISO code, as one pattern for English and one for Chinese."""

    codes: dict[str, str]  # name → ISO code, or BLOCK
    latin: re.Pattern[str] | None
    han: re.Pattern[str] | None

    places: frozenset[str] = frozenset()  # the names that name places (countries, cities), not people

    @classmethod
    def from_text(cls, text: str, countries: dict[str, str]) -> CountryNames:
        """The rows of country_names.tsv, with the English country names of countries.tsv (ISO → name)."""
        rows = csv.reader(
            (line for line in text.splitlines() if line.strip() and not line.startswith("#")), delimiter="\t"
        )
        codes = {name: iso for iso, name in countries.items() if name}
        codes.update(
            {name: iso for name, iso in chinese_country_names(countries).items() if name not in codes}
        )
        places = set(codes)
        for iso, kind, names in rows:
            listed = [name for name in names.split("|") if name]
            codes.update({name: iso for name in listed})
            if kind != "people":
                places.update(listed)
        return cls.build(codes, frozenset(places))

    @classmethod
    def build(cls, codes: dict[str, str], places: frozenset[str] = frozenset()) -> CountryNames:
        latin = sorted((name for name in codes if name[:1].isascii()), key=len, reverse=True)
        han = sorted((name for name in codes if not name[:1].isascii()), key=len, reverse=True)
        return cls(
            codes,
            re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, latin))})(?![\w])(?!-based)")
            if latin
            else None,
            re.compile("|".join(map(re.escape, han))) if han else None,
            places or frozenset(codes),
        )

    def find(self, text: str, places_only: bool = False) -> list[tuple[int, int, str]]:
        """(start, end, ISO code) of the names in `text`, blocked phrases left out; `places_only`: no
        names of peoples ("Nepali")."""
        found = []
        for pattern in (self.latin, self.han):
            if pattern is None:
                continue
            for match in pattern.finditer(text):
                iso = self.codes[match.group()]
                if OWNER_AFTER.match(text, match.end()):
                    continue  # who owns a firm ("a Taiwan-invested plant", 台资), not where anything is
                if iso != BLOCK and (not places_only or match.group() in self.places):
                    found.append((match.start(), match.end(), iso))
        return found
