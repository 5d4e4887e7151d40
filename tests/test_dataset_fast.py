"""The fast path for valid events must build exactly what the checked path builds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import tomli
from hypothesis import given
from hypothesis import strategies as st

from ceasefire_cli import schema
from ceasefire_cli.dataset import bundled_path
from ceasefire_cli.dataset_records import FileContent, _checked_event, _valid_event
from ceasefire_cli.model import Event

BUNDLED_EVENTS: list[dict[str, Any]] = tomli.loads(bundled_path().read_text(encoding="utf-8"))[
    "events"
]


def _checked(table: dict[str, Any]) -> tuple[Event | None, int]:
    content = FileContent(origin="f.toml")
    _checked_event(table, 7, content)
    return (content.events[0] if content.events else None), len(content.problems)


def test_every_bundled_event_is_built_the_same_by_both_paths() -> None:
    for table in BUNDLED_EVENTS:
        checked, problems = _checked(table)
        assert problems == 0
        assert _valid_event(table, 7, "f.toml") == checked


def test_an_invalid_event_falls_back_to_the_checked_path() -> None:
    table = {**BUNDLED_EVENTS[0], "date": "2025-02-30"}
    assert _valid_event(table, 7, "f.toml") is None
    assert _checked(table) == (None, 1)


VALUES = st.one_of(
    st.none(),  # None means: remove the key
    st.text(max_size=12),
    st.sampled_from(
        ["", "  ", "2025", "2025-02", "2025-02-29", "2024-02-29", "x-y", "x-y\n", "Bad Id"]
    ),
    st.sampled_from(["article", "follow-up", "user", "derived", "sources", "https://a.b/c"]),
    st.integers(),
    st.booleans(),
    st.dates().map(dt.date.isoformat),
    st.lists(st.sampled_from(["talks", "talks\n", "Talks", "putin", "", 3]), max_size=3),
    st.lists(
        st.dictionaries(
            st.sampled_from(["name", "url", "link"]),
            st.sampled_from(["AP", "", "https://ap.org/x", "https://ap.org/x\n", "ftp://x", 1]),
        ),
        max_size=2,
    ),
)
KEYS = st.sampled_from([*schema.EVENT_KEYS, "title_ar", "colour"])  # and two unknown keys


@given(
    st.sampled_from(range(len(BUNDLED_EVENTS))),
    st.lists(st.tuples(KEYS, VALUES), min_size=1, max_size=4),
)
def test_fast_and_checked_paths_agree_on_mutated_events(
    index: int, changes: list[tuple[str, Any]]
) -> None:
    table = dict(BUNDLED_EVENTS[index])
    for key, value in changes:
        if value is None:
            table.pop(key, None)
        else:
            table[key] = value
    fast = _valid_event(table, 7, "f.toml")
    checked, problems = _checked(table)
    if fast is not None:
        assert problems == 0
        assert fast == checked
    else:
        assert problems > 0


def test_fixture_files_agree() -> None:
    for path in Path(__file__).parent.joinpath("data").glob("*.toml"):
        for table in tomli.loads(path.read_text(encoding="utf-8")).get("events", []):
            checked, problems = _checked(table)
            assert _valid_event(table, 7, "f.toml") == (checked if problems == 0 else None)
