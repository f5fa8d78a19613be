"""Merge the mentions of one canonical event into its fields, sources, corroboration and credibility."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

from undeleted.link.features import PRECISION_RANK
from undeleted.models import Event

GEO_RANK = {"admin3": 0, "admin2": 1, "admin1": 2, "country": 3}
SIZE_RANK = {"unknown": -1, "individual": 0, "small": 1, "dozens": 2, "hundreds": 3, "thousands": 4}
CREDIBILITY_RANK = {"confirmed": 0, "reported": 1, "alleged": 2, "unverified": 3}


@dataclass(frozen=True)
class MentionRecord:
    """A mention with what merging needs from its document."""

    mention_id: str
    doc_id: str
    event: Event
    outlet: str | None = None
    url: str | None = None
    published: date | None = None


def load_official_sources() -> frozenset[str]:
    """Names of official or state sources, from the package's official_sources.tsv."""
    text = resources.files("undeleted.link").joinpath("official_sources.tsv").read_text(encoding="utf-8")
    lines = (line.split("\t")[0].strip() for line in text.splitlines())
    return frozenset(line.casefold() for line in lines if line and not line.startswith("#"))


def origins(record: MentionRecord) -> set[str]:
    """Who a mention's report rests on: the sources it cites, or else its own outlet."""
    cited = {name.strip().casefold() for name in record.event.cited_sources if name.strip()}
    if cited:
        return cited
    return {record.outlet.strip().casefold()} if record.outlet and record.outlet.strip() else set()


def merged_credibility(records: Sequence[MentionRecord], official: frozenset[str]) -> tuple[str, int]:
    """(credibility, corroboration): confirmed with an official source or >= 2 independent outlets."""
    outlets: set[str] = set()
    for record in records:
        outlets |= origins(record)
    strongest = min((r.event.credibility for r in records), key=CREDIBILITY_RANK.__getitem__)
    named = outlets | {(r.outlet or "").casefold() for r in records}
    if len(outlets) >= 2 or named & official:
        strongest = "confirmed"
    return strongest, len(outlets)


def union(lists: Sequence[Sequence[Any]]) -> list[Any]:
    return list(dict.fromkeys(item for items in lists for item in items))


def most_precise_date(events: Sequence[Event]) -> Event:
    dated = [event for event in events if event.date_start]
    if not dated:
        return events[0]
    return min(
        dated,
        key=lambda e: (
            PRECISION_RANK.get(e.time_precision or "day", 0),
            ((e.date_end or e.date_start) - e.date_start).days,  # type: ignore[operator]
            e.date_start,
        ),
    )


def merged_location(events: Sequence[Event]) -> dict[str, Any]:
    """The most precise location; a named place from another mention when that one names none."""
    best = min(events, key=lambda e: (GEO_RANK.get(e.location.geo_precision or "country", 3), not e.location.place))
    location = best.location.model_dump(mode="json")
    if not location["place"]:
        location["place"] = next((e.location.place for e in events if e.location.place), None)
    return location


def merged_participants(events: Sequence[Event]) -> dict[str, Any]:
    mins = [e.participants.min for e in events if e.participants.min is not None]
    maxes = [e.participants.max for e in events if e.participants.max is not None]
    size = max((e.participants.size for e in events), key=SIZE_RANK.__getitem__)
    return {"min": min(mins) if mins else None, "max": max(maxes) if maxes else None, "size": size}


def merge_mentions(records: Sequence[MentionRecord], official: frozenset[str] = frozenset()) -> dict[str, Any]:
    """A SCHEMA event dict merged from mentions, plus `corroboration` and `sources` (one per report)."""
    if not records:
        raise ValueError("merge_mentions needs at least one mention")
    events = [record.event for record in records]
    dated = most_precise_date(events)
    credibility, corroboration = merged_credibility(records, official)
    hashtags: dict[str, dict[str, Any]] = {}
    for event in events:
        for tag in event.hashtags:
            item = tag.model_dump(mode="json")
            known = hashtags.get(tag.tag)
            if known is None or (item["status_date"] or "") > (known["status_date"] or ""):
                hashtags[tag.tag] = item
    actors = {(a.kind, a.role, a.name.casefold()): a.model_dump(mode="json") for e in events for a in e.actors}
    return {
        "type": events[0].type,
        "date_start": dated.date_start.isoformat() if dated.date_start else None,
        "date_end": dated.date_end.isoformat() if dated.date_end else None,
        "time_precision": dated.time_precision,
        "location": merged_location(events),
        "actors": list(actors.values()),
        "participants": merged_participants(events),
        "grievances": union([e.grievances for e in events]),
        "tactics": union([e.tactics for e in events]),
        "state_response": union([e.state_response for e in events]),
        "fatalities": max((e.fatalities for e in events if e.fatalities is not None), default=None),
        "injuries": max((e.injuries for e in events if e.injuries is not None), default=None),
        "hashtags": list(hashtags.values()),
        "credibility": credibility,
        "cited_sources": union([e.cited_sources for e in events]),
        "summary": max((e.summary for e in events), key=len),
        "evidence": [item.model_dump(mode="json") for e in events for item in e.evidence],
        "corroboration": corroboration,
        "sources": [
            {
                "doc_id": r.doc_id,
                "mention_id": r.mention_id,
                "outlet": r.outlet,
                "url": r.url,
                "published": r.published.isoformat() if r.published else None,
                "evidence": [item.model_dump(mode="json") for item in r.event.evidence],
            }
            for r in records
        ],
    }
