"""Selecting events: periods, actors in any spelling, ids by prefix; properties with Hypothesis."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceasefire_cli import (
    EventFilter,
    NotFoundError,
    Period,
    UsageError,
    filter_events,
    find_event,
    load_timeline,
    neighbours,
    resolve_actor,
)
from conftest import MINI

BUNDLED = load_timeline()
MINI_TIMELINE = load_timeline([MINI], bundled=False)


@pytest.mark.parametrize(
    ("spelling", "actor_id"),
    [
        ("Zelensky", "zelensky"),
        ("zelenskyy", "zelensky"),
        ("ZELENSKIY", "zelensky"),
        ("زيلينسكي", "zelensky"),
        ("Kyiv", "ukraine"),
        ("kiev", "ukraine"),
        ("كييف", "ukraine"),
        ("master of the Kremlin", "putin"),
        ("سيد الكرملين", "putin"),
        ("بُوتِين", "putin"),  # harakat are ignored
        ("لافروف", "lavrov"),
        ("Lavrov", "lavrov"),
    ],
)
def test_resolve_actor_any_spelling(spelling: str, actor_id: str) -> None:
    assert resolve_actor(BUNDLED, spelling) == actor_id


def test_lavrov_in_either_language_lists_the_same_events() -> None:
    arabic = filter_events(BUNDLED, EventFilter(actors=("لافروف",)))
    english = filter_events(BUNDLED, EventFilter(actors=("lavrov",)))
    assert arabic == english
    assert [event.id for event in english] == [
        "2022-03-21-zelensky-seeks-direct-talks",
        "2022-04-07-lavrov-rejects-peace-proposal",
        "2025-02-18-riyadh-us-russia-talks",
    ]


def test_unknown_actor_is_a_usage_error_with_suggestion() -> None:
    with pytest.raises(UsageError) as caught:
        resolve_actor(BUNDLED, "Zelenksy")
    assert "did you mean" in str(caught.value)


def test_since_after_until_is_a_usage_error() -> None:
    spec = EventFilter(
        since=Period(dt.date(2025, 3, 1), dt.date(2025, 3, 31)),
        until=Period(dt.date(2025, 2, 1), dt.date(2025, 2, 28)),
    )
    with pytest.raises(UsageError, match="after --until"):
        filter_events(BUNDLED, spec)


def test_find_event_exact_prefix_and_unknown() -> None:
    assert find_event(BUNDLED, "2025-07-14").id == "2025-07-14-tariff-ultimatum"
    # An exact id wins even when it is also the prefix of another id.
    assert find_event(MINI_TIMELINE, "2025-02-call").id == "2025-02-call"
    with pytest.raises(NotFoundError, match="start of"):
        find_event(BUNDLED, "2025-0")
    with pytest.raises(NotFoundError, match="no event has the id 'zzz'"):
        find_event(BUNDLED, "zzz")


def test_neighbours() -> None:
    event = find_event(MINI_TIMELINE, "2025-02-28-meeting")
    before, after = neighbours(MINI_TIMELINE, event)
    assert (before and before.id, after and after.id) == ("2025-02-call", "2025-03-01-talks")


days = st.dates(min_value=dt.date(2013, 1, 1), max_value=dt.date(2027, 12, 31))


@st.composite
def periods(draw: st.DrawFn) -> Period:
    start = draw(days)
    return Period(start, start + dt.timedelta(days=draw(st.integers(0, 800))))


@given(
    since=st.none() | periods(),
    until=st.none() | periods(),
    on=st.none() | periods(),
    reverse=st.booleans(),
)
def test_filters_return_an_ordered_subset_that_overlaps_every_period(
    since: Period | None, until: Period | None, on: Period | None, reverse: bool
) -> None:
    if since and until and since.start > until.end:
        return
    result = filter_events(BUNDLED, EventFilter(since=since, until=until, on=on, reverse=reverse))
    keys = [event.sort_key for event in result]
    assert keys == sorted(keys, reverse=reverse)
    assert set(result) <= set(BUNDLED.events)
    for event in BUNDLED.events:
        inside = (
            (since is None or event.period.end >= since.start)
            and (until is None or event.period.start <= until.end)
            and (on is None or event.period.overlaps(on))
        )
        assert (event in result) == inside, event.id


@given(limit=st.integers(0, 60))
def test_limit_takes_the_first_n(limit: int) -> None:
    everything = filter_events(BUNDLED, EventFilter())
    assert filter_events(BUNDLED, EventFilter(limit=limit)) == everything[:limit]
