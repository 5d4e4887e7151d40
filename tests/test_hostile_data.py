"""Hostile dataset files through the command line: each gets a clear one-line message per
problem (exit 3) or is shown safely, never a traceback or a hang."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import threading
from pathlib import Path
from typing import Any

import pytest

from ceasefire_cli import dataset
from ceasefire_cli.dataset import check_files, load_timeline
from ceasefire_cli.diff import Endpoint, diff_between
from ceasefire_cli.windows import deadlines_at
from conftest import DATA, Invoke, run_cli, write

DEEP = 100_000


def one_problem(run_stdout: str, path: Path) -> str:
    (line,) = run_stdout.splitlines()
    assert line.startswith(f"{path}:")
    return line


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("x = " + "[" * DEEP + "]" * DEEP + "\n", 1),
        ("x = " + "{a = " * DEEP + "1" + "}" * DEEP + "\n", 1),
        ("[" + ".".join(["a"] * DEEP) + "]\n", 1),
        (".".join(["a"] * DEEP) + " = 1\n", 1),
        ('[[events]]\nid = "a"\ndate = "2025"\ntitle = "t"\nnote = ' + "[\n" * 1000, 405),
    ],
    ids=["arrays", "inline-tables", "table-header", "dotted-key", "over-lines"],
)
def test_deep_nesting_is_a_problem_with_its_line(
    invoke: Invoke, tmp_path: Path, text: str, line: int
) -> None:
    path = write(tmp_path, text)
    run = invoke("validate", "--no-bundled", str(path))
    assert run.exit_code == 3
    assert one_problem(run.stdout, path) == (
        f"{path}:{line}: TOML nested too deep (arrays, inline tables or dotted keys); flatten it"
    )
    run = invoke("list", "--data", str(path))
    assert run.exit_code == 3
    assert run.stderr.splitlines()[0] == f"{path}:{line}: " + (
        "TOML nested too deep (arrays, inline tables or dotted keys); flatten it"
    )


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_that_never_ends_is_refused_not_read_forever(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, device: str
) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    monkeypatch.setattr(dataset, "MAX_STREAM_BYTES", 2**20)  # the real limit: 256 MB
    run = invoke("validate", "--no-bundled", device)
    assert run.exit_code == 3
    assert run.stdout == (
        f"{device}: not a regular file, and more than 1 MB long; give a TOML file\n"
    )


def test_a_regular_file_over_the_stream_limit_is_read_whole(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A million events is 1.5 GB: a regular file has no size limit, only endless streams.
    path = write(
        tmp_path, '[[events]]\nid = "a"\ndate = "2025"\ntitle = "' + "x" * 3 * 2**20 + '"\n'
    )
    monkeypatch.setattr(dataset, "MAX_STREAM_BYTES", 2 * 2**20)
    run = invoke("list", "--data", str(path), "--no-bundled", "--fields", "id")
    assert (run.exit_code, run.stdout) == (0, "a\n")


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b'[[events]]\nid = "a"\ndate = "2025"\ntitle = "t\xff"\n', "4: not UTF-8 text (byte 44); save it as UTF-8"),
        (b"\xc3", "1: not UTF-8 text (byte 0); save it as UTF-8"),
        (b"\xef\xbb\xbf[dataset]\n", "1:1: starts with a byte-order mark (BOM); save it as UTF-8 without BOM"),
        (b'x = "\xed\xa0\x80"\n', "1: not UTF-8 text (byte 5); save it as UTF-8"),  # a surrogate
    ],
)  # fmt: skip
def test_bytes_that_are_not_utf8_are_located(
    invoke: Invoke, tmp_path: Path, data: bytes, problem: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(data)
    run = invoke("validate", "--no-bundled", str(path))
    assert run.exit_code == 3
    assert run.stdout == f"{path}:{problem}\n"


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_line_numbers_count_only_line_feeds(invoke: Invoke, tmp_path: Path, separator: str) -> None:
    # TOML strings may hold U+2028, U+2029 and U+0085, which str.splitlines splits at.
    path = write(
        tmp_path,
        f'[[events]]\nid = "a"\ndate = "2025"\ntitle = "t{separator}u"\nnote = "n{separator}"\n\n'
        '[[events]]\nid = "b"\ndate = "2025-13"\ntitle = "t"\n',
    )
    run = invoke("validate", "--no-bundled", str(path))
    assert run.stdout.startswith(f"{path}:9: event b: date: '2025-13': month 13 does not exist")


def test_a_huge_field_is_clipped_in_tables_and_whole_elsewhere(
    invoke: Invoke, tmp_path: Path
) -> None:
    # Rich's table layout is superlinear in a cell's length: a 10 MB title took over ten
    # minutes. Tables show the first 5000 characters; plain, JSON and the rest show all.
    title = "x" * 2**20
    path = write(tmp_path, f'[[events]]\nid = "a"\ndate = "2025"\ntitle = "{title}"\n')
    data = ("--no-bundled", "--data", str(path))
    for command in (("list",), ("show", "a")):
        run = invoke(*command, *data, "--format", "table")
        assert run.exit_code == 0
        assert "more characters; --format plain shows all)" in " ".join(run.stdout.split())
        assert len(run.stdout) < 20_000
    assert title in invoke("list", *data, "--format", "plain").stdout
    assert invoke("list", *data, "--json").json()[0]["title"] == title


def test_a_match_past_the_clip_is_cut_with_the_text(invoke: Invoke, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f'[[events]]\nid = "a"\ndate = "2025"\ntitle = "{"word " * 1200}target word"\n',
    )
    run = invoke(
        "search", "target", "word", "--no-bundled", "--data", str(path), "--format", "table"
    )
    assert run.exit_code == 0
    assert "more characters; --format plain shows all)" in " ".join(run.stdout.split())


def test_long_values_are_cut_short_in_messages(invoke: Invoke, tmp_path: Path) -> None:
    # A message quoting a megabyte-long value must stay a readable line with its fix at the
    # end, and must not take seconds (difflib and a regex built from the key used to).
    long = "k" * 2**20
    path = write(
        tmp_path,
        f'[[events]]\nid = "a"\ndate = "{long}"\ntitle = "t"\n{long} = 1\nactors = ["{long}"]\n'
        f'[[windows]]\nid = "{long}"\nkind = "{long}"\ntitle = "w"\nevent = "a"\nissued = 2025-01-01\n',
    )
    run = invoke("validate", "--no-bundled", str(path))
    assert run.exit_code == 3
    cut = "k" * 59 + "…"
    assert run.stdout.splitlines() == [
        f"{path}:3: event a: date: '{cut}': a stored date is YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025-02-12)",
        f"{path}:5: event a: {cut}: unknown key",
        f"{path}:9: window {cut}: kind: '{cut}' is not one of: ultimatum, ceasefire, truce, moratorium, agreement, talks, proposal",
    ]
    long_arg = "p" * 100_000  # about the most one argument can hold (128 KiB)
    for args in (("show", long_arg), ("list", "--since", long_arg), ("list", "--actor", long_arg)):
        run = invoke(*args)
        assert run.exit_code in (2, 3)
        assert len(run.stderr) < 500, args


def test_jsonl_records_survive_str_splitlines(invoke: Invoke, tmp_path: Path) -> None:
    # U+2028 and U+2029 are valid raw in JSON strings, but str.splitlines (and JavaScript
    # before ES2019) cut lines at them: they are escaped like C1 controls.
    title = "a\u2028b\u2029c\x85d"
    path = write(
        tmp_path,
        f'[[events]]\nid = "a"\ndate = "2025"\ntitle = "{title}"\n'
        f'[[events]]\nid = "b"\ndate = "2026"\ntitle = "{title}"\n',
    )
    run = invoke("list", "--no-bundled", "--data", str(path), "--format", "jsonl")
    lines = run.stdout.splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["title"] for line in lines] == [title, title]
    assert "\\u2028" in run.stdout and "\\u2029" in run.stdout


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ('id = "a\\n"\ndate = "2025"\ntitle = "t"\n', "2: event a\n: id: must be lowercase kebab-case (a-z, 0-9, '-')"),
        ('id = "a"\ndate = "2025"\ntitle = "t"\ntags = ["truce\\n"]\n', "5: event a: tags: 'truce\n' must be lowercase kebab-case"),
        ('id = "a"\ndate = "2025"\ntitle = "t"\nsources = [{name = "n", url = "https://x.y/\\n"}]\n', "1: event a: sources.url: 'https://x.y/\n' is not an http(s) URL"),
    ],
)  # fmt: skip
def test_a_trailing_newline_does_not_slip_past_a_pattern(
    tmp_path: Path, record: str, expected: str
) -> None:
    # re's `$` also matches before a trailing newline: ids, tags and URLs are fullmatched.
    path = write(tmp_path, "[[events]]\n" + record)
    assert [str(problem) for problem in check_files([path])] == [f"{path}:{expected}"]


@pytest.mark.parametrize(
    "url",
    [
        "https://x.y/\x1b]52;c;aGk=\x07",
        "https://x.y/\x9b31m",
        "https://x.y/\u202egnp.exe",
        "https://x.y/\x00",
    ],
)
def test_a_url_with_control_or_bidi_characters_is_a_problem(
    invoke: Invoke, tmp_path: Path, url: str
) -> None:
    # iCalendar's URL property carries the URL as it is: an ESC in it reached the file raw.
    path = write(
        tmp_path,
        '[[events]]\nid = "a"\ndate = "2025"\ntitle = "t"\n[[events.sources]]\nname = "n"\n'
        f"url = {json.dumps(url)}\n",
    )
    run = invoke("export", "--format", "ics", "--no-bundled", "--data", str(path))
    assert run.exit_code == 3
    assert run.stdout == ""
    first = run.stderr.splitlines()[0]
    assert first.startswith(f"{path}:7: event a: sources.url: 'https://x.y/\\")
    assert first.endswith("' is not an http(s) URL")


def test_timelinejs_escapes_c1_controls_and_bidi_like_every_json(
    invoke: Invoke, tmp_path: Path
) -> None:
    title = "a\x9b31mb\u202ec\x7fd\u2028e"
    path = write(tmp_path, f'[[events]]\nid = "a"\ndate = "2025"\ntitle = {json.dumps(title)}\n')
    run = invoke("export", "--format", "timelinejs", "--no-bundled", "--data", str(path))
    assert run.exit_code == 0
    assert not any(char in run.stdout for char in "\x9b\u202e\x7f\u2028")
    assert json.loads(run.stdout)["events"][0]["text"]["headline"] == title


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b'[[events]]\nid = "a"\x00\n', "2:9: TOML syntax error: control character U+0000 is not allowed; delete it"),
        (b"\x00[[events]]\n", "1:1: TOML syntax error: control character U+0000 is not allowed; delete it"),
        (b'title = "a\x00b"\n', "1:11: TOML syntax error: Illegal character '\\x00'"),
        (b'title = "a\x1b]52;c;aGk=\x07"\n', "1:11: TOML syntax error: Illegal character '\\x1b'"),
        (b"# a comment \x1b[2J\n", "1:13: TOML syntax error: Found invalid character '\\x1b'"),
    ],
)  # fmt: skip
def test_raw_control_characters_are_named_with_their_place(
    invoke: Invoke, tmp_path: Path, data: bytes, problem: str
) -> None:
    path = tmp_path / "raw.toml"
    path.write_bytes(data)
    run = invoke("list", "--data", str(path))
    assert run.exit_code == 3
    assert run.stderr.splitlines()[0] == f"{path}:{problem}"


# Every text field of tests/data/hostile.toml carries Rich markup ([bold red], [link=...]),
# ANSI and OSC sequences (CSI colours and screen clears, OSC 52 clipboard writes, OSC 8
# links, OSC 0 titles), C1 CSI, NUL, CR, bidi overrides and isolates, and HTML.
HOSTILE = ("--no-bundled", "--data", str(DATA / "hostile.toml"))
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HUMAN_COMMANDS = [
    ("list",),
    ("show", "h"),
    ("search", "red"),
    ("deadlines", "--explain"),
    ("diff", "2025-04", "2025-05"),
    ("actors",),
    ("tags",),
    ("stats", "--by", "place"),
]


@pytest.mark.parametrize("fmt", ["table", "plain", "md"])
@pytest.mark.parametrize("command", HUMAN_COMMANDS, ids=" ".join)
def test_hostile_text_is_shown_never_obeyed(command: tuple[str, ...], fmt: str) -> None:
    run = run_cli(*command, *HOSTILE, "--format", fmt)
    assert run.exit_code == 0, run.stderr
    assert FORBIDDEN.search(run.stdout) is None, run.stdout


def test_hostile_text_in_a_table_is_literal_markup_and_visible_escapes() -> None:
    shown = run_cli("show", "h", *HOSTILE, "--format", "table").stdout
    for literal in (
        "[bold red]x[/]",
        "[link=https://evil.example]Putin[/link]",
        "\\x1b]52;c;aGk=\\x07",
        "\\x1b]8;;https://evil.example\\x1b\\click",
        "\\u202egnp.exe",
        "<script>alert(1)</script>",
        "\\x9b2J",
    ):
        assert literal in shown, literal
    coloured = run_cli("list", *HOSTILE, "--format", "table", "--color", "always").stdout
    # Only our own styles: reset, bold, and the date column's cyan.
    assert set(re.findall("\x1b[^m]*m", coloured)) <= {"\x1b[0m", "\x1b[1m", "\x1b[36m"}
    chart = run_cli("timeline", *HOSTILE).stdout
    assert FORBIDDEN.search(chart) is None and "[blink]W[/blink] \\x1b]0" in chart


def test_hostile_text_in_pictures_is_escaped(tmp_path: Path) -> None:
    svg, page = tmp_path / "t.svg", tmp_path / "t.html"
    run = run_cli("list", *HOSTILE, "--format", "table", "--svg", str(svg), "--html", str(page))
    assert run.exit_code == 0
    for picture in (svg.read_text(encoding="utf-8"), page.read_text(encoding="utf-8")):
        assert "<script>" not in picture and "\x1b" not in picture


def test_an_unreadable_file_is_one_problem(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, '[[events]]\nid = "a"\ndate = "2025"\ntitle = "t"\n')
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads it anyway: make it look and fail as it would
        real_open, real_access = Path.open, os.access

        def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        def no_access(name: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
            return False if Path(name) == path else real_access(name, mode, *args, **kwargs)

        monkeypatch.setattr(Path, "open", refuse)
        # Click checked os.access itself: exit 2, "Path ... is not readable", and no fix.
        monkeypatch.setattr(os, "access", no_access)
    for args in (("list", "--data", str(path)), ("validate", str(path))):
        run = invoke(*args)
        assert run.exit_code == 3, run.stderr
        problem = f"{path}: permission denied; check the file's permissions"
        assert problem in (run.stdout + run.stderr).splitlines()  # validate's report: stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a FIFO")
def test_a_fifo_is_read_like_a_file(tmp_path: Path) -> None:
    # As with --data <(generate-events): a pipe, not a regular file.
    fifo = tmp_path / "events.toml"
    os.mkfifo(fifo)
    writer = threading.Thread(
        target=lambda: fifo.write_text('[[events]]\nid = "a"\ndate = "2025"\ntitle = "t"\n')
    )
    writer.start()
    run = run_cli("list", "--no-bundled", "--data", str(fifo))
    writer.join(timeout=30)
    assert (run.exit_code, run.stdout) == (0, "2025\ta\tt\n")


@pytest.mark.parametrize("columns", ["0", "1", "2", "5", "-3"])
@pytest.mark.parametrize(
    "command",
    [("list",), ("show", "2025-02-12"), ("deadlines",), ("actors",), ("search", "putin")],
    ids=" ".join,
)
def test_a_terminal_a_few_columns_wide_still_gets_the_table(
    command: tuple[str, ...], columns: str, tmp_path: Path
) -> None:
    # Rich failed an assertion ("Sum of ratios must be > 0") under about 6 columns and drew
    # nothing at all with COLUMNS=0; the pictures were drawn at the same width.
    picture = tmp_path / "t.svg"
    run = run_cli(*command, "--format", "table", "--svg", str(picture), env={"COLUMNS": columns})
    assert run.exit_code == 0, run.stderr
    assert "as of" in run.stdout.lower()  # in every caption (and show): a table was drawn
    assert picture.stat().st_size > 0


def _windows(ids: list[str], supersedes: dict[str, str]) -> str:
    return "".join(
        f'[[windows]]\nid = "{wid}"\nkind = "ultimatum"\ntitle = "w"\nevent = "e"\n'
        f'issued = 2025-01-01\nduration = 5\nunit = "days"\n'
        + (f'supersedes = "{supersedes[wid]}"\n' if wid in supersedes else "")
        for wid in ids
    )


def test_long_supersession_chains_and_cycles_are_checked_and_named_briefly(tmp_path: Path) -> None:
    # A quadratic cycle check took 28 s on this file; listing each long cycle whole for
    # every member wrote 8 MB of messages. Each window is walked once, a long cycle shortened.
    chain = [f"w{i}" for i in range(2000)]
    ring = [f"c{i}" for i in range(1000)]
    links = {wid: chain[i - 1] for i, wid in enumerate(chain) if i}
    links |= {wid: ring[i - 1] for i, wid in enumerate(ring)}  # c0 supersedes c999
    path = write(
        tmp_path,
        '[[events]]\nid = "e"\ndate = "2025-01-01"\ntitle = "t"\n' + _windows(chain + ring, links),
    )
    problems = [p for p in check_files([path]) if "cycle" in p.message]
    assert len(problems) == 1000
    assert (
        problems[0].message
        == "cycle of 1000 windows: c0 -> c999 -> c998 -> c997 -> ... -> c1 -> c0"
    )


def test_deadlines_and_diff_over_a_long_supersession_chain(
    tmp_path: Path,
) -> None:
    # Scanning every window for each window's superseder made this take minutes
    # (10000 chained windows: 26 s to diff); Timeline.superseders is an index.
    chain = [f"w{i}" for i in range(4000)]
    path = write(
        tmp_path,
        '[[events]]\nid = "e"\ndate = "2025-01-01"\ntitle = "t"\n'
        + _windows(chain, {wid: chain[i - 1] for i, wid in enumerate(chain) if i}),
    )
    timeline = load_timeline([path], bundled=False)
    day = dt.date(2026, 12, 31)
    states = deadlines_at(timeline, day)
    result = diff_between(
        timeline, Endpoint("2024", dt.date(2024, 12, 31)), Endpoint("2026", day), as_of=day
    )
    by_id = {state.window.id: state for state in states}
    assert (by_id["w0"].superseded_by, by_id["w3998"].superseded_by) == ("w1", "w3999")
    assert by_id["w3999"].status == "lapsed"
    # Each superseded window is announced and superseded; the last is announced, comes
    # due and lapses.
    assert len(result.changes) == 3999 * 2 + 3
