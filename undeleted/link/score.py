"""How alike two mentions are: hard compatibility (type, place, date) and a weighted description score."""

from __future__ import annotations

from dataclasses import dataclass

from undeleted.link.features import Mention

SIZE_ORDER = {"individual": 0, "small": 1, "dozens": 2, "hundreds": 3, "thousands": 4}


@dataclass(frozen=True)
class LinkOptions:
    """Weights and threshold of the pair score; the widening, in days, per time precision.

    `max_candidates`: at most this many later-starting mentions are scored against each mention
    in each sweep of its block (nearest dates first), which bounds the cost in dense blocks.
    `threshold` 0.7: date and area agreement alone (0.6) no longer link two reports, some of the
    description must agree too. On bench/link_scale.py's 100k synthetic mentions, 0.6 -> 0.7 moved
    pairwise precision 0.860 -> 0.934 and recall 0.975 -> 0.927; gold pairs stay at 1.000 / 1.000.
    A cap of 5 instead of 50 changed neither figure.
    """

    threshold: float = 0.7
    date_weight: float = 0.4
    area_weight: float = 0.2
    description_weight: float = 0.4
    widen_days: tuple[tuple[str, int], ...] = (("day", 1), ("week", 3), ("month", 0), ("year", 0))
    widened_date_score: float = 0.25
    nested_area_score: float = 0.6
    max_candidates: int = 5

    def widen(self, precision: str | None) -> int:
        return dict(self.widen_days).get(precision or "day", 1)


def area_agreement(a: Mention, b: Mention, options: LinkOptions) -> float | None:
    """1.0 for the same division, less for nested ones, None when the places exclude each other."""
    if a.country != b.country:
        return None
    for left, right in zip(a.area, b.area):
        if left is not None and right is not None and left != right:
            return None
    if a.area[0] is None or b.area[0] is None:
        return 1.0 if a.area == b.area else None
    return 1.0 if a.area == b.area else options.nested_area_score


def date_agreement(a: Mention, b: Mention, options: LinkOptions) -> float | None:
    """1.0 when the spans overlap, less when they are apart by at most the widening of the coarser precision."""
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return None
    if a.start <= b.end and b.start <= a.end:
        return 1.0
    pad = max(options.widen(a.precision), options.widen(b.precision))
    if a.start - pad <= b.end and b.start - pad <= a.end:
        return options.widened_date_score
    return None


def compatible(a: Mention, b: Mention, options: LinkOptions) -> bool:
    """Could these two mentions be one event at all? (Never two mentions of one document.)"""
    return (
        a.doc_id != b.doc_id
        and a.type == b.type
        and date_agreement(a, b, options) is not None
        and area_agreement(a, b, options) is not None
    )


def jaccard(a: frozenset[str], b: frozenset[str]) -> float | None:
    return len(a & b) / len(a | b) if a and b else None


def bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def is_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def place_similarity(a: str, b: str) -> float | None:
    """Dice over character bigrams when both places are named in the same script; None otherwise."""
    if not a or not b or is_cjk(a) != is_cjk(b):
        return None
    if a in b or b in a:
        return 1.0
    left, right = bigrams(a), bigrams(b)
    return 2 * len(left & right) / (len(left) + len(right))


def participants_agreement(a: Mention, b: Mention) -> float | None:
    """Stated numbers within a factor of two, or the same size class (adjacent classes count half)."""
    (a_min, a_max, a_size), (b_min, b_max, b_size) = a.participants, b.participants
    a_low, b_low = a_min or a_max, b_min or b_max
    if a_low and b_low:
        a_high, b_high = a_max or a_low, b_max or b_low
        return 1.0 if a_low <= 2 * b_high and b_low <= 2 * a_high else 0.0
    if a_size in SIZE_ORDER and b_size in SIZE_ORDER:
        gap = abs(SIZE_ORDER[a_size] - SIZE_ORDER[b_size])
        return {0: 1.0, 1: 0.5}.get(gap, 0.0)
    return None


def description_agreement(a: Mention, b: Mention) -> float:
    """Mean agreement of actors, tactics, grievances, numbers and place name; 0.5 when nothing compares."""
    parts = [
        jaccard(a.actor_kinds, b.actor_kinds),
        jaccard(a.tactics, b.tactics),
        jaccard(a.grievances, b.grievances),
        participants_agreement(a, b),
        place_similarity(a.place, b.place),
    ]
    known = [part for part in parts if part is not None]
    return sum(known) / len(known) if known else 0.5


def pair_score(a: Mention, b: Mention, options: LinkOptions = LinkOptions()) -> float | None:
    """Score in [0, 1] that two mentions report one event; None when they cannot be one."""
    if a.doc_id == b.doc_id or a.type != b.type:
        return None
    dates = date_agreement(a, b, options)
    if dates is None:
        return None
    area = area_agreement(a, b, options)
    if area is None:
        return None
    return (
        options.date_weight * dates
        + options.area_weight * area
        + options.description_weight * description_agreement(a, b)
    )
