"""Shared fixtures: a CLI runner with the clock, terminal and data paths pinned."""

from __future__ import annotations

import contextlib
import io
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import typer
from hypothesis import settings
from typer._click import exceptions as click_exceptions
from typer.testing import CliRunner

from ceasefire_cli.cli import app

# Properties are checked for correctness, not speed: a slow CI machine must not turn a
# property into a flaky "deadline exceeded".
settings.register_profile("ceasefire", deadline=None)
settings.load_profile("ceasefire")


def examples(count: int) -> int:
    """`count` Hypothesis examples, times CEASEFIRE_FUZZ (default 1) for a deeper run by hand:
    CEASEFIRE_FUZZ=20 python -m pytest tests/test_fuzz_dataset.py"""
    return count * int(os.environ.get("CEASEFIRE_FUZZ", "1"))


DATA = Path(__file__).parent / "data"
MINI = DATA / "mini.toml"
ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "source-article-ar.txt"

# Subprocesses inherit this: no test writes to the user's real cache directory.
os.environ["CEASEFIRE_CACHE_DIR"] = "off"

# Every run sees the same "today", terminal width and no colour, whatever the machine.
PINNED_ENV = {
    "CEASEFIRE_TODAY": "2026-11-30",
    "CEASEFIRE_DATA": None,
    "CEASEFIRE_CACHE_DIR": "off",  # tests that use the cache give it a directory of their own
    "COLUMNS": "100",
    "LINES": "50",
    "NO_COLOR": "1",
    "TERM": "dumb",
}


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)

    def lines(self) -> list[str]:
        return self.stdout.splitlines()


Invoke = Callable[..., Run]


@pytest.fixture
def invoke() -> Invoke:
    def run(*args: str, env: dict[str, str | None] | None = None) -> Run:
        result = CliRunner().invoke(app, list(args), env={**PINNED_ENV, **(env or {})})
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Run(result.exit_code, result.stdout, result.stderr)

    return run


def write(tmp_path: Path, text: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


_COMMAND: list[Any] = []
_UNSET: dict[str, str | None] = {
    "CEASEFIRE_AS_OF": None,
    "CEASEFIRE_LANG": None,
    "FORCE_COLOR": None,
}


def run_cli(*args: str, env: dict[str, str | None] | None = None) -> Run:
    """Run the app in-process like `invoke`, but some 20 times faster (the Click command is
    built once), for properties that run it hundreds of times. Output is text (StringIO).

    A usage error from Click is exit 2 as in `main`; any other exception escapes: a crash."""
    if not _COMMAND:
        _COMMAND.append(typer.main.get_command(app))
    out, err = io.StringIO(), io.StringIO()
    with mock.patch.dict(os.environ), contextlib.redirect_stdout(out):
        for name, value in {**PINNED_ENV, **_UNSET, **(env or {})}.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        with contextlib.redirect_stderr(err):
            try:
                code = _COMMAND[0].main(list(args), prog_name="ceasefire", standalone_mode=False)
            except click_exceptions.ClickException as error:
                err.write(f"ceasefire: error: {error.format_message()}\n")
                code = error.exit_code
    return Run(int(code or 0), out.getvalue(), err.getvalue())
