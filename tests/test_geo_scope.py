"""The scope decision: which country a report is about, from all its places and names, before any event
is placed; reports about other countries yield no events. Reports written for this test."""

from datetime import date

import pytest

from undeleted.geo import Gazetteer, decide_scope, find_countries

from tests.extraction import events_of

ABROAD = [
    (  # 吉隆坡 holds 吉隆, a Tibetan county's bare name that places nothing
        """吉隆坡數萬人集會要求選舉改革 警方施放催淚彈

【本報吉隆坡10日電】數萬名民眾週六在吉隆坡市中心集會，要求清理選民名冊，警方發射催淚彈和水炮驅散人群，逮捕逾千人。""",
        "zh",
        "MY",
    ),
    (
        """Hundreds rally in Bishkek over border deal

Members of the Kashgar Solidarity Youth Union gathered outside parliament in Bishkek on Tuesday, chanting
against the border agreement. Kyrgyz police detained twelve protesters.""",
        "en",
        "KG",
    ),
    (
        """KATHMANDU, March 3 - Students of the Hotan Road campus marched through Kathmandu on Monday to demand
cheaper fuel. Nepali police used batons to disperse them near the parliament.""",
        "en",
        "NP",
    ),
    (
        """Ulaanbaatar coal drivers block roads

Truck drivers in Ulaanbaatar blocked the main avenue for a second day, saying Mongolian officials had
ignored their demands over fuel prices.""",
        "en",
        "MN",
    ),
    (
        """Nepali youths rally against China over border posts

Hundreds of students from the Altay Youth Forum marched on Tuesday, accusing China of moving border posts in
Humla and chanting against Chinese encroachment. Police detained 14 protesters near the Chinese embassy.""",
        "en",
        "NP",
    ),
    (
        """尼泊尔首都加德满都周一爆发抗议，数千名青年聚集在议会外，要求政府下台。警方发射催泪弹驱散人群。""",
        "zh",
        "NP",
    ),
    (  # a two-character Chinese country name (苏丹, 巴西, 秘鲁) names its country too
        """秘鲁抗议者周四封锁南部公路

秘鲁南部多地示威者周四继续封锁公路，要求总统辞职。秘鲁警方称，冲突中有两人死亡、数十人受伤。""",
        "zh",
        "PE",
    ),
    (  # named only by its cities: a large city or a capital names its country
        """KARACHI, May 10 - Police fired tear gas at thousands of opposition supporters in Karachi and Lahore on
Tuesday after their leader was arrested; at least four people died in the clashes.""",
        "en",
        "PK",
    ),
]
AT_HOME = [
    (
        """Residents of a compound in Zhengzhou protested on Tuesday against a lockdown. A US embassy
statement said American citizens in the city should stock up on food.""",
        "en",
        "CN",
    ),
    (
        """Thousands marched in Hong Kong on Sunday against the bill, while smaller solidarity rallies were held
in London and Sydney.""",
        "en",
        "HK",
    ),
    ("""内蒙古呼和浩特市一小区居民周二聚集抗议封控。""", "zh", "CN"),
    (  # a country named in passing (美国之音, 日本) does not outweigh the Chinese places
        """据美国之音报道，广东东莞一家日本电子厂的数百名工人周一罢工，抗议工厂迁往越南却不给补偿。""",
        "zh",
        "CN",
    ),
    ("""辽宁黑山县数十名村民周三到县政府门前聚集，反对征地。""", "zh", "CN"),  # 黑山 is also Montenegro
    (  # Victoria Park is in Hong Kong, not in the Seychelles' capital
        """Tens of thousands gathered in Victoria Park on Sunday evening for the vigil, defying the police.""",
        "en",
        "HK",
    ),
]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_package()


@pytest.mark.parametrize("text, language, country", ABROAD)
def test_report_about_another_country_is_out_of_scope(text, language, country, gazetteer):
    scope = decide_scope(text, None, language, gazetteer)
    assert scope.countries[0] == country
    assert not scope.in_scope


@pytest.mark.parametrize("text, language, country", ABROAD)
def test_report_about_another_country_yields_no_events(text, language, country, context):
    assert events_of(text, language, context, date(2024, 3, 6)) == []


@pytest.mark.parametrize("text, language, country", AT_HOME)
def test_report_about_china_naming_other_countries_stays_in_scope(
    text, language, country, gazetteer, context
):
    scope = decide_scope(text, None, language, gazetteer)
    assert scope.in_scope and scope.countries[0] == country
    assert events_of(text, language, context, date(2022, 10, 13))


def test_title_names_count_twice(gazetteer):
    text = "Police detained two students in Chengdu. Officials in Tokyo and Osaka commented."
    assert decide_scope(text, "Japan reacts", "en", gazetteer).countries[0] == "JP"
    assert decide_scope(text, "Chengdu arrests", "en", gazetteer).in_scope


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("Solidarity rallies were held in London and Sydney.", "en", ["GB", "AU"]),
        ("伦敦和悉尼也举行了声援集会。", "zh", ["GB", "AU"]),
        ("Herders in Inner Mongolia blocked a road.", "en", []),
        ("Nepali students marched.", "en", []),  # a people is no place
    ],
)
def test_sentence_names_foreign_places(text, language, expected, gazetteer):
    assert [iso for _, _, iso in find_countries(text, gazetteer)] == expected


def test_event_told_of_a_foreign_city_is_not_placed_in_china(context):
    text = (
        "Thousands marched in Hong Kong on Sunday against the extradition bill.\n\n"
        "On Monday, about 300 people rallied in London in solidarity."
    )
    events = events_of(text, "en", context, date(2019, 6, 18))
    assert [(event.location.adcode, event.date_start) for event in events if event.type == "protest"] == [
        ("810000", date(2019, 6, 16))
    ]


@pytest.mark.parametrize(
    "text, language",
    [
        (
            "On 10 March, over 1,000 workers at a Taiwan-invested shoe maker staged a strike over pay cuts.",
            "en",
        ),
        ("Hundreds of workers at a Japanese-owned electronics plant walked out on Monday.", "en"),
        ("周一，一家台资鞋厂的上千名工人罢工，抗议降薪。", "zh"),
    ],
)
def test_a_foreign_owner_of_a_firm_in_china_puts_no_report_abroad(text, language, gazetteer, context):
    """A country named as who owns the factory is not where the strike happens."""
    assert decide_scope(text, None, language, gazetteer).in_scope
    assert "strike" in {event.type for event in events_of(text, language, context, date(2014, 3, 11))}
