"""Hong Kong reports in Chinese often never write 香港: its neighbourhoods and landmarks place them."""

from datetime import date

import pytest

from extraction import events_of


@pytest.mark.parametrize(
    "text",
    [
        "昨晚數百名示威者在旺角彌敦道集結，警方施放胡椒噴霧驅散人群。",
        "數千名學生週五在添馬政府總部外集會，要求撤回國民教育科。",
        "Hundreds of protesters gathered in Causeway Bay on Sunday evening, chanting slogans.",
    ],
)
def test_hong_kong_neighbourhood_places_the_event_in_hong_kong(text, context):
    language = "en" if text.isascii() else "zh"
    events = events_of(text, language, context, date(2019, 9, 2))
    assert events and all(event.location.adcode == "810000" for event in events)
