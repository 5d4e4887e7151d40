"""Checking one record of a dataset file (an actor, event, window or place) and building it.

Problems are collected with their location, never raised. No I/O: dataset.py reads files.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from . import schema
from .dates import DateError, parse_stored_date
from .errors import Problem, quote, shorten
from .model import (
    UNITS,
    Actor,
    Duration,
    Event,
    Moment,
    Place,
    Source,
    Window,
    day_of,
    moment_text,
)
from .text import close_matches
from .windows import schedule


@dataclass
class FileContent:
    """What one file contributes, before files are merged."""

    origin: str
    events: list[Event] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    windows: list[Window] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    text: str = ""
    record_starts: list[int] = field(default_factory=list)  # line of every [[...]] record header
    _lines: list[str] | None = None

    def key_line(self, start: int, key: str) -> int | None:
        """The line of `key = ...` inside the record whose header is on line `start`."""
        if self._lines is None:  # split only when a problem needs a line: most loads have none
            self._lines = self.text.split("\n")  # TOML counts lines by "\n", and so do we
        following = bisect.bisect_right(self.record_starts, start)
        end = (
            self.record_starts[following]
            if following < len(self.record_starts)
            else len(self._lines) + 1
        )
        # Not a regex: compiling one from a key of megabytes takes seconds.
        for number in range(start + 1, end):
            text = self._lines[number - 1].lstrip()
            if text.startswith(key) and text[len(key) :].lstrip().startswith("="):
                return number
        return None


def did_you_mean(key: str, valid: Iterable[str]) -> str:
    candidates = list(valid)
    # difflib needs a ratio of 0.6, out of reach for a key over 2.33 times the longest
    # candidate; skipping those keeps a key of megabytes from taking seconds to compare.
    if len(key) > 3 * max(map(len, candidates), default=0):
        return ""
    close = close_matches(key, candidates, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


class _Checker:
    """Collects problems for one record (an event or an actor) of one file."""

    def __init__(self, content: FileContent, line: int | None, record: str) -> None:
        self.content = content
        self.line = line
        self.record = record

    def problem(self, message: str, field_name: str | None = None) -> None:
        line = self.line
        if line is not None and field_name is not None:
            # Point at the key itself where it is written; a missing key keeps the header's line.
            line = self.content.key_line(line, field_name.rsplit(".", 1)[-1]) or line
        shown = None if field_name is None else shorten(field_name)
        self.content.problems.append(
            Problem(self.content.origin, message, line, None, self.record, shown)
        )

    def keys(self, table: Mapping[str, Any], valid: Sequence[str], required: Sequence[str]) -> None:
        for key in table:
            if key not in valid:
                self.problem(f"unknown key{did_you_mean(key, valid)}", key)
        for key in required:
            if key not in table:
                self.problem("missing (required)", key)

    def text(self, table: Mapping[str, Any], key: str) -> str | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            fix = ""
            if isinstance(value, dt.date):  # TOML's own date (`date = 2025-02-12`): quote its day
                day = value.date() if isinstance(value, dt.datetime) else value
                fix = f'; quote it: {key} = "{day.isoformat()}"'
            self.problem(f"must be a string, not {_toml_type(value)}{fix}", key)
            return None
        if not value.strip():
            self.problem("is empty; leave the key out instead", key)
            return None
        return value

    def choice(self, table: Mapping[str, Any], key: str, choices: Sequence[str]) -> str | None:
        value = self.text(table, key)
        if value is not None and value not in choices:
            self.problem(f"{quote(value)} is not one of: {', '.join(choices)}", key)
            return None
        return value

    def strings(self, table: Mapping[str, Any], key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem("must be a list of strings", key)
            return ()
        return tuple(value)


def _toml_type(value: object) -> str:
    names = {
        bool: "a boolean",
        int: "an integer",
        float: "a float",
        list: "an array",
        dict: "a table",
        dt.date: "a TOML date",
        dt.datetime: "a TOML date-time",
        dt.time: "a TOML time",
    }
    return names.get(type(value), type(value).__name__)


def _begin_record(
    table: Mapping[str, Any],
    line: int | None,
    content: FileContent,
    kind: str,
    keys: tuple[Sequence[str], Sequence[str]],
) -> tuple[_Checker, str | None]:
    """Start checking one record: its keys, and its id (None when missing or malformed)."""
    raw_id = table.get("id")
    check = _Checker(
        content, line, f"{kind} {shorten(raw_id)}" if isinstance(raw_id, str) else kind
    )
    check.keys(table, *keys)
    record_id = check.text(table, "id")
    if record_id is not None and not schema.ID_PATTERN.fullmatch(record_id):
        check.problem("must be lowercase kebab-case (a-z, 0-9, '-')", "id")
        return check, None
    return check, record_id


def read_actor(table: Mapping[str, Any], line: int | None, content: FileContent) -> None:
    check, actor_id = _begin_record(
        table, line, content, "actor", (schema.ACTOR_KEYS, schema.ACTOR_REQUIRED)
    )
    name = check.text(table, "name")
    kind = check.choice(table, "kind", schema.ACTOR_KINDS)
    aliases = check.strings(table, "aliases")
    if actor_id is None or name is None:
        return
    content.actors.append(
        Actor(
            id=actor_id,
            name=name,
            name_ar=check.text(table, "name_ar"),
            role=check.text(table, "role"),
            role_ar=check.text(table, "role_ar"),
            kind=kind,
            aliases=aliases,
            line=line,
        )
    )


def _read_sources(check: _Checker, value: object) -> tuple[Source, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        check.problem("must be an array of tables ([[events.sources]])", "sources")
        return ()
    sources = []
    for item in value:
        for key in item:
            if key not in schema.SOURCE_KEYS:
                check.problem(
                    f"unknown key{did_you_mean(key, schema.SOURCE_KEYS)}", f"sources.{key}"
                )
        name = check.text(item, "name")
        url = check.text(item, "url")
        if url is not None and not schema.URL_PATTERN.fullmatch(url):
            check.problem(f"{quote(url)} is not an http(s) URL", "sources.url")
        if name is None:
            check.problem("missing (required)", "sources.name")
        else:
            sources.append(Source(name, url))
    return tuple(sources)


_EVENT_KEYS = frozenset(schema.EVENT_KEYS)
_EVENT_REQUIRED = frozenset(schema.EVENT_REQUIRED)
_SOURCE_KEYS = frozenset(schema.SOURCE_KEYS)


def _is_text(value: object) -> TypeGuard[str]:
    # isspace() is strip()'s notion of whitespace, without copying a long text to test it.
    return type(value) is str and bool(value) and not value.isspace()


def _valid_sources(value: object) -> tuple[Source, ...] | None:
    if value is None:
        return ()
    if type(value) is not list:
        return None
    sources = []
    for item in value:
        if type(item) is not dict or not item.keys() <= _SOURCE_KEYS:
            return None
        name, url = item.get("name"), item.get("url")
        if not _is_text(name):
            return None
        if url is not None and not (_is_text(url) and schema.URL_PATTERN.fullmatch(url)):
            return None
        sources.append(Source(name, url))
    return tuple(sources)


_OPTIONAL_TEXTS = (*schema.EVENT_TEXT_KEYS, "reported_date")


def _optional_fields_valid(get: Callable[[str], Any]) -> bool:
    """_valid_event's checks of the optional texts, lists and choices."""
    for key in _OPTIONAL_TEXTS:
        value = get(key)
        if value is not None and not _is_text(value):
            return False
    for key in schema.EVENT_LIST_KEYS:
        value = get(key)
        if value is not None:
            if type(value) is not list:
                return False
            for item in value:
                if type(item) is not str:
                    return False
    tags = get("tags")
    if tags and not all(schema.TAG_PATTERN.fullmatch(tag) for tag in tags):
        return False
    provenance, dating = get("provenance"), get("dating")
    # Tuples, not sets: a value of any TOML type (a list, say) can be tested without hashing.
    if provenance is not None and provenance not in schema.PROVENANCES:
        return False
    return dating is None or dating in schema.DATINGS


