"""The command line: the only module that imports typer and reads the clock.

It parses arguments, calls the core, picks a renderer, writes the result and turns every
error into a one-line message on stderr and a documented exit code.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer._click import exceptions as click_exceptions  # Typer vendors Click

from . import __version__, present
from .dataset import check_files, dataset_paths, load_timeline
from .dates import ACCEPTED_FORMS, DateError, parse_period
from .errors import CeasefireError, DataError, ExitCode, UsageError
from .model import Period, Timeline
from .query import EventFilter, filter_events, find_event, neighbours
from .render import FORMATS, View, render

PROG = "ceasefire"
# Exit status when the reader of our output went away (`| head`): 128 + SIGPIPE, as Unix tools do.
EXIT_BROKEN_PIPE = 141


class Format(enum.StrEnum):
    table = "table"
    plain = "plain"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    md = "md"


assert tuple(Format) == tuple(FORMATS), "Format must list the registered renderers"

app = typer.Typer(
    name=PROG,
    help=(
        "Query a sourced timeline of the efforts to end the Russia–Ukraine war: talks, calls, "
        "proposals, truces and ultimatums, from an Arabic news article of 8 August 2025 and "
        "verified follow-ups."
    ),
    epilog="Examples:  ceasefire list --since 2025-02  ·  ceasefire show 2025-07-14  ·  "
    "ceasefire list --actor لافروف --json",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_COMMON = "Data and output"
DataOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--data",
        metavar="FILE",
        envvar="CEASEFIRE_DATA",
        help="A TOML file of your own events, laid over the bundled ones (same id replaces). "
        "Repeatable; CEASEFIRE_DATA takes a path list.",
        rich_help_panel=_COMMON,
        show_default=False,
    ),
]
NoBundledOpt = Annotated[
    bool,
    typer.Option(
        "--no-bundled",
        help="Use only the --data files, not the bundled dataset.",
        rich_help_panel=_COMMON,
    ),
]
FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="Output format. Default: table on a terminal, plain (tab-separated) in a pipe.",
        rich_help_panel=_COMMON,
        show_default=False,
    ),
]
JsonOpt = Annotated[
    bool, typer.Option("--json", help="Shortcut for --format json.", rich_help_panel=_COMMON)
]
NoColorOpt = Annotated[
    bool,
    typer.Option(
        "--no-color", help="No colour (also when NO_COLOR is set).", rich_help_panel=_COMMON
    ),
]
TodayOpt = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="DATE",
        envvar="CEASEFIRE_TODAY",
        help="Pretend today is this day, for relative dates like '3 weeks ago'.",
        rich_help_panel=_COMMON,
        show_default=False,
    ),
]


@dataclass(frozen=True, slots=True)
class Environment:
    """The ambient inputs of one run, gathered in one place so tests can pin them."""

    today: dt.date
    data: tuple[Path, ...]
    bundled: bool
    fmt: Format
    color: bool


def _today(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()  # the only place the program reads the clock
    try:
        period = parse_period(value, today=dt.date.today())
    except DateError as err:
        raise _date_error("--today", value, err) from None
    if period.start != period.end:
        raise UsageError(
            f"--today: '{value}' is a period, not a day", "give a day, e.g. 2025-08-08"
        )
    return period.start


def _environment(
    data: list[Path] | None,
    no_bundled: bool,
    fmt: Format | None,
    as_json: bool,
    no_color: bool,
    today: str | None,
) -> Environment:
    if as_json and fmt not in (None, Format.json):
        raise UsageError(f"--json and --format {fmt} disagree", "give only one of them")
    if fmt is None:
        fmt = Format.json if as_json else (Format.table if sys.stdout.isatty() else Format.plain)
    if no_bundled and not data:
        raise UsageError("--no-bundled leaves no data", "add --data FILE (or set CEASEFIRE_DATA)")
    color = not no_color and "NO_COLOR" not in os.environ
    return Environment(_today(today), tuple(data or ()), not no_bundled, fmt, color)


def _date_error(option: str, value: str, err: DateError) -> UsageError:
    return UsageError(f"{option}: '{value}': {err}", f"accepted forms: {ACCEPTED_FORMS}")


def _period(option: str, value: str | None, today: dt.date) -> Period | None:
    if value is None:
        return None
    try:
        return parse_period(value, today=today)
    except DateError as err:
        raise _date_error(option, value, err) from None


def _load(env: Environment) -> Timeline:
    return load_timeline(env.data, bundled=env.bundled)


def _err(line: str) -> None:
    sys.stderr.write(f"{line}\n")


@contextmanager
def _errors() -> Iterator[None]:
    """Turn every CeasefireError into its message on stderr and its exit code."""
    try:
        yield
    except DataError as err:
        for problem in err.problems:
            _err(str(problem))
        _fail(err)
    except CeasefireError as err:
        _fail(err)


def _fail(err: CeasefireError) -> NoReturn:
    _err(f"{PROG}: error: {err}")
    raise typer.Exit(err.exit_code)


def _write(view: View, env: Environment) -> None:
    output: Any = render(view, env.fmt)
    try:
        if isinstance(output, str):
            sys.stdout.write(output)
            sys.stdout.flush()
            return
        from rich.console import Console  # only the table format pays for importing rich

        console = Console(
            file=sys.stdout,
            highlight=False,
            markup=False,
            emoji=False,
            no_color=not env.color,
            soft_wrap=False,
        )
        console.print(output)
    except BrokenPipeError:
        # The reader has gone (`| head`): stop quietly, as Unix tools do.
        _silence_stdout()
        raise typer.Exit(EXIT_BROKEN_PIPE) from None


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"{PROG} {__version__}\n")
        raise typer.Exit


@app.callback()
def _root(
    version: Annotated[
        bool | None,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = None,
) -> None:
    """Query a sourced timeline of the efforts to end the Russia–Ukraine war."""


LIST_EXAMPLES = """Examples:

  ceasefire list --since 2025-02          all of February 2025 onwards

  ceasefire list --on 2022-03 --json      March 2022, as JSON

  ceasefire list --actor Lavrov --tag talks

  ceasefire list --since "3 months ago" --today 2025-08-08

  ceasefire list --until 2022 --reverse --limit 3

