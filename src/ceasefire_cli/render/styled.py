"""What the table format shows, without Rich: each table's columns, cells (text, spans to
highlight, alignment), title and caption, and a report's paragraphs between its tables.

Both table renderers build on this: table.py hands it to Rich, render/grid lays it out
itself. One source for what a table says keeps the two from drifting apart.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from ceasefire_cli.text import safe_text

from .views import Detail, Listing, Marked, Report, cell

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


class ColumnSpec(NamedTuple):
    header: str | None  # None: the table has no header row
    cells: list[Styled]
    style: str | None = None  # a Rich style for the whole column (shown only with colour)
    no_wrap: bool = False
    min_width: int | None = None
    max_width: int | None = None


class TableSpec(NamedTuple):
    columns: list[ColumnSpec]
    title: Styled | None = None
    caption: Styled | None = None
    min_width: int | None = None


def table_spec(view: Listing | Detail) -> TableSpec:
    """A listing's columns under their headers, or a detail's bold labels beside its values."""
    if isinstance(view, Detail):
        labels = ColumnSpec(None, [Styled(label) for label, _ in view.rows], "bold", no_wrap=True)
        values = ColumnSpec(None, [styled_text(value) for _, value in view.rows])
        return TableSpec([labels, values], title=styled_text(view.title) if view.title else None)
    columns = [
        ColumnSpec(
            column.header,
            [styled_cell(column.get(record)) for record in view.records],
            column.style,
            no_wrap=not column.wrap,
            min_width=column.min_width,
            max_width=column.max_width,
        )
        for column in view.columns
    ]
    return TableSpec(
        columns,
        title=styled_text(view.title) if view.title else None,
        caption=styled_text(view.caption) if view.caption else None,
        # A narrow table (tags, stats) is widened to its caption rather than wrapping it.
        min_width=len(view.caption) + 4 if view.caption else None,
    )


def report_parts(view: Report) -> list[Styled | TableSpec]:
    """A report from top to bottom: its bold title and summary lines, then each section's
    bold heading after a blank line, over its table (or "(none)")."""
    parts: list[Styled | TableSpec] = [heading(view.title)]
    parts += [styled_text(line) for line in view.summary]
    for title, listing in view.sections:
        parts += [Styled(""), heading(title)]
        parts.append(table_spec(listing) if listing.records else Styled("  (none)"))
    return parts
