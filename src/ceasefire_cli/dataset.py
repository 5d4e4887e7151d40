"""Finds the bundled data, reads TOML files, validates them with locations, overlays user files.

Everything read from a file is untrusted: it is checked here and only ever stored as data.
It must not print, read the clock, or import typer/rich.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from . import collector, schema, tomlparse
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
# A regular file is read whole, whatever its size (a million events is 1.5 GB). Anything
# else (a device such as /dev/zero, a FIFO, /proc) is read up to this much, so that an
# input that never ends is refused instead of exhausting memory.
MAX_STREAM_BYTES = 256 * 2**20


def bundled_path() -> Path:
    """The dataset shipped with the package: inside the wheel, or at the repo root in a checkout."""
    # Plain paths, not importlib.resources: that import costs ~25 ms of start-up.
    here = Path(__file__).resolve().parent
    packaged = here / "data" / BUNDLED_NAME
    if packaged.is_file():
        return packaged
    # Editable installs and source checkouts: src/ceasefire_cli/ -> repo root/data/
    return here.parents[1] / "data" / BUNDLED_NAME


_HEADER = re.compile(
    rf"[ \t]*\[\[[ \t]*({'|'.join(schema.RECORD_ARRAYS)})[ \t]*\]\][ \t]*(?:#[^\n]*)?\r?$"
)


def _header_lines(text: str) -> dict[str, list[int]]:
    """Line numbers of each [[events]] / [[actors]] / [[windows]] / [[places]] header, in order."""
    # Jump from one "[[" to the next and count "\n" between them, as TOML counts lines: a
    # line-by-line loop, or a multi-line regex trying every line, cost 0.1 s per 10k events.
    found: dict[str, list[int]] = {"events": [], "actors": [], "windows": [], "places": []}
    number, counted = 1, 0
    at = text.find("[[")
    while at != -1:
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        match = _HEADER.match(text, line_start, len(text) if line_end == -1 else line_end)
        if match:
            number += text.count("\n", counted, line_start)
            counted = line_start
            found[match.group(1)].append(number)
        at = text.find("[[", at + 2)
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


def _read_document(
    doc: Mapping[str, Any], text: str, content: FileContent, *, locate: bool
) -> None:
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
    # Line numbers only serve messages: a valid load skips the scan for them (0.1 s per 10k
    # events), and load_timeline reads the files again, located, when there is a problem.
    lines = _header_lines(text) if locate else {kind: [] for kind in schema.TOP_LEVEL_KEYS}
    content.text = text
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


def _read_text(path: Path, opened: BinaryIO | None = None) -> str:
    """The file (or the handle already `opened` on it) as UTF-8 text with universal newlines
    (as text mode reads it); at most MAX_STREAM_BYTES of anything but a regular file."""
    with contextlib.nullcontext(opened) if opened is not None else path.open("rb") as handle:
        if stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            data = handle.read()
        else:
            data = handle.read(MAX_STREAM_BYTES + 1)
            if len(data) > MAX_STREAM_BYTES:
                raise _TooLargeError
    text = data.decode("utf-8")
    del data  # at a million events the bytes alone are 1.5 GB
    if "\r" in text:  # each replace copies the whole text: only when there is a CR
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_file(path: Path, *, locate: bool = True, opened: BinaryIO | None = None) -> FileContent:
    """Read and check one dataset file; problems are collected, never raised.

    locate=False leaves records without line numbers, which is faster."""
    content = FileContent(origin=str(path))
    try:
        text = _read_text(path, opened)
    except _TooLargeError:
        content.problems.append(
            Problem(
                str(path),
                f"not a regular file, and more than {MAX_STREAM_BYTES // 2**20} MB long; "
                "give a TOML file",
            )
        )
        return content
    except FileNotFoundError:
        content.problems.append(Problem(str(path), "no such file; check the path"))
        return content
    except IsADirectoryError:
        content.problems.append(
            Problem(str(path), "is a directory, not a TOML file; give a file in it")
        )
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
        doc = tomlparse.loads(text)
    except tomlparse.TomlSyntaxError as err:
        line, column, message, position = err.lineno, err.colno, err.msg, err.pos
        found = text[position] if position < len(text) else ""
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
    _read_document(doc, text, content, locate=locate)
    content.problems.sort(key=lambda problem: problem.line or 0)  # stable: file order
    return content


def _too_deep_line(text: str) -> int | None:
    """The line where the parser gives up on nesting: the shortest run of first lines that
    still raises RecursionError (up to there the parser reads a prefix as it reads the whole)."""
    lines = text.split("\n")  # TOML's lines, as the parser counts them
    low, high = 1, len(lines)  # invariant: the first `high` lines raise

    def too_deep(count: int) -> bool:
        try:
            tomlparse.parse_with_tomli("\n".join(lines[:count]))
        except RecursionError:
            return True
        except tomlparse.TomlSyntaxError:
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
    # Reported file by file, line by line: a reference checked here belongs among its file's
    # own problems (an unknown actor on line 20 before an unknown key on line 25).
    rank = {content.origin: number for number, content in enumerate(contents)}
    merged.problems.sort(key=lambda problem: (rank.get(problem.file, -1), problem.line or 0))
    merged.events = list(events.values())
    merged.actors = list(actors.values())
    merged.windows = list(windows.values())
    merged.places = list(places.values())
    return merged


# A cycle longer than this is named by its length and a few of its windows.
_CYCLE_SHOWN = 8


def _supersession_cycles(windows: Mapping[str, Window]) -> list[Problem]:
    """A window that, through `supersedes`, ends up superseding itself.

    Each window supersedes at most one other, so every window is walked once (a chain of
    thousands of windows, walked from each of them against a list, took minutes)."""
    done: set[str] = set()
    cycles: dict[str, tuple[list[str], int]] = {}  # a window in a cycle -> (cycle, position)
    for start in windows:
        path: list[str] = []
        on_path: dict[str, int] = {}
        current: str | None = start
        while current is not None and current in windows and current not in done:
            if current in on_path:  # back on this walk: a cycle from there
                cycle = path[on_path[current] :]
                if len(cycle) > 1:  # a window naming itself is reported on its own
                    cycles.update((name, (cycle, index)) for index, name in enumerate(cycle))
                break
            on_path[current] = len(path)
            path.append(current)
            current = windows[current].supersedes
        done.update(path)
    problems = []
    for window in windows.values():
        if window.id not in cycles:
            continue
        members, at = cycles[window.id]
        size = len(members)
        if size <= _CYCLE_SHOWN:
            chain = " -> ".join([*(members[(at + step) % size] for step in range(size)), window.id])
            message = f"cycle: {chain}"
        else:
            shown = " -> ".join(members[(at + step) % size] for step in range(_CYCLE_SHOWN // 2))
            before = members[(at - 1) % size]
            message = f"cycle of {size} windows: {shown} -> ... -> {before} -> {window.id}"
        problems.append(_cross_problem(window, "window", "supersedes", message))
    return problems


def dataset_paths(user_files: Sequence[Path], *, bundled: bool) -> list[Path]:
    return ([bundled_path()] if bundled else []) + list(user_files)


def check_files(paths: Sequence[Path]) -> list[Problem]:
    """Every problem in these files taken together (what `validate` reports)."""
    return _merge([read_file(path) for path in paths]).problems


def load_timeline(
    user_files: Sequence[Path] = (),
    *,
    bundled: bool = True,
    cache_dir: Path | None = None,
    defer: Callable[[Callable[[], object]], None] | None = None,
) -> Timeline:
    """Load the bundled dataset (unless bundled=False) overlaid with user files, in order.

    With `cache_dir`, a timeline loaded before from the same unchanged files is read back
    from there, and a new one is stored (see cache.py). Raises DataError listing every
    problem when any file is invalid; invalid data is never cached. With `defer`, writing a
    new cache entry is handed to it instead of done here (the command line does it after
    the answer is out).
    """
    paths = dataset_paths(user_files, bundled=bundled)
    with collector.paused():  # see collector.py
        return _load_or_read_cache(paths, cache_dir, defer)


def _load_or_read_cache(
    paths: Sequence[Path],
    cache_dir: Path | None,
    defer: Callable[[Callable[[], object]], None] | None,
) -> Timeline:
    if cache_dir is None:
        return _load(paths)
    # Imported here: only large datasets are cached, and the bundled one never pays for it.
    from . import __version__, cache

    if cache.file_keys(paths) is None:  # missing, unreadable or not a regular file
        return _load(paths)  # which reports it
    with contextlib.ExitStack() as stack:
        try:
            handles = [stack.enter_context(path.open("rb")) for path in paths]
        except OSError:
            return _load(paths)
        # The key is the fstat of the very handles read below, taken before reading: a file
        # changed meanwhile leaves a stale entry, and a symlink switched in between cannot
        # file one target's data under the other's key (see cache.py).
        found = [
            cache.file_key(p, os.fstat(h.fileno())) for p, h in zip(paths, handles, strict=True)
        ]
        keys = [key for key in found if key is not None]
        if len(keys) != len(paths):
            return _load(paths)
        cached = cache.read(cache_dir, keys, __version__)
        if cached is not None:
            return cached
        timeline = _load(paths, handles)
    if defer is None:
        cache.write(cache_dir, keys, __version__, timeline)
    else:
        defer(lambda: cache.write(cache_dir, keys, __version__, timeline))
    return timeline


def _load(paths: Sequence[Path], handles: Sequence[BinaryIO] | None = None) -> Timeline:
    opened: Sequence[BinaryIO | None] = handles or [None] * len(paths)
    merged = _merge(
        [read_file(path, locate=False, opened=h) for path, h in zip(paths, opened, strict=True)]
    )
    if merged.problems:  # read again, with the line of every problem
        raise DataError(_merge([read_file(path) for path in paths]).problems)
    events = sorted(merged.events, key=lambda event: event.sort_key)
    windows = sorted(merged.windows, key=lambda window: (window.issued, window.id))
    return Timeline(
        tuple(events),
        tuple(merged.actors),
        tuple(str(path) for path in paths),
        tuple(windows),
        tuple(merged.places),
    )
