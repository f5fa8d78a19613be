"""A homonym named next to its province means the division in that province, here and later on."""

import pytest

from undeleted.geo import Gazetteer, find_places, resolve_places


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_package()


@pytest.mark.parametrize(
    "text, adcode",
    [
        ("Students gathered outside a school in Pucheng county, Shaanxi, on Sunday.", "610526"),
        ("陕西蒲城一所中学门外聚集了上千人。", "610526"),
        ("Traders in Pucheng, Fujian, went on strike.", "350722"),
        ("Villagers in Chaoyang district, Beijing, blocked a road.", "110105"),
    ],
)
def test_geo_qualified_homonym(text, adcode, gazetteer):
    assert resolve_places(find_places(text, gazetteer)).adcode == adcode


def test_geo_qualified_homonym_holds_for_later_bare_mentions(gazetteer):
    text = "A boy died at a school in Pucheng county, Shaanxi. Later, crowds in Pucheng demanded answers."
    mentions = [mention for mention in find_places(text, gazetteer) if mention.surface.startswith("Pucheng")]
    assert [mention.candidates[0].adcode for mention in mentions] == ["610526", "610526"]
    assert all(len(mention.candidates) == 1 for mention in mentions)
