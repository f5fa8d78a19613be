"""Comment geography: where commenters are (IP-location labels), how concentrated, and a containment test.

A post whose comments come overwhelmingly from the province it is about may have been kept from the rest of
the country ("99% of comments from Liaoning"). The test is one-sided and exact: under the baseline, the
number of commenters from the home province is Binomial(n, p0); the post is flagged when that count is
improbably high AND the share is far above the baseline (a local story naturally draws local readers).
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Literal

from undeleted.censorship.provinces import OVERSEAS, ProvinceIndex, read_label
from undeleted.errors import BadInput

Verdict = Literal["contained", "not_contained", "not_enough_data", "no_home_province"]
HomeSource = Literal["given", "event", "post_author", "top_province", "none"]


@dataclass(frozen=True)
class ContainmentRules:
    """When a concentration counts as containment. Defaults are deliberately conservative."""

    min_comments: int = 30  # below this many labelled comments: "not enough data"
    min_share: float = 0.5  # the home province must hold at least half of the comments
    min_lift: float = 5.0  # ... and at least 5 times its baseline share
    alpha: float = 0.001  # one-sided exact binomial test level (Bonferroni-divided when home is guessed)


@dataclass(frozen=True)
class Baseline:
    """Expected share of commenters per province, with where it comes from."""

    name: str
    shares: dict[str, float]


@dataclass(frozen=True)
class ProvinceCounts:
    """Commenters per province key (OVERSEAS included), blanks, and labels that matched nothing."""

    counts: dict[str, int]
    unlabelled: int = 0
    unrecognised: list[BadInput] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class ProvinceShare:
    province: str
    count: int
    share: float
    baseline_share: float | None
    lift: float | None


@dataclass(frozen=True)
class Geography:
    """The comment geography of one post or event, ready for the API (see `as_dict`)."""

    subject: str
    total: int
    unlabelled: int
    unrecognised: int
    shares: list[ProvinceShare]
    top_province: str | None
    top_share: float
    herfindahl: float
    entropy_bits: float
    baseline_distance: float
    home_province: str | None
    home_source: HomeSource
    home_share: float | None
    home_baseline_share: float | None
    p_value: float | None
    verdict: Verdict
    baseline: str
    rules: ContainmentRules

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (what the API and the event page show)."""
        return {
            "subject": self.subject,
            "verdict": self.verdict,
            "comments": self.total,
            "unlabelled": self.unlabelled,
            "unrecognised": self.unrecognised,
            "home_province": self.home_province,
            "home_source": self.home_source,
            "home_share": self.home_share,
            "home_baseline_share": self.home_baseline_share,
            "p_value": self.p_value,
            "top_province": self.top_province,
            "top_share": self.top_share,
            "herfindahl": self.herfindahl,
            "entropy_bits": self.entropy_bits,
            "baseline_distance": self.baseline_distance,
            "baseline": self.baseline,
            "rules": {
                "min_comments": self.rules.min_comments,
                "min_share": self.rules.min_share,
                "min_lift": self.rules.min_lift,
                "alpha": self.rules.alpha,
            },
            "provinces": [
                {
                    "province": item.province,
                    "count": item.count,
                    "share": item.share,
                    "baseline_share": item.baseline_share,
                    "lift": item.lift,
                }
                for item in self.shares
            ],
        }

    def describe(self) -> str:
        """One line for people: the verdict and the figures behind it."""
        if self.verdict == "not_enough_data":
            return f"{self.subject}: not enough data ({self.total} labelled comments, need {self.rules.min_comments})"
        head = f"{self.subject}: {self.total} comments, top {self.top_province} {self.top_share:.1%}"
        if self.home_province is None or self.home_share is None:
            return f"{head}; no home province, no containment test"
        baseline = f"{self.home_baseline_share:.1%}" if self.home_baseline_share is not None else "n/a"
        p_value = f"{self.p_value:.2g}" if self.p_value is not None else "n/a"
        return (
            f"{head}; {self.home_province} ({self.home_source}) {self.home_share:.1%} vs baseline {baseline}, "
            f"p = {p_value} → {self.verdict.replace('_', ' ')}"
        )


def count_provinces(labels: Iterable[tuple[str, str | None]], index: ProvinceIndex) -> ProvinceCounts:
    """Tally (where, raw label) pairs; unrecognised labels come back as BadInput naming file and row."""
    counts: Counter[str] = Counter()
    unlabelled = 0
    unrecognised: list[BadInput] = []
    for where, raw in labels:
        label = read_label(raw, index)
        if label.province is not None:
            counts[label.province] += 1
        elif label.known:
            unlabelled += 1
        else:
            unrecognised.append(BadInput(f"{where}: unknown province label '{raw}' (comment not counted)"))
    return ProvinceCounts(dict(counts), unlabelled, unrecognised)


