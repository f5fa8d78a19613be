"""Strikers gathering at their workplace, or striking "to protest", are the
strike, while a march to a government office is a protest of its own; refusing orders is a strike."""

import pytest

from extraction import events_of


@pytest.mark.parametrize(
    "text, language, expected",
    [
        (
            "Hundreds of workers at an electronics plant in Suzhou went on strike on Tuesday. They gathered in the "
            "factory yard and refused to return to the production lines.",
            "en",
            {"strike"},
        ),
        (
            "Delivery riders in Chengdu refused to take orders on Friday to protest cuts in pay.",
            "en",
            {"strike"},
        ),
        ("Construction workers in Xi'an refused to work on Monday over unpaid wages.", "en", {"strike"}),
        (
            "Workers at a shoe factory in Dongguan went on strike on Monday. On Wednesday they marched to the "
            "district government.",
            "en",
            {"strike", "protest"},
        ),
        (
            "Couriers at a depot in Hefei went on strike on Monday. The next day about fifty of them gathered outside "
            "the city government.",
            "en",
            {"strike", "protest"},
        ),
        ("3月6日，成都外卖骑手集体拒绝接单，要求提高配送费。", "zh", {"strike"}),
    ],
)
def test_extract_strikers_gathering_is_the_strike(text, language, expected, context):
    assert {event.type for event in events_of(text, language, context)} == expected


@pytest.mark.parametrize(
    "text, language",
    [
        (
            "The National Health Commission said on Thursday that mass testing would end nationwide and people "
            "could isolate at home.",
            "en",
        ),
        (
            "Residents of Wuhan's Hongshan district clashed with guards on Monday.\n\nThe State Council on Tuesday "
            "issued new rules easing Covid restrictions across the country.",
            "en",
        ),
        (
            "Beijing announced on Friday that it would scrap negative test requirements for travel nationwide.",
            "en",
        ),
        ("郑州市金水区居民11月20日推倒围栏。\n\n国务院联防联控机制11月21日发布十项优化措施。", "zh"),
        ("国家卫健委12月2日宣布，全国不再要求查验健康码。", "zh"),
    ],
)
def test_extract_central_acts_sit_at_country_level(text, language, context):
    acts = [event for event in events_of(text, language, context) if event.type == "relaxation"]
    assert [
        (event.location.country, event.location.geo_precision, event.location.adcode) for event in acts
    ] == [("CN", "country", None)]
