"""Immutable value types shared by every layer; no I/O, no parsing, no clock."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import NamedTuple


class Precision(enum.StrEnum):
    """How much of a date is known: a stored date is a day, a month or a year."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class Period:
    """A closed range of whole days, [start, end] inclusive on both sides."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            msg = f"period ends ({self.end}) before it starts ({self.start})"
            raise ValueError(msg)

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class Source(NamedTuple):
    name: str
    url: str | None = None


class Actor(NamedTuple):
    id: str
    name: str
    name_ar: str | None = None
    role: str | None = None
    role_ar: str | None = None
    kind: str | None = None
    aliases: tuple[str, ...] = ()
    line: int | None = None  # line of its [[actors]] header, for messages


class Event(NamedTuple):
    """One dated item of the timeline, as stored (`date` keeps its precision)."""

    id: str
    date: str
    precision: Precision
    period: Period
    title: str
    summary: str | None = None
    title_ar: str | None = None
    text_ar: str | None = None
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    provenance: str = "user"
    dating: str | None = None
    reported_date: str | None = None
    note: str | None = None
    origin: str = ""  # file the event was read from, for messages
    line: int | None = None  # line of its [[events]] header in that file

    @property
    def sort_key(self) -> tuple[dt.date, str]:
        # Partial dates sort by their first day, so `2021` comes before `2021-06-16`.
        return (self.period.start, self.id)


class Place(NamedTuple):
    """The spellings of a place, so that any of them finds the others."""

    name: str  # as written in events' `places`
    name_ar: str | None = None
    aliases: tuple[str, ...] = ()
    line: int | None = None


UNITS = ("hours", "days", "weeks", "months", "years")


class Duration(NamedTuple):
    """A duration exactly as a source states it: a number or a range, with its unit."""

    min: int
    max: int
    unit: str  # one of UNITS

    @property
    def text(self) -> str:
        amount = str(self.min) if self.min == self.max else f"{self.min}–{self.max}"
        unit = self.unit[:-1] if self.max == 1 else self.unit
        return f"{amount} {unit}"


# A start or end as written: a whole day, or an instant with its UTC offset.
Moment = dt.date | dt.datetime


def day_of(moment: Moment) -> dt.date:
    """The day of a moment (an instant's date in its own offset)."""
    return moment.date() if isinstance(moment, dt.datetime) else moment


def moment_text(moment: Moment) -> str:
    """ISO text: 2025-04-19, or 2025-04-19T18:00+03:00 (minutes are the precision we store)."""
    if isinstance(moment, dt.datetime):
        return moment.isoformat(timespec="minutes")
    return moment.isoformat()


class Window(NamedTuple):
    """A time-bounded item: an ultimatum, truce, moratorium, deal, talks or proposal.

    Only what the sources state is stored; ends, due dates and statuses are computed
    (windows.py), so the arithmetic is shown and tested rather than copied.
    """

    id: str
    kind: str
    title: str
    event_id: str
    issued: dt.date
    start: Moment | None = None
    duration: Duration | None = None
    end: Moment | None = None  # an explicit end: the day it ended, or an exact instant
    supersedes: str | None = None
    outcome: str | None = None
    outcome_date: dt.date | None = None
    quote_ar: str | None = None
    note: str | None = None
    sources: tuple[Source, ...] = ()
    origin: str = ""
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Timeline:
    """A loaded, validated dataset: events in date order, actors, and windows by issue date."""

    events: tuple[Event, ...]
    actors: tuple[Actor, ...]
    files: tuple[str, ...] = ()
    windows: tuple[Window, ...] = ()
    places: tuple[Place, ...] = ()
    # Built once, so that looking up each event's actors stays O(1) at any size.
    _actors_by_id: dict[str, Actor] = field(init=False, repr=False, compare=False)
    _superseders: dict[str, tuple[Window, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_actors_by_id", {actor.id: actor for actor in self.actors})
        superseders: dict[str, list[Window]] = {}
        for window in self.windows:
            if window.supersedes is not None:
                superseders.setdefault(window.supersedes, []).append(window)
        object.__setattr__(
            self, "_superseders", {key: tuple(value) for key, value in superseders.items()}
        )

    def actor(self, actor_id: str) -> Actor | None:
        return self._actors_by_id.get(actor_id)

    def superseders(self, window_id: str) -> tuple[Window, ...]:
        """The windows that name `window_id` in `supersedes`, in timeline order."""
        return self._superseders.get(window_id, ())
