"""Townships and sub-districts (镇, 乡, 街道) name the county they lie in; a name many counties share needs a
larger division beside it."""

from datetime import date

import pytest

from undeleted.extract import extract_events
from undeleted.geo import Gazetteer, find_places, resolve_places
from undeleted.models import Document


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_package()


@pytest.mark.parametrize(
    "text, adcode",
    [
        ("昨天下午，窦店镇一街村的村民聚集在村委会门口。", "110111"),  # Fangshan, Beijing
        ("张江镇一个小区的居民说物资发不下来。", "310115"),  # Pudong
        ("湖南省宁乡市双凫铺镇", "430182"),  # a township named with its county
    ],
)
def test_a_township_places_the_text_in_its_county(gazetteer, text, adcode):
    assert resolve_places(find_places(text, gazetteer, "zh")).adcode == adcode


def test_a_township_name_many_counties_share_names_none_alone(gazetteer):
    (mention,) = find_places("城关镇的居民在镇政府门口聚集。", gazetteer, "zh")
    assert not mention.explicit and len(mention.candidates) > 50
    assert resolve_places(find_places("城关镇的居民在镇政府门口聚集。", gazetteer, "zh")) is None


def test_the_geo_command_finds_a_sub_district(gazetteer):
    assert [division.name_zh for division in gazetteer.lookup("劲松街道")] == ["朝阳区"]


def test_an_event_in_a_sub_district_is_placed_in_its_district(context):
    text = "5月2日，劲松街道一个小区的上百名居民聚集在小区门口，要求解除封控。"
    events = extract_events(Document(text=text, published=date(2022, 5, 2), language="zh"), context)
    assert [(event.type, event.location.adcode) for event in events] == [("protest", "110105")]
