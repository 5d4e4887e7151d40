"""TimelineJS3 JSON (Knight Lab): events with dates at their precision, windows as eras."""

from __future__ import annotations

import html
from typing import Any

from .machine import json_text
from .views import Export, bilingual


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
    """Headline and text, in the languages the calendar has them (views.bilingual); under an
    Arabic headline the rest of the Arabic comes first, under an English one the English."""
    headline, language, other = bilingual(str(record["title"]), lang, arabic)
    parts = (other, body) if language == "ar" else (body, other)
    return {"headline": _html(headline), "text": _html("\n\n".join(p for p in parts if p))}


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
