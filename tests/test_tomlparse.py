"""tomlparse.loads gives what tomli gives, for any text: the same document (values, their
types and key order) or the same refusal, whether the text is parsed whole or in slices."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pytest
import rtoml
import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tomlgen
from ceasefire_cli import tomlparse
from ceasefire_cli.dataset import bundled_path, load_timeline
from conftest import examples
from test_fuzz_dataset import documents, mutated_bundled

BUNDLED = bundled_path().read_text(encoding="utf-8")


def same(left: Any, right: Any) -> bool:
    """Equal, with the same types all the way down and dict keys in the same order."""
    if type(left) is not type(right) and not (
        isinstance(left, dt.tzinfo) and isinstance(right, dt.tzinfo)
    ):
        return False
    if isinstance(left, dict):
        return list(left) == list(right) and all(same(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(same, left, right))
    if isinstance(left, dt.datetime | dt.time):
        return bool(left == right and left.utcoffset() == right.utcoffset())
    if isinstance(left, float) and math.isnan(left):
        return isinstance(right, float) and math.isnan(right)
    return bool(left == right)


def slices(text: str, size: int) -> list[str]:
    return [text[start:end] for start, end in tomlparse._cuts(text, size)]


def check_agrees_with_tomli(text: str, slice_size: int) -> None:
    try:
        expected = tomli.loads(text)
    except (tomli.TOMLDecodeError, RecursionError) as err:
        with pytest.raises((tomlparse.TomlSyntaxError, RecursionError)) as raised:
            tomlparse.loads(text, slice_size=slice_size)
        if isinstance(err, tomli.TOMLDecodeError):
            assert isinstance(raised.value, tomlparse.TomlSyntaxError)
            assert (raised.value.msg, raised.value.lineno, raised.value.colno) == (
                err.msg,
                err.lineno,
                err.colno,
            )
        return
    assert same(tomlparse.loads(text, slice_size=slice_size), expected)


def test_the_bundled_file_in_slices_is_the_bundled_file() -> None:
    assert len(slices(BUNDLED, 2000)) > 10
    assert same(tomlparse.loads(BUNDLED, slice_size=2000), tomli.loads(BUNDLED))
    # ... joined from the slices, not handed to tomli
    parts = slices(BUNDLED, 2000)
    joined = tomlparse._join(parts[0], [rtoml.loads(part) for part in parts])
    assert joined is not None and same(joined, tomli.loads(BUNDLED))
    assert same(tomlparse.loads(BUNDLED), tomli.loads(BUNDLED))


@pytest.mark.parametrize("preamble", ["", "# c\n", "[dataset]\nname = 'x'\n", "a = 1\n"])
def test_slices_are_joined_whatever_comes_before_the_first_record(preamble: str) -> None:
    text = preamble + '[[events]]\nid = "e"\n' * 50
    parts = slices(text, 100)
    joined = tomlparse._join(parts[0], [rtoml.loads(part) for part in parts])
    assert len(parts) > 5
    assert joined is not None and same(joined, tomli.loads(text))


def test_every_slice_after_the_first_starts_at_a_header() -> None:
    parts = slices(BUNDLED, 2000)
    assert "".join(parts) == BUNDLED
    headers = {"[[events]]", "[[actors]]", "[[windows]]", "[[places]]"}
    assert all(part.split("\n", 1)[0] in headers for part in parts[1:])


EVENT = '[[events]]\nid = "e{n}"\ntitle = "t"\n'


@pytest.mark.parametrize(
    "text",
    [
        # A static array may not be extended by [[events]] (tomli refuses it), however
        # the key is spelled.
        "events = []\n" + EVENT.format(n=1) * 40,
        '"\\u0065vents" = []\n' + EVENT.format(n=1) * 40,
        "events = [{id = 'x'}]\n" + EVENT.format(n=1) * 40,
        # A later slice reaching back into the last event before the cut.
        EVENT.format(n=1) * 20 + '[[windows]]\nid = "w"\n[events.x]\ny = 1\n' + EVENT * 0,
        EVENT.format(n=1) * 20 + '[[windows]]\nid = "w"\n[[events.sources]]\nname = "s"\n',
        # A new top-level table after the cut, and one defined twice across it.
        EVENT.format(n=1) * 20 + "[dataset]\nname = 'late'\n",
        "[dataset]\nname = 'x'\n" + EVENT.format(n=1) * 20 + "[dataset]\nname = 'late'\n",
        # A header line inside a multi-line string, where a cut may fall.
        EVENT.format(n=1) * 10 + 'note = """\n[[events]]\n"""\n' + EVENT.format(n=2) * 10,
        EVENT.format(n=1) * 10 + "note = '''\n[[events]]\n'''\n" + EVENT.format(n=2) * 10,
        # Arrays spread over lines, a header indented or with a comment.
        "tags = [\n[1],\n]\n" + EVENT.format(n=1) * 20,
        "  [[events]]\nid = 'a'\n" + EVENT.format(n=1) * 20,
        EVENT.format(n=1) * 10 + "[[events]] # c\nid = 'b'\n" + EVENT.format(n=1) * 10,
        # Records of each kind on both sides of cuts, and keys after them.
        (EVENT.format(n=1) + '[[actors]]\nid = "a"\n[[places]]\nid = "p"\n') * 15,
        # Invalid in the middle: tomli's message and place.
        EVENT.format(n=1) * 20 + "id = \n" + EVENT.format(n=1) * 20,
        EVENT.format(n=1) * 20 + '[[events]]\nid = "x"\nid = "y"\n' + EVENT.format(n=1) * 20,
    ],
)
@pytest.mark.parametrize("slice_size", [1, 30, 100, 10_000])
def test_awkward_texts_agree_with_tomli(text: str, slice_size: int) -> None:
    check_agrees_with_tomli(text, slice_size)


@settings(max_examples=examples(150), suppress_health_check=[HealthCheck.too_slow])
@given(document=documents, slice_size=st.integers(1, 200))
def test_any_document_agrees_with_tomli(document: Any, slice_size: int) -> None:
    check_agrees_with_tomli(tomlgen.dumps(document), slice_size)


@settings(max_examples=examples(60), suppress_health_check=[HealthCheck.too_slow])
@given(data=mutated_bundled(), slice_size=st.sampled_from([500, 5000, 10**9]))
def test_a_mutated_bundled_file_agrees_with_tomli(data: bytes, slice_size: int) -> None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return  # the loader stops before parsing (tested in test_fuzz_dataset)
    check_agrees_with_tomli(text, slice_size)


ALPHABET = [*"ab=[]{}.\"'\\\n #,0123456789-:+eTZ_x\t", "[[events]]\n", "events"]


@settings(max_examples=examples(300))
@given(text=st.lists(st.sampled_from(ALPHABET), max_size=40).map("".join))
def test_any_text_agrees_with_tomli(text: str) -> None:
    for slice_size in (1, 8, 10**9):
        check_agrees_with_tomli(text, slice_size)


def test_a_native_toml_offset_date_time_loads_as_a_plain_timezone(tmp_path: Path) -> None:
    # rtoml gives offsets as its own tzinfo class; the loader makes them what tomli gives,
    # so that output, exports and the cache never depend on the parser.
    path = tmp_path / "w.toml"
    path.write_text(
        '[[events]]\nid = "e"\ndate = "2025-01-01"\ntitle = "t"\n'
        '[[windows]]\nid = "w"\nkind = "truce"\ntitle = "w"\nevent = "e"\n'
        'issued = 2025-01-01\nstart = 2025-01-01T18:00:00+03:00\nduration = 30\nunit = "hours"\n',
        encoding="utf-8",
    )
    (window,) = load_timeline([path], bundled=False).windows
    assert type(window.start) is dt.datetime
    assert window.start.tzinfo == dt.timezone(dt.timedelta(hours=3))
    assert type(window.start.tzinfo) is dt.timezone
