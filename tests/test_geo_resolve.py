"""Finding division names in text and resolving them in context."""

import pytest

from undeleted.geo import Gazetteer, find_countries, find_places, resolve_mentions, resolve_places


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_package()


def surfaces(text, gazetteer, language="en"):
    return [mention.surface for mention in find_places(text, gazetteer, language)]


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("丹东市振兴区桃南社区", "zh", ["丹东市", "振兴区"]),
        ("Residents of Zhenxing district in Dandong gathered.", "en", ["Zhenxing district", "Dandong"]),
        ("Maokuishan, Zhenxing District, Dandong", "en", ["Zhenxing District", "Dandong"]),
        ("Protests in Hebei province and Guangzhou.", "en", ["Hebei province", "Guangzhou"]),
        ("A vigil on Wulumuqi Middle Road in Shanghai.", "en", ["Shanghai"]),
        ("A crowd on Urumqi Road, Shanghai.", "en", ["Shanghai"]),
        ("Shoppers on Nanjing Road.", "en", []),
        ("上海乌鲁木齐中路聚集了很多人", "zh", ["上海"]),
        ("南京路步行街", "zh", []),
        ("武汉中山公园", "zh", ["武汉"]),
        ("They met at Zhongshan Park in Wuhan.", "en", ["Wuhan"]),
        ("Xinhua News Agency said", "en", []),
        ("新华社报道", "zh", []),
        ("孙中山的故居", "zh", []),
        ("a zhengzhou factory", "en", []),
        ("Zhengzhou's Foxconn campus", "en", ["Zhengzhou"]),
        ("烏魯木齊市的居民", "zh", ["烏魯木齊市"]),
        ("Workers in Hua County, Anyang marched.", "en", ["Hua County", "Anyang"]),
        ("In Hong Kong and Macao.", "en", ["Hong Kong", "Macao"]),
        ("Canton and Peking", "en", ["Canton", "Peking"]),
        ("#丹东白血病男孩#", "zh", ["丹东"]),
        ("The Inner Mongolia Autonomous Region government", "en", ["Inner Mongolia Autonomous Region"]),
    ],
)
def test_geo_find_places_surfaces(gazetteer, text, language, expected):
    assert surfaces(text, gazetteer, language) == expected


def test_geo_offsets_point_into_text(gazetteer):
    text = "Police in Lanzhou, Gansu dispersed residents."
    for mention in find_places(text, gazetteer, "en"):
        assert text[mention.start : mention.end] == mention.surface


@pytest.mark.parametrize(
    "text, language, adcode",
    [
        ("Beijing — Liangma River (Chaoyang district)", "en", "110105"),
        ("Chaoyang district, Changchun", "en", "220104"),
        ("辽宁朝阳", "zh", "211300"),
        ("北京朝阳区", "zh", "110105"),
        ("Zhenxing district in Dandong", "en", "210603"),
        ("丹东市振兴区", "zh", "210603"),
        ("Shanghai's Xuhui district, on Wulumuqi Middle Road", "en", "310104"),
        ("Putuo district, Shanghai", "en", "310107"),
        ("Putuo district, Zhoushan", "en", "330903"),
        ("Chengguan district of Lanzhou", "en", "620102"),
        ("Chengguan district, Lhasa", "en", "540102"),
        ("Gulou district in Fuzhou", "en", "350102"),
        ("Gulou district in Nanjing", "en", "320106"),
        ("Lianjiang, Guangdong", "en", "440881"),
        ("Lianjiang, Fujian", "en", "350122"),
        ("Tengzhou, Shandong", "en", "370481"),
        ("Huixian, Henan", "en", "410782"),
        ("Sandu county in Qiannan, Guizhou", "en", "522732"),
        ("重庆渝北", "zh", "500112"),
        ("甘肃兰州七里河区", "zh", "620103"),
        ("黑龙江齐齐哈尔市龙沙区", "zh", "230202"),
        ("Qilihe district, Lanzhou", "en", "620103"),
        ("Tonghai county, Yuxi, Yunnan", "en", "530423"),
        ("Jilin province", "en", "220000"),
        ("Jilin city", "en", "220200"),
        ("Hainan", "en", "460000"),
    ],
)
def test_geo_resolve_homonyms_by_context(gazetteer, text, language, adcode):
    assert resolve_places(find_places(text, gazetteer, language)).adcode == adcode


