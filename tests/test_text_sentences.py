"""Sentences carry offsets into the document, in English and Chinese; boilerplate is flagged."""

import pytest

from undeleted.text.lang import detect_language
from undeleted.text.sentences import split_sentences


@pytest.mark.parametrize(
    "text, language, expected",
    [
        (
            "Police arrived at 9 p.m. on Oct. 2. They arrested Mr. Li. Residents shouted!",
            "en",
            ["Police arrived at 9 p.m. on Oct. 2.", "They arrested Mr. Li.", "Residents shouted!"],
        ),
        (
            'Residents gathered.\n\nThen "they left." Police came.',
            "en",
            ["Residents gathered.", 'Then "they left."', "Police came."],
        ),
        (
            "10月2日晚，业主聚集。警方到场！有人被带走？\n据希望之声报道",
            "zh",
            ["10月2日晚，业主聚集。", "警方到场！", "有人被带走？", "据希望之声报道"],
        ),
        ("他说：“解封！”随后离开。", "zh", ["他说：“解封！”", "随后离开。"]),
    ],
)
def test_text_sentences_split_with_offsets(text, language, expected):
    sentences = split_sentences(text, language)
    assert [s.text for s in sentences] == expected
    assert all(text[s.start : s.end] == s.text for s in sentences)


@pytest.mark.parametrize(
    "line, boilerplate",
    [
        ("Sign up to receive our latest news!", True),
        ("By submitting this form, I agree to the terms.", True),
        ("© 2022 Example News. All rights reserved.", True),
        ("We use cookies to improve your experience. Accept all cookies.", True),
        ("版权所有 © 2023 某某网", True),
        ("Residents signed a petition to the city government.", False),
        ("The newsletter of the union reported that workers walked out on Monday over wages.", False),
    ],
)
def test_text_boilerplate_lines_are_flagged(line, boilerplate):
    language = detect_language(line)
    assert all(s.boilerplate == boilerplate for s in split_sentences(line, language))


@pytest.mark.parametrize(
    "text, language",
    [
        ("Residents of Dandong protested.", "en"),
        ("丹东居民抗议封控。", "zh"),
        ("据推特账号 Martin 发布的视频，兰州居民聚集。", "zh"),
        ("Hashtag #丹东白血病男孩# was taken offline on Monday after it trended.", "en"),
    ],
)
def test_text_language_detection(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize(
    "text, language",
    [
        ("Жители Даньдуна вышли на протест против карантина в понедельник.", "ru"),
        (
            "Les habitants de Dandong ont manifesté contre le confinement lundi soir devant la mairie de la ville.",
            "und",
        ),
        ("ダンドンの住民が抗議した", "ja"),
        ("단둥 주민들이 항의했다", "ko"),
        ("12345 678", "und"),
    ],
)
def test_text_language_detection_tells_unsupported_languages(text, language):
    assert detect_language(text) == language
