"""Province names and IP-location labels ("IP属地：辽宁", "来自辽宁", "Liaoning", "辽宁省") → one province key."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from importlib import resources

OVERSEAS = "Overseas"
LABEL_PREFIX = re.compile(
    r"^(?:ip\s*属地|ip属地|ip\s*location|ip|来自|發佈於|发布于|來自|属地|位置)\s*[:：]?\s*", re.I
)
COUNTRY_PREFIX = re.compile(r"^(?:中国|中國|china)\s*", re.I)
SUFFIX_EN = re.compile(
    r"\s+(?:province|autonomous region|municipality|special administrative region|sar|city)$"
)


@dataclass(frozen=True)
class Province:
    """A province-level division: adcode, English name (the key used everywhere) and Chinese name."""

    adcode: str
    name_en: str
    name_zh: str


@dataclass(frozen=True)
class ProvinceIndex:
    """Every accepted spelling of a province, the overseas labels and the labels meaning 'unknown'."""

    provinces: dict[str, Province]
    names: dict[str, str]
    overseas: frozenset[str]
    unknown: frozenset[str]

    @classmethod
    def from_package(cls) -> ProvinceIndex:
        folder = resources.files("undeleted.censorship")
        provinces: dict[str, Province] = {}
        names: dict[str, str] = {}
        rows = folder.joinpath("provinces.tsv").read_text(encoding="utf-8").splitlines()
        for row in csv.DictReader(rows, delimiter="\t"):
            province = Province(row["adcode"], row["name_en"], row["name_zh"])
            provinces[province.name_en] = province
            spellings = [
                row["name_en"],
                row["name_zh"],
                row["short_zh"],
                *filter(None, row["aliases"].split("|")),
            ]
            for spelling in spellings:
                names[fold(spelling)] = province.name_en
        return cls(
            provinces=provinces,
            names=names,
            overseas=frozenset(
                fold(word) for word in read_list(folder.joinpath("overseas_labels.tsv").read_text("utf-8"))
            ),
            unknown=frozenset(
                fold(word) for word in read_list(folder.joinpath("unknown_labels.tsv").read_text("utf-8"))
            ),
        )

    def by_adcode(self, adcode: str | None) -> str | None:
        """The province key of any adcode inside it (210600 → Liaoning)."""
        if not adcode or len(adcode) < 2:
            return None
        prefix = adcode[:2]
        return next((key for key, p in self.provinces.items() if p.adcode.startswith(prefix)), None)


def read_list(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def fold(text: str) -> str:
    return " ".join(text.strip().lower().split())


@dataclass(frozen=True)
class Label:
    """What one raw label means: a province key, OVERSEAS, None with known=True (blank/未知), or unrecognised."""

    province: str | None
    known: bool


def read_label(raw: str | None, index: ProvinceIndex) -> Label:
    """Normalise one IP-location label. Blank and '未知' are known-empty; anything unmatched is unrecognised."""
    text = fold(raw or "")
    text = LABEL_PREFIX.sub("", text).strip()
    if not text or text in index.unknown:
        return Label(None, True)
    for candidate in candidates(text):
        if candidate in index.names:
            return Label(index.names[candidate], True)
        if candidate in index.overseas:
            return Label(OVERSEAS, True)
    return Label(None, False)


def candidates(text: str) -> list[str]:
    """The label as given, without a leading 中国/China, and without an English or Chinese suffix."""
    forms = [text, COUNTRY_PREFIX.sub("", text)]
    for form in list(forms):
        forms.append(SUFFIX_EN.sub("", form))
        forms.append(re.sub(r"(?:省|市)$", "", form))
    return list(dict.fromkeys(form.strip() for form in forms if form.strip()))
