"""The table format laid out without Rich's console: the characters and styles Rich prints.

Why: importing rich.console and rich.table, and their layout of the bundled 41 events, made
a `list --format table` 85 to 95 ms slower than `list --json` (bench/startup.py). This
package uses only two light helpers of Rich's: cell widths (rich.cells) and line breaks
(rich._wrap).

What: the views render/table.py gives Rich (Listing, Detail, Report), with the same boxes,
padding, column widths, wrapping, alignment and styles, following Rich 15's Table (layout.py),
Padding, Text (text.py) and Console.print step by step. What it leaves to Rich raises
NotLaidOut: a tab in a value, a style word outside style.py's table, a table with no columns,
and a caption to widen a table of columns with no width at all. tests/test_grid.py holds
the two to the same bytes.

Pure: the caller says how wide and whether in colour (cli/terminal.py decides as Rich would).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ceasefire_cli.render.styled import Styled, TableSpec, report_parts, table_spec
from ceasefire_cli.render.views import Report, View

from .layout import Column, Table, table_lines
from .style import Line, NotLaidOut, fit, parse_style, sgr
from .text import Text

__all__ = ["NotLaidOut", "paragraph_lines", "render_grid", "render_lines"]


def render_grid(view: View, width: int, *, colour: bool) -> str:
    """The table format's text, as Console(width=width).print(render_table(view)) prints it;
    `colour` False is Rich's colour system None (no escapes at all)."""
    return render_lines(_view_lines(view, width), width, colour=colour)


def render_lines(lines: Iterable[Line], width: int, *, colour: bool) -> str:
    out = []
    for line in lines:
        # Console.print crops every line to the console's width (wide no-wrap columns).
        for text, style in fit(line, width, pad=False):
            codes = sgr(style) if colour and text else ""
            out.append(f"\x1b[{codes}m{text}\x1b[0m" if codes else text)
        out.append("\n")
    return "".join(out)


def _view_lines(view: View, width: int) -> Iterator[Line]:
    if not isinstance(view, Report):
        yield from table_lines(_table(table_spec(view)), width)
        return
    for part in report_parts(view):
        if isinstance(part, TableSpec):
            yield from table_lines(_table(part), width)
        else:
            yield from paragraph_lines(part, width)


def paragraph_lines(styled: Styled, width: int) -> list[Line]:
    """A Text printed on its own: wrapped to the width, not padded unless aligned."""
    text = Text.of(styled)
    return [line.segments() for line in text.wrap(width, text.justify or "default")]


def _table(spec: TableSpec) -> Table:
    """The table render/table.py gives Rich, as a layout.Table."""
    columns = [
        Column(
            None if column.header is None else Text.of(Styled(column.header)),
            [Text.of(cell) for cell in column.cells],
            parse_style(column.style),
            no_wrap=column.no_wrap,
            min_width=column.min_width,
            max_width=column.max_width,
        )
        for column in spec.columns
    ]
    return Table(
        columns,
        title=Text.of(spec.title) if spec.title else None,
        caption=Text.of(spec.caption) if spec.caption else None,
        min_width=spec.min_width,
    )
