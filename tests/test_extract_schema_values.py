"""SCHEMA v1.1 values found by the rules: grievance `political`, tactic `hunger_strike`, state responses
`prosecution` and `raid`, in English and Chinese (sentences written for this test)."""

import pytest

from undeleted.extract.lexicon import Lexicon
from undeleted.extract.tactics import find_grievances, find_state_response, find_tactics

FINDERS = {"tactics": find_tactics, "grievances": find_grievances, "state_response": find_state_response}


@pytest.fixture(scope="module")
def lexicons() -> dict[str, Lexicon]:
    return {language: Lexicon.load(language) for language in ("en", "zh")}


@pytest.mark.parametrize(
    "language, event_type, text, field, value",
    [
        (
            "en",
            "protest",
            "Marchers demanded that the security law be withdrawn and free elections held.",
            "grievances",
            "political",
        ),
        (
            "en",
            "protest",
            "Students rallied against the extradition bill outside the legislature.",
            "grievances",
            "political",
        ),
        ("zh", "protest", "数百名市民上街，要求撤回修例并落实普选。", "grievances", "political"),
        (
            "en",
            "protest",
            "Three mothers began a hunger strike outside the county court on Monday.",
            "tactics",
            "hunger_strike",
        ),
        ("zh", "protest", "几名退休教师在教育局门前绝食，要求补发养老金。", "tactics", "hunger_strike"),
        (
            "en",
            "repression",
            "Two organisers were charged with unlawful assembly and later sentenced to ten months.",
            "state_response",
            "prosecution",
        ),
        ("zh", "repression", "组织者被以寻衅滋事罪起诉，上月被判刑一年。", "state_response", "prosecution"),
        (
            "en",
            "repression",
            "Police raided the union's office and seized leaflets and computers.",
            "state_response",
            "raid",
        ),
        (
            "en",
            "repression",
            "Officers searched the newsroom and the paper's assets were frozen.",
            "state_response",
            "raid",
        ),
        ("zh", "repression", "警方搜查了该组织的办公室，并冻结其银行账户。", "state_response", "raid"),
    ],
)
def test_schema_values_found(language, event_type, text, field, value, lexicons):
    assert value in FINDERS[field](event_type, text, lexicons[language])


@pytest.mark.parametrize(
    "language, event_type, text, field, value",
    [
        (
            "en",
            "protest",
            "Villagers tried to block the road to the quarry.",
            "state_response",
            "prosecution",
        ),
        (
            "en",
            "protest",
            "Workers said they had not eaten since the canteen closed.",
            "tactics",
            "hunger_strike",
        ),
        ("zh", "protest", "工人们在厂门口聚集讨薪。", "grievances", "political"),
    ],
)
def test_schema_values_not_found_in_ordinary_wording(language, event_type, text, field, value, lexicons):
    assert value not in FINDERS[field](event_type, text, lexicons[language])
