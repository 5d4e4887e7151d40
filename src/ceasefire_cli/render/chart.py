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
LABEL = 26  # characters for the window labels at the left


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


def _label(text: str, ellipsis: str = "…") -> str:
    text = safe_text(text, keep_newlines=False)
    return text if len(text) <= LABEL else text[: LABEL - len(ellipsis)] + ellipsis


def render_chart(
    events: list[dict[str, Any]],
    windows: list[dict[str, Any]],
    *,
    as_of: dt.date,
    width: int,
    ascii_only: bool = False,
) -> str:
    glyphs = ASCII if ascii_only else UNICODE
    starts = [dt.date.fromisoformat(e["start"]) for e in events]
    starts += [dt.date.fromisoformat(w["start"][:10]) for w in windows if w["start"]]
    ends = [dt.date.fromisoformat(e["end"]) for e in events]
    ends += [dt.date.fromisoformat(w["due_latest"]) for w in windows if w["due_latest"]]
    if not starts:
        return "(no events to chart)\n"
    first = min(starts).replace(day=1)
    last = max([*ends, *starts])
    months = _month_index(last, first) + 1
    plot = max(20, width - LABEL - 3)
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
    lines.append(f"{'events per ' + unit:>{LABEL}} ")
    for row in range(HEIGHT, 0, -1):
        cells = []
        for count in counts:
            eighths = round(count / top * HEIGHT * 8) - (row - 1) * 8
            cells.append(glyphs.levels[max(0, min(8, eighths))])
        label = str(top) if row == HEIGHT else ""
        lines.append(f"{label:>{LABEL}} {''.join(cells).rstrip()}")
    lines.append(f"{'':>{LABEL}} {glyphs.corner}{glyphs.axis * (columns - 1)}")
    lines.append(f"{'':>{LABEL}} {_years(first, columns, per_column)}".rstrip())
    if as_of >= first:
        later = " (later than shown)" if _month_index(as_of, first) >= months else ""
        at = column(as_of)
        text = f"{glyphs.marker} as of {as_of}{later}"
        if LABEL + 1 + at + len(text) > width:  # no room on the right: write it leftwards
            text = f"as of {as_of}{later} {glyphs.marker}"
            at = max(0, at - len(text) + 1)
        lines.append(f"{'':>{LABEL}} {' ' * at}{text}")
    if windows:
        lines.append("")
        for window in windows:
            line = _window_row(window, column, glyphs)
            # The status follows the span when it fits in the width; the span always shows.
            lines.append(line if len(line) <= width else line.rsplit(" ", 1)[0])
    return "\n".join(lines) + "\n"


def _years(first: dt.date, columns: int, per_column: int) -> str:
    """Year labels under the axis, where each year begins and there is room."""
    axis = [" "] * columns
    year = first.year if first.month == 1 else first.year + 1
    while True:
        position = ((year - first.year) * 12 + 1 - first.month) // per_column
        if position >= columns:
            break
        text = str(year)
        if all(cell == " " for cell in axis[max(0, position - 1) : position + len(text) + 1]):
            axis[position : position + len(text)] = list(text)[: columns - position]
        year += 1
    if all(cell == " " for cell in axis):  # less than a year: name the first month instead
        label = first.strftime("%Y-%m")
        axis[: len(label)] = list(label)[:columns]
    return "".join(axis)


def _window_row(window: dict[str, Any], column: Any, glyphs: Glyphs) -> str:
    label = _label(str(window["title"]), glyphs.ellipsis)
    if not window["start"] or not window["due_latest"]:
        return f"{label:>{LABEL}} ({window['status']}, never started)"
    start = column(dt.date.fromisoformat(window["start"][:10]))
    end = column(dt.date.fromisoformat(window["due_latest"]))
    fill = glyphs.superseded if window["status"] in ("superseded", "rejected") else glyphs.span
    return f"{label:>{LABEL}} {' ' * start}{fill * (end - start + 1)} {window['status']}"
