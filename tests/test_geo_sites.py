"""Sites below county level, as written in the text."""

import pytest

from undeleted.geo import find_sites


@pytest.mark.parametrize(
    "text, language, expected",
    [
        (
            "Residents of Tianyu Phoenix City community in Lanzhou shouted.",
            "en",
            "Tianyu Phoenix City community",
        ),
        ("A vigil on Wulumuqi Middle Road on Saturday.", "en", "Wulumuqi Middle Road"),
        ("Students at Tsinghua University held up paper.", "en", "Tsinghua University"),
        ("People gathered by the Liangma River in Beijing.", "en", "Liangma River"),
        ("Retirees filled Zhongshan Park in Wuhan.", "en", "Zhongshan Park"),
        ("Workers at Foxconn's Zhengzhou campus clashed.", "en", "Foxconn's Zhengzhou campus"),
        ("Crowds at People's Square in Dalian.", "en", "People's Square"),
        ("They walked along Hanzheng Street.", "en", "Hanzheng Street"),
        ("Police surrounded Najiaying Mosque.", "en", "Najiaying Mosque"),
        ("Honglin Village, Guanqiao Town, Tengzhou", "en", "Honglin Village"),
        ("丹东市振兴区桃南社区的居民", "zh", "桃南社区"),
        ("数百名退休人员聚集在汉口中山公园", "zh", "汉口中山公园"),
        ("海珠区后滘村的村民", "zh", "后滘村"),
        ("齐齐哈尔市第三十四中学体育馆屋顶坍塌", "zh", "第三十四中学体育馆"),
        ("在人民广场集会", "zh", "人民广场"),
        ("七里河区西园街道的居民", "zh", "西园街道"),
        ("民众聚集在富士康园区门口", "zh", "富士康园区"),
        ("业主等来自嘉积镇的七十余人", "zh", "嘉积镇"),  # 来自 opens the clause, not the name
        ("号召住户次日上午到市政广场聚集", "zh", "市政广场"),  # 市 of 市政广场 is not a division's suffix
    ],
)
def test_geo_find_sites(text, language, expected):
    assert expected in [surface for _, _, surface in find_sites(text, language)]


@pytest.mark.parametrize(
    "text, language",
    [
        ("Police detained five people on Tuesday.", "en"),
        ("他们表示不满", "zh"),
        ("业主到市政府门前聚集", "zh"),
        ("区内不少街坊小店已关门", "zh"),
    ],
)
def test_geo_no_site_in_plain_sentence(text, language):
    assert find_sites(text, language) == []


def test_geo_site_offsets(tmp_path):
    text = "Residents of Tianyu Phoenix City community gathered."
    for start, end, surface in find_sites(text, "en"):
        assert text[start:end] == surface
