"""Window arithmetic and status as of a day: ends, due dates, days left. Pure: no clock.

Counting rule (README, "Deadlines"): a duration is counted in calendar units after the start
day, so 14 Jul + 50 days = 2 Sep and 28 Jul + 10..12 days = 7..9 Aug.
- An ultimatum (a deadline) falls due on that day: start day + duration.
- A span (truce, moratorium, deal, talks) ends at an exclusive instant: start + duration. A
  day-based span starting on day S is in force from S to S + N days, exclusive, so its last
  covered day is S + N - 1; an hour-based one ends at an exact instant in its own UTC offset.
  People are shown the last covered day.
- An explicit `end` that is a day is the last day the window was in force; an explicit
  instant is its exclusive end.
Day rule: a window is in force on day D when it is in force during any part of D in its own
UTC offset. A deadline is pending before its (earliest) due day, `due-window` from its earliest
to its latest due day, and lapsed from the day after.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from .dates import month_length
from .model import Moment, Timeline, Window, day_of, moment_text

DEADLINE_KINDS = frozenset({"ultimatum"})
# A status and how far along its life it is: statuses never go back to a lower rank.
STATUS_RANK = {
    "proposed": 0,
    "upcoming": 0,
    "pending": 0,
    "active": 1,
    "due-window": 1,
    "lapsed": 2,
    "expired": 2,
    "superseded": 3,
    "rejected": 3,
    "never-in-force": 3,
}
STATUSES = tuple(STATUS_RANK)
IN_FORCE = frozenset({"active", "pending", "due-window"})
_TICK = dt.timedelta(microseconds=1)


def _add(start: Moment, amount: int, unit: str) -> Moment:
    """start + amount units: the exclusive end of a span, or a deadline's due moment.

    Calendar months and years count to the same day of the target month; where that day
    does not exist (31 Jan + 1 month), the whole last month counts: the end is the day after
    its last day (1 Mar), so 31 Jan + 1 month covers 31 Jan..28 Feb.
    """
    if unit in ("hours", "days", "weeks"):
        return start + dt.timedelta(**{unit: amount})
    target = plus_months(start, amount if unit == "months" else 12 * amount)
    if day_of(target).day < day_of(start).day:  # clamped to the end of a shorter month
        return target + dt.timedelta(days=1)
    return target


def plus_months(moment: Moment, months: int) -> Moment:
    """The same day `months` calendar months later, clamped to the end of a shorter month
    (31 Jan + 1 month = 28/29 Feb), as dateutil's relativedelta does; tests hold the two
    together. Computed here because importing dateutil cost every run start-up time."""
    day = day_of(moment)
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise OverflowError(f"year {year} is out of range")
    return moment.replace(year=year, month=month, day=min(day.day, month_length(year, month)))


def _last_day(end: Moment) -> dt.date:
    """The last day covered by a window that ends (exclusively) at `end`."""
    if isinstance(end, dt.datetime):
        return (end - _TICK).date()  # in the instant's own offset
    return end - dt.timedelta(days=1)


def _due_day(due: Moment) -> dt.date:
    """The day a deadline falls due: its date, or for an instant the day it falls within
    (a deadline at 00:00 on 2 Jun has passed by the start of 2 Jun: it is due on 1 Jun)."""
    return _last_day(due) if isinstance(due, dt.datetime) else due


class Schedule(NamedTuple):
    """The derived dates of a window: computed from the stored start, duration and end."""

    first_day: dt.date | None  # first day in force (spans) or the start day (deadlines)
    due_earliest: dt.date | None  # deadlines: the due day(s); spans: the last covered day(s)
    due_latest: dt.date | None
    end_instant_min: dt.datetime | None  # exclusive end, for windows timed to the hour
    end_instant_max: dt.datetime | None


def is_deadline(window: Window) -> bool:
    return window.kind in DEADLINE_KINDS


def schedule(window: Window) -> Schedule:
    # A deadline counts from the day it was issued unless the source names another start.
    start = window.start if window.start is not None or not is_deadline(window) else window.issued
    if window.end is not None:
        end = window.end
        # A day is the deadline's day or a span's last day in force; an instant ends either.
        due = _last_day(end) if isinstance(end, dt.datetime) else end
        instant = end if isinstance(end, dt.datetime) else None
        return Schedule(day_of(start) if start else None, due, due, instant, instant)
    if start is None or window.duration is None:
        return Schedule(day_of(start) if start else None, None, None, None, None)
    duration = window.duration
    ends = [_add(start, amount, duration.unit) for amount in (duration.min, duration.max)]
    if is_deadline(window):
        due_min, due_max = (_due_day(end) for end in ends)
    else:
        due_min, due_max = (_last_day(end) for end in ends)
    instants = [end if isinstance(end, dt.datetime) else None for end in ends]
    return Schedule(day_of(start), due_min, due_max, instants[0], instants[1])


def _range_text(low: object, high: object) -> str:
    return str(low) if low == high else f"{low}..{high}"


def explain(window: Window) -> str:
    """The arithmetic behind a window's dates, in one line."""
    if window.end is not None:
        line = f"explicit end {moment_text(window.end)}"
        line += " (instant)" if isinstance(window.end, dt.datetime) else " (last day in force)"
        if window.duration and (window.start or is_deadline(window)):
            stated = _computed(window._replace(end=None, start=window.start or window.issued))
            line += f"; as stated: {stated}"
        return line
    if window.duration is None:
        return "no duration or end stated"
    if window.start is None:
        if is_deadline(window):  # a deadline counts from the day it was issued
            return _computed(window._replace(start=window.issued))
        return f"{window.duration.text}, never started"
    return _computed(window)


