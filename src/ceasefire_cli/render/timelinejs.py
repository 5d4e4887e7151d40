"""TimelineJS3 JSON (Knight Lab): events with dates at their precision, windows as eras."""

from __future__ import annotations

import html
from typing import Any

from .machine import json_text
from .views import Export


def _date(text: str) -> dict[str, str]:
    """'2025', '2025-02' or '2025-02-12' -> {'year': '2025', 'month': '2', 'day': '12'}."""
    parts = text[:10].split("-")
    names = ("year", "month", "day")
    return {name: str(int(part)) for name, part in zip(names, parts, strict=False)}


def _html(text: str | None) -> str:
    """TimelineJS shows headline and text as HTML: data is escaped, line breaks kept."""
    return html.escape(text or "").replace("\n", "<br>")


def _slide(
    record: dict[str, Any], lang: str, arabic: str | None, body: str | None
) -> dict[str, str]:
    """Headline and text, as the calendar has them: an English headline with the verbatim
    Arabic under the English text; or (--lang ar) the Arabic's first sentence as the headline
    and its other sentences, then the English, as the text. No quoted sentence is left out."""
    if lang == "ar" and arabic:
        first, *rest = arabic.split("\n")
        parts = ["\n".join(rest), str(record["title"]), body]
        return {"headline": _html(first), "text": _html("\n\n".join(p for p in parts if p))}
    text = "\n\n".join(part for part in (body, arabic) if part)
    return {"headline": _html(str(record["title"])), "text": _html(text)}


def _text(headline: str, body: str | None) -> dict[str, str]:
    return {"headline": _html(headline), "text": _html(body)}


def _start(record: dict[str, Any]) -> str | None:
    # A deadline with no start counts from the day it was issued.
    return record["start"] or (record["issued"] if record["kind"] == "ultimatum" else None)


def render_timelinejs(export: Export) -> str:
    events = [
        {
            "unique_id": record["id"],
            "start_date": _date(record["date"]),
            "text": _slide(record, export.lang, record["text_ar"], record["summary"]),
            "group": record["tags"][0] if record["tags"] else "",
        }
        for record in export.events
    ]
    eras = [
        {
            "start_date": _date(_start(record) or ""),
            "end_date": _date(record["due_latest"]),
            "text": _slide(record, export.lang, record["quote_ar"], record["explanation"]),
        }
        for record in export.windows
        if _start(record) and record["due_latest"]
    ]
    document = {
        "title": {"text": _text(export.title, f"Up to {export.stamp or export.as_of}")},
        "events": events,
        "eras": eras,
    }
    # As every JSON output: C1 controls and bidi overrides escaped, the data unchanged.
    return json_text(document, pretty=True) + "\n"
