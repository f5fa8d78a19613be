"""The story's time: years of months, days and weekdays come from the story around them, a weekday with
a day of the month picks its year, a year alone dates nothing, background spans do not move the incident.
Reports written for this test."""

import hashlib
from datetime import date

import pytest

from undeleted.dates import find_dates, infer_published
from undeleted.extract import extract_events
from undeleted.models import Document

from tests.extraction import events_of

RETROSPECTIVE_EN = """A quarry that never closed

Residents of Shuangqiao in Jiangxi's Yichun have fought a granite quarry since 2015.

In 2015 the county approved the quarry. In May, about 800 villagers blocked the road to the site in Yichun.

On Thursday 14 July, thousands of people marched to the township government in Yichun.

Last year officials promised to close the quarry, but trucks still run."""

RETROSPECTIVE_ZH = """双桥村民与采石场的四年

2015年，宜春市袁州区批准了采石场。5月，约800名村民在袁州区聚集抗议，警方带走六人。

7月14日（周四），数千人游行到袁州区政府。

去年，官员承诺关闭采石场，但卡车仍在运行。"""


def _dates(events, event_type):
    return sorted((event.date_start, event.time_precision) for event in events if event.type == event_type)


def test_retrospective_months_take_the_year_of_the_story_en(context):
    events = events_of(RETROSPECTIVE_EN, "en", context, date(2020, 2, 10))
    assert _dates(events, "protest") == [(date(2015, 5, 1), "month"), (date(2016, 7, 14), "day")]


def test_retrospective_months_take_the_year_of_the_story_zh(context):
    events = events_of(RETROSPECTIVE_ZH, "zh", context, date(2020, 2, 10))
    assert (date(2015, 5, 1), "month") in _dates(events, "protest")
    assert (date(2016, 7, 14), "day") in _dates(events, "protest")


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("On Friday 9 May about 300 workers gathered at the gate.", "en", date(2014, 5, 9)),
        ("5月9日（周五），约300名工人聚集在厂门口。", "zh", date(2014, 5, 9)),
    ],
)
def test_weekday_with_day_of_month_picks_the_year_they_agree_in(text, language, expected):
    found = find_dates(text, date(2019, 1, 20), language)
    assert found[0].span.start == expected


def test_story_year_is_used_when_the_weekday_agrees_with_it():
    found = find_dates(
        "On Saturday 14 July crowds marched.", date(2020, 2, 10), "en", story_end=date(2018, 12, 31)
    )
    assert found[0].span.start == date(2018, 7, 14)


@pytest.mark.parametrize(
    "text, language, year",
    [
        ("In 2016 the plant opened.", "en", 2016),
        ("Last year the plant opened.", "en", 2023),
        ("去年，工厂开工。", "zh", 2023),
        ("2016年，工厂开工。", "zh", 2016),
        ("Residents have complained since 2016.", "en", None),
        ("2016年以来，居民多次投诉。", "zh", None),
    ],
)
def test_a_year_given_becomes_the_story_year_but_not_the_start_of_a_span(text, language, year):
    found = find_dates(text, date(2024, 4, 6), language)
    assert found[0].year == year


@pytest.mark.parametrize(
    "text, language",
    [
        ("Last year, workers gathered at the Dongguan factory gate over unpaid wages.", "en"),
        ("去年，东莞工人曾在厂门口聚集讨薪。", "zh"),
    ],
)
def test_a_year_alone_dates_no_event(text, language, context):
    events = events_of(text, language, context, date(2024, 4, 6))
    assert all(event.date_start != date(2023, 1, 1) for event in events)
    assert events == []


@pytest.mark.parametrize(
    "text, language, expected",
    [
        (
            "Residents of a Lanzhou compound, sealed in since August, gathered at the gate on Tuesday.",
            "en",
            date(2022, 10, 11),
        ),
        (
            "After two months of lockdown, residents of a Lanzhou compound gathered at the gate on Tuesday.",
            "en",
            date(2022, 10, 11),
        ),
        ("兰州一小区自8月以来一直封控，居民周二在门口聚集。", "zh", date(2022, 10, 11)),
    ],
)
def test_background_span_does_not_move_the_incident(text, language, expected, context):
    events = events_of(text, language, context, date(2022, 10, 13))
    assert [event.date_start for event in events if event.type == "protest"] == [expected]


def test_undated_post_takes_the_year_its_weekday_gives(context):
    text = "7月9日（周六）上午，长沙市宁乡市一所中学门口聚集了几百名家长，抗议学校撤并高中部。"
    doc = Document(
        doc_id=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        language="zh",
        published=None,
        date_source="inferred",
    )
    assert [event.date_start for event in extract_events(doc, context) if event.type == "protest"] == [
        date(2022, 7, 9)
    ]


def test_the_day_named_outweighs_a_vague_span_beside_it(context):
    text = (
        "On 15 March police detained two retirees in Dalian. A few days prior, on 12 March, about 40 retirees "
        "gathered outside the Dalian social security bureau."
    )
    events = events_of(text, "en", context, date(2023, 3, 16))
    assert {(event.type, event.date_start) for event in events} == {
        ("protest", date(2023, 3, 12)),
        ("repression", date(2023, 3, 15)),
    }


