"""--redact: private people's names become stable placeholders; officials, outlets and organisations stay."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from undeleted.export.redact import Placeholders, Redactor, redact_event, redact_text
from undeleted.models import Record
from undeleted.store import Store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "gold" / "seeds.jsonl"
UNDELETED = shutil.which("undeleted", path=str(Path(sys.executable).parent)) or "undeleted"
# Private people named in the seeds' events (a Twitter account), and officials who must stay.
SEED_PRIVATE = ["Martin"]
SEED_OFFICIALS = ["Han Jianjun"]


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor.load()


def seed_records() -> list[Record]:
    if not SEEDS.exists():
        pytest.skip(f"{SEEDS} not present")
    return [
        Record.model_validate_json(line) for line in SEEDS.read_text(encoding="utf-8").splitlines() if line
    ]


def test_redact_cli_export_removes_private_names_in_seed_events_and_keeps_officials(tmp_path, database_url):
    db = database_url
    with Store.open(db) as store:
        for record in seed_records():
            store.save(record.doc, record.events)
        store.link()
    env = {key: value for key, value in os.environ.items() if key != "UNDELETED_DB"}
    outputs = {}
    for redact in (False, True):
        output = tmp_path / f"events-{redact}.jsonl"
        args = [UNDELETED, "export", "--format", "jsonl", "-o", str(output), "--db", db] + (
            ["--redact"] if redact else []
        )
        result = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
        assert result.returncode == 0, result.stderr
        outputs[redact] = output.read_text(encoding="utf-8")
    plain, redacted = outputs[False], outputs[True]
    for name in SEED_PRIVATE:
        assert name in plain and name not in redacted
    for name in SEED_OFFICIALS:
        assert name in plain and name in redacted
    assert "Twitter account [person 1]" in redacted
    assert len(plain.splitlines()) == len(redacted.splitlines())
    for line in redacted.splitlines():
        event = json.loads(line)
        assert event["event_id"] and event["type"]


@pytest.mark.parametrize(
    "summary, cited, private, kept",
    [
        (
            "A video posted by Twitter account Martin shows residents at the gate.",
            ["Twitter account Martin"],
            ["Martin"],
            ["Twitter"],
        ),
        (
            "Dandong mayor Han Jianjun apologised for failures in the lockdown.",
            [],
            [],
            ["Han Jianjun", "Dandong"],
        ),
        (
            "Han Jianjun, mayor of Dandong, apologised; resident Wang Lei said he had no food.",
            [],
            ["Wang Lei"],
            ["Han Jianjun"],
        ),
        (
            "Weibo user @洪水清波 shared a sunset photo; Reuters and the BBC reported the protest.",
            ["Reuters"],
            ["@洪水清波"],
            ["Reuters", "BBC"],
        ),
        (
            "Foreign ministry spokesperson Zhao Lijian denied the report by activist Li Ming.",
            [],
            ["Li Ming"],
            ["Zhao Lijian"],
        ),
        ("网友“洪水清波”发布视频，称居民被困。", [], ["洪水清波"], ["网友"]),
        ("市民王建国称小区已封闭十天，丹东市长韩建军道歉。", [], ["王建国"], ["韩建军", "丹东"]),
        ("一名刘女士向记者反映，微博用户@小白菜2022 的视频被删。", [], ["刘女士", "@小白菜2022"], ["记者"]),
        ("视频作者Cary发布的视频被删除。", [], ["Cary"], ["视频"]),
    ],
)
def test_redact_event_replaces_private_names_only(redactor, summary, cited, private, kept):
    event = {
        "event_id": "ev1",
        "type": "protest",
        "summary": summary,
        "cited_sources": cited,
        "actors": [{"name": "residents", "kind": "residents", "role": "initiator"}],
    }
    redacted = json.dumps(redact_event(event, redactor, Placeholders()), ensure_ascii=False)
    for name in private:
        assert name not in redacted
    for name in kept:
        assert name in redacted
    assert ("[person 1]" in redacted) is bool(private)


@pytest.mark.parametrize(
    "actor", [{"name": "Tuo Shilei, the boy's father", "kind": "individual", "role": "initiator"}]
)
def test_redact_actor_names_and_summary_share_one_placeholder(redactor, actor):
    event = {
        "summary": "Tuo Shilei said police kept him from the hospital; Tuo later posted on Weibo.",
        "actors": [actor, {"name": "Lanzhou officials", "kind": "officials", "role": "target"}],
    }
    redacted = redact_event(event, redactor, Placeholders())
    assert redacted["actors"][0]["name"] == "[person 1], the boy's father"
    assert (
        redacted["summary"]
        == "[person 1] said police kept him from the hospital; [person 1] later posted on Weibo."
    )
    assert redacted["actors"][1]["name"] == "Lanzhou officials"


def test_redact_placeholders_are_stable_within_an_export(redactor):
    numbering = Placeholders()
    first = redact_event(
        {"summary": "Activist Li Ming and blogger Zhou Yan were detained."}, redactor, numbering
    )
    second = redact_event({"summary": "Zhou Yan was released; Li Ming was not."}, redactor, numbering)
    assert first["summary"] == "Activist [person 1] and blogger [person 2] were detained."
    assert second["summary"] == "[person 2] was released; [person 1] was not."


def test_redact_report_text_of_a_seed_document(redactor):
    doc = next(record.doc for record in seed_records() if "@洪水清波" in record.doc.text)
    text = redact_text(doc.text, redactor, Placeholders())
    assert "洪水清波" not in text and "Han Jianjun" in text and "Global Times" in text and "Dandong" in text


STORED_SOURCE = {
    "doc_id": "d1",
    "mention_id": "d1:0",
    "outlet": "Radio Free Asia",
    "published": "2022-04-04",
    "url": "https://twitter.com/Martin/status/1",
    "evidence": [{"doc_id": "d1", "start": 0, "end": 40}],
}


@pytest.mark.parametrize(
    "sources", [[STORED_SOURCE], [STORED_SOURCE, {**STORED_SOURCE, "doc_id": "d2", "outlet": None}]]
)
def test_redact_event_with_sources_as_objects(redactor, sources):
    """Store.event gives sources as {doc_id, outlet, url, published, evidence}: no ',' or '{' taken for a name."""
    event = {
        "event_id": "ev1",
        "summary": "A video posted by Twitter account Martin shows police at the gate.",
        "actors": [{"name": "police", "kind": "police", "role": "initiator"}],
        "sources": sources,
    }
    redacted = redact_event(event, redactor, Placeholders())
    assert redacted["summary"] == "A video posted by Twitter account [person 1] shows police at the gate."
    assert redacted["sources"][0]["outlet"] == "Radio Free Asia"
    assert redacted["sources"][0]["url"] == "https://twitter.com/[person 1]/status/1"
    assert [source["evidence"] for source in redacted["sources"]] == [
        source["evidence"] for source in sources
    ]
    assert "[person 2]" not in json.dumps(redacted)


@pytest.mark.parametrize(
    "text, passage, private",
    [
        (
            "Mayor Han Jianjun came. A resident, Zhang Wei, said the gate was welded. Zhang left.",
            "Zhang left.",
            ["Zhang"],
        ),
        (
            "Mayor Han Jianjun came. A resident, Zhang Wei, said the gate was welded. Zhang left.",
            "Zhang Wei, said",
            ["Zhang Wei"],
        ),
        ("Mayor Han Jianjun came. A resident, Zhang Wei, said so.", "Mayor Han Jianjun came.", []),
        ("A resident, Zhang Wei, said so. Mayor Han Jianjun came.", "Wei, said so. Mayor Han", ["Wei"]),
        (
            "网友“洪水清波”发布视频，称居民被困。市民王建国称小区已封闭十天。",
            "市民王建国称小区已封闭十天。",
            ["王建国"],
        ),
    ],
)
def test_redact_document_evidence_offsets_follow_the_text(redactor, text, passage, private):
    """Evidence offsets into a redacted document mark the same words; a span starting inside a name covers
    the whole placeholder."""
    start = text.index(passage)
    event = {
        "documents": [{"doc_id": "d1", "text": text}],
        "evidence": [{"doc_id": "d1", "start": start, "end": start + len(passage)}],
    }
    redacted = redact_event(event, redactor, Placeholders())
    new_text, span = redacted["documents"][0]["text"], redacted["evidence"][0]
    expected = passage
    for name in private:
        expected = expected.replace(name, "\x00")
    pattern = r"\[person \d+\]".join(re.escape(part) for part in expected.split("\x00"))
    assert re.fullmatch(pattern, new_text[span["start"] : span["end"]])
    assert "[person" in new_text


@pytest.mark.parametrize(
    "text, kept", [("Vice premier Zhang Gaoli met the resident Zhang Wei.", "Zhang Gaoli")]
)
def test_redact_alias_of_a_private_name_leaves_an_officials_name_whole(redactor, text, kept):
    assert kept in redact_text(text, redactor, Placeholders())
