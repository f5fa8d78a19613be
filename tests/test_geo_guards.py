"""Toponym guards: a place name inside an organisation's, product's, person's or street name is not a
location; people stopped at a checkpoint are where it is; a hashtag naming a place is evidence of place.
Sentences written for this test."""

from datetime import date

import pytest

from undeleted.geo import Gazetteer, find_places, find_sites
from undeleted.text.sentences import split_sentences

from tests.extraction import events_of


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_package()


@pytest.mark.parametrize(
    "text, language, hidden",
    [
        ("The Wuhan Youth League organised a sit-in.", "en", "Wuhan"),
        ("Members of the Hotan Solidarity Union marched.", "en", "Hotan"),
        ("Workers at a Lanzhou noodle shop went unpaid.", "en", "Lanzhou"),
        ("Li Jilin, a lawyer, spoke to reporters.", "en", "Jilin"),
        ("Villagers told the Harbin Daily they had not been paid.", "en", "Harbin"),  # a newspaper
        ("According to the Kunming Evening News, the crowd left by noon.", "en", "Kunming"),
        ("A vigil was held on Lhasa Road.", "en", "Lhasa"),
        ("一家兰州拉面馆的员工讨薪。", "zh", "兰州"),
        ("湖北同乡会的成员聚集。", "zh", "湖北"),
        ("王海南说，工人已经三个月没拿到工资。", "zh", "海南"),
        ("数百人在乌鲁木齐中路悼念。", "zh", "乌鲁木齐"),
        ("涉事企业相关人员已被公安机关控制。", "zh", "公安"),  # the police, not Gong'an County
        ("镇政府会同公安民警将阻工人员带离现场。", "zh", "会同"),  # 'together with', not Huitong County
        ("学生们质疑前系主任教授南宁的说法。", "zh", "南宁"),  # a professor named 南宁
        ("补偿参照《株洲市征地拆迁补偿办法》执行。", "zh", "株洲"),  # a rule's title
        ("据《长沙晚报》报道，工人已复工。", "zh", "长沙"),  # a paper's name
        ("学生们质疑教授南宁的说法，南宁至今没有回应。", "zh", "南宁"),  # and every later use of his name
        (
            "他发文质疑边境冲突中卫国戍边官兵的牺牲人数。",
            "zh",
            "中卫",
        ),  # 'defending the country', not Zhongwei
    ],
)
def test_place_name_inside_another_name_is_no_place(text, language, hidden, gazetteer):
    assert hidden not in [mention.surface for mention in find_places(text, gazetteer, language)]


@pytest.mark.parametrize(
    "text, language",
    [
        ("Staff of Wuhan Union Hospital protested.", "en"),
        ("Students of Lanzhou University gathered.", "en"),
    ],
)
def test_place_before_an_institution_stays_a_place(text, language, gazetteer):
    assert find_places(text, gazetteer, language)


@pytest.mark.parametrize(
    "text, language, adcode",
    [
        (
            "On Friday, the Wuhan Youth League held a sit-in in Changsha to demand wage arrears.",
            "en",
            "430100",
        ),
        (
            "On Friday about 50 workers of a Lanzhou noodle restaurant in Shenzhen's Futian district protested over pay.",
            "en",
            "440304",
        ),
        ("周五，深圳福田区一家兰州拉面馆的约50名员工聚集讨薪。", "zh", "440304"),
    ],
)
def test_event_is_placed_where_it_happened_not_in_a_name(text, language, adcode, context):
    assert [event.location.adcode for event in events_of(text, language, context, date(2022, 11, 28))] == [
        adcode
    ]


@pytest.mark.parametrize(
    "text, language, adcode",
    [
        (
            "On Monday dozens of commuters from Sanhe in Hebei gathered in protest at a Beijing checkpoint after being "
            "refused entry.",
            "en",
            "110000",
        ),
        (
            "Commuters from Langfang, Hebei were held for hours at a checkpoint on the Beijing side of the border on "
            "Monday, and dozens of them protested there.",
            "en",
            "110000",
        ),
        (
            "周一，数十名家住河北三河市的上班族在北京通州区的检查站被拦下，随后在检查站外聚集抗议。",
            "zh",
            "110112",
        ),
        ("周一，数十名河北燕郊的上班族在北京一侧的检查站被拦下，随后聚集抗议。", "zh", "110000"),
    ],
)
def test_people_stopped_at_a_checkpoint_are_where_it_is(text, language, adcode, context):
    events = [
        event for event in events_of(text, language, context, date(2022, 5, 12)) if event.type == "protest"
    ]
    assert [event.location.adcode for event in events] == [adcode]


@pytest.mark.parametrize(
    "text, language",
    [
        ("7月9日上午，#宁乡一中#门口聚集了几百名家长，抗议学校撤并高中部。", "zh"),
        (
            "On Saturday dozens of parents gathered at the school gate, according to posts under #NingxiangNo1School.",
            "en",
        ),
    ],
)
def test_hashtag_naming_a_place_is_evidence_of_place(text, language, context):
    events = [
        event for event in events_of(text, language, context, date(2022, 7, 10)) if event.type == "protest"
    ]
    assert [event.location.adcode for event in events] == ["430182"]


