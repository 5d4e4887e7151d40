"""Rich's Table, with padding (0, 1) and a box whose edges and dividers are spaces.

The steps and their names are rich.table.Table's (Rich 15): measure each column, collapse
the widest wrapping columns until the table fits, share out a minimum width, then draw each
row's cells (Padding around Text) side by side.
"""

from __future__ import annotations

from collections.abc import Iterator
from math import ceil
from typing import NamedTuple

from .style import NULL, Line, NotLaidOut, Segment, Style, fit, parse_style
from .text import Text, measured

HEADER_STYLE = parse_style("bold")  # Rich's "table.header"
HEAD_RULE = "─"  # under the header, across the table (Rich's box.SIMPLE_HEAD)
_PADDING = 2  # one space either side of every cell


class Column(NamedTuple):
    header: Text | None  # None: the table shows no header
    cells: list[Text]
    style: Style = NULL
    no_wrap: bool = False
    min_width: int | None = None
    max_width: int | None = None

    def all_cells(self) -> list[tuple[Text, Style]]:
        header = [(self.header, HEADER_STYLE)] if self.header is not None else []
        return [*header, *((text, self.style) for text in self.cells)]


class Table(NamedTuple):
    columns: list[Column]
    title: Text | None = None
    caption: Text | None = None
    min_width: int | None = None


def _measure_cell(text: Text, max_width: int) -> tuple[int, int]:
    """Measurement.get of Padding(text, (0, 1))."""
    if max_width < 1:
        return 0, 0
    if max_width - _PADDING < 1:
        return measured(max_width, max_width, max_width)
    minimum, maximum = text.measure(max_width - _PADDING)
    return measured(
        min(minimum + _PADDING, max_width), min(maximum + _PADDING, max_width), max_width
    )


def _measure_column(column: Column, max_width: int) -> tuple[int, int]:
    if max_width < 1:
        return 0, 0
    cells = [_measure_cell(text, max_width) for text, _ in column.all_cells()]
    minimum = max((low for low, _ in cells), default=1)
    maximum = max((high for _, high in cells), default=max_width)
    minimum, maximum = min(minimum, max_width), min(maximum, max_width)
    if column.min_width is not None:
        floor = max(0, column.min_width + _PADDING)
        minimum, maximum = max(minimum, floor), max(maximum, floor)
    if column.max_width is not None:
        ceiling = column.max_width + _PADDING
        minimum, maximum = min(minimum, ceiling), min(maximum, ceiling)
    return minimum, maximum


