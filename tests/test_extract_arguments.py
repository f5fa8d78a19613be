"""Event arguments from text: participants, casualties, hashtags, credibility, sources, summary."""

from datetime import date

import pytest

from undeleted.extract.credibility import find_credibility
from undeleted.extract.hashtags import find_hashtags, make_hashtag
from undeleted.extract.lexicon import Lexicon
from undeleted.extract.participants import find_casualties, find_participants
from undeleted.extract.sources import find_sources
from undeleted.extract.summary import MAX_LENGTH, summarize
from undeleted.extract.tactics import find_grievances, find_state_response, find_tactics


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load("en")


@pytest.mark.parametrize(
    "text, low, high, size",
    [
        ("A box with the test samples of 186 residents was left by the road.", 186, 186, "hundreds"),
        ("About 300 protesters gathered at the gate.", 300, 300, "hundreds"),
        ("A participant put the crowd at 200 to 300 at its peak.", 200, 300, "hundreds"),
        ("Tens of thousands of people marched.", None, None, "thousands"),
        ("Hundreds of residents walked to the city government offices.", None, None, "hundreds"),
        ("A large number of residents gathered inside the gate.", None, None, "dozens"),
        ("Dozens of workers blocked the road.", None, None, "dozens"),
        ("Well over a thousand depositors filled the steps.", 1000, None, "thousands"),
        ("More than 30 people were detained.", 30, None, "dozens"),
        ("A man unfurled two banners from the overpass.", 1, 1, "individual"),
        ("The weather was cold.", None, None, "unknown"),
    ],
)
def test_extract_participants_from_numbers_and_words(text, low, high, size, lexicon):
    participants = find_participants(text, lexicon)
    assert (participants.min, participants.max, participants.size) == (low, high, size)


@pytest.mark.parametrize(
    "text, fatalities, injuries",
    [
        ("The fire service said ten people died and nine were injured.", 10, 9),
        ("Twenty-seven people died and 20 were injured.", 27, 20),
        ("Several depositors said they had been hurt.", 0, None),
        ("Residents gathered at the gate.", 0, 0),
    ],
)
def test_extract_casualties(text, fatalities, injuries):
    assert find_casualties(text) == (fatalities, injuries)


@pytest.mark.parametrize(
    "text, tags",
    [
        (
            "Hashtags (such as #丹东白血病男孩#, #辽宁丹东一白血病男孩归家受阻#) were taken offline.",
            ["#丹东白血病男孩#", "#辽宁丹东一白血病男孩归家受阻#"],
        ),
        ("Meanwhile the city is heading back into lockdown. #Foxconn #Zhengzhou", ["#Foxconn", "#Zhengzhou"]),
        ("No tags here, only a price of 5# and an &#160; entity.", []),
    ],
)
def test_extract_hashtags_found(text, tags):
    assert [tag for _, _, tag in find_hashtags(text)] == tags


@pytest.mark.parametrize(
    "sentence, when, status, status_date",
    [
        (
            "Hashtags like #丹东白血病男孩# were also taken offline on Monday, July 4th.",
            date(2022, 7, 4),
            "removed",
            date(2022, 7, 4),
        ),
        (
            "The topic #兰州3岁男孩# has been read hundreds of millions of times.",
            date(2022, 11, 2),
            "active",
            date(2022, 11, 2),
        ),
        ("Residents discussed it under #ZeroCovid.", None, "unknown", None),
    ],
)
def test_extract_hashtag_status(sentence, when, status, status_date, lexicon):
    tag = find_hashtags(sentence)[0][2]
    hashtag = make_hashtag(tag, sentence, lexicon, when)
    assert (hashtag.status, hashtag.status_date) == (status, status_date)


@pytest.mark.parametrize(
    "event_type, text, level",
    [
        ("protest", "Residents gathered at the gate.", "reported"),
        ("censorship", "Videos of the protests were reportedly scrubbed within hours.", "alleged"),
        ("defiance", "Videos appeared to show crowds pushing over barriers.", "alleged"),
        (
            "repression",
            "Rights groups say police detained a relative, a claim we could not verify.",
            "unverified",
        ),
        (
            "repression",
            "The clips, which we were not able to independently verify, show arrests.",
            "unverified",
        ),
        ("official_response", "In a statement, the county said an investigation had begun.", "confirmed"),
        ("death", "The local fire service said ten people died.", "confirmed"),
    ],
)
def test_extract_credibility_from_hedges(event_type, text, level, lexicon):
    assert find_credibility(event_type, text, lexicon) == level


@pytest.mark.parametrize(
    "text, sources",
    [
        ("According to Sound of Hope, the lockdown order was over on October 1.", ["Sound of Hope"]),
        ("Another video was posted on Twitter account Martin on October 2.", ["Martin"]),
        ("Hundreds chanted, according to footage verified by Reuters.", ["Reuters"]),
        ("Residents gathered at the gate.", []),
    ],
)
def test_extract_cited_sources(text, sources, lexicon):
    assert find_sources(text, lexicon) == sources


@pytest.mark.parametrize(
    "event_type, text, field, expected",
    [
        (
            "protest",
            "Residents gathered at the gate chanting slogans and put up banners.",
            "tactics",
            {"gathering", "chanting", "banners"},
        ),
        ("defiance", "Residents tore down the fences.", "tactics", {"breaking_barriers"}),
        (
            "protest",
            "They chanted against nucleic acid testing and the lockdown.",
            "grievances",
            {"testing", "lockdown"},
        ),
        ("repression", "Police arrested two men and beat a woman.", "state_response", {"arrest", "violence"}),
        (
            "official_response",
            "The mayor apologised and promised an investigation.",
            "state_response",
            {"apology", "investigation", "concession"},
        ),
        ("censorship", "Posts were deleted.", "state_response", {"censorship"}),
        ("restriction", "The city went into lockdown.", "tactics", set()),
    ],
)
def test_extract_closed_vocabulary_labels(event_type, text, field, expected, lexicon):
    finder = {"tactics": find_tactics, "grievances": find_grievances, "state_response": find_state_response}
    assert set(finder[field](event_type, text, lexicon)) == expected


@pytest.mark.parametrize(
    "sentence, expected_start",
    [
        ("1. On Tuesday a boy died.", "On Tuesday a boy died."),
        ("and residents gathered.", "And residents gathered."),
        ("word " * 300, "Word word"),
    ],
)
def test_extract_summary_is_one_short_sentence(sentence, expected_start):
    summary = summarize(sentence)
    assert summary.startswith(expected_start) and len(summary) <= MAX_LENGTH
