"""`ceasefire export`: parsed back with real parsers, deterministic, written atomically."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from ceasefire_cli.cli import app
from conftest import PINNED_ENV, Invoke


def calendar(invoke: Invoke, *args: str) -> Calendar:
    run = invoke("export", "--format", "ics", *args)
    assert run.exit_code == 0, run.stderr
    return Calendar.from_ical(run.stdout)


def test_ics_all_day_events_have_exclusive_ends_and_stable_uids(invoke: Invoke) -> None:
    cal = calendar(invoke, "--on", "2025-04")
    events = {str(c["uid"]): c for c in cal.walk("VEVENT")}
    month = events["event-2025-04-witkoff-two-russia-visits@ceasefire.invalid"]
    assert month.decoded("dtstart") == dt.date(2025, 4, 1)
    assert month.decoded("dtend") == dt.date(2025, 5, 1)  # exclusive: all of April
    easter = events["event-2025-04-19-easter-truce@ceasefire.invalid"]
    assert (easter.decoded("dtstart"), easter.decoded("dtend")) == (
        dt.date(2025, 4, 19),
        dt.date(2025, 4, 20),
    )
    assert str(easter["summary"]) == "Putin declares a 30-hour Easter ceasefire"
    assert easter["summary"].params["LANGUAGE"] == "en"
    assert "بوتين أعلن وقف إطلاق النار" in str(easter["description"])
    assert str(easter["url"]).startswith("https://www.pravda.com.ua/")


def test_ics_windows_timed_to_the_hour_are_exact_instants(invoke: Invoke) -> None:
    cal = calendar(invoke, "--on", "2025-04")
    window = next(
        c for c in cal.walk("VEVENT") if str(c["uid"]) == "window-easter-truce@ceasefire.invalid"
    )
    assert window.decoded("dtstart") == dt.datetime(
        2025, 4, 19, 15, 0, tzinfo=dt.UTC
    )  # 18:00+03:00
    assert window.decoded("dtend") == dt.datetime(2025, 4, 20, 21, 0, tzinfo=dt.UTC)  # 00:00+03:00
    assert str(window["summary"]).startswith("truce: ")


def test_ics_deadline_windows_span_to_the_latest_due_day(invoke: Invoke) -> None:
    cal = calendar(invoke, "--since", "2025-07-28", "--until", "2025-07-28")
    (window,) = [c for c in cal.walk("VEVENT") if str(c["uid"]).startswith("window-")]
    assert str(window["uid"]) == "window-tariff-deadline-10-12-days@ceasefire.invalid"
    assert (window.decoded("dtstart"), window.decoded("dtend")) == (
        dt.date(2025, 7, 28),
        dt.date(2025, 8, 10),
    )


def test_ics_in_arabic_uses_the_verbatim_text(invoke: Invoke) -> None:
    cal = calendar(invoke, "--on", "2025-02-12", "--lang", "ar")
    (event,) = cal.walk("VEVENT")
    assert str(event["summary"]).startswith("– 12 شباط 2025: ترامب وبوتين")
    assert event["summary"].params["LANGUAGE"] == "ar"
    assert "Trump and Putin agree by phone" in str(event["description"])


def test_exports_are_byte_identical_and_use_no_clock(invoke: Invoke) -> None:
    for fmt in ("ics", "timelinejs", "json", "csv", "md"):
        first = invoke("export", "--format", fmt).stdout
        again = invoke("export", "--format", fmt, env={"CEASEFIRE_TODAY": "2026-11-30"}).stdout
        assert first == again, fmt
    stamped = invoke("export", "--format", "ics", "--as-of", "2025-08-08").stdout
    assert "DTSTAMP:20250808T000000Z" in stamped


def test_ics_parses_in_a_second_parser_if_one_is_installed(invoke: Invoke) -> None:
    vobject = pytest.importorskip("vobject")
    parsed = vobject.readOne(invoke("export", "--format", "ics", "--on", "2025-02").stdout)
    assert len(parsed.vevent_list) == 3


def test_timelinejs_shape(invoke: Invoke) -> None:
    run = invoke("export", "--format", "timelinejs", "--on", "2025-04")
    document = json.loads(run.stdout)
    assert set(document) == {"title", "events", "eras"}
    assert document["title"]["text"]["headline"]
    month = next(
        e for e in document["events"] if e["unique_id"] == "2025-04-witkoff-two-russia-visits"
    )
    assert month["start_date"] == {"year": "2025", "month": "4"}  # at the event's precision
    assert set(month["text"]) == {"headline", "text"}
    assert month["group"] == "visit"
    era = next(
        e
        for e in document["eras"]
        if e["text"]["headline"] == "30-hour Easter truce declared by Putin"
    )
    assert (era["start_date"], era["end_date"]) == (
        {"year": "2025", "month": "4", "day": "19"},
        {"year": "2025", "month": "4", "day": "20"},
    )


def test_json_csv_md_exports_honour_fields(invoke: Invoke) -> None:
    run = invoke("export", "--format", "json", "--on", "2025-02-12", "--fields", "id,title")
    assert run.json() == [
        {
            "id": "2025-02-12-trump-putin-call",
            "title": "Trump and Putin agree by phone to begin negotiations",
        }
    ]


def test_output_file_is_written_atomically(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "out.ics"
    run = invoke("export", "--format", "ics", "-o", str(target))
    assert run.exit_code == 0 and run.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert [p.name for p in tmp_path.iterdir()] == ["out.ics"]


def test_a_failure_midway_leaves_the_old_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    result = CliRunner().invoke(app, ["export", "-o", str(target)], env=PINNED_ENV)
    assert result.exit_code == 74
    assert (
        result.stderr
        == f"ceasefire: error: cannot write {target}: No space left on device; check the path and free space\n"
    )
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left


def test_a_missing_directory_is_one_line(invoke: Invoke, tmp_path: Path) -> None:
    run = invoke("export", "-o", str(tmp_path / "nope" / "x.json"))
    assert run.exit_code == 74
    assert run.stderr.startswith(
        f"ceasefire: error: cannot write {tmp_path / 'nope' / 'x.json'}: No such file or directory"
    )


def test_exports_do_not_change_with_today_when_as_of_is_not_given(invoke: Invoke) -> None:
    for fmt in ("ics", "timelinejs"):
        now = invoke("export", "--format", fmt, env={"CEASEFIRE_TODAY": "2026-11-30"}).stdout
        later = invoke("export", "--format", fmt, env={"CEASEFIRE_TODAY": "2027-01-05"}).stdout
        assert now == later, fmt
    assert "DTSTAMP:20251202T000000Z" in invoke("export", "--format", "ics").stdout  # newest data


def _hostile(tmp_path: Path) -> Path:
    path = tmp_path / "h.toml"
    path.write_text(
        '[[events]]\nid = "h"\ndate = "2025-01-01"\ntitle = "<img src=x onerror=alert(1)> & <b>b</b>"\n'
        'summary = "line one\\nline \\u001b[31mtwo"\n',
        encoding="utf-8",
    )
    return path


def test_timelinejs_escapes_html_and_ics_escapes_controls(invoke: Invoke, tmp_path: Path) -> None:
    data = str(_hostile(tmp_path))
    document = json.loads(
        invoke("export", "-f", "timelinejs", "--no-bundled", "--data", data).stdout
    )
    (event,) = document["events"]
    assert (
        event["text"]["headline"] == "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;b&lt;/b&gt;"
    )
    assert (
        event["text"]["text"] == "line one<br>line \x1b[31mtwo"
    )  # JSON keeps the data; it escapes ESC itself
    ics = invoke("export", "-f", "ics", "--no-bundled", "--data", data).stdout
    assert "\x1b" not in ics and "\\x1b[31mtwo" in ics.replace("\r\n ", "")
    md = invoke("export", "-f", "md", "--no-bundled", "--data", data).stdout
    assert "<img" not in md and "&lt;img" in md


def test_output_follows_symlinks_and_writes_devices_in_place(
    invoke: Invoke, tmp_path: Path
) -> None:
    real, link = tmp_path / "real.json", tmp_path / "link.json"
    real.write_text("old", encoding="utf-8")
    link.symlink_to(real)
    assert invoke("export", "-o", str(link)).exit_code == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("[")
    assert invoke("export", "-o", "/dev/null").exit_code == 0
    assert Path("/dev/null").is_char_device()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-o", ""), "ceasefire: error: -o: the output path is empty"),
        (("-f", "ics", "--fields", "id"), "ceasefire: error: --fields does not apply to ics"),
    ],
)
def test_export_usage_errors(invoke: Invoke, args: tuple[str, ...], message: str) -> None:
    run = invoke("export", *args)
    assert run.exit_code == 2
    assert run.stderr.startswith(message)


EDGES = """
[[events]]
id = "first"
date = "0001-01-01"
title = "The first day the calendar holds"
[[events]]
id = "last"
date = "9999"
title = "The last year"
[[windows]]
id = "early-truce"
kind = "truce"
title = "Starts before year 1 in UTC"
event = "first"
issued = 0001-01-01
start = 0001-01-01T00:00+05:00
duration = 2
unit = "hours"
[[windows]]
id = "last-deadline"
kind = "ultimatum"
title = "Due on the last day"
event = "last"
issued = 9999-12-31
end = 9999-12-31
"""


def test_ics_at_the_edges_of_the_calendar(invoke: Invoke, tmp_path: Path) -> None:
    # 9999-12-31 has no next day for an exclusive DTEND, and 0001-01-01T00:00+05:00 is
    # before year 1 in UTC: neither may crash the export.
    path = tmp_path / "edges.toml"
    path.write_text(EDGES, encoding="utf-8")
    cal = calendar(invoke, "--no-bundled", "--data", str(path), "--as-of", "9999-12-31")
    items = {str(c["uid"]).split("@")[0]: c for c in cal.walk("VEVENT")}
    assert items["event-first"].decoded("dtend") == dt.date(1, 1, 2)
    last = items["event-last"]
    assert last.decoded("dtstart") == dt.date(9999, 1, 1)
    assert "dtend" not in last and last.decoded("duration") == dt.timedelta(days=365)
    deadline = items["window-last-deadline"]
    assert deadline.decoded("dtstart") == dt.date(9999, 12, 31)
    assert deadline.decoded("duration") == dt.timedelta(days=1)
    truce = items["window-early-truce"]  # shown by its local days instead of UTC instants
    assert truce.decoded("dtstart") == dt.date(1, 1, 1)
    assert truce.decoded("dtend") == dt.date(1, 1, 2)
    vobject = pytest.importorskip("vobject")
    ics = invoke(
        "export", "-f", "ics", "--no-bundled", "--data", str(path), "--as-of", "9999-12-31"
    )
    assert len(vobject.readOne(ics.stdout).vevent_list) == 4


class _FillsUp:
    """A file object whose disk fills after `room` characters: the rest raises ENOSPC, or
    KeyboardInterrupt for a Ctrl-C in the middle of the write."""

    def __init__(self, handle: Any, room: int, error: BaseException) -> None:
        self.handle, self.room, self.error = handle, room, error

    def write(self, text: str) -> int:
        taken: int = self.handle.write(text[: self.room])
        self.room -= taken
        if taken < len(text):
            raise self.error
        return taken

    def __getattr__(self, name: str) -> Any:
        return getattr(self.handle, name)

    def __enter__(self) -> _FillsUp:
        self.handle.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.__exit__(*exc)


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [
        (OSError(28, "No space left on device"), 74, "ceasefire: error: cannot write {target}: No space left on device; check the path and free space\n"),
        (KeyboardInterrupt(), 130, "ceasefire: interrupted\n"),
    ],
)  # fmt: skip
def test_a_write_that_fails_midway_keeps_the_old_file_byte_for_byte(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: BaseException,
    code: int,
    message: str,
) -> None:
    import tempfile

    from ceasefire_cli.cli import main

    target = tmp_path / "out.ics"
    old = bytes(range(256)) * 4  # not even text: it must come back exactly
    target.write_bytes(old)
    real = tempfile.NamedTemporaryFile

    def filling(*args: Any, **kwargs: Any) -> _FillsUp:
        return _FillsUp(real(*args, **kwargs), 5000, error)

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", filling)
    monkeypatch.setenv("CEASEFIRE_TODAY", "2026-11-30")
    assert main(["export", "--format", "ics", "-o", str(target)]) == code
    assert capsys.readouterr().err == message.format(target=target)
    assert target.read_bytes() == old
    assert [p.name for p in tmp_path.iterdir()] == ["out.ics"]  # no temporary file left


def test_a_full_device_as_output_is_one_line_and_74(invoke: Invoke) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    run = invoke("export", "--format", "ics", "-o", "/dev/full")
    assert run.exit_code == 74
    assert run.stderr == (
        "ceasefire: error: cannot write /dev/full: No space left on device; check the path\n"
    )


def _quoted_sentences() -> set[str]:
    from ceasefire_cli import load_timeline

    timeline = load_timeline()
    texts = [event.text_ar for event in timeline.events] + [w.quote_ar for w in timeline.windows]
    return {line for text in texts if text for line in text.split("\n") if line.strip()}


def _shown_text(fmt: str, output: str) -> str:
    """Everything a calendar or a TimelineJS document shows, as plain text."""
    if fmt == "ics":
        items = Calendar.from_ical(output).walk("VEVENT")
        return "\n".join(
            str(item.get(key, "")) for item in items for key in ("summary", "description")
        )
    import html

    document = json.loads(output)
    slides = [*document["events"], *document["eras"]]
    return html.unescape(
        "\n".join(f"{s['text']['headline']}\n{s['text']['text']}" for s in slides)
    ).replace("<br>", "\n")


@pytest.mark.parametrize("fmt", ["ics", "timelinejs"])
@pytest.mark.parametrize("lang", ["en", "ar", "both"])
def test_every_quoted_arabic_sentence_is_in_every_export(
    invoke: Invoke, fmt: str, lang: str
) -> None:
    # --lang ar kept only an Arabic text's first sentence (as the title), and TimelineJS had
    # no Arabic in en or both: three of the article's sentences were in no ar export (QA).
    sentences = _quoted_sentences()
    assert len(sentences) > 40
    shown = _shown_text(fmt, invoke("export", "--format", fmt, "--lang", lang).stdout)
    assert sorted(s for s in sentences if s not in shown) == []
