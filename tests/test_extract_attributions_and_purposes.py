"""Error classes found on reports written apart from the gold: attributions, purposes, a death noun in
another event's sentence, missed repression and hardship, crowds that are not people, odd attributes."""

import pytest

from undeleted.extract.lexicon import Lexicon

from extraction import events_of, types_of


@pytest.mark.parametrize(
    "sentence, language",
    [
        ("Workers pushed over the barriers at the depot gate, according to clips shared on Douyin.", "en"),
        ("Riot police lined the square on Friday, a video posted on Weibo shows.", "en"),
        ("Villagers blocked the highway on Sunday, according to several posts on WeChat.", "en"),
        ("Guards dragged two men away, footage that the BBC verified shows.", "en"),
        ("Another clip was posted on Twitter account Lin on May 3.", "en"),
        ("据网传视频显示，数十名工人在厂门口与保安发生推搡。", "zh"),
    ],
)
def test_extract_attribution_is_no_online_dissent(sentence, language, context):
    assert "online_dissent" not in types_of(sentence, language, context)


@pytest.mark.parametrize(
    "sentence, language, absent, present",
    [
        (
            "Homeowners were given yellow codes to stop them from gathering at the sales office.",
            "en",
            "protest",
            "repression",
        ),
        (
            "Officials put up barriers to prevent villagers from marching to the county town.",
            "en",
            "protest",
            None,
        ),
        ("Students were barred from holding a vigil on campus.", "en", "protest", None),
        ("Police sealed the gate so that the workers could not protest outside.", "en", "protest", None),
        ("警方给储户赋红码，以防止他们到省城聚集维权。", "zh", "protest", "repression"),
        (
            "Police detained staff of three centres that help factory workers negotiate with their employers.",
            "en",
            "petition",
            "repression",
        ),
    ],
)
def test_extract_purpose_is_not_the_act(sentence, language, absent, present, context):
    found = types_of(sentence, language, context)
    assert absent not in found
    if present:
        assert present in found


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Hundreds of villagers marched to the township office on Monday, demanding answers about his death.",
            {"protest"},
        ),
        ("A retired teacher died after being refused treatment at the county hospital.", {"death"}),
    ],
)
def test_extract_death_noun_follows_the_act(sentence, expected, context):
    assert types_of(sentence, "en", context) & {"death", "protest"} == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Officers came back after midnight and took away five villagers.", "repression"),
        ("Two of the drivers were taken to a police station, and one was later released.", "repression"),
        ("Several students were kicked and punched by plain-clothes men.", "repression"),
        (
            "A man with kidney failure was turned away from the hospital because his test had expired.",
            "hardship",
        ),
        ("She miscarried in a taxi after being kept waiting at the clinic gate.", "hardship"),
        ("Families in the compound said they had run out of food after ten days.", "hardship"),
        ("A retired worker gave a speech at the square criticising the pension cuts.", "protest"),
    ],
)
def test_extract_acts_found(sentence, expected, context):
    assert expected in types_of(sentence, "en", context)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("12月3日，一名女子在小区门口发表演讲，批评物业乱收费。", "protest"),
        ("民警要把他带上警车，周围的村民冲上前去把他抢了回来。", "clash"),
    ],
)
def test_extract_zh_acts_found(sentence, expected, context):
    assert expected in types_of(sentence, "zh", context)


@pytest.mark.parametrize(
    "text, event_type, size",
    [
        (
            "On March 8, hundreds of trucks blocked the road outside the port office in Qinzhou, Guangxi.",
            "protest",
            "unknown",
        ),
        (
            "An explosion at a chemical plant in Yancheng, Jiangsu, killed 15 people on March 8.",
            "death",
            "unknown",
        ),
        (
            "In Linyi, Shandong, officers detained three protesters on March 8 after dozens of residents had "
            "gathered.",
            "repression",
            "small",
        ),
    ],
)
def test_extract_crowds_are_people_of_the_act(text, event_type, size, context):
    found = [event for event in events_of(text, "en", context) if event.type == event_type]
    assert found and found[0].participants.size == size


@pytest.mark.parametrize(
    "text, event_type, attribute, value",
    [
        (
            "Dozens of taxi drivers blocked the road outside the transport bureau in Wenzhou, Zhejiang, on March 8.",
            "protest",
            "state_response",
            "censorship",
        ),
        (
            "Residents of a compound in Dandong, Liaoning, tore down the fences on March 8 and said they were "
            "running out of food.",
            "defiance",
            "tactics",
            "fleeing",
        ),
        (
            "Workers at a factory in Dongguan, Guangdong, went on strike on March 8, according to posts on Weibo.",
            "strike",
            "tactics",
            "online_post",
        ),
    ],
)
def test_extract_no_odd_attributes(text, event_type, attribute, value, context):
    found = [event for event in events_of(text, "en", context) if event.type == event_type]
    assert found and value not in getattr(found[0], attribute)


@pytest.mark.parametrize(
    "text, blanked, kept",
    [
        (
            "Several were detained, according to videos shared on Douyin.",
            "videos shared on Douyin",
            "detained",
        ),
        ("Residents were banned from protesting outside the office.", "protesting", "banned from"),
    ],
)
def test_extract_masks_keep_offsets(text, blanked, kept):
    masked = Lexicon.load("en").masked(text)
    assert len(masked) == len(text)
    assert blanked not in masked and kept in masked
