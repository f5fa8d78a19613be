"""Inline SVG for the static report: province outlines shaded by event count with event points, and a weekly
timeline stacked by event type. Plain strings; every text that reaches the markup is escaped."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from importlib import resources
from typing import Any

PROVINCES = "web/static/geo/china-provinces.echarts-4.9.0.geojson"
MAP_WIDTH = 760.0
MID_LATITUDE = 36.0
TYPE_COLORS = {  # the dashboard's colours (web/static/js/colors.js)
    "protest": "#d62728",
    "clash": "#8c1c13",
    "defiance": "#ff7f0e",
    "strike": "#bcbd22",
    "petition": "#e7ba52",
    "online_dissent": "#9467bd",
    "restriction": "#1f77b4",
    "relaxation": "#17becf",
    "repression": "#393b79",
    "censorship": "#7f7f7f",
    "official_response": "#2ca02c",
    "death": "#000000",
    "hardship": "#8c564b",
}
Ring = list[tuple[float, float]]


def color_of(event_type: str) -> str:
    return TYPE_COLORS.get(event_type, "#555555")


def load_provinces() -> dict[str, Any]:
    """The shipped province outlines (GeoJSON FeatureCollection with adcode, name_en, name_zh)."""
    return dict(json.loads(resources.files("undeleted").joinpath(PROVINCES).read_text(encoding="utf-8")))


def rings_of(geometry: Mapping[str, Any]) -> list[Ring]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [[(float(x), float(y)) for x, y, *_ in ring] for polygon in polygons for ring in polygon]


@dataclass(frozen=True)
class Projection:
    """Equirectangular, longitudes shrunk by cos(36°), fitted to MAP_WIDTH."""

    west: float
    north: float
    scale: float
    width: float
    height: float

    @classmethod
    def fit(cls, rings: Iterable[Ring]) -> Projection:
        points = [point for ring in rings for point in ring]
        xs = [x for x, _ in points] or [73.0, 135.5]
        ys = [y for _, y in points] or [17.5, 54.0]
        shrink = math.cos(math.radians(MID_LATITUDE))
        scale = MAP_WIDTH / ((max(xs) - min(xs)) * shrink)
        return cls(min(xs), max(ys), scale, MAP_WIDTH, (max(ys) - min(ys)) * scale)

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        shrink = math.cos(math.radians(MID_LATITUDE))
        return round((lon - self.west) * shrink * self.scale, 1), round((self.north - lat) * self.scale, 1)


def path_data(rings: Sequence[Ring], projection: Projection) -> str:
    """SVG path commands; consecutive points that round to the same pixel are dropped."""
    parts = []
    for ring in rings:
        projected: list[tuple[float, float]] = []
        for lon, lat in ring:
            point = projection.point(lon, lat)
            if not projected or point != projected[-1]:
                projected.append(point)
        if len(projected) >= 3:
            parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in projected) + "Z")
    return "".join(parts)


def shade(count: int, peak: int) -> str:
    if not count:
        return "#f4f1ea"
    light = round(88 - math.sqrt(count / max(peak, 1)) * 50)
    return f"hsl(8, 70%, {light}%)"


def province_map_svg(
    provinces: Mapping[str, Any], counts: Mapping[str, int], points: Iterable[Mapping[str, Any]]
) -> str:
    """Map of China: provinces shaded by `counts` (2-digit adcode -> events), one dot per located event."""
    features = [feature for feature in provinces["features"] if feature.get("geometry")]
    projection = Projection.fit(ring for feature in features for ring in rings_of(feature["geometry"]))
    peak = max(counts.values(), default=0)
    shapes = []
    for feature in features:
        props = feature["properties"]
        code = str(props.get("adcode", ""))[:2]
        count = counts.get(code, 0)
        label = escape(f"{props.get('name_en', '')} {props.get('name_zh', '')}: {count} event(s)")
        shapes.append(
            f'<path class="province" data-adcode="{escape(str(props.get("adcode", "")))}" '
            f'fill="{shade(count, peak)}" d="{path_data(rings_of(feature["geometry"]), projection)}">'
            f"<title>{label}</title></path>"
        )
    dots = []
    for point in points:
        if point.get("lat") is None or point.get("lon") is None:
            continue
        x, y = projection.point(float(point["lon"]), float(point["lat"]))
        title = escape(f"{point.get('type', '')} {point.get('date_start') or ''} {point.get('place') or ''}")
        dots.append(
            f'<circle class="event-point" cx="{x:g}" cy="{y:g}" r="3" '
            f'fill="{color_of(str(point.get("type")))}"><title>{title}</title></circle>'
        )
    return (
        f'<svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {projection.width:.0f} '
        f'{projection.height:.0f}" role="img" aria-label="Map of events by province">'
        f'<g stroke="#6b6257" stroke-width="0.6">{"".join(shapes)}</g>'
        f'<g stroke="#fff" stroke-width="0.8">{"".join(dots)}</g></svg>'
    )


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def timeline_svg(weekly: Iterable[Mapping[str, Any]], width: int = 420, height: int = 200) -> str:
    """Bars per week (rows of {period: 'YYYY-MM-DD' Monday, type, count}), stacked by type, empty weeks kept."""
    by_week: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in weekly:
        if row.get("period"):
            by_week[monday_of(date.fromisoformat(str(row["period"])[:10]))][str(row["type"])] += int(
                row["count"]
            )
    if not by_week:
        return (
            f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 40">'
            '<text x="4" y="24" class="empty">No dated events.</text></svg>'
        )
    first, last = min(by_week), max(by_week)
    weeks = [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    left, bottom, top = 34, 22, 8
    step = (width - left - 4) / len(weeks)
    peak = max(sum(types.values()) for types in by_week.values())
    scale = (height - bottom - top) / peak
    bars = []
    for index, week in enumerate(weeks):
        base: float = height - bottom
        for event_type, count in sorted(by_week.get(week, {}).items()):
            tall = count * scale
            base -= tall
            bars.append(
                f'<rect class="bar" x="{left + index * step:.1f}" y="{base:.1f}" '
                f'width="{max(step - 1, 0.8):.1f}" height="{tall:.1f}" fill="{color_of(event_type)}">'
                f"<title>{escape(f'week of {week}: {count} {event_type}')}</title></rect>"
            )
    ticks = []
    every = max(1, len(weeks) // 4)
    for index in range(0, len(weeks), every):
        if left + index * step + 62 > width:  # a label that would run off the right edge
            break
        ticks.append(
            f'<text class="tick" x="{left + index * step:.1f}" y="{height - 6}">{weeks[index]:%Y-%m-%d}'
            "</text>"
        )
    axis = (
        f'<line class="axis" x1="{left}" y1="{height - bottom}" x2="{width - 4}" y2="{height - bottom}"/>'
        f'<text class="tick" x="2" y="{top + 8}">{peak}</text><text class="tick" x="2" y="{height - bottom}">0'
        "</text>"
    )
    return (
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Events per week by type">{axis}{"".join(bars)}{"".join(ticks)}</svg>'
    )
