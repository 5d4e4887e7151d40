"""Shell completion: values come from the dataset, and the shells' scripts are produced."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from ceasefire_cli.cli import completion
from ceasefire_cli.cli.common import app

BIN = Path(sys.executable).parent


def test_event_ids() -> None:
    assert completion.event_ids("2025-07") == [
        "2025-07-14-tariff-ultimatum",
        "2025-07-23-istanbul-talks-round-3",
        "2025-07-28-deadline-shortened",
    ]


def test_actors_in_any_spelling() -> None:
    assert {"zelensky", "Zelensky", "Zelenskyy", "Zelenskiy"} <= set(completion.actors("zel"))
    assert "لافروف" in completion.actors("لاف")


def test_tags_and_places() -> None:
    assert completion.tags("tr") == ["truce"]
    assert completion.places("Kie") == ["Kiev"]
    assert "إسطنبول" in completion.places("إس")


def test_fields_complete_after_those_given() -> None:
    ctx = typer.Context(typer.main.get_command(app), info_name="list")
    assert completion.fields(ctx, "id,da") == ["id,date", "id,dating"]
    deadlines = typer.Context(typer.main.get_command(app), info_name="deadlines")
    assert "days_left_min" in completion.fields(deadlines, "days")


def test_a_broken_data_file_offers_nothing_rather_than_failing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("not toml [", encoding="utf-8")
    monkeypatch.setenv("CEASEFIRE_DATA", str(bad))
    assert completion.event_ids("2025") == []


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_for_each_shell(shell: str) -> None:
    run = subprocess.run(
        [str(BIN / "ceasefire"), "--show-completion", shell],
        capture_output=True, text=True, check=False, env={**os.environ, "SHELL": f"/bin/{shell}"},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "_CEASEFIRE_COMPLETE" in run.stdout


def test_the_shell_asks_and_gets_ids() -> None:
    env = {
        **os.environ,
        "_CEASEFIRE_COMPLETE": "complete_bash",
        "COMP_WORDS": "ceasefire show 2025-07-2",
        "COMP_CWORD": "2",
    }
    run = subprocess.run(
        [str(BIN / "ceasefire")], capture_output=True, text=True, env=env, check=False
    )
    assert run.stdout.split() == [
        "2025-07-23-istanbul-talks-round-3",
        "2025-07-28-deadline-shortened",
    ]


def test_window_kinds_statuses_and_actor_fields() -> None:
    assert completion.window_kinds("tr") == ["truce"]
    assert completion.statuses("due") == ["due-window"]
    ctx = typer.Context(typer.main.get_command(app), info_name="actors")
    assert completion.fields(ctx, "na") == ["name", "name_ar"]


def test_values_that_could_drive_the_terminal_or_split_a_line_are_not_offered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The shell prints candidates as they are, one a line: an alias from a data file holding
    # an OSC 52 clipboard write, a newline or a bidi override must not reach it.
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[actors]]\nid = "evil"\nname = "Evil"\n'
        'aliases = ["Evil\\u001b]52;c;aGk=\\u0007", "Evil\\ntwo", "Evil\\u202elive", "Evilish"]\n'
        '[[events]]\nid = "e"\ndate = "2025"\ntitle = "t"\nactors = ["evil"]\n'
        'places = ["Evil\\u009b2J"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("CEASEFIRE_DATA", str(path))
    assert completion.actors("evil") == ["Evil", "Evilish", "evil"]
    assert completion.places("Evil") == []
