"""Machine formats: json, jsonl and csv. Data is written as it is, never escaped for a terminal."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from .views import ROW_FIELDS, Listing, Report, View, cell

# JSON escapes C0 controls itself; C1 controls and bidi overrides are escaped here too, so that
# JSON shown on a terminal cannot drive it, and so are the line and paragraph separators
# U+2028/U+2029, at which str.splitlines (and older JavaScript) would cut a JSONL record.
# The parsed data is unchanged.
_INVISIBLE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# The same characters in UTF-8. Searched for in orjson's bytes, pattern by pattern, before
# the text is: each starts with a fixed byte, which the re module finds about three times
# faster than it tests every character of the text against a class (0.35 s against 0.9 s
# for 120 MB), and nearly always there is nothing to escape.
_INVISIBLE_UTF8 = tuple(
    re.compile(pattern)
    for pattern in (b"\x7f", b"\xc2[\x80-\x9f]", b"\xe2\x80[\xa8-\xae]", b"\xe2\x81[\xa6-\xa9]")
)


def json_text(value: Any, *, pretty: bool) -> str:
    """JSON as every format writes it: UTF-8 as is, invisible and control characters escaped;
    pretty (indented by 2: json, TimelineJS) or on one line (jsonl)."""
    written = _dumps(value, pretty=pretty)
    if isinstance(written, bytes):
        text = written.decode()
        if not any(pattern.search(written) for pattern in _INVISIBLE_UTF8):
            return text
    else:
        text = written
    return _INVISIBLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _dumps(value: Any, *, pretty: bool) -> bytes | str:
    """What json.dumps(value, ensure_ascii=False) writes, indented by 2 or without spaces:
    as UTF-8 from orjson, or as a str from the json module.

    On Python 3.11 the json module indents only in pure Python: a 100k-event search spent
    4 s there, against under 1 s in orjson. orjson writes the same text for every value the
    commands produce (dicts with string keys, lists, strings, 64-bit ints, bools, None, and
    the scores, floats rounded to 4 places); what it would write differently or cannot
    write at all (ints beyond 64 bits, other keys, tuples of a subclass, lone surrogates) it
    refuses with a TypeError, and then the json module writes it. Other floats are written
    in their shortest exact form, but as 1e-5 where json writes 1e-05, and NaN as null.
    """
    import orjson  # here: the JSON paths only (it imports dataclasses and inspect)

    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2 if pretty else None)
    except TypeError:
        if pretty:
            return json.dumps(value, ensure_ascii=False, indent=2)
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def render_json(view: View) -> str:
    payload = view.records if isinstance(view, Listing) else view.record
    return json_text(payload, pretty=True) + "\n"


def _line_records(view: View) -> list[Any]:
    if isinstance(view, Listing):
        return view.records
    if isinstance(view, Report):
        return view.rows
    return [view.record]


def render_jsonl(view: View) -> str:
    return "".join(json_text(record, pretty=False) + "\n" for record in _line_records(view))


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
