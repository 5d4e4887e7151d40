"""render/grid.py against Rich: the same table, byte for byte, in colour and without.

grid.py lays tables out without Rich's console, for start-up time (issue 6); Rich stays the
reference. These tests hold the two to the same output on the bundled data through the
real command line, on random views (Hypothesis), and on the width and colour that
cli/terminal.py decides for a given environment.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from ceasefire_cli.cli import common
from ceasefire_cli.cli.options import ColorMode
from ceasefire_cli.cli.terminal import Target, table_target, table_width
from ceasefire_cli.records import Record
from ceasefire_cli.render import Column, Detail, Listing, Marked, Report, View, key
from ceasefire_cli.render.grid import NotLaidOut, render_grid
from ceasefire_cli.render.table import render_table
from conftest import Invoke, examples


def rich_text(view: View, width: int, *, colour: bool) -> str:
    """What common._table_text prints, at a given width and colour system."""
    console = Console(
        file=io.StringIO(),
        width=width,
        color_system="standard" if colour else None,
        force_terminal=colour,
        highlight=False,
        markup=False,
        emoji=False,
        no_color=False,
        soft_wrap=False,
    )
    with console.capture() as capture:
        console.print(render_table(view))
    return capture.get()


# --- the bundled data, through the command line -------------------------------------------

COMMANDS = [
    ("list",),
    ("list", "--lang", "ar"),
    ("list", "--lang", "both", "--reverse"),
    ("list", "--fields", "id,title,text_ar,sources,actors"),
    ("list", "--on", "1999"),  # no rows
    ("search", "black sea"),
    ("search", "بوتين", "--lang", "both"),
    ("search", "-E", "cease ?fire"),
    ("deadlines",),
    ("deadlines", "--explain", "--as-of", "2025-07-20"),
    ("stats", "--by", "actor"),
    ("diff", "2025-07-01", "2025-08-08"),
    ("diff", "2022", "2023"),
    ("show", "2025-07-14"),
    ("show", "2025-02-12-trump-putin-call", "--lang", "ar"),
    ("tags",),
    ("stats",),
    ("actors",),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("columns", ["40", "80", "131"])
@pytest.mark.parametrize("colour", ["always", "never"])
def test_every_command_prints_the_table_rich_prints(
    invoke: Invoke, args: tuple[str, ...], columns: str, colour: str
) -> None:
    command = [*args, "--format", "table", "--color", colour]
    env: dict[str, str | None] = {"COLUMNS": columns}
    laid_out = invoke(*command, env=env)
    with mock.patch.object(common, "_grid_text", return_value=None):
        by_rich = invoke(*command, env=env)
    assert laid_out.exit_code == by_rich.exit_code == 0, laid_out.stderr
    assert laid_out.stdout == by_rich.stdout
    assert ("\x1b[" in laid_out.stdout) is (colour == "always")


def test_the_layout_is_really_grids(invoke: Invoke) -> None:
    # So that the test above cannot pass by both runs going through Rich.
    with mock.patch("ceasefire_cli.render.grid.render_grid", return_value="laid out\n"):
        assert invoke("list", "--format", "table").stdout == "laid out\n"


def test_search_matches_are_highlighted_as_rich_does(invoke: Invoke) -> None:
    run = invoke("search", "black sea", "--format", "table", "--color", "always")
    assert "\x1b[1;7mBlack\x1b[0m \x1b[1;7mSea\x1b[0m" in run.stdout


# --- what grid.py leaves to Rich ------------------------------------------------------------


def _listing(*cells: Any, **column: Any) -> Listing:
    return Listing([{"text": cell} for cell in cells], (key("text", **column),), ("text",))


def test_a_tab_is_left_to_rich() -> None:
    with pytest.raises(NotLaidOut, match="a tab"):
        render_grid(_listing("a\tb"), 80, colour=False)


def test_a_style_it_does_not_know_is_left_to_rich() -> None:
    with pytest.raises(NotLaidOut, match="'blink'"):
        render_grid(_listing("a", style="blink"), 80, colour=True)


def test_a_tab_in_the_data_still_prints_rich_s_table(invoke: Invoke, tmp_path: Path) -> None:
    data = tmp_path / "tab.toml"
    bundled = (Path(__file__).parents[1] / "data" / "events.toml").read_text(encoding="utf-8")
    data.write_text(
        bundled.replace("Trump and Putin agree", "Trump\\tand Putin agree", 1), encoding="utf-8"
    )
    run = invoke("list", "--format", "table", "--data", str(data))
    assert run.exit_code == 0
    assert "Trump   and Putin" in run.stdout  # Rich's tab stops


# --- random views ---------------------------------------------------------------------------

# Letters, spaces and line breaks, Arabic, wide CJK, combining marks, a ZWJ emoji sequence,
# the Unicode line separator, markup-like and escape-like text (escaped by safe_text).
_PIECES = st.sampled_from(
    [
        "a",
        "b",
        "word",
        "x" * 23,
        " ",
        "  ",
        "\n",
        "-",
        "بوتين",
        "وقف",
        "ال",
        "漢字",
        "e\u0301",
        "👩\u200d👩\u200d👧",
        "\u2028",
        "[bold]",
        "\x1b[31m",
        "\u202e",
        "é",
        "…",
        "y" * 70,  # longer than a column: folded
        "\x00",
        "\r\n",
    ]
)
_TEXT = st.lists(_PIECES, max_size=12).map("".join)


@st.composite
def _marked(draw: st.DrawFn) -> Marked:
    text = draw(_TEXT)
    edges = sorted(draw(st.lists(st.integers(0, len(text)), max_size=4)))
    return Marked(text, tuple(zip(edges[::2], edges[1::2], strict=False)))


_VALUE = st.one_of(_TEXT, _marked(), st.lists(_TEXT, max_size=3), st.none())


def _getter(name: str) -> Callable[[Record], Any]:
    return lambda record: record.get(name)


@st.composite
def _columns(draw: st.DrawFn) -> tuple[Column, ...]:
    count = draw(st.integers(1, 5))
    return tuple(
        Column(
            draw(st.sampled_from(["Date", "Event", "Arabic text", "ID", "x"])),
            _getter(f"c{number}"),
            wrap=draw(st.booleans()),
            max_width=draw(st.one_of(st.none(), st.integers(1, 40))),
            min_width=draw(st.one_of(st.none(), st.integers(1, 30))),
            style=draw(st.sampled_from([None, "cyan", "yellow", "bold"])),
        )
        for number in range(count)
    )


@st.composite
def _listings(draw: st.DrawFn) -> Listing:
    columns = draw(_columns())
    rows = draw(st.lists(st.tuples(*[_VALUE] * len(columns)), max_size=5))
    records = [{f"c{number}": value for number, value in enumerate(row)} for row in rows]
    caption = draw(st.one_of(st.none(), _TEXT.filter(bool)))
    title = draw(st.one_of(st.none(), _TEXT.filter(bool)))
    return Listing(records, columns, tuple(f"c{n}" for n in range(len(columns))), caption, title)


@st.composite
def _details(draw: st.DrawFn) -> Detail:
    rows = draw(
        st.lists(st.tuples(st.sampled_from(["Title", "Date", "Arabic"]), _TEXT), max_size=5)
    )
    return Detail({}, tuple(rows), draw(_TEXT))


@st.composite
def _reports(draw: st.DrawFn) -> Report:
    sections = draw(st.lists(st.tuples(_TEXT, _listings()), max_size=3))
    return Report({}, [], draw(_TEXT), tuple(draw(st.lists(_TEXT, max_size=3))), tuple(sections))


@given(
    view=st.one_of(_listings(), _details(), _reports()),
    width=st.integers(40, 250),
    colour=st.booleans(),
)
@settings(max_examples=examples(150), suppress_health_check=[HealthCheck.too_slow])
def test_random_views_print_as_rich_prints_them(view: View, width: int, colour: bool) -> None:
    assert render_grid(view, width, colour=colour) == rich_text(view, width, colour=colour)


# --- width and colour, as Rich's Console decides them ---------------------------------------


class _Stdout(io.StringIO):
    def __init__(self, tty: bool, encoding: str = "utf-8") -> None:
        super().__init__()
        self._tty, self._encoding = tty, encoding

    def isatty(self) -> bool:
        return self._tty

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


def _rich_target(color: ColorMode, environ: dict[str, str], stdout: _Stdout) -> Target:
    """What common._table_text's console would use."""
    console = Console(
        file=stdout,
        color_system={ColorMode.never: None, ColorMode.always: "standard"}.get(color, "auto"),
        force_terminal=True if color is ColorMode.always else None,
        no_color=False,
        _environ=environ,
    )
    console.width = table_width(console.width)
    return Target(console.width, console.color_system is not None)


