"""Every output format on events with random text (any Unicode: controls, C1, bidi...):
JSON and CSV give the data back exactly, human formats never pass a control character
through to the terminal, and exports stay well-formed."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

import tomlgen
from ceasefire_cli.text import safe_text
from conftest import examples, run_cli

# What must never reach a terminal from human output: C0 controls but tab and newline,
# DEL, C1 controls (ESC and CSI among them), and the bidi embeddings, overrides and isolates.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")

# Any text, weighted towards what has broken terminals and parsers before.
nasty = st.sampled_from(
    ["\x1b[31m", "\x1b]52;c;aGk=\x07", "\x1b]8;;http://x\x1b\\", "\x9b", "\x85", "\u202e",
     "\u2066", "\x00", "\r", "\r\n", "\n", "\t", "[bold red]x[/]", "[link=http://x]y[/link]",
     "=HYPERLINK(\"http://x\")", "+1", "-2", "@a", "|", "<b>", "&amp;", '"', "\\", "'", ",",
     "\u2028", "\ufeff", "ـ", "إسطنبول", "\U0001f600", "\u0301"]
)  # fmt: skip
texts = st.lists(st.text(max_size=6) | nasty, min_size=1, max_size=5).map("".join).filter(str.strip)


# What the loader accepts in a URL: no spaces, controls or format characters (bidi).
url_paths = st.text(
    st.characters(exclude_categories=("Cc", "Cs", "Cf", "Zs", "Zl", "Zp")), max_size=8
)


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


@st.composite
def events(draw: st.DrawFn) -> list[dict[str, Any]]:
    chosen = []
    for event_id, date in (("a", "2025-02-12"), ("b", "2025-03")):
        event: dict[str, Any] = {"id": event_id, "date": date, "title": draw(texts)}
        for key in ("summary", "text_ar", "note"):
            if draw(st.booleans()):
                event[key] = draw(texts)
        event["places"] = draw(st.lists(texts, max_size=2))
        event["sources"] = [
            {
                "name": draw(texts),
                "url": "https://x.y/" + draw(url_paths),
            }
        ]
        event["actors"] = ["p"]
        chosen.append(event)
    return chosen


def write_dataset(workdir: Path, chosen: list[dict[str, Any]], actor_name: str) -> Path:
    path = workdir / "events.toml"
    document = {
        "actors": [{"id": "p", "name": actor_name, "aliases": [actor_name]}],
        "events": chosen,
    }
    path.write_text(tomlgen.dumps(document), encoding="utf-8")
    return path


def csv_cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) and not NUMBER.match(value) else value


def no_control_characters(text: str, where: Any) -> None:
    found = FORBIDDEN.search(text)
    assert found is None, (where, found, text)


@settings(max_examples=examples(60), suppress_health_check=[HealthCheck.too_slow])
@given(chosen=events(), actor_name=texts, lang=st.sampled_from(["en", "ar", "both"]))
def test_every_format_keeps_the_data_or_escapes_it(
    workdir: Path, chosen: list[dict[str, Any]], actor_name: str, lang: str
) -> None:
    path = write_dataset(workdir, chosen, actor_name)
    data = ("--no-bundled", "--data", str(path), "--lang", lang)
    by_id = {event["id"]: event for event in chosen}

    # JSON and JSONL: the same strings back; the JSON text itself has no raw controls.
    for fmt in ("json", "jsonl"):
        run = run_cli("list", *data, "--format", fmt)
        assert run.exit_code == 0, run.stderr
        no_control_characters(run.stdout, fmt)
        records = (
            run.json() if fmt == "json" else [json.loads(line) for line in run.stdout.splitlines()]
        )
        for record in records:
            event = by_id[record["id"]]
            for key in ("title", "summary", "text_ar", "note"):
                assert record[key] == event.get(key), (fmt, key)
            assert record["places"] == event["places"]
            assert record["sources"] == event["sources"]
    shown = run_cli("show", "a", *data, "--json").json()
    assert shown["title"] == by_id["a"]["title"]
    assert shown["actors"][0]["name"] == actor_name

    # CSV: the same cells back, with a quote before what a spreadsheet would run.
    run = run_cli("list", *data, "--format", "csv")
    header, *rows = list(csv.reader(io.StringIO(run.stdout, newline="")))
    for row in rows:
        cells = dict(zip(header, row, strict=True))
        event = by_id[cells["id"]]
        for key in ("title", "summary", "text_ar", "note"):
            assert cells[key] == csv_cell(event.get(key) or ""), key
        assert cells["places"] == csv_cell(", ".join(event["places"]))
        source = event["sources"][0]
        assert cells["sources"] == csv_cell(f"{source['name']} <{source['url']}>")

    # Human formats: nothing that drives a terminal, markup shown as it is.
    for command in (("list",), ("show", "a"), ("show", "b"), ("actors",)):
        for fmt in ("table", "plain", "md"):
            run = run_cli(*command, *data, "--format", fmt)
            assert run.exit_code == 0, run.stderr
            no_control_characters(run.stdout, (command, fmt))
    plain = run_cli("list", *data, "--format", "plain").stdout
    assert plain.count("\n") == len(chosen)  # one event a line, whatever the text holds
    for line, event in zip(plain.splitlines(), chosen, strict=True):
        if lang == "en":
            assert line.split("\t")[2] == safe_text(event["title"], keep_newlines=False)


@settings(max_examples=examples(40), suppress_health_check=[HealthCheck.too_slow])
@given(chosen=events(), lang=st.sampled_from(["en", "ar"]))
def test_exports_stay_well_formed(workdir: Path, chosen: list[dict[str, Any]], lang: str) -> None:
    path = write_dataset(workdir, chosen, "p")
    data = ("--no-bundled", "--data", str(path), "--lang", lang)
    run = run_cli("export", "--format", "ics", *data)
    assert run.exit_code == 0, run.stderr
    no_control_characters(run.stdout.replace("\r\n", "\n"), "ics")
    calendar = Calendar.from_ical(run.stdout)
    summaries = {str(item["uid"]): str(item["summary"]) for item in calendar.walk("VEVENT")}
    for event in chosen:
        summary = summaries[f"event-{event['id']}@ceasefire.invalid"]
        arabic = event.get("text_ar") if lang == "ar" else None
        expected = arabic.split("\n")[0] if arabic else event["title"]
        # The icalendar library drops a byte-order mark at the start of a value.
        assert summary == safe_text(expected, keep_newlines=False).removeprefix("\ufeff")

    run = run_cli("export", "--format", "timelinejs", *data)
    no_control_characters(run.stdout, "timelinejs")
    document = json.loads(run.stdout)
    for item, event in zip(document["events"], chosen, strict=True):
        arabic = event.get("text_ar") if lang == "ar" else None
        headline = arabic.split("\n")[0] if arabic else event["title"]
        assert item["text"]["headline"] == html.escape(headline).replace("\n", "<br>")
