"""Shared fixtures: a CLI runner with the clock, terminal and data paths pinned."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from ceasefire_cli.cli import app

# Properties are checked for correctness, not speed: a slow CI machine must not turn a
# property into a flaky "deadline exceeded".
settings.register_profile("ceasefire", deadline=None)
settings.load_profile("ceasefire")

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
