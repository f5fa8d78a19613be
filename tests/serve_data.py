"""A small real database for the API and web tests: sample reports through the real pipeline, one report
full of markup (XSS attempts), and hand-made events carrying a hashtag observed twice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from undeleted.extract import ExtractContext
from undeleted.models import Document, Event, Evidence, Hashtag, Location
from undeleted.pipeline import run
from undeleted.store import Store

REPO = Path(__file__).resolve().parent.parent
SAMPLES = [
    REPO / "samples" / name for name in ("01-dandong-fences.txt", "05-henan-banks.txt", "09-chongqing-zh.txt")
]
XSS_MARKUP = "<script>alert('xss')</script><img src=x onerror=alert(2)>"
XSS_REPORT = f"""---
title: <script>alert('title')</script> Beijing residents protest
outlet: <img src=x onerror=alert(1)>
published: 2022-11-25
---
Residents of a community in Chaoyang district, Beijing, gathered at the gate on Friday and chanted slogans \
demanding an end to the lockdown {XSS_MARKUP}.

Police detained two residents later that night.
"""
TAG = "#丹东白血病男孩#"
DANDONG = Location(
    country="CN",
    admin1="Liaoning",
    admin2="Dandong",
    adcode="210600",
    lat=40.12,
    lon=124.38,
    geo_precision="admin2",
)


def hashtag_event(doc: Document, status: str, on: date) -> Event:
    sentence = doc.text.index(TAG)
    return Event(
        type="online_dissent",
        date_start=on,
        date_end=on,
        time_precision="day",
        location=DANDONG,
        tactics=["hashtag"],
        hashtags=[Hashtag(tag=TAG, status=status, status_date=on)],
        summary=f"Netizens spread the hashtag {TAG}.",
        evidence=[Evidence(doc_id=doc.doc_id, start=sentence, end=sentence + len(TAG))],
    )


def hashtag_documents() -> list[tuple[Document, Event]]:
    first = Document(
        title="丹东白血病男孩",
        outlet="微博用户",
        published=date(2022, 7, 2),
        language="zh",
        date_source="metadata",
        text=f"话题{TAG}在微博上引起关注，网友呼吁让孩子回家治疗。",
    )
    second = Document(
        title="话题被删",
        outlet="China Digital Times",
        published=date(2022, 7, 4),
        language="zh",
        date_source="metadata",
        text=f"7月4日，话题{TAG}已被删除。",
    )
    return [
        (first, hashtag_event(first, "active", date(2022, 7, 2))),
        (second, hashtag_event(second, "removed", date(2022, 7, 4))),
    ]


def fill_store(store: Store, workdir: Path) -> None:
    """Run the pipeline on the samples and the XSS report, then save the hashtag reports and link."""
    reports = workdir / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    (reports / "xss.txt").write_text(XSS_REPORT, encoding="utf-8")
    run([*SAMPLES, reports], store, ExtractContext.load())
    for doc, event in hashtag_documents():
        store.save(doc, [event])
    store.link()


def open_filled_store(workdir: Path) -> Store:
    """A SQLite store in `workdir`, filled: for module-wide servers (tests that need both databases call
    fill_store on conftest's `store`)."""
    store = Store.open(f"sqlite:///{workdir / 'events.db'}")
    fill_store(store, workdir)
    return store


class ThreadedServer:
    """uvicorn serving an app on 127.0.0.1:<free port> in a background thread (a context manager)."""

    def __init__(self, app: object) -> None:
        import socket

        import uvicorn

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = int(probe.getsockname()[1])
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ThreadedServer:
        import threading
        import time

        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
