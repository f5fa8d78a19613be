"""Background dates in English: 'after two nights of clashes' (the nights before the day told of),
'more than ten days earlier' (a few days further back than the count), 'since August' (from the
start of the month to the report)."""

from datetime import date

import pytest

from undeleted.dates import find_dates

from tests.extraction import events_of

D = date


@pytest.mark.parametrize("text, reference, anchor, phrase, start, end", [
    ("The streets were quiet on Thursday after two nights of clashes with police.", D(2024, 5, 20),
     D(2024, 5, 16), "after two nights of", D(2024, 5, 14), D(2024, 5, 15)),
    ("Villagers said the detained farmer had been taken away more than ten days earlier.", D(2024, 5, 20),
     D(2024, 5, 18), "more than ten days earlier", D(2024, 5, 5), D(2024, 5, 7)),
    ("Tenants in the compound have been barred from leaving since August.", D(2024, 10, 9), None,
     "since August", D(2024, 8, 1), D(2024, 10, 9)),
    ("Depositors have been unable to withdraw their savings since March 2023.", D(2024, 1, 15), None,
     "since March 2023", D(2023, 3, 1), D(2024, 1, 15)),
])  # fmt: skip
def test_dates_background_spans(text, reference, anchor, phrase, start, end):
    found = {mention.text: mention.span for mention in find_dates(text, reference, "en", anchor)}
    assert phrase in found, list(found)
    assert (found[phrase].start, found[phrase].end) == (start, end)


@pytest.mark.parametrize("text, reference, phrase, start, end", [
    ("Workers struck in August.", D(2024, 10, 9), "in August", D(2024, 8, 1), D(2024, 8, 31)),
    ("Savers were unable to withdraw since mid-April.", D(2024, 10, 9), "since mid-April", D(2024, 4, 11), D(2024, 4, 20)),
])  # fmt: skip
def test_dates_month_without_since_keeps_its_month(text, reference, phrase, start, end):
    found = {mention.text: mention.span for mention in find_dates(text, reference, "en", None)}
    assert (found[phrase].start, found[phrase].end) == (start, end)


def test_a_flashback_dates_only_its_own_clause(context):
    # "promised payment the day before" is background; the workers walked onto the road on 4 Feb
    text = (
        "4 February | Guangzhou | Around 50 site workers owed two months' wages and promised payment the "
        "previous day, walked onto the road outside the site and held up traffic."
    )
    events = events_of(text, "en", context, date(2016, 2, 5))
    assert [event.date_start for event in events if event.type == "protest"] == [date(2016, 2, 4)]


def test_a_date_naming_a_past_case_dates_the_case_not_the_sentence(context):
    text = "三名前学生领袖昨日在法院因去年6月21日包围警察总部一案被判入狱。"
    events = events_of(text, "zh", context, date(2020, 12, 3))
    assert [event.date_start for event in events if event.type == "repression"] == [date(2020, 12, 2)]
