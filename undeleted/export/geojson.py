"""Events as a GeoJSON FeatureCollection: one Point feature per event (null geometry when not located)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO


def feature(event: Mapping[str, Any]) -> dict[str, Any]:
    """The event's fields become properties; its division's coordinates become the point."""
    location = event.get("location") or {}
    lat, lon = location.get("lat"), location.get("lon")
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
    return {"type": "Feature", "id": event.get("event_id"), "geometry": geometry, "properties": dict(event)}


def write_geojson(events: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """Stream a FeatureCollection, one feature per line; returns the number of events written."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for event in events:
        if count:
            out.write(",\n")
        out.write(json.dumps(feature(event), ensure_ascii=False, default=str))
        count += 1
    out.write("\n]}\n")
    return count
