"""Hostile and random search queries: results (exit 0/1) or a one-line usage error (exit 2),
never a traceback; regular expressions that cannot be compiled or run in time are refused."""

from __future__ import annotations

import pytest

from conftest import run_cli


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