def test_people_at_the_city_government_are_placed_at_the_city(context):
    text = (
        "A fire broke out on Wednesday in a locked compound in Chengdu's Wuhou district.\n\n"
        "On Friday, hundreds of residents marched to the city government offices demanding an end to the lockdown."
    )
    events = [
        event for event in events_of(text, "en", context, date(2022, 11, 27)) if event.type == "protest"
    ]
    assert [event.location.adcode for event in events] == ["510100"]


def test_a_newsletter_line_is_furniture_not_the_lead():
    text = "Get the China Brief in your inbox every weekday. Sign up free and unsubscribe any time.\n\nCrowds gathered."
    assert [sentence.boilerplate for sentence in split_sentences(text, "en")] == [True, True, False]


def test_a_bare_city_name_is_the_city_not_the_county_of_the_same_name(context):
    text = "#长沙工地讨薪# 1月16日上午，长沙市雨花区一处工地，二十多名农民工聚集在项目部门口讨薪。"
    assert [
        event.location.adcode
        for event in events_of(text, "zh", context, date(2024, 1, 18))
        if event.type == "protest"
    ] == ["430111"]


@pytest.mark.parametrize(
    "text, language, adcode",
    [
        (
            "Workers' bulletin\n\n1. Dongguan, Guangdong (10 January). Several hundred workers at a shoe factory in "
            "Houjie town stopped work after managers said the plant would move to Guangxi.",
            "en",
            "441900",
        ),
        (
            "工人简报\n\n1. 东莞（1月10日）。厚街镇一家鞋厂的数百名工人停工，抗议工厂将搬迁至广西却不给补偿。",
            "zh",
            "441900",
        ),
    ],
)
def test_where_something_is_to_move_is_not_where_it_happens(text, language, adcode, context):
    events = events_of(text, language, context, date(2024, 1, 19))
    assert {event.location.adcode for event in events if event.type in ("strike", "protest")} == {adcode}


def test_videos_from_a_district_are_evidence_of_it_not_an_origin(context):
    text = (
        "Thread on what happened in Wuhan last night. Videos from Hongshan district show residents pulling down "
        "the metal barriers that sealed their compound."
    )
    events = events_of(text, "en", context, date(2022, 11, 28))
    assert [event.location.adcode for event in events if event.type == "defiance"] == ["420111"]


def test_a_body_a_notice_came_from_is_where_it_acts_not_an_origin(context):
    text = (
        "On 3 May in Guizhou, the families of two villagers received detention notices from the Weining county "
        "public security bureau."
    )
    events = events_of(text, "en", context, date(2024, 5, 10))
    assert {event.location.adcode for event in events if event.type == "repression"} == {"520526"}


@pytest.mark.parametrize("text", ["数百名工人在拉萨市城关区街头聚集。", "工人把城关区路口的围挡推倒。"])
def test_in_the_streets_or_at_a_crossing_of_a_district_is_the_district(text, gazetteer):
    assert "城关区" in [mention.surface for mention in find_places(text, gazetteer, "zh")]


@pytest.mark.parametrize("text", ["工人们聚集，要求解除封控、允许返乡。", "约800名村民堵住通往矿区的道路。"])
def test_common_words_ending_in_a_site_word_are_no_site(text):
    assert find_sites(text, "zh") == []


def test_feed_footers_reader_calls_picture_credits_and_captions_are_furniture():
    text = (
        "Police detained two men outside the station.\n"
        "River at dusk shared by Weibo user @晚风 on May 3.\n"
        "Video posted by Weibo user @晚风 shows residents pulling down the fences.\n"
        "Spotted a mistake? Please let us know in comments below or email us.\n"
        "The post Night in the border town appeared first on Example Weekly.\n"
        "This frame grab taken from a video released on Sunday shows men with sticks at the station.\n"
        "The Daily Example is committed to publishing a diversity of letters to the editor."
    )
    assert [sentence.boilerplate for sentence in split_sentences(text, "en")] == [
        False,
        True,
        False,
        True,
        True,
        True,
        True,
        True,
    ]


def test_a_notice_signed_by_a_town_places_its_story_there(context):
    text = (
        "关于部分村民阻挠施工有关情况的说明\n\n"
        "5月3日，有网民发布民警在我镇施工现场带离村民的视频。现将有关情况说明如下：\n\n"
        "5月2日，部分村民到施工现场阻工，与镇干部推搡拉扯。\n\n"
        "补偿参照《岳阳市征地补偿办法》执行。\n\n"
        "湘阴县东塘镇人民政府\n2023年5月4日"
    )
    events = events_of(text, "zh", context, date(2023, 5, 4))
    assert {event.type for event in events} >= {"protest", "official_response"}
    assert {event.location.adcode for event in events} == {"430624"}  # 湘阴县, not 岳阳 from a rule's title
