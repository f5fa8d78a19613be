"""GET /api/stats: event counts per type x month (or week) x province, for the same filters as /api/events."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from undeleted.dependencies import EventQueryDep, StoreDep

router = APIRouter(prefix="/api/stats", tags=["statistics"])


@router.get(
    "",
    summary="Event counts",
    description="Counts of matching events per type, period (`month` as "
    "YYYY-MM or `week` as the Monday's date) and province (first two adcode digits; null when unknown).",
)
def get_stats(
    store: StoreDep,
    query: EventQueryDep,
    period: Annotated[Literal["month", "week"], Query(description="month or week.")] = "month",
) -> dict[str, Any]:
    rows = store.count_by(query, period)
    return {"period": period, "total": sum(row["count"] for row in rows), "items": rows}
