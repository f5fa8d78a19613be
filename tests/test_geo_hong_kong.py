"""Hong Kong reports in Chinese often never write 香港: its neighbourhoods and landmarks place them."""

from datetime import date

import pytest

from extraction import events_of


@pytest.mark.parametrize(
    "text, adcode",
    [
        ("昨晚數百名示威者在旺角彌敦道集結，警方施放胡椒噴霧驅散人群。", "810000"),
        ("數千名學生週五在添馬政府總部外集會，要求撤回國民教育科。", "810000"),
        ("Hundreds of protesters gathered in Causeway Bay on Sunday evening, chanting slogans.", "810000"),
        # a district's own name, without 區 or 香港, even beside a Shenzhen border crossing
        ("昨日下午數百人由荃灣港鐵站出發遊行，抗議往返深圳灣口岸的水貨客，其後與警員推撞。", "810000"),
        # Macau's landmarks, not 澳門; a rally against Hong Kong's police is still in Macau
        ("昨晚警方在議事亭前地及新馬路一帶大舉部署，截查數以百計的市民，七人被帶返警署問話。", "820000"),
        ("Police stopped and searched dozens of people around Senado Square on Monday night.", "820000"),
    ],
)
def test_neighbourhoods_and_landmarks_place_the_event_in_hong_kong_or_macau(text, adcode, context):
    language = "en" if text.isascii() else "zh"
    events = events_of(text, language, context, date(2019, 9, 2))
    assert events and all(event.location.adcode == adcode for event in events)


@pytest.mark.parametrize(
    "text, language, district",
    [
        ("7月1日，一名男子在香港灣仔駕駛電單車撞向警方防線，撞傷3名警員。", "zh", "Wan Chai"),
        ("Police arrested two men in Hong Kong's Yuen Long district on Saturday night.", "en", "Yuen Long"),
    ],
)
def test_an_event_in_a_hong_kong_district_is_coded_at_hong_kong_with_the_district_as_place(
    text, language, district, context
):
    """As every gold set codes them: adcode 810000, the district kept as the event's place."""
    events = events_of(text, language, context, date(2020, 7, 2))
    assert events
    for event in events:
        assert (event.location.adcode, event.location.geo_precision) == ("810000", "admin1")
        assert district in (event.location.place or "")
