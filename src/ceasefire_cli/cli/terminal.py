"""Where a table goes: how wide, and whether in colour, decided as Rich's Console decides.

render/grid lays tables out without Rich's console (it costs 85 to 95 ms to import and
run); this module tells it what that console would have seen, from the same environment
variables, the same terminal queries and in the same order (Rich 15's Console.__init__,
is_terminal, is_dumb_terminal, _detect_color_system and size). Where only Rich knows
(Windows, IPython and Jupyter, IDLE, a stdout that cannot take UTF-8 and gets ASCII boxes),
it answers None and the table goes through Rich itself. tests/test_grid.py checks the
answers against a real Console.
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

SIZE_VARIABLES = ("COLUMNS", "LINES")


def table_width(columns: int) -> int:
    """The width to draw tables at on a terminal of `columns` (0 or less: unknown, 80)."""
    return 80 if columns <= 0 else max(columns, MIN_TABLE_WIDTH)


def unreadable_sizes(environ: Mapping[str, str]) -> list[str]:
    """COLUMNS or LINES if they hold digits int() refuses (COLUMNS=²): Rich's Console (tables,
    pictures, --help) reads them with str.isdigit and int, and fails with a ValueError."""
    return [
        name
        for name in SIZE_VARIABLES
        if (value := environ.get(name)) is not None and value.isdigit() and not value.isdecimal()
    ]


class Target(NamedTuple):
    width: int
    colour: bool


def table_target(mode: ColorMode, environ: Mapping[str, str], stdout: Any) -> Target | None:
    """The width and colour of a table on `stdout`; None: ask Rich (see the module's doc)."""
    if sys.platform == "win32" or hasattr(builtins, "get_ipython"):
        return None
    if hasattr(sys.stdin, "__module__") and sys.stdin.__module__.startswith("idlelib"):
        return None
    if not (getattr(stdout, "encoding", "utf-8") or "utf-8").lower().startswith("utf"):
        return None
    terminal = _is_terminal(environ, stdout, forced=mode is ColorMode.always)
    dumb = terminal and environ.get("TERM", "").lower() in ("dumb", "unknown")
    # auto: Rich's colour system is None off a terminal and on a dumb one.
    colour = (terminal and not dumb) if mode is ColorMode.auto else mode is ColorMode.always
    columns, lines = _env_int(environ, "COLUMNS"), _env_int(environ, "LINES")
    # common._table_text sets the console's width to table_width(its width), and Rich
    # answers a dumb terminal's width with 80 unless LINES is set too.
    width = _size(columns, lines, dumb)
    return Target(_size(table_width(width), lines, dumb), colour)


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


def _env_int(environ: Mapping[str, str], name: str) -> int | None:
    value = environ.get(name)
    return int(value) if value is not None and value.isdecimal() else None


def _size(width: int | None, lines: int | None, dumb: bool) -> int:
    """Console.size's width, for a console told `width` (None: not told, nor by COLUMNS)."""
    if width is not None and lines is not None:
        return width
    if dumb:
        return 80
    if width is not None:
        return width
    for descriptor in (0, 1, 2):  # stdin, stdout, stderr: the first that is a terminal
        try:
            return os.get_terminal_size(descriptor).columns or 80
        except (AttributeError, ValueError, OSError):
            continue
    return 80
