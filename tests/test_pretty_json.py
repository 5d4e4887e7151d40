"""The fast JSON pretty-printer writes exactly what json.dumps(indent=2) writes."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from ceasefire_cli.render.machine import pretty_json

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
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
def test_pretty_json_is_byte_for_byte_json_dumps(value: Any) -> None:
    assert pretty_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_a_listing_shaped_value() -> None:
    record = {"id": "e", "actors": [], "sources": [{"name": "AP", "url": None}], "n": -3}
    expected = json.dumps([record, {}], ensure_ascii=False, indent=2)
    assert pretty_json([record, {}]) == expected
    assert expected.startswith('[\n  {\n    "id": "e",\n    "actors": [],\n    "sources": [\n')
