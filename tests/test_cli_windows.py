"""`deadlines`, `diff` and `--as-of` through the CLI: options, formats, JSON and exit codes."""

from __future__ import annotations

import csv
import io

import pytest

from ceasefire_cli.present import _status_cell as status_cell
from ceasefire_cli.present import days_left_text
from ceasefire_cli.records import WINDOW_FIELDS
from conftest import Invoke

SHORTENED_AS_OF_0801 = {
    "id": "tariff-deadline-10-12-days",
    "kind": "ultimatum",
    "title": "Deadline shortened to 10–12 days",
    "event_id": "2025-07-28-deadline-shortened",
    "issued": "2025-07-28",
    "start": "2025-07-28",
    "duration": {"min": 10, "max": 12, "unit": "days", "text": "10–12 days"},
    "end": None,
    "due_earliest": "2025-08-07",
    "due_latest": "2025-08-09",
    "end_instant": None,
    "status": "pending",
    "days_left_min": 6,
    "days_left_max": 8,
    "supersedes": "tariff-ultimatum-50-days",
    "superseded_by": None,
    "outcome": None,
    "outcome_date": None,
    "explanation": "issued 2025-07-28 + 10–12 days = 2025-08-07..2025-08-09",
}


def by_id(records: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    return {str(record["id"]): record for record in records}


def test_as_of_2025_07_20_the_50_day_ultimatum_is_pending_and_alone(invoke: Invoke) -> None:
    run = invoke("deadlines", "--as-of", "2025-07-20", "--kind", "ultimatum", "--json")
    assert run.exit_code == 0, run.stderr
    (record,) = run.json()
    assert (record["id"], record["status"], record["due_earliest"], record["days_left_min"]) == (
        "tariff-ultimatum-50-days",
        "pending",
        "2025-09-02",
        44,
    )
    assert record["as_of"] == "2025-07-20"


def test_as_of_2025_08_01_the_chain_is_visible_in_json(invoke: Invoke) -> None:
    run = invoke("deadlines", "--as-of", "2025-08-01", "--json")
    records = by_id(run.json())
    assert list(records["tariff-deadline-10-12-days"]) == list(WINDOW_FIELDS)
    shortened = {
        k: v
        for k, v in records["tariff-deadline-10-12-days"].items()
        if k not in ("quote_ar", "note", "sources", "as_of")
    }
    assert shortened == SHORTENED_AS_OF_0801
    fifty = records["tariff-ultimatum-50-days"]
    assert (fifty["status"], fifty["superseded_by"], fifty["days_left_min"]) == (
        "superseded",
        "tariff-deadline-10-12-days",
        None,
    )


def test_as_of_2025_04_20_the_easter_truce_is_active(invoke: Invoke) -> None:
    run = invoke("deadlines", "--as-of", "2025-04-20", "--active", "--json")
    (record,) = run.json()
    assert (record["id"], record["status"], record["end_instant"]) == (
        "easter-truce",
        "active",
        "2025-04-21T00:00+03:00",
    )


def test_as_of_env_var(invoke: Invoke) -> None:
    run = invoke("deadlines", "--active", "--json", env={"CEASEFIRE_AS_OF": "2025-04-21"})
    assert run.json() == []


def test_deadlines_table_shows_chain_status_and_caption(invoke: Invoke) -> None:
    run = invoke("deadlines", "--as-of", "2025-08-01", "--format", "table")
    assert run.exit_code == 0
    text = run.stdout
    assert "→ superseded by" in text
    assert "← replaces" in text
    assert "6–8 days left" in text
    assert "as of 2025-08-01" in text


def test_deadlines_explain_in_plain(invoke: Invoke) -> None:
    run = invoke("deadlines", "--as-of", "2025-08-01", "--kind", "ultimatum", "--explain")
    assert run.lines() == [
        "tariff-ultimatum-50-days\tultimatum\tsuperseded\t2025-07-14\t2025-07-14\t2025-09-02\t"
        "2025-09-02\t\t\ttariff-deadline-10-12-days\t"
        "Peace deal within 50 days, or 'severe tariffs' on Russia and buyers of its oil\t"
        "issued 2025-07-14 + 50 days = 2025-09-02",
        "tariff-deadline-10-12-days\tultimatum\tpending\t2025-07-28\t2025-07-28\t2025-08-07\t"
        "2025-08-09\t6\t8\t\tDeadline shortened to 10–12 days\t"
        "issued 2025-07-28 + 10–12 days = 2025-08-07..2025-08-09",
    ]


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (("--status", "expired", "--as-of", "2025-04-17"), ["belarus-talks-two-weeks", "black-sea-grain-deal", "energy-strike-moratorium"]),
        (("--status", "rejected"), ["us-30-day-ceasefire-proposal"]),
        (("--kind", "truce", "--kind", "moratorium", "--as-of", "2025-12-31"), ["energy-strike-moratorium", "easter-truce", "victory-day-truce"]),
        (("--within", "1w", "--as-of", "2025-08-01"), ["tariff-deadline-10-12-days"]),
        (("--within", "5d", "--as-of", "2025-08-01"), []),
        (("--within", "10", "--as-of", "2025-05-01"), ["victory-day-truce"]),
        (("--as-of", "2022-03"), ["belarus-talks-two-weeks"]),  # a period: its last day
    ],
)  # fmt: skip
def test_deadlines_filters(invoke: Invoke, args: tuple[str, ...], ids: list[str]) -> None:
    run = invoke("deadlines", *args, "--json")
    assert run.exit_code == 0, run.stderr
    assert [record["id"] for record in run.json()] == ids


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--kind", "truse"), "ceasefire: error: --kind: 'truse' is not a kind; did you mean 'truce'?"),
        (("--status", "done"), "ceasefire: error: --status: 'done' is not a status; choose from"),
        (("--within", "soon"), "ceasefire: error: --within: 'soon' is not a number of days; write e.g. 14d, 2w or 14"),
        (("--within", "9999999"), "ceasefire: error: --within: '9999999' is too many; give at most 99999 days"),
        (("--as-of", "2025-02-30"), "ceasefire: error: --as-of: '2025-02-30': day 30 does not exist"),
    ],
)  # fmt: skip
def test_deadlines_usage_errors(invoke: Invoke, args: tuple[str, ...], message: str) -> None:
    run = invoke("deadlines", *args)
    assert run.exit_code == 2
    assert run.stderr.startswith(message), run.stderr


