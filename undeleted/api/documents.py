"""GET /api/documents (search, paginated) and /api/documents/{doc_id} (text and the events found in it)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from undeleted.dependencies import MAX_PAGE, RedactionDep, StoreDep, redacted
from undeleted.store import NotFound

router = APIRouter(prefix="/api/documents", tags=["documents"])


@router.get(
    "", summary="List documents", description="Stored reports, newest first; `q` searches title and text."
)
def get_documents(
    store: StoreDep,
    redaction: RedactionDep,
    q: Annotated[
        str | None, Query(max_length=200, description="Words the title or text must contain.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> dict[str, Any]:
    text = (q or "").strip() or None
    items = store.documents(text=text, limit=limit, offset=offset)
    return {"items": redacted(redaction, items), "limit": limit, "offset": offset}


@router.get(
    "/{doc_id}",
    summary="One document",
    description="The report's fields and text, and every event "
    "mention extracted from it with the canonical event it was linked to.",
)
def get_document(
    store: StoreDep, doc_id: Annotated[str, Path(max_length=200)], redaction: RedactionDep
) -> dict[str, Any]:
    document = store.document(doc_id)
    if document is None:
        raise NotFound(f"document {doc_id!r} does not exist")
    result: dict[str, Any] = redacted(redaction, document)
    return result
