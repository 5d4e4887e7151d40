"""Hostile and random search queries: results (exit 0/1) or a one-line usage error (exit 2),
never a traceback; regular expressions that cannot be compiled or run in time are refused."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire_cli.errors import UsageError
from ceasefire_cli.searchquery import MAX_QUERY_CHARS, parse_query
from conftest import examples, run_cli


def check_one_line_answer(run_args: tuple[str, ...]) -> None:
    run = run_cli("search", *run_args)
    assert run.exit_code in (0, 1, 2), (run_args, run)
    assert run.stderr.count("\n") <= 1, (run_args, run.stderr)
    if run.exit_code == 2:
        assert run.stderr.startswith("ceasefire: error: "), (run_args, run.stderr)
        assert run.stdout == ""


@pytest.mark.parametrize(
    "pattern",
    [
        "(" * 5000 + "a" + ")" * 5000,
        "(?:" * 1000 + "a" + ")" * 1000,
        "(?:a|" * 400 + "b" + ")" * 400,
    ],
    ids=["groups", "non-capturing", "alternatives"],
)
def test_a_regex_nested_too_deeply_is_a_usage_error(pattern: str) -> None:
    # The regex module parses groups recursively: RecursionError, not regex.error.
    run = run_cli("search", "-E", pattern)
    assert run.exit_code == 2
    assert run.stderr == (
        "ceasefire: error: -E/--regex: the pattern nests groups too deeply to compile; "
        "use fewer nested groups\n"
    )


query_pieces = st.sampled_from(
    ['"', ":", "actor:", "tag:", "place:", "title:", "actr:", "text_ar:", "http://x", "-", "'",
     "lavrov", "لافروف", "إسطنبول", "Istanbul", "truce", "و", "ال", "\u064b", "ـ", "١٢", " ",
     "\t", "\n", "\x00", "\x1b[31m", "\u202e", "[bold]", "*", "(", "é", "ß", "İ", "ﬁ"]
)  # fmt: skip
words = st.text(max_size=12) | st.lists(query_pieces, max_size=6).map("".join)
queries = st.lists(words, min_size=1, max_size=4)


@settings(max_examples=examples(200))
@given(query=queries)
def test_any_query_parses_to_terms_or_a_usage_error(query: list[str]) -> None:
    try:
        terms = parse_query(query)
    except UsageError as err:
        assert err.message and err.hint
    else:
        assert terms and all(term.text for term in terms)
        assert len(" ".join(query)) <= MAX_QUERY_CHARS


flags = st.lists(
    st.sampled_from(
        [("--any",), ("-w",), ("-i",), ("--sort", "date"), ("--in", "title,summary"),
         ("--in", "actors"), ("--in", "titel"), ("--limit", "1"), ("--since", "2025")]
    ),
    max_size=3,
).map(lambda chosen: tuple(arg for option in chosen for arg in option))  # fmt: skip
FORMATS = st.sampled_from(["table", "plain", "json", "jsonl", "csv", "md"])


@settings(max_examples=examples(80))
@given(query=queries, options=flags, fmt=FORMATS)
def test_any_query_through_the_cli_is_an_answer_or_one_line(
    query: list[str], options: tuple[str, ...], fmt: str
) -> None:
    check_one_line_answer(("--format", fmt, *options, "--", *query))


regex_pieces = st.sampled_from(
    ["a", "t", "ruce", ".", "*", "+", "?", "*?", "{2}", "{1,3}", "{,2}", "|", "(", ")", "(?:",
     "(?i)", "(?P<n>", "(?P=n)", "\\1", "[", "]", "[^", "-", "^", "$", "\\", "\\d", "\\w", "\\b",
     "\\p{Arabic}", "(?=", "(?<=", "(?!", "(?>", "++", "\\N{DASH}", " ", "ا", "\x00"]
)  # fmt: skip
patterns = st.lists(regex_pieces, min_size=1, max_size=10).map("".join) | st.text(max_size=10)


@settings(max_examples=examples(80))
@given(pattern=patterns, options=flags)
def test_any_regex_is_an_answer_or_one_line(pattern: str, options: tuple[str, ...]) -> None:
    check_one_line_answer(("-E", *options, "--", pattern))
