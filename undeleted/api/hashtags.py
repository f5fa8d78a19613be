"""GET /api/hashtags: hashtags with their current status and every observation of it."""

from __future__ import annotations

from typing import Annotated, Any, get_args

from fastapi import APIRouter, Query

from undeleted.dependencies import MAX_PAGE, StoreDep
from undeleted.store.queries import checked
from undeleted.vocab import HashtagStatus

router = APIRouter(prefix="/api/hashtags", tags=["hashtags"])


@router.get(
    "",
    summary="List hashtags",
    description="Each hashtag with its latest status (removed, active, "
    "unknown) and its history: every report's observation, oldest first, with the event it belongs to.",
)
def get_hashtags(
    store: StoreDep,
    status: Annotated[str | None, Query(description="removed, active or unknown.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> dict[str, Any]:
    if status:
        checked("status", [status], get_args(HashtagStatus))
    return {"items": store.hashtags(status, limit, offset), "limit": limit, "offset": offset}
