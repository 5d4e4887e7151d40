"""Random option values through the command line: dates above all, and every other value a
user types. Each gives an answer or a one-line usage error (exit 2), never a traceback."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import examples, run_cli

# Pieces of what people type as dates, in both languages, with the edges of the calendar.
date_pieces = st.sampled_from(
    ["2025", "0001", "9999", "10000", "-", "/", ".", ",", " ", "W", "w", "Q", "q", "53", "00",
     "12", "31", "29", "02", "feb", "February", "sept", "شباط", "فبراير", "كانون الثاني", "آذار",
     "١٢", "٢٠٢٥", "۲۰۲۵", "today", "yesterday", "اليوم", "ago", "days", "weeks", "d", "m", "y",
     "-30d", "3 weeks ago", "th", "\u200f", "\u064b", "\x00", "\n", "９"]
)  # fmt: skip
dates = st.text(max_size=20) | st.lists(date_pieces, max_size=6).map("".join)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def check_answer_or_usage_error(*args: str) -> None:
    run = run_cli(*args)
    assert run.exit_code in (0, 1, 2), (args, run)
    assert run.stderr.count("\n") <= 1, (args, run.stderr)
    assert CONTROL.search(run.stderr) is None, (args, run.stderr)  # escaped, one line
    if run.exit_code == 2:
        assert run.stderr.startswith("ceasefire: error: "), (args, run.stderr)


@settings(max_examples=examples(200))
@given(
    option=st.sampled_from(["--since", "--until", "--on", "--as-of", "--today"]),
    value=dates,
)
@example("--since", "9999-W52")
@example("--today", "0001-01-01")
@example("--as-of", "9999-12-31")
@example("--since", "99999999999999999999999999")
def test_any_date_option_is_an_answer_or_a_usage_error(option: str, value: str) -> None:
    check_answer_or_usage_error("list", "--format", "json", f"{option}={value}")


@settings(max_examples=examples(100))
@given(start=dates, end=dates, today=st.sampled_from(["0001-01-01", "2026-11-30", "9999-12-31"]))
@example("yesterday", "today", "0001-01-01")
@example("0001", "9999", "9999-12-31")
def test_any_diff_endpoints_are_an_answer_or_one_line(start: str, end: str, today: str) -> None:
    run = run_cli("diff", "--format", "json", "--today", today, "--", start, end)
    assert run.exit_code in (0, 2, 3), run
    assert run.stderr.count("\n") <= 1, run.stderr


@settings(max_examples=examples(100))
@given(
    command=st.sampled_from(
        [("deadlines", "--within"), ("deadlines", "--kind"), ("deadlines", "--status"),
         ("list", "--limit"), ("list", "--actor"), ("list", "--tag"), ("list", "--place"),
         ("list", "--fields"), ("list", "--format"), ("list", "--lang"), ("list", "--color"),
         ("stats", "--by"), ("actors", "--fields"), ("timeline", "--width"), ("show", "--")]
    ),
    value=st.text(max_size=12) | st.sampled_from(["-1", "0", "99999999999999999999", "1e3", ",", "id,,id"]),
)  # fmt: skip
def test_any_option_value_is_an_answer_or_a_usage_error(
    command: tuple[str, str], value: str
) -> None:
    name, option = command
    run = run_cli(name, option, value)
    assert run.exit_code in (0, 1, 2, 3), (command, value, run)
    assert run.stderr.count("\n") <= 1, (command, value, run.stderr)
