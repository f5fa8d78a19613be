"""The `undeleted` command. Every command is thin: it parses options and calls the stages."""

from __future__ import annotations

import json
import os
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from undeleted.monitor import FetchReport
    from undeleted.pipeline import RunReport

from undeleted.cli_checks import database_url, existing_database, output_file, plain_message, sqlite_file
from undeleted.errors import UndeletedError

app = typer.Typer(
    help="Turn reports about China into a searchable, geocoded record of events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
errors = Console(stderr=True, soft_wrap=True)  # paths in messages stay whole, copyable

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (sqlite:///file.db or postgresql+psycopg://...) or a SQLite file path. "
        "Default: $UNDELETED_DB, else sqlite:///undeleted.db.",
    ),
]
Paths = Annotated[list[Path], typer.Argument(help="Files or folders (read recursively).")]


class RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        return Text(f"{task.speed or 0:,.0f} docs/s")


def progress_bar() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=errors,
        transient=True,
    )


UNDATED_WARNINGS = 50  # reports named one by one in run's warnings; the rest are counted


class Engine(str, Enum):
    local = "local"
    dask = "dask"


@app.command()
def run(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files or folders (read recursively); with --engine dask "
            "also fsspec URLs and globs (s3://bucket/*.jsonl.gz)."
        ),
    ],
    db: DbOption = None,
    workers: Annotated[int, typer.Option("--workers", help="Extraction processes. Default: all cores.")] = 0,
    engine: Annotated[
        Engine,
        typer.Option("--engine", help="local: worker processes here; dask: a dask.distributed cluster."),
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Dask scheduler address (tcp://host:8786); default: a local cluster of --workers processes.",
        ),
    ] = None,
    parquet: Annotated[
        str,
        typer.Option(
            "--parquet",
            help="Where the Dask engine writes mentions as Parquet "
            "(folder or fsspec URL the workers can reach).",
        ),
    ] = "undeleted-parquet",
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            help="Publication date (YYYY-MM-DD) of every "
            "report read without one (plain text files have none).",
        ),
    ] = None,
    manifest: Annotated[
        Path | None,
        typer.Option(
            "--manifest",
            help="CSV with columns path, published, url, "
            "outlet, title, language (paths relative to the CSV's folder); "
            "its values replace the files' own.",
        ),
    ] = None,
) -> None:
    """Ingest files or folders, extract events, store documents and events, link them."""
    import threading

    from undeleted.extract import load_rules
    from undeleted.ingest import READERS, iter_paths
    from undeleted.ingest.manifest import run_metadata
    from undeleted.ingest.streams import count_documents
    from undeleted.pipeline import run as run_pipeline
    from undeleted.store import Store
    from undeleted.workers import available_cores

    load_rules()  # every rule file checked before any document is read: a bad one stops the run here
    metadata = run_metadata(manifest, published)
    if engine is Engine.dask and (manifest or published):
        raise typer.BadParameter(
            "--published and --manifest work with the local engine only", param_hint="--engine"
        )
    workers = workers or available_cores()
    local = [Path(path) for path in paths]
    url = database_url(db)
    new_file = sqlite_file(url)
    if new_file is not None and not new_file.exists():
        errors.print(f"creating a new database {new_file}", highlight=False)
    with Store.open(url) as store, progress_bar() as progress:
        task = progress.add_task("extracting", total=None)
        counting = threading.Thread(
            target=lambda: progress.update(
                task, total=count_documents(iter_paths(path for path in local if path.exists()), READERS)
            ),
            daemon=True,
        )
        counting.start()
        if engine is Engine.dask:
            from undeleted.scale.dask_runner import DaskOptions, run_dask

            options = DaskOptions(scheduler=scheduler, workers=workers, parquet=parquet)
            report = run_dask(paths, store, options, on_document=lambda: progress.advance(task))
        else:
            report = run_pipeline(
                local,
                store,
                None,
                on_document=lambda: progress.advance(task),
                workers=workers,
                metadata=metadata,
            )
    for problem in report.bad:
        errors.print(f"[yellow]skipped[/yellow] {problem}", markup=True, highlight=False)
    if report.read == 0:
        errors.print(
            f"nothing readable in {', '.join(paths)}: {len(report.bad)} file(s) skipped", highlight=False
        )
        raise typer.Exit(1)
    for repeated in report.near_duplicates:
        errors.print(
            f"[yellow]near-duplicate[/yellow] {repeated}: stored, its events counted once",
            markup=True,
            highlight=False,
        )
    for undated in report.undated[:UNDATED_WARNINGS]:
        inferred = ", dates inferred from its text" if undated.inferred else ""
        errors.print(
            f"[yellow]no date[/yellow] {undated.source}: no publication date{inferred}; "
            f"{undated.undated_events} of its {undated.events} event(s) undated "
            "(give --published DATE or --manifest FILE.csv)",
            markup=True,
            highlight=False,
        )
    if len(report.undated) > UNDATED_WARNINGS:
        errors.print(
            f"[yellow]no date[/yellow] … and {len(report.undated) - UNDATED_WARNINGS} more reports "
            "without a publication date",
            markup=True,
            highlight=False,
        )
    print_run_table(report)


