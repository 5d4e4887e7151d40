"""Property-based fuzzing of the dataset loader and of every command on generated datasets.

Whatever a data file holds, loading it either succeeds or raises DataError whose problems
name the file; every command answers with a documented exit code and one-line messages.
"""

from __future__ import annotations

import datetime as dt
import functools
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import tomlgen
from ceasefire_cli import schema
from ceasefire_cli.dataset import bundled_path, check_files, load_timeline
from ceasefire_cli.errors import DataError
from ceasefire_cli.model import UNITS
from conftest import examples, run_cli

BUNDLED_LINES = bundled_path().read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    # Module-scoped: Hypothesis runs many examples in one test function call.
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def check_loads_or_fails_with_located_problems(path: Path) -> None:
    """The loader's contract, in the library and through `validate`."""
    problems = check_files([path])
    for problem in problems:
        assert problem.file == str(path)
        assert problem.message
        assert problem.line is None or problem.line >= 1
    try:
        load_timeline([path], bundled=False)
    except DataError as err:
        assert err.problems == tuple(problems)
    else:
        assert problems == []
    run = run_cli("validate", "--no-bundled", str(path))
    assert run.exit_code == (3 if problems else 0)
    assert run.stdout.count("\n") == len(problems)
    assert run.stderr.count("\n") == 1


# --- random TOML documents ------------------------------------------------------------------

offsets = st.integers(-(24 * 60 - 1), 24 * 60 - 1).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)
scalars = st.one_of(
    st.text(max_size=12),
    st.integers(),
    st.booleans(),
    st.floats(allow_nan=False),
    st.dates(),
    st.datetimes(timezones=st.none() | offsets),
    st.times(),
)
any_keys = st.one_of(
    st.sampled_from(
        sorted(
            {
                *schema.TOP_LEVEL_KEYS,
                *schema.EVENT_KEYS,
                *schema.ACTOR_KEYS,
                *schema.WINDOW_KEYS,
                *schema.SOURCE_KEYS,
                *schema.PLACE_KEYS,
                *schema.DATASET_KEYS,
            }
        )
    ),
    st.text(max_size=6),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_keys, inner, max_size=3),
    max_leaves=8,
)
records = st.dictionaries(any_keys, values, max_size=8)
documents = st.dictionaries(
    st.sampled_from(schema.TOP_LEVEL_KEYS) | st.text(max_size=6),
    st.lists(records, max_size=3) | values,
    max_size=5,
)


@settings(max_examples=examples(100), suppress_health_check=[HealthCheck.too_slow])
@given(document=documents)
def test_any_toml_document_loads_or_is_a_data_error(workdir: Path, document: Any) -> None:
    text = tomlgen.dumps(document)
    assert tomli.loads(text) == document  # the writer is right, so the loader sees `document`
    path = workdir / "doc.toml"
    path.write_text(text, encoding="utf-8")
    check_loads_or_fails_with_located_problems(path)


# --- the bundled file, mutated ------------------------------------------------------------


@st.composite
def mutated_bundled(draw: st.DrawFn) -> bytes:
    lines = list(BUNDLED_LINES)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "flip", "insert"]))
        if action == "delete":
            del lines[at]
        elif action == "duplicate":
            lines.insert(at, lines[at])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif action == "flip" and lines[at]:
            column = draw(st.integers(0, len(lines[at]) - 1))
            char = draw(st.characters(codec="utf-8") | st.sampled_from("\"[]{}=#\\'.,\t"))
            lines[at] = lines[at][:column] + char + lines[at][column + 1 :]
        elif action == "insert":
            lines.insert(at, draw(st.text(max_size=20)))
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.booleans()):  # cut anywhere, even inside a UTF-8 sequence
        data = data[: draw(st.integers(0, len(data)))]
    return data


@settings(max_examples=examples(60))
@given(data=mutated_bundled())
def test_a_mutated_bundled_file_loads_or_is_a_data_error(workdir: Path, data: bytes) -> None:
    path = workdir / "mutated.toml"
    path.write_bytes(data)
    check_loads_or_fails_with_located_problems(path)