def load_baseline(index: ProvinceIndex) -> Baseline:
    """The shipped baseline: 2020 census population by province (a proxy for internet users)."""
    text = resources.files("undeleted.censorship").joinpath("baseline_internet_users.tsv").read_text("utf-8")
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    population = {row["province"]: int(row["population"]) for row in csv.DictReader(rows, delimiter="\t")}
    unknown = set(population) - set(index.provinces)
    if unknown:
        raise BadInput(f"baseline_internet_users.tsv: provinces not in provinces.tsv: {sorted(unknown)}")
    total = sum(population.values())
    return Baseline(
        "2020 census population by province (NBS; proxy for internet users)",
        {key: value / total for key, value in population.items()},
    )


def corpus_baseline(counts: Mapping[str, int], index: ProvinceIndex) -> Baseline:
    """Baseline from all stored comments, add-one smoothed so that no province has share 0."""
    keys = list(index.provinces)
    total = sum(counts.get(key, 0) for key in keys) + len(keys)
    return Baseline(
        "all imported comments (add-one smoothed)", {key: (counts.get(key, 0) + 1) / total for key in keys}
    )


def binomial_tail(successes: int, trials: int, probability: float) -> float:
    """P(X >= successes) for X ~ Binomial(trials, probability), exact, summed in log space."""
    if successes <= 0:
        return 1.0
    if successes > trials or probability <= 0.0:
        return 0.0
    if probability >= 1.0:
        return 1.0
    log_p, log_q = math.log(probability), math.log1p(-probability)
    terms = [
        math.lgamma(trials + 1)
        - math.lgamma(i + 1)
        - math.lgamma(trials - i + 1)
        + i * log_p
        + (trials - i) * log_q
        for i in range(successes, trials + 1)
    ]
    peak = max(terms)
    return min(1.0, math.exp(peak) * sum(math.exp(term - peak) for term in terms))


def concentration(counts: Mapping[str, int]) -> tuple[float, float, float]:
    """(share of the top province, Herfindahl index, Shannon entropy in bits)."""
    total = sum(counts.values())
    if total == 0:
        return 0.0, 0.0, 0.0
    shares = [count / total for count in counts.values() if count]
    return (
        max(shares),
        sum(share * share for share in shares),
        -sum(share * math.log2(share) for share in shares),
    )


def measure_geography(
    counts: ProvinceCounts,
    baseline: Baseline,
    home: tuple[str | None, HomeSource] = (None, "none"),
    rules: ContainmentRules = ContainmentRules(),
    subject: str = "",
) -> Geography:
    """Distribution, concentration, comparison with the baseline and the containment verdict."""
    total = counts.total
    ordered = sorted(counts.counts.items(), key=lambda item: (-item[1], item[0]))
    shares = [province_share(province, count, total, baseline) for province, count in ordered]
    top_share, herfindahl, entropy = concentration(counts.counts)
    home_province, home_source = home
    corrections = 1
    if home_province is None and ordered and ordered[0][0] != OVERSEAS:
        home_province, home_source = ordered[0][0], "top_province"
        corrections = len(baseline.shares)  # the province was chosen after looking: Bonferroni
    home_count = counts.counts.get(home_province, 0) if home_province else 0
    home_share = home_count / total if total and home_province else None
    expected = baseline.shares.get(home_province) if home_province else None
    p_value = binomial_tail(home_count, total, expected) if expected and total else None
    verdict = decide(total, home_share, expected, p_value, rules, corrections)
    return Geography(
        subject=subject,
        total=total,
        unlabelled=counts.unlabelled,
        unrecognised=len(counts.unrecognised),
        shares=shares,
        top_province=ordered[0][0] if ordered else None,
        top_share=top_share,
        herfindahl=herfindahl,
        entropy_bits=entropy,
        baseline_distance=total_variation(counts.counts, baseline),
        home_province=home_province,
        home_source=home_source if home_province else "none",
        home_share=home_share,
        home_baseline_share=expected,
        p_value=p_value,
        verdict=verdict,
        baseline=baseline.name,
        rules=rules,
    )


def decide(
    total: int,
    home_share: float | None,
    expected: float | None,
    p_value: float | None,
    rules: ContainmentRules,
    corrections: int,
) -> Verdict:
    if total < rules.min_comments:
        return "not_enough_data"
    if home_share is None or expected is None or p_value is None:
        return "no_home_province"
    contained = (
        home_share >= rules.min_share
        and home_share >= rules.min_lift * expected
        and p_value < rules.alpha / corrections
    )
    return "contained" if contained else "not_contained"


def province_share(province: str, count: int, total: int, baseline: Baseline) -> ProvinceShare:
    share = count / total if total else 0.0
    expected = baseline.shares.get(province)
    return ProvinceShare(province, count, share, expected, share / expected if expected else None)


def total_variation(counts: Mapping[str, int], baseline: Baseline) -> float:
    """Half the L1 distance between observed and baseline shares (0 = same, 1 = disjoint)."""
    total = sum(counts.values())
    if total == 0:
        return 0.0
    keys = set(counts) | set(baseline.shares)
    return 0.5 * sum(abs(counts.get(key, 0) / total - baseline.shares.get(key, 0.0)) for key in keys)
