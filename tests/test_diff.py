"""`diff`: spans between dates or events, window changes, and the state at each end."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceasefire_cli import UsageError, load_timeline
from ceasefire_cli.diff import Endpoint, diff_between, resolve_endpoint
from ceasefire_cli.query import as_of

TIMELINE = load_timeline()
TODAY = dt.date(2026, 11, 30)
D = dt.date.fromisoformat


def endpoint(text: str) -> Endpoint:
    return resolve_endpoint(TIMELINE, text, today=TODAY)


def test_riyadh_to_istanbul_is_87_days_by_ids_or_dates() -> None:
    by_ids = diff_between(
        TIMELINE,
        endpoint("2025-02-18-riyadh-us-russia-talks"),
        endpoint("2025-05-16-istanbul-direct-talks"),
        as_of=TODAY,
    )
    by_dates = diff_between(TIMELINE, endpoint("2025-02-18"), endpoint("2025-05-16"), as_of=TODAY)
    for result in (by_ids, by_dates):
        assert result.days == 87
        assert (result.elapsed.years, result.elapsed.months, result.elapsed.days) == (0, 2, 28)
        assert result.events[0].id == "2025-02-28-oval-office-clash"
        assert result.events[-1].id == "2025-05-16-istanbul-direct-talks"
    assert by_ids.events == by_dates.events


def test_a_date_wins_over_an_id_prefix_and_ids_resolve_by_prefix() -> None:
    assert endpoint("2025-02-18").event is None
    assert endpoint("2025-02-18-riyadh").event is not None
    period = endpoint("2025-07")
    assert (period.day, period.event) == (D("2025-07-31"), None)


def test_changes_and_states_across_the_shortening() -> None:
    result = diff_between(TIMELINE, endpoint("2025-07-20"), endpoint("2025-08-10"), as_of=TODAY)
    changes = [(c.date.isoformat(), c.window.id, c.change) for c in result.changes]
    assert changes == [
        ("2025-07-28", "tariff-ultimatum-50-days", "superseded"),
        ("2025-07-28", "tariff-deadline-10-12-days", "announced"),
        ("2025-08-07", "tariff-deadline-10-12-days", "came due"),
        ("2025-08-10", "tariff-deadline-10-12-days", "lapsed"),
    ]
    assert [w.id for w in result.active_at_from] == ["tariff-ultimatum-50-days"]
    assert result.active_at_to == ()
    assert [w.id for w in result.removed] == ["tariff-ultimatum-50-days"]


def test_a_truce_announced_and_started_the_same_day() -> None:
    result = diff_between(TIMELINE, endpoint("2025-04-18"), endpoint("2025-04-21"), as_of=TODAY)
    easter = [
        (c.date.isoformat(), c.change) for c in result.changes if c.window.id == "easter-truce"
    ]
    assert easter == [
        ("2025-04-19", "announced"),
        ("2025-04-19", "started"),
        ("2025-04-21", "ended"),
    ]


def test_as_of_hides_later_events_and_announcements() -> None:
    known = as_of(TIMELINE, D("2025-07-20"))
    result = diff_between(
        known, Endpoint("a", D("2025-07-20")), Endpoint("b", D("2025-09-05")), as_of=D("2025-07-20")
    )
    assert result.events == ()
    assert [(c.window.id, c.change) for c in result.changes] == [
        ("tariff-ultimatum-50-days", "came due"),
        ("tariff-ultimatum-50-days", "lapsed"),
    ]


def test_reversed_endpoints_are_a_usage_error() -> None:
    with pytest.raises(UsageError, match="is after"):
        diff_between(TIMELINE, endpoint("2025-05-16"), endpoint("2025-02-18"), as_of=TODAY)


# --- properties -------------------------------------------------------------------------------

days = st.dates(min_value=dt.date(2013, 6, 1), max_value=dt.date(2026, 6, 30))
event_ids = st.sampled_from([event.id for event in TIMELINE.events])


def _endpoint(value: dt.date | str) -> Endpoint:
    return endpoint(value if isinstance(value, str) else value.isoformat())


@given(days | event_ids)
def test_diff_of_a_day_with_itself_is_empty(value: dt.date | str) -> None:
    point = _endpoint(value)
    result = diff_between(TIMELINE, point, point, as_of=TODAY)
    assert (result.days, result.events, result.changes, result.added, result.removed) == (
        0,
        (),
        (),
        (),
        (),
    )
    assert not result.changed


@given(st.lists(days, min_size=3, max_size=3))
def test_events_of_consecutive_spans_add_up(points: list[dt.date]) -> None:
    a, b, c = (_endpoint(day) for day in sorted(points))
    first = diff_between(TIMELINE, a, b, as_of=TODAY)
    second = diff_between(TIMELINE, b, c, as_of=TODAY)
    whole = diff_between(TIMELINE, a, c, as_of=TODAY)
    assert first.events + second.events == whole.events
    assert first.changes + second.changes == whole.changes
    assert first.days + second.days == whole.days


@given(st.lists(event_ids, min_size=3, max_size=3))
def test_events_of_consecutive_spans_between_events_add_up(ids: list[str]) -> None:
    a, b, c = sorted((_endpoint(i) for i in ids), key=lambda p: p.event.sort_key if p.event else ())
    whole = diff_between(TIMELINE, a, c, as_of=TODAY)
    assert (
        diff_between(TIMELINE, a, b, as_of=TODAY).events
        + diff_between(TIMELINE, b, c, as_of=TODAY).events
        == whole.events
    )


def test_a_window_due_on_the_last_day_of_the_calendar(tmp_path: Path) -> None:
    # Its change "lapsed" would be on the day after 9999-12-31, which does not exist.
    path = tmp_path / "last.toml"
    path.write_text(
        '[[events]]\nid = "a"\ndate = "9999-12-31"\ntitle = "t"\n'
        '[[windows]]\nid = "w"\nkind = "ultimatum"\ntitle = "w"\nevent = "a"\n'
        "issued = 9999-12-31\nend = 9999-12-31\n",
        encoding="utf-8",
    )
    timeline = load_timeline([path], bundled=False)
    last = dt.date.max
    start = resolve_endpoint(timeline, "0001", today=TODAY)
    result = diff_between(timeline, start, Endpoint("9999", last), as_of=last)
    assert [(c.window.id, c.change, c.date) for c in result.changes] == [
        ("w", "announced", last),
        ("w", "came due", last),
    ]


def test_an_impossible_date_is_a_date_error_unless_an_id_starts_with_it(tmp_path: Path) -> None:
    with pytest.raises(
        UsageError, match=r"^'2025-13' is neither a date \(month 13 does not exist\)"
    ):
        endpoint("2025-13")
    # The same text where an event's id starts with it: the id wins, as it did before.
    path = tmp_path / "odd.toml"
    path.write_text('[[events]]\nid = "2025-13-odd"\ndate = "2025-03-01"\ntitle = "t"\n')
    timeline = load_timeline([path], bundled=False)
    found = resolve_endpoint(timeline, "2025-13", today=TODAY)
    assert (found.day, found.event and found.event.id) == (D("2025-03-01"), "2025-13-odd")
