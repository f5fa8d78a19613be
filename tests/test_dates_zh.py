"""Chinese date expressions resolved against the publication date (and the anchor)."""

from datetime import date, timedelta

import pytest

from undeleted.dates import DateMention, find_dates

D = date


def mention(text: str, reference: date | None, phrase: str, anchor: date | None = None) -> DateMention:
    found = [m for m in find_dates(text, reference, "zh", anchor) if m.text == phrase]
    assert found, f"{phrase!r} not found in {[m.text for m in find_dates(text, reference, 'zh', anchor)]}"
    return found[0]


@pytest.mark.parametrize("text, reference, phrase, start, end, precision", [
    ("7月4日，话题被撤下。", D(2022, 7, 6), "7月4日", D(2022, 7, 4), D(2022, 7, 4), "day"),
    ("10月2日晚，数百名业主聚集。", D(2022, 10, 14), "10月2日晚", D(2022, 10, 2), D(2022, 10, 2), "day"),
    ("十月二日，业主聚集。", D(2022, 10, 14), "十月二日", D(2022, 10, 2), D(2022, 10, 2), "day"),
    ("12月28日，村民聚集。", D(2023, 1, 5), "12月28日", D(2022, 12, 28), D(2022, 12, 28), "day"),
    ("2022年12月23日，全市封控。", D(2023, 3, 1), "2022年12月23日", D(2022, 12, 23), D(2022, 12, 23), "day"),
    ("二〇二二年十一月二十七日晚", None, "二〇二二年十一月二十七日晚", D(2022, 11, 27), D(2022, 11, 27), "day"),
    ("2022年6月，储户健康码变红。", D(2022, 7, 11), "2022年6月", D(2022, 6, 1), D(2022, 6, 30), "month"),
    ("自4月中旬起暂停取款。", D(2022, 7, 11), "4月中旬", D(2022, 4, 11), D(2022, 4, 20), "week"),
    ("去年7月，工厂停工。", D(2023, 3, 1), "去年7月", D(2022, 7, 1), D(2022, 7, 31), "month"),
    ("消息人士称，6日当地发生冲突。", D(2022, 11, 16), "6日", D(2022, 11, 6), D(2022, 11, 6), "day"),
    ("本月26日，工人罢工。", D(2022, 11, 30), "本月26日", D(2022, 11, 26), D(2022, 11, 26), "day"),
    ("1月6日（周四），主任公开道歉。", D(2022, 1, 7), "1月6日（周四）", D(2022, 1, 6), D(2022, 1, 6), "day"),
    ("7月23日（星期日）14时，屋顶坍塌。", D(2023, 7, 25), "7月23日（星期日）", D(2023, 7, 23), D(2023, 7, 23), "day"),
    ("4月22日至23日，视频被删。", D(2022, 4, 25), "4月22日至23日", D(2022, 4, 22), D(2022, 4, 23), "day"),
    ("周报（2025年10月6日—10月12日）", D(2025, 10, 13), "2025年10月6日—10月12日", D(2025, 10, 6), D(2025, 10, 12), "day"),
    ("国庆假期，游客被困。", D(2022, 10, 14), "国庆假期", D(2022, 10, 1), D(2022, 10, 7), "day"),
    ("春节期间，村民聚集。", D(2023, 2, 10), "春节期间", D(2023, 1, 21), D(2023, 1, 27), "day"),
    ("2022年春节，村民聚集。", D(2023, 2, 10), "2022年春节", D(2022, 2, 1), D(2022, 2, 1), "day"),
])  # fmt: skip
def test_dates_zh_written_dates(text, reference, phrase, start, end, precision):
    span = mention(text, reference, phrase).span
    assert (span.start, span.end, span.precision) == (start, end, precision)


