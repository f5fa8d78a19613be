"""Traditional → simplified conversion keeps offsets usable on the original text."""

import pytest

from undeleted.text.convert import Converted, align_offsets, load_converter, to_simplified


@pytest.fixture(scope="module")
def converter():
    return load_converter()


@pytest.mark.parametrize(
    "traditional, simplified",
    [
        ("烏魯木齊中路的抗議者舉著白紙", "乌鲁木齐中路的抗议者举著白纸"),
        ("重慶一個小區門口，居民聚集抗議封控。", "重庆一个小区门口，居民聚集抗议封控。"),
        ("話題已被刪除", "话题已被删除"),
    ],
)
def test_text_convert_traditional_to_simplified(converter, traditional, simplified):
    converted = to_simplified(traditional, converter)
    assert converted.text == simplified
    assert converted.changed


@pytest.mark.parametrize("text", ["数百名退休人员聚集在汉口中山公园。", "Residents gathered at the gate."])
def test_text_convert_simplified_and_english_unchanged(converter, text):
    converted = to_simplified(text, converter)
    assert converted.text == text
    assert not converted.changed
    assert converted.to_original(5) == 5


@pytest.mark.parametrize(
    "traditional", ["上週一，數千名儲戶聚集在鄭州。", "警察把他帶走了；網友說話題被撤。"]
)
def test_text_convert_keeps_length_so_offsets_match(converter, traditional):
    converted = to_simplified(traditional, converter)
    assert len(converted.text) == len(traditional)
    assert converted.offsets is None
    start = converted.text.index("聚集" if "聚集" in converted.text else "带走")
    assert converted.original_span(start, start + 2) == (start, start + 2)


class Widening:
    """A converter that writes one character as two (lengths differ, as some OpenCC configs can)."""

    def convert(self, text: str) -> str:
        return text.replace("臺", "台湾")


@pytest.mark.parametrize("original, word", [("在臺抗議後被捕", "被捕"), ("臺北聚集", "聚集")])
def test_text_convert_maps_offsets_when_lengths_differ(original, word):
    converted = to_simplified(original, Widening())
    assert converted.offsets is not None
    start = converted.text.index(word)
    first, last = converted.original_span(start, start + len(word))
    assert original[first:last] == word


@pytest.mark.parametrize("original, converted", [("abc", "abc"), ("a臺c", "a台湾c"), ("", "")])
def test_text_convert_alignment_ends_at_original_length(original, converted):
    offsets = align_offsets(original, converted)
    assert len(offsets) == len(converted) + 1
    assert offsets[-1] == len(original)
    assert list(offsets) == sorted(offsets)


def test_text_convert_identity_map_without_offsets():
    assert Converted("abc", "abc").original_span(1, 2) == (1, 2)
