"""Round-5 error classes: strikers gathering at their workplace, or striking "to protest", are the
strike, while a march to a government office is a protest of its own; refusing orders is a strike."""

import pytest

from extraction import events_of


@pytest.mark.parametrize("text, language, expected", [
    ("Hundreds of workers at an electronics plant in Suzhou went on strike on Tuesday. They gathered in the "
     "factory yard and refused to return to the production lines.", "en", {"strike"}),
    ("Delivery riders in Chengdu refused to take orders on Friday to protest cuts in pay.", "en", {"strike"}),
    ("Construction workers in Xi'an refused to work on Monday over unpaid wages.", "en", {"strike"}),
    ("Workers at a shoe factory in Dongguan went on strike on Monday. On Wednesday they marched to the "
     "district government.", "en", {"strike", "protest"}),
    ("Couriers at a depot in Hefei went on strike on Monday. The next day about fifty of them gathered outside "
     "the city government.", "en", {"strike", "protest"}),
    ("3月6日，成都外卖骑手集体拒绝接单，要求提高配送费。", "zh", {"strike"}),
])
def test_extract_strikers_gathering_is_the_strike(text, language, expected, context):
    assert {event.type for event in events_of(text, language, context)} == expected
