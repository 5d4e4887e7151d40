"""Shared pieces of the command line: the app, common options, the environment, output.

Only the cli package imports typer and reads the clock.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, NoReturn, TypeVar

import typer

from ceasefire_cli import __version__
from ceasefire_cli.dataset import dataset_paths, load_timeline
from ceasefire_cli.dates import ACCEPTED_FORMS, DateError, parse_period
from ceasefire_cli.errors import (
    CeasefireError,
    DataError,
    ExitCode,
    NotFoundError,
    OutputError,
    UsageError,
    quote,
)
from ceasefire_cli.model import Period, Timeline
from ceasefire_cli.query import EventFilter, as_of, find_event
from ceasefire_cli.render import FORMATS, Export, View, render
from ceasefire_cli.text import safe_text, terminal_safe

from .options import MACHINE_FORMATS, ColorMode, CommonOptions, FilterOptions, Format
from .terminal import table_target, table_width

if TYPE_CHECKING:
    from rich.console import Console

T = TypeVar("T")
PROG = "ceasefire"
# Exit status when the reader of our output went away (`| head`): 128 + SIGPIPE, as Unix tools do.
EXIT_BROKEN_PIPE = 141
EXIT_OUTPUT_ERROR = ExitCode.OUTPUT


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
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Environment(NamedTuple):
    """The ambient inputs of one run, gathered in one place so tests can pin them."""

    today: dt.date
    as_of: dt.date
    data: tuple[Path, ...]
    bundled: bool
    fmt: Format
    color: ColorMode
    lang: str = "en"
    svg: Path | None = None
    html: Path | None = None


def _today(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()  # the only place the program reads the clock
    try:
        period = parse_period(value, today=dt.date.today())
    except DateError as err:
        raise date_error("--today", value, err) from None
    if period.start != period.end:
        raise UsageError(
            f"{_given_by('--today')}: {quote(value)} is a period, not a day",
            "give a day, e.g. 2025-08-08",
        )
    return period.start


def make_environment(options: CommonOptions, *, files: Sequence[Path] = ()) -> Environment:
    """Check the common options together and gather the run's ambient inputs."""
    data = [*(options.data or ()), *files]
    fmt, as_json, no_bundled = options.fmt, options.as_json, options.no_bundled
    if as_json and fmt not in (None, Format.json):
        raise UsageError(f"--json and --format {fmt} disagree", "give only one of them")
    if fmt is None:
        fmt = Format.json if as_json else (Format.table if sys.stdout.isatty() else Format.plain)
    if no_bundled and not [path for path in data or () if str(path) not in ("", ".")]:
        raise UsageError("--no-bundled leaves no data", "add --data FILE (or set CEASEFIRE_DATA)")
    color = _color_mode(options)
    day = _today(options.today)
    as_of_period = period_option("--as-of", options.as_of, day)
    as_of_day = as_of_period.end if as_of_period else day
    # A trailing separator in CEASEFIRE_DATA ("a.toml:") yields an empty entry, read as ".".
    files = tuple(path for path in data or () if str(path) not in ("", "."))
    return Environment(
        day,
        as_of_day,
        files,
        not no_bundled,
        fmt,
        color,
        options.lang.value,
        options.svg,
        options.html,
    )


def _color_mode(options: CommonOptions) -> ColorMode:
    """--color wins, then --no-color, then FORCE_COLOR, then NO_COLOR (set and non-empty, per
    no-color.org), then auto: colour only on a terminal."""
    if options.color is not None:
        if options.no_color and options.color is not ColorMode.never:
            raise UsageError(f"--no-color and --color {options.color} disagree", "give one of them")
        return options.color
    if options.no_color:
        return ColorMode.never
    if os.environ.get("FORCE_COLOR"):
        return ColorMode.always
    if os.environ.get("NO_COLOR"):
        return ColorMode.never
    return ColorMode.auto


def date_error(option: str, value: str, err: DateError) -> UsageError:
    return UsageError(
        f"{_given_by(option)}: {quote(value)}: {err}", f"accepted forms: {ACCEPTED_FORMS}"
    )


