"""What changed between two days: events, window changes and the state at each end. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .dates import ACCEPTED_FORMS, DateError, NotADate, parse_period
from .errors import UsageError, quote
from .model import Event, Timeline, Window
from .query import find_event
from .schema import ID_PATTERN
from .windows import IN_FORCE, STATUS_RANK, schedule, window_state

if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta

# The verb for a window reaching each status (the change's date is the first day it holds).
CHANGE_NAMES = {
    "active": "started",
    "due-window": "came due",
    "lapsed": "lapsed",
    "expired": "ended",
    "superseded": "superseded",
    "rejected": "rejected",
    "never-in-force": "never in force",
}


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One side of a diff: a day, and the event it was named by (if any)."""

    text: str
    day: dt.date
    event: Event | None = None


def resolve_endpoint(timeline: Timeline, text: str, *, today: dt.date) -> Endpoint:
    """A date or period (its last day), else an event id or unique id prefix (its day)."""
    try:
        return Endpoint(text, parse_period(text, today=today).end)
    except DateError as err:
        # A date that cannot be ('2025-02-30', '03/04/2025', '12 Febuary 2025') is reported as
        # one, not as "no event has the id": unless an id starts with it, or it is a plain word
        # shaped like an id ('riyadh-talks'), whose near misses are the better hint.
        starts_an_id = any(event.id.startswith(text) for event in timeline.events)
        id_like = isinstance(err, NotADate) and ID_PATTERN.match(text) is not None
        if not (starts_an_id or id_like):
            raise UsageError(
                f"{quote(text)} is neither a date ({err}) nor an event id",
                f"accepted forms: {ACCEPTED_FORMS}",
            ) from None
    event = find_event(timeline, text)
    return Endpoint(text, event.period.start, event)


@dataclass(frozen=True, slots=True)
class Change:
    window: Window
    change: str
    date: dt.date
    status: str
    projected: bool = False  # after the as-of day: what the known dates imply, not a fact


@dataclass(frozen=True, slots=True)
class Diff:
    start: Endpoint
    end: Endpoint
    as_of: dt.date
    days: int
    elapsed: relativedelta
    events: tuple[Event, ...]
    changes: tuple[Change, ...]
    active_at_from: tuple[Window, ...]
    active_at_to: tuple[Window, ...]

    @property
    def added(self) -> tuple[Window, ...]:
        return tuple(w for w in self.active_at_to if w not in self.active_at_from)

    @property
    def removed(self) -> tuple[Window, ...]:
        return tuple(w for w in self.active_at_from if w not in self.active_at_to)

    @property
    def changed(self) -> bool:
        return bool(self.events or self.changes or self.added or self.removed)


def _after(event: Event, start: Endpoint) -> bool:
    if start.event is not None:
        return event.sort_key > start.event.sort_key
    return event.period.start > start.day


def _up_to(event: Event, end: Endpoint) -> bool:
    if end.event is not None:
        return event.sort_key <= end.event.sort_key
    return event.period.start <= end.day


def _window_changes(
    timeline: Timeline, window: Window, low: dt.date, high: dt.date, as_of: dt.date
) -> list[Change]:
    """Status transitions of `window` on days in (low, high], as known on `as_of`."""
    plan = schedule(window)
    candidates = {window.issued, window.outcome_date, plan.first_day}
    one = dt.timedelta(days=1)
    if plan.due_latest is not None and plan.due_latest < dt.date.max:  # no day after 9999-12-31
        candidates.add(plan.due_latest + one)
    candidates.add(plan.due_earliest)
    candidates.update(other.issued for other in timeline.superseders(window.id))
    changes = []
    for day in sorted(d for d in candidates if d is not None and low < d <= high):
        before = window_state(timeline, window, day - one, as_of)
        now = window_state(timeline, window, day, as_of)
        if now is None:
            continue
        if before is None:
            changes.append(Change(window, "announced", day, now.status))
            if STATUS_RANK[now.status] > 0:  # e.g. a truce declared and starting that day
                changes.append(Change(window, CHANGE_NAMES[now.status], day, now.status))
        elif before.status != now.status:
            changes.append(
                Change(window, CHANGE_NAMES[now.status], day, now.status, projected=day > as_of)
            )
    return changes


def _in_force(timeline: Timeline, day: dt.date, as_of: dt.date) -> tuple[Window, ...]:
    states = (window_state(timeline, window, day, as_of) for window in timeline.windows)
    return tuple(state.window for state in states if state and state.status in IN_FORCE)


def _elapsed(start: dt.date, end: dt.date) -> relativedelta:
    from dateutil.relativedelta import relativedelta  # imported by the commands that need it

    return relativedelta(end, start)


def diff_between(timeline: Timeline, start: Endpoint, end: Endpoint, *, as_of: dt.date) -> Diff:
    """What changed after `start`, up to and including `end`, knowing what was known on `as_of`."""
    if start.day > end.day or (
        start.event and end.event and start.event.sort_key > end.event.sort_key
    ):
        raise UsageError(
            f"'{start.text}' ({start.day}) is after '{end.text}' ({end.day})", "swap the two"
        )
    events = tuple(e for e in timeline.events if _after(e, start) and _up_to(e, end))
    changes = sorted(
        (
            change
            for window in timeline.windows
            for change in _window_changes(timeline, window, start.day, end.day, as_of)
        ),
        key=lambda change: (change.date, change.window.issued, change.window.id),
    )
    return Diff(
        start=start,
        end=end,
        as_of=as_of,
        days=(end.day - start.day).days,
        elapsed=_elapsed(start.day, end.day),
        events=events,
        changes=tuple(changes),
        active_at_from=_in_force(timeline, start.day, as_of),
        active_at_to=_in_force(timeline, end.day, as_of),
    )
