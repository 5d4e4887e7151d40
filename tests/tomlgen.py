"""A small TOML writer for tests that generate documents (tomli_w is not a dependency).

Every Python value tomli returns can be written: tables, arrays, strings (any Unicode,
control characters as escapes), integers, floats, booleans, dates, times and date-times.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import Any

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def string(text: str) -> str:
    """A TOML basic string: quote, backslash and control characters escaped, the rest as is."""
    out = ['"']
    for char in text:
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif ord(char) < 0x20 or char == "\x7f":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def key(name: str) -> str:
    return name if _BARE_KEY.fullmatch(name) else string(name)


def value(item: Any) -> str:
    """An inline value: tables become inline tables."""
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, int):
        return str(item)
    if isinstance(item, float):
        if math.isnan(item):
            return "nan"
        if math.isinf(item):
            return "inf" if item > 0 else "-inf"
        return repr(item)
    if isinstance(item, str):
        return string(item)
    if isinstance(item, dt.datetime | dt.date | dt.time):
        return item.isoformat()
    if isinstance(item, list):
        return "[" + ", ".join(value(element) for element in item) + "]"
    if isinstance(item, Mapping):
        return "{" + ", ".join(f"{key(k)} = {value(v)}" for k, v in item.items()) + "}"
    raise TypeError(f"no TOML for {type(item).__name__}")


def _is_table_array(item: Any) -> bool:
    return isinstance(item, list) and bool(item) and all(isinstance(x, Mapping) for x in item)


def dumps(document: Mapping[str, Any]) -> str:
    """A document: plain values first, then [tables] and [[arrays of tables]]."""
    lines: list[str] = []
    _table(document, [], lines)
    return "\n".join(lines) + "\n"


def _table(table: Mapping[str, Any], path: list[str], lines: list[str]) -> None:
    nested = [(k, v) for k, v in table.items() if isinstance(v, Mapping) or _is_table_array(v)]
    for name, item in table.items():
        if not (isinstance(item, Mapping) or _is_table_array(item)):
            lines.append(f"{key(name)} = {value(item)}")
    for name, item in nested:
        header = ".".join(key(part) for part in [*path, name])
        if isinstance(item, Mapping):
            lines.append(f"[{header}]")
            _table(item, [*path, name], lines)
        else:
            for element in item:
                lines.append(f"[[{header}]]")
                _table(element, [*path, name], lines)