def print_run_table(report: RunReport) -> None:
    table = Table(title="undeleted run", show_header=False)
    table.add_row("documents read", str(report.read))
    table.add_row("newly stored", str(report.stored))
    table.add_row("already stored", str(report.already_stored))
    table.add_row("skipped", str(len(report.bad)))
    table.add_row("near-duplicates (same report but a line)", str(len(report.near_duplicates)))
    table.add_row("  of reports stored by earlier runs", str(report.near_duplicates_of_stored))
    if report.fingerprinted:
        table.add_row("stored reports fingerprinted (for near-duplicates)", str(report.fingerprinted))
    table.add_row("mentions (events found in reports)", str(report.events))
    for event_type, count in sorted(report.events_by_type.items()):
        table.add_row(f"  {event_type}", str(count))
    table.add_row("  undated", str(report.undated_events))
    if report.link is not None:
        table.add_row("linked events: new", str(report.link.events_created))
        table.add_row("linked events: updated", str(report.link.events_updated))
    if report.linked_events is not None:
        table.add_row("linked events in the database", str(report.linked_events))
    for language, count in sorted(report.unsupported_languages.items()):
        table.add_row(f"no extractor for language '{language}'", f"{count} (stored, no events)")
    console.print(table)


@app.command()
def extract(
    paths: Paths,
    jsonl: Annotated[Path, typer.Option("--jsonl", help="Write one {doc, events} line per document here.")],
) -> None:
    """Extract events without a database, as gold-format JSON lines."""
    from undeleted.extract import ExtractContext
    from undeleted.ingest.manifest import RunMetadata
    from undeleted.pipeline import RunReport, extract_all, read_with_metadata

    output_file(jsonl, "--jsonl")
    report = RunReport()
    context = ExtractContext.load()
    with jsonl.open("w", encoding="utf-8") as out:  # (read noting each document's file, for problems)
        for record in extract_all(read_with_metadata(paths, RunMetadata(), report), context, report):
            out.write(record.model_dump_json(exclude_none=False) + "\n")
    for problem in report.bad:
        errors.print(f"[yellow]skipped[/yellow] {problem}", markup=True, highlight=False)
    errors.print(f"{report.read} documents, {report.events} events → {jsonl}")
    if report.read == 0:
        raise typer.Exit(1)


