"""Plain and Markdown formats for people and simple pipes; every data value is escaped first."""

from __future__ import annotations

import html

from ceasefire_cli.text import safe_text

from .views import ROW_FIELDS, Detail, Listing, Report, View, cell


def render_plain(view: View) -> str:
    """Tab-separated, one record a line, no header, no colour, nothing truncated."""
    rows: list[tuple[str, ...]]
    if isinstance(view, Detail):
        # One field a line: several lines of one value (Arabic excerpts) are joined with " / ".
        rows = [(label, value.replace("\n", " / ")) for label, value in view.rows]
    elif isinstance(view, Report):
        rows = [tuple(cell(row.get(name)) for name in ROW_FIELDS) for row in view.rows]
    else:
        rows = [
            tuple(cell(column.get(record)) for column in view.columns) for record in view.records
        ]
    return "".join(
        "\t".join(safe_text(value, keep_newlines=False) for value in row) + "\n" for row in rows
    )


def _md_cell(text: str) -> str:
    # Markdown passes HTML through: data must not become markup in a rendered report.
    escaped = html.escape(safe_text(text, keep_newlines=True), quote=False)
    return escaped.replace("|", "\\|").replace("\n", "<br>")


def _md_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines.extend("| " + " | ".join(_md_cell(value) for value in row) + " |" for row in rows)
    return lines


def _md_report(view: Report) -> str:
    lines = [f"## {_md_cell(view.title)}", ""]
    lines += [f"- {_md_cell(line)}" for line in view.summary]
    for heading, listing in view.sections:
        lines += ["", f"### {_md_cell(heading)}", ""]
        rows = [
            [cell(column.get(record)) for column in listing.columns] for record in listing.records
        ]
        lines += (
            _md_table([column.header for column in listing.columns], rows) if rows else ["(none)"]
        )
    return "\n".join(lines) + "\n"


def render_md(view: View) -> str:
    """A GitHub-flavoured Markdown table (or a heading and a field table for one record)."""
    if isinstance(view, Report):
        return _md_report(view)
    if isinstance(view, Detail):
        headers = ["Field", "Value"]
        rows = [list(row) for row in view.rows]
        lines = [f"## {_md_cell(view.title)}", ""]
    else:
        headers = [column.header for column in view.columns]
        rows = [[cell(column.get(record)) for column in view.columns] for record in view.records]
        lines = [f"## {_md_cell(view.title)}", ""] if view.title else []
    lines += _md_table(headers, rows)
    if isinstance(view, Listing) and view.caption:
        lines += ["", _md_cell(view.caption)]
    return "\n".join(lines) + "\n"
