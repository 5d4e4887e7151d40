"""Shell completion values from the dataset: ids, actors, tags, places, fields.

Completion runs on every <Tab>, so a broken data file must never show a traceback there:
any problem simply offers nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

import typer

from ceasefire_cli.dataset import load_timeline
from ceasefire_cli.errors import CeasefireError
from ceasefire_cli.model import Timeline
from ceasefire_cli.query import actor_names
from ceasefire_cli.records import ACTOR_FIELDS, EVENT_FIELDS, SEARCH_FIELDS, WINDOW_FIELDS
from ceasefire_cli.schema import WINDOW_KINDS
from ceasefire_cli.text import is_plain
from ceasefire_cli.windows import STATUSES


def _timeline() -> Timeline | None:
    files = [Path(p) for p in os.environ.get("CEASEFIRE_DATA", "").split(os.pathsep) if p]
    try:
        return load_timeline(files)
    except (CeasefireError, OSError):
        return None


def _starting(values: list[str], incomplete: str) -> list[str]:
    folded = incomplete.casefold()
    # The shell lists candidates on the terminal as they are, and reads one a line: a value
    # from a data file with an escape sequence or a line break is not offered at all.
    return sorted(
        {value for value in values if value.casefold().startswith(folded) and is_plain(value)}
    )


def event_ids(incomplete: str) -> list[str]:
    timeline = _timeline()
    return _starting([e.id for e in timeline.events], incomplete) if timeline else []


def actors(incomplete: str) -> list[str]:
    timeline = _timeline()
    names = [name for actor in timeline.actors for name in actor_names(actor)] if timeline else []
    return _starting(names, incomplete)


def tags(incomplete: str) -> list[str]:
    timeline = _timeline()
    return _starting([t for e in timeline.events for t in e.tags], incomplete) if timeline else []


def places(incomplete: str) -> list[str]:
    timeline = _timeline()
    if timeline is None:
        return []
    names = [p for e in timeline.events for p in e.places]
    names += [n for place in timeline.places for n in (place.name_ar, *place.aliases) if n]
    return _starting(names, incomplete)


_FIELDS_BY_COMMAND = {
    "search": SEARCH_FIELDS,
    "deadlines": WINDOW_FIELDS,
    "actors": (*ACTOR_FIELDS, "events"),
}


def window_kinds(incomplete: str) -> list[str]:
    return _starting(list(WINDOW_KINDS), incomplete)


def statuses(incomplete: str) -> list[str]:
    return _starting(list(STATUSES), incomplete)


def fields(ctx: typer.Context, incomplete: str) -> list[str]:
    """--fields a,b,<Tab>: the fields of this command not given yet, after those given."""
    available = _FIELDS_BY_COMMAND.get(ctx.info_name or "", EVENT_FIELDS)
    given, _, current = incomplete.rpartition(",")
    chosen = set(given.split(",")) if given else set()
    prefix = f"{given}," if given else ""
    return [prefix + name for name in available if name not in chosen and name.startswith(current)]