def _given_by(option: str) -> str:
    """'--today', or '--today (from CEASEFIRE_TODAY)' when the value came from the environment:
    the user typed no --today, so the message names what to fix."""
    from typer._click.core import ParameterSource  # Typer vendors Click
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    if ctx is None:  # called outside a command (a library caller, a test)
        return option
    for param in ctx.command.params:
        if (
            option in param.opts
            and param.name
            and param.envvar
            and ctx.get_parameter_source(param.name) is ParameterSource.ENVIRONMENT
        ):
            return f"{option} (from {param.envvar})"
    return option


def period_option(option: str, value: str | None, today: dt.date) -> Period | None:
    if value is None:
        return None
    try:
        return parse_period(value, today=today)
    except DateError as err:
        raise date_error(option, value, err) from None


CACHE_OFF = ("", "0", "off", "no", "false", "none")


def cache_dir(env: Environment) -> Path | None:
    """Where loaded timelines are cached (CEASEFIRE_CACHE_DIR, else the user cache directory);
    None when the cache is off or the data is too small for it to pay back."""
    setting = os.environ.get("CEASEFIRE_CACHE_DIR")
    if setting is not None and setting.strip().lower() in CACHE_OFF:
        return None
    # cache.py is light: hashlib and tempfile are imported only for a dataset worth caching.
    from ceasefire_cli import cache

    if not cache.worth_caching(dataset_paths(env.data, bundled=env.bundled)):
        return None
    if setting:
        return Path(setting)
    # platformdirs knows each platform's place (~/.cache, ~/Library/Caches, %LOCALAPPDATA%);
    # imported here because it costs start-up time and only large datasets get this far.
    import platformdirs

    return Path(platformdirs.user_cache_dir("ceasefire", appauthor=False))


# main() sets ONE_RUN: this process runs one command and ends. Work that can wait until
# the answer is out (writing a new cache entry) then goes to LATER, which main() runs after
# stdout is flushed; elsewhere (tests, which call commands in-process) it is done at once.
LATER: list[Callable[[], object]] = []
ONE_RUN = False


def load_full(env: Environment) -> Timeline:
    """The whole dataset, whatever the as-of day."""
    defer = LATER.append if ONE_RUN else None
    return load_timeline(env.data, bundled=env.bundled, cache_dir=cache_dir(env), defer=defer)


def run_later() -> None:
    """Run the deferred work in a child process, so that the shell gets its prompt (and a
    pipe its end of file) as soon as the answer is written; where there is no fork, here."""
    if not LATER:
        return
    fork = getattr(os, "fork", None)
    child = -1
    if fork is not None:
        with suppress(OSError):
            child = fork()
    if child > 0:
        return  # the parent is done; the child finishes the work
    try:
        if child == 0:
            # Let go of the terminal and of any pipe: `$(ceasefire ...)` must not wait.
            quiet = os.open(os.devnull, os.O_RDWR)
            for descriptor in (0, 1, 2):
                os.dup2(quiet, descriptor)
        for work in LATER:
            work()
    finally:
        if child == 0:
            os._exit(0)


def load(env: Environment) -> Timeline:
    """The dataset as it stood at the end of the as-of day."""
    return as_of(load_full(env), env.as_of)


def err_line(line: str) -> None:
    # Messages quote data (ids, values, file names): escaped so they cannot drive the terminal.
    if sys.stderr is None:  # started with stderr closed (2>&-): the exit status still tells
        return
    try:
        sys.stderr.write(f"{safe_text(line, keep_newlines=False)}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        # stderr is a full disk or a closed pipe: the exit status still tells. Point it at
        # /dev/null so that the interpreter's last flush does not fail (and exit 120) too.
        with suppress(OSError, ValueError):  # ValueError: no file descriptor
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stderr.fileno())


@contextmanager
def handle_errors() -> Iterator[None]:
    """Turn every CeasefireError into its message on stderr and its exit code."""
    try:
        yield
    except DataError as err:
        for problem in err.problems:
            err_line(str(problem))
        fail(err)
    except CeasefireError as err:
        fail(err)


