"""Pydantic models of ../shared/SCHEMA.md: a Document in, Events out. Nothing else."""

from __future__ import annotations

import hashlib
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from undeleted.vocab import (
    ActorKind,
    ActorRole,
    Credibility,
    DateSource,
    EventType,
    GeoPrecision,
    Grievance,
    HashtagStatus,
    ParticipantSize,
    StateResponse,
    Tactic,
    TimePrecision,
)


def text_digest(text: str) -> str:
    """The SCHEMA's doc_id: sha256 of the text with surrounding whitespace removed."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


MAX_CHARS = 2_000_000  # longer texts are refused (ingest and extract): a report is never this long, a dump is


class Document(Strict):
    doc_id: str = ""
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    date_source: DateSource = "unknown"
    language: str = "en"
    text: str

    @model_validator(mode="after")
    def _fill_doc_id(self) -> Document:
        if not self.doc_id:
            self.doc_id = text_digest(self.text)
        return self


class Location(Strict):
    country: str | None = "CN"
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    place: str | None = None
    adcode: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: GeoPrecision | None = None


class Actor(Strict):
    name: str
    kind: ActorKind
    role: ActorRole


class Participants(Strict):
    min: int | None = None
    max: int | None = None
    size: ParticipantSize = "unknown"


class Hashtag(Strict):
    tag: str
    status: HashtagStatus = "unknown"
    status_date: date | None = None


class Evidence(Strict):
    doc_id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Evidence:
        if self.end < self.start:
            raise ValueError(f"evidence end {self.end} is before start {self.start}")
        return self


class Event(Strict):
    type: EventType
    date_start: date | None = None
    date_end: date | None = None
    time_precision: TimePrecision | None = None
    location: Location = Field(default_factory=Location)
    actors: list[Actor] = Field(default_factory=list)
    participants: Participants = Field(default_factory=Participants)
    grievances: list[Grievance] = Field(default_factory=list)
    tactics: list[Tactic] = Field(default_factory=list)
    state_response: list[StateResponse] = Field(default_factory=list)
    fatalities: int | None = 0
    injuries: int | None = 0
    hashtags: list[Hashtag] = Field(default_factory=list)
    credibility: Credibility = "reported"
    cited_sources: list[str] = Field(default_factory=list)
    summary: str = ""
    evidence: list[Evidence] = Field(default_factory=list)

    @field_validator("grievances", "tactics", "state_response")
    @classmethod
    def _unique(cls, values: list[str]) -> list[str]:
        return list(dict.fromkeys(values))

    @model_validator(mode="after")
    def _dates_ordered(self) -> Event:
        if self.date_start and self.date_end and self.date_end < self.date_start:
            raise ValueError(f"date_end {self.date_end} is before date_start {self.date_start}")
        return self


class Record(Strict):
    """One line of a gold or prediction file: a document and its events."""

    doc: Document
    events: list[Event] = Field(default_factory=list)
