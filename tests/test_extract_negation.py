"""Negated and explicitly non-protest actions are no events (report sentences written for this test)."""

from datetime import date

import pytest

from tests.extraction import events_of, types_of


@pytest.mark.parametrize(
    "text, language",
    [
        (
            "Candles were left outside the Xi'an factory gate on Friday, but the mourning never grew into a protest.",
            "en",
        ),
        (
            "Workers in Dongguan were angry about the pay cut on Monday, yet it did not turn into gatherings or demonstrations.",
            "en",
        ),
        ("周五，有人在西安一家工厂门口摆放蜡烛，但并没有演变成聚集或抗议。", "zh"),
        ("周一，东莞工人对降薪不满，但最终未酿成群体性事件。", "zh"),
    ],
)
def test_negated_protest_is_no_event(text, language, context):
    assert [event.type for event in events_of(text, language, context, date(2024, 4, 6))] == []


def test_police_at_mourning_sites_is_no_mourning_protest(context):
    text = "清明节前，警方在成都多处悼念地点布控。"
    assert "protest" not in {event.type for event in events_of(text, "zh", context, date(2024, 4, 6))}


@pytest.mark.parametrize(
    "text, language",
    [
        (
            "On Friday about 200 workers gathered outside the Xi'an factory gate; the protest did not end until police arrived.",
            "en",
        ),
        ("周五，约200名工人聚集在西安一家工厂门口抗议降薪。", "zh"),
    ],
)
def test_protest_beside_a_negation_is_still_an_event(text, language, context):
    assert "protest" in {event.type for event in events_of(text, language, context, date(2024, 4, 6))}


@pytest.mark.parametrize(
    "text",
    [
        "要严防人员流动和聚集增加，避免聚集性疫情。",  # epidemic-prevention words, no crowd
        "各小区要减少聚集，防范聚集性风险。",
        "只有全市停工停产十天，才有可能控制住疫情。",  # a wish, not a measure
        "待疫情形势好转时，即全面恢复堂食。",  # a promise on a condition, not a relaxation
        "如果再不发工资，工人们就去市政府门口聚集。",
        "三、严禁以围堵道路、打砸车辆等方式扰乱公共秩序。",  # a notice's warning, not a clash
        "请广大村民不组织、不参与、不围观非法聚集。",
    ],
)
def test_prevention_words_conditions_and_warnings_are_no_events(text, context):
    assert types_of(text, "zh", context) == set()