def fail(err: CeasefireError) -> NoReturn:
    err_line(f"{PROG}: error: {err}")
    raise typer.Exit(err.exit_code)


def table_console(file: Any, mode: ColorMode) -> Console:
    """The Rich console that prints tables (tests/test_grid.py holds render/grid to it)."""
    from rich.console import Console  # only a table Rich prints pays for importing rich

    console = Console(
        file=file,
        highlight=False,
        markup=False,
        emoji=False,
        # No colour means no ANSI at all, bold included; "always" styles even in a pipe.
        color_system={ColorMode.never: None, ColorMode.always: "standard"}.get(mode, "auto"),
        force_terminal=True if mode is ColorMode.always else None,
        # _color_mode has weighed NO_COLOR against --color and FORCE_COLOR already; left to
        # itself, Rich would read NO_COLOR again and drop the colours of `--color always`.
        no_color=False,
        soft_wrap=False,
    )
    console.width = table_width(console.width)
    return console


def _table_text(output: Any, env: Environment) -> str:
    console = table_console(sys.stdout, env.color)
    # Rendered to text first, so that a closed pipe is handled in one place below.
    with console.capture() as capture:
        console.print(output)
    return capture.get()


def _grid_text(view: View, env: Environment) -> str | None:
    """The table laid out by render/grid, as Rich would print it; None: leave it to Rich."""
    target = table_target(env.color, os.environ, sys.stdout)
    if target is None:
        return None
    try:
        from ceasefire_cli.render.grid import NotLaidOut, render_grid
    except ImportError:  # a Rich without the helpers render/grid borrows
        return None
    try:
        return render_grid(view, target.width, colour=target.colour)
    except NotLaidOut:
        return None


def write_view(view: View | Export, env: Environment) -> None:
    # Only the Rich console can also save the table as a picture (--svg, --html).
    if (
        env.fmt is Format.table
        and env.svg is None
        and env.html is None
        and not isinstance(view, Export)
    ):
        text = _grid_text(view, env)
        if text is not None:
            write_text(text, escape=False)  # escaped as it was laid out
            return
    output: Any = render(view, env.fmt)
    text = output if isinstance(output, str) else _table_text(output, env)
    save_pictures(env, output)
    if env.fmt in MACHINE_FORMATS:
        write_text(text)
    else:
        write_text(text, escape=False)  # human formats are escaped as they are rendered


def write_text(text: str, *, escape: bool = True) -> None:
    """Write to stdout; a closed pipe ends quietly (exit 141)."""
    if escape and sys.stdout.isatty():
        # Machine formats keep the data exact in a pipe; on a screen it must not drive the terminal.
        text = terminal_safe(text)
    try:
        if hasattr(sys.stdout, "buffer"):
            if escape:
                # Machine formats are UTF-8 (RFC 5545, our CSV and JSON), whatever the locale.
                data = text.encode("utf-8")
            else:
                lines = text.replace("\n", os.linesep) if os.linesep != "\n" else text
                data = lines.encode(sys.stdout.encoding or "utf-8", sys.stdout.errors or "strict")
            sys.stdout.flush()
            _write_all(sys.stdout.buffer, data)
        else:
            sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader has gone (`| head`): stop quietly, as Unix tools do.
        silence_stdout()
        raise typer.Exit(EXIT_BROKEN_PIPE) from None


def _write_all(buffer: Any, data: bytes) -> None:
    """Write every byte. When the reader goes away or the disk fills in the middle of a large
    write, BufferedWriter.write returns a short count instead of raising (and TextIOWrapper
    ignores it): the output was cut short with exit 0. Writing the rest raises the error."""
    view = memoryview(data)
    while view:
        written = buffer.write(view)
        if not written:  # nothing taken and no error: do not spin
            raise OSError(errno.EIO, "the output accepts no more data")
        view = view[written:]
    buffer.flush()


def _version(value: bool) -> None:
    if value:
        write_text(f"{PROG} {__version__}\n", escape=False)  # a closed pipe: 141, like the rest
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


