"""extract_events end to end on hand-made reports: episodes, sites, summaries, hedges, boilerplate."""

from datetime import date

import pytest

from undeleted.extract import ExtractContext, extract_events
from undeleted.models import Document, Event

from tests.extraction import events_of


def run(context: ExtractContext, text: str, published: date | None = date(2022, 11, 30)) -> list[Event]:
    return extract_events(Document(text=text, published=published, language="en"), context)


def kinds(events: list[Event]) -> list[str]:
    return sorted(event.type for event in events)


def test_extract_one_episode_over_several_sentences_is_one_event(context):
    text = (
        "On Monday, hundreds of residents gathered at the gate of a compound in Lanzhou's Qilihe district. "
        'They chanted "unblock" and put up banners. Some shouted slogans against testing.'
    )
    events = run(context, text)
    assert kinds(events) == ["protest"]
    assert events[0].location.adcode and events[0].location.adcode.startswith("6201")
    assert {"gathering", "chanting", "banners"} <= set(events[0].tactics)
    assert events[0].participants.size == "hundreds"


def test_extract_mixed_episode_gives_one_event_per_type(context):
    text = (
        "On Tuesday, workers gathered at the factory in Zhengzhou and clashed with police. "
        "Police arrested a dozen of them."
    )
    assert kinds(run(context, text)) == ["clash", "protest", "repression"]


def test_extract_two_named_places_are_two_events(context):
    text = (
        "On Wednesday, hundreds of retirees protested outside Zhongshan Park in Wuhan. "
        "In Dalian, hundreds gathered in People's Square on Wednesday, chanting for their money back."
    )
    events = run(context, text, date(2023, 2, 16))
    assert kinds(events) == ["protest", "protest"]
    assert {event.location.adcode[:4] for event in events if event.location.adcode} == {"4201", "2102"}


def test_extract_summary_and_boilerplate_give_nothing(context):
    text = (
        "Gatherings against COVID controls were reported in at least a dozen cities.\n\n"
        "Sign up to receive our latest news! We use cookies. © 2022 Example News. All rights reserved."
    )
    assert run(context, text) == []


def test_extract_opinion_piece_gives_nothing(context):
    text = (
        "THE OVERLAND POST | Opinion\n\nRetirees protested in Wuhan and were detained by police.\n\n"
        "The views expressed are the author's own."
    )
    assert run(context, text) == []


@pytest.mark.parametrize(
    "sentence, credibility",
    [
        ("On Monday, videos of the protest in Guangzhou were reportedly scrubbed within hours.", "alleged"),
        (
            "An activist said more than 30 people were detained in Tonghai on Saturday, a claim we could not verify.",
            "unverified",
        ),
        ("On Monday, residents gathered at a compound gate in Guangzhou.", "reported"),
    ],
)
def test_extract_hedges_set_credibility(context, sentence, credibility):
    events = run(context, sentence)
    assert events and {event.credibility for event in events} == {credibility}


def test_extract_every_event_has_evidence_inside_the_text(context):
    text = "On Friday night, hundreds of residents in Urumqi walked to the city government offices, chanting."
    events = run(context, text)
    assert events
    for event in events:
        assert event.evidence
        for evidence in event.evidence:
            assert 0 <= evidence.start < evidence.end <= len(text)


def test_extract_relative_date_resolves_against_publication(context):
    events = run(context, "On Tuesday, police detained three workers in Dongguan.", date(2022, 10, 6))
    assert [(event.type, event.date_start) for event in events] == [("repression", date(2022, 10, 4))]


def test_extract_events_abroad_are_dropped(context):
    assert run(context, "On Tuesday, hundreds of people protested in Paris, France.") == []


def test_extract_unknown_language_gives_nothing(context):
    doc = Document(text="Des centaines de personnes ont manifesté mardi.", language="fr")
    assert isinstance(extract_events(doc, context), list)


def test_extract_police_and_government_statements_on_one_day_are_two_events(context):
    text = (
        "On Tuesday, hundreds of villagers blocked a highway in Jinjiang over land taken for a chemical plant. "
        "On Wednesday, Jinjiang police said in a statement that they were investigating the blockade. "
        "The city government said on Wednesday that the plant's construction had been suspended."
    )
    responses = [event for event in run(context, text) if event.type == "official_response"]
    assert len(responses) == 2
    assert {event.actors[0].kind for event in responses} == {"police", "government"}


