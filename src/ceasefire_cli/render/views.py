"""What a command hands to a renderer: records for machines plus the columns people see."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from ceasefire_cli.records import Record


class Marked(NamedTuple):
    """Text with spans to highlight (search matches); other formats show the text alone."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()


def cell(value: Any) -> str:
    """A record value as one human-readable cell: lists joined, sources as 'name <url>'."""
    if value is None:
        return ""
    if isinstance(value, Marked):
        return value.text
    if isinstance(value, dict):
        # sources and actors by name, a duration by its text, an event by its id
        name = value.get("name") or value.get("text") or value.get("id") or value.get("title") or ""
        url = value.get("url")
        return f"{name} <{url}>" if url else str(name)
    if isinstance(value, list):
        separator = "; " if any(isinstance(item, dict) for item in value) else ", "
        return separator.join(cell(item) for item in value)
    return str(value)


class Column(NamedTuple):
    header: str
    get: Callable[[Record], Any]
    # Rich wraps text in table cells; ids and dates must stay whole to be copied.
    wrap: bool = True
    max_width: int | None = None  # keep side columns narrow so titles get the room
    min_width: int | None = None
    style: str | None = None  # a Rich style for the whole column (shown only with colour)


_HEADERS = {"id": "ID", "text_ar": "Arabic text", "event_id": "Event ID"}


def key(
    name: str,
    header: str | None = None,
    *,
    wrap: bool = True,
    max_width: int | None = None,
    style: str | None = None,
) -> Column:
    title = header if header is not None else _HEADERS.get(name, name.replace("_", " ").title())
    return Column(title, lambda record: record.get(name), wrap, max_width, style=style)


class Listing(NamedTuple):
    """Many records of one kind (list, validate)."""

    records: list[Record]
    columns: tuple[Column, ...]
    fields: tuple[str, ...]  # the record keys, in order: the CSV header even when there are no rows
    caption: str | None = None
    title: str | None = None


class Detail(NamedTuple):
    """One record shown in full (show): label/value rows for people, the record for machines."""

    record: Record
    rows: tuple[tuple[str, str], ...]
    title: str


class Report(NamedTuple):
    """A composite answer (diff): one object for JSON, flat typed rows for line formats,
    and summary lines plus titled sections for people."""

    record: Record
    rows: list[Record]  # flat rows for plain/csv/jsonl; keys: ROW_FIELDS
    title: str
    summary: tuple[str, ...]
    sections: tuple[tuple[str, Listing], ...]


ROW_FIELDS = ("type", "date", "id", "text")


class Export(NamedTuple):
    """Everything an export format needs: the events and the windows, as of a day."""

    events: list[Record]
    windows: list[Record]
    as_of: str
    title: str
    lang: str = "en"
    version: str = ""
    stamp: str = ""  # the newest date in the data: a timestamp that only changes with it


def bilingual(title: str, lang: str, arabic: str | None) -> tuple[str, str, str | None]:
    """An export's headline, its language, and what goes under it in the other language:
    the English title with the whole verbatim Arabic under it; or, with --lang ar, the
    Arabic's first sentence (a calendar SUMMARY is one line) with its other sentences and
    then the English title under it. No quoted sentence is left out (ics and timelinejs)."""
    if lang == "ar" and arabic:
        first, *rest = arabic.split("\n")
        return first, "ar", "\n\n".join(part for part in ("\n".join(rest), title) if part)
    return title, "en", arabic


View = Listing | Detail | Report