def _ratio_reduce(
    total: int, ratios: list[int], maximums: list[int], values: list[int]
) -> list[int]:
    ratios = [ratio if maximum else 0 for ratio, maximum in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    result = []
    for ratio, maximum, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            distributed = min(maximum, round(ratio * remaining / total_ratio))
            result.append(value - distributed)
            remaining -= distributed
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _ratio_distribute(total: int, ratios: list[int]) -> list[int]:
    total_ratio = sum(ratios)
    if total_ratio <= 0:
        # Rich fails an assertion here (every column 0 wide, a caption to widen them to).
        raise NotLaidOut("no width to share out")
    remaining = total
    result = []
    for ratio in ratios:
        # Each gets at least 0; what is left (even below 0) goes to the first column after
        # the last one with a ratio.
        distributed = (
            max(0, ceil(ratio * remaining / total_ratio)) if total_ratio > 0 else remaining
        )
        result.append(distributed)
        total_ratio -= ratio
        remaining -= distributed
    return result


def _collapse_widths(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    total = sum(widths)
    excess = total - max_width
    if any(wrapable):
        while total and excess > 0:
            widest = max(width for width, wrap in zip(widths, wrapable, strict=True) if wrap)
            second = max(
                width if wrap and width != widest else 0
                for width, wrap in zip(widths, wrapable, strict=True)
            )
            ratios = [
                1 if width == widest and wrap else 0
                for width, wrap in zip(widths, wrapable, strict=True)
            ]
            if not any(ratios) or not widest - second:
                break
            widths = _ratio_reduce(
                excess, ratios, [min(excess, widest - second)] * len(widths), widths
            )
            total = sum(widths)
            excess = total - max_width
    return widths


def _column_widths(table: Table, max_width: int, extra_width: int) -> list[int]:
    columns = table.columns
    widths = [_measure_column(column, max_width)[1] or 1 for column in columns]
    table_width = sum(widths)
    if table_width > max_width:
        widths = _collapse_widths(widths, [not column.no_wrap for column in columns], max_width)
        table_width = sum(widths)
        if table_width > max_width:
            widths = _ratio_reduce(table_width - max_width, [1] * len(widths), widths, widths)
            table_width = sum(widths)
        # measured again at their new widths; table_width stays as it was, as in Rich
        widths = [
            _measure_column(column, width)[1] or 0
            for width, column in zip(widths, columns, strict=True)
        ]
    if table.min_width is not None and table_width < table.min_width - extra_width:
        share = min(table.min_width - extra_width, max_width)
        widths = [
            w + pad
            for w, pad in zip(widths, _ratio_distribute(share - table_width, widths), strict=True)
        ]
    return widths


def _cell_lines(text: Text, width: int, style: Style, no_wrap: bool) -> list[Line]:
    """A cell: Padding(text, (0, 1)) rendered at the column's width, in the column's style."""
    inner = width - _PADDING
    if inner < 1:
        return []  # Console.render draws nothing in no room
    lines = []
    for line in text.wrap(inner, text.justify or "left", no_wrap=no_wrap):
        padded = [Segment(" "), *fit(line.segments(), inner), Segment(" ")]
        styled = [Segment(segment.text, style.add(segment.style)) for segment in padded]
        # Rich measures each segment on its own: a highlight that splits a grapheme (an emoji
        # joined by U+200D) can leave the line narrower, and Rich pads it again at this width.
        lines.append(fit(styled, width, style))
    return lines


def annotation(text: Text, width: int) -> list[Line]:
    """A title or caption: centred over the table, unless the text says otherwise."""
    return [line.segments() for line in text.wrap(width, text.justify or "center")]


def table_lines(table: Table, max_width: int) -> Iterator[Line]:
    columns = table.columns
    if not columns:
        raise NotLaidOut("a table without columns")
    extra_width = 2 + len(columns) - 1  # the edges and the dividers
    widths = _column_widths(table, max_width - extra_width, extra_width)
    table_width = sum(widths) + extra_width
    if table.title is not None and table.title.plain:  # Rich: `if self.title`
        yield from annotation(table.title, table_width)
    yield [Segment(" " * table_width)]  # the top edge: spaces
    has_header = columns[0].header is not None
    rows = zip(*(column.all_cells() for column in columns), strict=True)
    for index, row in enumerate(rows):
        header_row = has_header and index == 0
        cells = [
            _cell_lines(text, width, style, column.no_wrap)
            for (text, style), width, column in zip(row, widths, columns, strict=True)
        ]
        yield from _row_lines(cells, widths, [style for _, style in row], header_row=header_row)
        if header_row:
            yield [Segment(f" {HEAD_RULE.join(HEAD_RULE * width for width in widths)} ")]
    yield [Segment(" " * table_width)]  # the bottom edge
    if table.caption is not None and table.caption.plain:
        yield from annotation(table.caption, table_width)


def _row_lines(
    cells: list[list[Line]], widths: list[int], styles: list[Style], *, header_row: bool
) -> Iterator[Line]:
    """One row: its cells side by side, the shorter ones filled out in their style (at the
    top of a header, as Rich aligns headers to the bottom), and at least one line high."""
    row_height = max(len(lines) for lines in cells)
    height = max(1, row_height)
    for lines, width, style in zip(cells, widths, styles, strict=True):
        missing = [[Segment(" " * width, style)]] * (row_height - len(lines))
        # Segment.set_shape's own blank line, in a row of cells with no room at all, is not
        # styled.
        unstyled = [[Segment(" " * width)]] * (height - row_height)
        lines[:] = (missing + lines if header_row else lines + missing) + unstyled
    for number in range(height):
        line: Line = [Segment(" ")]
        for position, lines in enumerate(cells):
            if position:
                line.append(Segment(" "))
            line += lines[number]
        line.append(Segment(" "))
        yield line
