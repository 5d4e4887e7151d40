"""The table format through Rich itself, loaded only when Rich prints the table: for
pictures (--svg, --html) and what render/grid leaves to it. render/grid prints the rest,
as Rich would (tests/test_grid.py)."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Span, Text

from .styled import Styled, TableSpec, report_parts, table_spec
from .views import Report, View


def as_rich_text(styled: Styled) -> Text:
    # Text(...) is never parsed as markup; the spans are styles we chose, not the data's.
    spans = [Span(start, end, style) for start, end, style in styled.spans]
    return Text(styled.plain, style=styled.style, justify=styled.justify, spans=spans)


def render_table(view: View) -> RenderableType:
    if isinstance(view, Report):
        parts = report_parts(view)
        return Group(*(_table(p) if isinstance(p, TableSpec) else as_rich_text(p) for p in parts))
    return _table(table_spec(view))


def _table(spec: TableSpec) -> Table:
    header = any(column.header is not None for column in spec.columns)
    table = Table(
        title=as_rich_text(spec.title) if spec.title else None,
        caption=as_rich_text(spec.caption) if spec.caption else None,
        box=box.SIMPLE_HEAD,
        show_header=header,
        min_width=spec.min_width,
    )
    for column in spec.columns:
        table.add_column(
            column.header or "",
            no_wrap=column.no_wrap,
            overflow="fold",
            max_width=column.max_width,
            min_width=column.min_width,
            style=column.style,
        )
    for row in zip(*(column.cells for column in spec.columns), strict=True):
        table.add_row(*(as_rich_text(cell) for cell in row))
    return table
