"""Where an event is placed: the place of the event, not every place its sentence names."""

from datetime import date

import pytest

from undeleted.extract import ExtractContext, extract_events
from undeleted.extract.roles import mask_datelines, place_role
from undeleted.models import Document, Event


def run(context: ExtractContext, text: str, published: date, language: str = "en") -> list[Event]:
    return extract_events(Document(text=text, published=published, language=language), context)


def codes(events: list[Event], kind: str) -> list[str | None]:
    return [event.location.adcode for event in events if event.type == kind]


@pytest.mark.parametrize(
    "text, name, language, role",
    [
        ("Lorries from Kunming to the border were stopped.", "Kunming", "en", "origin"),
        ("The convoy left Lanzhou at dawn.", "Lanzhou", "en", "origin"),
        ("车队从昆明出发前往边境。", "昆明", "zh", "origin"),
        ("Students mourned the victims of the Harbin fire.", "Harbin", "en", "named_event"),
        ("The Hefei government's notice was withdrawn.", "Hefei", "en", "authority"),
        ("the Hunan office of the regulator said", "Hunan", "en", "authority"),
        ("长沙市政府回应称将调查。", "长沙", "zh", "authority"),
        ("Workers gathered in Kunming on Monday.", "Kunming", "en", None),
        ("业主刘某（男，58岁，四川南充人）在群内号召聚集。", "南充", "zh", "native"),
        ("一名湖南籍男子被行政拘留。", "湖南", "zh", "native"),
        ("Chen, a native of Hunan, was detained in Shenzhen.", "Hunan", "en", "native"),
        ("湖南人民广场上聚集了数百人。", "湖南", "zh", None),
        ("Zhang, a Beijing lawyer, was taken away in Wenzhou.", "Beijing", "en", "affiliation"),
        ("His Shanghai law firm demanded his release.", "Shanghai", "en", "affiliation"),
        ("北京维权律师张某在温州被带走。", "北京", "zh", "affiliation"),
        ("Beijing police detained a lawyer.", "Beijing", "en", "authority"),
    ],
)
def test_place_role_by_the_words_around_the_name(context, text, name, language, role):
    start = text.index(name)
    assert place_role(text, start, start + len(name), context.lexicons[language]) == role


@pytest.mark.parametrize("text", ["【东方晨报讯】3月2日上午，工人聚集。", "【南湖网3月2日讯】工人聚集。"])
def test_mask_datelines_blanks_the_bracket_and_keeps_offsets(context, text):
    masked = mask_datelines(text, context.lexicons["zh"])
    assert len(masked) == len(text) and "【" not in masked and "工人聚集" in masked


@pytest.mark.parametrize(
    "text, kind, expected",
    [
        (  # the bus came from Kunming; the crash happened in Yuxi's Tonghai county
            "A bus carrying 30 workers from Kunming to a factory overturned on a mountain road in Tonghai county, "
            "Yuxi, on Friday, March 3. Eleven people died in the crash.",
            "death",
            "530423",
        ),
        (  # a district where the bus set out is no place of the crash either
            "A coach crashed near Xiangyun county, Dali, on Friday, March 3. Nine people died.\n"
            "The coach had left Kunming's Wuhua district the night before.\n"
            "On Saturday, videos of the crash were deleted from Weibo.",
            "death",
            "532923",
        ),
        (  # the city a lawyer works from is no place of his detention
            "Church leaders in Wenzhou have been detained one by one this summer.\n"
            "The best known is Zhang, a Beijing lawyer who had moved to Wenzhou to advise churches. On the "
            "night of 25 August police took him from a church in the city's Lucheng district.",
            "repression",
            "330302",
        ),
    ],
)
def test_extract_event_is_placed_where_it_happened_not_where_people_came_from(context, text, kind, expected):
    assert codes(run(context, text, date(2023, 3, 5)), kind) == [expected]


def test_extract_a_persons_home_place_is_no_place_of_the_event(context):
    """A police notice says where each person comes from (江苏南通人); the gathering stays in the notice's county."""
    text = (
        "警情通报\n"
        "2021年6月8日上午，临海市古城街道某小区30余名业主到市政府门前聚集。"
        "其中业主刘某（男，58岁，江苏南通人）、陈某（女，49岁，安徽合肥人）冲撞执勤民警，被民警带离现场。"
    )
    events = run(context, text, date(2021, 6, 9), "zh")
    assert events and {event.location.adcode for event in events} == {"331082"}


def test_extract_a_named_event_elsewhere_does_not_move_a_bulletin_entry(context):
    text = (
        "Weekly bulletin\n\n1.\n\nHefei, Anhui — Anhui University (Shushan district)\n\n"
        "Night of Saturday 4 March.\n\n"
        "Students gathered on the steps of the library to mourn the victims of the Harbin fire. "
        "Several held up blank sheets of paper."
    )
    assert codes(run(context, text, date(2023, 3, 6)), "protest") == ["340104"]


