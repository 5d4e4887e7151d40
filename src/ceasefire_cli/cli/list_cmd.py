"""`ceasefire list`: events in date order, filtered."""

from __future__ import annotations

from typing import Annotated

import typer

from ceasefire_cli import present
from ceasefire_cli.query import filter_events
from ceasefire_cli.records import EVENT_FIELDS

from .common import (
    app,
    event_filter,
    handle_errors,
    load,
    make_environment,
    write_view,
)
from .options import CommonOptions, FieldsOpt, FilterOptions, Format, common_options, filter_options

LIST_EXAMPLES = """Examples:

  ceasefire list --since 2025-02          all of February 2025 onwards

  ceasefire list --on 2022-03 --json      March 2022, as JSON

  ceasefire list --actor Lavrov --tag talks

  ceasefire list --since "3 months ago" --today 2025-08-08

  ceasefire list --until 2022 --reverse --limit 3

  ceasefire list --as-of 2025-08-01        the timeline as it stood that day

Dates: 2025, 2025-02, 2025-02-12, 2025-W07, 2025-Q3, Feb 2025, 12 Feb 2025,
١٢ شباط ٢٠٢٥, 3 weeks ago, -30d. A partial date is a period:
--since starts at its first day, --until ends at its last."""


@app.command("list", epilog=LIST_EXAMPLES)
@common_options()
@filter_options()
def list_command(
    reverse: Annotated[bool, typer.Option("--reverse", "-r", help="Newest first.")] = False,
    fields: FieldsOpt = None,
    *,
    filters: FilterOptions,
    options: CommonOptions,
) -> None:
    """List events in date order, filtered by date, actor, tag and place."""
    with handle_errors():
        env = make_environment(options)
        chosen = present.parse_fields(fields, EVENT_FIELDS)
        spec = event_filter(env, filters, reverse=reverse)
        timeline = load(env)
        events = filter_events(timeline, spec)
        noun = "event" if len(events) == 1 else "events"
        caption = f"{len(events)} {noun} of {len(timeline.events)} · as of {env.as_of}"
        listing = present.event_listing(
            events, for_table=env.fmt is Format.table, caption=caption, lang=env.lang
        )
        write_view(present.select_fields(listing, chosen), env)
