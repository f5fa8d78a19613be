"""English date expressions resolved against the publication date (and the anchor)."""

from datetime import date

import pytest

from undeleted.dates import DateMention, find_dates

D = date


def mention(text: str, reference: date | None, phrase: str, anchor: date | None = None) -> DateMention:
    found = [m for m in find_dates(text, reference, "en", anchor) if m.text == phrase]
    assert found, f"{phrase!r} not found in {[m.text for m in find_dates(text, reference, 'en', anchor)]}"
    return found[0]


@pytest.mark.parametrize("text, reference, phrase, start, end", [
    ("Protesters gathered on Tuesday.", D(2022, 10, 6), "Tuesday", D(2022, 10, 4), D(2022, 10, 4)),
    ("Police arrived on Thursday.", D(2022, 10, 6), "Thursday", D(2022, 10, 6), D(2022, 10, 6)),
    ("On Friday night, hundreds walked to the offices.", D(2022, 11, 27), "Friday night", D(2022, 11, 25), D(2022, 11, 25)),
    ("The fire started on Thursday evening.", D(2022, 11, 27), "Thursday evening", D(2022, 11, 24), D(2022, 11, 24)),
    ("After Wednesday's running fights, Foxconn apologised.", D(2022, 11, 24), "Wednesday's", D(2022, 11, 23), D(2022, 11, 23)),
    ("They met last Monday.", D(2022, 10, 3), "last Monday", D(2022, 9, 26), D(2022, 9, 26)),
    ("Night of Saturday 26 November. Students gathered.", D(2022, 12, 1), "Saturday 26 November", D(2022, 11, 26), D(2022, 11, 26)),
    ("Sunday night 27 November until after 1 a.m.", D(2022, 12, 1), "Sunday night 27 November", D(2022, 11, 27), D(2022, 11, 27)),
    ("The statement on Sunday, January 5, said", D(2025, 1, 11), "Sunday, January 5", D(2025, 1, 5), D(2025, 1, 5)),
])  # fmt: skip
def test_dates_weekday_resolves_to_latest_such_day(text, reference, phrase, start, end):
    span = mention(text, reference, phrase).span
    assert (span.start, span.end, span.precision) == (start, end, "day")


@pytest.mark.parametrize("text, reference, phrase, expected", [
    ("The letter was published on December 28.", D(2023, 1, 5), "December 28", D(2022, 12, 28)),
    ("Workers struck on October 2.", D(2022, 10, 14), "October 2", D(2022, 10, 2)),
    ("Workers struck on 2 October.", D(2022, 10, 14), "2 October", D(2022, 10, 2)),
    ("Workers struck on Oct. 2.", D(2022, 10, 14), "Oct. 2", D(2022, 10, 2)),
    ("Workers struck on October 20.", D(2022, 10, 14), "October 20", D(2021, 10, 20)),
    ("Owners will stop paying if work has not restarted by October 20.", D(2022, 7, 18), "October 20", D(2022, 10, 20)),
    ("They were told to surrender by June 6.", D(2023, 5, 30), "June 6", D(2023, 6, 6)),
    ("It happened on the 14th.", D(2022, 6, 20), "on the 14th", D(2022, 6, 14)),
    ("It happened on the 24th.", D(2022, 6, 20), "on the 24th", D(2022, 5, 24)),
    ("Published 1 December 2022", D(2023, 3, 1), "1 December 2022", D(2022, 12, 1)),
    ("Posted 2022-11-27 at noon", None, "2022-11-27", D(2022, 11, 27)),
])  # fmt: skip
def test_dates_month_day_takes_the_year_before_the_reference(text, reference, phrase, expected):
    span = mention(text, reference, phrase).span
    assert (span.start, span.end, span.precision) == (expected, expected, "day")


