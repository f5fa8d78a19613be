"""Comment geography: label normalisation, concentration figures and the containment verdict."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from undeleted.censorship.geography import (
    Baseline,
    binomial_tail,
    concentration,
    count_provinces,
    load_baseline,
    measure_geography,
)
from undeleted.censorship.provinces import OVERSEAS, ProvinceIndex, read_label
from undeleted.ingest.social import read_social

SOCIAL = Path(__file__).parent / "resources" / "social"


@pytest.fixture(scope="module")
def index() -> ProvinceIndex:
    return ProvinceIndex.from_package()


@pytest.fixture(scope="module")
def census(index: ProvinceIndex) -> Baseline:
    return load_baseline(index)


@pytest.mark.parametrize(
    "label, province",
    [
        ("IP属地：辽宁", "Liaoning"),
        ("IP属地:辽宁", "Liaoning"),
        ("来自辽宁", "Liaoning"),
        ("Liaoning", "Liaoning"),
        ("辽宁省", "Liaoning"),
        ("发布于 辽宁", "Liaoning"),
        ("liaoning province", "Liaoning"),
        ("广西壮族自治区", "Guangxi"),
        ("内蒙古", "Inner Mongolia"),
        ("中国香港", "Hong Kong"),
        ("遼寧", "Liaoning"),
        ("美国", OVERSEAS),
        ("IP属地：日本", OVERSEAS),
    ],
)
def test_censorship_labels_normalise_to_one_province(index, label, province):
    assert read_label(label, index).province == province


@pytest.mark.parametrize(
    "label, known", [("", True), ("未知", True), ("火星", False), ("IP属地：银河系", False)]
)
def test_censorship_blank_labels_are_not_errors_but_unknown_ones_are(index, label, known):
    assert read_label(label, index).province is None
    assert read_label(label, index).known is known


def test_censorship_baseline_is_census_population_shares(census):
    assert math.isclose(sum(census.shares.values()), 1.0)
    assert 0.02 < census.shares["Liaoning"] < 0.04
    assert census.shares["Guangdong"] == max(census.shares.values())


def synthetic(distribution: dict[str, int]) -> list[tuple[str, str]]:
    """(where, label) pairs: `count` commenters labelled 'IP属地：<province>' for each province."""
    labels: list[tuple[str, str]] = []
    for province, count in distribution.items():
        labels += [(f"synthetic.csv:{len(labels) + i + 2}", f"IP属地：{province}") for i in range(count)]
    return labels


def national(total: int, census: Baseline, index: ProvinceIndex) -> dict[str, int]:
    """Commenters spread like the population (largest remainders), by Chinese province name."""
    raw = {key: share * total for key, share in census.shares.items()}
    counts = {key: int(value) for key, value in raw.items()}
    for key in sorted(raw, key=lambda k: raw[k] - counts[k], reverse=True)[: total - sum(counts.values())]:
        counts[key] += 1
    return {index.provinces[key].name_zh: count for key, count in counts.items() if count}


@pytest.mark.parametrize(
    "home, distribution, verdict",
    [
        ("Liaoning", {"辽宁": 380, "北京": 5, "广东": 5, "上海": 5, "山东": 5}, "contained"),
        ("Liaoning", {"辽宁": 11, "北京": 1}, "not_enough_data"),
        ("Liaoning", {"辽宁": 120, "北京": 70, "广东": 110, "上海": 50, "山东": 50}, "not_contained"),
    ],
)
def test_censorship_containment_verdicts_on_synthetic_comments(index, census, home, distribution, verdict):
    counts = count_provinces(synthetic(distribution), index)
    result = measure_geography(counts, census, (home, "given"), subject="post:synthetic")
    assert result.verdict == verdict
    assert result.total == sum(distribution.values())


def test_censorship_national_spread_is_not_contained(index, census):
    counts = count_provinces(synthetic(national(400, census, index)), index)
    result = measure_geography(counts, census, ("Liaoning", "given"))
    assert result.verdict == "not_contained"
    assert result.p_value is not None and result.p_value > 0.01
    assert result.baseline_distance < 0.05


def test_censorship_contained_case_figures(index, census):
    counts = count_provinces(synthetic({"辽宁": 380, "北京": 10, "广东": 10}), index)
    result = measure_geography(counts, census, ("Liaoning", "event"))
    assert result.top_province == "Liaoning" and result.top_share == pytest.approx(0.95)
    assert result.herfindahl == pytest.approx(0.95**2 + 2 * 0.025**2)
    assert result.p_value is not None and result.p_value < 1e-100
    data = result.as_dict()
    assert data["verdict"] == "contained" and data["provinces"][0]["province"] == "Liaoning"
    assert data["provinces"][0]["lift"] > 25


def test_censorship_unknown_home_tests_the_top_province_with_correction(index, census):
    counts = count_provinces(synthetic({"辽宁": 380, "北京": 20}), index)
    result = measure_geography(counts, census)
    assert (result.home_province, result.home_source, result.verdict) == (
        "Liaoning",
        "top_province",
        "contained",
    )


def test_censorship_unknown_label_reported_with_file_and_row(index):
    comments = read_social([SOCIAL / "generic_comments.csv"]).comments
    counts = count_provinces([(c.source, c.ip_location) for c in comments], index)
    assert counts.counts == {"Henan": 3, "Beijing": 1}
    assert [str(p) for p in counts.unrecognised] == [
        f"{SOCIAL / 'generic_comments.csv'}:6: unknown province label '火星基地' (comment not counted)"
    ]


@pytest.mark.parametrize(
    "successes, trials, probability, expected",
    [
        (3, 10, 0.3, 0.6172172136),
        (0, 10, 0.3, 1.0),
        (11, 10, 0.3, 0.0),
        (10, 10, 0.5, 0.0009765625),
        (1, 1, 0.03, 0.03),
    ],
)
def test_censorship_binomial_tail_is_exact(successes, trials, probability, expected):
    assert binomial_tail(successes, trials, probability) == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize(
    "counts, top, herfindahl, entropy",
    [
        ({"A": 1, "B": 1, "C": 1, "D": 1}, 0.25, 0.25, 2.0),
        ({"A": 10}, 1.0, 1.0, 0.0),
    ],
)
def test_censorship_concentration_figures(counts, top, herfindahl, entropy):
    assert concentration(counts) == pytest.approx((top, herfindahl, entropy))