@pytest.mark.parametrize(
    "text, language",
    [
        (
            "On Thursday, Pingliang city officials announced that two county officials had been suspended over "
            "the crash. Also on Thursday, the Ministry of Education said it had sent a team to investigate the crash.",
            "en",
        ),
        ("11月17日，平凉市政府宣布对两名县领导停职检查。同日，县检察院通报称已就此事立案调查。", "zh"),
        (  # two central bodies, each by its name
            "On Friday the Liaison Office in Hong Kong said the attack on the cleaner was absolutely unacceptable. "
            "The same day the Foreign Ministry strongly condemned the attack.",
            "en",
        ),
    ],
)
def test_extract_a_court_or_ministry_responding_on_the_same_day_is_another_response(context, text, language):
    events = events_of(text, language, context, date(2011, 11, 21))
    assert [event.type for event in events].count("official_response") == 2


def test_extract_one_body_speaking_twice_is_one_response(context):
    text = (
        "On Wednesday, Jinjiang police said in a statement that they were investigating the blockade. "
        "Police also announced that two men had been released."
    )
    responses = [event for event in run(context, text) if event.type == "official_response"]
    assert len(responses) == 1


def test_extract_acts_at_two_sites_in_one_sentence_are_two_events(context):
    text = (
        "On Monday, protesters smashed the windows of Sha Tin Station and later set fires inside Tai Wai Station, "
        "the railway operator said."
    )
    protests = [event for event in run(context, text, date(2019, 11, 12)) if event.type == "protest"]
    assert sorted(event.location.place for event in protests) == ["Sha Tin Station", "Tai Wai Station"]


@pytest.mark.parametrize(
    "text, published, event_type, count",
    [
        (  # a site inside a longer clause is not a second event
            "On Monday, about 40 workers owed two months of wages and promised payment last week marched from "
            "the Hengli Factory to the Dongcheng Town government.",
            date(2019, 11, 12),
            "protest",
            1,
        ),
        (  # a separate case on the same day is its own event
            "A Hong Kong court jailed a 30-year-old cook for ten months on Tuesday for posting seditious slogans.\n\n"
            "The magistrate said the posts were meant to stir hatred against the government.\n\n"
            "In a separate case on the same day, the court jailed a student for six months for sedition.",
            date(2024, 9, 18),
            "repression",
            2,
        ),
    ],
)
def test_extract_how_many_events_a_report_tells(context, text, published, event_type, count):
    assert [event.type for event in run(context, text, published)].count(event_type) == count


def test_extract_an_explainer_telling_no_place_or_time_gives_no_event(context):
    """SCHEMA: general trends without place or time are not events; an article, not a post, tells them."""
    text = (
        "What the charge of 'picking quarrels' means\n\n"
        "Few charges are as elastic as picking quarrels and provoking trouble.\n\n"
        "Rights groups say almost any public complaint, from holding a banner to posting online, can be "
        "punished under it, and police often detain petitioners on this charge.\n\n"
        "Lawyers say the courts rarely acquit."
    )
    assert run(context, text, date(2022, 2, 20)) == []


def test_extract_a_post_without_place_or_date_still_tells_its_event(context):
    text = "不想过生日，结果下午小区被封了，在家哪也去不了。"
    doc = Document(text=text, language="zh", published=date(2022, 5, 2), date_source="metadata")
    events = extract_events(doc, context)
    assert [event.type for event in events] == ["restriction"]
    assert events[0].date_start == date(2022, 5, 2)


CRIME_ANSWERED = [
    "3月2日，南宁警方当天抓获持刀伤人案犯罪嫌疑人吴某某。",
    "On 2 March Nanning police detained the attacker after the knife attack.",
]
DISSENT_REPRESSED = [
    "3月2日，南宁警方以寻衅滋事罪刑事拘留了维权人士吴某某。",
    "On 2 March police in Nanning detained three protesters outside the city hall.",
]


@pytest.mark.parametrize(
    "text, expected",
    [(text, "official_response") for text in CRIME_ANSWERED]
    + [(text, "repression") for text in DISSENT_REPRESSED],
)
def test_extract_police_holding_the_author_of_a_crime_respond_to_it(text, expected, context):
    """Holding the author of an ordinary crime answers the crime; holding protesters represses them."""
    language = "en" if text.isascii() else "zh"
    types = {event.type for event in events_of(text, language, context, date(2024, 3, 4))}
    assert expected in types and types & {"official_response", "repression"} == {expected}