def silence_stdout() -> None:
    # The reader is gone: point stdout at /dev/null so the interpreter's final flush stays quiet.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def event_filter(env: Environment, filters: FilterOptions, *, reverse: bool = False) -> EventFilter:
    """The filter options of `list` and `search`, parsed (dates relative to today)."""
    since = period_option("--since", filters.since, env.today)
    until = period_option("--until", filters.until, env.today)
    if since and until and since.start > until.end:
        raise UsageError(
            f"--since {filters.since!r} starts {since.start}, after --until {filters.until!r} "
            f"ends ({until.end})",
            "swap the two dates",
        )
    return EventFilter(
        since=since,
        until=until,
        on=period_option("--on", filters.on, env.today),
        actors=tuple(filters.actor or ()),
        tags=tuple(filters.tag or ()),
        places=tuple(filters.place or ()),
        limit=filters.limit,
        reverse=reverse,
    )


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_file_atomically(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path` through a temporary file and a rename, so that an error
    midway (a full disk, Ctrl-C) leaves an existing file as it was.

    A symlink is followed to the file it names; a path that exists but is not a regular file
    (/dev/null, a FIFO, a terminal) is written in place, since it cannot be replaced."""
    if not str(path):
        raise UsageError("the output path is empty", "give a file name, or - for stdout")
    path = path.resolve() if path.is_symlink() else path
    if path.exists() and not path.is_file():
        _write_in_place(path, text)
        return
    directory = path.parent if str(path.parent) else Path()
    import tempfile  # only -o FILE needs it; it costs start-up time for every other run

    handle = None
    try:
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", newline="", dir=directory, prefix=f".{path.name}.", delete=False
        ) as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        # A temporary file is private (0600); the result gets the mode of the file it
        # replaces, or the usual one for a new file (0666 less the umask).
        Path(handle.name).chmod(_mode_for(path))
        Path(handle.name).replace(path)
    except OSError as err:
        if handle is not None:
            Path(handle.name).unlink(missing_ok=True)
        reason = err.strerror or str(err)
        raise OutputError(
            f"cannot write {path}: {reason}", "check the path and free space"
        ) from None
    except BaseException:
        if handle is not None:
            Path(handle.name).unlink(missing_ok=True)
        raise


def _write_in_place(path: Path, text: str) -> None:
    try:
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as err:
        reason = err.strerror or str(err)
        raise OutputError(f"cannot write {path}: {reason}", "check the path") from None


def find_as_of(
    full: Timeline,
    visible: Timeline,
    as_of_day: dt.date,
    wanted: str,
    find: Callable[[Timeline, str], T],
) -> T:
    """`find(visible, wanted)`; if it is not there as of the day, say whether it comes later
    (\"... is after --as-of\") or is unknown altogether (the usual suggestions)."""
    try:
        return find(visible, wanted)
    except NotFoundError:
        raise hidden_by_as_of(full, wanted, as_of_day) from None


def hidden_by_as_of(full: Timeline, wanted: str, as_of_day: dt.date) -> NotFoundError:
    """The error for an id that is not there as of the day: later, or unknown altogether."""
    later = find_event(full, wanted)  # raises the usual unknown-id error with suggestions
    return NotFoundError(
        f"'{later.id}' ({later.date}) is after --as-of {as_of_day}",
        "give a later --as-of, or leave it out",
    )


def save_pictures(env: Environment, shown: Any) -> None:
    """--svg/--html: save what is shown (a table, or text) as a picture, through Rich's
    recording console; the files are written atomically like any output file."""
    if env.svg is None and env.html is None:
        return
    import io
    import shutil

    from rich.console import Console
    from rich.text import Text

    recorder = Console(
        record=True,
        file=io.StringIO(),
        width=table_width(shutil.get_terminal_size((100, 24)).columns),
        force_terminal=True,
        color_system="truecolor",
        highlight=False,
        markup=False,
        emoji=False,
    )
    recorder.print(Text(shown) if isinstance(shown, str) else shown)
    if env.svg is not None:
        write_file_atomically(env.svg, recorder.export_svg(title="ceasefire", clear=False))
    if env.html is not None:
        write_file_atomically(env.html, recorder.export_html(inline_styles=True, clear=False))
