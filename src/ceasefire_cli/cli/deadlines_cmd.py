"""`ceasefire deadlines`: ultimatums, truces and other windows as they stood on a day."""

from __future__ import annotations

import re
from typing import Annotated

import typer

from ceasefire_cli import present
from ceasefire_cli.errors import UsageError
from ceasefire_cli.records import WINDOW_FIELDS
from ceasefire_cli.schema import WINDOW_KINDS
from ceasefire_cli.text import close_matches
from ceasefire_cli.windows import STATUSES, deadlines_at

from . import completion
from .common import (
    app,
    handle_errors,
    load,
    make_environment,
    write_view,
)
from .options import CommonOptions, FieldsOpt, Format, common_options

DEADLINES_EXAMPLES = """Examples:

  ceasefire deadlines --as-of 2025-07-20     the 50-day ultimatum: pending, 44 days left

  ceasefire deadlines --as-of 2025-08-01 --explain

  ceasefire deadlines --as-of 2025-04-20 --active

  ceasefire deadlines --kind truce --json

  ceasefire deadlines --as-of 2025-07-30 --within 14d

Statuses: proposed, upcoming (announced, not started), active (in force), pending (deadline
ahead), due-window (inside the due range), lapsed (deadline passed), expired (window ended),
superseded, rejected, never-in-force."""

_WITHIN = re.compile(r"^\s*(\d+)\s*([dw]?)\s*$", re.IGNORECASE)
_MAX_WITHIN_DIGITS = 5  # 273 years of days: more would only overflow the date arithmetic


def _choices(option: str, values: list[str] | None, valid: tuple[str, ...]) -> tuple[str, ...]:
    for value in values or ():
        if value not in valid:
            close = close_matches(value, valid, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"choose from {', '.join(valid)}"
            raise UsageError(f"{option}: '{value}' is not a {option[2:]}", hint)
    return tuple(values or ())


def _within_days(text: str | None) -> int | None:
    if text is None:
        return None
    match = _WITHIN.match(text)
    if not match:
        raise UsageError(f"--within: '{text}' is not a number of days", "write e.g. 14d, 2w or 14")
    if len(match.group(1)) > _MAX_WITHIN_DIGITS:
        raise UsageError(f"--within: '{text}' is too many", "give at most 99999 days")
    amount = int(match.group(1))
    return amount * 7 if match.group(2).lower() == "w" else amount


@app.command("deadlines", epilog=DEADLINES_EXAMPLES)
@common_options()
def deadlines_command(
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            "-k",
            metavar="KIND",
            autocompletion=completion.window_kinds,
            help=f"Only these kinds ({', '.join(WINDOW_KINDS)}).",
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            autocompletion=completion.statuses,
            help="Only windows with this status. Repeatable.",
        ),
    ] = None,
    active: Annotated[
        bool, typer.Option("--active", help="Only what is in force or pending on the as-of day.")
    ] = False,
    within: Annotated[
        str | None,
        typer.Option(
            "--within", metavar="N", help="Only what falls due or ends within N days (14d, 2w)."
        ),
    ] = None,
    fields: FieldsOpt = None,
    explain: Annotated[
        bool, typer.Option("--explain", "-e", help="Show the arithmetic behind each date.")
    ] = False,
    *,
    options: CommonOptions,
) -> None:
    """Ultimatums, truces, moratoriums and deals: due dates, status and days left, as of a day."""
    with handle_errors():
        env = make_environment(options)
        chosen = present.parse_fields(fields, WINDOW_FIELDS)
        states = deadlines_at(
            load(env),
            env.as_of,
            kinds=_choices("--kind", kind, WINDOW_KINDS),
            statuses=_choices("--status", status, STATUSES),
            active_only=active,
            within_days=_within_days(within),
        )
        view = present.deadline_listing(
            states,
            for_table=env.fmt is Format.table,
            explain=explain,
            as_of=env.as_of.isoformat(),
            lang=env.lang,
        )
        write_view(present.select_fields(view, chosen), env)
