"""A cache of loaded timelines, so that a large dataset is parsed and checked once, not per run.

Parsing a 100k-event TOML file takes seconds; reading back the same timeline from this cache
takes a fraction of that. The cache is only an optimisation: any entry that is stale, from
another version, unreadable or malformed is ignored and rebuilt, and a cache that cannot be
written is skipped. Nothing here prints.

- Key: each data file's resolved path, size, mtime and ctime (ns) and inode, and the program
  version. ctime is there because no one can set it: a file edited back to its old size and
  mtime (`touch -d`), or a new file that reuses a freed inode with a fixed mtime (a tarball
  extracted again), still changes it. The key is taken with fstat of the very file handle
  that is then read (dataset.py), *before* reading: a file changed while it is read leaves an
  entry that is already stale, and a symlink switched between the stat and the read cannot
  file one target's data under the other's key. Only regular files are cached.
- Format: marshal of plain lists, strings and numbers, never pickle (which runs code). At
  100k events marshal writes in a third of the time JSON took, which is what a first,
  uncached run pays. marshal is not meant for data from others, so the cache is trusted as
  Python trusts its own __pycache__ (marshalled code in the user's directories): the
  directory is created private (0700), and an entry not owned by the user, or writable by
  others, is ignored. A CRC-32 of the payload is checked before unmarshalling, because
  marshal can spend gigabytes on a few corrupt bytes. Nothing read back is ever run; it
  only becomes events, which every renderer treats as untrusted text anyway.
- Writes are atomic (a temporary file in the same directory, then a rename), and only the
  newest few entries are kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import marshal
import os
import stat
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .dates import parse_stored_date
from .model import Actor, Duration, Event, Moment, Place, Source, Timeline, Window

FORMAT = 3  # 3: ctime in the file keys
MIN_BYTES = 1 << 20  # smaller datasets parse faster than a cache lookup pays back
KEEP = 8  # entries kept; the oldest beyond that are removed on write
_PREFIX = "timeline-"
_SUFFIX = ".marshal"
_MAGIC = b"ceasefire timeline cache\n"

FileKey = tuple[str, int, int, int, int]  # resolved path, size, mtime ns, ctime ns, inode


def worth_caching(paths: Sequence[Path]) -> bool:
    """Whether these files are big enough for the cache to pay back (missing files: no)."""
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
        except OSError:
            return False
    return total >= MIN_BYTES


def file_key(path: Path, status: os.stat_result) -> FileKey | None:
    """The identity of a file from its stat (best: fstat of the handle it is read through);
    None for anything but a regular file, whose content can change with none of these."""
    if not stat.S_ISREG(status.st_mode):
        return None
    try:
        resolved = str(path.resolve())
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop
        return None
    return (resolved, status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def file_keys(paths: Sequence[Path]) -> list[FileKey] | None:
    """Identity of each file as it is now; None if one cannot be stat'ed or is not regular."""
    keys = []
    for path in paths:
        try:
            key = file_key(path, path.stat())
        except OSError:
            return None
        if key is None:
            return None
        keys.append(key)
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
        # Non-blocking: a FIFO put where an entry belongs would otherwise hang the open.
        descriptor = os.open(entry_path(directory, keys), os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as handle:
            status = os.fstat(handle.fileno())
            if not (stat.S_ISREG(status.st_mode) and _trusted(status)):
                return None
            raw = handle.read()
        if not raw.startswith(_MAGIC):
            return None
        start = len(_MAGIC) + 4
        checksum = int.from_bytes(raw[len(_MAGIC) : start], "big")
        payload = memoryview(raw)[start:]
        if zlib.crc32(payload) != checksum:
            return None
        data = marshal.loads(payload)
        if not isinstance(data, dict) or data.get("header") != _header(version, keys):
            return None
        return _timeline(data["timeline"])
    except (
        OSError,
        EOFError,  # marshal of an empty payload: Click would call it a Ctrl-C
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        AttributeError,
        OverflowError,
        RecursionError,
    ):
        # Missing, unreadable, truncated, not marshal data, or of another shape.
        return None


def _trusted(status: os.stat_result) -> bool:
    """An entry this user wrote: owned by them and writable by no one else."""
    if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    getuid = getattr(os, "getuid", None)  # not on Windows, where the profile is private
    return getuid is None or status.st_uid == getuid()


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
    payload = marshal.dumps({"header": _header(version, keys), "timeline": _rows(timeline)})
    import tempfile

    temporary: Path | None = None
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".tmp-", dir=directory)
        temporary = Path(name)
        with os.fdopen(handle, "wb") as stream:
            stream.write(_MAGIC + zlib.crc32(payload).to_bytes(4, "big"))
            stream.write(payload)
        entry = entry_path(directory, keys)
        temporary.replace(entry)
        temporary = None
    except OSError:
        return False  # read-only, full or missing directory: the cache is only an optimisation
    finally:
        if temporary is not None:  # also on Ctrl-C: never leave a partial file behind
            with contextlib.suppress(OSError):
                temporary.unlink()
    _prune(directory, entry)
    return True


STALE_TEMPORARY_NS = 3600 * 10**9  # a writer takes seconds; one killed (SIGTERM) leaves its file


def _prune(directory: Path, written: Path) -> None:
    """Keep the KEEP newest entries, and remove temporary files an hour older than the entry
    just `written` (its mtime is the file system's now: no clock is read here)."""
    with contextlib.suppress(OSError):
        now = written.stat().st_mtime_ns
        for path in directory.glob(".tmp-*"):
            with contextlib.suppress(OSError):
                if now - path.stat().st_mtime_ns > STALE_TEMPORARY_NS:
                    path.unlink()
    entries = []
    for path in directory.glob(f"{_PREFIX}*{_SUFFIX}"):
        with contextlib.suppress(OSError):
            entries.append((path.stat().st_mtime_ns, path))
    for _, path in sorted(entries, reverse=True)[KEEP:]:
        with contextlib.suppress(OSError):
            path.unlink()
