"""Decode echarts@4.9.0 map/json/china.json (zig-zag/delta encoded) into plain GeoJSON for the dashboard.

Usage:
    cd /tmp/x && npm install --no-audit --no-fund --ignore-scripts echarts@4.9.0
    python tools/build_china_geojson.py /tmp/x/node_modules/echarts/map/json/china.json \
        undeleted/web/static/geo/china-provinces.echarts-4.9.0.geojson

Each feature keeps `adcode` (6 digits), `name_zh` (short Chinese name) and gains `name_en`
(from undeleted/data/gazetteer.tsv). Coordinates are rounded to 3 decimals (about 100 m).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

Ring = list[list[float]]
GAZETTEER = Path(__file__).resolve().parent.parent / "undeleted" / "data" / "gazetteer.tsv"


def decode_ring(encoded: str, offsets: list[int], scale: float) -> Ring:
    """One ring: pairs of characters, each char - 64 is a zig-zag integer delta from the previous point."""
    previous_x, previous_y = offsets[0], offsets[1]
    ring: Ring = []
    for index in range(0, len(encoded) - 1, 2):
        x = ord(encoded[index]) - 64
        y = ord(encoded[index + 1]) - 64
        x = (x >> 1) ^ (-(x & 1))
        y = (y >> 1) ^ (-(y & 1))
        previous_x, previous_y = x + previous_x, y + previous_y
        ring.append([round(previous_x / scale, 3), round(previous_y / scale, 3)])
    return ring


def closed(ring: Ring) -> Ring:
    return ring if ring and ring[0] == ring[-1] else [*ring, ring[0]]


def decode_geometry(geometry: dict[str, Any], scale: float) -> dict[str, Any]:
    offsets = geometry["encodeOffsets"]
    if geometry["type"] == "Polygon":
        rings = [
            closed(decode_ring(ring, offsets[i], scale)) for i, ring in enumerate(geometry["coordinates"])
        ]
        return {"type": "Polygon", "coordinates": [r for r in rings if len(r) >= 4]}
    polygons = []
    for i, polygon in enumerate(geometry["coordinates"]):
        rings = [closed(decode_ring(ring, offsets[i][j], scale)) for j, ring in enumerate(polygon)]
        rings = [r for r in rings if len(r) >= 4]
        if rings:
            polygons.append(rings)
    return {"type": "MultiPolygon", "coordinates": polygons}


def english_names(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as handle:
        return {
            row["adcode"]: row["name_en"]
            for row in csv.DictReader(handle, delimiter="\t")
            if row["level"] == "admin1"
        }


def decode_collection(source: dict[str, Any], names_en: dict[str, str]) -> dict[str, Any]:
    scale = float(source.get("UTF8Scale") or 1024)
    features = []
    for feature in source["features"]:
        properties = feature["properties"]
        adcode = str(properties.get("id") or feature.get("id"))
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "adcode": adcode,
                    "name_zh": properties["name"],
                    "name_en": names_en.get(adcode, ""),
                    "center": properties.get("cp"),
                },
                "geometry": decode_geometry(feature["geometry"], scale),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def main(source_path: str, target_path: str) -> None:
    source = json.loads(Path(source_path).read_text(encoding="utf-8"))
    collection = decode_collection(source, english_names(GAZETTEER))
    Path(target_path).write_text(
        json.dumps(collection, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    print(f"{len(collection['features'])} features → {target_path}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
