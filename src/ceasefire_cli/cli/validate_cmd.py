"""`ceasefire validate`: check dataset files and report every problem with its location."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ceasefire_cli import present
from ceasefire_cli.dataset import check_files, dataset_paths
from ceasefire_cli.errors import ExitCode

from .common import (
    PROG,
    app,
    err_line,
    handle_errors,
    make_environment,
    write_view,
)
from .options import CommonOptions, Format, common_options

VALIDATE_EXAMPLES = """Examples:

  ceasefire validate                      check the bundled dataset

  ceasefire validate mine.toml            check your file laid over the bundled one

  ceasefire validate --no-bundled a.toml b.toml --json

Problems are printed one per line as FILE:LINE:COL: message (TOML syntax) or
FILE:LINE: event ID: field: message. Exit 0 when clean, 3 otherwise."""


@app.command("validate", epilog=VALIDATE_EXAMPLES)
@common_options(as_of=False, pictures=False)
def validate_command(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Dataset files to check (default: the bundled dataset).",
            show_default=False,
            readable=False,  # reported by dataset.py with the file's other problems
        ),
    ] = None,
    *,
    options: CommonOptions,
) -> None:
    """Check dataset files and report every problem with its location."""
    with handle_errors():
        env = make_environment(options, files=files or ())
        paths = dataset_paths(env.data, bundled=env.bundled)
        problems = check_files(paths)
        if env.fmt is Format.table:
            # FILE:LINE: lines, never a boxed table: editors and people jump to them as they are.
            env = env._replace(fmt=Format.plain)
        if env.fmt in (Format.json, Format.jsonl, Format.csv) or problems:
            write_view(present.problem_listing(problems), env)
        files_noun = "file" if len(paths) == 1 else "files"
        if problems:
            noun = "problem" if len(problems) == 1 else "problems"
            err_line(f"{PROG}: {len(problems)} {noun} in {len(paths)} {files_noun}")
            raise typer.Exit(ExitCode.DATA)
        err_line(f"{PROG}: ok: {len(paths)} {files_noun} checked, no problems")
