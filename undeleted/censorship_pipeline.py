"""Censorship signals joined with the store: import social exports, import hashtag/post snapshots, measure the
comment geography of an event or a post.

Like `pipeline` and `monitor`, a place where stages meet (ingest.social, censorship.* → extract → store); the
computations live in `censorship/`, the rows in `store/`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from undeleted.censorship.geography import (
    ContainmentRules,
    Geography,
    HomeSource,
    corpus_baseline,
    count_provinces,
    load_baseline,
    measure_geography,
)
from undeleted.censorship.provinces import ProvinceIndex, read_label
from undeleted.censorship.snapshots import HashtagSnapshot, Locate, read_snapshot
from undeleted.censorship.takedowns import (
    KINDS,
    Disappearance,
    Kind,
    Observation,
    disappearance_record,
    disappearances,
    observations,
)
from undeleted.errors import BadInput
from undeleted.ingest.social import Format, SocialComment, SocialPost, post_document, read_social
from undeleted.models import Document, Event, Location, Record
from undeleted.store import Store

BaselineKind = Literal["census", "corpus"]
SNAPSHOT_SUFFIXES = (".json", ".csv")


# social exports


@dataclass
class SocialReport:
    posts: int = 0
    comments: int = 0
    new_posts: int = 0
    new_comments: int = 0
    events: int = 0
    problems: list[BadInput] = field(default_factory=list)


def import_social(
    paths: Iterable[Path],
    store: Store,
    extract: Callable[[Document], Record | BadInput],
    format: Format = "auto",
    post_id: str | None = None,
) -> SocialReport:
    """Read exports, store new post documents with their extracted events, then posts and comments; link.
    A post that extraction refuses or fails on (`pipeline.try_extract`) is named with its file and row; its
    document is not stored (a later import tries it again), the other posts are."""
    index = ProvinceIndex.from_package()
    result = read_social(paths, format, post_id)
    docs = [(post, post_document(post)) for post in result.posts]
    known = store.known_doc_ids(doc.doc_id for _, doc in docs)
    report = SocialReport(
        posts=len(result.posts), comments=len(result.comments), problems=list(result.problems)
    )
    fresh = {doc.doc_id: (post, doc) for post, doc in docs if doc.doc_id not in known}
    records = []
    for post, doc in fresh.values():
        record = extract(doc)
        if isinstance(record, BadInput):
            report.problems.append(BadInput(f"{post.source}: post {post.post_id}: {record}"))
        else:
            records.append(record)
    report.events = sum(len(record.events) for record in records)
    store.save_many((record.doc, record.events) for record in records)
    saved = save_social(store, [(post, doc.doc_id) for post, doc in docs], result.comments, index)
    report.new_posts, report.new_comments = saved
    report.problems += count_provinces(
        [(c.source, c.ip_location) for c in result.comments], index
    ).unrecognised
    if records:
        store.link()
    return report


def save_social(
    store: Store,
    posts: Iterable[tuple[SocialPost, str]],
    comments: Iterable[SocialComment],
    index: ProvinceIndex,
) -> tuple[int, int]:
    """Store posts (with the doc_id of their Document) and comments, each with the province its IP label names;
    rows already stored are left alone. Returns how many posts and comments are new."""
    post_rows = [
        {
            "post_id": post.post_id,
            "doc_id": doc_id,
            "platform": post.platform,
            "url": post.url,
            "author": post.author,
            "published": post.published,
            "hashtags": list(post.hashtags),
            "ip_location": post.ip_location,
            "province": read_label(post.ip_location, index).province,
            "source": post.source,
        }
        for post, doc_id in posts
    ]
    comment_rows = [
        {
            "comment_id": comment.comment_id,
            "post_id": comment.post_id,
            "text": comment.text,
            "published": comment.published,
            "ip_location": comment.ip_location,
            "province": read_label(comment.ip_location, index).province,
            "source": comment.source,
        }
        for comment in comments
    ]
    return store.save_social(post_rows, comment_rows)


# comment geography


def home_province(
    store: Store, index: ProvinceIndex, event_id: str | None, post_id: str | None
) -> tuple[str | None, HomeSource]:
    """The province the content is about: the event's place, else the post author's IP location."""
    if event_id:
        province = index.by_adcode(store.event_adcode(event_id))
        return (province, "event") if province else (None, "none")
    origin = store.post_origin(str(post_id))
    if origin is None:
        return None, "none"
    author_province, adcode = origin
    if index.by_adcode(adcode):
        return index.by_adcode(adcode), "event"
    return (author_province, "post_author") if author_province else (None, "none")


def compute_geography(
    store: Store,
    event_id: str | None = None,
    post_id: str | None = None,
    baseline: BaselineKind = "census",
    rules: ContainmentRules = ContainmentRules(),
) -> tuple[Geography, list[BadInput]]:
    """Measure, store and return the comment geography of an event or a post, with unrecognised labels."""
    if (event_id is None) == (post_id is None):
        raise BadInput("give exactly one of --event or --post")
    index = ProvinceIndex.from_package()
    if event_id and not store.has_event(event_id):
        raise BadInput(f"--event {event_id}: no such event")
    post_ids = store.event_post_ids(event_id) if event_id else [str(post_id)]
    counts = count_provinces(store.comment_labels(post_ids), index)
    base = (
        load_baseline(index)
        if baseline == "census"
        else corpus_baseline(store.comments_per_province(), index)
    )
    subject = f"event:{event_id}" if event_id else f"post:{post_id}"
    home = home_province(store, index, event_id, post_id)
    result = measure_geography(counts, base, home, rules, subject)
    store.save_geography(
        result.subject, result.verdict, result.total, {**result.as_dict(), "posts": post_ids}
    )
    return result, counts.unrecognised


# hashtag and post snapshots


@dataclass
class SnapshotReport:
    snapshots: int = 0
    observations: int = 0  # new status rows
    disappearances: int = 0
    new_events: int = 0
    relations: int = 0  # new censorship relations
    problems: list[BadInput] = field(default_factory=list)


def read_snapshots(paths: Iterable[Path]) -> tuple[list[HashtagSnapshot], list[BadInput]]:
    """Every snapshot file (folders: their .json and .csv files), oldest first; bad files become problems."""
    files: list[Path] = []
    problems: list[BadInput] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SNAPSHOT_SUFFIXES
            )
        elif path.exists():
            files.append(path)
        else:
            problems.append(BadInput(f"{path}: no such file"))
    snapshots: list[HashtagSnapshot] = []
    for path in files:
        try:
            snapshots.append(read_snapshot(path))
        except BadInput as problem:
            problems.append(problem)
    return sorted(snapshots, key=lambda snapshot: snapshot.taken), problems


def as_location(stored: dict | None) -> Location | None:
    try:
        return Location.model_validate(stored) if stored else None
    except ValidationError:
        return None


def place_of(
    store: Store, item: Disappearance, doc_id: str | None, tags: tuple[str, ...], locate: Locate
) -> Location | None:
    """The place the content is about: the event the post reported, else the place named in the hashtag, else
    the event the hashtag belongs to."""
    if doc_id:
        found = as_location(store.document_location(doc_id))
        if found:
            return found
    for tag in [item.subject] if item.kind == "hashtag" else list(tags):
        found = locate(tag) or as_location(store.hashtag_location(tag))
        if found:
            return found
    return None


def import_snapshots(paths: Iterable[Path], store: Store, locate: Locate) -> SnapshotReport:
    """Record what each snapshot shows, store a censorship event per disappearance (once), link, relate."""
    snapshots, problems = read_snapshots(paths)
    report = SnapshotReport(snapshots=len(snapshots), problems=problems)
    touched: dict[Kind, set[str]] = {kind: set() for kind in KINDS}
    for snapshot in snapshots:
        known = store.known_subjects(snapshot.taken)
        items = observations(snapshot, {kind: known[kind] for kind in KINDS})
        report.observations += store.save_observations(vars(seen) for seen in items)
        for seen in items:
            touched[seen.kind].add(seen.subject)
    history = [Observation(**row) for kind in KINDS for row in store.status_rows(kind, touched[kind])]
    records: list[tuple[Document, list[Event]]] = []
    post_links: list[tuple[str, str, str]] = []
    found = disappearances(history)
    for item in found:
        doc_id, tags = store.post_facts(item.subject) if item.kind == "post" else (None, ())
        doc, event = disappearance_record(item, place_of(store, item, doc_id, tags, locate), tags)
        records.append((doc, [event]))
        if doc_id:
            post_links.append((doc.doc_id, doc_id, f"post {item.subject}"))
    report.disappearances = len(found)
    report.new_events = sum(len(store.save(doc, doc_events)) for doc, doc_events in records)
    store.link()
    report.relations = store.relate_censorship(post_links)
    return report
