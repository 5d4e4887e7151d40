"""A terminal chart of the timeline: events per month as bars and windows as spans on one
date axis, with the as-of day marked. Plain text; box characters or, with ascii=True, ASCII.

Data text (window titles) is escaped like every human format.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from ceasefire_cli.text import safe_text

HEIGHT = 5  # rows of the event histogram
LABEL = 26  # characters for the window labels at the left (more on wide terminals)
MIN_WIDTH = 64  # below this the chart cannot show labels and spans side by side


@dataclass(frozen=True, slots=True)
class Glyphs:
    levels: str  # from one eighth to a full cell
    span: str
    superseded: str
    ellipsis: str
    axis: str
    corner: str
    marker: str


UNICODE = Glyphs(" ▁▂▃▄▅▆▇█", "━", "┄", "…", "─", "└", "▲")
ASCII = Glyphs(" .:-=+*#@", "=", "-", "...", "-", "+", "^")


def _month_index(day: dt.date, first: dt.date) -> int:
    return (day.year - first.year) * 12 + day.month - first.month


def _label(text: str, size: int, ellipsis: str = "…") -> str:
    text = safe_text(text, keep_newlines=False)
    return text if len(text) <= size else text[: size - len(ellipsis)] + ellipsis


def render_chart(
    events: list[dict[str, Any]],
    windows: list[dict[str, Any]],
    *,
    as_of: dt.date,
    width: int,
    ascii_only: bool = False,
) -> str:
    glyphs = ASCII if ascii_only else UNICODE
    width = max(width, MIN_WIDTH)
    label_size = LABEL if width < 120 else 40
    starts = [dt.date.fromisoformat(e["start"]) for e in events]
    starts += [dt.date.fromisoformat(w["start"][:10]) for w in windows if w["start"]]
    ends = [dt.date.fromisoformat(e["end"]) for e in events]
    ends += [dt.date.fromisoformat(w["due_latest"]) for w in windows if w["due_latest"]]
    if not starts:
        return "(no events to chart)\n"
    first = min(starts).replace(day=1)
    last = max([*ends, *starts])
    months = _month_index(last, first) + 1
    plot = max(20, width - label_size - 3)
    per_column = math.ceil(months / plot)  # months in one column
    columns = math.ceil(months / per_column)

    def column(day: dt.date) -> int:
        return min(columns - 1, max(0, _month_index(day, first) // per_column))

    counts = [0] * columns
    for start in (dt.date.fromisoformat(e["start"]) for e in events):
        counts[column(start)] += 1
    top = max(counts) or 1
    lines = []
    unit = "month" if per_column == 1 else f"{per_column} months"
    lines.append(f"{'events per ' + unit:>{label_size}} ")
    for row in range(HEIGHT, 0, -1):
        cells = []
        for count in counts:
            eighths = round(count / top * HEIGHT * 8) - (row - 1) * 8
            cells.append(glyphs.levels[max(0, min(8, eighths))])
        label = str(top) if row == HEIGHT else ""
        lines.append(f"{label:>{label_size}} {''.join(cells).rstrip()}")
    lines.append(f"{'':>{label_size}} {glyphs.corner}{glyphs.axis * (columns - 1)}")
    lines.append(f"{'':>{label_size}} {_years(first, columns, per_column, plot)}".rstrip())
    if as_of >= first:
        later = " (later than shown)" if _month_index(as_of, first) >= months else ""
        at = column(as_of)
        text = f"{glyphs.marker} as of {as_of}{later}"
        if label_size + 1 + at + len(text) > width:  # no room on the right: write it leftwards
            text = f"as of {as_of}{later} {glyphs.marker}"
            at = max(0, at - len(text) + 1)
        lines.append(f"{'':>{label_size}} {' ' * at}{text}")
    if windows:
        lines.append("")
        for window in windows:
            lines.append(_window_row(window, column, glyphs, label_size, width))
    return "\n".join(lines) + "\n"


def _years(first: dt.date, columns: int, per_column: int, room: int) -> str:
    """Year labels under the axis, where each year begins and there is room (a label may
    run past a short axis, up to the plot's width)."""
    axis = [" "] * max(columns, min(room, columns + 7))
    year = first.year if first.month == 1 else first.year + 1
    while True:
        position = ((year - first.year) * 12 + 1 - first.month) // per_column
        if position >= columns:
            break
        text = str(year)
        if position + len(text) <= len(axis) and all(
            cell == " " for cell in axis[max(0, position - 1) : position + len(text) + 1]
        ):
            axis[position : position + len(text)] = list(text)
        year += 1
    if all(cell == " " for cell in axis):  # less than a year: name the first month instead
        label = first.strftime("%Y-%m")
        axis[: len(label)] = list(label)[: len(axis)]
    return "".join(axis)


def _window_row(window: dict[str, Any], column: Any, glyphs: Glyphs, size: int, width: int) -> str:
    label = _label(str(window["title"]), size, glyphs.ellipsis)
    begins = window["start"] or (window["issued"] if window["kind"] == "ultimatum" else None)
    if not begins or not window["due_latest"]:
        return f"{label:>{size}} ({window['status']}, never started)"
    start = column(dt.date.fromisoformat(begins[:10]))
    end = column(dt.date.fromisoformat(window["due_latest"]))
    fill = glyphs.superseded if window["status"] in ("superseded", "rejected") else glyphs.span
    span = fill * (end - start + 1)
    status = str(window["status"])
    if size + 2 + end + 1 + len(status) <= width:
        return f"{label:>{size}} {' ' * start}{span} {status}"
    # No room after the span: the status goes before it, where there is room, or is left out.
    if len(status) + 1 <= start:
        return f"{label:>{size}} {' ' * (start - len(status) - 1)}{status} {span}"
    return f"{label:>{size}} {' ' * start}{span}"
