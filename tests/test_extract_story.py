"""How a story's structure places and dates its events: leads, background dates, several dates a sentence."""

from datetime import date

import pytest

from undeleted.extract import ExtractContext, extract_events
from undeleted.models import Document, Event

from tests.extraction import events_of


def run(context: ExtractContext, text: str, published: date) -> list[Event]:
    return extract_events(Document(text=text, published=published, language="en"), context)


def by_type(events: list[Event]) -> dict[str, list[Event]]:
    found: dict[str, list[Event]] = {}
    for event in events:
        found.setdefault(event.type, []).append(event)
    return found


@pytest.mark.parametrize(
    "text, published, expected",
    [
        (
            "The town was sealed off in March and then unblocked in May.",
            date(2022, 6, 10),
            {"restriction": date(2022, 3, 1), "relaxation": date(2022, 5, 1)},
        ),
        (
            "Kunming imposed a lockdown on 3 August and lifted the lockdown on 20 September.",
            date(2022, 9, 30),
            {"restriction": date(2022, 8, 3), "relaxation": date(2022, 9, 20)},
        ),
    ],
)
def test_extract_each_trigger_takes_its_nearest_date(context, text, published, expected):
    events = by_type(run(context, text, published))
    assert {kind: events[kind][0].date_start for kind in expected} == expected


@pytest.mark.parametrize(
    "text, published, story_start",
    [
        (
            "Videos from the last two days show residents of Shiyan protesting at their compound gates.\n"
            "The district was first sealed off in March.\n"
            "Residents tore down the fences and walked out.",
            date(2022, 5, 20),
            date(2022, 5, 18),  # the last two days: the 18th and 19th, and the day of the report
        ),
    ],
)
def test_extract_background_date_stays_in_its_paragraph(context, text, published, story_start):
    defiance = by_type(run(context, text, published))["defiance"]
    assert [event.date_start for event in defiance] == [story_start]


@pytest.mark.parametrize(
    "text, published, expected_type, adcode_prefix, day",
    [
        (
            "HANGZHOU — Zhejiang has dismissed three officials after a patient was turned away from hospitals.\n"
            "The patient, a man of 70, was refused treatment on Tuesday at two hospitals in Xihu district, "
            "his son said.\n"
            "On Wednesday the provincial health commission said three officials had been dismissed from their "
            "posts.",
            date(2022, 4, 15),
            "official_response",
            "330106",
            date(2022, 4, 13),
        ),
    ],
)
def test_extract_lead_is_the_story_told_below(context, text, published, expected_type, adcode_prefix, day):
    events = by_type(run(context, text, published))[expected_type]
    assert len(events) == 1
    assert events[0].location.adcode and events[0].location.adcode.startswith(adcode_prefix)
    assert events[0].date_start == day


@pytest.mark.parametrize(
    "text, published, site",
    [
        (
            "Standoff at Kunming hospital\n"
            "Hundreds of people gathered outside the Yunda Hospital in Kunming on Monday.",
            date(2022, 4, 13),
            "Yunda Hospital",
        ),
    ],
)
def test_extract_title_gives_no_site_to_the_body(context, text, published, site):
    events = by_type(run(context, text, published))["protest"]
    assert events and all(event.location.place != "Kunming hospital" for event in events)


@pytest.mark.parametrize(
    "text, published, expected_type, adcode",
    [
        (
            "Residents of Shijiazhuang have complained for weeks about the lockdown.\n"
            "The city has been sealed since early November.\n"
            "Shops are shut and deliveries are slow.\n"
            "On Monday, residents of a compound in Yuhua district tore down the fences at its gate.\n"
            "On Tuesday, police detained three residents who had posted videos of empty shelves.",
            date(2022, 11, 24),
            "repression",
            "130100",
        ),
        (  # the district the story opened in, named again in a late paragraph, stays the story's place
            "A warehouse fire in Chengdu's Jinniu district killed eight workers on Monday.\n"
            "The blaze started in a storage room of the Huaxing logistics warehouse in Jinniu district.\n"
            "Firefighters needed two hours to put it out.\n"
            "Chengdu police detained the warehouse manager, and an official of Jinniu district apologised.\n"
            "Photos of the burnt building that were shared on Weibo on Monday night were deleted within hours.",
            date(2024, 5, 14),
            "censorship",
            "510106",
        ),
        (  # Jishishan county, then Minhe county in the next province, then "in Gansu": back at Jishishan
            "The magnitude 6.2 quake struck Jishishan county in Gansu province just before midnight on Monday.\n"
            "In neighbouring Qinghai, 18 people were killed, most of them in Minhe county.\n"
            "More than 87,000 people in Gansu have been moved to temporary shelters and many ran out of food, "
            "officials said on Wednesday.",
            date(2023, 12, 20),
            "hardship",
            "622927",
        ),
    ],
)
def test_extract_a_place_named_late_or_named_again_places_what_follows(
    context, text, published, expected_type, adcode
):
    events = by_type(run(context, text, published))[expected_type]
    assert [event.location.adcode for event in events] == [adcode]


@pytest.mark.parametrize(
    "text, published, expected_sites",
    [
        (
            "On Saturday, residents protested against the lockdown in Xining at Jinyuan Garden, Haihu Garden, "
            "Xiyuan 3 and other compounds.",
            date(2022, 10, 10),
            {"Jinyuan Garden", "Haihu Garden", "Xiyuan 3"},
        ),
        (
            "On Friday, villagers protested at the Najiaying Mosque in Nagu town, Tonghai county.",
            date(2023, 5, 30),
            {"Najiaying Mosque"},
        ),
    ],
)
def test_extract_listed_sites_are_one_event_each(context, text, published, expected_sites):
    protests = by_type(run(context, text, published))["protest"]
    assert {event.location.place for event in protests} == expected_sites


def test_two_clauses_of_one_sentence_tell_two_statements_on_their_own_days(context):
    text = (
        "On 3 June the county government apologised to the families; on 20 June the city government "
        "launched an investigation."
    )
    events = events_of(text, "en", context, date(2024, 6, 29))
    assert sorted(event.date_start for event in events if event.type == "official_response") == [
        date(2024, 6, 3),
        date(2024, 6, 20),
    ]
