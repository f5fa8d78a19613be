"""Redacted mode (`undeleted serve --redact`): each response's report-derived text with private people's names
replaced by placeholders numbered within that response (one Placeholders per request)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, Request

from undeleted.api.params import in_event_loop

if TYPE_CHECKING:
    from undeleted.export.redact import Placeholders, Redactor

WRITES_OFF = (
    "review writes are off while the server runs in redacted mode (undeleted serve --redact), "
    "so that the edit form never shows the original names; start it without --redact to review"
)


def new_placeholders() -> Placeholders:
    from undeleted.export.redact import Placeholders

    return Placeholders()


@dataclass(frozen=True)
class Redaction:
    """The server's Redactor and this request's numbering of people."""

    redactor: Redactor
    placeholders: Placeholders = field(default_factory=new_placeholders)

    def value(self, payload: Any) -> Any:
        """A JSON-like payload with its private names replaced (document texts and evidence offsets kept in step)."""
        from undeleted.export.redact import redact_value

        return redact_value(payload, self.redactor, self.placeholders)

    def events(self, events: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
        """A stream of events (an export), numbered once for the whole response."""
        from undeleted.export.redact import redact_events

        return redact_events(events, self.redactor, self.placeholders)


def redaction_of(request: Request) -> Redaction | None:
    """This request's Redaction when the server runs in redacted mode, else None."""
    redactor: Redactor | None = getattr(request.app.state, "redactor", None)
    return None if redactor is None else Redaction(redactor)


def redacted(redaction: Redaction | None, payload: Any) -> Any:
    return payload if redaction is None else redaction.value(payload)


RedactionDep = Annotated[Redaction | None, Depends(in_event_loop(redaction_of))]
