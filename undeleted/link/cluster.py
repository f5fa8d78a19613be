"""Group mentions into canonical events: blocking by province, prefecture and date, best-first merging."""

from __future__ import annotations

from collections import defaultdict
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from undeleted.link.features import Mention
from undeleted.link.score import LinkOptions, compatible, pair_score


@dataclass(frozen=True)
class Cluster:
    """A canonical event after linking. `event_id` is None for a new event; `absorbed` events merged in."""

    event_id: str | None
    mention_ids: tuple[str, ...]
    new_mention_ids: tuple[str, ...]
    absorbed: tuple[str, ...] = ()


@dataclass
class Group:
    members: list[int]
    doc_ids: set[str]
    event_ids: set[str] = field(default_factory=set)
    locked: bool = False


def block_key(mention: Mention) -> tuple[str, str, str | None]:
    """Mentions are only compared inside one type x country x province block."""
    return (mention.type, mention.country, mention.area[0])


def by_start(mentions: Sequence[Mention], indices: list[int]) -> tuple[list[int], list[int]]:
    """Indices sorted by (start, mention_id), and their starts."""
    indices.sort(key=lambda i: (mentions[i].start, mentions[i].mention_id))
    return indices, [mentions[i].start or 0 for i in indices]


def window_pairs(
    mentions: Sequence[Mention],
    left: tuple[list[int], list[int]],
    right: tuple[list[int], list[int]],
    same: bool,
    after_ties: bool,
    reach: int,
    cap: int,
) -> Iterator[tuple[int, int]]:
    """Pairs (a, b), b starting at or after a and no later than a's end + reach, at most `cap` per a.

    `same`: left and right are one list (b after a in it). Across two lists, `after_ties` makes b
    start strictly after a, so that the two directions of a cross sweep never yield a pair twice.
    """
    indices, _ = left
    others, starts = right
    seek = bisect_right if after_ties else bisect_left
    for position, i in enumerate(indices):
        mention = mentions[i]
        horizon = (mention.end or 0) + reach
        taken = 0
        k = position + 1 if same else seek(starts, mention.start or 0)
        while k < len(others) and starts[k] <= horizon and taken < cap:
            j = others[k]
            k += 1
            if mention.event_id is not None and mentions[j].event_id is not None:
                continue
            taken += 1
            yield i, j


def block_pairs(
    mentions: Sequence[Mention], indices: list[int], reach: int, cap: int
) -> Iterator[tuple[int, int]]:
    """Pairs to score in one type x country x province block.

    Mentions placed in a prefecture (or below) meet only their prefecture's mentions and the
    province-level ones; province-level mentions meet everyone in the province. Each sweep runs
    over mentions sorted by date, so the work per mention is bounded by the density of its
    prefecture within the date window, and by `cap`.
    """
    fine: dict[str | None, list[int]] = defaultdict(list)
    coarse: list[int] = []
    for i in indices:
        prefecture = mentions[i].area[1]
        (coarse if prefecture is None else fine[prefecture]).append(i)
    coarse_sorted = by_start(mentions, coarse)
    yield from window_pairs(mentions, coarse_sorted, coarse_sorted, True, False, reach, cap)
    for members in fine.values():
        fine_sorted = by_start(mentions, members)
        yield from window_pairs(mentions, fine_sorted, fine_sorted, True, False, reach, cap)
        if coarse:
            yield from window_pairs(mentions, coarse_sorted, fine_sorted, False, False, reach, cap)
            yield from window_pairs(mentions, fine_sorted, coarse_sorted, False, True, reach, cap)


def candidate_pairs(
    mentions: Sequence[Mention], options: LinkOptions
) -> Iterable[tuple[float, int, int]]:
    """(score, i, j) of compatible pairs with at least one unlinked mention, blocked and swept by date."""
    blocks: dict[tuple[str, str, str | None], list[int]] = defaultdict(list)
    for index, mention in enumerate(mentions):
        if mention.start is not None:
            blocks[block_key(mention)].append(index)
    reach = max(days for _, days in options.widen_days)
    for indices in blocks.values():
        for i, j in block_pairs(mentions, indices, reach, options.max_candidates):
            score = pair_score(mentions[i], mentions[j], options)
            if score is not None and score >= options.threshold:
                yield (score, i, j) if mentions[i].mention_id < mentions[j].mention_id else (score, j, i)


def cluster_mentions(mentions: Sequence[Mention], options: LinkOptions = LinkOptions()) -> list[Cluster]:
    """Link unlinked mentions to each other and to linked ones; return the clusters that changed.

    Mentions with an `event_id` are already linked (their events are fixed groups); those of a
    `locked` (reviewed) event are never joined or merged. Pairs are merged best first; two groups
    merge only if no document is in both and every pair across them is compatible (so chains of
    near-misses do not drift). The surviving id of merged events is the oldest (`age`, then id).
    """
    parent = list(range(len(mentions)))
    groups: dict[int, Group] = {}
    first_of_event: dict[str, int] = {}
    for index, mention in enumerate(mentions):
        if mention.event_id is not None and mention.event_id in first_of_event:
            root = first_of_event[mention.event_id]
            parent[index] = root
            groups[root].members.append(index)
            groups[root].doc_ids.add(mention.doc_id)
            continue
        groups[index] = Group([index], {mention.doc_id}, set(), mention.locked)
        if mention.event_id is not None:
            first_of_event[mention.event_id] = index
            groups[index].event_ids.add(mention.event_id)

    def find(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    pairs = sorted(
        candidate_pairs(mentions, options),
        key=lambda item: (-item[0], mentions[item[1]].mention_id, mentions[item[2]].mention_id),
    )
    for _, i, j in pairs:
        root_i, root_j = find(i), find(j)
        if root_i == root_j:
            continue
        left, right = groups[root_i], groups[root_j]
        if left.locked or right.locked or left.doc_ids & right.doc_ids:
            continue
        if not all(
            compatible(mentions[a], mentions[b], options) for a in left.members for b in right.members
        ):
            continue
        if len(left.members) < len(right.members):
            root_i, root_j, left, right = root_j, root_i, right, left
        parent[root_j] = root_i
        left.members.extend(right.members)
        left.doc_ids |= right.doc_ids
        left.event_ids |= right.event_ids
        del groups[root_j]
    return [changed for group in groups.values() if (changed := to_cluster(group, mentions))]


def to_cluster(group: Group, mentions: Sequence[Mention]) -> Cluster | None:
    """The cluster of a group that gained mentions or merged events; None when nothing changed."""
    new = tuple(sorted(mentions[i].mention_id for i in group.members if mentions[i].event_id is None))
    if not new and len(group.event_ids) < 2:
        return None
    age = {mentions[i].event_id: mentions[i].age for i in group.members if mentions[i].event_id}
    ordered = sorted(group.event_ids, key=lambda event_id: (age[event_id], event_id))
    return Cluster(
        event_id=ordered[0] if ordered else None,
        mention_ids=tuple(sorted(mentions[i].mention_id for i in group.members)),
        new_mention_ids=new,
        absorbed=tuple(ordered[1:]),
    )