def test_deadlines_csv(invoke: Invoke) -> None:
    run = invoke("deadlines", "--as-of", "2025-08-01", "--format", "csv", "--active")
    (row,) = csv.DictReader(io.StringIO(run.stdout))
    assert (row["id"], row["duration"], row["status"]) == (
        "tariff-deadline-10-12-days",
        "10–12 days",
        "pending",
    )
    assert row["days_left_min"] == "6"


# --- --as-of on list and show -------------------------------------------------------------------


def test_list_as_of_hides_later_events(invoke: Invoke) -> None:
    run = invoke("list", "--as-of", "2025-08-06", "--since", "2025-08", "--json")
    assert [event["id"] for event in run.json()] == [
        "2025-08-06-white-house-official-says-summit-soon",
        "2025-08-06-witkoff-moscow-visit",
    ]
    table = invoke("list", "--as-of", "2025-08-06", "--since", "2025-08", "--format", "table")
    assert "as of 2025-08-06" in table.stdout


def test_show_as_of_says_the_event_is_later(invoke: Invoke) -> None:
    run = invoke("show", "2025-08-15-alaska-summit", "--as-of", "2025-08-01")
    assert run.exit_code == 3
    assert run.stderr == (
        "ceasefire: error: '2025-08-15-alaska-summit' (2025-08-15) is after --as-of 2025-08-01; "
        "give a later --as-of, or leave it out\n"
    )


def test_show_as_of_limits_neighbours(invoke: Invoke) -> None:
    record = invoke("show", "2025-08-06-witkoff", "--as-of", "2025-08-06", "--json").json()
    assert record["next"] is None
    assert record["as_of"] == "2025-08-06"


# --- diff ---------------------------------------------------------------------------------------


