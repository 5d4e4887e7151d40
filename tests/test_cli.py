"""The command line through Typer's CliRunner: every option, format, error path and exit code."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest

from ceasefire_cli import __version__
from conftest import MINI, Invoke, write

FEB_2025_ON = [
    "2025-02-12-trump-putin-call",
    "2025-02-18-riyadh-us-russia-talks",
    "2025-02-28-oval-office-clash",
    "2025-03-11-jeddah-30-day-ceasefire-proposal",
]


def ids(run_stdout: str) -> list[str]:
    """The id column of plain output."""
    return [line.split("\t")[1] for line in run_stdout.splitlines()]


# --- list: the main job -------------------------------------------------------------------


def test_list_since_month_starts_with_the_12_feb_call(invoke: Invoke) -> None:
    run = invoke("list", "--since", "2025-02")
    assert run.exit_code == 0, run.stderr
    assert ids(run.stdout)[:4] == FEB_2025_ON
    assert run.stdout.splitlines()[0] == (
        "2025-02-12\t2025-02-12-trump-putin-call\t"
        "Trump and Putin agree by phone to begin negotiations"
    )
    assert run.stderr == ""


def test_list_since_json_is_a_bare_array_in_date_order(invoke: Invoke) -> None:
    run = invoke("list", "--since", "2025-02", "--json")
    assert run.exit_code == 0
    events = run.json()
    assert [event["id"] for event in events[:4]] == FEB_2025_ON
    starts = [event["start"] for event in events]
    assert starts == sorted(starts)
    assert all(start >= "2025-02-01" for start in starts)


def test_list_since_table_has_the_same_rows(invoke: Invoke) -> None:
    run = invoke("list", "--since", "2025-02", "--format", "table")
    assert run.exit_code == 0
    assert "2025-02-12" in run.stdout
    assert "2025-02-12-trump-putin-call" in run.stdout
    assert "events of" in run.stdout
    assert "\x1b" not in run.stdout  # NO_COLOR


def test_default_format_in_a_pipe_is_plain(invoke: Invoke) -> None:
    run = invoke("list", "--on", "2025-02-12")
    assert run.stdout == (
        "2025-02-12\t2025-02-12-trump-putin-call\t"
        "Trump and Putin agree by phone to begin negotiations\n"
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--on", "2025-02"), ["2025-02-call", "2025-02-28-meeting"]),
        (("--on", "2025-02-10"), ["2025-02-call"]),  # a month event covers each of its days
        (("--on", "2021-06-16"), ["2021-summit"]),
        (("--since", "2025-02-28"), ["2025-02-call", "2025-02-28-meeting", "2025-03-01-talks"]),
        (("--since", "2025-03"), ["2025-03-01-talks"]),
        (("--until", "2025-02"), ["2021-summit", "2025-02-call", "2025-02-28-meeting"]),
        (("--until", "2025-02-27"), ["2021-summit", "2025-02-call"]),
        (("--until", "2020"), []),
        (("--since", "2021", "--until", "2021"), ["2021-summit"]),
        (("--actor", "بوتين"), ["2021-summit", "2025-03-01-talks"]),
        (("--actor", "ZELENSKYY"), ["2025-02-28-meeting", "2025-03-01-talks"]),
        (
            ("--actor", "master of the kremlin", "--actor", "zelensky"),
            ["2021-summit", "2025-02-28-meeting", "2025-03-01-talks"],
        ),
        (("--tag", "Talks"), ["2025-03-01-talks"]),
        (("--tag", "talks", "--tag", "call"), ["2025-02-call", "2025-03-01-talks"]),
        (("--tag", "call", "--actor", "putin"), []),
        (("--place", "kyiv"), ["2025-02-call"]),
        (("--reverse",), ["2025-03-01-talks", "2025-02-28-meeting", "2025-02-call", "2021-summit"]),
        (("--limit", "2"), ["2021-summit", "2025-02-call"]),
        (("--reverse", "--limit", "1"), ["2025-03-01-talks"]),
        (("--limit", "0"), []),
    ],
)
def test_list_filters(invoke: Invoke, args: tuple[str, ...], expected: list[str]) -> None:
    run = invoke("list", "--no-bundled", "--data", str(MINI), *args)
    assert run.exit_code == 0, run.stderr
    assert ids(run.stdout) == expected


def test_an_empty_list_is_success(invoke: Invoke) -> None:
    run = invoke("list", "--until", "1990", "--json")
    assert run.exit_code == 0
    assert run.json() == []


def test_relative_dates_use_the_pinned_today(invoke: Invoke) -> None:
    run = invoke(
        "list", "--no-bundled", "--data", str(MINI), "--since", "yesterday", "--today", "2025-03-02"
    )
    assert ids(run.stdout) == ["2025-03-01-talks"]
    run = invoke(
        "list",
        "--no-bundled",
        "--data",
        str(MINI),
        "--since",
        "-2d",
        env={"CEASEFIRE_TODAY": "2025-03-02"},
    )  # 2 days before 2 March 2025 is 28 Feb, inside the month-precision event
    assert ids(run.stdout) == ["2025-02-call", "2025-02-28-meeting", "2025-03-01-talks"]


def test_arabic_date_arguments(invoke: Invoke) -> None:
    run = invoke("list", "--on", "١٢ شباط ٢٠٢٥")
    assert ids(run.stdout) == ["2025-02-12-trump-putin-call"]


# --- usage errors: exit 2, one line naming the option, the value and a fix ---------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--since", "2025-13"), "ceasefire: error: --since: '2025-13': month 13"),
        (("--until", "Feb 30 2025"), "ceasefire: error: --until: 'Feb 30 2025':"),
        (("--on", "03/04/2025"), "ceasefire: error: --on: '03/04/2025': ambiguous"),
        (
            ("--since", "2025-09", "--until", "2025-02"),
            "ceasefire: error: --since '2025-09' starts 2025-09-01, after --until '2025-02' ends (2025-02-28); swap the two dates",
        ),
        (
            ("--actor", "Lavrof"),
            "ceasefire: error: --actor: no actor is called 'Lavrof'; did you mean 'lavrov'?",
        ),
        (
            ("--tag", "truse"),
            "ceasefire: error: --tag: no event has 'truse'; did you mean 'truce'?",
        ),
        (
            ("--place", "Istambul"),
            "ceasefire: error: --place: no event has 'Istambul'; did you mean 'Istanbul'?",
        ),
        (("--today", "2025-02"), "ceasefire: error: --today: '2025-02' is a period, not a day"),
        (("--today", "soon"), "ceasefire: error: --today: 'soon':"),
        (("--json", "--format", "csv"), "ceasefire: error: --json and --format csv disagree"),
        (("--no-bundled",), "ceasefire: error: --no-bundled leaves no data"),
    ],
)
def test_usage_errors(invoke: Invoke, args: tuple[str, ...], message: str) -> None:
    run = invoke("list", *args)
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr.startswith(message), run.stderr
    assert run.stderr.count("\n") == 1
    assert "Traceback" not in run.stderr


def test_bad_date_error_lists_accepted_forms(invoke: Invoke) -> None:
    run = invoke("list", "--since", "2025-13")
    assert "accepted forms: 2025 | 2025-02 | 2025-02-12 | 2025-W07" in run.stderr


# --- show ---------------------------------------------------------------------------------------


def test_show_json_expands_actors_and_neighbours(invoke: Invoke) -> None:
    run = invoke("show", "2025-02-28", "--no-bundled", "--data", str(MINI), "--json")
    assert run.exit_code == 0, run.stderr
    record = run.json()
    assert record["id"] == "2025-02-28-meeting"
    assert record["actors"] == [
        {
            "id": "zelensky",
            "name": "Volodymyr Zelensky",
            "name_ar": "فولوديمير زيلينسكي",
            "role": "President of Ukraine",
            "role_ar": None,
            "kind": "person",
            "aliases": ["Zelenskyy", "Zelenskiy", "زيلينسكي"],
        }
    ]
    assert record["previous"] == {
        "id": "2025-02-call",
        "date": "2025-02",
        "title": "A month-precision event",
    }
    assert record["next"] == {
        "id": "2025-03-01-talks",
        "date": "2025-03-01",
        "title": "First day of March",
    }


def test_show_first_and_last_have_no_neighbour(invoke: Invoke) -> None:
    first = invoke("show", "2021-summit", "--no-bundled", "--data", str(MINI), "--json").json()
    last = invoke("show", "2025-03-01", "--no-bundled", "--data", str(MINI), "--json").json()
    assert first["previous"] is None
    assert last["next"] is None


def test_show_plain_lists_both_languages_sources_and_reported_date(invoke: Invoke) -> None:
    run = invoke("show", "2025-05-16-istanbul-direct-talks", "--format", "plain")
    assert run.exit_code == 0
    rows = dict(line.split("\t", 1) for line in run.lines())
    assert rows["Date"] == "2025-05-16"
    assert rows["Reported date"] == "2025-05-15"
    assert rows["Arabic source text"].startswith(
        "– 15 أيار 2025: اجتمعت الوفود الروسية والأوكرانية"
    )
    assert "16 May" in rows["Note"]
    assert "Source article" in rows["Sources"]


def test_show_table(invoke: Invoke) -> None:
    run = invoke("show", "2025-07-14-tariff-ultimatum", "--format", "table")
    assert run.exit_code == 0
    assert "50 days" in run.stdout
    assert "ترامب" in run.stdout


def test_show_unknown_id_suggests_close_ids(invoke: Invoke) -> None:
    run = invoke("show", "2025-07-14-tarif-ultimatum")
    assert run.exit_code == 3
    assert run.stderr == (
        "ceasefire: error: no event has the id '2025-07-14-tarif-ultimatum'; "
        "did you mean 2025-07-14-tariff-ultimatum?\n"
    )


def test_show_ambiguous_prefix(invoke: Invoke) -> None:
    run = invoke("show", "2025-07")
    assert run.exit_code == 3
    assert run.stderr.startswith("ceasefire: error: '2025-07' is the start of 3 ids: ")
    assert run.stderr.endswith("; type more of the id\n")


# --- formats --------------------------------------------------------------------------------


def test_jsonl_is_one_object_a_line(invoke: Invoke) -> None:
    run = invoke("list", "--no-bundled", "--data", str(MINI), "--format", "jsonl")
    objects = [json.loads(line) for line in run.lines()]
    assert [o["id"] for o in objects] == [
        "2021-summit",
        "2025-02-call",
        "2025-02-28-meeting",
        "2025-03-01-talks",
    ]


def test_csv_has_a_header_and_flattens_lists(invoke: Invoke) -> None:
    run = invoke(
        "list", "--no-bundled", "--data", str(MINI), "--format", "csv", "--on", "2025-02-28"
    )
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert len(rows) == 2
    meeting = rows[1]
    assert meeting["id"] == "2025-02-28-meeting"
    assert meeting["sources"] == "Example <https://example.org/a>"
    assert meeting["text_ar"] == "التقى زيلينسكي"
    assert run.stdout.startswith("id,date,precision,start,end,title,")


def test_csv_of_nothing_still_has_its_header(invoke: Invoke) -> None:
    run = invoke("list", "--until", "1990", "--format", "csv")
    assert run.stdout.startswith("id,date,precision,start,end,title,summary,text_ar,")
    assert run.stdout.count("\n") == 1


def test_md_is_a_pipe_table(invoke: Invoke) -> None:
    run = invoke("list", "--no-bundled", "--data", str(MINI), "--format", "md", "--tag", "talks")
    assert run.lines()[:3] == [
        "| Date | ID | Title |",
        "|---|---|---|",
        "| 2025-03-01 | 2025-03-01-talks | First day of March |",
    ]


def test_format_names_are_case_insensitive(invoke: Invoke) -> None:
    assert (
        invoke("list", "--format", "JSON", "--limit", "1").json()[0]["id"]
        == "2014-crimea-annexation"
    )


# --- data files ---------------------------------------------------------------------------------


def test_user_file_overlays_and_replaces_by_id(invoke: Invoke, tmp_path: Path) -> None:
    mine = write(
        tmp_path,
        '[[events]]\nid = "2025-02-12-trump-putin-call"\ndate = "2025-02-12"\ntitle = "My title"\n\n'
        '[[events]]\nid = "2025-02-13-mine"\ndate = "2025-02-13"\ntitle = "Mine"\n',
    )
    run = (
        invoke("list", "--on", "2025-02-1", "--data", str(mine))
        if False
        else invoke(
            "list", "--since", "2025-02-12", "--until", "2025-02-13", "--data", str(mine), "--json"
        )
    )
    events = run.json()
    assert [(e["id"], e["title"], e["provenance"]) for e in events] == [
        ("2025-02-12-trump-putin-call", "My title", "user"),
        ("2025-02-13-mine", "Mine", "user"),
    ]


def test_ceasefire_data_env_is_a_path_list(invoke: Invoke, tmp_path: Path) -> None:
    a = write(tmp_path, '[[events]]\nid = "a"\ndate = "2020"\ntitle = "A"\n', "a.toml")
    b = write(tmp_path, '[[events]]\nid = "b"\ndate = "2021"\ntitle = "B"\n', "b.toml")
    run = invoke("list", "--no-bundled", env={"CEASEFIRE_DATA": f"{a}{os.pathsep}{b}"})
    assert ids(run.stdout) == ["a", "b"]


def test_invalid_data_file_prints_problems_and_exits_3(invoke: Invoke, tmp_path: Path) -> None:
    bad = write(tmp_path, '[[events]]\nid = "x"\ndate = "2025-02-30"\ntitle = "X"\n')
    run = invoke("list", "--data", str(bad))
    assert run.exit_code == 3
    assert run.stdout == ""
    first, last = run.stderr.splitlines()
    assert first.startswith(f"{bad}:3: event x: date: '2025-02-30':")
    assert last.startswith("ceasefire: error: the dataset has 1 problem;")


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", ": no such file; check the path\n"),
        ("directory", ": is a directory, not a TOML file; give a file in it\n"),
        ("binary", ":1: not UTF-8 text (byte 0); save it as UTF-8\n"),
    ],
)
def test_unreadable_data_files(invoke: Invoke, tmp_path: Path, setup: str, message: str) -> None:
    path = tmp_path / "x.toml"
    if setup == "directory":
        path.mkdir()
    elif setup == "binary":
        path.write_bytes(b"\xff\xfe\x00")
    run = invoke("list", "--data", str(path))
    assert run.exit_code == 3
    assert run.stderr.startswith(f"{path}{message}")


# --- validate -----------------------------------------------------------------------------------


def test_validate_bundled_is_clean(invoke: Invoke) -> None:
    run = invoke("validate")
    assert run.exit_code == 0
    assert run.stdout == ""
    assert run.stderr == "ceasefire: ok: 1 file checked, no problems\n"


def test_validate_json_of_a_clean_file_is_an_empty_array(invoke: Invoke) -> None:
    run = invoke("validate", "--json")
    assert run.exit_code == 0
    assert run.json() == []


def test_validate_reports_every_problem_with_its_location(invoke: Invoke, tmp_path: Path) -> None:
    bad = write(
        tmp_path,
        "[dataset]\nname = 'x'\n\n"
        '[[events]]\nid = "one"\ndate = "2025-13"\ntitel = "typo"\n\n'
        '[[events]]\nid = "one"\ndate = "2025"\ntitle = "dup"\nactors = ["nobody"]\n',
    )
    run = invoke("validate", str(bad), "--no-bundled")
    assert run.exit_code == 3
    assert run.lines() == [
        f"{bad}:4: event one: title: missing (required)",
        f"{bad}:6: event one: date: '2025-13': month 13 does not exist",
        f"{bad}:7: event one: titel: unknown key (did you mean 'title'?)",
        f"{bad}:9: event one: id: duplicate id (first at line 4)",
        f"{bad}:9: event one: actors: unknown actor 'nobody'; add it as [[actors]] or fix the id",
    ]
    assert run.stderr == "ceasefire: 5 problems in 1 file\n"


def test_validate_toml_syntax_error_has_line_and_column(invoke: Invoke, tmp_path: Path) -> None:
    bad = write(tmp_path, '[[events]]\nid = "a"\ndate = 2025-02\n')
    run = invoke("validate", str(bad))
    assert run.exit_code == 3
    assert run.stdout.startswith(f"{bad}:3:")
    assert "TOML syntax error" in run.stdout


def test_validate_json_problem_objects(invoke: Invoke, tmp_path: Path) -> None:
    bad = write(tmp_path, '[[events]]\nid = "Bad_Id"\ndate = "2025"\ntitle = "t"\n')
    run = invoke("validate", str(bad), "--json")
    assert run.exit_code == 3
    assert run.json() == [
        {
            "file": str(bad),
            "line": 2,
            "column": None,
            "record": "event Bad_Id",
            "field": "id",
            "message": "must be lowercase kebab-case (a-z, 0-9, '-')",
        }
    ]


# --- untrusted text ----------------------------------------------------------------------------

HOSTILE = "[bold red]x[/] \x1b[31mred\x1b[0m \x1b]52;c;aGk=\x07 \u202egnp.exe"


def _hostile_file(tmp_path: Path) -> Path:
    title = json.dumps(HOSTILE)  # a TOML basic string accepts JSON's escapes
    return write(tmp_path, f'[[events]]\nid = "h"\ndate = "2025"\ntitle = {title}\n')


@pytest.mark.parametrize("fmt", ["table", "plain", "md"])
def test_human_formats_show_markup_literally_and_escape_controls(
    invoke: Invoke, tmp_path: Path, fmt: str
) -> None:
    run = invoke("list", "--no-bundled", "--data", str(_hostile_file(tmp_path)), "--format", fmt)
    assert run.exit_code == 0
    assert "[bold red]x[/]" in run.stdout
    assert "\x1b" not in run.stdout
    assert "\x07" not in run.stdout
    assert "\u202e" not in run.stdout
    assert "\\x1b]52;c;aGk=\\x07" in run.stdout
    assert "\\u202e" in run.stdout


def test_json_keeps_the_data_exact(invoke: Invoke, tmp_path: Path) -> None:
    run = invoke("list", "--no-bundled", "--data", str(_hostile_file(tmp_path)), "--json")
    assert "\x1b" not in run.stdout  # JSON escapes control characters itself
    assert run.json()[0]["title"] == HOSTILE


# --- help and version -------------------------------------------------------------------------


def test_version(invoke: Invoke) -> None:
    run = invoke("--version")
    assert run.exit_code == 0
    assert run.stdout == f"ceasefire {__version__}\n"


@pytest.mark.parametrize("command", ["list", "show", "validate"])
def test_every_command_has_help_with_examples(invoke: Invoke, command: str) -> None:
    run = invoke(command, "--help")
    assert run.exit_code == 0
    assert "Examples:" in run.stdout
    assert f"ceasefire {command}" in run.stdout


def test_no_arguments_shows_help(invoke: Invoke) -> None:
    run = invoke()  # test_process.py checks the console script's exit code and stderr line
    assert "list" in run.stdout
    assert "validate" in run.stdout


# --- review fixes: hostile text on stderr and in JSON, suggestions, env edge cases ---------------


def test_problem_lines_on_stderr_escape_hostile_data(invoke: Invoke, tmp_path: Path) -> None:
    bad = write(
        tmp_path, '[[events]]\nid = "x"\ndate = "2025\\u001b]0;PWNED\\u0007"\ntitle = "t"\n'
    )
    run = invoke("list", "--data", str(bad))
    assert run.exit_code == 3
    assert "\x1b" not in run.stderr and "\x07" not in run.stderr
    assert "2025\\x1b]0;PWNED\\x07" in run.stderr


def test_json_escapes_c1_controls_and_bidi_overrides(invoke: Invoke, tmp_path: Path) -> None:
    path = write(tmp_path, '[[events]]\nid = "x"\ndate = "2025"\ntitle = "a\\u009bb\\u202ec"\n')
    run = invoke("list", "--no-bundled", "--data", str(path), "--json")
    assert "\x9b" not in run.stdout and "\u202e" not in run.stdout
    assert run.json()[0]["title"] == "a\x9bb\u202ec"  # the data itself is unchanged


def test_trailing_separator_in_ceasefire_data_is_ignored(invoke: Invoke, tmp_path: Path) -> None:
    a = write(tmp_path, '[[events]]\nid = "a"\ndate = "2020"\ntitle = "A"\n', "a.toml")
    run = invoke("list", "--no-bundled", env={"CEASEFIRE_DATA": f"{a}{os.pathsep}"})
    assert run.exit_code == 0, run.stderr
    assert ids(run.stdout) == ["a"]


@pytest.mark.parametrize(
    ("wanted", "suggestion"),
    [
        ("istanbul", "did you mean 2022-03-29-istanbul-talks-begin, 2025-05-11-putin-proposes-istanbul-talks, 2025-05-16-istanbul-direct-talks?"),
        ("2025-05-15", "did you mean 2025-05-16-istanbul-direct-talks?"),  # the article's date for it
        # An id starts with its day: the events of that day come before mere near misses.
        ("2025-02-18-nonexistent", "did you mean 2025-02-18-riyadh-us-russia-talks, 2025-04-19-easter-truce?"),
    ],
)  # fmt: skip
def test_unknown_id_suggestions(invoke: Invoke, wanted: str, suggestion: str) -> None:
    run = invoke("show", wanted)
    assert run.exit_code == 3
    assert run.stderr == f"ceasefire: error: no event has the id '{wanted}'; {suggestion}\n"


def test_validate_on_a_terminal_format_still_prints_lines(invoke: Invoke, tmp_path: Path) -> None:
    bad = write(tmp_path, '[[events]]\nid = "x"\ndate = "2025"\n')
    run = invoke("validate", str(bad), "--format", "table")
    assert run.stdout == f"{bad}:1: event x: title: missing (required)\n"


def test_csv_cells_name_events_by_id(invoke: Invoke) -> None:
    run = invoke("show", "2014-crimea-annexation", "--format", "csv")
    (row,) = csv.DictReader(io.StringIO(run.stdout))
    assert row["next"] == "2021-biden-putin-summit"
    assert row["previous"] == ""


# --- issue 5: field selection and spreadsheet-safe CSV ---------------------------------------


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "plain", "table", "md"])
def test_fields_selects_and_orders_in_every_format(invoke: Invoke, fmt: str) -> None:
    run = invoke("list", "--on", "2025-02-12", "--fields", "title,id", "--format", fmt)
    assert run.exit_code == 0, run.stderr
    title, event_id = (
        "Trump and Putin agree by phone to begin negotiations",
        "2025-02-12-trump-putin-call",
    )
    expected = {
        "json": json.dumps([{"title": title, "id": event_id}], ensure_ascii=False, indent=2) + "\n",
        "jsonl": json.dumps(
            {"title": title, "id": event_id}, ensure_ascii=False, separators=(",", ":")
        )
        + "\n",
        # (CliRunner reads output with universal newlines: the RFC 4180 CRLF shows as LF.)
        "csv": f"title,id\n{title},{event_id}\n",
        "plain": f"{title}\t{event_id}\n",
    }
    if fmt in expected:
        assert run.stdout == expected[fmt]
    else:
        assert title in run.stdout and event_id in run.stdout and "2025-02-12\t" not in run.stdout
        assert "Tags" not in run.stdout


@pytest.mark.parametrize("command", [("list",), ("search", "truce"), ("deadlines",)])
def test_unknown_field_exits_2_and_lists_the_valid_ones(
    invoke: Invoke, command: tuple[str, ...]
) -> None:
    run = invoke(*command, "--fields", "id,titel")
    assert run.exit_code == 2
    assert run.stderr.startswith("ceasefire: error: --fields: 'titel' is not a field here; ")
    assert "valid fields: id," in run.stderr


@pytest.mark.parametrize("given", ["", " , "])
def test_no_field_at_all_says_so(invoke: Invoke, given: str) -> None:
    run = invoke("list", "--fields", given)  # was "no field is not a field here"
    assert (run.exit_code, run.stderr) == (
        2,
        "ceasefire: error: --fields: no field named; name some, e.g. id,date,precision\n",
    )


def test_a_field_named_twice_is_refused(invoke: Invoke) -> None:
    # A table would show the column twice where JSON keeps one key.
    run = invoke("list", "--fields", "id,title,id")
    assert (run.exit_code, run.stderr) == (
        2,
        "ceasefire: error: --fields: 'id' is named twice; name each field once\n",
    )


def test_csv_neutralises_formulas_but_not_negative_numbers(invoke: Invoke, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[[events]]\nid = "x"\ndate = "2025"\ntitle = "=HYPERLINK(\\"http://evil\\")"\nsummary = "-3"\n'
        'note = "@SUM(A1)"\ntags = ["plus"]\n',
    )
    run = invoke("list", "--no-bundled", "--data", str(path), "--format", "csv")
    (row,) = csv.DictReader(io.StringIO(run.stdout))
    assert row["title"] == '\'=HYPERLINK("http://evil")'
    assert row["note"] == "'@SUM(A1)"
    assert row["summary"] == "-3"


# --- colour and language ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        (("--color", "always"), {}, True),
        (("--color", "never"), {"FORCE_COLOR": "1"}, False),
        ((), {"FORCE_COLOR": "1", "NO_COLOR": None}, True),
        ((), {"NO_COLOR": "1"}, False),
        (("--no-color",), {"FORCE_COLOR": "1"}, False),
        ((), {"NO_COLOR": None}, False),  # auto: not a terminal
        # --color and FORCE_COLOR outrank NO_COLOR (Rich read NO_COLOR again, and kept only bold).
        (("--color", "always"), {"NO_COLOR": "1"}, True),
        ((), {"FORCE_COLOR": "1", "NO_COLOR": "1"}, True),
    ],
)
def test_colour_rules(
    invoke: Invoke, args: tuple[str, ...], env: dict[str, str | None], coloured: bool
) -> None:
    run = invoke("list", "--on", "2025-02-12", "--format", "table", *args, env=env)
    assert run.exit_code == 0, run.stderr
    assert ("\x1b[" in run.stdout) is coloured
    # A colour, not only bold: e.g. ESC[36m (cyan) or ESC[1;36m.
    assert (re.search("\x1b\\[(?:[0-9]+;)*3[0-7]m", run.stdout) is not None) is coloured


def test_machine_formats_never_have_colour(invoke: Invoke) -> None:
    for fmt in ("json", "jsonl", "csv", "plain"):
        run = invoke("list", "--on", "2025-02", "--format", fmt, env={"FORCE_COLOR": "1"})
        assert "\x1b" not in run.stdout, fmt


def test_color_and_no_color_together_disagree(invoke: Invoke) -> None:
    run = invoke("list", "--color", "always", "--no-color")
    assert run.exit_code == 2


def test_lang_ar_uses_the_verbatim_arabic_and_keeps_english_for_follow_ups(invoke: Invoke) -> None:
    run = invoke("list", "--lang", "ar", "--since", "2025-08-08", "--until", "2025-08-15")
    titles = dict(line.split("\t")[1:] for line in run.lines())
    assert (
        titles["2025-08-08-xi-putin-call"]
        == "اقرأ أيضاً: شي يؤكد لبوتين رضا الصين عن الجهود الأميركية- الروسية لتحسين العلاقات"
    )
    assert titles["2025-08-15-alaska-summit"].startswith(
        "Trump–Putin summit"
    )  # a follow-up: no Arabic
    both = invoke("list", "--lang", "both", "--on", "2025-02-12", "--format", "table")
    assert "Trump and Putin agree" in both.stdout and "ترامب وبوتين اتفقا" in both.stdout
    env = invoke("list", "--on", "2025-02-12", env={"CEASEFIRE_LANG": "ar"})
    assert "ترامب وبوتين اتفقا" in env.stdout
