"""A small real database for the redacted-mode tests: reports naming private people (a resident, a Weibo user,
a Twitter account) and an official, run through the real pipeline, plus one hand-made event whose actors,
cited sources and evidence name them."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from undeleted.extract import ExtractContext
from undeleted.models import Actor, Document, Event, Evidence, Location
from undeleted.pipeline import run
from undeleted.store import Store

PRIVATE = ["Zhang Wei", "Zhang", "洪水清波", "Martin"]
OFFICIAL = "Han Jianjun"
PLACEHOLDER = re.compile(r"\[person \d+\]")
REPORTS = {
    "dandong-gate.txt": """---
title: Zhang Wei and neighbours protest at Dandong compound gate
outlet: Radio Free Asia
published: 2022-04-04
url: https://example.org/dandong-gate
---
Residents of a compound in Zhenxing district, Dandong, Liaoning, protested at the gate on Sunday against the \
lockdown. A resident, Zhang Wei, said the gates had been welded shut and that Zhang had run out of food.

A video posted by Twitter account Martin shows police detaining two residents. Mayor Han Jianjun apologised \
on Monday for failures in the lockdown.
""",
    "dandong-strike.txt": """---
title: Workers strike over unpaid wages in Dandong
outlet: China Labour Bulletin
published: 2022-04-06
---
Weibo user @洪水清波 posted a video showing hundreds of workers of a garment factory in Dandong, Liaoning, on \
strike on Tuesday over unpaid wages. Mayor Han Jianjun said the city would pay the wages.
""",
}
SIT_IN = (
    "Mayor Han Jianjun met petitioners on Friday. A resident, Zhang Wei, led a sit-in of about forty residents "
    "outside the Dandong city government on Friday. Weibo user @洪水清波 and Twitter account Martin shared "
    "photos of the sit-in, which police broke up after two hours."
)
DANDONG = Location(
    country="CN",
    admin1="Liaoning",
    admin2="Dandong",
    adcode="210600",
    lat=40.12,
    lon=124.38,
    geo_precision="admin2",
)


def sentence_span(text: str, start_words: str) -> Evidence:
    """Evidence over the sentence of `text` that begins with `start_words` (for the hand-made document)."""
    start = text.index(start_words)
    return Evidence(doc_id="", start=start, end=text.index(".", start) + 1)


def sit_in() -> tuple[Document, Event]:
    """A hand-made report and event: names in actors, cited sources and in and around the evidence."""
    doc = Document(
        title="Zhang Wei leads sit-in in Dandong",
        outlet="Radio Free Asia",
        published=date(2022, 4, 9),
        language="en",
        date_source="metadata",
        text=SIT_IN,
    )
    spans = [sentence_span(SIT_IN, "A resident"), sentence_span(SIT_IN, "Weibo user")]
    event = Event(
        type="protest",
        date_start=date(2022, 4, 8),
        date_end=date(2022, 4, 8),
        time_precision="day",
        location=DANDONG,
        tactics=["gathering"],
        credibility="reported",
        actors=[
            Actor(name="Zhang Wei", kind="individual", role="initiator"),
            Actor(name="Mayor Han Jianjun", kind="officials", role="target"),
        ],
        cited_sources=["Weibo user @洪水清波", "Twitter account Martin"],
        summary="A resident, Zhang Wei, led a sit-in of about forty residents outside the Dandong city government.",
        evidence=[span.model_copy(update={"doc_id": doc.doc_id}) for span in spans],
    )
    return doc, event


def open_redaction_store(workdir: Path) -> Store:
    """A SQLite store in `workdir` with the reports above extracted, the sit-in saved, and everything linked."""
    reports = workdir / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    for name, text in REPORTS.items():
        (reports / name).write_text(text, encoding="utf-8")
    store = Store.open(f"sqlite:///{workdir / 'events.db'}")
    run([reports], store, ExtractContext.load())
    doc, event = sit_in()
    store.save(doc, [event])
    store.link()
    return store


def names_as_placeholders(passage: str) -> re.Pattern[str]:
    """A pattern for `passage` after redaction: each private name (or its @handle) is some '[person N]'."""
    names = sorted(["@洪水清波", *PRIVATE], key=len, reverse=True)
    parts = re.split("(" + "|".join(re.escape(name) for name in names) + ")", passage)
    return re.compile("".join(r"\[person \d+\]" if part in names else re.escape(part) for part in parts))
