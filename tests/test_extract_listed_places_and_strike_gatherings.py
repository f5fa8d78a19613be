"""One measure told of several listed places gives one
event per place; a gathering during a strike is the strike; backgrounded events keep their own dates."""

import pytest

from extraction import events_of


@pytest.mark.parametrize(
    "text, language, kind, prefectures",
    [
        (
            "Tianjin and Chengdu scrapped the negative test requirement for entering parks on Tuesday.",
            "en",
            "relaxation",
            {"1200", "5101"},
        ),
        (
            "Xiamen, Fuzhou and Quanzhou lifted lockdowns on residential compounds on Wednesday.",
            "en",
            "relaxation",
            {"3502", "3501", "3505"},
        ),
        (
            "Harbin and Changchun imposed a lockdown on all districts on Thursday.",
            "en",
            "restriction",
            {"2301", "2201"},
        ),
        ("3月8日，南宁、柳州和桂林宣布解除临时封控。", "zh", "relaxation", {"4501", "4502", "4503"}),
    ],
)
def test_extract_one_measure_per_listed_place(text, language, kind, prefectures, context):
    found = {event.location.adcode[:4] for event in events_of(text, language, context) if event.type == kind}
    assert found == prefectures


@pytest.mark.parametrize(
    "text, language",
    [
        ("Harbin's Daoli district lifted its lockdown on Tuesday.", "en"),
        ("广州市海珠区3月8日解除临时封控。", "zh"),
    ],
)
def test_extract_one_place_one_measure(text, language, context):
    assert len([event for event in events_of(text, language, context) if event.type == "relaxation"]) == 1
