"""`ceasefire search` through the CLI: every option, the JSON contract and the exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasefire_cli.records import EVENT_FIELDS
from conftest import DATA, Invoke, write

FIXTURE = str(DATA / "search.toml")


def ids(stdout: str) -> list[str]:
    return [line.split("\t")[1] for line in stdout.splitlines()]


def test_search_json_has_score_and_matches_that_slice_the_original(invoke: Invoke) -> None:
    run = invoke("search", "اسطنبول", "لافروف", "--no-bundled", "--data", FIXTURE, "--json")
    assert run.exit_code == 0, run.stderr
    (record,) = run.json()
    assert list(record) == [*EVENT_FIELDS, "score", "matches"]
    assert record["id"] == "2020-01-05-prefix"
    assert isinstance(record["score"], float) and record["score"] > 0
    quote = [m for m in record["matches"] if m["field"] == "text_ar"]
    assert quote == [
        {"field": "text_ar", "start": 4, "end": 10, "text": "لافروف", "value": None},
        {"field": "text_ar", "start": 12, "end": 19, "text": "اسطنبول", "value": None},
    ]
    for match in record["matches"]:
        source = match["value"] if match["value"] is not None else record[match["field"]]
        assert source[match["start"] : match["end"]] == match["text"]


def test_offsets_are_into_the_unfolded_text(invoke: Invoke) -> None:
    # إِسْطَنْبُول has harakat: the folded match is shorter than the original span.
    run = invoke("search", "إِسْطَنْبُول", "--in", "text_ar", "--json")
    record = next(r for r in run.json() if r["id"] == "2022-03-29-istanbul-talks-begin")
    (match,) = record["matches"]
    assert match["text"] == "إسطنبول"
    assert record["text_ar"][match["start"] : match["end"]] == "إسطنبول"


def test_plain_output_is_date_id_score_title(invoke: Invoke) -> None:
    run = invoke("search", "istanbul", "--no-bundled", "--data", FIXTURE, "--in", "title")
    (line,) = run.lines()
    date, event_id, score, title = line.split("\t")
    assert (date, event_id, title) == ("2020-01-03", "2020-01-03-in-title", "Istanbul talks")
    assert float(score) > 0


def test_table_highlights_and_names_the_field(invoke: Invoke) -> None:
    run = invoke("search", "lavrov", "--format", "table", "--limit", "1")
    assert run.exit_code == 0
    assert "title: Lavrov rejects" in run.stdout
    assert "1 event match · as of 2026-11-30" in run.stdout


def test_no_match_exits_1_with_a_suggestion(invoke: Invoke) -> None:
    run = invoke("search", "istambul")
    assert run.exit_code == 1
    assert run.stdout == ""
    assert run.stderr == (
        "ceasefire: no events match 'istambul' (41 events searched, as of 2026-11-30); "
        "did you mean 'Istanbul'?\n"
    )


def test_quiet_prints_nothing(invoke: Invoke) -> None:
    hit = invoke("search", "-q", "truce")
    miss = invoke("search", "--quiet", "nothingatall")
    assert (hit.exit_code, hit.stdout, hit.stderr) == (0, "", "")
    assert (miss.exit_code, miss.stdout, miss.stderr) == (1, "", "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-E", "(",), "ceasefire: error: -E/--regex: '(' is not a valid regular expression"),
        # Quoted as typed: repr() doubled the backslash ('\\d(').
        (("-E", "\\d(",), "ceasefire: error: -E/--regex: '\\d(' is not a valid regular expression"),
        (("x", "--in", "titel"), "ceasefire: error: --in: 'titel' is not a searchable field; did you mean 'title'?"),
        (('""',), "ceasefire: error: the query is empty"),
        (("x", "--since", "2025-13"), "ceasefire: error: --since: '2025-13': month 13"),
    ],
)  # fmt: skip
def test_bad_queries_exit_2(invoke: Invoke, args: tuple[str, ...], message: str) -> None:
    run = invoke("search", *args)
    assert run.exit_code == 2
    assert run.stderr.startswith(message), run.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("truce", "ceasefire", "--any", "--sort", "date", "--since", "2025-04", "--until", "2025-04"), ["2025-04-19-easter-truce", "2025-04-28-victory-day-truce"]),
        (("truce", "--actor", "kremlin"), ["2025-04-28-victory-day-truce"]),
        (("talks", "--place", "Kiev", "--sort", "date"), ["2022-03-29-istanbul-talks-begin"]),
        (("talks", "--tag", "talks", "--on", "2025-06"), ["2025-06-02-istanbul-talks-round-2"]),
        (("tag:truce", "--sort", "date"), ["2025-04-19-easter-truce", "2025-04-28-victory-day-truce"]),
        (("actor:lavrov", "place:riyadh"), ["2025-02-18-riyadh-us-russia-talks"]),
        (("-w", "truce", "--in", "tags", "--sort", "date"), ["2025-04-19-easter-truce", "2025-04-28-victory-day-truce"]),
        (("Lavrov", "--as-of", "2022-03-31", "--sort", "date"), ["2022-03-21-zelensky-seeks-direct-talks"]),
        (("-E", r"\b50[ -]day", "--in", "title,summary", "--sort", "date"), ["2025-07-14-tariff-ultimatum", "2025-07-28-deadline-shortened"]),
        (("istanbul", "--limit", "2", "--sort", "date"), ["2022-03-29-istanbul-talks-begin", "2022-04-07-lavrov-rejects-peace-proposal"]),
    ],
)  # fmt: skip
def test_options_and_filters(invoke: Invoke, args: tuple[str, ...], expected: list[str]) -> None:
    run = invoke("search", *args)
    assert run.exit_code == 0, run.stderr
    assert ids(run.stdout) == expected


def test_search_help_has_examples(invoke: Invoke) -> None:
    run = invoke("search", "--help")
    assert run.exit_code == 0
    assert "Examples:" in run.stdout and "--regex" in run.stdout


def test_highlight_marks_overlapping_matches_once(invoke: Invoke) -> None:
    run = invoke("search", '"black sea"', "black", "--format", "table", "--color", "always")
    assert "\x1b[1;7mBlack Sea\x1b[0m grain deal" in run.stdout
    assert "BlackBlack" not in run.stdout


def test_matched_column_has_one_line_per_place_not_per_spelling(invoke: Invoke) -> None:
    run = invoke("search", "istanbul", "--no-bundled", "--data", FIXTURE, "--format", "table")
    assert "places: Istanbul" in run.stdout
    assert "places: إسطنبول" not in run.stdout  # the same place, another spelling
    assert "text_ar: وصل لافروف" in run.stdout


def test_no_match_in_json_still_prints_an_empty_array(invoke: Invoke) -> None:
    run = invoke("search", "zzzz", "--json")
    assert (run.exit_code, run.stdout) == (1, "[]\n")


def test_terms_that_match_apart_suggest_any(invoke: Invoke) -> None:
    run = invoke("search", "istanbul", "alaska")
    assert run.exit_code == 1
    assert run.stderr.endswith("each term matches some: try --any\n")


def test_empty_in_is_a_usage_error(invoke: Invoke) -> None:
    run = invoke("search", "x", "--in", ",")
    assert run.exit_code == 2
    assert run.stderr.startswith("ceasefire: error: --in: no field given")


@pytest.mark.parametrize(
    ("aliases", "in_title"),
    [
        (["W" * 2000], [(0, 4)]),  # the trie was one Python call deeper per character
        # each alias the start of the next: deeper than re's parser; "aaa" is an alias too
        (["a" * length for length in range(1, 1200)], [(0, 4), (11, 14)]),
    ],
    ids=["a 2000-character alias", "1199 nested aliases"],
)
def test_a_deep_set_of_aliases_is_searched_without_a_traceback(
    invoke: Invoke, tmp_path: Path, aliases: list[str], in_title: list[tuple[int, int]]
) -> None:
    quoted = ", ".join(f'"{alias}"' for alias in aliases)
    data = write(
        tmp_path,
        f'[[actors]]\nid = "a1"\nname = "Anna"\naliases = [{quoted}]\n\n'
        '[[events]]\nid = "e1"\ndate = "2025-07-01"\ntitle = "Anna meets aaa"\nactors = ["a1"]\n',
    )
    run = invoke("search", "Anna", "--data", str(data), "--no-bundled", "--json")
    assert run.exit_code == 0, run.stderr
    [event] = run.json()
    assert event["id"] == "e1"
    spans = [
        (match["start"], match["end"]) for match in event["matches"] if match["field"] == "title"
    ]
    assert spans == in_title
