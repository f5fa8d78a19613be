"""An ACLED-style CSV: ACLED's column names and codes, our events mapped to ACLED's event and sub-event types
(the table is in docs/CODEBOOK.md), plus our event_id, type, report URLs, titles, dates and evidence."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any, TextIO

from undeleted.export.cells import spreadsheet_safe

ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "tags",
    "undeleted_type",
    "event_id",
    "source_url",
    "source_title",
    "published",
    "evidence",
]
JOIN = "; "  # ACLED's own separator inside source and actor cells
DEMONSTRATIONS, STRATEGIC, VIOLENCE = "Demonstrations", "Strategic developments", "Political violence"
PROTESTERS, RIOTERS = "Protesters ({country})", "Rioters ({country})"
POLICE, GOVERNMENT = "Police Forces of {country}", "Government of {country}"
INTERVENTION = {"arrest", "detention", "violence", "police_deployment"}
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
ACLED_ISO3 = {"CN": "CHN", "HK": "HKG", "MO": "MAC", "TW": "TWN"}


def load_countries() -> dict[str, str]:
    text = resources.files("undeleted").joinpath("data", "countries.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines()[1:] if line.strip()]
    return {row[0]: row[1] for row in rows if len(row) >= 2}


def acled_type(event: Mapping[str, Any]) -> tuple[str, str, str]:
    """(disorder_type, event_type, sub_event_type); three blanks for types ACLED does not code."""
    kind = event.get("type")
    responses = set(event.get("state_response") or ())
    tactics = set(event.get("tactics") or ())
    if kind == "clash" or (kind == "defiance" and "property_damage" in tactics):
        return DEMONSTRATIONS, "Riots", "Violent demonstration"
    if kind in ("protest", "strike", "defiance"):
        if responses & INTERVENTION:
            return DEMONSTRATIONS, "Protests", "Protest with intervention"
        return DEMONSTRATIONS, "Protests", "Peaceful protest"
    if kind == "repression":
        if "violence" in responses or (event.get("fatalities") or 0) > 0:
            return VIOLENCE, "Violence against civilians", "Attack"
        return STRATEGIC, "Strategic developments", "Arrests"
    if kind in ("restriction", "relaxation", "censorship", "official_response"):
        return STRATEGIC, "Strategic developments", "Other"
    return "", "", ""  # petition, online_dissent, death, hardship: no ACLED equivalent


def actor_names(event: Mapping[str, Any], roles: set[str]) -> list[str]:
    return list(dict.fromkeys(a["name"] for a in event.get("actors") or () if a.get("role") in roles))


def acled_actors(event: Mapping[str, Any], event_type: str, country: str) -> tuple[str, str, str]:
    """(actor1, assoc_actor_1, actor2) in ACLED's manner: the generic actor first, our named actors beside it."""
    initiators = actor_names(event, {"initiator"})
    others = actor_names(event, {"target", "victim", "responder"})
    if event_type in ("Protests", "Riots"):
        actor1 = (RIOTERS if event_type == "Riots" else PROTESTERS).format(country=country)
        intervened = set(event.get("state_response") or ()) & INTERVENTION
        actor2 = JOIN.join(others) or (POLICE.format(country=country) if intervened else "")
        return actor1, JOIN.join(initiators), actor2
    if event.get("type") == "repression":
        return POLICE.format(country=country), JOIN.join(initiators), JOIN.join(others)
    if event_type:
        return GOVERNMENT.format(country=country), JOIN.join(initiators), JOIN.join(others)
    return JOIN.join(initiators), "", JOIN.join(others)


def geo_precision(location: Mapping[str, Any]) -> int | None:
    """ACLED: 1 a town or the place itself, 2 near it or part of a region, 3 a province or larger."""
    level = location.get("geo_precision")
    if level is None:
        return None
    if level == "admin3" and location.get("place"):
        return 1
    return 2 if level in ("admin3", "admin2") else 3


def crowd_size(event: Mapping[str, Any]) -> str:
    participants = event.get("participants") or {}
    low, high, size = participants.get("min"), participants.get("max"), participants.get("size") or "unknown"
    if low is not None and high is not None and low != high:
        return f"crowd size={low}-{high}"
    if low is not None or high is not None:
        return f"crowd size={low if low is not None else high}"
    return "crowd size=no report" if size == "unknown" else f"crowd size={size}"


def acled_row(event: Mapping[str, Any], countries: Mapping[str, str]) -> dict[str, Any]:
    location = event.get("location") or {}
    code = location.get("country") or "CN"
    country = countries.get(code, code)
    disorder, event_type, sub_event_type = acled_type(event)
    actor1, assoc_actor_1, actor2 = acled_actors(event, event_type, country)
    start = str(event.get("date_start") or "")
    sources = event.get("sources") or []
    outlets = list(dict.fromkeys(s.get("outlet") for s in sources if s.get("outlet")))
    protest_like = event_type in ("Protests", "Riots")
    return {
        "event_id_cnty": f"{ACLED_ISO3.get(code, code)}-{event.get('event_id')}",
        "event_date": start[:10],
        "year": int(start[:4]) if start else None,
        "time_precision": TIME_PRECISION.get(str(event.get("time_precision"))),
        "disorder_type": disorder,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": actor1,
        "assoc_actor_1": assoc_actor_1,
        "actor2": actor2,
        "country": country,
        "admin1": location.get("admin1") or "",
        "admin2": location.get("admin2") or "",
        "admin3": location.get("admin3") or "",
        "location": location.get("place")
        or location.get("admin3")
        or location.get("admin2")
        or location.get("admin1")
        or country,
        "latitude": location.get("lat"),
        "longitude": location.get("lon"),
        "geo_precision": geo_precision(location),
        "source": JOIN.join(outlets or (event.get("cited_sources") or [])),
        "notes": event.get("summary") or "",
        "fatalities": event.get("fatalities") or 0,
        "tags": crowd_size(event) if protest_like else "",
        "undeleted_type": event.get("type"),
        "event_id": event.get("event_id"),
        "source_url": " | ".join(s.get("url") or "" for s in sources),
        "source_title": " | ".join(s.get("title") or "" for s in sources),
        "published": " | ".join(s.get("published") or "" for s in sources),
        "evidence": " | ".join(sentence for s in sources for sentence in s.get("evidence") or ()),
    }


def write_acled(events: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    countries = load_countries()
    count = 0
    for event in events:
        row = acled_row(event, countries)
        writer.writerow(
            {key: spreadsheet_safe(value) if isinstance(value, str) else value for key, value in row.items()}
        )
        count += 1
    return count
