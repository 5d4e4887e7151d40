"""`ceasefire timeline`: a terminal chart of events per month and the windows, as of a day."""

from __future__ import annotations

import shutil
import sys
from typing import Annotated

import typer

from ceasefire_cli import records
from ceasefire_cli.query import filter_events
from ceasefire_cli.render.chart import render_chart
from ceasefire_cli.windows import deadlines_at

from .common import (
    app,
    event_filter,
    handle_errors,
    load,
    make_environment,
    save_pictures,
    write_text,
)
from .options import CommonOptions, FilterOptions, common_options, filter_options

TIMELINE_EXAMPLES = """Examples:

  ceasefire timeline                         everything, to the width of the terminal

  ceasefire timeline --since 2025 --as-of 2025-08-08

  ceasefire timeline --tag truce --ascii     ASCII only (also when the terminal can't draw boxes)"""


def _can_draw_boxes() -> bool:
    try:
        "█━┄└▲".encode(sys.stdout.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


@app.command("timeline", epilog=TIMELINE_EXAMPLES)
@common_options(formats=False)
@filter_options()
def timeline_command(
    ascii_only: Annotated[bool, typer.Option("--ascii", help="Draw with ASCII only.")] = False,
    width: Annotated[
        int | None,
        typer.Option("--width", min=64, help="Chart width in columns (default: the terminal's)."),
    ] = None,
    *,
    filters: FilterOptions,
    options: CommonOptions,
) -> None:
    """Chart events per month as bars and windows (truces, ultimatums...) as spans."""
    with handle_errors():
        env = make_environment(options)
        timeline = load(env)
        events = filter_events(timeline, event_filter(env, filters))
        shown = {event.id for event in events}
        states = [s for s in deadlines_at(timeline, env.as_of) if s.window.event_id in shown]
        text = render_chart(
            [records.event_record(event) for event in events],
            [records.window_record(state) for state in states],
            as_of=env.as_of,
            width=width or shutil.get_terminal_size((80, 24)).columns,
            ascii_only=ascii_only or not _can_draw_boxes(),
        )
        save_pictures(env, text)
        write_text(text, escape=False)  # titles are escaped as the chart is drawn
