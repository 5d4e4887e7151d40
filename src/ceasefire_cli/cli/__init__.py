"""The command line: the only package that imports typer and reads the clock.

It parses arguments, calls the core, picks a renderer, writes the result and turns every
error into a one-line message on stderr and a documented exit code. One module per command.
"""

from __future__ import annotations

import importlib
import os
import sys

import typer
from typer._click import exceptions as click_exceptions  # Typer vendors Click

from ceasefire_cli.errors import ExitCode, quote

from . import common
from .common import EXIT_BROKEN_PIPE, EXIT_OUTPUT_ERROR, PROG, err_line, silence_stdout
from .common import app as _app
from .terminal import unreadable_sizes

__all__ = ["app", "main"]

# The command modules in help order, with the commands each registers on the app when
# imported. A run imports only the module of its command: importing them all, and having
# Typer build every command's options, cost a third of the start-up time.
_MODULES = (
    ("list_cmd", ("list",)),
    ("search_cmd", ("search",)),
    ("show_cmd", ("show",)),
    ("deadlines_cmd", ("deadlines",)),
    ("diff_cmd", ("diff",)),
    ("directory_cmd", ("actors", "tags", "stats")),
    ("export_cmd", ("export",)),
    ("schema_cmd", ("schema",)),
    ("timeline_cmd", ("timeline",)),
    ("validate_cmd", ("validate",)),
)


def _register(modules: list[str]) -> None:
    for module in modules:
        importlib.import_module(f"{__name__}.{module}")


def _modules_for(args: list[str]) -> list[str]:
    """The module of the command being run; all of them for help, completion or a typo."""
    everything = [module for module, _ in _MODULES]
    if any(name.endswith("_COMPLETE") for name in os.environ):  # shell completion
        return everything
    # The app's own options (--help, --version, completion) take no value, so the first
    # word that is not an option is the command.
    first = next((arg for arg in args if not arg.startswith("-")), None)
    for module, commands in _MODULES:
        if first in commands:
            return [module]
    return everything


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # the whole app, every command registered (tests, docs, completion)
        _register([module for module, _ in _MODULES])
        return _app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _usage_line(err: click_exceptions.ClickException) -> str:
    message = err.format_message()
    ctx = getattr(err, "ctx", None)
    command = ctx.command_path if ctx is not None else PROG
    option = getattr(err, "option_name", None) or ""
    if (
        isinstance(err, click_exceptions.NoSuchOption)
        and option[1:2].isdigit()
        and command.endswith(" diff")  # the one command whose arguments are dates
    ):
        # `diff -2w today`: a relative date reads as an option unless `--` comes first.
        return (
            f"{PROG}: error: {message}; dates that start with '-' go after '--', options "
            f"before it: '{command} --stat -- -2w today'"
        )
    return f"{PROG}: error: {message} (see '{command} --help')"


def _write_error(err: OSError) -> str:
    # Where stdout goes is the shell's redirection, so the fix is about that place.
    return (
        f"{PROG}: error: cannot write the output: {err.strerror or err}; "
        "free some space where it goes, or send it elsewhere"
    )


def _drop_unreadable_sizes() -> None:
    """COLUMNS=² would stop Rich (tables, pictures, --help) with a traceback: say so, and
    go on as if it were not set."""
    for name in unreadable_sizes(os.environ):
        err_line(
            f"{PROG}: warning: ignoring {name}={quote(os.environ.pop(name))}, not a number; "
            "set it in the digits 0-9, or unset it"
        )


def main(argv: list[str] | None = None) -> int:
    """The console script: run the app and map every way out to an exit code, without tracebacks."""
    if sys.stdout is None:  # started with stdout closed (`>&-`): nobody to write to
        return EXIT_BROKEN_PIPE
    if hasattr(sys.stdout, "reconfigure"):
        # A terminal or locale that cannot show Arabic gets escapes instead of a crash.
        sys.stdout.reconfigure(errors="backslashreplace")
    _drop_unreadable_sizes()
    _register(_modules_for(sys.argv[1:] if argv is None else argv))
    common.ONE_RUN = True
    command = typer.main.get_command(_app)
    try:
        code = command.main(args=argv, prog_name=PROG, standalone_mode=False)
    except click_exceptions.NoArgsIsHelpError as err:
        # The help is on stdout; stderr still says, in one line, what was wrong (exit 2).
        err_line(f"{PROG}: error: no command given; e.g. '{PROG} list', or '{PROG} --help'")
        return err.exit_code
    except click_exceptions.ClickException as err:
        err_line(_usage_line(err))
        return err.exit_code
    except (typer.Abort, KeyboardInterrupt):
        err_line(f"{PROG}: interrupted")
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        silence_stdout()
        return EXIT_BROKEN_PIPE
    except SystemExit as err:
        # Rich, printing --help, meets a closed pipe with SystemExit(1) of its own.
        if isinstance(err.__context__, BrokenPipeError):
            silence_stdout()
            return EXIT_BROKEN_PIPE
        raise
    except OSError as err:  # e.g. a full disk behind `> file`
        err_line(_write_error(err))
        return EXIT_OUTPUT_ERROR
    if code == ExitCode.INTERRUPTED:  # Typer turns Ctrl-C into Exit(130) on its own
        err_line(f"{PROG}: interrupted")
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as err:
        err_line(_write_error(err))
        return EXIT_OUTPUT_ERROR
    common.run_later()
    return code if isinstance(code, int) else ExitCode.OK
