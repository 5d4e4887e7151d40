"""The table format through Rich itself, loaded only when Rich prints the table: for
pictures (--svg, --html) and what render/grid leaves to it. render/grid prints the rest,
as Rich would (tests/test_grid.py)."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Span, Text

from .styled import Styled, heading, styled_cell, styled_text
from .views import Detail, Listing, Report, View


def as_rich_text(styled: Styled) -> Text:
    # Text(...) is never parsed as markup; the spans are styles we chose, not the data's.
    spans = [Span(start, end, style) for start, end, style in styled.spans]
    return Text(styled.plain, style=styled.style, justify=styled.justify, spans=spans)


def _text(value: str) -> Text:
    return as_rich_text(styled_text(value))


def _cell(value: object) -> Text:
    return as_rich_text(styled_cell(value))


def render_table(view: View) -> RenderableType:
    if isinstance(view, Report):
        parts: list[RenderableType] = [as_rich_text(heading(view.title))]
        parts += [_text(line) for line in view.summary]
        for title, listing in view.sections:
            parts.append(Text(""))
            parts.append(as_rich_text(heading(title)))
            parts.append(_listing(listing) if listing.records else Text("  (none)"))
        return Group(*parts)
    if isinstance(view, Detail):
        table = Table(title=_text(view.title), show_header=False, box=box.SIMPLE, expand=False)
        table.add_column("Field", style="bold", no_wrap=True)
        table.add_column("Value", overflow="fold")
        for label, value in view.rows:
            table.add_row(Text(label), _text(value))
        return table
    return _listing(view)


def _listing(view: Listing) -> Table:
    table = Table(
        title=_text(view.title) if view.title else None,
        caption=_text(view.caption) if view.caption else None,
        box=box.SIMPLE_HEAD,
        # A narrow table (tags, stats) is widened to its caption rather than wrapping it.
        min_width=len(view.caption) + 4 if view.caption else None,
    )
    for column in view.columns:
        table.add_column(
            column.header,
            no_wrap=not column.wrap,
            overflow="fold",
            max_width=column.max_width,
            min_width=column.min_width,
            style=column.style,
        )
    for record in view.records:
        table.add_row(*(_cell(column.get(record)) for column in view.columns))
    return table
