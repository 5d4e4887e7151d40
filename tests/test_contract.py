"""The JSON contract (README, "JSON output"): exact keys, order and values."""

from __future__ import annotations

import json

from ceasefire_cli.records import EVENT_FIELDS
from conftest import MINI, Invoke

MEETING = {
    "id": "2025-02-28-meeting",
    "date": "2025-02-28",
    "precision": "day",
    "start": "2025-02-28",
    "end": "2025-02-28",
    "title": "Last day of February",
    "summary": "Zelensky met someone.",
    "text_ar": "التقى زيلينسكي",
    "actors": ["zelensky"],
    "places": ["Washington"],
    "tags": ["meeting"],
    "sources": [{"name": "Example", "url": "https://example.org/a"}],
    "provenance": "article",
    "dating": "article",
    "reported_date": "2025-02-27",
    "note": "Sources say the 28th.",
}
MONTH = {
    "id": "2025-02-call",
    "date": "2025-02",
    "precision": "month",
    "start": "2025-02-01",
    "end": "2025-02-28",
    "title": "A month-precision event",
    "summary": None,
    "text_ar": None,
    "actors": [],
    "places": ["Kyiv"],
    "tags": ["call"],
    "sources": [],
    "provenance": "user",
    "dating": None,
    "reported_date": None,
    "note": None,
}


def test_list_json_is_exact(invoke: Invoke) -> None:
    run = invoke("list", "--no-bundled", "--data", str(MINI), "--on", "2025-02", "--json")
    assert run.exit_code == 0
    assert run.json() == [MONTH, MEETING]
    assert list(run.json()[0]) == list(EVENT_FIELDS)


def test_json_text_is_deterministic_utf8_with_two_space_indent(invoke: Invoke) -> None:
    run = invoke("list", "--no-bundled", "--data", str(MINI), "--on", "2025-02-28", "--json")
    expected = json.dumps([MONTH, MEETING], ensure_ascii=False, indent=2) + "\n"
    assert run.stdout == expected
    assert "\\u" not in run.stdout  # Arabic is written as is


def test_year_precision_covers_the_whole_year(invoke: Invoke) -> None:
    (event,) = invoke(
        "list", "--no-bundled", "--data", str(MINI), "--until", "2021", "--json"
    ).json()
    assert (event["date"], event["precision"], event["start"], event["end"]) == (
        "2021",
        "year",
        "2021-01-01",
        "2021-12-31",
    )


def test_show_json_adds_expanded_actors_and_neighbours(invoke: Invoke) -> None:
    record = invoke(
        "show", "2025-02-28-meeting", "--no-bundled", "--data", str(MINI), "--json"
    ).json()
    assert list(record) == [*EVENT_FIELDS, "previous", "next", "as_of"]
    assert record["as_of"] == "2026-11-30"
    assert {
        key: value
        for key, value in record.items()
        if key not in ("actors", "previous", "next", "as_of")
    } == {key: value for key, value in MEETING.items() if key != "actors"}
