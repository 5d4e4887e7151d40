"""Rich's Text, as far as tables use it: split, wrapped, aligned and cut into segments.

Each method is the rich.text.Text method of the same name (Rich 15), for overflow "fold",
mutating in place as Rich's does, so that the steps can be compared one by one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import NamedTuple

# rich._wrap is private: an ImportError sends the caller back to Rich (cli/common.py).
from rich._wrap import divide_line
from rich.cells import set_cell_size

from ceasefire_cli.render.styled import Styled

from .style import NULL, Line, NotLaidOut, Segment, Style, cell_len, parse_style

_TRAILING_SPACE = re.compile(r"\s+$")


class Span(NamedTuple):
    start: int
    end: int
    style: Style


class Text:
    """Text with styled spans, a style for the whole of it, and an alignment."""

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
        self._widths: tuple[int, int] | None = None  # of the longest word and line, once known

    @classmethod
    def of(cls, styled: Styled) -> Text:
        if "\t" in styled.plain:
            raise NotLaidOut("a tab")  # Rich expands tabs to its tab stops
        spans = [Span(start, end, parse_style(style)) for start, end, style in styled.spans]
        return cls(styled.plain, spans, parse_style(styled.style), styled.justify)

    def _set_plain(self, plain: str) -> None:
        """Text.plain's setter: a shorter text cuts the spans back to it."""
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
        """Break at spaces (folding longer words), then align each line."""
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
        a segment between every two span edges, styled by the spans over it, combined in
        the order of the span list, as Rich combines them."""
        spans = ([Span(0, len(self.plain), self.style)] if self.style != NULL else []) + self.spans
        if not spans:
            return [Segment(self.plain)] if self.plain else []
        edges = [(0, False, -1), (len(self.plain), True, -1)]
        edges += [(span.start, False, index) for index, span in enumerate(spans)]
        edges += [(span.end, True, index) for index, span in enumerate(spans)]
        edges.sort(key=lambda edge: edge[:2])
        line: Line = []
        active: list[int] = []  # the spans over the current piece
        for (offset, leaving, index), (next_offset, _, _) in pairwise(edges):
            if index >= 0 and leaving:
                active.remove(index)
            elif index >= 0:
                active.append(index)
            if next_offset > offset:
                style = NULL
                for number in sorted(active):
                    style = style.add(spans[number].style)
                line.append(Segment(self.plain[offset:next_offset], style))
        return line

    def measure(self, max_width: int) -> tuple[int, int]:
        """Measurement.get of the text: its longest word and its longest line, in cells."""
        if max_width < 1:
            return 0, 0
        if self._widths is None:  # a table measures its cells twice when it must narrow them
            lines = self.plain.splitlines()
            longest = max((cell_len(line) for line in lines), default=0)
            words = self.plain.split()
            self._widths = max((cell_len(word) for word in words), default=longest), longest
        return measured(*self._widths, max_width)


def _justify(line: Text, width: int, justify: str) -> None:
    """Lines.justify ("default" leaves the line as it is)."""
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


def measured(minimum: int, maximum: int, max_width: int) -> tuple[int, int]:
    """The end of Measurement.get: normalized, capped at max_width, (0, 0) if nothing fits."""
    minimum, maximum = _normalize(minimum, maximum)
    minimum, maximum = min(minimum, max_width), min(maximum, max_width)
    return (0, 0) if maximum < 1 else _normalize(minimum, maximum)


def _normalize(minimum: int, maximum: int) -> tuple[int, int]:
    minimum = min(max(0, minimum), maximum)
    return max(0, minimum), max(0, minimum, maximum)
