"""What the linker compares: a small, hashable digest of one extracted event."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from undeleted.models import Event

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


@dataclass(frozen=True, slots=True)
class Mention:
    """One extracted event as the linker sees it. `event_id` is set once it is linked."""

    mention_id: str
    doc_id: str
    type: str
    start: int | None
    end: int | None
    precision: str | None
    country: str
    area: tuple[str | None, str | None, str | None]
    place: str
    actor_kinds: frozenset[str]
    tactics: frozenset[str]
    grievances: frozenset[str]
    participants: tuple[int | None, int | None, str]
    event_id: str | None = None
    locked: bool = False
    age: str = ""


def area_of(
    adcode: str | None, names: tuple[str | None, str | None, str | None]
) -> tuple[str | None, str | None, str | None]:
    """(province, prefecture, county) keys: adcode prefixes, or `n:`-prefixed names without an adcode."""
    if adcode and len(adcode) == 6 and adcode.isdigit():
        province = adcode[:2]
        prefecture = adcode[:4] if adcode[2:4] != "00" else None
        county = adcode if adcode[4:] != "00" else None
        return (province, prefecture, county)
    return tuple(f"n:{name.casefold().strip()}" if name else None for name in names)  # type: ignore[return-value]


def normalise_place(place: str | None) -> str:
    """Lower-case, NFKC, keep letters, digits and CJK only."""
    if not place:
        return ""
    text = unicodedata.normalize("NFKC", place).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def mention_from_event(
    mention_id: str,
    doc_id: str,
    event: Event,
    event_id: str | None = None,
    locked: bool = False,
    age: str = "",
) -> Mention:
    """Digest an Event for linking; `age` orders existing events (oldest first) for choosing survivors."""
    location = event.location
    return Mention(
        mention_id=mention_id,
        doc_id=doc_id,
        type=event.type,
        start=event.date_start.toordinal() if event.date_start else None,
        end=(event.date_end or event.date_start).toordinal() if event.date_start else None,
        precision=event.time_precision,
        country=(location.country or "CN").upper(),
        area=area_of(location.adcode, (location.admin1, location.admin2, location.admin3)),
        place=normalise_place(location.place),
        actor_kinds=frozenset(actor.kind for actor in event.actors),
        tactics=frozenset(event.tactics),
        grievances=frozenset(event.grievances),
        participants=(event.participants.min, event.participants.max, event.participants.size),
        event_id=event_id,
        locked=locked,
        age=age,
    )


def ordinal(day: str | date | None) -> int | None:
    """Day number of an ISO date string (as stored in payloads) or a date."""
    if day is None:
        return None
    return (date.fromisoformat(day) if isinstance(day, str) else day).toordinal()


def mention_from_payload(
    mention_id: str,
    doc_id: str,
    payload: dict[str, Any],
    event_id: str | None = None,
    locked: bool = False,
    age: str = "",
) -> Mention:
    """The same digest as mention_from_event, from a stored event dict (SCHEMA JSON), without validation."""
    location = payload.get("location") or {}
    participants = payload.get("participants") or {}
    start = ordinal(payload.get("date_start"))
    return Mention(
        mention_id=mention_id,
        doc_id=doc_id,
        type=payload["type"],
        start=start,
        end=(ordinal(payload.get("date_end")) or start) if start is not None else None,
        precision=payload.get("time_precision"),
        country=(location.get("country") or "CN").upper(),
        area=area_of(
            location.get("adcode"), (location.get("admin1"), location.get("admin2"), location.get("admin3"))
        ),
        place=normalise_place(location.get("place")),
        actor_kinds=frozenset(actor["kind"] for actor in payload.get("actors") or ()),
        tactics=frozenset(payload.get("tactics") or ()),
        grievances=frozenset(payload.get("grievances") or ()),
        participants=(
            participants.get("min"),
            participants.get("max"),
            participants.get("size") or "unknown",
        ),
        event_id=event_id,
        locked=locked,
        age=age,
    )
