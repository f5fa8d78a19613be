"""Chinese numerals, head counts and casualties."""

import pytest

from undeleted.extract.lexicon import Lexicon
from undeleted.extract.zh_numbers import chinese_number, find_casualties, find_head_count


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon.load("zh")


@pytest.mark.parametrize(
    "word, value",
    [
        ("186", 186),
        ("一百八十六", 186),
        ("两千", 2000),
        ("1.2万", 12000),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("三千五百", 3500),
        ("一万二千", 12000),
        ("2,000", 2000),
        ("百", 100),
        ("abc", None),
    ],
)
def test_extract_zh_numbers_numerals(word, value):
    assert chinese_number(word) == value


@pytest.mark.parametrize(
    "text, low, high, size",
    [
        ("186名居民聚集在小区门口", 186, 186, "hundreds"),
        ("二三百人聚集在政府门前", 200, 300, "hundreds"),
        ("两三千名储户到场", 2000, 3000, "thousands"),
        ("200至300名村民", 200, 300, "hundreds"),
        ("约140人参加", 140, 140, "hundreds"),
        ("一百多名工人堵门讨薪", 100, None, "hundreds"),
        ("2000余人在场", 2000, None, "thousands"),
        ("有3名工人在维权中受伤", 3, 3, "small"),
        ("上百人围在门口", 100, None, "hundreds"),
        ("数千名储户聚集", None, None, "thousands"),
        ("数百名退休人员再次聚集", None, None, "hundreds"),
        ("数十名建筑工人堵住大门", None, None, "dozens"),
        ("上万人走上街头", 10000, None, "thousands"),
    ],
)
def test_extract_zh_numbers_head_counts(lexicon, text, low, high, size):
    found = find_head_count(text, lexicon)
    assert (found.min, found.max, found.size) == (low, high, size)


@pytest.mark.parametrize("text", ["怀孕8个月的孕妇", "一个小区门口", "封控三个月", "排队六分钟"])
def test_extract_zh_numbers_ignore_non_people(lexicon, text):
    assert find_head_count(text, lexicon).size == "unknown"


@pytest.mark.parametrize(
    "text, dead, hurt",
    [
        ("事故共造成11人死亡", 11, 0),
        ("车祸致27人遇难、20人受伤", 27, 20),
        ("她的手臂在拉扯中受伤", 0, None),
        ("大家捂着嘴往回跑", 0, 0),
    ],
)
def test_extract_zh_numbers_casualties(text, dead, hurt):
    assert find_casualties(text) == (dead, hurt)