def _valid_event(table: Mapping[str, Any], line: int | None, origin: str) -> Event | None:
    """The event when the record is valid, else None (read_event then finds each problem).

    The same rules as the checks in read_event, without collecting messages: at 100k events
    the checked path costs several seconds, and nearly every record of a real file is valid.
    Written flat, without the checker's call and message per field, because it runs once
    per event of every file.
    tests/test_dataset_fast.py holds the two paths to the same result.
    """
    keys = table.keys()
    if not (keys <= _EVENT_KEYS and keys >= _EVENT_REQUIRED):
        return None
    get = table.get
    event_id, date_text, title = table["id"], table["date"], table["title"]
    if type(event_id) is not str or type(date_text) is not str or not _is_text(title):
        return None
    if not schema.ID_PATTERN.fullmatch(event_id):
        return None
    if not _optional_fields_valid(get):
        return None
    sources = _valid_sources(get("sources"))
    if sources is None:
        return None
    reported = get("reported_date")
    try:
        precision, period = parse_stored_date(date_text)  # memoised; rejects blank text too
        if reported is not None:
            parse_stored_date(reported)
    except DateError:
        return None
    actors, places = get("actors"), get("places")
    return Event(
        id=event_id,
        date=date_text,
        precision=precision,
        period=period,
        title=title,
        summary=get("summary"),
        text_ar=get("text_ar"),
        actors=tuple(actors or ()),
        places=tuple(places or ()),
        tags=tuple(get("tags") or ()),
        sources=sources,
        provenance=get("provenance") or "user",
        dating=get("dating"),
        reported_date=reported,
        note=get("note"),
        origin=origin,
        line=line,
    )


