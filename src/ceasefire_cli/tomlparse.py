"""TOML text to a document: fast with rtoml, and tomli's word whenever that fails.

rtoml (Rust) parses our datasets 2.5-3x faster than tomli and gives the same values (a
differential Hypothesis test holds the two together), but its error messages are its own
and its nesting limit is lower. So rtoml only ever answers for a document it accepts;
anything it refuses is parsed again by tomli, whose value, TOMLDecodeError (with line and
column) or RecursionError is then the answer, exactly as before.

A large text is parsed in slices cut just before a top-level `[[events]]`-style header:
rtoml holds its own tree of a whole slice next to the Python objects it makes, so a whole
1.5 GB file would double the peak memory of a load. A slice cut badly (inside a multi-line
string) fails to parse, and then the whole text goes to tomli. The slices are joined only
when the join is certainly what one parse would give (see _join); otherwise, again, tomli.
"""

from __future__ import annotations

import itertools
from typing import Any

import rtoml

from .schema import RECORD_ARRAYS


class TomlSyntaxError(ValueError):
    """tomli's account of a text that is not TOML: its message and where (1-based line and
    column, and the 0-based offset into the text)."""

    def __init__(self, msg: str, lineno: int, colno: int, pos: int) -> None:
        super().__init__(msg)
        self.msg, self.lineno, self.colno, self.pos = msg, lineno, colno, pos


# The arrays of tables a dataset is made of: the only headers a slice may start at.
ARRAYS = RECORD_ARRAYS
# Slices of about this many characters: big enough that cutting costs nothing, small
# enough that rtoml's own tree of one slice is a few tens of MB.
SLICE = 4 * 2**20


def loads(text: str, *, slice_size: int = SLICE) -> dict[str, Any]:
    """The document `text` holds. For a text that is not TOML, raises TomlSyntaxError, or
    RecursionError where tomli gives up on nesting (hundreds of arrays deep)."""
    try:
        if len(text) <= slice_size:
            return rtoml.loads(text)
        cuts = _cuts(text, slice_size)
        # One slice at a time: each, with the UTF-8 copy rtoml makes of it, is freed at once.
        documents = [rtoml.loads(text[start:end]) for start, end in cuts]
        document = _join(text[: cuts[0][1]], documents)
        if document is not None:
            return document
    except Exception:  # whatever rtoml refuses or fails on, tomli decides
        pass
    return parse_with_tomli(text)


def parse_with_tomli(text: str) -> dict[str, Any]:
    """tomli's parse of `text`: imported only for texts rtoml refuses."""
    import tomli

    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as err:
        raise TomlSyntaxError(err.msg, err.lineno, err.colno, err.pos) from None


def _cuts(text: str, size: int) -> list[tuple[int, int]]:
    """Where to cut `text` into slices of about `size` characters, each after the first
    starting at a line that is exactly one of the ARRAYS headers: (start, end) of each."""
    headers = {f"[[{name}]]" for name in ARRAYS}
    cuts = [0]
    at = size
    while at < len(text):
        line_start = text.find("\n[[", at)
        if line_start == -1:
            break
        line_start += 1
        line_end = text.find("\n", line_start)
        if text[line_start : len(text) if line_end == -1 else line_end] in headers:
            cuts.append(line_start)
            at = line_start + size
        else:
            at = line_start
    cuts.append(len(text))
    return list(itertools.pairwise(cuts))


def _join(first_part: str, documents: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The slices' documents as one, or None where that might differ from parsing the whole.

    It is the same when each of ARRAYS was written only as `[[name]]` tables: then a slice
    holds just the records under its own headers, and the whole is their concatenation.
    What would break that:
    - a static array (`events = [...]`, which a later `[[events]]` may not extend): it can
      only be a top-level key, and those all come before the first table header, so the
      text before the first line starting with "[" must not define any of ARRAYS (a
      preamble that does not parse alone, cut inside a string or an array, is refused too);
    - a later slice reaching back into an earlier one (`[events.x]` or `[[events.sources]]`
      for the last event before the cut, or a new top-level table): there it makes a table,
      not a list, or a key other than ARRAYS, and is refused.
    """
    if first_part.startswith("["):
        preamble = ""
    else:
        cut = first_part.find("\n[")
        preamble = first_part if cut == -1 else first_part[: cut + 1]
    try:
        if any(name in rtoml.loads(preamble) for name in ARRAYS):
            return None
    except rtoml.TomlParsingError:
        return None
    joined, *rest = documents
    for document in rest:
        for name, value in document.items():
            if name not in ARRAYS or not isinstance(value, list):
                return None
            before = joined.setdefault(name, [])
            if not isinstance(before, list):
                return None
            before.extend(value)
    return joined
