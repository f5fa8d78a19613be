"""Importers for Weibo scraper exports and the generic format: what is read, and what is reported."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from undeleted.ingest.social import post_document, read_social

SOCIAL = Path(__file__).parent / "resources" / "social"


@pytest.mark.parametrize(
    "name, format, post_id, text_start, hashtags, ip_location",
    [
        (
            "weibo_crawler_posts.csv",
            "weibo-crawler",
            "4789012345678901",
            "丹东居民",
            ("#丹东白血病男孩#",),
            None,
        ),
        ("weibo_crawler_posts.csv", "auto", "4789012345678901", "丹东居民", ("#丹东白血病男孩#",), None),
        ("weibospider_posts.csv", "weibospider", "K1abcdEFG", "上海某小区", (), None),
        (
            "nghuyong_tweets_comments.jsonl",
            "auto",
            "4800000000000001",
            "丹东的视频",
            ("#丹东疫情#",),
            "发布于 辽宁",
        ),
        ("generic_posts.csv", "generic", "g1", "郑州富士康", ("#富士康#", "#郑州#"), "河南"),
    ],
)
def test_ingest_social_reads_posts_of_each_scraper(name, format, post_id, text_start, hashtags, ip_location):
    result = read_social([SOCIAL / name], format=format)
    post = next(post for post in result.posts if post.post_id == post_id)
    assert post.text.startswith(text_start)
    assert post.hashtags == hashtags
    assert post.ip_location == ip_location
    assert post.source.startswith(str(SOCIAL / name))


@pytest.mark.parametrize(
    "name, expected_rows",
    [
        ("weibo_crawler_posts.csv", {"5": "broken row", "6": "not understood"}),
        ("generic_comments.csv", {"7": "broken row"}),
        ("nghuyong_tweets_comments.jsonl", {"4": "broken JSON"}),
    ],
)
def test_ingest_social_reports_broken_rows_with_file_and_row_and_keeps_the_rest(name, expected_rows):
    result = read_social([SOCIAL / name], post_id="4800000000000001")
    messages = [str(problem) for problem in result.problems]
    for row, words in expected_rows.items():
        assert any(f"{SOCIAL / name}:{row}:" in message and words in message for message in messages), (
            messages
        )
    assert result.posts or result.comments


def test_ingest_social_multiline_post_keeps_its_line_number():
    result = read_social([SOCIAL / "weibo_crawler_posts.csv"])
    second = next(post for post in result.posts if post.post_id == "4789012345678902")
    assert second.text == "第二条微博\n跨两行"
    assert second.source.endswith(":3")
    assert second.published == datetime(2022, 7, 4, 8, 0)


@pytest.mark.parametrize("name, missing", [("missing_columns_comments.csv", "post_id")])
def test_ingest_social_missing_columns_named_with_file(name, missing):
    result = read_social([SOCIAL / name])
    assert not result.comments and not result.posts
    assert any(
        f"{SOCIAL / name}:1: missing column(s)" in str(p) and missing in str(p) for p in result.problems
    )


@pytest.mark.parametrize("post_id, comments", [(None, 0), ("4800000000000001", 2)])
def test_ingest_social_comments_without_post_id_need_one(post_id, comments):
    result = read_social([SOCIAL / "nghuyong_tweets_comments.jsonl"], post_id=post_id)
    assert len(result.comments) == comments
    if comments:
        assert {comment.ip_location for comment in result.comments} == {"来自辽宁", "来自火星"}


@pytest.mark.parametrize(
    "name, post_id, outlet, published",
    [
        ("generic_posts.csv", "g1", "Weibo", "2022-11-23"),
        ("weibo_crawler_posts.csv", "4789012345678901", "Weibo", "2022-07-03"),
    ],
)
def test_ingest_social_post_becomes_a_document_with_its_hashtags(name, post_id, outlet, published):
    post = next(p for p in read_social([SOCIAL / name]).posts if p.post_id == post_id)
    doc = post_document(post)
    assert doc.outlet == outlet and str(doc.published) == published
    assert all(tag in doc.text for tag in post.hashtags)
    assert doc.language == "zh"
    assert doc.url