@settings(max_examples=examples(60))
@given(data=st.binary(max_size=200) | st.text(max_size=100).map(str.encode))
def test_random_bytes_load_or_are_a_data_error(workdir: Path, data: bytes) -> None:
    path = workdir / "bytes.toml"
    path.write_bytes(data)
    check_loads_or_fails_with_located_problems(path)


# --- datasets that mostly validate, through every command -----------------------------------

EDGE_DAYS = [
    dt.date(1, 1, 1),
    dt.date(1, 1, 2),
    dt.date(2024, 2, 29),
    dt.date(2025, 1, 31),
    dt.date(9999, 12, 30),
    dt.date(9999, 12, 31),
]
days = st.sampled_from(EDGE_DAYS) | st.dates()
texts = st.text(max_size=8).map(lambda text: "t" + text)
EVENT_IDS = ["a", "b-1", "c"]
WINDOW_IDS = ["w", "v-1", "u"]


@st.composite
def stored_dates(draw: st.DrawFn) -> tuple[str, dt.date]:
    """A stored date at some precision, and its first day."""
    day = draw(days)
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return f"{day.year:04d}", day.replace(month=1, day=1)
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}", day.replace(day=1)
    return day.isoformat(), day


def shifted(day: dt.date, days_later: int) -> dt.date:
    try:
        return day + dt.timedelta(days=days_later)
    except OverflowError:
        return dt.date.max


@st.composite
def moments(draw: st.DrawFn, after: dt.date) -> Any:
    """A day or an instant, mostly on or shortly after `after`, as a TOML value or a string."""
    day = draw(st.integers(0, 40).map(lambda n: shifted(after, n)) | days)
    if draw(st.booleans()):
        return day if draw(st.booleans()) else day.isoformat()
    instant = dt.datetime.combine(
        day, dt.time(draw(st.integers(0, 23)), draw(st.integers(0, 59))), draw(offsets)
    )
    return instant if draw(st.booleans()) else instant.isoformat(timespec="minutes")


def optional(draw: st.DrawFn, record: dict[str, Any], key: str, strategy: Any) -> None:
    if draw(st.booleans()):
        record[key] = draw(strategy)


@st.composite
def datasets(draw: st.DrawFn) -> dict[str, Any]:
    actors = [
        {"id": "p", "name": draw(texts), "aliases": draw(st.lists(texts, max_size=2))},
        {"id": "q", "name": draw(texts), "name_ar": draw(texts), "role": draw(texts)},
    ]
    events, starts = [], {}
    for event_id in draw(st.lists(st.sampled_from(EVENT_IDS), min_size=1, unique=True)):
        date, first = draw(stored_dates())
        event: dict[str, Any] = {"id": event_id, "date": date, "title": draw(texts)}
        for key in ("summary", "text_ar", "note"):
            optional(draw, event, key, texts)
        optional(draw, event, "actors", st.lists(st.sampled_from(["p", "q"]), max_size=2))
        optional(draw, event, "places", st.lists(texts, max_size=2))
        optional(draw, event, "tags", st.lists(st.sampled_from(["truce", "t-2"]), max_size=2))
        optional(draw, event, "reported_date", stored_dates().map(lambda pair: pair[0]))
        optional(
            draw,
            event,
            "sources",
            st.lists(
                st.fixed_dictionaries({"name": texts}, optional={"url": st.just("https://x.y/")}),
                max_size=2,
            ),
        )
        events.append(event)
        starts[event_id] = first
    windows: list[dict[str, Any]] = []
    for window_id in draw(st.lists(st.sampled_from(WINDOW_IDS), unique=True)):
        # Mostly what validates (so the commands get to run), sometimes anything.
        wild = draw(st.integers(0, 9)) == 0
        event_id = draw(st.sampled_from(sorted(starts)))
        issued = draw(days) if wild else starts[event_id]
        window: dict[str, Any] = {
            "id": window_id,
            "kind": draw(st.sampled_from(schema.WINDOW_KINDS)),
            "title": draw(texts),
            "event": event_id,
            "issued": issued if draw(st.booleans()) else issued.isoformat(),
        }
        optional(draw, window, "start", moments(issued))
        timed = isinstance(window.get("start"), dt.datetime) or "T" in str(window.get("start"))
        if draw(st.booleans()):
            amount = st.integers(1, 40) | st.integers(1, 10**7)
            window["duration"] = draw(amount | st.lists(amount, min_size=2, max_size=2).map(sorted))
            units = UNITS if timed or wild else [unit for unit in UNITS if unit != "hours"]
            window["unit"] = draw(st.sampled_from(units))
        optional(draw, window, "end", moments(issued))
        if draw(st.booleans()) and windows:  # an earlier window, so mostly no cycles
            earlier = [w["id"] for w in windows]
            window["supersedes"] = draw(st.sampled_from(earlier + WINDOW_IDS if wild else earlier))
        outcomes = [o for o in schema.OUTCOMES if wild or o != "superseded"]
        optional(draw, window, "outcome", st.sampled_from(outcomes))
        outcome_days = st.integers(0, 60).map(functools.partial(shifted, issued))
        optional(draw, window, "outcome_date", outcome_days | days if wild else outcome_days)
        optional(draw, window, "quote_ar", texts)
        windows.append(window)
    return {"actors": actors, "events": events, "windows": windows}


