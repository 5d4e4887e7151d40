"""render/grid against Rich: the same table, byte for byte, in colour and without.

render/grid lays tables out without Rich's console, for start-up time (issue 6); Rich stays the
reference. These tests hold the two to the same output on the bundled data through the
real command line, on random views (Hypothesis), and on the width and colour that
cli/terminal.py decides for a given environment.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Group

from ceasefire_cli.cli import common, main
from ceasefire_cli.cli.options import ColorMode
from ceasefire_cli.cli.terminal import Target, table_target
from ceasefire_cli.records import Record
from ceasefire_cli.render import Column, Detail, Listing, Marked, Report, View, key
from ceasefire_cli.render.grid import NotLaidOut, paragraph_lines, render_grid, render_lines
from ceasefire_cli.render.styled import Styled
from ceasefire_cli.render.table import as_rich_text, render_table
from ceasefire_cli.text import safe_text
from conftest import Invoke, examples


def rich_text(view: View, width: int, *, colour: bool) -> str:
    """What common._table_text prints, at a given width and colour system."""
    console = common.table_console(io.StringIO(), ColorMode.always if colour else ColorMode.never)
    console.width = width
    with console.capture() as capture:
        console.print(render_table(view))
    return str(capture.get())


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
    # 14 columns in 40: a row whose cells have no room at all (Segment.set_shape's blank line)
    (
        "list",
        "--fields",
        "precision,start,end,title,summary,text_ar,actors,places,tags,sources,provenance,"
        "dating,reported_date,note",
    ),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("columns", ["40", "80", "131"])
@pytest.mark.parametrize("colour", ["always", "never"])
def test_every_command_prints_the_table_rich_prints(
    invoke: Invoke, args: tuple[str, ...], columns: str, colour: str
) -> None:
    command = [*args, "--format", "table", "--color", colour]
    env: dict[str, str | None] = {"COLUMNS": columns}
    # The first run may not hand the table back to Rich, or both could be Rich's.
    fell_back = AssertionError("render/grid left the table to Rich")
    with mock.patch.object(common, "_table_text", side_effect=fell_back):
        laid_out = invoke(*command, env=env)
    with mock.patch.object(common, "_grid_text", return_value=None):
        by_rich = invoke(*command, env=env)
    assert laid_out.exit_code == by_rich.exit_code == 0, laid_out.stderr
    assert laid_out.stdout == by_rich.stdout
    if colour == "never":
        assert "\x1b[" not in laid_out.stdout


def test_search_matches_are_highlighted_as_rich_does(invoke: Invoke) -> None:
    run = invoke("search", "black sea", "--format", "table", "--color", "always")
    assert "\x1b[1;7mBlack\x1b[0m \x1b[1;7mSea\x1b[0m" in run.stdout


# --- what render/grid leaves to Rich --------------------------------------------------------


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


# Every style word render/grid knows (style.py), alone and together.
_SPAN_STYLES = ["cyan", "yellow", "red", "green", "bold", "dim italic", "reverse", "bold cyan"]
_STYLES: list[str | None] = [None, *_SPAN_STYLES]


def _getter(name: str) -> Callable[[Record], Any]:
    return lambda record: record.get(name)


@st.composite
def _columns(draw: st.DrawFn) -> tuple[Column, ...]:
    count = draw(st.one_of(st.integers(1, 5), st.integers(6, 24)))
    return tuple(
        Column(
            draw(st.sampled_from(["Date", "Event", "Arabic text", "ID", "x"])),
            _getter(f"c{number}"),
            wrap=draw(st.booleans()),
            max_width=draw(st.one_of(st.none(), st.integers(1, 40))),
            min_width=draw(st.one_of(st.none(), st.integers(1, 30))),
            style=draw(st.sampled_from(_STYLES)),
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


@st.composite
def _styled(draw: st.DrawFn) -> Styled:
    # As styled.py gives it: escaped by safe_text (a raw CR is never shown), with no tab.
    plain = safe_text(draw(_TEXT.filter(lambda text: "\t" not in text)))
    edges = st.integers(0, len(plain))
    spans = [
        (min(start, end), max(start, end), draw(st.sampled_from(_SPAN_STYLES)))
        for start, end in draw(st.lists(st.tuples(edges, edges), max_size=5))
        if start != end
    ]
    justify: Literal["left", "center", "right"] | None = draw(
        st.sampled_from([None, "left", "center", "right"])
    )
    return Styled(plain, tuple(spans), justify, draw(st.sampled_from(["", "bold", "dim"])))


@given(styled=_styled(), width=st.integers(40, 120), colour=st.booleans())
@settings(max_examples=examples(150))
def test_text_with_overlapping_styled_spans_prints_as_rich_prints_it(
    styled: Styled, width: int, colour: bool
) -> None:
    # No view has overlapping or coloured spans yet; Rich combines them in the order of its
    # span list, whatever order they begin in.
    console = common.table_console(io.StringIO(), ColorMode.always if colour else ColorMode.never)
    console.width = width
    with console.capture() as capture:
        # In a Group, as a report's lines are: console.print(text) would drop its alignment.
        console.print(Group(as_rich_text(styled)))
    assert render_lines(paragraph_lines(styled, width), width, colour=colour) == capture.get()


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


def _rich_target(mode: ColorMode, stdout: _Stdout) -> Target:
    """What common._table_text's console uses (it reads os.environ)."""
    console = common.table_console(stdout, mode)
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


