"""The table format laid out without Rich's console: the characters and styles Rich prints.

Why: importing rich.console and rich.table, and their layout of the bundled 41 events, took
85 to 95 ms of a 270 ms `list --format table` (bench/startup.py); this module, with the few
light helpers of Rich's it uses (cell widths, word breaks), takes a few.

What: the views table.py gives Rich (Listing, Detail, Report), with the same box, padding,
column widths, wrapping, alignment and styles, following Rich 15's Table, Padding, Text and
Console.print step by step; the names below are Rich's where a step is Rich's. Anything
else raises NotLaidOut and Rich lays it out (tabs, a column too narrow for its padding, a
style not in _ATTRIBUTES or _COLOURS). tests/test_grid.py holds the two to the same bytes.

Pure: the caller says how wide and whether in colour (cli/terminal.py decides as Rich would).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import pairwise
from math import ceil
from typing import NamedTuple

# Light parts of Rich (no console): cell widths of wide and combining characters, and where
# a line may break. rich._wrap is private: an ImportError sends the caller back to Rich.
from rich._wrap import divide_line
from rich.cells import cell_len, set_cell_size

from .styled import Styled, heading, styled_cell, styled_text
from .views import Detail, Listing, Report, View


class NotLaidOut(Exception):
    """This view needs something only Rich does; render it with table.py."""


# --- styles: a set of SGR attributes and a foreground colour --------------------------------

_ATTRIBUTES = {"bold": 1, "dim": 2, "italic": 3, "underline": 4, "reverse": 7, "strike": 9}
_COLOURS = {
    name: 30 + number
    for number, name in enumerate(
        ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")
    )
}


class Style(NamedTuple):
    attributes: frozenset[int] = frozenset()
    colour: int | None = None

    def add(self, other: Style) -> Style:
        """Rich's Style + Style: attributes accumulate, the later colour wins."""
        if not other.attributes and other.colour is None:  # most segments: nothing to add
            return self
        return Style(self.attributes | other.attributes, other.colour or self.colour)

    @property
    def sgr(self) -> str:
        # Rich's order: attributes by number, then the colour.
        codes = sorted(self.attributes)
        return ";".join(str(code) for code in (*codes, *([self.colour] if self.colour else [])))


NULL = Style()


def parse_style(text: str | None) -> Style:
    style = NULL
    for word in (text or "").split():
        if word in _ATTRIBUTES:
            style = style.add(Style(frozenset({_ATTRIBUTES[word]})))
        elif word in _COLOURS:
            style = style.add(Style(colour=_COLOURS[word]))
        else:
            raise NotLaidOut(f"style {word!r}")
    return style


class Segment(NamedTuple):
    text: str
    style: Style = NULL


Line = list[Segment]


# --- Rich's Text, as far as tables use it -----------------------------------------------------

_TRAILING_SPACE = re.compile(r"\s+$")


class Span(NamedTuple):
    start: int
    end: int
    style: Style


