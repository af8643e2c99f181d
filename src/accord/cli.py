"""The command line: thin wrappers over the Pipeline, the evaluators and the dictionary."""
from __future__ import annotations

import json
import sys
from collections.abc import Generator, Iterable, Iterator
from datetime import date
from enum import Enum
from functools import cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from .errors import AccordError, InputError, Skipped

if TYPE_CHECKING:
    from .model import Document

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="accord: who did what to whom, from news. Political event data in CAMEO and PLOVER.")
actors_app = typer.Typer(no_args_is_help=True, help="Look up how names resolve to actors.")
app.add_typer(actors_app, name="actors")
patterns_app = typer.Typer(no_args_is_help=True, help="Check the event patterns (data/events).")
app.add_typer(patterns_app, name="patterns")
corrections_app = typer.Typer(no_args_is_help=True, help="Analysts' corrections of stored events.")
app.add_typer(corrections_app, name="corrections")

err = Console(stderr=True, soft_wrap=True)  # one error a line, never wrapped


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"
    parquet = "parquet"


def _parse_day(value: Optional[str], option: str) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD", param_hint=option) from None


class OnError(str, Enum):
    stop = "stop"
    skip = "skip"


DICTIONARY_OPTION = typer.Option(
    None, "--dictionary", "-d",
    help="A user actor dictionary (PETRARCH/TABARI actors or agents, .yaml or .csv); repeatable; "
         "wins over built-in entries.")
ON_ERROR_OPTION = typer.Option(
    OnError.stop, "--dictionary-errors",
    help="On a malformed dictionary line: stop, or skip the line and load the rest.")


def _dictionary(paths: Optional[list[Path]], on_error: OnError):
    from .actors.formats import build_dictionary

    try:
        dictionary, reports = build_dictionary(list(paths or []), strict=on_error is OnError.stop)
    except AccordError as exc:
        err.print(f"[red]accord: error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None
    for report in reports:
        for error in report.errors:
            err.print(f"accord: skipped {error}", highlight=False)
        err.print(f"accord: {report.path}: {report.entries} entries loaded, {len(report.errors)} lines skipped",
                  highlight=False)
    return dictionary


PATHS_ARGUMENT = typer.Argument(..., help="Files (.txt, .html, .jsonl), directories, or - for standard input.")
PUBLISHED_OPTION = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) of the input.")
PROCESSES_OPTION = typer.Option(
    "auto", "--processes", "-p",
    help="Code in this many local processes; auto (the default): one per core, as many as free memory holds.")
DASK_OPTION = typer.Option(None, "--dask", help="Code on Dask: a scheduler address (tcp://host:8786) or local:N.")
MIN_CONFIDENCE_OPTION = typer.Option(
    0.0, "--min-confidence", min=0.0, max=1.0,
    help="Keep only events whose confidence (the probability that their type and both sides are right) is at "
         "least this.")


def _confident(document, threshold: float):
    """The document with only its events of at least ``threshold`` confidence."""
    if threshold > 0:
        document.events = [e for e in document.events if e.confidence >= threshold]
    return document


