"""Finds the bundled data, reads TOML files, validates them with locations, overlays user files.

Everything read from a file is untrusted: it is checked here and only ever stored as data.
It must not print, read the clock, or import typer/rich.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

# tomli, not the stdlib tomllib: its compiled wheels parse about 2.5x faster (same API).
import tomli as toml

from . import schema
from .dates import DateError, parse_stored_date
from .errors import DataError, Problem
from .model import Actor, Event, Source, Timeline

BUNDLED_NAME = "events.toml"


def bundled_path() -> Path:
    """The dataset shipped with the package: inside the wheel, or at the repo root in a checkout."""
    packaged = Path(str(resources.files("ceasefire_cli"))) / "data" / BUNDLED_NAME
    if packaged.is_file():
        return packaged
    # Editable installs and source checkouts: src/ceasefire_cli/ -> repo root/data/
    return Path(__file__).resolve().parents[2] / "data" / BUNDLED_NAME


@dataclass
class _FileContent:
    """What one file contributes, before files are merged."""

    origin: str
    events: list[Event] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*(events|actors)[ \t]*\]\][ \t]*(?:#.*)?$")


def _header_lines(text: str) -> dict[str, list[int]]:
    """Line numbers of each [[events]] / [[actors]] header, in order (TOML keeps array order)."""
    found: dict[str, list[int]] = {"events": [], "actors": []}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _HEADER.match(line)
        if match:
            found[match.group(1)].append(number)
    return found


def _did_you_mean(key: str, valid: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, list(valid), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


class _Checker:
    """Collects problems for one record (an event or an actor) of one file."""

    def __init__(self, content: _FileContent, line: int | None, record: str) -> None:
        self.content = content
        self.line = line
        self.record = record

    def problem(self, message: str, field_name: str | None = None) -> None:
        self.content.problems.append(
            Problem(self.content.origin, message, self.line, None, self.record, field_name)
        )

    def keys(self, table: Mapping[str, Any], valid: Sequence[str], required: Sequence[str]) -> None:
        for key in table:
            if key not in valid:
                self.problem(f"unknown key{_did_you_mean(key, valid)}", key)
        for key in required:
            if key not in table:
                self.problem("missing (required)", key)

    def text(self, table: Mapping[str, Any], key: str) -> str | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(f"must be a string, not {_toml_type(value)}", key)
            return None
        if not value.strip():
            self.problem("is empty; leave the key out instead", key)
            return None
        return value

    def choice(self, table: Mapping[str, Any], key: str, choices: Sequence[str]) -> str | None:
        value = self.text(table, key)
        if value is not None and value not in choices:
            self.problem(f"'{value}' is not one of: {', '.join(choices)}", key)
            return None
        return value

    def strings(self, table: Mapping[str, Any], key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem("must be a list of strings", key)
            return ()
        return tuple(value)


def _toml_type(value: object) -> str:
    names = {
        bool: "a boolean",
        int: "an integer",
        float: "a float",
        list: "an array",
        dict: "a table",
    }
    return names.get(type(value), type(value).__name__)


def _read_actor(table: Mapping[str, Any], line: int | None, content: _FileContent) -> None:
    raw_id = table.get("id")
    check = _Checker(content, line, f"actor {raw_id}" if isinstance(raw_id, str) else "actor")
    check.keys(table, schema.ACTOR_KEYS, schema.ACTOR_REQUIRED)
    actor_id = check.text(table, "id")
    name = check.text(table, "name")
    if actor_id is not None and not schema.ID_PATTERN.match(actor_id):
        check.problem("must be lowercase kebab-case (a-z, 0-9, '-')", "id")
        actor_id = None
    kind = check.choice(table, "kind", schema.ACTOR_KINDS)
    aliases = check.strings(table, "aliases")
    if actor_id is None or name is None:
        return
    content.actors.append(
        Actor(
            id=actor_id,
            name=name,
            name_ar=check.text(table, "name_ar"),
            role=check.text(table, "role"),
            role_ar=check.text(table, "role_ar"),
            kind=kind,
            aliases=aliases,
            line=line,
        )
    )


def _read_sources(check: _Checker, value: object) -> tuple[Source, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        check.problem("must be an array of tables ([[events.sources]])", "sources")
        return ()
    sources = []
    for item in value:
        for key in item:
            if key not in schema.SOURCE_KEYS:
                check.problem(
                    f"unknown key{_did_you_mean(key, schema.SOURCE_KEYS)}", f"sources.{key}"
                )
        name = check.text(item, "name")
        url = check.text(item, "url")
        if url is not None and not schema.URL_PATTERN.match(url):
            check.problem(f"'{url}' is not an http(s) URL", "sources.url")
        if name is None:
            check.problem("missing (required)", "sources.name")
        else:
            sources.append(Source(name, url))
    return tuple(sources)


def _read_event(table: Mapping[str, Any], line: int | None, content: _FileContent) -> None:
    raw_id = table.get("id")
    check = _Checker(content, line, f"event {raw_id}" if isinstance(raw_id, str) else "event")
    check.keys(table, schema.EVENT_KEYS, schema.EVENT_REQUIRED)
    event_id = check.text(table, "id")
    if event_id is not None and not schema.ID_PATTERN.match(event_id):
        check.problem("must be lowercase kebab-case (a-z, 0-9, '-')", "id")
        event_id = None
    date_text = check.text(table, "date")
    parsed = None
    if date_text is not None:
        try:
            parsed = parse_stored_date(date_text)
        except DateError as err:
            check.problem(f"'{date_text}': {err}; write YYYY, YYYY-MM or YYYY-MM-DD", "date")
    reported = check.text(table, "reported_date")
    if reported is not None:
        try:
            parse_stored_date(reported)
        except DateError as err:
            check.problem(
                f"'{reported}': {err}; write YYYY, YYYY-MM or YYYY-MM-DD", "reported_date"
            )
    title = check.text(table, "title")
    tags = check.strings(table, "tags")
    for tag in tags:
        if not schema.TAG_PATTERN.match(tag):
            check.problem(f"'{tag}' must be lowercase kebab-case", "tags")
    texts = {key: check.text(table, key) for key in schema.EVENT_TEXT_KEYS}
    actors = check.strings(table, "actors")
    places = check.strings(table, "places")
    sources = _read_sources(check, table.get("sources"))
    provenance = check.choice(table, "provenance", schema.PROVENANCES) or "user"
    dating = check.choice(table, "dating", schema.DATINGS)
    if event_id is None or parsed is None or title is None:
        return
    precision, period = parsed
    content.events.append(
        Event(
            id=event_id,
            date=date_text or "",
            precision=precision,
            period=period,
            title=title,
            summary=texts["summary"],
            text_ar=texts["text_ar"],
            actors=actors,
            places=places,
            tags=tags,
            sources=sources,
            provenance=provenance,
            dating=dating,
            reported_date=reported,
            note=texts["note"],
            origin=content.origin,
            line=line,
        )
    )


def _read_records(
    doc: Mapping[str, Any], kind: str, lines: list[int], content: _FileContent
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


def _read_document(doc: Mapping[str, Any], text: str, content: _FileContent) -> None:
    for key in doc:
        if key not in schema.TOP_LEVEL_KEYS:
            hint = _did_you_mean(key, schema.TOP_LEVEL_KEYS)
            content.problems.append(Problem(content.origin, f"unknown top-level key '{key}'{hint}"))
    meta = doc.get("dataset", {})
    if not isinstance(meta, dict):
        content.problems.append(Problem(content.origin, "'dataset' must be a table: [dataset]"))
    else:
        for key in meta:
            if key not in schema.DATASET_KEYS:
                hint = _did_you_mean(key, schema.DATASET_KEYS)
                content.problems.append(
                    Problem(content.origin, f"unknown key{hint}", None, None, "dataset", key)
                )
    lines = _header_lines(text)
    for kind, read in (("actors", _read_actor), ("events", _read_event)):
        records = _read_records(doc, kind, lines[kind], content)
        _check_duplicates(kind[:-1], records, content)
        for table, line in records:
            read(table, line, content)


def _check_duplicates(
    kind: str, records: list[tuple[Mapping[str, Any], int | None]], content: _FileContent
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
            Problem(content.origin, f"duplicate id{where}", line, None, f"{kind} {record_id}", "id")
        )


def read_file(path: Path) -> _FileContent:
    """Read and check one dataset file; problems are collected, never raised."""
    content = _FileContent(origin=str(path))
    try:
        text = path.read_text(encoding="utf-8")
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
        content.problems.append(
            Problem(str(path), f"not UTF-8 text (byte {err.start}); save it as UTF-8")
        )
        return content
    except OSError as err:
        content.problems.append(Problem(str(path), f"cannot be read: {err.strerror or err}"))
        return content
    try:
        doc = toml.loads(text)
    except toml.TOMLDecodeError as err:
        line, column = getattr(err, "lineno", None), getattr(err, "colno", None)
        message = getattr(err, "msg", str(err))
        content.problems.append(Problem(str(path), f"TOML syntax error: {message}", line, column))
        return content
    _read_document(doc, text, content)
    content.problems.sort(key=lambda problem: problem.line or 0)  # stable: file order
    return content


def _merge(contents: Sequence[_FileContent]) -> tuple[list[Event], list[Actor], list[Problem]]:
    """Overlay files in order: a later record with the same id replaces an earlier one."""
    events: dict[str, Event] = {}
    actors: dict[str, Actor] = {}
    problems: list[Problem] = []
    for content in contents:
        problems.extend(content.problems)
        events.update((event.id, event) for event in content.events)
        actors.update((actor.id, actor) for actor in content.actors)
    for event in events.values():
        for actor_id in event.actors:
            if actor_id not in actors:
                hint = _did_you_mean(actor_id, actors)
                problems.append(
                    Problem(
                        event.origin,
                        f"unknown actor '{actor_id}'{hint}; add it as [[actors]] or fix the id",
                        event.line,
                        None,
                        f"event {event.id}",
                        "actors",
                    )
                )
    return list(events.values()), list(actors.values()), problems


def dataset_paths(user_files: Sequence[Path], *, bundled: bool) -> list[Path]:
    return ([bundled_path()] if bundled else []) + list(user_files)


def check_files(paths: Sequence[Path]) -> list[Problem]:
    """Every problem in these files taken together (what `validate` reports)."""
    return _merge([read_file(path) for path in paths])[2]


def load_timeline(user_files: Sequence[Path] = (), *, bundled: bool = True) -> Timeline:
    """Load the bundled dataset (unless bundled=False) overlaid with user files, in order.

    Raises DataError listing every problem when any file is invalid.
    """
    paths = dataset_paths(user_files, bundled=bundled)
    events, actors, problems = _merge([read_file(path) for path in paths])
    if problems:
        raise DataError(problems)
    events.sort(key=lambda event: event.sort_key)
    return Timeline(tuple(events), tuple(actors), tuple(str(path) for path in paths))
