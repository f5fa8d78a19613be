"""Status histories of tracked hashtags and posts, and the censorship event each disappearance makes.

Every snapshot says, for each subject (a hashtag or a post id): `active` (listed), `blocked` (a removal notice
such as "该话题暂无内容" was shown) or `gone` (tracked before, absent now). A subject that was active on one
snapshot day and not active on the next is a disappearance: one `censorship` event, dated between the two.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from undeleted.censorship.snapshots import HashtagSnapshot, normalize_tag
from undeleted.models import Document, Event, Evidence, Hashtag, Location

Kind = Literal["hashtag", "post"]
SnapshotStatus = Literal["active", "gone", "blocked"]
KINDS: tuple[Kind, ...] = ("hashtag", "post")


@dataclass(frozen=True)
class Observation:
    """One subject as one snapshot saw it."""

    kind: Kind
    subject: str
    taken: date
    source: str
    status: SnapshotStatus
    notice: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Disappearance:
    """Active on `last_seen`, not active on `gone_on` (the next snapshot day with an observation)."""

    kind: Kind
    subject: str
    last_seen: date
    gone_on: date
    status: SnapshotStatus
    source: str
    notice: str | None = None
    url: str | None = None


def observations(snapshot: HashtagSnapshot, known: Mapping[Kind, set[str]]) -> list[Observation]:
    """What one snapshot says: listed → active, emptied → blocked, tracked before but absent → gone."""
    found: list[Observation] = []
    sides: dict[Kind, tuple[tuple[str, ...], tuple[str, ...]]] = {
        "hashtag": (snapshot.listed, snapshot.emptied),
        "post": (snapshot.posts, snapshot.posts_emptied),
    }
    for kind, (listed, emptied) in sides.items():
        url = snapshot.url_of if kind == "post" else (lambda _: None)
        found += [
            Observation(kind, subject, snapshot.taken, snapshot.source, "active", None, url(subject))
            for subject in listed
        ]
        found += [
            Observation(
                kind,
                subject,
                snapshot.taken,
                snapshot.source,
                "blocked",
                snapshot.notice_of(subject),
                url(subject),
            )
            for subject in emptied
        ]
        seen = set(listed) | set(emptied)
        found += [
            Observation(kind, subject, snapshot.taken, snapshot.source, "gone")
            for subject in sorted(known.get(kind, set()) - seen)
        ]
    return found


def day_status(day: list[Observation]) -> Observation:
    """Several sources on one day: listed anywhere counts as active; else a notice beats plain absence."""
    for status in ("active", "blocked", "gone"):
        chosen = [item for item in day if item.status == status]
        if chosen:
            return chosen[0]
    raise ValueError("no observation")


def disappearances(history: Iterable[Observation]) -> list[Disappearance]:
    """Every active → not-active step in each subject's history (a subject listed again may vanish again)."""
    days: dict[tuple[Kind, str], dict[date, list[Observation]]] = defaultdict(lambda: defaultdict(list))
    for item in history:
        days[(item.kind, item.subject)][item.taken].append(item)
    found: list[Disappearance] = []
    for (kind, subject), by_day in sorted(days.items()):
        previous: Observation | None = None
        url = next((item.url for items in by_day.values() for item in items if item.url), None)
        for taken in sorted(by_day):
            current = day_status(by_day[taken])
            if previous is not None and previous.status == "active" and current.status != "active":
                found.append(
                    Disappearance(
                        kind,
                        subject,
                        previous.taken,
                        current.taken,
                        current.status,
                        current.source,
                        current.notice,
                        url,
                    )
                )
            previous = current
    return found


def disappearance_text(item: Disappearance) -> str:
    if item.kind == "hashtag":
        first = f"Hashtag tracking ({item.source}): the hashtag {item.subject} was listed on {item.last_seen.isoformat()}."
    else:
        where = f" ({item.url})" if item.url else ""
        first = (
            f"Post tracking ({item.source}): the post {item.subject}{where} was visible on "
            f"{item.last_seen.isoformat()}."
        )
    if item.status == "blocked":
        second = (
            f"On {item.gone_on.isoformat()} it showed the notice “{item.notice or 'content not available'}”."
        )
    else:
        second = f"On {item.gone_on.isoformat()} it was no longer listed."
    return f"{first} {second}"


def disappearance_record(
    item: Disappearance, location: Location | None, post_hashtags: Iterable[str] = ()
) -> tuple[Document, Event]:
    """A generated report of the disappearance and its `censorship` event (evidence: the whole report).

    A vanished hashtag is `removed` as of `gone_on`; a vanished post carries its own hashtags, status unknown.
    """
    text = disappearance_text(item)
    noun = "hashtag" if item.kind == "hashtag" else "post"
    doc = Document(
        title=f"The {noun} {item.subject} disappeared ({item.last_seen.isoformat()} → {item.gone_on.isoformat()})",
        outlet="undeleted snapshot tracking",
        url=item.url if item.kind == "post" else None,
        published=item.gone_on,
        date_source="metadata",
        language="en",
        text=text,
    )
    if item.kind == "hashtag":
        tags = [Hashtag(tag=item.subject, status="removed", status_date=item.gone_on)]
    else:
        tags = [Hashtag(tag=tag) for tag in dict.fromkeys(normalize_tag(raw) for raw in post_hashtags) if tag]
    start = min(item.last_seen + timedelta(days=1), item.gone_on)
    span = (item.gone_on - start).days
    event = Event(
        type="censorship",
        date_start=start,
        date_end=item.gone_on,
        time_precision="day" if span == 0 else "week" if span < 7 else "month",
        location=location or Location(country="CN", geo_precision="country"),
        state_response=["censorship"],
        hashtags=tags,
        credibility="reported",
        cited_sources=[item.source],
        summary=f"The {noun} {item.subject} disappeared between {item.last_seen.isoformat()} and "
        f"{item.gone_on.isoformat()}" + (f" (notice: “{item.notice}”)." if item.notice else "."),
        evidence=[Evidence(doc_id=doc.doc_id, start=0, end=len(text))],
    )
    return doc, event
