"""The documentation keeps up with the code: every command documented, the gate as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from ceasefire_cli.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(command.name or "" for command in typer.main.get_command(app).commands.values())  # type: ignore[attr-defined]


def test_commands_are_the_expected_ones() -> None:
    assert COMMANDS == [
        "actors",
        "deadlines",
        "diff",
        "export",
        "list",
        "schema",
        "search",
        "show",
        "stats",
        "tags",
        "timeline",
        "validate",
    ]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_a_readme_section(command: str) -> None:
    assert f"`ceasefire {command}" in "\n".join(re.findall(r"^### .*$", README, re.MULTILINE))


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.DOTALL)
    test_command = next(block for block in blocks if "pytest" in block)
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_quick_start_runs_the_main_job() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.DOTALL)
    assert blocks[0].endswith("ceasefire list --since 2025-02")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_ends_with_worked_examples(command: str) -> None:
    from typer.testing import CliRunner

    run = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "100"})
    assert run.exit_code == 0
    assert "Examples:" in run.stdout
    assert f"ceasefire {command}" in run.stdout.split("Examples:", 1)[1]