def read_event(table: Mapping[str, Any], line: int | None, content: FileContent) -> None:
    valid = _valid_event(table, line, content.origin)
    if valid is not None:
        content.events.append(valid)
    else:
        _checked_event(table, line, content)


def _checked_event(table: Mapping[str, Any], line: int | None, content: FileContent) -> None:
    """Check every field of an event, collecting a problem for each; append it if valid."""
    check, event_id = _begin_record(
        table, line, content, "event", (schema.EVENT_KEYS, schema.EVENT_REQUIRED)
    )
    date_text = check.text(table, "date")
    parsed = None
    if date_text is not None:
        try:
            parsed = parse_stored_date(date_text)
        except DateError as err:
            check.problem(f"{quote(date_text)}: {err}", "date")
    reported = check.text(table, "reported_date")
    if reported is not None:
        try:
            parse_stored_date(reported)
        except DateError as err:
            check.problem(f"{quote(reported)}: {err}", "reported_date")
    title = check.text(table, "title")
    tags = check.strings(table, "tags")
    for tag in tags:
        if not schema.TAG_PATTERN.fullmatch(tag):
            check.problem(f"{quote(tag)} must be lowercase kebab-case", "tags")
    texts = {key: check.text(table, key) for key in schema.EVENT_TEXT_KEYS}
    actors = check.strings(table, "actors")
    places = check.strings(table, "places")
    sources = _read_sources(check, table.get("sources"))
    provenance = check.choice(table, "provenance", schema.PROVENANCES) or "user"
    dating = check.choice(table, "dating", schema.DATINGS)
    if event_id is None or parsed is None or title is None:
        return
    precision, period = parsed
    content.events.append(
        Event(
            id=event_id,
            date=date_text or "",
            precision=precision,
            period=period,
            title=title,
            summary=texts["summary"],
            text_ar=texts["text_ar"],
            actors=actors,
            places=places,
            tags=tags,
            sources=sources,
            provenance=provenance,
            dating=dating,
            reported_date=reported,
            note=texts["note"],
            origin=content.origin,
            line=line,
        )
    )


def _day(check: _Checker, table: Mapping[str, Any], key: str) -> dt.date | None:
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value  # a bare TOML date
    text = check.text(table, key)
    if text is None:
        return None
    try:
        precision, period = parse_stored_date(text)
    except DateError as err:
        check.problem(f"{quote(text)}: {err}; write YYYY-MM-DD", key)
        return None
    if period.start != period.end:
        check.problem(f"{quote(text)} is a {precision.value}, not a day; write YYYY-MM-DD", key)
        return None
    return period.start


def _moment(check: _Checker, table: Mapping[str, Any], key: str) -> Moment | None:
    """A day (YYYY-MM-DD) or an instant with its UTC offset (2025-04-19T18:00+03:00)."""
    value = table.get(key)
    if isinstance(value, str) and "T" in value:
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            check.problem(
                f"{quote(value)} is not an ISO date-time; write e.g. 2025-04-19T18:00+03:00", key
            )
            return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            written = table[key] if isinstance(table[key], str) else value.isoformat()
            check.problem(f"{quote(written)} has no UTC offset; add one, e.g. +03:00", key)
            return None
        # rtoml's own tzinfo class, made the plain one tomli gives: here, where the few
        # date-times of a dataset are read, not by walking every value of the document.
        if type(value.tzinfo) is not dt.timezone:
            value = value.replace(tzinfo=dt.timezone(value.utcoffset() or dt.timedelta()))
        return value
    return _day(check, table, key)


