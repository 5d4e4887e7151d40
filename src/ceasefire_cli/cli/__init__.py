"""The command line: the only package that imports typer and reads the clock.

It parses arguments, calls the core, picks a renderer, writes the result and turns every
error into a one-line message on stderr and a documented exit code. One module per command.
"""

from __future__ import annotations

import sys

import typer
from typer._click import exceptions as click_exceptions  # Typer vendors Click

from ceasefire_cli.errors import ExitCode

from . import (  # register the commands, in help order
    deadlines_cmd,
    diff_cmd,
    directory_cmd,
    export_cmd,
    list_cmd,
    schema_cmd,
    search_cmd,
    show_cmd,
    timeline_cmd,
    validate_cmd,
)
from .common import EXIT_BROKEN_PIPE, EXIT_OUTPUT_ERROR, PROG, app, err_line, silence_stdout

__all__ = ["app", "main"]
_COMMANDS = (
    list_cmd,
    search_cmd,
    show_cmd,
    deadlines_cmd,
    diff_cmd,
    directory_cmd,
    export_cmd,
    schema_cmd,
    timeline_cmd,
    validate_cmd,
)


def _usage_line(err: click_exceptions.ClickException) -> str:
    message = err.format_message()
    ctx = getattr(err, "ctx", None)
    command = ctx.command_path if ctx is not None else PROG
    return f"{PROG}: error: {message} (see '{command} --help')"


def main(argv: list[str] | None = None) -> int:
    """The console script: run the app and map every way out to an exit code, without tracebacks."""
    if sys.stdout is None:  # started with stdout closed (`>&-`): nobody to write to
        return EXIT_BROKEN_PIPE
    if hasattr(sys.stdout, "reconfigure"):
        # A terminal or locale that cannot show Arabic gets escapes instead of a crash.
        sys.stdout.reconfigure(errors="backslashreplace")
    command = typer.main.get_command(app)
    try:
        code = command.main(args=argv, prog_name=PROG, standalone_mode=False)
    except click_exceptions.NoArgsIsHelpError as err:
        return err.exit_code  # the help has been printed; there is no error to add
    except click_exceptions.ClickException as err:
        err_line(_usage_line(err))
        return err.exit_code
    except (typer.Abort, KeyboardInterrupt):
        err_line(f"{PROG}: interrupted")
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as err:  # e.g. a full disk behind `> file`
        err_line(f"{PROG}: error: cannot write the output: {err.strerror or err}")
        return EXIT_OUTPUT_ERROR
    if code == ExitCode.INTERRUPTED:  # Typer turns Ctrl-C into Exit(130) on its own
        err_line(f"{PROG}: interrupted")
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as err:
        err_line(f"{PROG}: error: cannot write the output: {err.strerror or err}")
        return EXIT_OUTPUT_ERROR
    return code if isinstance(code, int) else ExitCode.OK