_SIZE = st.one_of(st.none(), st.sampled_from([0, 33, 120]))  # None: not a terminal


@given(
    mode=st.sampled_from(list(ColorMode)),
    environ=_ENVIRONMENTS,
    tty=st.booleans(),
    sizes=st.tuples(_SIZE, _SIZE, _SIZE),  # of stdin, stdout and stderr
)
@settings(max_examples=examples(400))
def test_width_and_colour_are_decided_as_rich_decides_them(
    mode: ColorMode, environ: dict[str, str], tty: bool, sizes: tuple[int | None, ...]
) -> None:
    def terminal_size(descriptor: int) -> os.terminal_size:
        columns = sizes[descriptor]
        if columns is None:
            raise OSError("not a terminal")
        return os.terminal_size((columns, 24))

    with (
        mock.patch("os.get_terminal_size", terminal_size),
        mock.patch.dict(os.environ, environ, clear=True),
    ):
        expected = _rich_target(mode, _Stdout(tty))
        assert table_target(mode, environ, _Stdout(tty)) == expected


def test_a_stdout_that_cannot_take_utf_8_is_left_to_rich() -> None:
    # Rich draws ASCII boxes there.
    assert table_target(ColorMode.auto, {}, _Stdout(tty=False, encoding="ascii")) is None
    assert table_target(ColorMode.auto, {}, _Stdout(tty=False, encoding="UTF-8")) is not None


def test_a_windows_console_is_left_to_rich() -> None:
    with mock.patch("sys.platform", "win32"):
        assert table_target(ColorMode.auto, {}, _Stdout(tty=True)) is None


@pytest.mark.parametrize("name", ["COLUMNS", "LINES"])
def test_a_size_int_refuses_is_ignored_with_a_warning(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Rich reads COLUMNS=² with str.isdigit and int(): a ValueError, for tables and --help.
    with mock.patch.dict(os.environ, {name: "²", "CEASEFIRE_TODAY": "2026-11-30"}):
        assert main(["list", "--format", "table", "--color", "never"]) == 0
        assert name not in os.environ
    captured = capsys.readouterr()
    assert captured.err == (
        f"ceasefire: warning: ignoring {name}='²', not a number; "
        "set it in the digits 0-9, or unset it\n"
    )
    assert "Russia illegally annexes Crimea" in captured.out