@pytest.mark.parametrize(
    "text, prior, adcode",
    [
        ("Chaoyang district", "110000", "110105"),
        ("Chaoyang district", "220100", "220104"),
        ("Putuo district", "330900", "330903"),
        ("海淀", "110000", "110108"),
    ],
)
def test_geo_resolve_uses_prior(gazetteer, text, prior, adcode):
    mentions = find_places(text, gazetteer, "en")
    assert resolve_places(mentions, prior=gazetteer.get(prior)).adcode == adcode


@pytest.mark.parametrize("text", ["龙湖地产的办公地点", "Haidian residents", "Guide to the news"])
def test_geo_bare_county_name_alone_is_not_a_place(gazetteer, text):
    mentions = find_places(text, gazetteer, "en")
    assert resolve_mentions(mentions) == [None] * len(mentions)
    assert resolve_places(mentions) is None


def test_geo_bare_county_name_next_to_its_city_is_a_place(gazetteer):
    assert resolve_places(find_places("Haidian, Beijing", gazetteer, "en")).adcode == "110108"


@pytest.mark.parametrize(
    "text, adcode",
    [
        ("经县防疫指挥部研究，全县暂停堂食。仙居各乡镇同步执行", "331024"),  # the county's own notice
        ("仙居各乡镇同步执行", None),  # the bare name alone stays unplaced
        ("经县防疫指挥部研究，全县居民和外地游客居家。", None),  # 民和 inside 居民和外地 names no county
    ],
)
def test_geo_bare_county_name_in_a_county_report_is_a_place(gazetteer, text, adcode):
    place = resolve_places(find_places(text, gazetteer, "zh"))
    assert (place.adcode if place else None) == adcode


@pytest.mark.parametrize(
    "text, adcode",
    [
        ("他那天晚上在昌平被几名便衣带走。", "110114"),  # 在 + the name, then a word that is not part of it
        ("金山居民连续两天到区政府门前聚集。", "310116"),  # the name opens the sentence, then its residents
        ("工地位于江陵坝村，村民多次阻工。", None),  # a village named after the county is not the county
        ("上万名村民和居民聚集在拟建地。", None),  # 民和 straddles two words
        ("在和平年代，这样的事很少见。", None),  # 和平 here is "peace", not Heping district
        ("东区一个小区的居民昨天聚集在街道办门口。", None),  # any city's east district, not Hong Kong's
    ],
)
def test_geo_bare_county_name_where_something_happens_is_a_place(gazetteer, text, adcode):
    place = resolve_places(find_places(text, gazetteer, "zh"))
    assert (place.adcode if place else None) == adcode


def test_geo_no_mention_returns_prior(gazetteer):
    prior = gazetteer.get("210600")
    assert resolve_places([], prior=prior) == prior


@pytest.mark.parametrize(
    "text, codes",
    [("Rallies in Japan and the United States", ["JP", "US"]), ("Police in Beijing", [])],
)
def test_geo_find_countries(gazetteer, text, codes):
    assert [iso for _, _, iso in find_countries(text, gazetteer)] == codes


@pytest.mark.parametrize(
    "text, language",
    [
        ("Residents of the city's Taonan community were sealed in.", "en"),
        ("桃南社区的居民", "zh"),
        ("Shoppers on Urumqi Middle Road", "en"),
    ],
)
def test_geo_community_or_street_named_after_a_place_is_not_it(gazetteer, text, language):
    assert resolve_places(find_places(text, gazetteer, language)) is None
