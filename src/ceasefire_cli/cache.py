"""A cache of loaded timelines, so that a large dataset is parsed and checked once, not per run.

Parsing a 100k-event TOML file takes seconds; reading back the same timeline from this cache
takes a fraction of that. The cache is only an optimisation: any entry that is stale, from
another version, unreadable or malformed is ignored and rebuilt, and a cache that cannot be
written is skipped. Nothing here prints.

- Key: each data file's resolved path, size, mtime (ns) and inode, and the program version.
  The files are stat'ed *before* they are read, so a file changed while it is being read
  leaves an entry that is already stale.
- Format: JSON, parsed by the standard library. Never pickle or marshal, which are not safe
  to read back from a directory someone else might write to; JSON can at worst hold wrong
  data, and every renderer treats data as untrusted text anyway.
- Writes are atomic (a temporary file in the same directory, then a rename), the directory
  is created private (0700), and only the newest few entries are kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .dates import parse_stored_date
from .model import Actor, Duration, Event, Moment, Place, Source, Timeline, Window

FORMAT = 1
MIN_BYTES = 1 << 20  # smaller datasets parse faster than a cache lookup pays back
KEEP = 8  # entries kept; the oldest beyond that are removed on write
_PREFIX = "timeline-"
_SUFFIX = ".json"

FileKey = tuple[str, int, int, int]


def worth_caching(paths: Sequence[Path]) -> bool:
    """Whether these files are big enough for the cache to pay back (missing files: no)."""
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
        except OSError:
            return False
    return total >= MIN_BYTES


def file_keys(paths: Sequence[Path]) -> list[FileKey] | None:
    """Identity of each file as it is now; None if one cannot be stat'ed."""
    keys = []
    for path in paths:
        try:
            resolved = path.resolve()
            status = resolved.stat()
        except (OSError, RuntimeError):  # RuntimeError: a symlink loop
            return None
        keys.append((str(resolved), status.st_size, status.st_mtime_ns, status.st_ino))
    return keys


def entry_path(directory: Path, keys: Sequence[FileKey]) -> Path:
    """One entry per list of files, so that a changed file overwrites its own stale entry."""
    import hashlib  # imported when used, like tempfile below: start-up time

    names = "\0".join(key[0] for key in keys)
    digest = hashlib.sha256(names.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return directory / f"{_PREFIX}{digest}{_SUFFIX}"


def _header(version: str, keys: Sequence[FileKey]) -> list[Any]:
    return ["ceasefire-timeline-cache", FORMAT, version, [list(key) for key in keys]]


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def read(directory: Path, keys: Sequence[FileKey], version: str) -> Timeline | None:
    """The cached timeline for exactly these files and this version, or None."""
    try:
        data = json.loads(entry_path(directory, keys).read_bytes())
        if not isinstance(data, dict) or data.get("header") != _header(version, keys):
            return None
        return _timeline(data["timeline"])
    except (
        OSError,
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        AttributeError,
        OverflowError,
        RecursionError,
    ):
        # Missing, unreadable, truncated, not JSON, too deeply nested, or of another shape.
        return None


def _moment(text: str | None) -> Moment | None:
    if text is None:
        return None
    if "T" in text:
        return dt.datetime.fromisoformat(text)
    return dt.date.fromisoformat(text)


def _day(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def _sources(rows: list[list[Any]]) -> tuple[Source, ...]:
    return tuple(Source(str(name), url) for name, url in rows)


def _event(row: list[Any]) -> Event:
    (
        event_id, date, title, summary, title_ar, text_ar, actors, places, tags,
        sources, provenance, dating, reported_date, note, origin, line,
    ) = row  # fmt: skip
    precision, period = parse_stored_date(date)
    return Event(
        event_id, date, precision, period, title, summary, title_ar, text_ar,
        tuple(actors), tuple(places), tuple(tags), _sources(sources), provenance, dating,
        reported_date, note, origin, line,
    )  # fmt: skip


def _window(row: list[Any]) -> Window:
    (
        window_id, kind, title, event_id, issued, start, duration, end, supersedes,
        outcome, outcome_date, quote_ar, note, sources, origin, line,
    ) = row  # fmt: skip
    return Window(
        window_id, kind, title, event_id, dt.date.fromisoformat(issued), _moment(start),
        None if duration is None else Duration(*duration), _moment(end), supersedes,
        outcome, _day(outcome_date), quote_ar, note, _sources(sources), origin, line,
    )  # fmt: skip


def _timeline(data: dict[str, Any]) -> Timeline:
    return Timeline(
        events=tuple(_event(row) for row in data["events"]),
        actors=tuple(
            Actor(id_, name, name_ar, role, role_ar, kind, tuple(aliases), line)
            for id_, name, name_ar, role, role_ar, kind, aliases, line in data["actors"]
        ),
        files=tuple(data["files"]),
        windows=tuple(_window(row) for row in data["windows"]),
        places=tuple(
            Place(name, name_ar, tuple(aliases), line)
            for name, name_ar, aliases, line in data["places"]
        ),
    )


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def _moment_text(moment: Moment | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _event_row(e: Event) -> list[Any]:
    return [
        e.id, e.date, e.title, e.summary, e.title_ar, e.text_ar, e.actors, e.places, e.tags,
        [[s.name, s.url] for s in e.sources], e.provenance, e.dating, e.reported_date, e.note,
        e.origin, e.line,
    ]  # fmt: skip


def _window_row(w: Window) -> list[Any]:
    duration = None if w.duration is None else [w.duration.min, w.duration.max, w.duration.unit]
    outcome_date = None if w.outcome_date is None else w.outcome_date.isoformat()
    return [
        w.id, w.kind, w.title, w.event_id, w.issued.isoformat(), _moment_text(w.start), duration,
        _moment_text(w.end), w.supersedes, w.outcome, outcome_date, w.quote_ar, w.note,
        [[s.name, s.url] for s in w.sources], w.origin, w.line,
    ]  # fmt: skip


def _rows(timeline: Timeline) -> dict[str, Any]:
    return {
        "files": list(timeline.files),
        "events": [_event_row(e) for e in timeline.events],
        "actors": [
            [a.id, a.name, a.name_ar, a.role, a.role_ar, a.kind, a.aliases, a.line]
            for a in timeline.actors
        ],
        "windows": [_window_row(w) for w in timeline.windows],
        "places": [[p.name, p.name_ar, p.aliases, p.line] for p in timeline.places],
    }


def write(directory: Path, keys: Sequence[FileKey], version: str, timeline: Timeline) -> bool:
    """Store the timeline atomically; False (and nothing left behind) if it cannot be written."""
    text = json.dumps(
        {"header": _header(version, keys), "timeline": _rows(timeline)},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    import tempfile

    temporary: Path | None = None
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".tmp-", dir=directory)
        temporary = Path(name)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        temporary.replace(entry_path(directory, keys))
        temporary = None
    except OSError:
        return False  # read-only, full or missing directory: the cache is only an optimisation
    finally:
        if temporary is not None:  # also on Ctrl-C: never leave a partial file behind
            with contextlib.suppress(OSError):
                temporary.unlink()
    _prune(directory)
    return True


def _prune(directory: Path) -> None:
    """Keep the KEEP newest entries."""
    entries = []
    for path in directory.glob(f"{_PREFIX}*{_SUFFIX}"):
        with contextlib.suppress(OSError):
            entries.append((path.stat().st_mtime_ns, path))
    for _, path in sorted(entries, reverse=True)[KEEP:]:
        with contextlib.suppress(OSError):
            path.unlink()
