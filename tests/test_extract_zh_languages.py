"""Traditional Chinese, mixed-language documents and the same event reported in English and Chinese."""

from datetime import date

import pytest

from undeleted.extract import extract_events
from undeleted.models import Document
from undeleted.text.convert import load_converter

SIMPLIFIED = (
    "11月24日下午，重庆市沙坪坝区一个小区的数十名居民聚集在小区门口，高喊口号要求解封。\n"
    "随后几名警察把一名男子按在地上，将他带走。\n"
    "当晚，有关视频的微博陆续被删除，话题#重庆小区#已被撤下。"
)


def summary_of(events):
    return sorted((event.type, event.date_start, event.location.adcode) for event in events)


@pytest.fixture(scope="module")
def traditional():
    return load_converter("s2t.json").convert(SIMPLIFIED)


def test_extract_zh_traditional_same_events(context, traditional):
    assert traditional != SIMPLIFIED
    simplified_events = extract_events(
        Document(text=SIMPLIFIED, language="zh", published=date(2022, 11, 25)), context
    )
    traditional_events = extract_events(
        Document(text=traditional, language="zh", published=date(2022, 11, 25)), context
    )
    assert {"protest", "repression", "censorship"} <= {event.type for event in simplified_events}
    assert summary_of(traditional_events) == summary_of(simplified_events)


def test_extract_zh_traditional_evidence_points_into_original(context, traditional):
    doc = Document(text=traditional, language="zh", published=date(2022, 11, 25))
    events = extract_events(doc, context)
    protest = next(event for event in events if event.type == "protest")
    quoted = [traditional[item.start : item.end] for item in protest.evidence]
    assert any("聚集" in sentence and "門口" in sentence for sentence in quoted)
    for event in events:
        assert all(item.doc_id == doc.doc_id for item in event.evidence)
        for tag in event.hashtags:
            assert tag.tag in traditional


@pytest.mark.parametrize(
    "english, chinese",
    [
        (
            "On November 24, 2022, dozens of residents of a compound in Shapingba district, Chongqing, gathered "
            "at the gate and chanted slogans demanding an end to the lockdown.",
            "2022年11月24日，重庆市沙坪坝区一个小区的数十名居民聚集在小区门口，高喊口号要求解封。",
        ),
        (
            "On July 10, 2022, thousands of bank depositors gathered outside the central bank branch in "
            "Zhengzhou, Henan province, holding banners and demanding their savings back.",
            "2022年7月10日，数千名储户聚集在河南省郑州市的人民银行门前，手举横幅，要求归还存款。",
        ),
    ],
)
def test_extract_zh_same_event_in_english_and_chinese(context, english, chinese):
    published = date(2022, 12, 1)
    english_events = extract_events(Document(text=english, language="en", published=published), context)
    chinese_events = extract_events(Document(text=chinese, language="zh", published=published), context)
    assert english_events and chinese_events
    english_keys = {(event.type, event.date_start, event.location.adcode) for event in english_events}
    chinese_keys = {(event.type, event.date_start, event.location.adcode) for event in chinese_events}
    assert english_keys & chinese_keys


def test_extract_zh_mixed_document_reads_each_paragraph_in_its_language(context):
    text = (
        "On November 27, 2022, hundreds of students at Tsinghua University in Haidian district, Beijing, "
        "gathered on campus holding blank sheets of paper.\n"
        "11月26日晚，上海市徐汇区乌鲁木齐中路上百名市民聚集，手举白纸悼念遇难者，并高喊口号。\n"
        "11月27日凌晨，警察在乌鲁木齐中路带走了多名抗议者。"
    )
    events = extract_events(Document(text=text, language="en", published=date(2022, 11, 28)), context)
    places = {(event.type, event.location.adcode[:4]) for event in events if event.location.adcode}
    assert ("protest", "1101") in places
    assert ("protest", "3101") in places
    assert ("repression", "3101") in places
