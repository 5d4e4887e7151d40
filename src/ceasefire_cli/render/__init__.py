"""The output formats, registered in one place; a renderer returns text or a Rich renderable.

Renderers are imported only when chosen, so the JSON path never imports rich. The table
format has a second renderer, render/grid, which cli/common.py tries first: it prints the
same table without importing Rich's console.
"""

from __future__ import annotations

import importlib
from typing import Any

from .views import ROW_FIELDS, Column, Detail, Export, Listing, Marked, Report, View, cell, key

# format name -> (module, function); the names are the --format choices, in help order.
FORMATS: dict[str, tuple[str, str]] = {
    "table": ("table", "render_table"),
    "plain": ("human", "render_plain"),
    "json": ("machine", "render_json"),
    "jsonl": ("machine", "render_jsonl"),
    "csv": ("machine", "render_csv"),
    "md": ("human", "render_md"),
}


# Formats of `export` only: they need the events and the windows together (views.Export).
EXPORT_FORMATS: dict[str, tuple[str, str]] = {
    "ics": ("ics", "render_ics"),
    "timelinejs": ("timelinejs", "render_timelinejs"),
}


def render(view: View | Export, fmt: str) -> Any:
    """Text (str) for every format but `table`, which returns a Rich renderable."""
    module_name, function_name = FORMATS.get(fmt) or EXPORT_FORMATS[fmt]
    module = importlib.import_module(f"{__name__}.{module_name}")
    return getattr(module, function_name)(view)


__all__ = [
    "EXPORT_FORMATS",
    "FORMATS",
    "ROW_FIELDS",
    "Column",
    "Detail",
    "Export",
    "Listing",
    "Marked",
    "Report",
    "View",
    "cell",
    "key",
    "render",
]
