"""render/grid.py against Rich: the same table, byte for byte, in colour and without.

grid.py lays tables out without Rich's console, for start-up time (issue 6); Rich stays the
reference. These tests hold the two to the same output on random views (Hypothesis).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from ceasefire_cli.records import Record
from ceasefire_cli.render import Column, Detail, Listing, Marked, Report, View, key
from ceasefire_cli.render.grid import NotLaidOut, render_grid
from ceasefire_cli.render.table import render_table
from conftest import examples


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


# --- what grid.py leaves to Rich ------------------------------------------------------------


def _listing(*cells: Any, **column: Any) -> Listing:
    return Listing([{"text": cell} for cell in cells], (key("text", **column),), ("text",))


def test_a_tab_is_left_to_rich() -> None:
    with pytest.raises(NotLaidOut, match="a tab"):
        render_grid(_listing("a\tb"), 80, colour=False)


def test_a_style_it_does_not_know_is_left_to_rich() -> None:
    with pytest.raises(NotLaidOut, match="'blink'"):
        render_grid(_listing("a", style="blink"), 80, colour=True)


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
