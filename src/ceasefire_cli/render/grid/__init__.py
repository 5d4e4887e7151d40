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

from ceasefire_cli.render.styled import Styled, heading, styled_cell, styled_text
from ceasefire_cli.render.views import Detail, Listing, Report, View

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
    if isinstance(view, Report):
        yield from paragraph_lines(heading(view.title), width)
        for summary in view.summary:
            yield from paragraph_lines(styled_text(summary), width)
        for title, listing in view.sections:
            yield []
            yield from paragraph_lines(heading(title), width)
            if listing.records:
                yield from table_lines(_listing_table(listing), width)
            else:
                yield from paragraph_lines(Styled("  (none)"), width)
    elif isinstance(view, Detail):
        yield from table_lines(_detail_table(view), width)
    else:
        yield from table_lines(_listing_table(view), width)


def paragraph_lines(styled: Styled, width: int) -> list[Line]:
    """A Text printed on its own: wrapped to the width, not padded unless aligned."""
    text = Text.of(styled)
    return [line.segments() for line in text.wrap(width, text.justify or "default")]


def _listing_table(view: Listing) -> Table:
    """render/table.py's _listing, as a layout.Table."""
    columns = [
        Column(
            Text.of(Styled(column.header)),
            [Text.of(styled_cell(column.get(record))) for record in view.records],
            parse_style(column.style),
            no_wrap=not column.wrap,
            min_width=column.min_width,
            max_width=column.max_width,
        )
        for column in view.columns
    ]
    return Table(
        columns,
        head_rule="─",
        title=Text.of(styled_text(view.title)) if view.title else None,
        caption=Text.of(styled_text(view.caption)) if view.caption else None,
        min_width=len(view.caption) + 4 if view.caption else None,
    )


def _detail_table(view: Detail) -> Table:
    """render/table.py's Detail table: bold labels, values, no header (a SIMPLE box)."""
    labels = Column(
        None, [Text(label) for label, _ in view.rows], parse_style("bold"), no_wrap=True
    )
    values = Column(None, [Text.of(styled_text(value)) for _, value in view.rows])
    return Table([labels, values], head_rule=None, title=Text.of(styled_text(view.title)))