FORMATS = ["table", "plain", "json", "jsonl", "csv", "md"]
ENDPOINTS = st.sampled_from(["0001-01-01", "0001", "9999", "9999-12-31", "2025-02", *EVENT_IDS])


@settings(max_examples=examples(60), suppress_health_check=[HealthCheck.too_slow])
@given(
    document=datasets(),
    as_of=st.sampled_from(EDGE_DAYS) | days,
    endpoints=st.tuples(ENDPOINTS, ENDPOINTS),
    fmt=st.sampled_from(FORMATS),
)
def test_every_command_on_any_dataset_exits_cleanly(
    workdir: Path, document: dict[str, Any], as_of: dt.date, endpoints: Any, fmt: str
) -> None:
    path = workdir / "data.toml"
    path.write_text(tomlgen.dumps(document), encoding="utf-8")
    try:
        load_timeline([path], bundled=False)
    except DataError:
        loads = False
    else:
        loads = True
    assume(loads or as_of == EDGE_DAYS[0])  # mostly datasets that load: the commands run
    data = ("--no-bundled", "--data", str(path), "--as-of", as_of.isoformat())
    first_id = document["events"][0]["id"]
    commands: list[tuple[str, ...]] = [
        ("list", "--format", fmt),
        ("list", "--reverse", "--since", "0001", "--until", "9999", "--format", fmt),
        ("show", first_id, "--format", fmt),
        ("deadlines", "--explain", "--format", fmt),
        ("deadlines", "--within", "30d", "--active", "--format", fmt),
        ("diff", *endpoints, "--format", fmt),
        ("diff", *endpoints, "--stat", "--format", fmt),
        ("timeline", "--width", "80"),
        ("timeline", "--width", "64", "--ascii"),
        ("export", "--format", "ics"),
        ("export", "--format", "timelinejs"),
        ("export", "--format", fmt if fmt not in ("table", "plain") else "csv"),
        ("stats", "--by", "month", "--format", fmt),
        ("actors", "--format", fmt),
        ("tags", "--format", fmt),
        ("search", "t", "--format", fmt),
    ]
    for command in commands:
        run = run_cli(*command, *data)
        assert run.exit_code in (0, 1, 2, 3), (command, run)
        problems = run.stderr.splitlines()
        if run.exit_code == 3 and not loads:
            assert all(line.startswith((f"{path}:", "ceasefire: ")) for line in problems)
        else:
            assert len(problems) <= 1, (command, run.stderr)
            assert all(line.startswith("ceasefire: ") for line in problems), (command, run)
    assert run_cli("validate", *data[:3]).exit_code == (0 if loads else 3)
