"""What a table cell holds: its text, the spans to highlight and its alignment; no Rich.

Both table renderers build their cells here: table.py hands them to Rich, render/grid lays
them out itself. One source for what a cell says keeps the two from drifting apart.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from ceasefire_cli.text import safe_text

from .views import Marked, cell

# Rich's layout time grows faster than a cell's length (a 10 MB title took over ten
# minutes); a table shows this much of a value, --format plain shows all of it.
MAX_CELL = 5000

HIGHLIGHT = "bold reverse"  # a search match


class Styled(NamedTuple):
    """Text with styled spans (start, end, style), as Rich's Text holds it."""

    plain: str
    spans: tuple[tuple[int, int, str], ...] = ()
    justify: Literal["left", "center", "right"] | None = None  # None: the column's (left)
    style: str = ""  # the style of the whole text


def clip(text: str) -> str:
    if len(text) <= MAX_CELL:
        return text
    return f"{text[:MAX_CELL]}… ({len(text) - MAX_CELL} more characters; --format plain shows all)"


def heading(value: str) -> Styled:
    """A title above the tables of a report: bold, escaped, whole."""
    return Styled(safe_text(value), style="bold")


def styled_text(value: str) -> Styled:
    """A value shown as it is: escaped, clipped, and right-aligned if it is Arabic, as Arabic
    readers expect (the text itself is untouched). Never parsed as markup, so
    '[bold red]x[/]' in the data prints literally."""
    return Styled(safe_text(clip(value)), justify="right" if starts_arabic(value) else None)


def starts_arabic(value: str) -> bool:
    for char in value:
        if char.isalpha():
            return "\u0600" <= char <= "\u06ff"
    return False


def marked(value: Marked) -> Styled:
    """Highlight the spans; each piece is escaped on its own so the spans stay aligned."""
    pieces: list[str] = []
    spans: list[tuple[int, int, str]] = []
    length = position = 0
    shown = value.text[:MAX_CELL]

    def add(piece: str, style: str = "") -> None:
        nonlocal length
        if piece and style:  # as Rich's Text.append: an empty piece gets no span
            spans.append((length, length + len(piece), style))
        pieces.append(piece)
        length += len(piece)

    for span_start, span_end in sorted(value.spans):
        start, end = max(span_start, position), min(span_end, len(shown))
        if end <= start:  # never write a piece twice, even if spans overlap
            continue
        add(safe_text(shown[position:start]))
        add(safe_text(shown[start:end]), HIGHLIGHT)
        position = end
    add(safe_text(clip(value.text)[position:]))
    return Styled("".join(pieces), tuple(spans))


def styled_cell(value: object) -> Styled:
    return marked(value) if isinstance(value, Marked) else styled_text(cell(value))