@pytest.mark.parametrize("text, reference, phrase, start, end, precision", [
    ("In June, many found their codes red.", D(2022, 7, 12), "In June", D(2022, 6, 1), D(2022, 6, 30), "month"),
    ("Prices rose in June 2022.", D(2023, 1, 1), "June 2022", D(2022, 6, 1), D(2022, 6, 30), "month"),
    ("Savers were unable to withdraw since mid-April.", D(2022, 7, 12), "since mid-April", D(2022, 4, 11), D(2022, 4, 20), "week"),
    ("In mid-2022, anger spilled into the open.", D(2024, 8, 5), "In mid-2022", D(2022, 5, 1), D(2022, 8, 31), "month"),
    ("It began in early 2022.", D(2024, 8, 5), "in early 2022", D(2022, 1, 1), D(2022, 4, 30), "month"),
    ("The rules changed in 2020.", D(2024, 8, 5), "in 2020", D(2020, 1, 1), D(2020, 12, 31), "year"),
    ("Shops stayed shut from April to June.", D(2022, 7, 12), "from April to June", D(2022, 4, 1), D(2022, 6, 30), "month"),
    ("Rice was short in the last week of October.", D(2022, 11, 2), "the last week of October", D(2022, 10, 24), D(2022, 10, 30), "week"),
])  # fmt: skip
def test_dates_month_and_year_precision_span_the_whole_period(text, reference, phrase, start, end, precision):
    span = mention(text, reference, phrase).span
    assert (span.start, span.end, span.precision) == (start, end, precision)


@pytest.mark.parametrize("text, reference, phrase, start, end", [
    ("covering 26 to 29 November 2022", D(2022, 12, 1), "26 to 29 November 2022", D(2022, 11, 26), D(2022, 11, 29)),
    ("On June 13 and 14, depositors travelled.", D(2022, 6, 22), "June 13 and 14", D(2022, 6, 13), D(2022, 6, 14)),
    ("Workers gathered on 8 and 9 June.", D(2025, 6, 24), "8 and 9 June", D(2025, 6, 8), D(2025, 6, 9)),
    ("logged 1–22 June 2025", D(2025, 6, 24), "1–22 June 2025", D(2025, 6, 1), D(2025, 6, 22)),
    ("They protested from 26 November to 2 December.", D(2022, 12, 5), "26 November to 2 December", D(2022, 11, 26), D(2022, 12, 2)),
    ("They protested between December 30 and January 2.", D(2023, 1, 5), "December 30 and January 2", D(2022, 12, 30), D(2023, 1, 2)),
    ("Three days of protests ended on October 1.", D(2022, 10, 5), "October 1", D(2022, 9, 29), D(2022, 10, 1)),
    ("People were told to stay home for five days from Friday.", D(2022, 11, 24), "Friday", D(2022, 11, 25), D(2022, 11, 29)),
    ("Over the weekend of October 29 and 30, workers left.", D(2022, 11, 2), "October 29 and 30", D(2022, 10, 29), D(2022, 10, 30)),
])  # fmt: skip
def test_dates_ranges_cover_both_ends(text, reference, phrase, start, end):
    span = mention(text, reference, phrase).span
    assert (span.start, span.end) == (start, end)


