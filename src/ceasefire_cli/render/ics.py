"""iCalendar (RFC 5545) export, written with the icalendar library; loaded only when chosen.

Deterministic: UIDs come from ids, DTSTAMP from the as-of day, never from the clock, so the
same data and options give byte-identical output (a subscribed calendar updates in place).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from ceasefire_cli.text import safe_text

from .views import Export, bilingual

_ONE_DAY = dt.timedelta(days=1)
UID_DOMAIN = "ceasefire.invalid"


def _description(lines: list[str | None]) -> str:
    # RFC 5545 text allows no control characters: they are shown as escapes, as on screen.
    return safe_text("\n\n".join(line for line in lines if line))


def _text(value: str) -> str:
    return safe_text(value, keep_newlines=False)


def _sources(record: dict[str, Any]) -> str:
    return "\n".join(
        f"{source['name']} <{source['url']}>" if source["url"] else source["name"]
        for source in record["sources"]
    )


def _first_url(record: dict[str, Any]) -> str | None:
    return next((source["url"] for source in record["sources"] if source["url"]), None)


def _add_days(item: CalendarEvent, first: dt.date, last: dt.date) -> None:
    """All-day from `first` to `last`, inclusive: DTEND is exclusive, the day after `last`;
    past 9999-12-31 there is no such day, so the length is given instead (DURATION)."""
    item.add("dtstart", first)
    if last < dt.date.max:
        item.add("dtend", last + _ONE_DAY)
    else:
        item.add("duration", last - first + _ONE_DAY)


def _utc(start: str, end: str | None) -> tuple[dt.datetime, dt.datetime] | None:
    """The instants in UTC, or None where there is no end instant or where UTC would fall
    outside the years 1..9999 (0001-01-01T00:00+05:00): then the window is shown by days."""
    if end is None:
        return None
    try:
        return (
            dt.datetime.fromisoformat(start).astimezone(dt.UTC),
            dt.datetime.fromisoformat(end).astimezone(dt.UTC),
        )
    except OverflowError:
        return None


def _event(record: dict[str, Any], export: Export, stamp: dt.datetime) -> CalendarEvent:
    item = CalendarEvent()
    item.add("uid", f"event-{record['id']}@{UID_DOMAIN}")
    item.add("dtstamp", stamp)
    _add_days(item, dt.date.fromisoformat(record["start"]), dt.date.fromisoformat(record["end"]))
    summary, language, other = bilingual(record["title"], export.lang, record["text_ar"])
    item.add("summary", _text(summary), parameters={"LANGUAGE": language})
    item.add(
        "description",
        _description([record["summary"], other, record["note"], _sources(record)]),
    )
    if url := _first_url(record):
        item.add("url", url)
    if record["tags"]:
        item.add("categories", record["tags"])
    return item


def _window(record: dict[str, Any], export: Export, stamp: dt.datetime) -> CalendarEvent | None:
    # A deadline with no start counts from the day it was issued.
    start = record["start"] or (record["issued"] if record["kind"] == "ultimatum" else None)
    last = record["due_latest"]
    if start is None or last is None:
        return None  # never started (a proposal): nothing to put in a calendar
    item = CalendarEvent()
    item.add("uid", f"window-{record['id']}@{UID_DOMAIN}")
    item.add("dtstamp", stamp)
    instants = _utc(start, record["end_instant"]) if "T" in start else None
    if instants is not None:
        # Timed to the hour: exact instants, written in UTC (the offset is in the description).
        item.add("dtstart", instants[0])
        item.add("dtend", instants[1])
    else:
        _add_days(item, dt.date.fromisoformat(start[:10]), dt.date.fromisoformat(last))
    summary, language, other = bilingual(record["title"], export.lang, record["quote_ar"])
    if language == "en":
        summary = f"{record['kind']}: {summary}"
    item.add("summary", _text(summary), parameters={"LANGUAGE": language})
    item.add(
        "description",
        _description(
            [
                record["explanation"],
                f"Outcome: {record['outcome']}" if record["outcome"] else None,
                other,
                record["note"],
                _sources(record),
            ]
        ),
    )
    if url := _first_url(record):
        item.add("url", url)
    item.add("categories", [record["kind"]])
    return item


def render_ics(export: Export) -> str:
    calendar = Calendar()
    calendar.add("prodid", f"-//ceasefire//ceasefire {export.version}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", export.title)
    stamp_day = dt.date.fromisoformat(export.stamp or export.as_of)
    stamp = dt.datetime.combine(stamp_day, dt.time(), dt.UTC)
    for record in export.events:
        calendar.add_component(_event(record, export, stamp))
    for record in export.windows:
        if (window := _window(record, export, stamp)) is not None:
            calendar.add_component(window)
    ical: bytes = calendar.to_ical()
    return ical.decode("utf-8")