Dates: 2025, 2025-02, 2025-02-12, 2025-W07, 2025-Q3, Feb 2025, 12 Feb 2025,
١٢ شباط ٢٠٢٥, 3 weeks ago, -30d. A partial date is a period:
--since starts at its first day, --until ends at its last."""


@app.command("list", epilog=LIST_EXAMPLES)
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
    data: DataOpt = None,
    no_bundled: NoBundledOpt = False,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    no_color: NoColorOpt = False,
    today: TodayOpt = None,
) -> None:
    """List events in date order, filtered by date, actor, tag and place."""
    with _errors():
        env = _environment(data, no_bundled, fmt, as_json, no_color, today)
        spec = EventFilter(
            since=_period("--since", since, env.today),
            until=_period("--until", until, env.today),
            on=_period("--on", on, env.today),
            actors=tuple(actor or ()),
            tags=tuple(tag or ()),
            places=tuple(place or ()),
            limit=limit,
            reverse=reverse,
        )
        timeline = _load(env)
        events = filter_events(timeline, spec)
        noun = "event" if len(events) == 1 else "events"
        caption = f"{len(events)} {noun} of {len(timeline.events)}"
        _write(
            present.event_listing(events, for_table=env.fmt is Format.table, caption=caption), env
        )


SHOW_EXAMPLES = """Examples:

  ceasefire show 2025-07-14-tariff-ultimatum

  ceasefire show 2025-07-14                a unique start of an id is enough

  ceasefire show 2025-05-16 --json         with actors expanded and the neighbouring events"""


@app.command("show", epilog=SHOW_EXAMPLES)
def show_command(
    event_id: Annotated[
        str, typer.Argument(metavar="ID", help="An event id, or a unique start of one.")
    ],
    data: DataOpt = None,
    no_bundled: NoBundledOpt = False,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    no_color: NoColorOpt = False,
    today: TodayOpt = None,
) -> None:
    """Show one event in full: both languages, actors, places, sources, notes and its neighbours."""
    with _errors():
        env = _environment(data, no_bundled, fmt, as_json, no_color, today)
        timeline = _load(env)
        event = find_event(timeline, event_id)
        previous, following = neighbours(timeline, event)
        _write(present.event_detail(timeline, event, previous, following), env)


VALIDATE_EXAMPLES = """Examples:

  ceasefire validate                      check the bundled dataset

  ceasefire validate mine.toml            check your file laid over the bundled one

  ceasefire validate --no-bundled a.toml b.toml --json

Problems are printed one per line as FILE:LINE:COL: message (TOML syntax) or
FILE:LINE: event ID: field: message. Exit 0 when clean, 3 otherwise."""


@app.command("validate", epilog=VALIDATE_EXAMPLES)
def validate_command(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Dataset files to check (default: the bundled dataset).", show_default=False
        ),
    ] = None,
    data: DataOpt = None,
    no_bundled: NoBundledOpt = False,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    no_color: NoColorOpt = False,
    today: TodayOpt = None,
) -> None:
    """Check dataset files and report every problem with its location."""
    with _errors():
        env = _environment(
            [*(data or ()), *(files or ())] or None, no_bundled, fmt, as_json, no_color, today
        )
        paths = dataset_paths(env.data, bundled=env.bundled)
        problems = check_files(paths)
        if env.fmt in (Format.json, Format.jsonl, Format.csv) or problems:
            _write(present.problem_listing(problems), env)
        files_noun = "file" if len(paths) == 1 else "files"
        if problems:
            noun = "problem" if len(problems) == 1 else "problems"
            _err(f"{PROG}: {len(problems)} {noun} in {len(paths)} {files_noun}")
            raise typer.Exit(ExitCode.DATA)
        _err(f"{PROG}: ok: {len(paths)} {files_noun} checked, no problems")


def _usage_line(err: click_exceptions.ClickException) -> str:
    message = err.format_message()
    ctx = getattr(err, "ctx", None)
    command = ctx.command_path if ctx is not None else PROG
    return f"{PROG}: error: {message} (see '{command} --help')"


def main(argv: list[str] | None = None) -> int:
    """The console script: run the app and map every way out to an exit code, without tracebacks."""
    command = typer.main.get_command(app)
    try:
        code = command.main(args=argv, prog_name=PROG, standalone_mode=False)
    except click_exceptions.ClickException as err:
        _err(_usage_line(err))
        return err.exit_code
    except (typer.Abort, KeyboardInterrupt):
        _err(f"{PROG}: interrupted")
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    if code == ExitCode.INTERRUPTED:  # Typer turns Ctrl-C into Exit(130) on its own
        _err(f"{PROG}: interrupted")
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    return code if isinstance(code, int) else ExitCode.OK


def _silence_stdout() -> None:
    # The reader is gone: point stdout at /dev/null so the interpreter's final flush stays quiet.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
