"""`ceasefire diff A B`: what changed after A, up to and including B."""

from __future__ import annotations

from functools import partial
from typing import Annotated

import typer

from ceasefire_cli import present
from ceasefire_cli.diff import Endpoint, diff_between, resolve_endpoint
from ceasefire_cli.errors import ExitCode
from ceasefire_cli.query import as_of as as_of_view

from . import completion
from .common import (
    app,
    find_as_of,
    handle_errors,
    load_full,
    make_environment,
    write_view,
)
from .options import CommonOptions, Format, common_options

DIFF_EXAMPLES = """Examples:

  ceasefire diff 2025-02-18-riyadh-us-russia-talks 2025-05-16-istanbul-direct-talks

  ceasefire diff 2025-02-18 2025-05-16            the same span, by dates: 87 days

  ceasefire diff 2025-07 2025-08 --json           after July, up to the end of August

  ceasefire diff 2025-07-14 2025-08-01 --stat --exit-code

A and B are dates, periods (after A's last day, up to B's last day) or event ids (after
event A, up to and including event B). A date wins over an id prefix that looks the same."""


@app.command("diff", epilog=DIFF_EXAMPLES)
@common_options()
def diff_command(
    start: Annotated[
        str,
        typer.Argument(
            metavar="A", autocompletion=completion.event_ids, help="A date, period or event id."
        ),
    ],
    end: Annotated[
        str,
        typer.Argument(
            metavar="B",
            autocompletion=completion.event_ids,
            help="A later date, period or event id.",
        ),
    ],
    stat: Annotated[bool, typer.Option("--stat", help="Counts only.")] = False,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when anything changed, 0 when nothing did.")
    ] = False,
    *,
    options: CommonOptions,
) -> None:
    """What changed between two days: events, window changes, and what was in force at each."""
    with handle_errors():
        env = make_environment(options)
        full = load_full(env)
        timeline = as_of_view(full, env.as_of)

        def endpoint(text: str) -> Endpoint:
            return find_as_of(
                full, timeline, env.as_of, text, partial(resolve_endpoint, today=env.today)
            )

        result = diff_between(timeline, endpoint(start), endpoint(end), as_of=env.as_of)
        report = present.diff_report(
            result, timeline, stat=stat, for_table=env.fmt is Format.table, lang=env.lang
        )
        write_view(report, env)
    if exit_code and result.changed:
        raise typer.Exit(ExitCode.NO_MATCH)
