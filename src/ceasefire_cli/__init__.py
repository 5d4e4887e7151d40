"""ceasefire: query a sourced timeline of the efforts to end the Russia–Ukraine war.

The Python API mirrors the commands (see the README). Importing it loads neither typer nor rich.

    >>> import ceasefire_cli as cf
    >>> timeline = cf.load_timeline()
    >>> [e.id for e in cf.filter_events(timeline, cf.EventFilter(on=cf.parse_period("2025-02-12",
    ...     today=cf.date(2026, 1, 1))))]
    ['2025-02-12-trump-putin-call']
"""

from __future__ import annotations

# Not `from typing import TYPE_CHECKING`: the console script imports this package before it
# can catch a Ctrl-C (launch.py), so it imports nothing at all; mypy reads the name alike.
TYPE_CHECKING = False

__version__ = "0.1.0"

# Names are imported when first used (PEP 562), so that `import ceasefire_cli`, and every
# command, pays only for the modules it needs: start-up time is part of the product.
_EXPORTS = {
    "date": "datetime",
    "bundled_path": ".dataset",
    "check_files": ".dataset",
    "load_timeline": ".dataset",
    "DateError": ".dates",
    "parse_period": ".dates",
    "Diff": ".diff",
    "Endpoint": ".diff",
    "diff_between": ".diff",
    "resolve_endpoint": ".diff",
    "CeasefireError": ".errors",
    "DataError": ".errors",
    "ExitCode": ".errors",
    "NotFoundError": ".errors",
    "Problem": ".errors",
    "UsageError": ".errors",
    "Actor": ".model",
    "Duration": ".model",
    "Event": ".model",
    "Period": ".model",
    "Precision": ".model",
    "Source": ".model",
    "Timeline": ".model",
    "Window": ".model",
    "EventFilter": ".query",
    "as_of": ".query",
    "filter_events": ".query",
    "find_event": ".query",
    "neighbours": ".query",
    "resolve_actor": ".query",
    "event_record": ".records",
    "window_record": ".records",
    "WindowState": ".windows",
    "deadlines_at": ".windows",
    "explain": ".windows",
    "window_state": ".windows",
}

if TYPE_CHECKING:
    from datetime import date
    from typing import Any

    from .dataset import bundled_path, check_files, load_timeline
    from .dates import DateError, parse_period
    from .diff import Diff, Endpoint, diff_between, resolve_endpoint
    from .errors import CeasefireError, DataError, ExitCode, NotFoundError, Problem, UsageError
    from .model import Actor, Duration, Event, Period, Precision, Source, Timeline, Window
    from .query import EventFilter, as_of, filter_events, find_event, neighbours, resolve_actor
    from .records import event_record, window_record
    from .windows import WindowState, deadlines_at, explain, window_state


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'ceasefire_cli' has no attribute '{name}'")
    import importlib

    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


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
