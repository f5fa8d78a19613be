"""Group mentions into canonical events: blocking by province, prefecture and date, best-first merging."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
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


SPAN_CLASSES = (1, 7, 31)  # days: a mention's span class is the first bound its end - start stays within


@dataclass
class Sweep:
    """Mentions of one area group and span class, sorted by (start, mention_id)."""

    indices: list[int]
    starts: list[int]
    longest: int  # the longest span, in days
    widest: int  # the largest date widening of its precisions


def sweep_of(mentions: Sequence[Mention], indices: list[int], options: LinkOptions) -> Sweep:
    indices.sort(key=lambda i: (mentions[i].start, mentions[i].mention_id))
    starts = [mentions[i].start or 0 for i in indices]
    longest = max(((mentions[i].end or 0) - (mentions[i].start or 0) for i in indices), default=0)
    widest = max(
        (options.widen(precision) for precision in {mentions[i].precision for i in indices}), default=0
    )
    return Sweep(indices, starts, longest, widest)


def span_class(mention: Mention) -> int:
    span = (mention.end or 0) - (mention.start or 0)
    return next((rank for rank, bound in enumerate(SPAN_CLASSES) if span < bound), len(SPAN_CLASSES))


def sweeps_by_class(mentions: Sequence[Mention], indices: list[int], options: LinkOptions) -> list[Sweep]:
    classes: list[list[int]] = [[] for _ in range(len(SPAN_CLASSES) + 1)]
    for i in indices:
        classes[span_class(mentions[i])].append(i)
    return [sweep_of(mentions, members, options) for members in classes]


def later_in_sweep(mentions: Sequence[Mention], sweep: Sweep, position: int, cap: int) -> Iterator[int]:
    """Mentions after `position` in the sweep that start within its date window; at most `cap`, nearest first."""
    mention = mentions[sweep.indices[position]]
    horizon = (mention.end or 0) + sweep.widest
    stop = min(bisect_right(sweep.starts, horizon), position + 1 + cap)
    return iter(sweep.indices[position + 1 : stop])


def overlapping(
    mentions: Sequence[Mention], sweep: Sweep, mention: Mention, widen: int, cap: int
) -> Iterator[int]:
    """Mentions of the sweep whose span meets `mention`'s within the widening; at most `cap` looked at, latest first."""
    reach = max(widen, sweep.widest)
    low = (mention.start or 0) - reach
    k = bisect_right(sweep.starts, (mention.end or 0) + reach) - 1
    floor = low - sweep.longest
    looked = 0
    while k >= 0 and sweep.starts[k] >= floor and looked < cap:
        j = sweep.indices[k]
        k -= 1
        looked += 1
        if (mentions[j].end or 0) >= low:
            yield j


def block_pairs(
    mentions: Sequence[Mention], indices: list[int], options: LinkOptions
) -> Iterator[tuple[int, int]]:
    """Pairs to score in one type x country x province block, each once.

    Mentions placed in a prefecture (or below) meet only their prefecture's mentions and the
    province-level ones. Within an area group, mentions are split by span class (a day, a week, a
    month, longer) and sorted by date: a mention meets the later ones of its class within its date
    window, and those of longer classes that overlap it. Each lookup stops after `cap` mentions,
    so the work per mention stays bounded however dense a block gets.
    """
    fine: dict[str | None, list[int]] = defaultdict(list)
    coarse_members: list[int] = []
    for i in indices:
        prefecture = mentions[i].area[1]
        (coarse_members if prefecture is None else fine[prefecture]).append(i)
    cap = options.max_candidates
    coarse = sweeps_by_class(mentions, coarse_members, options)
    groups = [(coarse, False)] + [
        (sweeps_by_class(mentions, members, options), True) for members in fine.values()
    ]
    for sweeps, is_fine in groups:
        for rank, sweep in enumerate(sweeps):
            for position, i in enumerate(sweep.indices):
                mention = mentions[i]
                widen = options.widen(mention.precision)
                partners = [*later_in_sweep(mentions, sweep, position, cap)]
                for longer in sweeps[rank + 1 :]:
                    partners.extend(overlapping(mentions, longer, mention, widen, cap))
                if is_fine and coarse_members:
                    for other in coarse:
                        partners.extend(overlapping(mentions, other, mention, widen, cap))
                for j in partners:
                    if mention.event_id is None or mentions[j].event_id is None:
                        yield i, j


def candidate_pairs(mentions: Sequence[Mention], options: LinkOptions) -> Iterable[tuple[float, int, int]]:
    """(score, i, j) of compatible pairs with at least one unlinked mention, blocked and swept by date."""
    blocks: dict[tuple[str, str, str | None], list[int]] = defaultdict(list)
    for index, mention in enumerate(mentions):
        if mention.start is not None:
            blocks[block_key(mention)].append(index)
    for indices in blocks.values():
        for i, j in block_pairs(mentions, indices, options):
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
