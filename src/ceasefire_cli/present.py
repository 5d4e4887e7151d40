"""Turns core results into views (records + the columns people see); no printing, no rich."""

from __future__ import annotations

from collections.abc import Sequence

from . import records
from .errors import Problem
from .model import Event, Timeline
from .render.views import Column, Detail, Listing, cell, key


def _title_and_id(record: records.Record) -> str:
    # The id sits under the title so that a long id never squeezes the title at 80 columns.
    # Fact-checkers need to see where the verified date differs from the article's.
    reported = record.get("reported_date")
    title = f"{record['title']} (article: {reported})" if reported else str(record["title"])
    return f"{title}\n{record['id']}"


_PLAIN_EVENT_COLUMNS = (key("date", wrap=False), key("id", "ID", wrap=False), key("title"))
_TABLE_EVENT_COLUMNS = (
    key("date", wrap=False),
    Column("Event", _title_and_id),
    key("tags", max_width=14),
)


def event_listing(events: Sequence[Event], *, for_table: bool, caption: str | None) -> Listing:
    return Listing(
        records=[records.event_record(event) for event in events],
        columns=_TABLE_EVENT_COLUMNS if for_table else _PLAIN_EVENT_COLUMNS,
        fields=records.EVENT_FIELDS,
        caption=caption,
    )


def _actor_line(actor: records.Record) -> str:
    names = " / ".join(name for name in (actor["name"], actor["name_ar"]) if name)
    return f"{names} ({actor['role']})" if actor.get("role") else names


def event_detail(
    timeline: Timeline, event: Event, previous: Event | None, following: Event | None
) -> Detail:
    record = records.event_detail_record(timeline, event, previous, following)
    labels = (
        ("ID", "id"),
        ("Date", "date"),
        ("Period", None),
        ("Reported date", "reported_date"),
        ("Title", "title"),
        ("Summary", "summary"),
        ("Arabic source text", "text_ar"),
        ("Actors", None),
        ("Places", "places"),
        ("Tags", "tags"),
        ("Sources", "sources"),
        ("Provenance", "provenance"),
        ("Dating", "dating"),
        ("Note", "note"),
        ("Previous", "previous"),
        ("Next", "next"),
    )
    rows: list[tuple[str, str]] = []
    for label, name in labels:
        if label == "Period":
            value = (
                record["start"]
                if record["start"] == record["end"]
                else f"{record['start']} .. {record['end']}"
            )
        elif label == "Actors":
            value = "; ".join(_actor_line(actor) for actor in record["actors"])
        elif name in ("previous", "next") and record[name]:
            value = f"{record[name]['id']} ({record[name]['title']})"
        else:
            value = cell(record.get(name or ""))
        if value:
            rows.append((label, value))
    return Detail(record=record, rows=tuple(rows), title=event.title)


def problem_listing(problems: Sequence[Problem]) -> Listing:
    # A problem record has exactly Problem's fields, so people see the FILE:LINE: ... line.
    return Listing(
        records=[records.problem_record(problem) for problem in problems],
        columns=(Column("Problem", lambda record: str(Problem(**record))),),
        fields=records.PROBLEM_FIELDS,
    )
