"""Styles and segments: what render/grid prints, as Rich's Style and Segment hold it."""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from rich.cells import cell_len as _rich_cell_len
from rich.cells import set_cell_size


def cell_len(text: str) -> int:
    """Rich's cell width of the text; printable ASCII, most of any table, is one cell a
    character (as in Rich), without the cost of a call into Rich for each piece."""
    return len(text) if text.isascii() and text.isprintable() else _rich_cell_len(text)


class NotLaidOut(Exception):
    """This view needs something only Rich does; render it with render/table.py."""


# The style words the table views use (render/table.py, present.py), as SGR codes.
_ATTRIBUTES = {"bold": 1, "dim": 2, "italic": 3, "reverse": 7}
_COLOURS = {"red": 31, "green": 32, "yellow": 33, "cyan": 36}


class Style(NamedTuple):
    """A set of SGR attributes and a foreground colour."""

    attributes: frozenset[int] = frozenset()
    colour: int | None = None

    def add(self, other: Style) -> Style:
        """Rich's Style + Style: attributes accumulate, the later colour wins."""
        if not other.attributes and other.colour is None:  # most segments: nothing to add
            return self
        return Style(self.attributes | other.attributes, other.colour or self.colour)


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


@cache
def sgr(style: Style) -> str:
    """The parameters of the style's escape sequence, in Rich's order: attributes by number,
    then the colour ("1;7;36")."""
    codes = [*sorted(style.attributes), *([style.colour] if style.colour else [])]
    return ";".join(str(code) for code in codes)


class Segment(NamedTuple):
    text: str
    style: Style = NULL


Line = list[Segment]


def fit(line: Line, width: int, style: Style = NULL, *, pad: bool = True) -> Line:
    """Segment.adjust_line_length: pad a line to `width` cells, or crop it. Each segment is
    measured on its own, as Rich measures it."""
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