class Text:
    """A line of text with styled spans, mutated in place the way rich.text.Text is."""

    def __init__(
        self,
        plain: str,
        spans: Iterable[Span] = (),
        style: Style = NULL,
        justify: str | None = None,
    ) -> None:
        self.plain = plain
        self.spans = list(spans)
        self.style = style
        self.justify = justify  # None: as the column or the printer says

    @classmethod
    def of(cls, styled: Styled) -> Text:
        if "\t" in styled.plain:
            raise NotLaidOut("a tab")  # Rich expands tabs to its tab stops
        spans = [Span(start, end, parse_style(style)) for start, end, style in styled.spans]
        return cls(styled.plain, spans, parse_style(styled.style), styled.justify)

    def _set_plain(self, plain: str) -> None:
        shorter = len(plain) < len(self.plain)
        self.plain = plain
        if shorter:
            end = len(plain)
            self.spans = [
                span if span.end < end else span._replace(end=end)
                for span in self.spans
                if span.start < end
            ]

    def divide(self, offsets: Sequence[int]) -> list[Text]:
        bounds = [0, *offsets, len(self.plain)]
        lines = [Text(self.plain[start:end], (), self.style) for start, end in pairwise(bounds)]
        for span in self.spans:  # each span goes to the lines it crosses, found by bisection
            number = max(0, bisect_right(bounds, span.start) - 1)
            while number < len(lines) and bounds[number] < span.end:
                start, end = bounds[number], bounds[number + 1]
                new_start, new_end = max(0, span.start - start), min(span.end, end) - start
                if new_end > new_start:
                    lines[number].spans.append(Span(new_start, new_end, span.style))
                number += 1
        return lines

    def split_lines(self) -> list[Text]:
        """Text.split("\\n", allow_blank=True)."""
        if "\n" not in self.plain:
            return [Text(self.plain, self.spans, self.style)]
        offsets = [match.start() for match in re.finditer("\n", self.plain)]
        bounds = [edge for offset in offsets for edge in (offset, offset + 1)]
        return [line for line in self.divide(bounds) if line.plain != "\n"]

    def rstrip_end(self, size: int) -> None:
        excess = len(self.plain) - size
        if excess > 0:
            match = _TRAILING_SPACE.search(self.plain)
            if match is not None:
                self._set_plain(self.plain[: len(self.plain) - min(len(match.group()), excess)])

    def rstrip(self) -> None:
        self._set_plain(self.plain.rstrip())

    def truncate(self, width: int, *, pad: bool = False) -> None:
        length = cell_len(self.plain)
        if length > width:
            self._set_plain(set_cell_size(self.plain, width))
        if pad and length < width:
            self.plain += " " * (width - length)

    def pad_left(self, count: int) -> None:
        if count:
            self.plain = " " * count + self.plain
            self.spans = [
                Span(span.start + count, span.end + count, span.style) for span in self.spans
            ]

    def pad_right(self, count: int) -> None:
        if count:
            self.plain += " " * count

    def wrap(self, width: int, justify: str, *, no_wrap: bool = False) -> list[Text]:
        """Text.wrap with overflow "fold": break at spaces, fold longer words, align."""
        lines: list[Text] = []
        for line in self.split_lines():
            if no_wrap:
                new_lines = [line]
            else:
                new_lines = line.divide(divide_line(line.plain, width, fold=True))
                for new_line in new_lines:
                    new_line.rstrip_end(width)
            for new_line in new_lines:
                _justify(new_line, width, justify)
                new_line.truncate(width)
            lines.extend(new_lines)
        return lines

    def segments(self) -> Line:
        """Text.render of one line (after Text.join gave the text's style a span of its own):
        a segment between every two span edges, styled by the spans over it, in their order."""
        spans = ([Span(0, len(self.plain), self.style)] if self.style != NULL else []) + self.spans
        if not spans:
            return [Segment(self.plain)] if self.plain else []
        edges = [(0, False, -1), (len(self.plain), True, -1)]
        edges += [(span.start, False, index) for index, span in enumerate(spans)]
        edges += [(span.end, True, index) for index, span in enumerate(spans)]
        edges.sort(key=lambda edge: edge[:2])
        line: Line = []
        active: list[int] = []  # the spans over the current piece, in the order they began
        for (offset, leaving, index), (next_offset, _, _) in pairwise(edges):
            if index >= 0 and leaving:
                active.remove(index)
            elif index >= 0:
                active.append(index)
            if next_offset > offset:
                style = NULL
                for number in active:
                    style = style.add(spans[number].style)
                line.append(Segment(self.plain[offset:next_offset], style))
        return line

    def measure(self, max_width: int) -> tuple[int, int]:
        """Measurement.get of the text: its longest word and its longest line, in cells."""
        if max_width < 1:
            return 0, 0
        lines = self.plain.splitlines()
        longest = max((cell_len(line) for line in lines), default=0)
        words = self.plain.split()
        minimum = max((cell_len(word) for word in words), default=longest)
        minimum, maximum = _normalize(minimum, longest)
        minimum, maximum = min(minimum, max_width), min(maximum, max_width)
        return (0, 0) if maximum < 1 else _normalize(minimum, maximum)