_ENVIRONMENTS = st.fixed_dictionaries(
    {},
    optional={
        "COLUMNS": st.sampled_from(["100", "0", "7", "abc", "", "٣٣"]),
        "LINES": st.sampled_from(["50", "x"]),
        "TERM": st.sampled_from(["dumb", "unknown", "DUMB", "xterm-256color", "xterm", ""]),
        "COLORTERM": st.sampled_from(["truecolor", ""]),
        "FORCE_COLOR": st.sampled_from(["1", "", "0"]),
        "TTY_COMPATIBLE": st.sampled_from(["0", "1", "2"]),
        "NO_COLOR": st.sampled_from(["1", ""]),
    },
)


@given(
    color=st.sampled_from(list(ColorMode)),
    environ=_ENVIRONMENTS,
    tty=st.booleans(),
    terminal_columns=st.one_of(st.none(), st.sampled_from([0, 33, 120])),
)
@settings(max_examples=examples(400))
def test_width_and_colour_are_decided_as_rich_decides_them(
    color: ColorMode, environ: dict[str, str], tty: bool, terminal_columns: int | None
) -> None:
    def terminal_size(descriptor: int) -> os.terminal_size:
        if terminal_columns is None:
            raise OSError("not a terminal")
        return os.terminal_size((terminal_columns, 24))

    with mock.patch("os.get_terminal_size", terminal_size):
        expected = _rich_target(color, environ, _Stdout(tty))
        assert table_target(color, environ, _Stdout(tty)) == expected


def test_a_stdout_that_cannot_take_utf_8_is_left_to_rich() -> None:
    # Rich draws ASCII boxes there.
    assert table_target(ColorMode.auto, {}, _Stdout(tty=False, encoding="ascii")) is None
    assert table_target(ColorMode.auto, {}, _Stdout(tty=False, encoding="UTF-8")) is not None


def test_a_windows_console_is_left_to_rich() -> None:
    with mock.patch("sys.platform", "win32"):
        assert table_target(ColorMode.auto, {}, _Stdout(tty=True)) is None
