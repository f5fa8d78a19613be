"""Sentence-level event detection: hand-checked English sentences per type, and sentences that add nothing."""

import pytest

from undeleted.extract.events import detect_mentions
from undeleted.extract.lexicon import Lexicon
from undeleted.text.sentences import split_sentences


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load("en")


def types_of(text: str, lexicon: Lexicon) -> set[str]:
    return {mention.type for mention in detect_mentions(split_sentences(text, "en"), lexicon)}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ('Residents gathered at the gate of their community on Monday, chanting "unblock".', "protest"),
        ("Hundreds of retirees protested outside the city government on Wednesday.", "protest"),
        ("A man hung two banners from a bridge in Haidian district.", "protest"),
        ("Workers clashed with riot police at the factory gate.", "clash"),
        ("The election office disqualified four pro-democracy candidates on Friday.", "repression"),
        ("Hundreds of casino dealers called in sick on Saturday over pay.", "strike"),
        ("The poet is still serving an eleven-year sentence in a Sichuan prison.", "repression"),
        ("Officers and protesters were seen pushing and shoving.", "clash"),
        ("Residents tore down the fences around their compound.", "defiance"),
        ("Many climbed over fences at night and set off for home.", "defiance"),
        ("Some residents fled the subdivision before the lockdown.", "defiance"),
        ("More than a hundred workers went on strike over unpaid wages.", "strike"),
        ("Warehouse staff struck on 18 and 19 June.", "strike"),
        ("Buyers published an open letter to the developer and the banks.", "petition"),
        ("Residents tried to negotiate with anti-epidemic workers.", "petition"),
        ("Yesterday the father posted his account on Weibo.", "online_dissent"),
        ("Hundreds of depositors posted screenshots of their red codes on Weibo.", "online_dissent"),
        ("The district went into a seven-day lockdown at noon.", "restriction"),
        ("People in eight districts have been told to stay home for five days.", "restriction"),
        ("Officials said the lockdown would be eased in stages.", "relaxation"),
        ("The city was unblocked in June.", "relaxation"),
        ("Police arrested a dozen people on Tuesday.", "repression"),
        ("The woman was given ten days of administrative detention.", "repression"),
        ("Their health codes turned red when they scanned a venue code.", "repression"),
        ("Dozens of officers raided a house church in Chengdu during its Sunday meeting.", "repression"),
        ("State security agents took away lawyer Chen Wu from his office.", "repression"),
        ("Some 500 workers blocked the highway and were met by as many riot police.", "repression"),
        ("Dozens of special police were deployed to the factory gate that night.", "repression"),
        ("Posts about the protest were deleted within hours.", "censorship"),
        ("The hashtags were taken offline on Monday.", "censorship"),
        ("The mayor apologised for failures in the city's response.", "official_response"),
        ("The county set up an investigation team.", "official_response"),
        ("Township officials came out and promised to handle the land dispute fairly.", "official_response"),
        ("Police in the city denied that any workers had been beaten.", "official_response"),
        ("The man hanged himself by the community gate the following day.", "death"),
        ("Ten people died in the fire.", "death"),
        ("A 93-year-old was prevented from getting medicine at the hospital.", "hardship"),
        ("Workers in quarantine were given little more than bread and instant noodles.", "hardship"),
    ],
)
def test_extract_trigger_gives_type(sentence, expected, lexicon):
    assert expected in types_of(sentence, lexicon)


@pytest.mark.parametrize(
    "sentence",
    [
        "Gatherings against COVID controls were reported in at least a dozen cities.",
        "Residents of many sub-districts protested.",
        "Analysts warn that if the boycotts spread, banks could see more protests.",
        "Guangzhou reported more than 5,000 new infections on Tuesday.",
        '"Why are we treated like criminals?" said a depositor who protested.',
        "Sign up to receive our latest news!",
        "The doctor who signed the death certificate lost his licence.",
        "Neighbours brought flowers for the families of the dead.",
        "In the video a man shouts: “Run! They will arrest you all!”",
        "We use cookies to personalise content. By continuing to browse you agree to our cookie policy.",
        "Officers did not say whether anyone had been arrested.",
        "It is unclear how many of the drivers were detained.",
        "Rumours of a death in the crush could not be independently verified.",
        "The territory has been gripped by four months of protests against the bill.",
        "Construction workers tend to protest just before the Spring Festival.",
        "These accounts rest on footage gathered by volunteers in three provinces.",
        "Please write to the provincial governor, urging him to release the detained workers.",
        "The villagers chose five representatives to negotiate over the farmland.",
        "The lawyer had been detained several times for helping petitioners.",
        "Whenever a factory closes, workers would gather at the gate to demand their wages.",
        "Bus drivers remain among the most strike-prone workers in the country.",
    ],
)
def test_extract_non_event_sentence_gives_nothing(sentence, lexicon):
    assert types_of(sentence, lexicon) == set()


@pytest.mark.parametrize(
    "text",
    [
        "THE OVERLAND POST | Opinion\n\nPensioners protested in many cities. The views expressed are the author's own.",
        "Lantern Wire — Analysis\n\nIn mid-2022, anger spilled into the open and buyers protested.",
        "Analysis: Why pensions run short in the northeast\n\nEvery winter retirees gather outside offices.",
    ],
)
def test_extract_commentary_is_recognised(text, lexicon):
    from undeleted.extract import is_commentary

    assert is_commentary(text, lexicon)


def test_a_netizen_comment_that_closes_a_post_roundup_is_no_editorial_label(context):
    """「评论：」 heads an editorial; 「另一网友评论：」 closing a roundup of posts is one more post."""
    from undeleted.extract import is_commentary

    roundup = "网友“七里河打工人”（10月2日）：今天我们小区门口聚了一大堆人。\n\n另一网友评论：闹一闹就放了。"
    assert not is_commentary(roundup, context.lexicons["zh"])
    assert is_commentary("评论：封控不能一刀切\n\n近日多地出现聚集。", context.lexicons["zh"])


def test_days_of_protest_at_a_site_are_an_event_not_a_sum(lexicon):
    assert "protest" in types_of("After three days of protests at the park, the order was lifted.", lexicon)