def _duration(check: _Checker, table: Mapping[str, Any]) -> Duration | None:
    amount, unit = table.get("duration"), table.get("unit")
    if amount is None:
        if unit is not None:
            check.problem("given without a duration", "unit")
        return None
    if isinstance(amount, int) and not isinstance(amount, bool):
        low = high = amount
    elif (
        isinstance(amount, list)
        and len(amount) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) for n in amount)
    ):
        low, high = amount
    else:
        check.problem("must be a whole number or a range [min, max]", "duration")
        return None
    if low <= 0 or high <= 0:
        check.problem("must be positive", "duration")
        return None
    if low > high:
        check.problem(f"range [{low}, {high}] has min > max", "duration")
        return None
    if unit is None:
        check.problem(f"missing: say what {low} counts ({', '.join(UNITS)})", "unit")
        return None
    if unit not in UNITS:
        check.problem(f"{quote(unit)} is not one of: {', '.join(UNITS)}", "unit")
        return None
    return Duration(low, high, unit)


def read_window(table: Mapping[str, Any], line: int | None, content: FileContent) -> None:
    check, window_id = _begin_record(
        table, line, content, "window", (schema.WINDOW_KEYS, schema.WINDOW_REQUIRED)
    )
    kind = check.choice(table, "kind", schema.WINDOW_KINDS)
    title = check.text(table, "title")
    event_id = check.text(table, "event")
    issued = _day(check, table, "issued")
    start = _moment(check, table, "start")
    end = _moment(check, table, "end")
    duration = _duration(check, table)
    if start is not None and end is not None and _ends_before(start, end):
        check.problem(f"ends ({moment_text(end)}) before it starts ({moment_text(start)})", "end")
        end = None
    if duration is not None and duration.unit == "hours" and not isinstance(start, dt.datetime):
        check.problem(
            "a duration in hours needs a start with a time and UTC offset, "
            'e.g. start = "2025-04-19T18:00+03:00"',
            "start",
        )
        duration = None
    if issued is not None and start is not None and day_of(start) < issued:
        check.problem(f"starts ({day_of(start)}) before it was issued ({issued})", "start")
    outcome = check.choice(table, "outcome", schema.OUTCOMES)
    outcome_date = _day(check, table, "outcome_date")
    texts = {key: check.text(table, key) for key in ("supersedes", "quote_ar", "note")}
    sources = _read_sources(check, table.get("sources"))
    if None in (window_id, kind, title, event_id, issued):
        return
    window = Window(
        id=window_id or "",
        kind=kind or "",
        title=title or "",
        event_id=event_id or "",
        issued=issued or dt.date.min,
        start=start,
        duration=duration,
        end=end,
        supersedes=texts["supersedes"],
        outcome=outcome,
        outcome_date=outcome_date,
        quote_ar=texts["quote_ar"],
        note=texts["note"],
        sources=sources,
        origin=content.origin,
        line=line,
    )
    if end is not None and not _schedulable(window):  # an instant at the very start of year 1
        check.problem(f"'{moment_text(end)}' leaves no day in force before year 1", "end")
        return
    # The duration as stated is computed too, with or without an explicit end: `--explain`
    # shows it, and before an outcome is known it is all there is (windows.as_known_on).
    if not _schedulable(window._replace(end=None)):
        check.problem("runs past the year 9999; check the number and the unit", "duration")
        return
    content.windows.append(window)


def _schedulable(window: Window) -> bool:
    """Whether the window's dates fall inside the calendar (years 1 to 9999)."""
    try:
        schedule(window)
    except (OverflowError, ValueError):
        return False
    return True


def _ends_before(start: Moment, end: Moment) -> bool:
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
        return end <= start  # instants: an end at or before the start
    return day_of(end) < day_of(start)


def read_place(table: Mapping[str, Any], line: int | None, content: FileContent) -> None:
    raw_name = table.get("name")
    check = _Checker(
        content, line, f"place {shorten(raw_name)}" if isinstance(raw_name, str) else "place"
    )
    check.keys(table, schema.PLACE_KEYS, schema.PLACE_REQUIRED)
    name = check.text(table, "name")
    name_ar = check.text(table, "name_ar")
    aliases = check.strings(table, "aliases")
    if name is not None:
        content.places.append(Place(name, name_ar, aliases, line))