@pytest.mark.parametrize("text, reference, phrase, start, end, precision", [
    ("上周一，居民聚集。", D(2022, 11, 30), "上周一", D(2022, 11, 21), D(2022, 11, 21), "day"),
    ("周日晚上，居民聚集。", D(2022, 11, 30), "周日晚上", D(2022, 11, 27), D(2022, 11, 27), "day"),
    ("本周，多地出现抗议。", D(2022, 11, 30), "本周", D(2022, 11, 28), D(2022, 11, 30), "week"),
    ("上周，多地出现抗议。", D(2022, 11, 30), "上周", D(2022, 11, 21), D(2022, 11, 27), "week"),
    ("前两天，小区封了。", D(2022, 11, 30), "前两天", D(2022, 11, 27), D(2022, 11, 29), "week"),
    ("昨天，小区封了。", D(2022, 11, 30), "昨天", D(2022, 11, 29), D(2022, 11, 29), "day"),
    ("昨晚十一点多，又闹起来了。", D(2022, 11, 30), "昨晚", D(2022, 11, 29), D(2022, 11, 29), "day"),
    ("今天下午风向全变了。", D(2022, 11, 30), "今天下午", D(2022, 11, 30), D(2022, 11, 30), "day"),
    ("三天前，村民被抓。", D(2022, 11, 30), "三天前", D(2022, 11, 27), D(2022, 11, 27), "day"),
    ("从明天起全区解封。", D(2022, 11, 30), "明天", D(2022, 12, 1), D(2022, 12, 1), "day"),
])  # fmt: skip
def test_dates_zh_relative_to_reference(text, reference, phrase, start, end, precision):
    found = mention(text, reference, phrase)
    assert (found.span.start, found.span.end, found.span.precision) == (start, end, precision)
    assert found.relative


@pytest.mark.parametrize("text, anchor, phrase, expected", [
    ("当天中午起，帖子陆续被删除。", D(2022, 7, 10), "当天中午", D(2022, 7, 10)),
    ("当晚，家长聚集在医院。", D(2023, 7, 23), "当晚", D(2023, 7, 23)),
    ("次日，警方通报。", D(2022, 7, 10), "次日", D(2022, 7, 11)),
    ("第二天，全区解封。", D(2022, 11, 29), "第二天", D(2022, 11, 30)),
    ("前一天，村委发了通知。", D(2022, 11, 29), "前一天", D(2022, 11, 28)),
])  # fmt: skip
def test_dates_zh_anchor_phrases(text, anchor, phrase, expected):
    span = mention(text, anchor + timedelta(days=30), phrase, anchor=anchor).span
    assert span.start == span.end == expected


@pytest.mark.parametrize("text, reference, phrase, expected", [
    ("父亲1月2日突发心绞痛，最终于次日凌晨去世。", D(2022, 1, 7), "次日凌晨", D(2022, 1, 3)),
    ("7月23日屋顶坍塌，至24日上午找到最后一名被困者。", D(2023, 7, 25), "24日上午", D(2023, 7, 24)),
])  # fmt: skip
def test_dates_zh_anchor_follows_dates_in_the_text(text, reference, phrase, expected):
    assert mention(text, reference, phrase).span.start == expected


@pytest.mark.parametrize("text", [
    "3号楼的居民下楼聚集。",
    "乘坐1号线的乘客被困。",
    "每周一都要做核酸。",
    "今日头条上有人发帖。",
    "封了三个月。",
    "两人被处以行政拘留10日。",  # a term served, not the 10th
    "返乡人员须隔离14日。",
])  # fmt: skip
def test_dates_zh_numbers_that_are_not_dates(text):
    assert find_dates(text, D(2022, 11, 30), "zh") == []


def test_dates_zh_fullwidth_digits_keep_offsets():
    text = "１１月２４号下午，一个小伙子在小区门口讲话。"
    found = find_dates(text, D(2022, 11, 25), "zh")
    assert [(m.text, m.span.start) for m in found] == [("１１月２４号下午", D(2022, 11, 24))]
    assert text[found[0].start : found[0].end] == found[0].text


@pytest.mark.parametrize(
    "text, phrase, expected",
    [
        (
            "案情指，去年6月21日，市民包围警察总部，并不满警方6月12日的清场行动。",
            "6月12日",
            date(2019, 6, 12),
        ),
        ("2016年5月3日工人罢工，厂方5月5日答应补发工资。", "5月5日", date(2016, 5, 5)),
    ],
)
def test_dates_zh_a_year_stated_earlier_in_the_sentence_goes_on(text, phrase, expected):
    found = [m for m in find_dates(text, date(2020, 12, 3), "zh") if m.text == phrase]
    assert found and found[0].span.start == expected
