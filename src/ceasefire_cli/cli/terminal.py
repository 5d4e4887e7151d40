"""Where a table goes: how wide, and whether in colour, decided as Rich's Console decides.

render/grid.py lays tables out without Rich's console (it costs 85 to 95 ms to import and
run); this module tells it what that console would have seen, from the same environment
variables, the same terminal queries and in the same order (Rich 15's Console.__init__,
is_terminal, is_dumb_terminal, _detect_color_system and size). Where only Rich knows (a
Windows console, Jupyter, IDLE, a stdout that cannot take UTF-8 and gets ASCII boxes), it
answers None and the table goes through Rich itself. tests/test_grid.py checks the answers
against a real Console.
"""

from __future__ import annotations

import builtins
import os
import sys
from collections.abc import Mapping
from typing import Any, NamedTuple

from .options import ColorMode

# Rich cannot lay a table out in a handful of columns (an AssertionError under about 6)
# and lays out nothing at all in 0: COLUMNS=0, a split pane two characters wide. Narrower
# terminals get this width, and wrap the lines themselves.
MIN_TABLE_WIDTH = 40


def table_width(columns: int) -> int:
    """The width to draw tables at on a terminal of `columns` (0 or less: unknown, 80)."""
    return 80 if columns <= 0 else max(columns, MIN_TABLE_WIDTH)


class Target(NamedTuple):
    width: int
    colour: bool


def table_target(color: ColorMode, environ: Mapping[str, str], stdout: Any) -> Target | None:
    """The width and colour of a table on `stdout`; None: ask Rich (see the module's doc)."""
    if sys.platform == "win32" or hasattr(builtins, "get_ipython"):
        return None
    if hasattr(sys.stdin, "__module__") and sys.stdin.__module__.startswith("idlelib"):
        return None
    if not (getattr(stdout, "encoding", "utf-8") or "utf-8").lower().startswith("utf"):
        return None
    terminal = _is_terminal(environ, stdout, forced=color is ColorMode.always)
    dumb = terminal and environ.get("TERM", "").lower() in ("dumb", "unknown")
    # auto: Rich's colour system is None off a terminal and on a dumb one.
    colour = (terminal and not dumb) if color is ColorMode.auto else color is ColorMode.always
    columns, lines = _digits(environ.get("COLUMNS")), _digits(environ.get("LINES"))
    # common._table_text sets the console's width to table_width(its width), and Rich
    # answers a dumb terminal's width with 80 unless LINES is set too.
    width = _size(columns, lines, dumb, environ)
    return Target(_size(table_width(width), lines, dumb, environ), colour)


def _is_terminal(environ: Mapping[str, str], stdout: Any, *, forced: bool) -> bool:
    if forced:
        return True
    compatible = environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force_color = environ.get("FORCE_COLOR")
    if force_color is not None:
        return force_color != ""
    isatty = getattr(stdout, "isatty", None)
    try:
        return False if isatty is None else bool(isatty())
    except ValueError:  # a closed file
        return False


def _digits(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() else None


def _size(width: int | None, lines: int | None, dumb: bool, environ: Mapping[str, str]) -> int:
    """Console.size's width, for a console told `width` (None: not told)."""
    if width is not None and lines is not None:
        return width
    if dumb:
        return 80
    if width is not None:
        return width
    measured = None
    for descriptor in (0, 1, 2):  # stdin, stdout, stderr: the first that is a terminal
        try:
            measured = os.get_terminal_size(descriptor).columns
        except (AttributeError, ValueError, OSError):
            continue
        break
    columns = _digits(environ.get("COLUMNS"))
    return (columns if columns is not None else measured) or 80
