"""ceasefire: query a sourced timeline of the efforts to end the Russia–Ukraine war.

The Python API mirrors the commands (see the README). Importing it loads neither typer nor rich.

    >>> import ceasefire_cli as cf
    >>> timeline = cf.load_timeline()
    >>> [e.id for e in cf.filter_events(timeline, cf.EventFilter(on=cf.parse_period("2025-02-12",
    ...     today=cf.date(2026, 1, 1))))]
    ['2025-02-12-trump-putin-call']
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import date

    from .dataset import bundled_path, check_files, load_timeline
    from .dates import DateError, parse_period
    from .diff import Diff, Endpoint, diff_between, resolve_endpoint
    from .errors import CeasefireError, DataError, ExitCode, NotFoundError, Problem, UsageError
    from .model import Actor, Duration, Event, Period, Precision, Source, Timeline, Window
    from .query import EventFilter, as_of, filter_events, find_event, neighbours, resolve_actor
    from .records import event_record, window_record
    from .windows import WindowState, deadlines_at, explain, window_state

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "CeasefireError",
    "DataError",
    "DateError",
    "Diff",
    "Duration",
    "Endpoint",
    "Event",
    "EventFilter",
    "ExitCode",
    "NotFoundError",
    "Period",
    "Precision",
    "Problem",
    "Source",
    "Timeline",
    "UsageError",
    "Window",
    "WindowState",
    "__version__",
    "as_of",
    "bundled_path",
    "check_files",
    "date",
    "deadlines_at",
    "diff_between",
    "event_record",
    "explain",
    "filter_events",
    "find_event",
    "load_timeline",
    "neighbours",
    "parse_period",
    "resolve_actor",
    "resolve_endpoint",
    "window_record",
    "window_state",
]

# The API is imported on first use (PEP 562): importing the package itself loads nothing, so
# that the `ceasefire` command does all its imports where a Ctrl-C is caught (launch.py).
_HOMES = {
    "date": "datetime",
    **dict.fromkeys(("bundled_path", "check_files", "load_timeline"), ".dataset"),
    **dict.fromkeys(("DateError", "parse_period"), ".dates"),
    **dict.fromkeys(("Diff", "Endpoint", "diff_between", "resolve_endpoint"), ".diff"),
    **dict.fromkeys(
        ("CeasefireError", "DataError", "ExitCode", "NotFoundError", "Problem", "UsageError"),
        ".errors",
    ),
    **dict.fromkeys(
        ("Actor", "Duration", "Event", "Period", "Precision", "Source", "Timeline", "Window"),
        ".model",
    ),
    **dict.fromkeys(
        ("EventFilter", "as_of", "filter_events", "find_event", "neighbours", "resolve_actor"),
        ".query",
    ),
    **dict.fromkeys(("event_record", "window_record"), ".records"),
    **dict.fromkeys(("WindowState", "deadlines_at", "explain", "window_state"), ".windows"),
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value  # the next use is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})