def test_diff_json_riyadh_to_istanbul(invoke: Invoke) -> None:
    run = invoke(
        "diff", "2025-02-18-riyadh-us-russia-talks", "2025-05-16-istanbul-direct-talks", "--json"
    )
    assert run.exit_code == 0, run.stderr
    result = run.json()
    assert list(result) == [
        "from",
        "to",
        "from_event",
        "to_event",
        "days",
        "elapsed",
        "events",
        "changes",
        "active_at_from",
        "active_at_to",
        "added",
        "removed",
        "as_of",
    ]
    assert (result["from"], result["to"], result["days"], result["elapsed"]) == (
        "2025-02-18",
        "2025-05-16",
        87,
        {"years": 0, "months": 2, "days": 28},
    )
    assert result["events"][-1]["id"] == "2025-05-16-istanbul-direct-talks"
    assert result["changes"][0] == {
        "window_id": "us-30-day-ceasefire-proposal",
        "change": "announced",
        "date": "2025-03-11",
        "status": "proposed",
        "projected": False,
    }


def test_diff_stat_and_exit_code(invoke: Invoke) -> None:
    run = invoke("diff", "2025-07-20", "2025-08-10", "--stat", "--json", "--exit-code")
    assert run.exit_code == 1
    stat = run.json()
    assert (
        stat["events_count"],
        stat["changes_count"],
        stat["added_count"],
        stat["removed_count"],
    ) == (10, 4, 0, 1)
    assert "events" not in stat


def test_diff_exit_code_is_0_when_nothing_changed(invoke: Invoke) -> None:
    run = invoke("diff", "2024-01-01", "2024-02-01", "--exit-code", "--stat")
    assert run.exit_code == 0
    assert "0 events, 0 window changes; in force or pending: +0 −0" in run.stdout


def test_diff_plain_rows_and_table(invoke: Invoke) -> None:
    plain = invoke("diff", "2025-07-20", "2025-08-10")
    assert "change\t2025-07-28\ttariff-ultimatum-50-days\tsuperseded" in plain.lines()
    assert (
        "removed\t\ttariff-ultimatum-50-days\tPeace deal within 50 days, or 'severe tariffs' on Russia and buyers of its oil"
        in plain.lines()
    )
    table = invoke("diff", "2025-07-20", "2025-08-10", "--format", "table")
    assert "21 days from 2025-07-20 to 2025-08-10" in table.stdout
    assert "Window changes" in table.stdout
    md = invoke("diff", "2025-07-20", "2025-08-10", "--format", "md")
    assert md.stdout.startswith("## diff 2025-07-20 → 2025-08-10\n")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("2025-05-16", "2025-02-18"), 2, "ceasefire: error: '2025-05-16' (2025-05-16) is after '2025-02-18' (2025-02-18); swap the two"),
        (("nothing-like-this", "2025-02-18"), 3, "ceasefire: error: no event has the id 'nothing-like-this'"),
        # A date that cannot be is reported as a date (exit 2), not as an unknown id (QA found
        # "no event has the id '2025-02-30'"); a word shaped like an id is still an unknown id.
        (("2025-02-30", "2025-03-01"), 2, "ceasefire: error: '2025-02-30' is neither a date (day 30 does not exist: February 2025 has 28 days) nor an event id; accepted forms: 2025 | 2025-02 |"),
        (("2025-02-18", "2025-13"), 2, "ceasefire: error: '2025-13' is neither a date (month 13 does not exist) nor an event id; accepted forms:"),
        (("03/04/2025", "2025-05-01"), 2, "ceasefire: error: '03/04/2025' is neither a date (ambiguous: could be 3 April or 4 March; write 2025-04-03) nor an event id;"),
        (("Feb 12", "2025-05-01"), 2, "ceasefire: error: 'Feb 12' is neither a date (missing year: write it with 4 digits, e.g. Feb 2025 or 12 Feb 2025) nor an event id;"),
        (("12 Febuary 2025", "2025-05-01"), 2, "ceasefire: error: '12 Febuary 2025' is neither a date (unknown month name 'febuary') nor an event id;"),
        (("2025-02-18-nonexistent", "2025-05-01"), 3, "ceasefire: error: no event has the id '2025-02-18-nonexistent'; did you mean 2025-02-18-riyadh-us-russia-talks,"),
        (("2025-02-18", "2025-08-15-alaska-summit", "--as-of", "2025-08-01"), 3, "ceasefire: error: '2025-08-15-alaska-summit' (2025-08-15) is after --as-of 2025-08-01; give a later --as-of"),
    ],
)  # fmt: skip
def test_diff_errors(invoke: Invoke, args: tuple[str, ...], code: int, message: str) -> None:
    run = invoke("diff", *args)
    assert run.exit_code == code
    assert run.stderr.startswith(message), run.stderr


