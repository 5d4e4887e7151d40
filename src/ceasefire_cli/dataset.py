"""Finds the bundled data, reads TOML files, validates them with locations, overlays user files.

Everything read from a file is untrusted: it is checked here and only ever stored as data.
It must not print, read the clock, or import typer/rich.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

# tomli, not the stdlib tomllib: its compiled wheels parse the bundled file 3.3x faster.
import tomli as toml

from . import schema
from .dataset_records import (
    FileContent,
    did_you_mean,
    read_actor,
    read_event,
    read_place,
    read_window,
)
from .errors import DataError, Problem, quote, shorten
from .model import Actor, Event, Place, Timeline, Window

BUNDLED_NAME = "events.toml"
# A dataset file is read whole; a bigger one (or a device that never ends, like /dev/zero)
# would exhaust memory long before it parsed. 150 MB of events (100,000) loads in ~30 s.
MAX_FILE_BYTES = 256 * 2**20


def bundled_path() -> Path:
    """The dataset shipped with the package: inside the wheel, or at the repo root in a checkout."""
    # Plain paths, not importlib.resources: that import costs ~25 ms of start-up.
    here = Path(__file__).resolve().parent
    packaged = here / "data" / BUNDLED_NAME
    if packaged.is_file():
        return packaged
    # Editable installs and source checkouts: src/ceasefire_cli/ -> repo root/data/
    return here.parents[1] / "data" / BUNDLED_NAME


def _lines(text: str) -> list[str]:
    """The lines as TOML (and tomli's error positions) count them: split at LF only.
    str.splitlines would also split at U+2028, U+0085 and others, which a TOML string may
    hold, and every line number after one would be off."""
    return text.split("\n")


_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*(events|actors|windows|places)[ \t]*\]\][ \t]*(?:#.*)?$")


def _header_lines(text: str) -> dict[str, list[int]]:
    """Line numbers of each [[events]] / [[actors]] / [[windows]] / [[places]] header, in order."""
    found: dict[str, list[int]] = {"events": [], "actors": [], "windows": [], "places": []}
    for number, line in enumerate(_lines(text), start=1):
        match = _HEADER.match(line)
        if match:
            found[match.group(1)].append(number)
    return found


def _read_records(
    doc: Mapping[str, Any], kind: str, lines: list[int], content: FileContent
) -> list[tuple[Mapping[str, Any], int | None]]:
    value = doc.get(kind, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        content.problems.append(
            Problem(content.origin, f"'{kind}' must be an array of tables: write [[{kind}]]")
        )
        return []
    # Line numbers come from the [[kind]] headers; an inline array has none to give.
    located = len(lines) == len(value)
    return [(table, lines[i] if located else None) for i, table in enumerate(value)]


def _read_document(doc: Mapping[str, Any], text: str, content: FileContent) -> None:
    for key in doc:
        if key not in schema.TOP_LEVEL_KEYS:
            hint = did_you_mean(key, schema.TOP_LEVEL_KEYS)
            content.problems.append(
                Problem(content.origin, f"unknown top-level key {quote(key)}{hint}")
            )
    meta = doc.get("dataset", {})
    if not isinstance(meta, dict):
        content.problems.append(Problem(content.origin, "'dataset' must be a table: [dataset]"))
    else:
        for key in meta:
            if key not in schema.DATASET_KEYS:
                hint = did_you_mean(key, schema.DATASET_KEYS)
                content.problems.append(
                    Problem(
                        content.origin, f"unknown key{hint}", None, None, "dataset", shorten(key)
                    )
                )
    lines = _header_lines(text)
    content.text_lines = _lines(text)
    content.record_starts = sorted(line for found in lines.values() for line in found)
    readers = (
        ("actors", read_actor),
        ("events", read_event),
        ("windows", read_window),
        ("places", read_place),
    )
    for kind, read in readers:
        records = _read_records(doc, kind, lines[kind], content)
        _check_duplicates(kind[:-1], records, content)
        for table, line in records:
            read(table, line, content)


def _check_duplicates(
    kind: str, records: list[tuple[Mapping[str, Any], int | None]], content: FileContent
) -> None:
    # Checked on the raw tables so that a duplicate is reported even when one copy is invalid.
    first_line: dict[str, int | None] = {}
    for table, line in records:
        record_id = table.get("id")
        if not isinstance(record_id, str):
            continue
        if record_id not in first_line:
            first_line[record_id] = line
            continue
        earlier = first_line[record_id]
        where = f" (first at line {earlier})" if earlier is not None else ""
        content.problems.append(
            Problem(
                content.origin,
                f"duplicate id{where}",
                line,
                None,
                f"{kind} {shorten(record_id)}",
                "id",
            )
        )


# What TOML allows nowhere raw: C0 controls but tab and newline, and DEL.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


class _TooLargeError(Exception):
    pass


def _read_text(path: Path) -> str:
    """The file as UTF-8 text with universal newlines (as text mode reads it), at most
    MAX_FILE_BYTES of it."""
    with path.open("rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise _TooLargeError
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def read_file(path: Path) -> FileContent:
    """Read and check one dataset file; problems are collected, never raised."""
    content = FileContent(origin=str(path))
    try:
        text = _read_text(path)
    except _TooLargeError:
        content.problems.append(
            Problem(
                str(path),
                f"larger than {MAX_FILE_BYTES // 2**20} MB; split it into several --data files",
            )
        )
        return content
    except FileNotFoundError:
        content.problems.append(Problem(str(path), "no such file; check the path"))
        return content
    except IsADirectoryError:
        content.problems.append(Problem(str(path), "is a directory, not a TOML file"))
        return content
    except PermissionError:
        content.problems.append(
            Problem(str(path), "permission denied; check the file's permissions")
        )
        return content
    except UnicodeDecodeError as err:
        where = err.object.count(b"\n", 0, err.start) + 1
        content.problems.append(
            Problem(str(path), f"not UTF-8 text (byte {err.start}); save it as UTF-8", where)
        )
        return content
    except OSError as err:
        content.problems.append(Problem(str(path), f"cannot be read: {err.strerror or err}"))
        return content
    if text.startswith("\ufeff"):
        # Some editors start UTF-8 files with a byte-order mark, which TOML does not allow;
        # the parser would only say "Invalid statement".
        message = "starts with a byte-order mark (BOM); save it as UTF-8 without BOM"
        content.problems.append(Problem(str(path), message, 1, 1))
        return content
    try:
        doc = toml.loads(text)
    except toml.TOMLDecodeError as err:
        line, column = getattr(err, "lineno", None), getattr(err, "colno", None)
        message = getattr(err, "msg", str(err))
        position = getattr(err, "pos", None)
        found = text[position] if isinstance(position, int) and position < len(text) else ""
        if _CONTROL.fullmatch(found) and repr(found)[1:-1] not in message:
            # Outside a string the parser only says "Invalid statement" or "Expected newline".
            message = f"control character U+{ord(found):04X} is not allowed; delete it"
        content.problems.append(Problem(str(path), f"TOML syntax error: {message}", line, column))
        return content
    except RecursionError:
        # tomli refuses arrays or inline tables nested hundreds deep, and keys of over a
        # thousand dotted parts, with a RecursionError rather than a TOMLDecodeError.
        content.problems.append(
            Problem(
                str(path),
                "TOML nested too deep (arrays, inline tables or dotted keys); flatten it",
                _too_deep_line(text),
            )
        )
        return content
    _read_document(doc, text, content)
    content.problems.sort(key=lambda problem: problem.line or 0)  # stable: file order
    return content


def _too_deep_line(text: str) -> int | None:
    """The line where the parser gives up on nesting: the shortest run of first lines that
    still raises RecursionError (up to there the parser reads a prefix as it reads the whole)."""
    lines = text.split("\n")  # TOML's lines, as the parser counts them
    low, high = 1, len(lines)  # invariant: the first `high` lines raise

    def too_deep(count: int) -> bool:
        try:
            toml.loads("\n".join(lines[:count]))
        except RecursionError:
            return True
        except toml.TOMLDecodeError:
            return False
        return False

    if not too_deep(high):
        return None
    while low < high:
        middle = (low + high) // 2
        if too_deep(middle):
            high = middle
        else:
            low = middle + 1
    return high


def _cross_problem(record: Event | Window, kind: str, field_name: str, message: str) -> Problem:
    record_name = f"{kind} {shorten(record.id)}"
    return Problem(record.origin, message, record.line, None, record_name, field_name)


def _merge(contents: Sequence[FileContent]) -> FileContent:
    """Overlay files in order (a later record with the same id replaces an earlier one),
    then check the references between records."""
    events: dict[str, Event] = {}
    actors: dict[str, Actor] = {}
    windows: dict[str, Window] = {}
    places: dict[str, Place] = {}
    merged = FileContent(origin="")
    for content in contents:
        merged.problems.extend(content.problems)
        events.update((event.id, event) for event in content.events)
        actors.update((actor.id, actor) for actor in content.actors)
        windows.update((window.id, window) for window in content.windows)
        places.update((place.name, place) for place in content.places)
    for event in events.values():
        for actor_id in event.actors:
            if actor_id not in actors:
                message = f"unknown actor {quote(actor_id)}{did_you_mean(actor_id, actors)}"
                merged.problems.append(
                    _cross_problem(
                        event, "event", "actors", f"{message}; add it as [[actors]] or fix the id"
                    )
                )
    superseded = {window.supersedes for window in windows.values()}
    for window in windows.values():
        if window.event_id not in events:
            message = (
                f"unknown event {quote(window.event_id)}{did_you_mean(window.event_id, events)}"
            )
            merged.problems.append(_cross_problem(window, "window", "event", message))
        if window.supersedes is not None and window.supersedes not in windows:
            hint = did_you_mean(window.supersedes, windows)
            message = f"unknown window {quote(window.supersedes)}{hint}"
            merged.problems.append(_cross_problem(window, "window", "supersedes", message))
        if window.supersedes == window.id:
            merged.problems.append(_cross_problem(window, "window", "supersedes", "names itself"))
        replaced = windows.get(window.supersedes or "")
        if replaced is not None and replaced.issued > window.issued:
            message = f"supersedes '{replaced.id}', issued later ({replaced.issued})"
            merged.problems.append(_cross_problem(window, "window", "supersedes", message))
        announcing = events.get(window.event_id)
        if announcing is not None and not announcing.period.contains(window.issued):
            message = (
                f"issued {window.issued}, but event '{announcing.id}' is dated {announcing.date}"
            )
            merged.problems.append(_cross_problem(window, "window", "issued", message))
        if window.outcome == "superseded" and window.id not in superseded:
            message = "'superseded', but no window has supersedes = this id"
            merged.problems.append(_cross_problem(window, "window", "outcome", message))
    merged.problems.extend(_supersession_cycles(windows))
    merged.events = list(events.values())
    merged.actors = list(actors.values())
    merged.windows = list(windows.values())
    merged.places = list(places.values())
    return merged


def _supersession_cycles(windows: Mapping[str, Window]) -> list[Problem]:
    """A window that, through `supersedes`, ends up superseding itself."""
    problems = []
    for window in windows.values():
        seen, current = [window.id], window.supersedes
        while current is not None and current in windows and current not in seen:
            seen.append(current)
            current = windows[current].supersedes
        if current == window.id and len(seen) > 1:
            chain = " -> ".join([*seen, window.id])
            problems.append(_cross_problem(window, "window", "supersedes", f"cycle: {chain}"))
    return problems


def dataset_paths(user_files: Sequence[Path], *, bundled: bool) -> list[Path]:
    return ([bundled_path()] if bundled else []) + list(user_files)


def check_files(paths: Sequence[Path]) -> list[Problem]:
    """Every problem in these files taken together (what `validate` reports)."""
    return _merge([read_file(path) for path in paths]).problems


def load_timeline(user_files: Sequence[Path] = (), *, bundled: bool = True) -> Timeline:
    """Load the bundled dataset (unless bundled=False) overlaid with user files, in order.

    Raises DataError listing every problem when any file is invalid.
    """
    paths = dataset_paths(user_files, bundled=bundled)
    merged = _merge([read_file(path) for path in paths])
    if merged.problems:
        raise DataError(merged.problems)
    events = sorted(merged.events, key=lambda event: event.sort_key)
    windows = sorted(merged.windows, key=lambda window: (window.issued, window.id))
    return Timeline(
        tuple(events),
        tuple(merged.actors),
        tuple(str(path) for path in paths),
        tuple(windows),
        tuple(merged.places),
    )
