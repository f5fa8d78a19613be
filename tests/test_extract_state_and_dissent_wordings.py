"""Wordings that reports use for official responses, restrictions and acts of dissent, found missing on
held-out reports: present tenses and gerunds, promises and concessions, stay-at-home orders, account
suspensions; natural events that 'struck' are no labour strike; negated acts are no events."""

import pytest

from extraction import events_of, types_of


@pytest.mark.parametrize(
    "sentence",
    [
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
    ],
)
def test_extract_official_response_wordings(sentence, context):
    assert "official_response" in types_of(sentence, "en", context)


@pytest.mark.parametrize(
    "sentence",
    [
        "The town has been locked down since March 3, and shops are shut.",
        "On Sunday the prefecture imposed a lockdown on its four districts.",
        "Officials ordered all residents of the county to stay at home from Tuesday.",
        "Police sealed off the village after the first cases were found.",
        "The education bureau suspended classes at every primary school in the district.",
        "The city closed all schools and markets on Thursday.",
    ],
)
def test_extract_restriction_wordings(sentence, context):
    assert "restriction" in types_of(sentence, "en", context)


@pytest.mark.parametrize(
    "sentence",
    [
        "The barriers, used to seal off the lanes, stood there for weeks.",
        "A magnitude 6.1 earthquake struck the county on Monday.",
        "A typhoon struck the coast overnight, cutting power to thousands of homes.",
    ],
)
def test_extract_descriptions_and_natural_events_are_no_restriction_or_strike(sentence, context):
    found = types_of(sentence, "en", context)
    assert "restriction" not in found and "strike" not in found


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("In the clip, tenants push open a chained gate and run into the road.", "defiance"),
        ("Villagers spent an hour breaking open the locked door of the clinic.", "defiance"),
        ("Residents are seen pulling down the fences around their block.", "defiance"),
        ("Guards push the crowd and residents shove back.", "clash"),
        ("Workers threw bottles and helmets at the security guards.", "clash"),
        ("Dozens of homeowners handed a joint letter to the housing bureau on Monday.", "petition"),
        ("The drivers submitted a complaint to the transport office.", "petition"),
        ("Sanitation workers struck for two days over unpaid wages.", "strike"),
        ("Weibo said it had suspended more than 800 accounts for spreading the video.", "censorship"),
        (
            "She described the ordeal in a post that was read a million times before it was removed.",
            "censorship",
        ),
        ("His account of the beating was shared more than 50,000 times on Weibo.", "online_dissent"),
        ("A journalist said she was followed by plain-clothes officers in the town.", "repression"),
        ("Hundreds of travellers were stranded at the railway station.", "hardship"),
        ("Many cleaners said they could no longer pay the rent.", "hardship"),
    ],
)
def test_extract_verb_forms(sentence, expected, context):
    assert expected in types_of(sentence, "en", context)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("区教育局责成涉事学校三日内退还多收的费用。", "official_response"),
        ("市场监管局约谈了涉事企业负责人。", "official_response"),
        ("县委书记被免职，另有两名干部被停职。", "official_response"),
        ("省里已成立联合调查组，赶赴现场。", "official_response"),
        ("全市中小学自明日起停课，改为线上教学。", "restriction"),
        ("该街道当晚起实行封闭管理。", "restriction"),
        ("村民把村口的铁皮围挡推倒后走上公路。", "defiance"),
        ("几名年轻人将小区大门的封条撕掉。", "defiance"),
        ("数千名旅客滞留火车站，无法返乡。", "hardship"),
    ],
)
def test_extract_zh_wordings(sentence, expected, context):
    assert expected in types_of(sentence, "zh", context)


@pytest.mark.parametrize(
    "sentence, language, absent",
    [
        ("有网友称警察到场后并未带走任何人。", "zh", "repression"),
        ("平台方面表示没有删除相关视频。", "zh", "censorship"),
        ("居民要求物业拆除围挡。", "zh", "defiance"),
        ("该小区自11月3日起被封控。", "zh", "censorship"),
        ("员工说入职时承诺的补贴没有兑现。", "zh", "official_response"),
        ("Police at the scene did not detain anyone, a witness said.", "en", "repression"),
        ("The company said it had not deleted any of the posts.", "en", "censorship"),
    ],
)
def test_extract_negated_and_demanded_acts_are_no_events(sentence, language, absent, context):
    assert absent not in types_of(sentence, language, context)


@pytest.mark.parametrize(
    "text, language, expected",
    [
        (
            "Fire kills six in Xingtai\n\nA fire at a warehouse in Xingtai, Hebei, killed six workers on Monday. "
            "The Hebei provincial government said on Tuesday that it had set up a team to investigate the fire.",
            "en",
            "130000",
        ),
        (
            "邢台仓库火灾\n\n3月6日，河北省邢台市一仓库发生火灾，造成6人死亡。3月7日，邢台市委宣传部发布通报致歉。"
            "同日，河北省成立事故调查组，对起火原因展开调查。",
            "zh",
            "130000",
        ),
    ],
)
def test_extract_provincial_body_acts_at_the_province(text, language, expected, context):
    seats = {
        event.location.adcode
        for event in events_of(text, language, context)
        if event.type == "official_response"
    }
    assert expected in seats


def test_extract_city_and_province_acts_are_two_events(context):
    text = (
        "邢台仓库火灾\n\n3月6日，河北省邢台市一仓库发生火灾，造成6人死亡。3月7日，邢台市委宣传部发布通报致歉。"
        "同日，河北省成立事故调查组，对起火原因展开调查。"
    )
    seats = sorted(
        event.location.adcode for event in events_of(text, "zh", context) if event.type == "official_response"
    )
    assert seats == ["130000", "130500"]


def test_extract_origin_of_a_traveller_is_not_the_place(context):
    text = "三亚游客滞留\n\n8月7日，三亚宣布全域静态管理。一名来自上海的游客在小红书上发布视频，称自己在三亚机场滞留了一整夜。"
    places = {event.location.adcode for event in events_of(text, "zh", context)}
    assert "310000" not in places


@pytest.mark.parametrize(
    "sentence",
    [
        "By the evening the barriers around the estate had been taken down.",
        "Officials said the seals on the building's doors were removed on Thursday.",
    ],
)
def test_extract_passive_removal_of_seals_is_relaxation(sentence, context):
    assert "relaxation" in types_of(sentence, "en", context)
