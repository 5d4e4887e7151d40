"""`ceasefire list`: events in date order, filtered."""

from __future__ import annotations

from typing import Annotated

import typer

from ceasefire_cli import present
from ceasefire_cli.query import EventFilter, filter_events

from .common import (
    app,
    handle_errors,
    load,
    make_environment,
    period_option,
    write_view,
)
from .options import CommonOptions, Format, common_options

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
def list_command(
    since: Annotated[
        str | None,
        typer.Option(
            "--since", "-s", metavar="DATE", help="Events on or after this date (its first day)."
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until", "-u", metavar="DATE", help="Events on or before this date (its last day)."
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option("--on", metavar="DATE", help="Events within this day, month, year..."),
    ] = None,
    actor: Annotated[
        list[str] | None,
        typer.Option(
            "--actor",
            "-a",
            metavar="NAME",
            help="Events involving this actor, in any spelling or language. Repeatable (any of).",
        ),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag",
            "-t",
            metavar="TAG",
            help="Events with this tag (talks, truce, ...). Repeatable.",
        ),
    ] = None,
    place: Annotated[
        list[str] | None,
        typer.Option("--place", "-p", metavar="PLACE", help="Events at this place. Repeatable."),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=0, help="Show at most N events.")
    ] = None,
    reverse: Annotated[bool, typer.Option("--reverse", "-r", help="Newest first.")] = False,
    *,
    options: CommonOptions,
) -> None:
    """List events in date order, filtered by date, actor, tag and place."""
    with handle_errors():
        env = make_environment(options)
        spec = EventFilter(
            since=period_option("--since", since, env.today),
            until=period_option("--until", until, env.today),
            on=period_option("--on", on, env.today),
            actors=tuple(actor or ()),
            tags=tuple(tag or ()),
            places=tuple(place or ()),
            limit=limit,
            reverse=reverse,
        )
        timeline = load(env)
        events = filter_events(timeline, spec)
        noun = "event" if len(events) == 1 else "events"
        caption = f"{len(events)} {noun} of {len(timeline.events)} · as of {env.as_of}"
        write_view(
            present.event_listing(events, for_table=env.fmt is Format.table, caption=caption), env
        )