@app.command("eval")
def evaluate(
    gold: Annotated[list[Path], typer.Argument(help="Gold JSONL files (SCHEMA format).")],
    pred: Annotated[
        Path | None,
        typer.Option("--pred", help="Predictions JSONL; extracted from the gold documents when absent."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print a Markdown report.")] = False,
) -> None:
    """Score extraction against gold annotations: P/R/F1 overall, per type and language, attributes."""
    from undeleted.evaluation import load_records, predict, render_markdown, render_table
    from undeleted.score import score

    by_file = {path: load_records(path) for path in gold}
    gold_records = [record for records in by_file.values() for record in records]
    predicted = load_records(pred) if pred else predict(gold_records)
    scores = score(gold_records, predicted)
    if as_json:
        print(json.dumps(scores.as_dict(), indent=2))
    elif markdown:
        per_file = {str(path): score(records, predicted) for path, records in by_file.items()}
        print(render_markdown(scores, per_file))
    else:
        render_table(scores, console)


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    geojson = "geojson"
    parquet = "parquet"
    acled = "acled"


TypeOption = Annotated[
    list[str] | None, typer.Option("--type", help="Event type(s), repeated or comma-separated.")
]
FromOption = Annotated[str | None, typer.Option("--from", help="Events ending on or after this ISO date.")]
ToOption = Annotated[str | None, typer.Option("--to", help="Events starting on or before this ISO date.")]
AdcodeOption = Annotated[
    str | None,
    typer.Option(
        "--adcode",
        help="Province, prefecture or county: its code or its name in English or Chinese (Dandong, 丹东).",
    ),
]
CredibilityOption = Annotated[list[str] | None, typer.Option("--credibility", help="Credibility value(s).")]
TextOption = Annotated[str | None, typer.Option("--q", help="Words the event or its reports must contain.")]
StatusOption = Annotated[
    list[str] | None, typer.Option("--status", help="active (default), deleted, merged.")
]


@app.command()
def export(
    format: Annotated[
        ExportFormat,
        typer.Option("--format", help="csv, jsonl, geojson, parquet or acled (ACLED-style CSV)."),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.")],
    db: DbOption = None,
    bom: Annotated[
        bool,
        typer.Option(
            "--bom",
            help="Start CSV files with a UTF-8 byte-order mark so that Excel "
            "on Windows shows Chinese correctly.",
        ),
    ] = False,
    redact: Annotated[
        bool,
        typer.Option(
            "--redact",
            help="Replace private individuals' names with stable "
            "placeholders (\\[person 1]); officials, outlets and organisations stay.",
        ),
    ] = False,
    type: TypeOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    adcode: AdcodeOption = None,
    credibility: CredibilityOption = None,
    q: TextOption = None,
    status: StatusOption = None,
    sort: Annotated[
        str,
        typer.Option(
            "--sort",
            help="date, -date, updated, -updated, corroboration or -corroboration (ties by event id).",
        ),
    ] = "-date",
) -> None:
    """Export the stored (linked) events: the same filters, sort, rows and columns as /api/export.*."""
    from undeleted.export.formats import write_export
    from undeleted.export.redact import Redactor, redact_events
    from undeleted.export.rows import export_rows
    from undeleted.geo import Gazetteer
    from undeleted.geo.areas import area_code
    from undeleted.store import EventQuery, Store
    from undeleted.store.queries import checked_sort

    query = EventQuery.parse(
        type=type,
        date_from=date_from,
        date_to=date_to,
        adcode=area_code(adcode, Gazetteer.from_package),
        credibility=credibility,
        q=q,
        status=status,
    )
    checked_sort(sort)
    output_file(output)
    url = existing_database(db)
    partial = output.with_name(f".{output.name}.partial")
    with Store.open(url) as store:
        rows = export_rows(store, query, sort)
        try:
            with partial.open("wb") as out:
                count = write_export(
                    redact_events(rows, Redactor.load()) if redact else rows, format.value, out, bom
                )
            partial.replace(output)
        finally:
            partial.unlink(missing_ok=True)
    errors.print(f"{count} events → {output}")


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
    redact: Annotated[
        bool,
        typer.Option(
            "--redact",
            help="Replace private individuals' names in every response "
            "and page (also $UNDELETED_REDACT=1); review writes are off.",
        ),
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            help="Server processes sharing the port (each with its "
            "own connections); more answer more requests at once. Default: 1.",
        ),
    ] = 1,
) -> None:
    """Serve the API (OpenAPI at /api/openapi.json), the dashboard and Atom feeds; writes need $UNDELETED_TOKEN."""
    import uvicorn

    from undeleted.app import ServeSettings, create_app
    from undeleted.store import Store

    url = existing_database(db)
    with Store.open(url) as store:  # upgrades the schema once, before any worker starts
        if workers == 1:
            uvicorn.run(
                create_app(store, ServeSettings.from_env(redact)), host=host, port=port, log_level="info"
            )
            return
    os.environ["UNDELETED_DB"] = url  # what each worker process opens (see app_from_environment)
    if redact:
        os.environ["UNDELETED_REDACT"] = "1"
    uvicorn.run(
        "undeleted.app:app_from_environment",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="info",
    )


@app.command()
def report(
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")],
    db: DbOption = None,
    type: TypeOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    adcode: AdcodeOption = None,
    credibility: CredibilityOption = None,
    q: TextOption = None,
    limit: Annotated[
        int, typer.Option("--limit", min=1, help="Events listed with their evidence (newest first).")
    ] = 1000,
    title: Annotated[str, typer.Option("--title", help="The report's title.")] = "undeleted report",
    redact: Annotated[
        bool, typer.Option("--redact", help="Replace private individuals' names with placeholders.")
    ] = False,
) -> None:
    """Write one self-contained HTML report (map, weekly timeline, table, evidence) that opens offline."""
    from undeleted.export.report import build_report
    from undeleted.geo import Gazetteer
    from undeleted.geo.areas import area_code
    from undeleted.store import EventQuery, Store

    query = EventQuery.parse(
        type=type,
        date_from=date_from,
        date_to=date_to,
        adcode=area_code(adcode, Gazetteer.from_package),
        credibility=credibility,
        q=q,
    )
    output_file(output)
    url = existing_database(db)
    redactor = None
    if redact:
        from undeleted.export.redact import Redactor

        redactor = Redactor.load()
    with Store.open(url) as store:
        html = build_report(store, query, limit, redactor, title)
    output.write_text(html, encoding="utf-8")
    errors.print(f"report → {output} ({len(html.encode('utf-8')) // 1024} KiB)")


class SocialFormat(str, Enum):
    auto = "auto"
    weibo_crawler = "weibo-crawler"
    weibospider = "weibospider"
    generic = "generic"


@app.command("import-social")
def import_social(
    paths: Paths,
    db: DbOption = None,
    format: Annotated[
        SocialFormat, typer.Option("--format", help="Export format; auto detects by columns.")
    ] = SocialFormat.auto,
    post_id: Annotated[
        str | None, typer.Option("--post-id", help="Post id for comment files that lack one.")
    ] = None,
) -> None:
    """Import Weibo scraper exports (posts and comments); posts are extracted and stored like any report."""
    from undeleted.censorship_pipeline import import_social as run_import
    from undeleted.extract import ExtractContext
    from undeleted.pipeline import try_extract
    from undeleted.store import Store

    context = ExtractContext.load()
    with Store.open(database_url(db)) as store:
        report = run_import(paths, store, lambda doc: try_extract(doc, context), format.value, post_id)
    for problem in report.problems:
        errors.print(f"[yellow]skipped[/yellow] {problem}", markup=True, highlight=False)
    console.print(
        f"{report.posts} posts ({report.new_posts} new), {report.comments} comments "
        f"({report.new_comments} new), {report.events} events, {len(report.problems)} problems"
    )
    if report.posts == 0 and report.comments == 0:
        raise typer.Exit(1)


LoopbackOption = Annotated[
    bool,
    typer.Option(
        "--allow-loopback",
        help="Allow 127.0.0.1/::1 for the given URLs "
        "(local test servers only; private addresses stay refused).",
    ),
]


def print_fetch_report(report: FetchReport) -> None:
    for problem in report.problems:
        errors.print(f"[yellow]not fetched[/yellow] {problem}", markup=True, highlight=False)
    errors.print(
        f"{report.pages} pages, {report.stored} new documents, "
        f"{report.events} events, {len(report.problems)} problems"
    )


@app.command()
def fetch(
    urls: Annotated[list[str], typer.Argument(help="http(s) URLs of articles.")],
    db: DbOption = None,
    allow_loopback: LoopbackOption = False,
) -> None:
    """Fetch web pages safely, keep their raw HTML, extract and store their events."""
    from undeleted.ingest.fetch import FetchOptions
    from undeleted.monitor import fetch_urls, open_monitor
    from undeleted.store import Store

    with Store.open(database_url(db)) as store:
        monitor = open_monitor(store, FetchOptions(allow_loopback=allow_loopback))
        with monitor.client:
            report = fetch_urls(urls, monitor)
    print_fetch_report(report)
    if report.pages == 0:
        raise typer.Exit(1)


@app.command()
def watch(
    feeds: Annotated[Path, typer.Argument(help="FEEDS.yml: a list of {url, interval_minutes}.")],
    db: DbOption = None,
    once: Annotated[
        bool, typer.Option("--once", help="Poll every feed one time, then stop (for cron).")
    ] = False,
    allow_loopback: LoopbackOption = False,
) -> None:
    """Poll RSS/Atom feeds at their intervals and fetch each new item once (Ctrl-C stops)."""
    from undeleted.ingest.feeds import read_feed_list
    from undeleted.ingest.fetch import FetchOptions
    from undeleted.monitor import open_monitor
    from undeleted.monitor import watch as watch_feeds
    from undeleted.store import Store

    sources = read_feed_list(feeds)
    with Store.open(database_url(db)) as store:
        monitor = open_monitor(store, FetchOptions(allow_loopback=allow_loopback))
        try:
            with monitor.client:
                watch_feeds(sources, monitor, once=once)
        except KeyboardInterrupt:
            store.link()
    print_fetch_report(monitor.report)


@app.command()
def geo(
    name: Annotated[
        str, typer.Argument(help="A place name in Chinese or English, e.g. 朝阳, Chaoyang, Canton.")
    ],
) -> None:
    """Look a place up in the shipped gazetteer: every division the name may mean, best known first."""
    from undeleted.geo import Gazetteer

    gazetteer = Gazetteer.from_package()
    candidates = gazetteer.lookup(name)
    if not candidates:
        errors.print(f"no division named {name!r} in the gazetteer")
        raise typer.Exit(1)
    table = Table(title=f"{name}: {len(candidates)} candidate(s)")
    for column in ("adcode", "level", "name", "English", "within", "lat", "lon"):
        table.add_column(column)
    for division in candidates:
        within = " / ".join(parent.name_en for parent in reversed(gazetteer.ancestors(division)))
        obsolete = " (obsolete)" if division.obsolete else ""
        table.add_row(
            division.adcode,
            division.level,
            division.name_zh + obsolete,
            division.name_en,
            within,
            f"{division.lat:.4f}" if division.lat is not None else "",
            f"{division.lon:.4f}" if division.lon is not None else "",
        )
    console.print(table)


from undeleted.censorship_commands import censorship, geography  # noqa: E402

app.command()(geography)
app.add_typer(censorship, name="censorship")


def main() -> None:
    try:
        app()
    except UndeletedError as problem:
        errors.print(f"[red]error:[/red] {plain_message(str(problem))}", markup=True, highlight=False)
        raise SystemExit(2) from None
