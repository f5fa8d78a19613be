"""Linking the gold events of dev.jsonl: the README's same-event pairs link, its must-not pairs do not."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from undeleted.link import cluster_mentions, mention_from_event
from undeleted.models import Record

from floors import floor

# (DOC line number, event index) pairs, from ../shared/gold/README.md "Linking".
SAME_EVENT = [
    ((4, 0), (3, 1)),
    ((4, 1), (3, 2)),
    ((5, 0), (6, 0)),
    ((5, 1), (6, 1)),
    ((12, 0), (13, 0)),
    ((12, 1), (13, 1)),
    ((12, 3), (13, 2)),
    ((12, 4), (13, 3)),
    ((19, 0), (29, 0)),
    ((19, 1), (29, 1)),
    ((19, 2), (29, 2)),
    ((1, 0), (2, 0)),
    ((1, 4), (2, 2)),
    ((5, 3), (7, 0)),
    ((5, 4), (7, 2)),
]
MUST_NOT_MERGE = [
    ((2, 2), (2, 3)),
    ((1, 4), (2, 3)),
    ((3, 0), (3, 1)),
    ((9, 0), (3, 1)),
    ((9, 0), (4, 0)),
    ((12, 4), (12, 0)),
    ((30, 1), (30, 2)),
    ((18, 3), (18, 4)),
]


def mention_key(line: int, index: int) -> str:
    return f"DOC{line:02d}:{index}"


@pytest.fixture(scope="module")
def linked_pairs(gold_dev_path: Path) -> set[frozenset[str]]:
    records = [
        Record.model_validate_json(line) for line in gold_dev_path.read_text(encoding="utf-8").splitlines()
    ]
    mentions = [
        mention_from_event(mention_key(line, index), record.doc.doc_id, event)
        for line, record in enumerate(records, start=1)
        for index, event in enumerate(record.events)
    ]
    pairs: set[frozenset[str]] = set()
    for cluster in cluster_mentions(mentions):
        pairs.update(frozenset(pair) for pair in itertools.combinations(cluster.mention_ids, 2))
    return pairs


@pytest.mark.parametrize("left, right", SAME_EVENT)
def test_link_gold_same_event_pairs_are_linked(linked_pairs, left, right):
    assert frozenset({mention_key(*left), mention_key(*right)}) in linked_pairs


@pytest.mark.parametrize("left, right", MUST_NOT_MERGE)
def test_link_gold_must_not_merge_pairs_stay_apart(linked_pairs, left, right):
    assert frozenset({mention_key(*left), mention_key(*right)}) not in linked_pairs


def test_link_gold_pairwise_precision_and_recall(linked_pairs):
    gold = {frozenset({mention_key(*left), mention_key(*right)}) for left, right in SAME_EVENT}
    true_positives = len(linked_pairs & gold)
    precision = true_positives / len(linked_pairs) if linked_pairs else 0.0
    recall = true_positives / len(gold)
    print(
        f"\nlinking on dev.jsonl gold events: pairwise precision {precision:.3f}, recall {recall:.3f} "
        f"({len(linked_pairs)} linked pairs, {len(gold)} gold pairs)"
    )
    assert precision >= floor("link_pairs.precision") and recall >= floor("link_pairs.recall")
