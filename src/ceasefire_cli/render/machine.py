"""Machine formats: json, jsonl and csv. Data is written as it is, never escaped for a terminal."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable
from typing import Any

from .views import ROW_FIELDS, Listing, Report, View, cell

# JSON escapes C0 controls itself; C1 controls and bidi overrides are escaped here too, so that
# JSON shown on a terminal cannot drive it, and so are the line and paragraph separators
# U+2028/U+2029, at which str.splitlines (and older JavaScript) would cut a JSONL record.
# The parsed data is unchanged.
_INVISIBLE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_text(value: Any, *, indent: int | None) -> str:
    """JSON as every format writes it: UTF-8 as is, invisible and control characters escaped."""
    # ensure_ascii=False keeps Arabic readable.
    if indent == 2:
        text = pretty_json(value)
    else:
        separators = None if indent else (",", ":")
        text = json.dumps(value, ensure_ascii=False, indent=indent, separators=separators)
    return _INVISIBLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


class _Unusual(Exception):
    """A value pretty_json leaves to the json module (a float, a non-string key, ...)."""


def pretty_json(value: Any) -> str:
    """Exactly json.dumps(value, ensure_ascii=False, indent=2), about three times faster.

    On Python 3.11 the json module only uses its C encoder without indentation; with it,
    a 15k-event listing spent seconds in the pure-Python encoder. Strings still go through
    the C escaper. Anything but dicts with string keys, lists, tuples, strings, ints, finite
    floats, bools and None is handed to json.dumps whole, so the output never differs.
    """
    out: list[str] = []
    try:
        _pretty(value, "\n", out)
    except _Unusual:
        return json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(out)


def _pretty(value: Any, newline: str, out: list[str]) -> None:
    kind = type(value)
    if kind is str:
        out.append(_escape_string(value))
    elif kind is dict:
        _pretty_dict(value, newline, out)
    elif kind is list or kind is tuple:
        _pretty_list(value, newline, out)
    elif value is None:
        out.append("null")
    elif kind is bool:
        out.append("true" if value else "false")
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is float and math.isfinite(value):
        out.append(float.__repr__(value))  # what json writes for a finite float (search scores)
    else:
        raise _Unusual


def _pretty_dict(value: dict[Any, Any], newline: str, out: list[str]) -> None:
    if not value:
        out.append("{}")
        return
    inner = newline + "  "
    separator = "{" + inner
    for key, item in value.items():
        if type(key) is not str:
            raise _Unusual
        out.append(separator)
        out.append(_escape_string(key))
        out.append(": ")
        _pretty(item, inner, out)
        separator = "," + inner
    out.append(newline + "}")


def _pretty_list(value: list[Any] | tuple[Any, ...], newline: str, out: list[str]) -> None:
    if not value:
        out.append("[]")
        return
    inner = newline + "  "
    separator = "[" + inner
    for item in value:
        out.append(separator)
        _pretty(item, inner, out)
        separator = "," + inner
    out.append(newline + "]")


_escape_string: Callable[[str], str] = json.encoder.encode_basestring


def render_json(view: View) -> str:
    payload = view.records if isinstance(view, Listing) else view.record
    return json_text(payload, indent=2) + "\n"


def _line_records(view: View) -> list[Any]:
    if isinstance(view, Listing):
        return view.records
    if isinstance(view, Report):
        return view.rows
    return [view.record]


def render_jsonl(view: View) -> str:
    return "".join(json_text(record, indent=None) + "\n" for record in _line_records(view))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def spreadsheet_safe(text: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula: =HYPERLINK(...) gets a quote.

    Cells starting with = + - @ (or a tab or CR) get a leading apostrophe, as OWASP advises;
    plain negative numbers such as -3 (days since a deadline) are left as they are.
    """
    if text.startswith(_FORMULA_START) and not _NUMBER.match(text):
        return "'" + text
    return text


def render_csv(view: View) -> str:
    if isinstance(view, Listing):
        records, header = view.records, list(view.fields)
    elif isinstance(view, Report):
        records, header = view.rows, list(ROW_FIELDS)
    else:
        records, header = [view.record], list(view.record)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writerow(header)
    for record in records:
        writer.writerow([spreadsheet_safe(cell(record.get(name))) for name in header])
    return buffer.getvalue()
