"""Window arithmetic and statuses: every bundled window at each boundary, plus properties."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceasefire_cli import check_files, load_timeline
from ceasefire_cli.dataset import read_file
from ceasefire_cli.model import Duration, Window
from ceasefire_cli.windows import STATUS_RANK, deadlines_at, explain, schedule, window_state
from conftest import ARTICLE, write

TIMELINE = load_timeline()
WINDOWS = {window.id: window for window in TIMELINE.windows}
D = dt.date.fromisoformat


def status(
    window_id: str, day: str, known_by: str | None = None
) -> tuple[str, int | None, int | None] | None:
    state = window_state(TIMELINE, WINDOWS[window_id], D(day), D(known_by) if known_by else None)
    return (state.status, state.days_left_min, state.days_left_max) if state else None


@pytest.mark.parametrize(
    ("window_id", "due_earliest", "due_latest", "end_instant"),
    [
        ("belarus-talks-two-weeks", "2022-03-13", "2022-03-13", None),  # 28 Feb + 14 d, exclusive
        ("black-sea-grain-deal", "2023-07-17", "2023-07-17", None),  # explicit end per sources
        ("us-30-day-ceasefire-proposal", None, None, None),  # never started
        (
            "energy-strike-moratorium",
            "2025-04-16",
            "2025-04-16",
            None,
        ),  # Peskov: "expires on April 16"
        ("easter-truce", "2025-04-20", "2025-04-20", "2025-04-21T00:00:00+03:00"),
        ("victory-day-truce", "2025-05-10", "2025-05-10", "2025-05-11T00:00:00+03:00"),
        ("tariff-ultimatum-50-days", "2025-09-02", "2025-09-02", None),  # 14 Jul + 50 d
        ("tariff-deadline-10-12-days", "2025-08-07", "2025-08-09", None),  # 28 Jul + 10..12 d
    ],
)
def test_schedule_of_every_bundled_window(
    window_id: str, due_earliest: str | None, due_latest: str | None, end_instant: str | None
) -> None:
    plan = schedule(WINDOWS[window_id])
    assert (str(plan.due_earliest) if plan.due_earliest else None) == due_earliest
    assert (str(plan.due_latest) if plan.due_latest else None) == due_latest
    assert (plan.end_instant_max.isoformat() if plan.end_instant_max else None) == end_instant


@pytest.mark.parametrize(
    ("window_id", "day", "expected"),
    [
        # The 50-day ultimatum: pending, then superseded the day the shortening was issued.
        ("tariff-ultimatum-50-days", "2025-07-13", None),
        ("tariff-ultimatum-50-days", "2025-07-14", ("pending", 50, 50)),
        ("tariff-ultimatum-50-days", "2025-07-20", ("pending", 44, 44)),
        ("tariff-ultimatum-50-days", "2025-07-27", ("pending", 37, 37)),
        ("tariff-ultimatum-50-days", "2025-07-28", ("superseded", None, None)),
        ("tariff-ultimatum-50-days", "2025-09-03", ("superseded", None, None)),
        # The 10-12 day deadline: a due range 7..9 Aug.
        ("tariff-deadline-10-12-days", "2025-07-27", None),
        ("tariff-deadline-10-12-days", "2025-07-28", ("pending", 10, 12)),
        ("tariff-deadline-10-12-days", "2025-08-01", ("pending", 6, 8)),
        ("tariff-deadline-10-12-days", "2025-08-06", ("pending", 1, 3)),
        ("tariff-deadline-10-12-days", "2025-08-07", ("due-window", 0, 2)),
        ("tariff-deadline-10-12-days", "2025-08-08", ("due-window", -1, 1)),
        ("tariff-deadline-10-12-days", "2025-08-09", ("due-window", -2, 0)),
        ("tariff-deadline-10-12-days", "2025-08-10", ("lapsed", -3, -1)),
        # Easter truce: 18:00 19 Apr to 00:00 21 Apr, UTC+3; in force on any part of a day.
        ("easter-truce", "2025-04-18", None),
        ("easter-truce", "2025-04-19", ("active", 1, 1)),
        ("easter-truce", "2025-04-20", ("active", 0, 0)),
        ("easter-truce", "2025-04-21", ("expired", -1, -1)),
        # Victory Day truce: announced 28 Apr for 00:00 8 May to 00:00 11 May, UTC+3.
        ("victory-day-truce", "2025-04-27", None),
        ("victory-day-truce", "2025-04-28", ("upcoming", 12, 12)),
        ("victory-day-truce", "2025-05-07", ("upcoming", 3, 3)),
        ("victory-day-truce", "2025-05-08", ("active", 2, 2)),
        ("victory-day-truce", "2025-05-10", ("active", 0, 0)),
        ("victory-day-truce", "2025-05-11", ("expired", -1, -1)),
        # Energy moratorium: 30 days from 18 Mar, last day 16 Apr.
        ("energy-strike-moratorium", "2025-03-17", None),
        ("energy-strike-moratorium", "2025-03-18", ("active", 29, 29)),
        ("energy-strike-moratorium", "2025-04-16", ("active", 0, 0)),
        ("energy-strike-moratorium", "2025-04-17", ("expired", -1, -1)),
        # The US 30-day proposal: accepted by Kyiv, effectively rejected by Putin on 13 Mar.
        ("us-30-day-ceasefire-proposal", "2025-03-10", None),
        ("us-30-day-ceasefire-proposal", "2025-03-11", ("proposed", None, None)),
        ("us-30-day-ceasefire-proposal", "2025-03-12", ("proposed", None, None)),
        ("us-30-day-ceasefire-proposal", "2025-03-13", ("rejected", None, None)),
        # The grain deal, in force through 17 Jul 2023.
        ("black-sea-grain-deal", "2022-07-21", None),
        # Until it lapsed, only the article's "a year" was known: last day 21 Jul 2023.
        ("black-sea-grain-deal", "2022-07-22", ("active", 364, 364)),
        ("black-sea-grain-deal", "2023-07-16", ("active", 5, 5)),
        ("black-sea-grain-deal", "2023-07-17", ("active", 0, 0)),
        ("black-sea-grain-deal", "2023-07-18", ("expired", -1, -1)),
        # The Belarus talks: two weeks from 28 Feb 2022.
        ("belarus-talks-two-weeks", "2022-02-27", None),
        ("belarus-talks-two-weeks", "2022-02-28", ("active", 13, 13)),
        ("belarus-talks-two-weeks", "2022-03-13", ("active", 0, 0)),
        ("belarus-talks-two-weeks", "2022-03-14", ("expired", -1, -1)),
    ],
)
def test_status_at_each_boundary(
    window_id: str, day: str, expected: tuple[str, int | None, int | None] | None
) -> None:
    assert status(window_id, day) == expected


def test_outcomes_and_explicit_ends_are_unknown_before_their_date() -> None:
    early = window_state(TIMELINE, WINDOWS["black-sea-grain-deal"], D("2023-01-01"))
    late = window_state(TIMELINE, WINDOWS["black-sea-grain-deal"], D("2023-07-17"))
    assert early is not None and late is not None
    assert (early.window.outcome, early.window.end, early.schedule.due_latest) == (
        None,
        None,
        D("2023-07-21"),
    )
    assert (late.window.outcome, late.window.end, late.schedule.due_latest) == (
        "lapsed",
        D("2023-07-17"),
        D("2023-07-17"),
    )
    fifty = window_state(TIMELINE, WINDOWS["tariff-ultimatum-50-days"], D("2025-07-20"))
    assert fifty is not None and (fifty.window.outcome, fifty.window.outcome_date) == (None, None)


@pytest.mark.parametrize(
    ("unit", "start", "amount", "last_day"),
    [
        ("months", "2025-01-31", 1, "2025-02-28"),  # the whole of February counts
        ("months", "2025-01-15", 1, "2025-02-14"),
        ("months", "2025-03-01", 1, "2025-03-31"),
        ("years", "2024-02-29", 1, "2025-02-28"),
        ("years", "2024-03-01", 1, "2025-02-28"),
        ("days", "2024-02-28", 2, "2024-02-29"),
    ],
)
def test_calendar_units_at_month_ends(unit: str, start: str, amount: int, last_day: str) -> None:
    window = Window("w", "truce", "W", "e", D(start), D(start), Duration(amount, amount, unit))
    assert schedule(window).due_latest == D(last_day)


@pytest.mark.parametrize(
    ("start", "amount", "unit", "due"),
    [
        ("2025-07-14", 50, "days", "2025-09-02"),  # the tariff ultimatum
        ("2025-01-31", 1, "months", "2025-03-01"),  # the day after the whole of February
        ("2025-03-31", 1, "months", "2025-05-01"),  # the day after the whole of April
        ("2025-01-15", 1, "months", "2025-02-15"),
        ("2024-02-29", 1, "years", "2025-03-01"),
    ],
)
def test_an_ultimatum_falls_due_where_the_same_truce_ends(
    start: str, amount: int, unit: str, due: str
) -> None:
    # README's counting rule: a truce's exclusive end is an ultimatum's due day.
    duration = Duration(amount, amount, unit)
    ultimatum = Window("u", "ultimatum", "U", "e", D(start), D(start), duration)
    truce = Window("t", "truce", "T", "e", D(start), D(start), duration)
    assert schedule(ultimatum).due_latest == D(due)
    assert schedule(truce).due_latest == D(due) - dt.timedelta(days=1)


def test_a_deadline_at_midnight_is_due_the_day_before() -> None:
    offset = dt.timezone(dt.timedelta(hours=3))
    midnight = dt.datetime(2025, 6, 2, 0, 0, tzinfo=offset)
    ultimatum = Window("u", "ultimatum", "U", "e", D("2025-05-01"), end=midnight)
    truce = Window("t", "truce", "T", "e", D("2025-05-01"), D("2025-05-01"), end=midnight)
    assert schedule(ultimatum).due_latest == schedule(truce).due_latest == D("2025-06-01")


def test_a_deadline_without_a_start_counts_from_its_issue_day() -> None:
    ultimatum = Window(
        "u", "ultimatum", "U", "e", D("2025-01-01"), duration=Duration(10, 10, "days")
    )
    timeline = TIMELINE.__class__((), (), (), (ultimatum,))
    assert schedule(ultimatum).due_latest == D("2025-01-11")
    states = [
        window_state(timeline, ultimatum, D(d)) for d in ("2025-01-10", "2025-01-11", "2025-01-12")
    ]
    assert [state.status if state else None for state in states] == [
        "pending",
        "due-window",
        "lapsed",
    ]


def test_as_of_hides_later_shortening_but_projects_dates() -> None:
    # Knowing only what was known on 20 Jul, 5 Aug looks like a pending 50-day ultimatum.
    assert status("tariff-ultimatum-50-days", "2025-08-05", known_by="2025-07-20") == (
        "pending",
        28,
        28,
    )
    assert status("tariff-deadline-10-12-days", "2025-08-05", known_by="2025-07-20") is None
    assert status("us-30-day-ceasefire-proposal", "2025-03-20", known_by="2025-03-12") == (
        "proposed",
        None,
        None,
    )


@pytest.mark.parametrize(
    ("window_id", "text"),
    [
        ("tariff-deadline-10-12-days", "issued 2025-07-28 + 10–12 days = 2025-08-07..2025-08-09"),
        ("tariff-ultimatum-50-days", "issued 2025-07-14 + 50 days = 2025-09-02"),
        (
            "easter-truce",
            "start 2025-04-19T18:00+03:00 + 30 hours = 2025-04-21T00:00+03:00 (last day 2025-04-20)",
        ),
        (
            "energy-strike-moratorium",
            "issued 2025-03-18 + 30 days = 2025-04-17, exclusive (last day 2025-04-16)",
        ),
        (
            "black-sea-grain-deal",
            "explicit end 2023-07-17 (last day in force); as stated: issued 2022-07-22 + 1 year = 2023-07-22, exclusive (last day 2023-07-21)",
        ),
        ("us-30-day-ceasefire-proposal", "30 days, never started"),
    ],
)
def test_explain_shows_the_arithmetic(window_id: str, text: str) -> None:
    assert explain(WINDOWS[window_id]) == text


def test_deadlines_at_filters() -> None:
    as_of = D("2025-08-01")
    assert [s.window.id for s in deadlines_at(TIMELINE, as_of, active_only=True)] == [
        "tariff-deadline-10-12-days"
    ]
    assert [s.window.id for s in deadlines_at(TIMELINE, as_of, kinds=("truce",))] == [
        "easter-truce",
        "victory-day-truce",
    ]
    assert [s.window.id for s in deadlines_at(TIMELINE, as_of, statuses=("superseded",))] == [
        "tariff-ultimatum-50-days"
    ]
    assert [s.window.id for s in deadlines_at(TIMELINE, as_of, within_days=7)] == [
        "tariff-deadline-10-12-days"  # due in 6-8 days: the range overlaps the next 7
    ]
    assert deadlines_at(TIMELINE, as_of, within_days=5) == ()


@pytest.mark.skipif(not ARTICLE.is_file(), reason="source article not beside the repo")
def test_window_quotes_are_verbatim() -> None:
    article = ARTICLE.read_text(encoding="utf-8")
    for window in TIMELINE.windows:
        assert window.quote_ar and window.quote_ar in article, window.id


# --- properties -------------------------------------------------------------------------------

days = st.dates(min_value=dt.date(2022, 1, 1), max_value=dt.date(2026, 12, 31))
units = st.sampled_from(("hours", "days", "weeks", "months", "years"))


@st.composite
def windows(draw: st.DrawFn) -> Window:
    issued = draw(days)
    low = draw(st.integers(1, 400))
    high = draw(st.integers(low, low + 30))
    unit = draw(units)
    start: dt.date | dt.datetime = issued + dt.timedelta(days=draw(st.integers(0, 20)))
    if unit == "hours" or draw(st.booleans()):
        offset = dt.timezone(dt.timedelta(hours=draw(st.integers(-12, 14))))
        start = dt.datetime.combine(start, dt.time(draw(st.integers(0, 23))), offset)
    kind = draw(st.sampled_from(("ultimatum", "truce", "moratorium", "agreement")))
    return Window("w", kind, "W", "e", issued, start, Duration(low, high, unit))


@given(windows())
def test_due_earliest_is_never_after_due_latest(window: Window) -> None:
    plan = schedule(window)
    assert plan.due_earliest is not None and plan.due_latest is not None
    assert plan.due_earliest <= plan.due_latest


@given(windows(), st.integers(0, 900))
def test_status_never_goes_back(window: Window, span: int) -> None:
    timeline = TIMELINE.__class__((), (), (), (window,))
    ranks = []
    for offset in range(0, span, max(1, span // 60)):
        state = window_state(timeline, window, window.issued + dt.timedelta(days=offset))
        assert state is not None
        ranks.append(STATUS_RANK[state.status])
    assert ranks == sorted(ranks)


# --- validation -------------------------------------------------------------------------------

GOOD_EVENT = '[[events]]\nid = "e"\ndate = "2025-01-01"\ntitle = "E"\n\n'


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        ('id = "w"\nkind = "truce"\ntitle = "W"\nevent = "nope"\nissued = "2025-01-01"\n', "event: unknown event 'nope'"),
        ('id = "w"\nkind = "truce"\ntitle = "W"\nevent = "e"\nissued = "2025-01-01"\nsupersedes = "x"\n', "supersedes: unknown window 'x'"),
        ('id = "w"\nkind = "truce"\ntitle = "W"\nevent = "e"\nissued = "2025-01-01"\nstart = "2025-01-05"\nend = "2025-01-02"\n', "end: ends (2025-01-02) before it starts (2025-01-05)"),
        ('id = "w"\nkind = "truce"\ntitle = "W"\nevent = "e"\nissued = "2025-01-01"\nduration = [12, 10]\nunit = "days"\n', "duration: range [12, 10] has min > max"),
        ('id = "w"\nkind = "truce"\ntitle = "W"\nevent = "e"\nissued = "2025-01-01"\nduration = 30\n', "unit: missing: say what 30 counts"),
        ('id = "w"\nkind = "truce"\ntitle = "W"\nevent = "e"\nissued = "2025-01-01"\nduration = 30\nunit = "fortnights"\n', "unit: 'fortnights' is not one of: hours, days, weeks, months, years"),
        ('id = "w"\nkind = "siege"\ntitle = "W"\nevent = "e"\nissued = "2025-01-01"\n', "kind: 'siege' is not one of:"),
        ('id = "w"\nkind = "truce"\ntitle = "W"\nevent = "e"\nissued = "2025-01"\n', "issued: '2025-01' is a month, not a day"),
        ('id = "w"\nkind = "truce"\ntitle = "W"\nevent = "e"\nissued = "2025-01-01"\nstart = "2025-01-01T18:00"\n', "start: '2025-01-01T18:00' has no UTC offset"),
        ('id = "w"\nkind = "truce"\ntitle = "W"\nevent = "e"\nissued = "2025-01-01"\noutcome = "superseded"\n', "outcome: 'superseded', but no window has supersedes"),
        ('id = "w"\nkind = "truce"\nevent = "e"\nissued = "2025-01-01"\n', "title: missing (required)"),
    ],
)  # fmt: skip
def test_window_validation(tmp_path: Path, window: str, expected: str) -> None:
    path = write(tmp_path, GOOD_EVENT + "[[windows]]\n" + window)
    messages = [str(problem) for problem in check_files([path])]
    assert any(f"window w: {expected}" in message for message in messages), messages
    # At the key's own line, or the [[windows]] header (line 6) for a missing key or a reference.
    key = expected.split(":", 1)[0]
    lines = path.read_text().splitlines()
    written = [n for n, text in enumerate(lines, 1) if n > 6 and text.startswith(f"{key} =")]
    cross_reference = "unknown" in expected or "but no window" in expected  # checked after merging
    line = written[0] if written and not cross_reference else 6
    assert any(
        message.startswith(f"{path}:{line}: window w: {expected}") for message in messages
    ), messages


def test_a_valid_window_in_a_user_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        GOOD_EVENT + '[[windows]]\nid = "w"\nkind = "truce"\ntitle = "W"\nevent = "e"\n'
        'issued = "2025-01-01"\nstart = 2025-01-02T06:00:00+02:00\nduration = 2\nunit = "days"\n',
    )
    assert read_file(path).problems == []
    (window,) = load_timeline([path], bundled=False).windows
    assert schedule(window).due_latest == D("2025-01-04")  # ends 06:00 on 4 Jan


@pytest.mark.parametrize(
    ("windows", "expected"),
    [
        ('[[windows]]\nid = "w"\nkind = "truce"\ntitle = "W"\nevent = "e"\nissued = "2025-01-01"\nstart = "2025-01-01"\nduration = 30\nunit = "hours"\n', "window w: start: a duration in hours needs a start with a time and UTC offset"),
        ('[[windows]]\nid = "w"\nkind = "truce"\ntitle = "W"\nevent = "e"\nissued = "2025-01-01"\nstart = "2025-01-01"\nduration = 99999\nunit = "years"\n', "window w: duration: runs past the year 9999"),
        ('[[windows]]\nid = "w"\nkind = "truce"\ntitle = "W"\nevent = "e"\nissued = "2025-01-01"\nstart = "2025-01-01T10:00+03:00"\nend = "2025-01-01T09:00+03:00"\n', "window w: end: ends (2025-01-01T09:00+03:00) before it starts (2025-01-01T10:00+03:00)"),
        ('[[windows]]\nid = "w"\nkind = "truce"\ntitle = "W"\nevent = "e"\nissued = "2025-03-01"\n', "window w: issued: issued 2025-03-01, but event 'e' is dated 2025-01-01"),
        ('[[windows]]\nid = "a"\nkind = "ultimatum"\ntitle = "A"\nevent = "e"\nissued = "2025-01-01"\nsupersedes = "b"\n\n[[windows]]\nid = "b"\nkind = "ultimatum"\ntitle = "B"\nevent = "e"\nissued = "2025-01-01"\nsupersedes = "a"\n', "window a: supersedes: cycle: a -> b -> a"),
    ],
)  # fmt: skip
def test_more_window_validation(tmp_path: Path, windows: str, expected: str) -> None:
    path = write(tmp_path, GOOD_EVENT + windows)
    messages = [str(problem) for problem in check_files([path])]
    assert any(expected in message for message in messages), messages


def _chain_window(window_id: str, supersedes: str | None) -> str:
    replaces = f'supersedes = "{supersedes}"\n' if supersedes else ""
    return (
        f'[[windows]]\nid = "{window_id}"\nkind = "ultimatum"\ntitle = "T"\nevent = "e"\n'
        f'issued = "2025-01-01"\n{replaces}\n'
    )


def test_a_cycle_is_reported_once_per_member_and_not_for_a_window_leading_into_it(
    tmp_path: Path,
) -> None:
    # tail -> a -> b -> c -> a: tail supersedes a window in the cycle but is not in it.
    links = {"tail": "a", "a": "b", "b": "c", "c": "a"}
    path = write(tmp_path, GOOD_EVENT + "".join(_chain_window(w, s) for w, s in links.items()))
    cycles = [p.message for p in check_files([path]) if p.message.startswith("cycle")]
    assert cycles == [
        "cycle: a -> b -> c -> a",
        "cycle: b -> c -> a -> b",
        "cycle: c -> a -> b -> c",
    ]


def test_a_long_supersession_chain_loads_and_indexes_each_link(tmp_path: Path) -> None:
    count = 3000  # each window replaces the one before: walked once, not once per window
    text = GOOD_EVENT + "".join(
        _chain_window(f"w{n}", f"w{n - 1}" if n else None) for n in range(count)
    )
    timeline = load_timeline([write(tmp_path, text)], bundled=False)
    assert [w.id for w in timeline.superseders("w0")] == ["w1"]
    state = window_state(timeline, timeline.windows[0], D("2025-01-02"))
    assert state is not None and state.status == "superseded"


def test_superseded_by_an_earlier_window_is_a_problem(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[[events]]\nid = "e"\ndate = "2025-01"\ntitle = "E"\n\n'
        '[[windows]]\nid = "old"\nkind = "ultimatum"\ntitle = "O"\nevent = "e"\nissued = "2025-01-01"\nsupersedes = "new"\n\n'
        '[[windows]]\nid = "new"\nkind = "ultimatum"\ntitle = "N"\nevent = "e"\nissued = "2025-01-05"\n',
    )
    messages = [str(problem) for problem in check_files([path])]
    assert any(
        "window old: supersedes: supersedes 'new', issued later (2025-01-05)" in m for m in messages
    ), messages


@st.composite
def windows_with_outcomes(draw: st.DrawFn) -> Window:
    window = draw(windows())
    outcome = draw(st.sampled_from((None, "rejected", "never-in-force", "violated", "lapsed")))
    outcome_date = window.issued + dt.timedelta(days=draw(st.integers(0, 400))) if outcome else None
    end = None
    if draw(st.booleans()):
        end = _day_of(window.start) + dt.timedelta(days=draw(st.integers(0, 400)))
    no_start = window.kind == "ultimatum" and draw(st.booleans())
    return Window(
        window.id, window.kind, window.title, window.event_id, window.issued,
        None if no_start else window.start, window.duration, end, None, outcome, outcome_date,
    )  # fmt: skip


def _day_of(moment: dt.date | dt.datetime | None) -> dt.date:
    assert moment is not None
    return moment.date() if isinstance(moment, dt.datetime) else moment


@given(windows_with_outcomes(), st.integers(0, 900))
def test_status_never_goes_back_with_outcomes_ends_and_no_start(window: Window, span: int) -> None:
    timeline = TIMELINE.__class__((), (), (), (window,))
    ranks = []
    for offset in range(0, span, max(1, span // 60)):
        state = window_state(timeline, window, window.issued + dt.timedelta(days=offset))
        assert state is not None
        ranks.append(STATUS_RANK[state.status])
        plan = state.schedule
        if plan.due_earliest is not None and plan.due_latest is not None:
            assert plan.due_earliest <= plan.due_latest
    assert ranks == sorted(ranks)


@pytest.mark.parametrize(
    ("day", "window", "expected"),
    [
        # An explicit end within the calendar, but the stated duration runs past it: --explain
        # and the as-of view before the outcome date compute the stated one.
        ("9990-01-01", 'start = "9990-01-01"\nend = "9990-06-01"\nduration = 100\nunit = "years"\noutcome = "ended"\noutcome_date = "9990-06-01"\n', "13: window w: duration: runs past the year 9999; check the number and the unit"),
        ("0001-01-01", 'end = "0001-01-01T00:00+00:00"\n', "11: window w: end: '0001-01-01T00:00+00:00' leaves no day in force before year 1"),
    ],
)  # fmt: skip
def test_dates_outside_the_calendar_are_problems_not_crashes(
    tmp_path: Path, day: str, window: str, expected: str
) -> None:
    path = write(
        tmp_path,
        f'[[events]]\nid = "e"\ndate = "{day}"\ntitle = "E"\n'
        f'[[windows]]\nid = "w"\nkind = "truce"\ntitle = "W"\nevent = "e"\nissued = "{day}"\n'
        + window,
    )
    assert [str(problem) for problem in check_files([path])] == [f"{path}:{expected}"]


@given(
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.integers(min_value=0, max_value=2000),
    st.booleans(),
)
def test_plus_months_agrees_with_dateutil(day: dt.date, months: int, instant: bool) -> None:
    from dateutil.relativedelta import relativedelta

    from ceasefire_cli.windows import plus_months

    moment: dt.date = day
    if instant:
        moment = dt.datetime(day.year, day.month, day.day, 18, 0, tzinfo=dt.UTC)
    try:
        expected = moment + relativedelta(months=months)
    except (OverflowError, ValueError):
        with pytest.raises((OverflowError, ValueError)):
            plus_months(moment, months)
        return
    assert plus_months(moment, months) == expected