def test_the_night_of_the_incident_is_its_day_not_the_last_day_named(context):
    text = (
        "8月3日下午，济宁市任城区一座人行天桥坍塌，造成3人死亡。搜救持续到4日凌晨。\n\n"
        "事发当晚，数十名家属聚集在任城区医院门口，要求公布伤者名单。"
    )
    events = events_of(text, "zh", context, date(2023, 8, 6))
    assert [event.date_start for event in events if event.type in ("protest", "petition")] == [
        date(2023, 8, 3)
    ]


def test_deaths_on_two_days_named_apart_are_two_events(context):
    text = (
        "On July 2 an elderly woman in Dandong died after jumping from her balcony. "
        "On July 3 a delivery driver in Dandong took his own life by jumping from a bridge."
    )
    events = events_of(text, "en", context, date(2022, 7, 6))
    assert sorted(event.date_start for event in events if event.type == "death") == [
        date(2022, 7, 2),
        date(2022, 7, 3),
    ]


@pytest.mark.parametrize(
    "text, language, expected",
    [
        (
            "On Sunday, 5 January, a county investigation team said the student had quarrelled with a classmate the night "
            "before and police had ruled out a crime.",
            "en",
            date(2025, 1, 5),
        ),
        (
            "继上周三之后，武汉数百名退休人员今天（15日）上午再次聚集在中山公园一带，抗议医保改革。",
            "zh",
            date(2025, 1, 15),
        ),
    ],
)
def test_a_flashback_or_earlier_round_does_not_move_the_day(text, language, expected, context):
    events = [
        event
        for event in events_of(text, language, context, date(2025, 1, 15))
        if event.type in ("official_response", "protest")
    ]
    assert [event.date_start for event in events] == [expected]


@pytest.mark.parametrize(
    "text, language",
    [
        ("9月3日，星期六，数百名业主聚集。", "zh"),
        ("周六（9月3日）上午，数百名业主聚集。", "zh"),
        ("9月3日(六)上午，数百名业主聚集。", "zh"),
        ("On September 3 (Saturday) hundreds of homeowners gathered.", "en"),
        ("On Saturday (September 3) hundreds of homeowners gathered.", "en"),
    ],
)
def test_weekday_written_beside_a_day_fixes_the_year_of_an_undated_post(text, language):
    assert infer_published(text, language, latest=date(2024, 6, 1)) == date(2022, 9, 3)


@pytest.mark.parametrize(
    "text, language",
    [
        (
            "Hundreds of protesters gathered in Causeway Bay on Sunday night. Police arrested 44 people, they said "
            "in a statement Monday morning.",
            "en",
        ),
        ("4日晚，数百人在铜锣湾聚集抗议。警方5日通报称，共拘留44人。", "zh"),
    ],
)
def test_the_day_something_was_said_does_not_date_the_acts_told(text, language, context):
    events = events_of(text, language, context, date(2019, 8, 6))
    assert {
        (event.type, event.date_start) for event in events if event.type in ("protest", "repression")
    } == {("protest", date(2019, 8, 4)), ("repression", date(2019, 8, 4))}


def test_condolences_on_a_later_day_do_not_date_a_second_death(context):
    text = "6月24日，一名男子在校车站持刀伤人，一名女职员重伤，26日不治身亡。外交部28日对她的离世表达哀悼。"
    events = events_of(text, "zh", context, date(2024, 6, 29))
    deaths = [event.date_start for event in events if event.type == "death"]
    assert len(deaths) == 1 and deaths[0] <= date(2024, 6, 26)


def test_a_statement_keeps_the_day_it_was_made(context):
    text = (
        "Hundreds of protesters gathered in Causeway Bay on Sunday night. On Monday the government said in a "
        "statement that it had opened an investigation into the violence."
    )
    events = events_of(text, "en", context, date(2019, 8, 6))
    assert [event.date_start for event in events if event.type == "official_response"] == [date(2019, 8, 5)]


def test_a_background_year_in_current_news_holds_only_for_its_paragraph(context):
    text = (
        "Chengdu residents defy lockdown\n\n"
        "On Friday night, hundreds of residents in Chengdu marched to the city government, chanting for an end "
        "to the lockdown.\n\n"
        "In 2019, similar anger had spilled onto the streets of Hong Kong.\n\n"
        "On 26 November, hundreds gathered on Wulumuqi Middle Road in Shanghai's Xuhui district for a vigil."
    )
    events = events_of(text, "en", context, date(2022, 11, 28))
    assert sorted(event.date_start for event in events if event.type == "protest") == [
        date(2022, 11, 25),
        date(2022, 11, 26),
    ]


