"""vocab.py must list exactly the vocabularies of ../shared/SCHEMA.md."""

import re
from pathlib import Path

import pytest

from undeleted.vocab import VOCABULARIES

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "SCHEMA.md"
# Where each vocabulary is written in SCHEMA.md: "`name`: `a` | `b` | ..." (or quoted in a JSON example).
ANCHORS = {"geo_precision": r"is the level of `adcode`:"}


def schema_values(field: str) -> set[str]:
    text = SCHEMA.read_text(encoding="utf-8")
    if field == "type":
        return set(re.findall(r"^\| \w+ \| `(\w+)` \|", text, re.MULTILINE))
    if field == "hashtags.status":
        listed = re.search(r'"status": ((?:"\w+"\s*\|?\s*)+)', text)
        assert listed, "hashtag statuses not found in SCHEMA.md"
        return set(re.findall(r'"(\w+)"', listed.group(1)))
    anchor = ANCHORS.get(field, rf"`{re.escape(field)}`:?")
    listed = re.search(rf"{anchor}\s*\(?((?:`[a-z_0-9]+`(?:\s*\([^)]*\))?\s*\|?\s*)+)", text)
    assert listed, f"{field} not found in SCHEMA.md"
    return set(re.findall(r"`([a-z_0-9]+)`", listed.group(1)))


@pytest.mark.skipif(not SCHEMA.exists(), reason="../shared/SCHEMA.md not beside the repo")
@pytest.mark.parametrize("field", sorted(VOCABULARIES))
def test_vocab_matches_schema(field):
    assert set(VOCABULARIES[field]) == schema_values(field)