def _coded(paths: list[str], when: Optional[date], dictionaries: Optional[list[Path]], on_error: OnError,
           processes_text: str, dask: Optional[str], store=None):
    """Read and code the inputs here, on several processes, or on Dask; results in input order.

    Before any is coded: a document stored unchanged in ``store`` (same text, same coder) and one that is
    confidently not English come back as Skipped, in their place."""
    from .ingest import read_paths
    from .ingest.language import skip_non_english
    from .scale import PipelineSpec, code_stream, processes_option, register_pipeline

    try:
        processes = processes_option(processes_text)
    except AccordError as exc:
        raise typer.BadParameter(str(exc), param_hint="--processes") from None
    spec = PipelineSpec(tuple(str(p) for p in dictionaries or ()), strict=on_error is OnError.stop)

    # dictionary problems are reported here, before any input is read or any worker starts
    dictionary = _dictionary(dictionaries, on_error) if dictionaries else None

    @cache
    def here():  # the pipeline coding in this process: with one process, or for an input of one batch
        pipeline = _pipeline(dictionary)
        register_pipeline(spec, pipeline)
        return pipeline

    if processes <= 1 and not dask:
        here()  # model problems too
    items = read_paths(paths, published=when)
    if store is not None:
        items = _skip_stored(items, store)
    try:
        yield from code_stream(skip_non_english(items), spec, processes=processes, dask=dask, here=here)
    except AccordError as exc:
        err.print(f"[red]accord: error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None


def _skip_stored(items, store):
    """Documents stored already with the same text and coder become Skipped(unchanged), before parsing."""
    from .model import Document

    for item in items:
        if isinstance(item, Document):
            try:
                unchanged = store.is_stored(item.text)
            except AccordError:  # the store cannot say: code the document, and let storing it tell
                unchanged = False
            if unchanged:
                yield Skipped(item.id, "stored already with the same text and coder", unchanged=True)
                continue
        yield item


def _progress(label: str) -> Progress:
    """A progress bar on standard error, shown when it is a terminal."""
    return Progress(SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn(),
                    console=err, transient=True, disable=not err.is_terminal)


def _pipeline(dictionary=None):
    from .pipeline import Pipeline

    try:
        return Pipeline(dictionary=dictionary)
    except AccordError as exc:
        err.print(f"[red]accord: error:[/red] {exc}")
        raise typer.Exit(2) from None


@app.command()
def code(
    paths: list[str] = PATHS_ARGUMENT,
    published: Optional[str] = PUBLISHED_OPTION,
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of standard output."),
    fmt: OutputFormat = typer.Option(OutputFormat.jsonl, "--format", "-f",
                                     help="jsonl (one object per document), table, or parquet "
                                          "(one row per event; needs --output)."),
    dictionaries: Optional[list[Path]] = DICTIONARY_OPTION,
    on_error: OnError = ON_ERROR_OPTION,
    processes: str = PROCESSES_OPTION,
    dask: Optional[str] = DASK_OPTION,
    explain_events: bool = typer.Option(False, "--explain",
                                        help="Say why each event was coded (or not) instead of printing events."),
    min_confidence: float = MIN_CONFIDENCE_OPTION,
) -> None:
    """Code news documents into events, actors and quotes."""
    when = _parse_day(published, "--published")
    from .render import print_document

    if explain_events:
        from .ingest import read_paths

        _explain_items(read_paths(paths, published=when), dictionaries, on_error)
        return

    failures = skipped = coded = 0
    parquet = None
    if fmt is OutputFormat.parquet:
        if output is None:
            raise typer.BadParameter("Parquet is binary: give --output FILE", param_hint="--output")
        from .export import ParquetEventWriter

        parquet = ParquetEventWriter(output)
    out_stream = output.open("w", encoding="utf-8") if output and parquet is None else None
    out_console = Console(file=out_stream) if out_stream else Console()
    progress = _progress("coding")
    try:
        with progress:
            task = progress.add_task("coding", total=None, failed=0)
            for item in _coded(paths, when, dictionaries, on_error, processes, dask):
                if isinstance(item, Skipped):
                    skipped += 1
                    progress.console.print(f"[yellow]accord: skipped[/yellow] {item.source}: {item.reason}",
                                           highlight=False)
                elif isinstance(item, InputError):
                    failures += 1
                    progress.console.print(f"[red]accord: error:[/red] {item.source}: {item.reason}", highlight=False)
                else:
                    coded += 1
                    _confident(item, min_confidence)
                    if parquet is not None:
                        parquet.add(item)
                    elif fmt is OutputFormat.jsonl:
                        line = json.dumps(item.to_dict(), ensure_ascii=False)
                        if out_stream:
                            out_stream.write(line + "\n")
                        else:
                            sys.stdout.write(line + "\n")
                            sys.stdout.flush()
                    else:
                        print_document(out_console, item)
                progress.update(task, advance=1, failed=failures)
    finally:
        if out_stream:
            out_stream.close()
        if parquet is not None:
            parquet.close()
    if failures or skipped or not coded:
        err.print(f"accord: {coded} coded, {skipped} skipped, {failures} failed", highlight=False)
    if failures or not coded:
        raise typer.Exit(1)


def _explain_items(items: Iterable[Document | InputError], dictionaries, on_error) -> None:
    pipeline = _pipeline(_dictionary(dictionaries, on_error) if dictionaries else None)
    console = Console()
    failures = 0
    for item in items:
        if isinstance(item, InputError):
            failures += 1
            err.print(f"[red]accord: error:[/red] {item.source}: {item.reason}", highlight=False)
            continue
        console.print(f"[bold]{item.id}[/bold]", highlight=False)
        for line in pipeline.explain(item):
            console.print(line, highlight=False, markup=False, soft_wrap=True)
    if failures:
        raise typer.Exit(1)


@app.command("explain")
def explain_command(
    text: str = typer.Argument(..., help="The text to code, in quotes ('-' reads standard input)."),
    published: Optional[str] = PUBLISHED_OPTION,
    dictionaries: Optional[list[Path]] = DICTIONARY_OPTION,
    on_error: OnError = ON_ERROR_OPTION,
) -> None:
    """Code a text and say why: every pattern entry that matched, which won and why, the status and the
    governing word, each decision that changed the code, the sides kept, and why a candidate was dropped."""
    from .ingest.readers import from_text

    when = _parse_day(published, "--published")
    body = sys.stdin.read() if text == "-" else text
    try:
        items: list[Document | InputError] = [from_text(body, "text", "text", published=when)]
    except InputError as exc:  # too short to be an article: say so as code does, not with a traceback
        items = [exc]
    _explain_items(items, dictionaries, on_error)


DB_OPTION = typer.Option(None, "--db", help="Database URL or SQLite file (default: ACCORD_DB, else ./accord.db).")
STATUS_OPTION = typer.Option(
    None, "--status",
    help="The statuses counted: a comma list (occurred,planned) or all; default occurred,ongoing (asserted events).")
CONFIDENCE_FILTER = typer.Option(
    None, "--min-confidence",
    help="Count only events whose confidence (the probability that their type and both sides are right) is at "
         "least this number from 0 to 1; default 0, every event. Counting real-world events (--unit event), an "
         "event counts (once) when at least one of its reports passes it and --status.")
SINCE_OPTION = typer.Option(None, "--since", help="From this date (YYYY-MM-DD).")
UNTIL_OPTION = typer.Option(None, "--until", help="Up to this date (YYYY-MM-DD).")


class EventFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class Unit(str, Enum):
    event = "event"
    report = "report"


UNIT_OPTION = typer.Option(
    Unit.event, "--unit",
    help="event: one per real-world event (reports grouped by `accord group`, regrouped first when stale); "
         "report: one per coded event mention.")


def _grouped(store, unit: Unit) -> None:
    """Regroup the store's reports into events when counting events and the records are stale."""
    if unit is not Unit.event:
        return
    from .analysis.grouping import ensure_grouped

    done = ensure_grouped(store)
    if done is not None:
        err.print(f"accord: grouped {done[0]} reports into {done[1]} events", highlight=False)


class ExportFormat(str, Enum):
    gdelt = "gdelt"
    plover = "plover"
    parquet = "parquet"
    csv = "csv"


def _store(db: Optional[str]):
    from .store import Store

    try:
        return Store(db)
    except AccordError as exc:
        err.print(f"[red]accord: error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None


@app.command()
def ingest(
    paths: list[str] = PATHS_ARGUMENT,
    db: Optional[str] = DB_OPTION,
    published: Optional[str] = PUBLISHED_OPTION,
    dictionaries: Optional[list[Path]] = DICTIONARY_OPTION,
    on_error: OnError = ON_ERROR_OPTION,
    processes: str = PROCESSES_OPTION,
    dask: Optional[str] = DASK_OPTION,
    min_confidence: float = MIN_CONFIDENCE_OPTION,
) -> None:
    """Code documents and store them with their actors, events and quotes (each document atomically).
    With --min-confidence, events below it are not stored.

    A document stored already with the same text and coder is not coded again; one that is not English is
    skipped and its language recorded. Any document that cannot be read, coded or stored (a database
    error included) is recorded as a failure with its reason and the others go on; the exit status is 1
    when any failed."""
    when = _parse_day(published, "--published")
    store = _store(db)

    tally = {"added": 0, "replaced": 0, "unchanged": 0, "skipped": 0, "failed": 0, "events": 0}
    progress = _progress("ingesting")

    def record(source: str, reason: str) -> None:
        try:
            store.record_failure(source, reason)
        except AccordError as exc:  # the store refuses even that (locked, full): say so, and go on
            progress.console.print(f"[red]accord: error:[/red] {exc}", highlight=False)

    def fail(source: str, reason: str) -> None:
        tally["failed"] += 1
        progress.console.print(f"[red]accord: error:[/red] {source}: {reason}", highlight=False)
        record(source, reason)

    try:
        with progress:
            task = progress.add_task("ingesting", total=None, failed=0)
            for item in _coded(paths, when, dictionaries, on_error, processes, dask, store=store):
                if isinstance(item, Skipped) and item.unchanged:
                    tally["unchanged"] += 1
                elif isinstance(item, Skipped):
                    tally["skipped"] += 1
                    progress.console.print(f"[yellow]accord: skipped[/yellow] {item.source}: {item.reason}",
                                           highlight=False)
                    record(item.source, f"skipped: {item.reason}")
                elif isinstance(item, InputError):
                    fail(item.source, item.reason)
                else:
                    try:
                        outcome = store.add_document(_confident(item, min_confidence))
                    except AccordError as exc:
                        fail(item.id, str(exc))
                    else:
                        tally[outcome.action] += 1
                        tally["events"] += outcome.events if outcome.action != "unchanged" else 0
                progress.update(task, advance=1, failed=tally["failed"])
    finally:  # the summary, whatever stopped the loop
        err.print(f"accord: {tally['added']} added, {tally['replaced']} replaced, {tally['unchanged']} unchanged, "
                  f"{tally['skipped']} skipped, {tally['failed']} failed; {tally['events']} events written to "
                  f"{store.url}", highlight=False)
        store.close()
    if tally["failed"]:
        raise typer.Exit(1)


EVENTS_PAGE = 50  # events shown unless --limit or --all
TABLE_ROWS = 500  # rows per table when a long answer is printed as tables


@app.command("events")
def events_command(
    db: Optional[str] = DB_OPTION,
    actor: Optional[str] = typer.Option(None, "--actor", help="Events with this actor as source or target: "
                                        "a code (JPN: every actor of Japan; JPNGOV: that code) or a name (Japan)."),
    dyad: Optional[tuple[str, str]] = typer.Option(None, "--dyad", help="Events between two actors, either direction."),
    since: Optional[str] = SINCE_OPTION,
    until: Optional[str] = UNTIL_OPTION,
    root: Optional[str] = typer.Option(None, "--root", help="CAMEO root, 01 to 20."),
    status: Optional[str] = STATUS_OPTION,
    min_confidence: Optional[str] = CONFIDENCE_FILTER,
    limit: int = typer.Option(EVENTS_PAGE, "--limit", min=1, help="At most this many events (the oldest first)."),
    every: bool = typer.Option(False, "--all", help="Every matching event, however many (streamed)."),
    fmt: EventFormat = typer.Option(EventFormat.table, "--format", "-f", help="table, jsonl or csv."),
) -> None:
    """Query stored events by actor, pair of actors, period, type and status (by default occurred and ongoing)."""
    from .analysis import filters as checks
    from .analysis.codes import actor_code, pair_codes
    from .render import print_event_rows
    from .store import Filters

    store = _store(db)
    try:  # checked as the web API checks them: a bad value is an error, never "0 events"
        first, last = checks.period(since, until, ("--since", "--until"))
        filters = Filters(actor=actor_code(actor, "--actor", store) if actor else None,
                          dyad=pair_codes(*dyad, store) if dyad and all(dyad) else None,
                          since=first, until=last, root=checks.root(root, "--root"),
                          statuses=checks.statuses(status, "--status"),
                          min_confidence=checks.min_confidence(min_confidence, "--min-confidence"),
                          limit=None if every else limit + 1)  # one more: are there more?
    except AccordError as exc:
        store.close()
        raise _analysis_error(exc) from None
    rows = _page(store.events(filters), None if every else limit)
    if fmt is EventFormat.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(row, default=str, ensure_ascii=False) + "\n")
    elif fmt is EventFormat.csv:
        import csv as csv_module

        writer = None
        for row in rows:
            if writer is None:
                writer = csv_module.DictWriter(sys.stdout, fieldnames=list(row))
                writer.writeheader()
            writer.writerow(row)
    else:
        console = Console()
        while chunk := list(islice(rows, TABLE_ROWS)):  # a table per chunk, printed as the rows come
            print_event_rows(console, chunk)
        err.print(f"accord: {checks.status_words(filters.statuses, filters.min_confidence)} events "
                  "(--status to choose others)",
                  highlight=False)
    store.close()


def _page(rows: Generator[dict, None, None], limit: Optional[int]) -> Iterator[dict]:
    """The first ``limit`` rows (all when None), then a note on standard error when more match."""
    try:
        for n, row in enumerate(rows):
            if limit is not None and n == limit:
                err.print(f"accord: the first {limit} events are shown and more match: --limit N for more, "
                          "--all for every one", highlight=False)
                return
            yield row
    finally:
        rows.close()  # the query's connection goes back now, not when the generator is collected


@app.command("export")
def export_command(
    fmt: ExportFormat = typer.Option(..., "--format", "-f", help="gdelt, plover, parquet or csv."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here (required for parquet)."),
    status: Optional[str] = STATUS_OPTION,
    min_confidence: Optional[str] = CONFIDENCE_FILTER,
    unit: Unit = UNIT_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Export the store: the GDELT 2.0 event table, PLOVER JSON, Parquet or CSV (by default the asserted
    events: occurred, ongoing), a record per real-world event (default) or per event report (--unit report).
    With --min-confidence, an event is exported when at least one of its reports passes the floor and the
    status filter."""
    from .analysis import filters as checks
    from .export import export
    from .store import Filters

    if fmt is ExportFormat.parquet and output is None:
        raise typer.BadParameter("Parquet is binary: give --output FILE", param_hint="--output")
    try:
        chosen = Filters(statuses=checks.statuses(status, "--status"),
                         min_confidence=checks.min_confidence(min_confidence, "--min-confidence"))
    except AccordError as exc:
        raise _analysis_error(exc) from None
    store = _store(db)
    try:
        _grouped(store, unit)
        count = export(store, fmt.value, output, sys.stdout, chosen, unit=unit.value)
    except AccordError as exc:
        raise _analysis_error(exc) from None
    finally:
        store.close()
    err.print(f"accord: {count} {unit.value} records exported" + (f" to {output}" if output else ""),
              highlight=False)


@app.command("group")
def group_command(db: Optional[str] = DB_OPTION,
                  full: bool = typer.Option(False, "--full", help="Group every report again, not only the days and "
                                                                  "roots that changed since the last run.")) -> None:
    """Group the stored event reports (one per coded mention, across articles, sources and days) into one
    record per real-world event (parameters in data/grouping/grouping.yaml). Only the roots' stretches of days
    that changed since the last run are regrouped; the records are those grouping every report gives.
    Exports and dyads counting events regroup by themselves when stale."""
    from .analysis.grouping import group_store

    store = _store(db)
    try:
        reports, events_ = group_store(store, full=full)
    except AccordError as exc:
        raise _analysis_error(exc) from None
    finally:
        store.close()
    err.print(f"accord: grouped {reports} reports into {events_} events", highlight=False)


@app.command("status")
def status_command(db: Optional[str] = DB_OPTION) -> None:
    """What the store holds, and the latest failures with their reasons."""
    store = _store(db)
    console = Console()
    counts = store.counts()
    console.print(f"store: {store.url}", highlight=False)
    console.print(", ".join(f"{n} {k}" for k, n in counts.items()), highlight=False)
    feeds = store.feed_counts()
    if feeds["feeds"] or feeds["seen"]:
        console.print(f"feeds: {feeds['feeds']} followed; {feeds['seen']} articles seen: {feeds['fetched']} fetched, "
                      f"{feeds['coded']} coded, {feeds['skipped']} skipped, {feeds['failed']} failed "
                      f"({feeds['retrying']} to retry), {feeds['pending']} pending", highlight=False, soft_wrap=True)
    for failure in store.latest_failures():
        label, reason = "failed", failure["reason"]
        if reason.startswith("skipped: "):  # recorded by ingest: not English
            label, reason = "skipped", reason[len("skipped: "):]
        console.print(f"{label} {failure['failed_at']:%Y-%m-%d %H:%M:%S}  {failure['source']}: {reason}",
                      highlight=False, soft_wrap=True)
    for item in store.latest_feed_items(("skipped",), limit=5):
        console.print(f"skipped {item['updated_at']:%Y-%m-%d %H:%M:%S}  {item['url']}: {item['reason']}",
                      highlight=False, soft_wrap=True)
    store.close()


@app.command("eval")
def evaluate_command(
    shared: Path = typer.Option(Path("../shared"), "--shared", help="The folder holding eval/ and examples/."),
    only: Optional[list[str]] = typer.Option(None, "--only",
                                             help="Run only these scorers (seed, plover, conflibert, ...): "
                                                  "--only plover --only news, or --only plover,news."),
    details: bool = typer.Option(False, "--details", help="Print the tune half's misses and false alarms."),
    json_path: Optional[Path] = typer.Option(None, "--json", help="Also write every figure to this JSON file."),
) -> None:
    """Score accord against the public gold sets in SHARED/eval and the seed example, on each set's tune and
    check halves side by side (develop on tune, report check)."""
    from .evaluate import run_all

    pipeline = _pipeline()
    console = Console() if Console().is_terminal else Console(width=120)  # tables stay readable in logs
    names = {name.strip() for given in only or () for name in given.split(",") if name.strip()}
    ok = run_all(pipeline, shared, only=names, details=details, console=console, json_path=json_path)
    if not ok:
        raise typer.Exit(1)


class CorrectionsFormat(str, Enum):
    annotations = "annotations"
    dictionary = "dictionary"


@corrections_app.command("export")
def corrections_export(
    fmt: CorrectionsFormat = typer.Option(CorrectionsFormat.annotations, "--format", "-f",
                                          help="annotations (JSON Lines that accord train --corrections reads) or "
                                               "dictionary (actor corrections as a YAML user dictionary)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here (default: standard output)."),
    db: Optional[str] = DB_OPTION,
) -> None:
    """Export the analysts' corrections: reviewed events as annotations to train on (accord train
    --corrections FILE), or the actor codes analysts gave to words as user-dictionary entries (--dictionary)."""
    import yaml

    from .analysis.corrections import annotation_records, dictionary_entries

    store = _store(db)
    try:
        if fmt is CorrectionsFormat.annotations:
            records = list(annotation_records(store))
            text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
            exported = len(records)
        else:
            entries = dictionary_entries(store)
            text = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False) if entries else "[]\n"
            exported = len(entries)
    finally:
        store.close()
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
    what = "sentences" if fmt is CorrectionsFormat.annotations else "dictionary entries"
    err.print(f"accord: {exported} {what} exported" + (f" to {output}" if output else ""), highlight=False)


class RecodeFormat(str, Enum):
    text = "text"
    jsonl = "jsonl"


def _recode_lines(report) -> list[str]:
    """One document's changes as lines of text: + added, - removed, ~ changed, and its corrections."""
    def event_(row) -> str:
        sides = f"{row['source_code'] or '-'}→{row['target_code'] or '-'}"
        return f"{row['cameo']} {sides} {row['status']} '{row['trigger_text']}': {row['evidence'][:160]}"

    lines = [f"document {report.document_id} ({report.doc_id}): coder {report.coder_before} → {report.coder_after}"]
    lines += [f"  + added    {event_(row)}" for row in report.added]
    lines += [f"  - removed  {event_(row)}" for row in report.removed]
    for change in report.changed:
        before, after = change["before"], change["after"]
        what = ", ".join(f"{name} {before[column]}→{after[column]}" for name, column in
                         (("code", "cameo"), ("status", "status"), ("source", "source_code"),
                          ("target", "target_code")) if name in change["what"])
        lines.append(f"  ~ changed  {what}: {event_(after)}")
    lines += [f"  correction {c['correction']} ({c['analyst']}, {c['verdict']}) kept on event {c['event_id']}"
              for c in report.kept]
    lines += [f"  correction {c['correction']} ({c['analyst']}, {c['verdict']}) DETACHED: no event of "
              f"'{c['trigger_text']}' any more in: {c['evidence'][:160]}" for c in report.detached]
    return lines


@app.command("recode")
def recode_command(
    db: Optional[str] = DB_OPTION,
    document: Optional[list[int]] = typer.Option(None, "--document", help="Re-code only this stored document "
                                                                          "(its id); repeatable."),
    dictionaries: Optional[list[Path]] = DICTIONARY_OPTION,
    on_error: OnError = ON_ERROR_OPTION,
    fmt: RecodeFormat = typer.Option(RecodeFormat.text, "--format", "-f",
                                     help="text (what changed, per document) or jsonl (one record a document)."),
    all_documents: bool = typer.Option(False, "--all", help="Also list the documents in which nothing changed."),
) -> None:
    """Re-code stored documents with the current coder and say what changed: events added, removed and
    changed (code, status, source, target), with their evidence and both coder versions. Analysts'
    corrections follow their event and win over the coder; a correction whose event is gone is kept and
    listed as detached."""
    from .recode import recode

    store = _store(db)
    pipeline = _pipeline(_dictionary(dictionaries, on_error))
    tally = {"documents": 0, "changed": 0, "added": 0, "removed": 0, "altered": 0, "kept": 0, "detached": 0,
             "failed": 0}
    try:
        for report in recode(store, pipeline, document):
            tally["documents"] += 1
            if report.error:
                tally["failed"] += 1
                err.print(f"[red]accord: error:[/red] document {report.document_id}: {report.error}", highlight=False)
                continue
            tally["changed"] += report.differs
            for key, found in (("added", report.added), ("removed", report.removed), ("altered", report.changed),
                               ("kept", report.kept), ("detached", report.detached)):
                tally[key] += len(found)
            if fmt is RecodeFormat.jsonl:
                print(json.dumps(report.to_dict(), ensure_ascii=False, default=str))
            elif report.differs or all_documents:
                print("\n".join(_recode_lines(report)))
    except AccordError as exc:
        err.print(f"[red]accord: error:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from None
    finally:
        err.print(f"accord: {tally['documents']} documents re-coded, {tally['changed']} changed: "
                  f"{tally['added']} events added, {tally['removed']} removed, {tally['altered']} changed; "
                  f"corrections: {tally['kept']} kept, {tally['detached']} detached; {tally['failed']} failed",
                  highlight=False)
        store.close()
    if tally["failed"]:
        raise typer.Exit(1)


@app.command("train")
def train_command(
    shared: Path = typer.Option(Path("../shared"), "--shared", help="The folder holding eval/ and corpus/."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Where to write the model (default: the one the package ships)."),
    corrections: Optional[Path] = typer.Option(None, "--corrections",
                                               help="Also learn from analysts' corrections (accord corrections "
                                                    "export --format annotations)."),
) -> None:
    """Train the learned judge from the tune halves of the gold sets and accord's own annotated sentences
    (needs the training requirements: make train). Same data, same seed, same model."""
    from importlib import resources

    from .learn import train as training
    from .learn.judge import BUILTIN

    try:
        import sklearn  # noqa: F401
    except ImportError:
        err.print("[red]accord: error:[/red] training needs scikit-learn: pip install -r requirements/train.txt")
        raise typer.Exit(2) from None
    if not (shared / "eval").is_dir():
        err.print(f"[red]accord: error:[/red] {shared} holds no eval/ folder: give --shared the shared material")
        raise typer.Exit(2)
    target = output or Path(str(resources.files("accord").joinpath(BUILTIN)))
    from .events.decide import HeuristicJudge
    from .pipeline import Pipeline

    pipeline = Pipeline(dictionary=None)
    pipeline.coder.judge = HeuristicJudge()  # candidates as the rules leave them, never a previous model's
    if corrections is not None:
        try:
            training.read_corrections(corrections, pipeline.ontology)
        except (OSError, AccordError) as exc:
            err.print(f"[red]accord: error:[/red] {exc}", highlight=False)
            raise typer.Exit(2) from None
    model = training.train(pipeline, shared, report=lambda line: err.print(line, highlight=False),
                           corrections=corrections)
    training.write(model, target)
    err.print(f"accord: judge written to {target}", highlight=False)


@actors_app.command("lookup")
def actors_lookup(
    name: str = typer.Argument(..., help="A name as it appears in text: 'Fumio Kishida', 'Seoul', 'Japanese'."),
    on: Optional[str] = typer.Option(None, "--date", help="The date the name is used (YYYY-MM-DD)."),
    context: Optional[str] = typer.Option(None, "--in", help="A text holding the name: how the coder reads it there."),
    dictionaries: Optional[list[Path]] = DICTIONARY_OPTION,
    on_error: OnError = ON_ERROR_OPTION,
) -> None:
    """Show how a name resolves to an actor code on a date, and why: first as the coder reads it (by the
    coder's own code), then the dictionary's entries."""
    from . import nlp as nlp_loader
    from .actors.lookup import explain
    from .actors.matcher import MentionFinder

    when = _parse_day(on, "--date")
    dictionary = _dictionary(dictionaries, on_error)
    try:
        finder = MentionFinder(nlp_loader.load(), dictionary)
    except AccordError as exc:
        err.print(f"[red]accord: error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None
    lines = explain(dictionary, name, when, finder, context)
    console = Console()
    for line in lines:
        console.print(line, highlight=False, soft_wrap=True)
    if not lines or lines[0].startswith("unknown"):
        raise typer.Exit(1)


@patterns_app.command("check")
def patterns_check(
    word: Optional[str] = typer.Option(None, "--word", help="Show the entries for one word, in the order tried."),
) -> None:
    """Load and validate the event data files; list pattern entries that can never win (exit status 1 if any),
    or with --word, the entries for one word in the order they are tried."""
    from .events.check import explain_word, report, shadowed
    from .events.ontology import load
    from .events.patterns import load_patterns

    try:
        patterns = load_patterns(load())
    except AccordError as exc:
        err.print(f"[red]accord: error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None
    console = Console(soft_wrap=True)
    dead = [] if word else shadowed(patterns)
    lines = explain_word(patterns, word) if word else report(dead)
    for line in lines or [f"no pattern entry for {word!r}"]:
        console.print(line, highlight=False, markup=False)
    if not lines or dead:
        raise typer.Exit(1)


# ---------------------------------------------------------------------- analyst views (dyad, network, serve)
class Period(str, Enum):
    week = "week"
    month = "month"
    year = "year"


class NetworkFormat(str, Enum):
    table = "table"
    json = "json"
    graphml = "graphml"


def _analysis_error(exc: AccordError):
    err.print(f"[red]accord: error:[/red] {exc}", highlight=False)
    return typer.Exit(2)


@app.command("dyad")
def dyad_command(
    a: str = typer.Argument(..., help="First actor: a country (JPN: all its actors) or a full code (JPNGOV)."),
    b: str = typer.Argument(..., help="Second actor, the same way."),
    by: Period = typer.Option(Period.month, "--by", help="Count by week, month or year."),
    since: Optional[str] = SINCE_OPTION,
    until: Optional[str] = UNTIL_OPTION,
    status: Optional[str] = STATUS_OPTION,
    min_confidence: Optional[str] = CONFIDENCE_FILTER,
    png: Optional[Path] = typer.Option(None, "--png", help="Also draw the chart to this file (PNG; .svg for SVG)."),
    fmt: EventFormat = typer.Option(EventFormat.table, "--format", "-f", help="table, jsonl or csv."),
    unit: Unit = UNIT_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """A pair of actors over time: events per QuadClass, Goldstein sum and mean, in both directions.
    A and B are codes (JPN, JPNGOV) or names (Japan). Counts real-world events (reports grouped by
    `accord group`), or with --unit report every event report."""
    from .analysis import dyad_series
    from .analysis import filters as checks
    from .analysis.tables import print_dyad

    store = _store(db)
    try:
        first, last = checks.period(since, until, ("--since", "--until"))
        floor = checks.min_confidence(min_confidence, "--min-confidence")
        _grouped(store, unit)
        series = dyad_series(store, a, b, by.value, first, last, checks.statuses(status, "--status"), floor,
                             unit.value)
        apart = checks.not_counted(store.status_counts(actor=series.a, partner=series.b, since=first, until=last,
                                                       min_confidence=floor, unit=unit.value), series.statuses)
    except AccordError as exc:
        raise _analysis_error(exc) from None
    finally:
        store.close()
    if fmt is EventFormat.jsonl:
        for row in series.records():
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt is EventFormat.csv:
        series.frame.to_csv(sys.stdout, index=False)
    else:
        print_dyad(Console(), series, apart)
    if png:
        from .analysis.plots import dyad_figure, save

        save(dyad_figure(series), png)
        err.print(f"accord: chart written to {png}", highlight=False)


@app.command("network")
def network_command(
    since: Optional[str] = SINCE_OPTION,
    until: Optional[str] = UNTIL_OPTION,
    status: Optional[str] = STATUS_OPTION,
    min_confidence: Optional[str] = CONFIDENCE_FILTER,
    min_events: int = typer.Option(1, "--min-events", min=1, help="Leave out relations with fewer events."),
    top: int = typer.Option(40, "--top", min=0, help="Only the actors with the most events (0: all)."),
    unknown: bool = typer.Option(False, "--unknown", help="Keep actors the dictionary does not know (---) "
                                 "and sectors of no country (---GOV)."),
    level: str = typer.Option("country", "--level", help="Nodes are countries (JPNGOV counts for JPN) or actors."),
    actor: Optional[str] = typer.Option(None, "--actor", help="This actor's ego network: it, its partners "
                                        "and their relations (a code or a name)."),
    fmt: NetworkFormat = typer.Option(NetworkFormat.table, "--format", "-f", help="table, json or graphml."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write json/graphml here."),
    png: Optional[Path] = typer.Option(None, "--png", help="Also draw the network to this file (PNG; .svg for SVG)."),
    unit: Unit = UNIT_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Actors as nodes, relations weighted by cooperation (QuadClass 1-2) and conflict (3-4): real-world
    events (reports grouped by `accord group`), or with --unit report every event report."""
    from .analysis import filters as checks
    from .analysis import relation_network
    from .analysis.networks import write_network
    from .analysis.tables import print_network

    store = _store(db)
    try:
        first, last = checks.period(since, until, ("--since", "--until"))
        _grouped(store, unit)
        graph = relation_network(store, first, last, min_events, level, actor, checks.statuses(status, "--status"),
                                 top or None, unknown, checks.min_confidence(min_confidence, "--min-confidence"),
                                 unit.value)
    except AccordError as exc:
        raise _analysis_error(exc) from None
    finally:
        store.close()
    if fmt is NetworkFormat.table:
        print_network(Console(), graph)
    else:
        write_network(graph, fmt.value, output, sys.stdout)
    if png:
        from .analysis.plots import network_figure, save

        save(network_figure(graph), png)
        err.print(f"accord: chart written to {png}", highlight=False)
    shown = graph.number_of_nodes()
    cut = f" (the busiest of {graph.graph['actors']}; --top 0 for all)" if graph.graph["actors"] > shown else ""
    err.print(f"accord: {shown} actors{cut}, {graph.number_of_edges()} relations", highlight=False)


@app.command("serve")
def serve_command(
    db: Optional[str] = DB_OPTION,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0 for every interface)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    token: Optional[str] = typer.Option(None, "--token", envvar="ACCORD_API_TOKEN",
                                        help="Allow POST /api/documents for clients sending this bearer token."),
) -> None:
    """The web UI and JSON API over the store (read-only unless --token is given); the API is listed at /api."""
    import uvicorn

    from .web import create_app

    store = _store(db)
    err.print(f"accord: serving {store.url} on http://{host}:{port}/ "
              f"({'ingest enabled with the token' if token else 'read-only'})", highlight=False)
    uvicorn.run(create_app(store, token=token or None), host=host, port=port, log_level="warning")
    store.close()



# ---------------------------------------------------------------------- feeds (watch)
_REPORT_STYLE = {"coded": "green", "unchanged": "dim", "skipped": "yellow", "failed": "red", "polled": "cyan",
                 "not modified": "dim"}


@app.command()
def watch(
    feeds: Optional[list[str]] = typer.Argument(None, help="RSS or Atom feed URLs to follow."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="A feeds file (YAML; see examples/feeds.yaml)."),
    every: Optional[str] = typer.Option(None, "--every", help="Poll each feed this often: 90s, 15m, 2h (default 15m)."),
    once: bool = typer.Option(False, "--once", help="Poll every feed once, handle what is due, and exit (for cron)."),
    max_size: Optional[str] = typer.Option(None, "--max-size", help="Refuse articles larger than this (default 5MB)."),
    timeout: Optional[str] = typer.Option(None, "--timeout",
                                          help="Give up on a response after this long (default 20s)."),
    rate_limit: Optional[str] = typer.Option(None, "--rate-limit",
                                             help="Wait this long between requests to one host (default 1s)."),
    max_new: Optional[int] = typer.Option(None, "--max-new", min=1, help="Take at most this many new articles "
                                          "from a feed per poll, newest first (default 100)."),
    allow_private: bool = typer.Option(False, "--allow-private", help="Also fetch from loopback, private and "
                                       "link-local addresses (refused by default)."),
    db: Optional[str] = DB_OPTION,
) -> None:
    """Follow news feeds: fetch new articles, code them and store them, until stopped (Ctrl-C).

    With --once, the exit status is 0 when every feed was read, 1 when some failed and 3 when all did."""
    import signal
    import threading
    from dataclasses import replace

    from .feeds import FeedConfigError, FeedSpec, Fetcher, Watcher, WatchConfig, load_config, parse_duration, parse_size
    from .feeds.config import check_feed_url

    try:
        settings = load_config(config) if config else WatchConfig()
        specs = list(settings.feeds) + [FeedSpec(check_feed_url(url, "FEED")) for url in feeds or []]
        if not specs:
            raise FeedConfigError("give feed URLs or --config FILE")
        fetch = settings.fetch
        if max_size:
            fetch = replace(fetch, max_bytes=parse_size(max_size, "--max-size"))
        if timeout:
            fetch = replace(fetch, timeout=parse_duration(timeout, "--timeout") or fetch.timeout)
        if rate_limit:
            fetch = replace(fetch, rate_limit=parse_duration(rate_limit, "--rate-limit"))
        if allow_private:
            fetch = replace(fetch, allow_private=True)
        interval = parse_duration(every, "--every") if every else settings.every
        if interval < 1:
            raise FeedConfigError(f"--every: {every!r} is shorter than a second")
    except FeedConfigError as exc:
        err.print(f"[red]accord: error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None
    import logging

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its complaints about pages become our reasons
    store = _store(db)
    err.print(f"accord: following {len(specs)} feeds into {store.url}; loading the coder ...", highlight=False)
    status = err.status("loading", spinner="dots") if err.is_terminal else None

    def show(report) -> None:
        if report.outcome == "started":
            if status is not None:
                status.update(f"fetching {report.url}")
            return
        style = _REPORT_STYLE.get(report.outcome, "white")
        detail = f": {report.detail}" if report.detail else ""
        err.print(f"[{style}]{report.outcome:>12}[/{style}] {report.what} {report.url}{detail}", highlight=False)

    def waiting(seconds: float) -> None:
        from datetime import datetime, timedelta

        wake = datetime.now() + timedelta(seconds=seconds)
        if status is not None:
            status.update(f"waiting; next poll at {wake:%H:%M:%S}")
        else:
            err.print(f"accord: next poll at {wake:%H:%M:%S}", highlight=False)

    stop = threading.Event()

    def ask_to_stop(_signum, _frame) -> None:
        stop.set()

    previous = signal.signal(signal.SIGTERM, ask_to_stop)
    if status is not None:
        status.start()
    watcher = None
    try:  # loading the coder may fail too: the spinner, the signal handler and the store are put back all the same
        watcher = Watcher(store, _pipeline(), Fetcher(fetch), max_attempts=settings.max_attempts,
                          max_new=max_new or settings.max_new, on_report=show)
        if once:
            watcher.run_once(specs, stop.is_set)
        else:
            watcher.run(specs, interval, stop=stop, on_wait=waiting)
    except KeyboardInterrupt:
        stop.set()
    finally:
        if status is not None:
            status.stop()
        signal.signal(signal.SIGTERM, previous)
        if watcher is not None:
            watcher.close()
            tally = watcher.tally
            polls = tally["feed polled"] + tally["feed not modified"] + tally["feed failed"]
            err.print(f"accord: {polls} polls ({tally['feed failed']} failed); articles: {tally['item coded']} coded, "
                      f"{tally['item skipped']} skipped, {tally['item failed']} failed, "
                      f"{tally['item unchanged']} already stored", highlight=False)
        store.close()
    if once and watcher is not None and watcher.tally["feed failed"]:  # for cron: an outage shows in the status
        raise typer.Exit(3 if watcher.tally["feed failed"] == polls else 1)


# ---------------------------------------------------------------------- end of commands
def main() -> None:
    app()


if __name__ == "__main__":
    main()