@pytest.mark.parametrize("text, reference, phrase, start, end, precision", [
    ("Posts were deleted last week.", D(2022, 7, 18), "last week", D(2022, 7, 11), D(2022, 7, 17), "week"),
    ("What happened this week:", D(2022, 11, 3), "this week", D(2022, 10, 31), D(2022, 11, 3), "week"),
    ("Crowds gathered in the last two days.", D(2022, 6, 15), "in the last two days", D(2022, 6, 13), D(2022, 6, 15), "week"),
    ("Posts spread over the past three weeks.", D(2022, 6, 22), "over the past three weeks", D(2022, 6, 1), D(2022, 6, 22), "week"),
    ("Dozens were held in the past few days.", D(2022, 6, 15), "in the past few days", D(2022, 6, 13), D(2022, 6, 15), "week"),
    ("Yesterday the father posted his account.", D(2022, 11, 3), "Yesterday", D(2022, 11, 2), D(2022, 11, 2), "day"),
    ("Today the commission published a timeline.", D(2022, 11, 3), "Today", D(2022, 11, 3), D(2022, 11, 3), "day"),
    ("Residents clashed with police last night.", D(2022, 11, 3), "last night", D(2022, 11, 2), D(2022, 11, 2), "day"),
    ("A fortnight ago none of this seemed possible.", D(2022, 12, 7), "A fortnight ago", D(2022, 11, 21), D(2022, 11, 27), "week"),
    ("Three days ago, police came.", D(2022, 12, 7), "Three days ago", D(2022, 12, 4), D(2022, 12, 4), "day"),
    ("Testing resumes from tomorrow.", D(2022, 12, 7), "tomorrow", D(2022, 12, 8), D(2022, 12, 8), "day"),
    ("Schools close next week.", D(2022, 12, 7), "next week", D(2022, 12, 12), D(2022, 12, 18), "week"),
    ("Earlier this month, prices rose.", D(2022, 12, 7), "Earlier this month", D(2022, 12, 1), D(2022, 12, 7), "month"),
])  # fmt: skip
def test_dates_relative_to_reference(text, reference, phrase, start, end, precision):
    found = mention(text, reference, phrase)
    assert (found.span.start, found.span.end, found.span.precision) == (start, end, precision)
    assert found.relative


@pytest.mark.parametrize("text, anchor, phrase, start, end", [
    ("The following day, police came.", D(2022, 7, 1), "The following day", D(2022, 7, 2), D(2022, 7, 2)),
    ("They returned the next afternoon.", D(2022, 7, 1), "the next afternoon", D(2022, 7, 2), D(2022, 7, 2)),
    ("Police arrived that night.", D(2022, 7, 1), "that night", D(2022, 7, 1), D(2022, 7, 1)),
    ("Late the same night, officials apologised.", D(2022, 7, 1), "the same night", D(2022, 7, 1), D(2022, 7, 1)),
    ("He had quarrelled with a student the night before.", D(2022, 7, 1), "the night before", D(2022, 6, 30), D(2022, 6, 30)),
    ("Two days later the order was lifted.", D(2022, 7, 1), "Two days later", D(2022, 7, 3), D(2022, 7, 3)),
    ("A few days prior, the bank froze accounts.", D(2022, 7, 1), "A few days prior", D(2022, 6, 27), D(2022, 6, 29)),
])  # fmt: skip
def test_dates_anchor_phrases_count_from_the_previous_date(text, anchor, phrase, start, end):
    span = mention(text, D(2022, 7, 10), phrase, anchor=anchor).span
    assert (span.start, span.end) == (start, end)


def test_dates_anchor_follows_dates_within_the_text():
    text = "On June 30 owners published a letter. The following day, banks replied."
    found = mention(text, D(2022, 7, 18), "The following day")
    assert found.span.start == D(2022, 7, 1)


@pytest.mark.parametrize("text, reference", [
    ("Workers struck on Friday.", D(2022, 11, 24)),
    ("The next day they returned.", D(2022, 11, 24)),
])  # fmt: skip
def test_dates_never_after_the_reference_without_a_future_cue(text, reference):
    assert all(m.span.end <= reference for m in find_dates(text, reference, "en"))


@pytest.mark.parametrize("text", [
    "You may want to march with them.",
    "The 15th floor caught fire and 27 people died.",
    "Over 1,317 depositors were given red codes.",
    "",
])  # fmt: skip
def test_dates_words_that_are_not_dates(text):
    assert find_dates(text, D(2022, 7, 1), "en") == []


def test_dates_offsets_point_into_the_text():
    text = "BEIJING — On Thursday, a man hung banners; by Thursday evening searches were blocked."
    for found in find_dates(text, D(2022, 10, 14), "en"):
        assert text[found.start : found.end] == found.text


def test_dates_explicit_dates_are_not_relative():
    found = mention("Published 1 December 2022", D(2022, 12, 1), "1 December 2022")
    assert not found.relative