@pytest.mark.parametrize("command", ["deadlines", "diff"])
def test_new_commands_have_help_with_examples(invoke: Invoke, command: str) -> None:
    run = invoke(command, "--help")
    assert run.exit_code == 0
    assert "Examples:" in run.stdout
    assert "--as-of" in run.stdout


def test_diff_marks_projected_changes_and_windows_in_force_at_both_ends(invoke: Invoke) -> None:
    result = invoke("diff", "2025-07-29", "2025-08-10", "--as-of", "2025-08-01", "--json").json()
    assert [(c["change"], c["projected"]) for c in result["changes"]] == [
        ("came due", True),
        ("lapsed", True),
    ]
    unchanged = invoke("diff", "2025-07-29", "2025-08-01")
    assert (
        "unchanged\t\ttariff-deadline-10-12-days\tDeadline shortened to 10–12 days"
        in unchanged.lines()
    )


@pytest.mark.parametrize(
    ("day", "low", "high", "left"),
    [
        ("2025-08-06", 1, 3, "1–3 days left"),  # 10–12 days from 28 July: due 7–9 August
        ("2025-08-07", 0, 2, "0–2 days left"),
        ("2025-08-08", -1, 1, "now, up to 1 day left"),
        ("2025-08-09", -2, 0, "now, its last day (0 days left)"),  # was "now, up to 0 days left"
        ("2025-08-10", -3, -1, "1–3 days ago"),
    ],
)
def test_days_left_of_the_shortened_tariff_deadline(
    invoke: Invoke, day: str, low: int, high: int, left: str
) -> None:
    windows = invoke("deadlines", "--as-of", day, "--kind", "ultimatum", "--json").json()
    shortened = next(w for w in windows if w["id"] == "tariff-deadline-10-12-days")
    assert (shortened["days_left_min"], shortened["days_left_max"]) == (low, high)
    assert days_left_text(low, high) == left  # what the table shows


@pytest.mark.parametrize(
    ("day", "cell"),
    [
        ("2025-04-28", "upcoming\nstarts in 10 days\n12 days left"),  # "12 days left" alone misled
        ("2025-05-07", "upcoming\nstarts tomorrow\n3 days left"),
        ("2025-05-08", "active\n2 days left"),
    ],
)
def test_a_truce_not_yet_begun_says_when_it_begins(invoke: Invoke, day: str, cell: str) -> None:
    windows = invoke("deadlines", "--as-of", day, "--kind", "truce", "--json").json()
    victory_day = next(w for w in windows if w["id"] == "victory-day-truce")
    assert status_cell(victory_day) == cell  # the table's Status column


@pytest.mark.parametrize(
    ("args", "env", "start"),
    [
        ((), {"CEASEFIRE_TODAY": "2025-02-30"}, "ceasefire: error: --today (from CEASEFIRE_TODAY): '2025-02-30': day 30"),
        ((), {"CEASEFIRE_TODAY": "2025-02"}, "ceasefire: error: --today (from CEASEFIRE_TODAY): '2025-02' is a period, not a day"),
        ((), {"CEASEFIRE_AS_OF": "2025-13"}, "ceasefire: error: --as-of (from CEASEFIRE_AS_OF): '2025-13': month 13"),
        (("--today", "2025-02-30"), {}, "ceasefire: error: --today: '2025-02-30': day 30"),  # typed
    ],
)  # fmt: skip
def test_a_bad_date_from_the_environment_names_the_variable(
    invoke: Invoke, args: tuple[str, ...], env: dict[str, str], start: str
) -> None:
    run = invoke("deadlines", *args, env=env)
    assert run.exit_code == 2
    assert run.stderr.startswith(start), run.stderr
