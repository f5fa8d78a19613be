"""Wordings that reports use for official responses, restrictions and acts of dissent, found missing on
held-out reports: present tenses and gerunds, promises and concessions, stay-at-home orders, account
suspensions; natural events that 'struck' are no labour strike; negated acts are no events."""

import hashlib
from datetime import date

import pytest

from undeleted.extract import ExtractContext, extract_events
from undeleted.extract.events import detect_mentions
from undeleted.models import Document
from undeleted.text.sentences import split_sentences


@pytest.fixture(scope="module")
def context() -> ExtractContext:
    return ExtractContext.load(("en", "zh"))


def types_of(text: str, language: str, context: ExtractContext) -> set[str]:
    sentences = split_sentences(text, language)
    return {mention.type for mention in detect_mentions(sentences, context.lexicons[language])}


def events_of(text: str, language: str, context: ExtractContext, published: date = date(2023, 3, 10)):
    doc = Document(doc_id=hashlib.sha256(text.strip().encode()).hexdigest(), text=text, language=language,
                   published=published, date_source="metadata")
    return extract_events(doc, context)


@pytest.mark.parametrize("sentence", [
    "The county government said on Monday it had set up a team to look into the collapse.",
    "The district pledged to pay the outstanding wages before the end of the month.",
    "Officials promised to refund the deposits within two weeks.",
    "The bureau vowed to punish anyone found responsible.",
    "The township said it would send rice and cooking oil to every family free of charge.",
    "The city announced compensation for the families of those who died.",
    "Town officials said the relocation plan had been put on hold.",
    "The construction of the chemical plant was suspended after the protest.",
    "The health commission said residents must be allowed to see a doctor without a test.",
    "The deputy mayor was sacked two days later.",
    "Two officials in charge of the camp were dismissed on Friday.",
])
def test_extract_official_response_wordings(sentence, context):
    assert "official_response" in types_of(sentence, "en", context)


@pytest.mark.parametrize("sentence", [
    "The town has been locked down since March 3, and shops are shut.",
    "On Sunday the prefecture imposed a lockdown on its four districts.",
    "Officials ordered all residents of the county to stay at home from Tuesday.",
    "Police sealed off the village after the first cases were found.",
    "The education bureau suspended classes at every primary school in the district.",
    "The city closed all schools and markets on Thursday.",
])
def test_extract_restriction_wordings(sentence, context):
    assert "restriction" in types_of(sentence, "en", context)


@pytest.mark.parametrize("sentence", [
    "The barriers, used to seal off the lanes, stood there for weeks.",
    "A magnitude 6.1 earthquake struck the county on Monday.",
    "A typhoon struck the coast overnight, cutting power to thousands of homes.",
])
def test_extract_descriptions_and_natural_events_are_no_restriction_or_strike(sentence, context):
    found = types_of(sentence, "en", context)
    assert "restriction" not in found and "strike" not in found


@pytest.mark.parametrize("sentence, expected", [
    ("In the clip, tenants push open a chained gate and run into the road.", "defiance"),
    ("Villagers spent an hour breaking open the locked door of the clinic.", "defiance"),
    ("Residents are seen pulling down the fences around their block.", "defiance"),
    ("Guards push the crowd and residents shove back.", "clash"),
    ("Workers threw bottles and helmets at the security guards.", "clash"),
    ("Dozens of homeowners handed a joint letter to the housing bureau on Monday.", "petition"),
    ("The drivers submitted a complaint to the transport office.", "petition"),
    ("Sanitation workers struck for two days over unpaid wages.", "strike"),
    ("Weibo said it had suspended more than 800 accounts for spreading the video.", "censorship"),
    ("She described the ordeal in a post that was read a million times before it was removed.", "censorship"),
    ("His account of the beating was shared more than 50,000 times on Weibo.", "online_dissent"),
    ("A journalist said she was followed by plain-clothes officers in the town.", "repression"),
    ("Hundreds of travellers were stranded at the railway station.", "hardship"),
    ("Many cleaners said they could no longer pay the rent.", "hardship"),
])
def test_extract_verb_forms(sentence, expected, context):
    assert expected in types_of(sentence, "en", context)