@pytest.mark.parametrize(
    "text, kind, expected",
    [
        (  # "city officials" act for the city, not for the district where the fire was
            "A fire broke out on Monday, March 6, in a residential block in Xuanwu district of Nanjing, "
            "killing four people.\n"
            "Late that night, city officials held a news conference and apologised to the families.",
            "official_response",
            "320100",
        ),
        (  # a district body keeps the district
            "A fire broke out on Monday, March 6, in a residential block in Xuanwu district of Nanjing, "
            "killing four people.\n"
            "On Tuesday the district government apologised to the families.",
            "official_response",
            "320102",
        ),
        (  # a province's office acts for the province, even in a story about one of its cities
            "Depositors protested in Changsha on Sunday, March 5.\n"
            "On Monday, March 6, the Hunan office of the banking regulator said small depositors would receive advance payments.",
            "official_response",
            "430000",
        ),
        (  # a city named as the acting body is the act's place, even after a district elsewhere
            "A bus overturned in Longli county, Qiannan, on Sunday, March 5, killing six.\n"
            "On Monday, March 6, Guiyang officials apologised to the families.",
            "official_response",
            "520100",
        ),
    ],
)
def test_extract_government_act_sits_where_the_acting_body_sits(context, text, kind, expected):
    assert codes(run(context, text, date(2023, 3, 8)), kind) == [expected]


def test_extract_accusing_a_province_does_not_move_a_protest(context):
    text = (
        "On Sunday, March 5, hundreds of depositors gathered outside a bank branch in Changsha. "
        "They held banners accusing Hunan officials of corruption."
    )
    assert codes(run(context, text, date(2023, 3, 6)), "protest") == ["430100"]


def test_extract_zh_dateline_outlet_is_no_place_and_no_date(context):
    text = "【中原晨报3月1日讯】3月5日上午，数百名储户聚集在长沙市一家银行门前抗议，要求归还存款。"
    events = run(context, text, date(2023, 3, 6), "zh")
    protests = [event for event in events if event.type == "protest"]
    assert [(event.location.adcode, event.date_start) for event in protests] == [("430100", date(2023, 3, 5))]


def test_extract_district_owned_by_a_place_people_came_from_is_no_event_place(context):
    text = (
        "A coach overturned on a highway near Xiangyun county, Dali, early on Friday, March 3. "
        "Nine people died. The coach had left Kunming's Wuhua district shortly after midnight.\n"
        "On Weibo, the crash topped the trending list on Friday, then the topic was censored overnight."
    )
    assert codes(run(context, text, date(2023, 3, 5)), "censorship") == ["532923"]


def test_extract_lead_takes_the_district_its_paragraph_below_names(context):
    text = (
        "Pension cuts bring retirees out again\n\n"
        "CHANGSHA — Crowds of retirees rallied on Wednesday, March 8, against cuts to their medical accounts.\n\n"
        "In Changsha, videos showed hundreds of elderly people outside Martyrs Park in Kaifu district. "
        "Police linked arms to keep the crowd from the gates, and protesters were seen pushing and shoving."
    )
    assert codes(run(context, text, date(2023, 3, 9)), "protest") == ["430105"]


def test_places_listed_after_an_origin_are_origins_too(context):
    text = (
        "3月21日，数千名居民在上海市金山区政府门前聚集。"
        "还有来自奉贤、松江以及浙江平湖的居民前来声援，部分居民与警察发生推搡。"
    )
    events = run(context, text, date(2015, 3, 22), "zh")
    assert {event.location.adcode for event in events if event.type in ("protest", "clash")} == {"310116"}


def test_a_wire_dateline_city_gives_way_to_the_place_the_story_names(context):
    text = (
        "BEIJING, Sept 25 (Newswire) - A fire at a coal mine in China's southwestern province of Guizhou "
        "killed 16 people on Sunday, state media reported."
    )
    events = extract_events(Document(text=text, published=date(2023, 9, 25), language="en"), context)
    assert [(event.type, event.location.adcode[:2]) for event in events if event.type == "death"] == [
        ("death", "52")
    ]


def test_a_wire_dateline_city_is_the_place_when_the_story_names_no_other(context):
    text = "XINGTAI, China, July 24 (Newswire) - Hundreds of villagers blocked a highway on Saturday over flood relief."
    events = extract_events(Document(text=text, published=date(2016, 7, 24), language="en"), context)
    assert [event.location.adcode for event in events if event.type == "protest"] == ["130500"]
