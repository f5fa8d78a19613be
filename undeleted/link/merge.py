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
    """A mention with what merging needs from its document; `event` is an Event or its stored JSON dict."""

    mention_id: str
    doc_id: str
    event: Event | dict[str, Any]
    outlet: str | None = None
    url: str | None = None
    published: date | None = None

    def payload(self) -> dict[str, Any]:
        return self.event.model_dump(mode="json") if isinstance(self.event, Event) else self.event


def load_official_sources() -> frozenset[str]:
    """Names of official or state sources, from the package's official_sources.tsv."""
    text = resources.files("undeleted.link").joinpath("official_sources.tsv").read_text(encoding="utf-8")
    lines = (line.split("\t")[0].strip() for line in text.splitlines())
    return frozenset(line.casefold() for line in lines if line and not line.startswith("#"))


def origins(record: MentionRecord, payload: dict[str, Any]) -> set[str]:
    """Who a mention's report rests on: the sources it cites, or else its own outlet."""
    cited = {name.strip().casefold() for name in payload.get("cited_sources") or () if name.strip()}
    if cited:
        return cited
    return {record.outlet.strip().casefold()} if record.outlet and record.outlet.strip() else set()


def merged_credibility(
    records: Sequence[MentionRecord], payloads: Sequence[dict[str, Any]], official: frozenset[str]
) -> tuple[str, int]:
    """(credibility, corroboration): confirmed with an official source or >= 2 independent outlets."""
    outlets: set[str] = set()
    for record, payload in zip(records, payloads):
        outlets |= origins(record, payload)
    strongest = min((p["credibility"] for p in payloads), key=CREDIBILITY_RANK.__getitem__)
    named = outlets | {(r.outlet or "").casefold() for r in records}
    if len(outlets) >= 2 or named & official:
        strongest = "confirmed"
    return strongest, len(outlets)


def union(lists: Sequence[Sequence[Any]]) -> list[Any]:
    return list(dict.fromkeys(item for items in lists for item in items))


def span_days(event: dict[str, Any]) -> int:
    start = date.fromisoformat(event["date_start"])
    return (date.fromisoformat(event["date_end"] or event["date_start"]) - start).days


def most_precise_date(events: Sequence[dict[str, Any]]) -> dict[str, Any]:
    dated = [event for event in events if event.get("date_start")]
    if not dated:
        return events[0]
    return min(
        dated,
        key=lambda e: (
            PRECISION_RANK.get(e.get("time_precision") or "day", 0),
            span_days(e),
            e["date_start"],
        ),
    )


def merged_location(events: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The most precise location; a named place from another mention when that one names none."""
    best = min(
        events,
        key=lambda e: (
            GEO_RANK.get(e["location"].get("geo_precision") or "country", 3),
            not e["location"].get("place"),
        ),
    )
    location = dict(best["location"])
    if not location.get("place"):
        location["place"] = next((e["location"]["place"] for e in events if e["location"].get("place")), None)
    return location


def merged_participants(events: Sequence[dict[str, Any]]) -> dict[str, Any]:
    counts = [e.get("participants") or {} for e in events]
    mins = [c["min"] for c in counts if c.get("min") is not None]
    maxes = [c["max"] for c in counts if c.get("max") is not None]
    size = max((c.get("size") or "unknown" for c in counts), key=SIZE_RANK.__getitem__)
    return {"min": min(mins) if mins else None, "max": max(maxes) if maxes else None, "size": size}


def merge_mentions(
    records: Sequence[MentionRecord], official: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """A SCHEMA event dict merged from mentions, plus `corroboration` and `sources` (one per report)."""
    if not records:
        raise ValueError("merge_mentions needs at least one mention")
    events = [record.payload() for record in records]
    dated = most_precise_date(events)
    credibility, corroboration = merged_credibility(records, events, official)
    hashtags: dict[str, dict[str, Any]] = {}
    for event in events:
        for tag in event.get("hashtags") or ():
            known = hashtags.get(tag["tag"])
            if known is None or (tag.get("status_date") or "") > (known.get("status_date") or ""):
                hashtags[tag["tag"]] = dict(tag)
    actors = {
        (a["kind"], a["role"], a["name"].casefold()): dict(a) for e in events for a in e.get("actors") or ()
    }
    return {
        "type": events[0]["type"],
        "date_start": dated.get("date_start"),
        "date_end": dated.get("date_end"),
        "time_precision": dated.get("time_precision"),
        "location": merged_location(events),
        "actors": list(actors.values()),
        "participants": merged_participants(events),
        "grievances": union([e.get("grievances") or () for e in events]),
        "tactics": union([e.get("tactics") or () for e in events]),
        "state_response": union([e.get("state_response") or () for e in events]),
        "fatalities": max((e["fatalities"] for e in events if e.get("fatalities") is not None), default=None),
        "injuries": max((e["injuries"] for e in events if e.get("injuries") is not None), default=None),
        "hashtags": list(hashtags.values()),
        "credibility": credibility,
        "cited_sources": union([e.get("cited_sources") or () for e in events]),
        "summary": max((e.get("summary") or "" for e in events), key=len),
        "evidence": [dict(item) for e in events for item in e.get("evidence") or ()],
        "corroboration": corroboration,
        "sources": [
            {
                "doc_id": r.doc_id,
                "mention_id": r.mention_id,
                "outlet": r.outlet,
                "url": r.url,
                "published": r.published.isoformat() if r.published else None,
                "evidence": [dict(item) for item in e.get("evidence") or ()],
            }
            for r, e in zip(records, events)
        ],
    }
