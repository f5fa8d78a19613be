"""The shipped gazetteer: codes, English names, aliases, lookups and SCHEMA locations."""

import pytest

from undeleted.geo import Gazetteer, in_scope
from undeleted.geo.resolve import find_places, resolve_places


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_package()


@pytest.mark.parametrize(
    "adcode, name_en, name_zh, level",
    [
        ("210600", "Dandong", "丹东市", "admin2"),
        ("210603", "Zhenxing", "振兴区", "admin3"),
        ("650100", "Urumqi", "乌鲁木齐市", "admin2"),
        ("310104", "Xuhui", "徐汇区", "admin3"),
        ("110108", "Haidian", "海淀区", "admin3"),
        ("610100", "Xi'an", "西安市", "admin2"),
        ("230200", "Qiqihar", "齐齐哈尔市", "admin2"),
        ("810000", "Hong Kong", "香港特别行政区", "admin1"),
        ("820000", "Macau", "澳门特别行政区", "admin1"),
        ("650000", "Xinjiang", "新疆维吾尔自治区", "admin1"),
        ("510682", "Shifang", "什邡市", "admin3"),  # polyphonic 什: shí here, not shén as in 什么
        ("341621", "Guoyang", "涡阳县", "admin3"),
        ("222404", "Hunchun", "珲春市", "admin3"),
        ("150000", "Inner Mongolia", "内蒙古自治区", "admin1"),
        ("540000", "Tibet", "西藏自治区", "admin1"),
        ("610000", "Shaanxi", "陕西省", "admin1"),
        ("410526", "Hua", "滑县", "admin3"),
        ("410782", "Huixian", "辉县市", "admin3"),
        ("522700", "Qiannan", "黔南布依族苗族自治州", "admin2"),
        ("522732", "Sandu", "三都水族自治县", "admin3"),
        ("211300", "Chaoyang", "朝阳市", "admin2"),
        ("140400", "Changzhi", "长治市", "admin2"),
        ("411100", "Luohe", "漯河市", "admin2"),
        ("540300", "Qamdo", "昌都市", "admin2"),
        ("650200", "Karamay", "克拉玛依市", "admin2"),
        ("150600", "Ordos", "鄂尔多斯市", "admin2"),
        ("150100", "Hohhot", "呼和浩特市", "admin2"),
        ("341500", "Lu'an", "六安市", "admin2"),
        ("152502", "Xilinhot", "锡林浩特市", "admin3"),  # the name used in English, not the pinyin Xilinhaote
        ("632801", "Golmud", "格尔木市", "admin3"),
        ("150502", "Horqin", "科尔沁区", "admin3"),
    ],
)
def test_geo_division_names(gazetteer, adcode, name_en, name_zh, level):
    division = gazetteer.get(adcode)
    assert division is not None
    assert (division.name_en, division.name_zh, division.level) == (name_en, name_zh, level)


@pytest.mark.parametrize(
    "name, adcode",
    [
        ("Dandong", "210600"),
        ("Dandong city", "210600"),
        ("丹东", "210600"),
        ("丹东市", "210600"),
        ("丹東", "210600"),
        ("Haidian district", "110108"),
        ("Haidian District", "110108"),
        ("海淀區", "110108"),
        ("Liaoning Province", "210000"),
        ("liaoning", "210000"),
        ("Canton", "440100"),
        ("Peking", "110000"),
        ("Amoy", "350200"),
        ("Tientsin", "120000"),
        ("Chungking", "500000"),
        ("Wulumuqi", "650100"),
        ("烏魯木齊", "650100"),
        ("Xian", "610100"),
        ("Xi’an", "610100"),
        ("Inner Mongolia Autonomous Region", "150000"),
        ("Hong Kong SAR", "810000"),
        ("Macao", "820000"),
        ("Hua County", "410526"),
        ("Qiannan Prefecture", "522700"),
        ("West Ujimqin", "152526"),
        ("Yarkand", "653125"),
        ("Ghulja", "654002"),
    ],
)
def test_geo_lookup_finds_name_and_alias(gazetteer, name, adcode):
    assert gazetteer.lookup(name)[0].adcode == adcode


