"""docs/CODEBOOK.md and the code's vocabularies must agree, both ways."""

import re
from pathlib import Path

import pytest

from undeleted.vocab import EVENT_TYPES, VOCABULARIES

CODEBOOK = (Path(__file__).resolve().parents[1] / "docs" / "CODEBOOK.md").read_text(encoding="utf-8")


def codebook_vocabularies() -> dict[str, set[str]]:
    section = CODEBOOK.split("## Fields and vocabularies")[1].split("\n## ")[0]
    listed = re.findall(r"^- `([^`]+)`: ((?:`[a-z_0-9]+`(?: \| )?)+)$", section, re.MULTILINE)
    return {field: set(re.findall(r"`([a-z_0-9]+)`", values)) for field, values in listed}


def table_types(heading: str) -> list[str]:
    section = CODEBOOK.split(heading)[1].split("\n## ")[0]
    return re.findall(r"^\|(?: \w+ \|)? `(\w+)` \|", section, re.MULTILINE)


def test_codebook_lists_every_vocabulary_of_the_code():
    assert set(codebook_vocabularies()) == set(VOCABULARIES)


@pytest.mark.parametrize("field", sorted(VOCABULARIES))
def test_codebook_vocabulary_matches_code(field):
    assert codebook_vocabularies()[field] == set(VOCABULARIES[field])


@pytest.mark.parametrize("heading", ["## Types", "## Mapping to other datasets"])
def test_codebook_tables_cover_every_type_once(heading):
    assert sorted(table_types(heading)) == sorted(EVENT_TYPES)