def _justify(line: Text, width: int, justify: str) -> None:
    """Lines.justify with overflow "fold"."""
    if justify == "left":
        line.truncate(width, pad=True)
    elif justify == "center":
        line.rstrip()
        line.truncate(width)
        line.pad_left((width - cell_len(line.plain)) // 2)
        line.pad_right(width - cell_len(line.plain))
    elif justify == "right":
        line.rstrip()
        line.truncate(width)
        line.pad_left(width - cell_len(line.plain))


def _normalize(minimum: int, maximum: int) -> tuple[int, int]:
    minimum = min(max(0, minimum), maximum)
    return max(0, minimum), max(0, minimum, maximum)


def _fit(line: Line, width: int, style: Style = NULL, *, pad: bool = True) -> Line:
    """Segment.adjust_line_length: pad a line to `width` cells, or crop it."""
    length = sum(cell_len(segment.text) for segment in line)
    if length < width:
        return [*line, Segment(" " * (width - length), style)] if pad else line
    if length == width:
        return line
    cropped: Line = []
    length = 0
    for segment in line:
        size = cell_len(segment.text)
        if length + size < width:
            cropped.append(segment)
            length += size
        else:
            cropped.append(Segment(set_cell_size(segment.text, width - length), segment.style))
            break
    return cropped


# --- Rich's Table with padding (0, 1) and a box whose edges and dividers are spaces ----------


class _Column(NamedTuple):
    header: Text | None
    cells: list[Text]
    style: Style = NULL
    no_wrap: bool = False
    min_width: int | None = None
    max_width: int | None = None

    def all_cells(self) -> list[tuple[Text, Style]]:
        header = [(self.header, parse_style("bold"))] if self.header is not None else []
        return [*header, *((text, self.style) for text in self.cells)]


class _Table(NamedTuple):
    columns: list[_Column]
    head_rule: str | None  # the character under the header (SIMPLE_HEAD), None without one
    title: Text | None = None
    caption: Text | None = None
    min_width: int | None = None


_PADDING = 2  # one space either side of every cell


def _measure_cell(text: Text, max_width: int) -> tuple[int, int]:
    """Measurement.get of Padding(text, (0, 1))."""
    if max_width < 1:
        return 0, 0
    if max_width - _PADDING < 1:
        measured = (max_width, max_width)
    else:
        minimum, maximum = text.measure(max_width - _PADDING)
        measured = (min(minimum + _PADDING, max_width), min(maximum + _PADDING, max_width))
    minimum, maximum = _normalize(*measured)
    minimum, maximum = min(minimum, max_width), min(maximum, max_width)
    return (0, 0) if maximum < 1 else _normalize(minimum, maximum)


def _measure_column(column: _Column, max_width: int) -> tuple[int, int]:
    if max_width < 1:
        return 0, 0
    measured = [_measure_cell(text, max_width) for text, _ in column.all_cells()]
    minimum = max((low for low, _ in measured), default=1)
    maximum = max((high for _, high in measured), default=max_width)
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
        raise NotLaidOut("no width to share out")  # Rich asserts
    remaining = total
    result = []
    for ratio in ratios:
        # Rich gives each at least 0, and whatever is left (even below 0) to the last.
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


def _column_widths(table: _Table, max_width: int, extra_width: int) -> list[int]:
    columns = table.columns
    widths = [_measure_column(column, max_width)[1] or 1 for column in columns]
    table_width = sum(widths)
    if table_width > max_width:
        widths = _collapse_widths(widths, [not column.no_wrap for column in columns], max_width)
        table_width = sum(widths)
        if table_width > max_width:
            widths = _ratio_reduce(table_width - max_width, [1] * len(widths), widths, widths)
            table_width = sum(widths)
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
        return []  # Console.render draws nothing in no room; the row shows the column blank
    lines = []
    for line in text.wrap(inner, text.justify or "left", no_wrap=no_wrap):
        padded = [Segment(" "), *_fit(line.segments(), inner), Segment(" ")]
        styled = [Segment(segment.text, style.add(segment.style)) for segment in padded]
        # Rich measures each segment on its own: a highlight that splits a grapheme (an emoji
        # joined by U+200D) can leave the line narrower, and Rich pads it again at this width.
        lines.append(_fit(styled, width, style))
    return lines


def _annotation(text: Text, width: int) -> list[Line]:
    """A title or caption: centred over the table, unless the text says otherwise."""
    return [line.segments() for line in text.wrap(width, text.justify or "center")]


def _table_lines(table: _Table, max_width: int) -> Iterator[Line]:
    columns = table.columns
    if not columns:
        raise NotLaidOut("a table without columns")
    extra_width = 2 + len(columns) - 1  # the edges and the dividers
    widths = _column_widths(table, max_width - extra_width, extra_width)
    table_width = sum(widths) + extra_width
    if table.title is not None and table.title.plain:  # Rich: `if self.title`
        yield from _annotation(table.title, table_width)
    yield [Segment(" " * table_width)]  # the top edge: spaces
    has_header = columns[0].header is not None
    rows = zip(*(column.all_cells() for column in columns), strict=True)
    for index, row in enumerate(rows):
        header_row = has_header and index == 0
        cells = [
            _cell_lines(text, width, style, column.no_wrap)
            for (text, style), width, column in zip(row, widths, columns, strict=True)
        ]
        height = max(1, *(len(lines) for lines in cells))
        for lines, width, (_, style) in zip(cells, widths, row, strict=True):
            blank = [Segment(" " * width, style)]
            missing = [blank] * (height - len(lines))
            lines[:] = missing + lines if header_row else lines + missing
        for number in range(height):
            line: Line = [Segment(" ")]
            for position, lines in enumerate(cells):
                if position:
                    line.append(Segment(" "))
                line += lines[number]
            line.append(Segment(" "))
            yield line
        if header_row and table.head_rule:
            rule = table.head_rule
            yield [Segment(f" {rule.join(rule * width for width in widths)} ")]
    yield [Segment(" " * table_width)]  # the bottom edge
    if table.caption is not None and table.caption.plain:
        yield from _annotation(table.caption, table_width)


# --- the views, as table.py builds them --------------------------------------------------------


def _listing_table(view: Listing) -> _Table:
    cells = [
        [Text.of(styled_cell(column.get(record))) for record in view.records]
        for column in view.columns
    ]
    columns = [
        _Column(
            Text.of(Styled(column.header)),
            column_cells,
            parse_style(column.style),
            no_wrap=not column.wrap,
            min_width=column.min_width,
            max_width=column.max_width,
        )
        for column, column_cells in zip(view.columns, cells, strict=True)
    ]
    return _Table(
        columns,
        head_rule="─",
        title=Text.of(styled_text(view.title)) if view.title else None,
        caption=Text.of(styled_text(view.caption)) if view.caption else None,
        min_width=len(view.caption) + 4 if view.caption else None,
    )


def _detail_table(view: Detail) -> _Table:
    labels = _Column(
        None, [Text(label) for label, _ in view.rows], parse_style("bold"), no_wrap=True
    )
    values = _Column(None, [Text.of(styled_text(value)) for _, value in view.rows])
    return _Table([labels, values], head_rule=None, title=Text.of(styled_text(view.title)))


def _paragraph(styled: Styled, width: int) -> list[Line]:
    """A Text printed on its own: wrapped to the width, not padded unless aligned."""
    text = Text.of(styled)
    return [line.segments() for line in text.wrap(width, text.justify or "default")]


def lay_out(view: View, width: int) -> Iterator[Line]:
    """The lines Console(width=width).print(render_table(view)) prints, without the newlines."""
    # Console.print crops every line to the console's width (a table of wide no-wrap columns).
    for line in _view_lines(view, width):
        yield _fit(line, width, pad=False)


def _view_lines(view: View, width: int) -> Iterator[Line]:
    if isinstance(view, Report):
        yield from _paragraph(heading(view.title), width)
        for summary in view.summary:
            yield from _paragraph(styled_text(summary), width)
        for title, listing in view.sections:
            yield []
            yield from _paragraph(heading(title), width)
            if listing.records:
                yield from _table_lines(_listing_table(listing), width)
            else:
                yield from _paragraph(Styled("  (none)"), width)
    elif isinstance(view, Detail):
        yield from _table_lines(_detail_table(view), width)
    else:
        yield from _table_lines(_listing_table(view), width)


def render_grid(view: View, width: int, *, colour: bool) -> str:
    """The table format's text: `colour` False is Rich's colour system None (no escapes at all)."""
    out = []
    for line in lay_out(view, width):
        for text, style in line:
            codes = _sgr(style) if colour and text else ""
            out.append(f"\x1b[{codes}m{text}\x1b[0m" if codes else text)
        out.append("\n")
    return "".join(out)


@cache
def _sgr(style: Style) -> str:
    return style.sgr