@pytest.mark.parametrize("name, adcodes", [("Laiwu", ["370116", "371200"]), ("莱芜", ["370116", "371200"])])
def test_geo_lookup_prefers_current_codes(gazetteer, name, adcodes):
    assert [division.adcode for division in gazetteer.lookup(name)] == adcodes


@pytest.mark.parametrize("adcode, obsolete", [("371200", True), ("370116", False), ("330383", False)])
def test_geo_old_codes_kept_and_marked(gazetteer, adcode, obsolete):
    assert gazetteer.get(adcode).obsolete is obsolete


@pytest.mark.parametrize(
    "adcode, parent, ancestors",
    [
        ("310104", "310000", ["310000"]),
        ("110105", "110000", ["110000"]),
        ("210603", "210600", ["210600", "210000"]),
        ("522732", "522700", ["522700", "520000"]),
    ],
)
def test_geo_parents_and_ancestors(gazetteer, adcode, parent, ancestors):
    division = gazetteer.get(adcode)
    assert division.parent == parent
    assert [item.adcode for item in gazetteer.ancestors(division)] == ancestors
    assert division in gazetteer.children(gazetteer.get(parent))


@pytest.mark.parametrize(
    "adcode, expected",
    [
        ("310104", ("CN", "Shanghai", "Shanghai", "Xuhui", "admin3")),
        ("110108", ("CN", "Beijing", "Beijing", "Haidian", "admin3")),
        ("500112", ("CN", "Chongqing", "Chongqing", "Yubei", "admin3")),
        ("310000", ("CN", "Shanghai", None, None, "admin1")),
        ("210600", ("CN", "Liaoning", "Dandong", None, "admin2")),
        ("210603", ("CN", "Liaoning", "Dandong", "Zhenxing", "admin3")),
        ("810000", ("HK", "Hong Kong", None, None, "admin1")),
        ("820000", ("MO", "Macau", None, None, "admin1")),
    ],
)
def test_geo_location_shape(gazetteer, adcode, expected):
    location = gazetteer.location(gazetteer.get(adcode), place="a site")
    got = (location.country, location.admin1, location.admin2, location.admin3, location.geo_precision)
    assert got == expected
    assert location.adcode == adcode and location.place == "a site"


def test_geo_coordinates_are_cpca_055(gazetteer):
    dandong = gazetteer.get("210600")
    assert (dandong.lat, dandong.lon) == (40.000787, 124.35445)


def test_geo_no_placeholder_rows(gazetteer):
    names = {division.name_zh for division in gazetteer.divisions.values()}
    assert "市辖区" not in names and "县" not in names
    assert gazetteer.get("110100") is None and gazetteer.get("310100") is None


@pytest.mark.parametrize(
    "adcode, scope", [("110000", True), ("810000", True), ("820000", True), ("710000", False)]
)
def test_geo_scope(gazetteer, adcode, scope):
    assert in_scope(gazetteer.get(adcode)) is scope


def test_geo_every_division_has_coordinates_and_english(gazetteer):
    for division in gazetteer.divisions.values():
        assert division.lat is not None and division.lon is not None, division
        assert division.name_en and division.name_en[0].isupper(), division


def test_geo_countries_table(gazetteer):
    assert gazetteer.countries["US"] == "United States"
    assert gazetteer.countries["CN"] == "China"


@pytest.mark.parametrize(
    "name, adcode",
    [
        (
            "西藏那曲地区比如县",
            "540622",
        ),  # Nagqu prefecture became a city in 2017: its counties were re-coded
        ("河北定州市", "130682"),  # a code it had while run by the province directly gives way to today's
    ],
)
def test_geo_obsolete_division_is_coded_by_its_successor(gazetteer, name, adcode):
    place = resolve_places(find_places(name, gazetteer, "zh"))
    assert gazetteer.location(place).adcode == adcode
