"""JSON is written as json.dumps(ensure_ascii=False) writes it, pretty (indent=2) or compact."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceasefire_cli.render import machine
from ceasefire_cli.render.machine import json_text


def fast_json(value: Any, *, pretty: bool) -> str:
    """The writer's text before json_text escapes invisible characters."""
    written = machine._dumps(value, pretty=pretty)
    return written.decode() if isinstance(written, bytes) else written


# The floats the commands write: search scores, rounded to 4 places.
SCORES = st.floats(min_value=0, max_value=1e6, allow_nan=False).map(lambda x: round(x, 4))
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),  # beyond 64 bits too: left to the json module
    SCORES,
    st.text(),  # any code point: controls, bidi, lone surrogates, Arabic
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.lists(children, max_size=3).map(tuple),
        st.dictionaries(st.text(max_size=6), children, max_size=4),
        st.dictionaries(st.integers(), children, max_size=2),  # keys json.dumps converts
    ),
    max_leaves=30,
)


@given(VALUES)
def test_fast_json_is_byte_for_byte_json_dumps(value: Any) -> None:
    assert fast_json(value, pretty=True) == json.dumps(value, ensure_ascii=False, indent=2)
    compact = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    assert fast_json(value, pretty=False) == compact


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_any_finite_float_reads_back_exactly(number: float) -> None:
    assert json.loads(fast_json([number], pretty=True)) == [number]


@pytest.mark.parametrize("number", [math.nan, math.inf, -math.inf])
def test_non_finite_floats_are_null(number: float) -> None:
    # json.dumps would write NaN or Infinity, which is not JSON; no command writes them.
    assert fast_json({"x": number}, pretty=False) == '{"x":null}'


def test_a_listing_shaped_value() -> None:
    record = {"id": "e", "actors": [], "sources": [{"name": "AP", "url": None}], "n": -3}
    expected = json.dumps([record, {}], ensure_ascii=False, indent=2)
    assert fast_json([record, {}], pretty=True) == expected
    assert expected.startswith('[\n  {\n    "id": "e",\n    "actors": [],\n    "sources": [\n')


ESCAPED = [chr(c) for c in (0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F))]
ESCAPED += [chr(c) for c in range(0x2066, 0x206A)]


@pytest.mark.parametrize("char", ESCAPED, ids=lambda char: f"U+{ord(char):04X}")
@pytest.mark.parametrize("pretty", [True, False])
def test_invisible_characters_are_escaped_and_read_back(char: str, pretty: bool) -> None:
    value = {"title": f"a{char}b", "actors": ["«»–", char * 2]}  # beside other non-ASCII
    text = json_text(value, pretty=pretty)
    assert char not in text
    assert f"\\u{ord(char):04x}" in text
    assert json.loads(text) == value


def test_text_without_invisible_characters_is_left_as_written() -> None:
    value = {"title": "«هدنة» –   ‧   ⁥ ⁪", "n": 1}
    assert json_text(value, pretty=True) == json.dumps(value, ensure_ascii=False, indent=2)
