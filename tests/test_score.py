"""The scorer on small hand-made gold/prediction pairs."""

from datetime import date

import pytest

from undeleted.models import Document, Event, Location, Record
from undeleted.score import score

DANDONG = Location(admin1="Liaoning", admin2="Dandong", adcode="210600", geo_precision="admin2")
ZHENXING = Location(
    admin1="Liaoning", admin2="Dandong", admin3="Zhenxing", adcode="210603", geo_precision="admin3"
)
SHENYANG = Location(admin1="Liaoning", admin2="Shenyang", adcode="210100", geo_precision="admin2")
LIAONING = Location(admin1="Liaoning", adcode="210000", geo_precision="admin1")
CHINA = Location(country="CN", geo_precision="country")


def event(type="protest", start=date(2022, 6, 13), end=None, location=DANDONG, **fields):
    return Event(
        type=type, date_start=start, date_end=end or start, time_precision="day", location=location, **fields
    )


def scored(gold_events, predicted_events):
    doc = Document(text="A report.", published=date(2022, 6, 15), language="en")
    return score([Record(doc=doc, events=gold_events)], [Record(doc=doc, events=predicted_events)])


@pytest.mark.parametrize(
    "gold, predicted, matched",
    [
        (event(), event(), 1),
        (event(), event(type="clash"), 0),
        (event(), event(location=ZHENXING), 1),  # same prefecture, more precise
        (event(), event(location=SHENYANG), 0),  # other prefecture
        (event(location=LIAONING), event(location=SHENYANG), 1),  # gold only province-precise
        (event(start=date(2022, 6, 13)), event(start=date(2022, 6, 17)), 1),  # 4 days apart: ±2 each side
        (event(start=date(2022, 6, 13)), event(start=date(2022, 6, 18)), 0),  # 5 days apart
        (
            event(start=date(2022, 6, 1), end=date(2022, 6, 30)),
            event(start=date(2022, 6, 20)),
            1,
        ),  # inside a span
        (event(start=None), event(start=date(2020, 1, 1)), 1),  # gold without date: type and place only
        (event(location=CHINA), event(location=CHINA), 1),
        (
            event(location=Location(admin1="Liaoning", admin2="Dandong", geo_precision="admin2")),
            event(location=Location(admin1="Liaoning", admin2="dandong")),
            1,
        ),  # admin2 by name
    ],
)
def test_score_match_rules(gold, predicted, matched):
    assert scored([gold], [predicted]).overall.matched == matched


def test_score_matching_is_one_to_one():
    result = scored([event()], [event(), event()])
    assert (result.overall.matched, result.overall.predicted, result.overall.gold) == (1, 2, 1)
    assert result.overall.precision == 0.5 and result.overall.recall == 1.0


def test_score_best_pair_first():
    gold = [event(start=date(2022, 6, 13)), event(start=date(2022, 6, 15))]
    predicted = [event(start=date(2022, 6, 15)), event(start=date(2022, 6, 13))]
    result = scored(gold, predicted)
    assert result.overall.matched == 2
    assert result.as_dict()["attributes"]["date_start_exact"] == 1.0


def test_score_attributes_on_matched_pairs():
    gold = event(location=ZHENXING, tactics=["gathering", "chanting"], grievances=["lockdown"])
    predicted = event(location=DANDONG, tactics=["gathering"], grievances=["lockdown"])
    attributes = scored([gold], [predicted]).as_dict()["attributes"]
    assert attributes["location_exact"] == 0.0
    assert attributes["tactics"] == 0.5
    assert attributes["grievances"] == 1.0
    assert attributes["state_response"] == 1.0


def test_score_per_type_and_missing_documents():
    doc = Document(text="Another report.", language="zh")
    gold = [Record(doc=doc, events=[event(), event(type="censorship")])]
    result = score(gold, [])
    assert result.missing_predictions == 1
    assert result.by_type["censorship"].gold == 1
    assert result.by_language["zh"].recall == 0.0


def test_score_places_judged_on_events_found_by_type_and_date():
    gold = [event(location=ZHENXING), event(type="clash", location=DANDONG)]
    predicted = [event(location=SHENYANG), event(location=ZHENXING), event(type="clash", location=DANDONG)]
    places = scored(gold, predicted).as_dict()["places"]
    assert places == {"prefecture": 1.0, "exact": 1.0}
    places = scored(gold, [event(location=DANDONG), event(type="clash", location=SHENYANG)]).as_dict()[
        "places"
    ]
    assert places == {"prefecture": 0.5, "exact": 0.0}
