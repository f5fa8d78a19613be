"""`undeleted censorship ...` and `undeleted geography`: import hashtag/post snapshots, measure and print the
comment geography."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from undeleted.cli_checks import database_url, existing_database

censorship = typer.Typer(
    help="Censorship signals: hashtag and post takedowns, regional containment of comments.",
    no_args_is_help=True,
)
console = Console()
errors = Console(stderr=True)
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (sqlite:///file.db or postgresql+psycopg://...). "
        "Default: $UNDELETED_DB, else sqlite:///undeleted.db.",
    ),
]


@censorship.command("import-snapshot")
def import_snapshot(
    paths: Annotated[list[Path], typer.Argument(help="Snapshot files (.json or .csv) or folders of them.")],
    db: DbOption = None,
) -> None:
    """Record what each snapshot shows (active, gone, removal notice); each disappearance becomes a censorship
    event about the place the hashtag or post is about, related to the events that carry the content."""
    from undeleted.censorship.snapshots import gazetteer_locator
    from undeleted.censorship_pipeline import import_snapshots
    from undeleted.geo.gazetteer import Gazetteer
    from undeleted.store import Store

    with Store.open(database_url(db)) as store:
        report = import_snapshots(paths, store, gazetteer_locator(Gazetteer.from_package()))
    for problem in report.problems:
        errors.print(f"[yellow]skipped[/yellow] {problem}", markup=True, highlight=False, soft_wrap=True)
    console.print(
        f"{report.snapshots} snapshots, {report.observations} new status rows, "
        f"{report.disappearances} disappearances, {report.new_events} new censorship events, "
        f"{report.relations} new relations, {len(report.problems)} problems",
        highlight=False,
    )
    if report.snapshots == 0:
        raise typer.Exit(1)


class Baseline(str, Enum):
    census = "census"
    corpus = "corpus"


def geography(
    event: Annotated[str | None, typer.Option("--event", help="Event id: comments on all its posts.")] = None,
    post: Annotated[str | None, typer.Option("--post", help="Post id.")] = None,
    db: DbOption = None,
    baseline: Annotated[
        Baseline, typer.Option("--baseline", help="census (2020 population) or corpus.")
    ] = Baseline.census,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Where the commenters of an event or post are, and whether the comments look regionally contained; the
    result is stored for the API and the event page (`undeleted censorship report` is the same command)."""
    from undeleted.censorship_pipeline import compute_geography
    from undeleted.store import Store

    with Store.open(existing_database(db)) as store:
        result, unrecognised = compute_geography(store, event, post, baseline.value)
        stored = store.geography(result.subject) or result.as_dict()
    for problem in unrecognised:
        errors.print(f"[yellow]unrecognised[/yellow] {problem}", markup=True, highlight=False)
    if as_json:
        print(json.dumps(stored, ensure_ascii=False, indent=2))
    else:
        console.print(result.describe(), highlight=False)


censorship.command("report", help="The same as `undeleted geography`.")(geography)
