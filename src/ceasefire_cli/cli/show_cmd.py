"""`ceasefire show`: one event in full."""

from __future__ import annotations

from typing import Annotated

import typer

from ceasefire_cli import present
from ceasefire_cli.query import as_of as as_of_view
from ceasefire_cli.query import find_event, neighbours

from . import completion
from .common import (
    app,
    find_as_of,
    handle_errors,
    load_full,
    make_environment,
    write_view,
)
from .options import CommonOptions, common_options

SHOW_EXAMPLES = """Examples:

  ceasefire show 2025-07-14-tariff-ultimatum

  ceasefire show 2025-07-14                a unique start of an id is enough

  ceasefire show 2025-05-16 --json         with actors expanded and the neighbouring events"""


@app.command("show", epilog=SHOW_EXAMPLES)
@common_options()
def show_command(
    event_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            autocompletion=completion.event_ids,
            help="An event id, or a unique start of one.",
        ),
    ],
    *,
    options: CommonOptions,
) -> None:
    """Show one event in full: both languages, actors, places, sources, notes and its neighbours."""
    with handle_errors():
        env = make_environment(options)
        full = load_full(env)
        timeline = as_of_view(full, env.as_of)
        event = find_as_of(full, timeline, env.as_of, event_id, find_event)
        previous, following = neighbours(timeline, event)
        detail = present.event_detail(timeline, event, previous, following, as_of=env.as_of)
        write_view(detail, env)