@pytest.mark.parametrize(
    "text, language, expected",
    [
        (
            "1月16日上午，数十名农民工在工地聚集讨薪。\n\n中午，民警赶到现场。\n\n当晚，区人社局在官方微博发布情况通报，"
            "称已责成施工单位在春节前结清工资。",
            "zh",
            date(2024, 1, 16),
        ),
        (
            "On 16 January dozens of workers gathered at the site over unpaid wages. That evening the district labour "
            "bureau said it had apologised and ordered the builder to pay them by 9 February.",
            "en",
            date(2024, 1, 16),
        ),
    ],
)
def test_a_deadline_ahead_does_not_date_the_statement(text, language, expected, context):
    events = events_of(text, language, context, date(2024, 1, 18))
    assert [event.date_start for event in events if event.type == "official_response"] == [expected]


@pytest.mark.parametrize(
    "text, language",
    [
        (
            "6月13日清晨，十堰市张湾区一处集贸市场发生燃气爆炸。截至6月14日，事故共造成25人死亡，138人受伤。",
            "zh",
        ),
        (
            "A gas explosion ripped through a market in Shiyan's Zhangwan district on Sunday, June 13. "
            "As of Monday, the blast had killed 25 people, officials said.",
            "en",
        ),
    ],
)
def test_a_death_toll_counted_later_is_dated_to_the_incident(text, language, context):
    """截至6月14日 / "as of Monday" tells when the dead were counted, not when they died."""
    deaths = [
        event for event in events_of(text, language, context, date(2021, 6, 14)) if event.type == "death"
    ]
    assert deaths and all(event.date_start == date(2021, 6, 13) for event in deaths)


@pytest.mark.parametrize(
    "text, language",
    [
        (
            "On Monday, March 7, about 300 nurses marched to the city hall in Zhuzhou over unpaid bonuses. "
            "On Wednesday, hundreds of nurses gathered outside the hospital in Zhuzhou again.",
            "en",
        ),
        ("3月7日（周一），约300名护士在株洲市政府门口聚集讨薪。周三，数百名护士又在株洲聚集抗议。", "zh"),
    ],
)
def test_a_weekday_after_an_earlier_day_is_in_the_days_after_it(text, language, context):
    # published three weeks later: "Wednesday" is 9 March, not the Wednesday before publication
    events = events_of(text, language, context, date(2022, 3, 30))
    assert sorted(event.date_start for event in events if event.type == "protest") == [
        date(2022, 3, 7),
        date(2022, 3, 9),
    ]


def test_a_weekday_near_the_report_stays_in_the_report_s_week(context):
    text = "On Monday, March 28, nurses marched in Zhuzhou. On Wednesday, nurses gathered in Zhuzhou again."
    events = events_of(text, "en", context, date(2022, 3, 30))
    assert sorted(event.date_start for event in events if event.type == "protest") == [
        date(2022, 3, 28),
        date(2022, 3, 30),
    ]


@pytest.mark.parametrize(
    "text, language, kind, published, expected",
    [
        (  # a post's hashtag tells the death before the post names its day
            "#昆明外卖骑手送餐途中身亡# 太难受了。周一（14号）下午，一名骑手在五华区一个小区送餐时晕倒在楼道里。",
            "zh",
            "death",
            date(2023, 8, 16),
            date(2023, 8, 14),
        ),
        (  # a lead without a day, then the body's day
            "Hundreds of retirees protested in Dalian over cuts to their medical benefits.\n\n"
            "On Wednesday, February 8, they gathered outside the city government, chanting slogans.",
            "en",
            "protest",
            date(2023, 2, 10),
            date(2023, 2, 8),
        ),
    ],
)
def test_an_event_told_before_the_story_names_its_day_takes_that_day(
    text, language, kind, published, expected, context
):
    events = events_of(text, language, context, published)
    assert [event.date_start for event in events if event.type == kind] == [expected]


def test_a_background_day_long_before_publication_is_not_the_story_day(context):
    text = "#某地拆迁# 村民今天又去镇政府门口聚集抗议。这块地是2019年5月3日被征走的。"
    events = events_of(text, "zh", context, date(2023, 6, 1))
    assert [event.date_start for event in events if event.type == "protest"] == [date(2023, 6, 1)]


def test_that_day_counts_from_a_day_not_from_a_vague_span(context):
    text = (
        "近日，有居民在网上发帖反映垃圾站选址问题。\n\n施工队进场当天，二十多名居民到工地阻挠施工，要求停工。"
    )
    events = events_of(text, "zh", context, date(2021, 4, 20))
    assert [event.date_start for event in events if event.type == "protest"] == [date(2021, 4, 20)]


@pytest.mark.parametrize(
    "text, language",
    [
        (
            "他的妻子3月20日在小区业主的微信群里发文求助，说自己3月8日被几名公安人员堵在家门口训话两个多小时。",
            "zh",
        ),
    ],
)
def test_a_date_in_reported_words_dates_what_they_tell_not_the_posting(text, language, context):
    events = events_of(text, language, context, date(2023, 3, 22))
    assert [event.date_start for event in events if event.type == "online_dissent"] == [date(2023, 3, 20)]