def _computed(window: Window) -> str:
    plan = schedule(window)
    assert window.start is not None and window.duration is not None
    base = f"{'issued' if window.start == window.issued else 'start'} {moment_text(window.start)}"
    base += f" + {window.duration.text} = "
    if plan.end_instant_min is not None and plan.end_instant_max is not None:
        ends = _range_text(moment_text(plan.end_instant_min), moment_text(plan.end_instant_max))
        return f"{base}{ends} (last day {_range_text(plan.due_earliest, plan.due_latest)})"
    result = _range_text(plan.due_earliest, plan.due_latest)
    if is_deadline(window):
        return base + result
    assert plan.due_earliest is not None and plan.due_latest is not None
    one = dt.timedelta(days=1)
    ends = _range_text(plan.due_earliest + one, plan.due_latest + one)
    return f"{base}{ends}, exclusive (last day {result})"


class WindowState(NamedTuple):
    """A window as it stood on `day`, knowing only what was announced by `known_by`."""

    window: Window
    schedule: Schedule
    status: str
    days_left_min: int | None
    days_left_max: int | None
    superseded_by: str | None
    day: dt.date


def _superseder(timeline: Timeline, window: Window, known_by: dt.date) -> Window | None:
    for other in timeline.superseders(window.id):
        if other.issued <= known_by:
            return other
    return None


def _status(window: Window, plan: Schedule, day: dt.date) -> str:
    if window.outcome in ("rejected", "never-in-force"):
        return window.outcome  # known by now: as_known_on hides outcomes not yet known
    if plan.first_day is None or plan.due_earliest is None or plan.due_latest is None:
        return "proposed"  # announced, with no start: in force only if every side accepts
    if is_deadline(window):
        if day < plan.due_earliest:
            return "pending"
        return "due-window" if day <= plan.due_latest else "lapsed"
    if day < plan.first_day:
        return "upcoming"
    return "active" if day <= plan.due_latest else "expired"


def window_state(
    timeline: Timeline, window: Window, day: dt.date, known_by: dt.date | None = None
) -> WindowState | None:
    """The state of `window` on `day`; None if it had not been announced by `known_by`.

    `known_by` (default: `day`) is the as-of day: later announcements, shortenings and
    rejections are not applied, while dates past it are projected from what was known.
    """
    known = min(day, known_by) if known_by is not None else day
    if window.issued > known:  # not announced yet on that day, or not known by the as-of day
        return None
    window = as_known_on(window, known)
    plan = schedule(window)
    superseder = _superseder(timeline, window, known)
    status = "superseded" if superseder else _status(window, plan, day)
    # A superseded or rejected window has no clock left to count.
    counting = STATUS_RANK[status] < STATUS_RANK["superseded"]
    left_min = (plan.due_earliest - day).days if plan.due_earliest and counting else None
    left_max = (plan.due_latest - day).days if plan.due_latest and counting else None
    return WindowState(
        window, plan, status, left_min, left_max, superseder.id if superseder else None, day
    )


def as_known_on(window: Window, day: dt.date) -> Window:
    """The window as it was known on `day`: an outcome is not known before its date, nor is
    an explicit end that cut the stated duration short (the grain deal lapsed on 17 Jul 2023,
    before the article's "a year" was up); until then the stated duration is all there is.
    An end later than the stated one is taken as known throughout, so that no status ever
    goes back (expired, then active again)."""
    if window.outcome_date is None or window.outcome_date <= day:
        return window
    hidden = window._replace(outcome=None, outcome_date=None)
    if window.end is not None and window.duration is not None:
        stated = schedule(hidden._replace(end=None)).due_latest
        actual = schedule(hidden).due_latest
        if stated is not None and actual is not None and actual < stated:
            return hidden._replace(end=None)
    return hidden


def deadlines_at(
    timeline: Timeline,
    as_of: dt.date,
    *,
    kinds: tuple[str, ...] = (),
    statuses: tuple[str, ...] = (),
    active_only: bool = False,
    within_days: int | None = None,
) -> tuple[WindowState, ...]:
    """Every window announced by `as_of`, with its status that day, filtered."""
    states = []
    for window in timeline.windows:
        state = window_state(timeline, window, as_of)
        if state is None:
            continue
        if kinds and window.kind not in kinds:
            continue
        if statuses and state.status not in statuses:
            continue
        if active_only and state.status not in IN_FORCE:
            continue
        if within_days is not None and not _due_within(state, within_days):
            continue
        states.append(state)
    return tuple(states)


def _due_within(state: WindowState, days: int) -> bool:
    low, high = state.days_left_min, state.days_left_max
    return low is not None and high is not None and high >= 0 and low <= days
