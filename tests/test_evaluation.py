"""`undeleted eval --markdown` writes ACCURACY.md: figures, gold size, command and version."""

from pathlib import Path

from undeleted import __version__
from undeleted.evaluation import load_records, render_markdown
from undeleted.score import score

GOLD = Path(__file__).parent / "resources" / "gold_small.jsonl"


def test_evaluation_markdown_names_command_version_and_size():
    gold = load_records(GOLD)
    half = [record.model_copy(update={"events": record.events[:1]}) for record in gold]
    text = render_markdown(score(gold, half), {str(GOLD): score(gold, half)})
    assert f"undeleted eval {GOLD} --markdown" in text and __version__ in text
    assert "Gold set: 1 documents, 2 events." in text
    assert "| **overall** | 2 | 1 | 1 | 1.000 | 0.500 | 0.667 |" in text
    assert "| `defiance` | 1 | 1 | 1 |" in text and "| `repression` | 1 | 0 | 0 |" in text
