"""The Rich table format: the only renderer that imports rich, loaded only when chosen."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ceasefire_cli.text import safe_text

from .views import Detail, Listing, Marked, Report, View, cell

# Rich's layout time grows faster than a cell's length (a 10 MB title took over ten
# minutes); a table shows this much of a value, --format plain shows all of it.
MAX_CELL = 5000


def _clip(text: str) -> str:
    if len(text) <= MAX_CELL:
        return text
    return f"{text[:MAX_CELL]}… ({len(text) - MAX_CELL} more characters; --format plain shows all)"


def _text(value: str) -> Text:
    # Text(...) is never parsed as markup, so '[bold red]x[/]' in the data prints literally.
    # Arabic cells are right-aligned, as Arabic readers expect; the text itself is untouched.
    return Text(safe_text(_clip(value)), justify="right" if _starts_arabic(value) else None)


def _starts_arabic(value: str) -> bool:
    for char in value:
        if char.isalpha():
            return "\u0600" <= char <= "\u06ff"
    return False


def _marked(value: Marked) -> Text:
    """Highlight the spans; each piece is escaped on its own so the spans stay aligned."""
    text, position = Text(), 0
    shown = value.text[:MAX_CELL]
    for span_start, span_end in sorted(value.spans):
        start, end = max(span_start, position), min(span_end, len(shown))
        if end <= start:  # never write a piece twice, even if spans overlap
            continue
        text.append(safe_text(shown[position:start]))
        text.append(safe_text(shown[start:end]), style="bold reverse")
        position = end
    text.append(safe_text(_clip(value.text)[position:]))
    return text


def _cell(value: object) -> Text:
    return _marked(value) if isinstance(value, Marked) else _text(cell(value))


def render_table(view: View) -> RenderableType:
    if isinstance(view, Report):
        parts: list[RenderableType] = [Text(safe_text(view.title), style="bold")]
        parts += [_text(line) for line in view.summary]
        for heading, listing in view.sections:
            parts.append(Text(""))
            parts.append(Text(safe_text(heading), style="bold"))
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
