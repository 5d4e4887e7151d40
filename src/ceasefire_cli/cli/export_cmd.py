"""`ceasefire export`: the timeline for calendars, newsroom timelines, spreadsheets and reports."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from ceasefire_cli import __version__, present, records
from ceasefire_cli.errors import UsageError
from ceasefire_cli.query import filter_events
from ceasefire_cli.render import Export, render
from ceasefire_cli.windows import deadlines_at

from .common import (
    app,
    event_filter,
    handle_errors,
    load,
    make_environment,
    write_file_atomically,
    write_text,
)
from .options import CommonOptions, FieldsOpt, FilterOptions, common_options, filter_options

EXPORT_EXAMPLES = """Examples:

  ceasefire export --format ics -o ceasefire.ics          subscribe to it in a calendar

  ceasefire export --format timelinejs -o timeline.json   publish with Knight Lab's TimelineJS

  ceasefire export --format csv --since 2025 --fields id,date,title,sources -o 2025.csv

  ceasefire export --format md --tag truce --as-of 2025-06-01

The same data and options always give byte-identical output (no timestamps from the clock),
so an export can be committed and diffed. -o writes through a temporary file and a rename:
an error midway leaves an existing file untouched. -o - is stdout."""


class ExportFormat(enum.StrEnum):
    ics = "ics"
    timelinejs = "timelinejs"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    md = "md"


@app.command("export", epilog=EXPORT_EXAMPLES)
@common_options(formats=False, pictures=False)
@filter_options()
def export_command(
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="What to export to."),
    ] = ExportFormat.json,
    output: Annotated[
        str,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (- for stdout)."),
    ] = "-",
    fields: FieldsOpt = None,
    *,
    filters: FilterOptions,
    options: CommonOptions,
) -> None:
    """Export events (and windows, for ics and timelinejs) with list's filters, as of a day."""
    with handle_errors():
        env = make_environment(options)
        if not output:
            raise UsageError("-o: the output path is empty", "give a file name, or - for stdout")
        if fields is not None and fmt in (ExportFormat.ics, ExportFormat.timelinejs):
            raise UsageError(
                f"--fields does not apply to {fmt}", "use it with json, jsonl, csv or md"
            )
        chosen = present.parse_fields(fields, records.EVENT_FIELDS)
        timeline = load(env)
        events = filter_events(timeline, event_filter(env, filters))
        if fmt in (ExportFormat.ics, ExportFormat.timelinejs):
            # The windows announced by the exported events (a filter on events narrows both).
            exported = {event.id for event in events}
            states = [s for s in deadlines_at(timeline, env.as_of) if s.window.event_id in exported]
            event_records = [records.event_record(event) for event in events]
            window_records = [records.window_record(state) for state in states]
            view = Export(
                events=event_records,
                windows=window_records,
                as_of=env.as_of.isoformat(),
                stamp=_latest_date(event_records, window_records, env.as_of),
                title="Efforts to end the Russia–Ukraine war (ceasefire)",
                lang=env.lang,
                version=__version__,
            )
            text = render(view, fmt.value)
        else:
            listing = present.event_listing(events, for_table=False, caption=None, lang=env.lang)
            text = render(present.select_fields(listing, chosen), fmt.value)
        if output == "-":
            write_text(text)
        else:
            write_file_atomically(Path(output), text)


def _latest_date(events: list[records.Record], windows: list[records.Record], as_of: object) -> str:
    """The newest date in the exported data (not after the as-of day): the calendar's DTSTAMP,
    so that the same data gives the same file whatever day it is exported on."""
    days = [e["start"] for e in events] + [w["issued"] for w in windows]
    return max((day for day in days if day <= str(as_of)), default=str(as_of))
