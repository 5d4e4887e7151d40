"""Turns core results into views (records + the columns people see); no printing, no rich."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import records
from .errors import Problem, UsageError
from .model import Actor, Event, Timeline
from .render.views import Column, Detail, Listing, Marked, Report, cell, key
from .text import close_matches

if TYPE_CHECKING:  # for annotations only: list and show must not import search or diff
    from .diff import Diff
    from .search import Hit
    from .windows import WindowState


def headline(record: records.Record, lang: str, *, joiner: str = "\n") -> str:
    """The title in the chosen language: `ar` is the article's verbatim Arabic (an event's
    first excerpt, a window's quote); an item with none (a follow-up) keeps its English title.
    `both` joins the two with `joiner` (a new line in tables, " / " on one-line formats)."""
    source = record.get("text_ar") or record.get("quote_ar")
    arabic = str(source).split("\n")[0] if source else None
    if lang == "ar" and arabic:
        return arabic
    if lang == "both" and arabic:
        return f"{record['title']}{joiner}{arabic}"
    return str(record["title"])


def _title_and_id(lang: str) -> Column:
    def get(record: records.Record) -> str:
        # The id sits under the title so that a long id never squeezes it at 80 columns;
        # fact-checkers need to see where the verified date differs from the article's.
        reported = record.get("reported_date")
        title = headline(record, lang)
        return (
            f"{title} (article: {reported})\n{record['id']}"
            if reported
            else f"{title}\n{record['id']}"
        )

    return Column("Event", get)


def event_listing(
    events: Sequence[Event], *, for_table: bool, caption: str | None, lang: str = "en"
) -> Listing:
    if for_table:
        columns: tuple[Column, ...] = (
            key("date", wrap=False, style="cyan"),
            _title_and_id(lang),
            key("tags", max_width=14),
        )
    else:
        title = Column("Title", lambda record: headline(record, lang, joiner=" / "))
        columns = (key("date", wrap=False), key("id", "ID", wrap=False), title)
    return Listing(
        records=[records.event_record(event) for event in events],
        columns=columns,
        fields=records.EVENT_FIELDS,
        caption=caption,
    )


def _actor_line(actor: records.Record) -> str:
    names = " / ".join(name for name in (actor["name"], actor["name_ar"]) if name)
    return f"{names} ({actor['role']})" if actor.get("role") else names


def event_detail(
    timeline: Timeline,
    event: Event,
    previous: Event | None,
    following: Event | None,
    *,
    as_of: dt.date,
) -> Detail:
    record = records.event_detail_record(timeline, event, previous, following)
    record["as_of"] = as_of.isoformat()
    labels = (
        ("ID", "id"),
        ("Date", "date"),
        ("Period", None),
        ("Reported date", "reported_date"),
        ("Title", "title"),
        ("Summary", "summary"),
        ("Arabic source text", "text_ar"),
        ("Actors", None),
        ("Places", "places"),
        ("Tags", "tags"),
        ("Sources", "sources"),
        ("Provenance", "provenance"),
        ("Dating", "dating"),
        ("Note", "note"),
        ("Previous", "previous"),
        ("Next", "next"),
        ("As of", "as_of"),
    )
    rows: list[tuple[str, str]] = []
    for label, name in labels:
        if label == "Period":
            value = (
                record["start"]
                if record["start"] == record["end"]
                else f"{record['start']} .. {record['end']}"
            )
        elif label == "Actors":
            value = "; ".join(_actor_line(actor) for actor in record["actors"])
        elif name in ("previous", "next") and record[name]:
            value = f"{record[name]['id']} ({record[name]['title']})"
        else:
            value = cell(record.get(name or ""))
        if value:
            rows.append((label, value))
    return Detail(record=record, rows=tuple(rows), title=event.title)


def problem_listing(problems: Sequence[Problem]) -> Listing:
    # A problem record has exactly Problem's fields, so people see the FILE:LINE: ... line.
    return Listing(
        records=[records.problem_record(problem) for problem in problems],
        columns=(Column("Problem", lambda record: str(Problem(**record))),),
        fields=records.PROBLEM_FIELDS,
    )


def days_left_text(low: int | None, high: int | None) -> str:
    """'44 days left', '6–8 days left', 'today (0 days left)', '3 days ago', 'now, up to 1 day
    left' (inside a range of days), 'now, its last day (0 days left)'."""
    if low is None or high is None:
        return ""

    def days(n: int) -> str:
        return f"{n} day" if n == 1 else f"{n} days"

    if low == high:
        if low == 0:
            return "today (0 days left)"
        return f"{days(low)} left" if low > 0 else f"{days(-low)} ago"
    if low >= 0:
        return f"{low}–{days(high)} left"
    if high < 0:
        return f"{-high}–{days(-low)} ago"
    if high == 0:  # not "now, up to 0 days left"
        return "now, its last day (0 days left)"
    return f"now, up to {days(high)} left"


def _window_cell(record: records.Record, lang: str = "en") -> str:
    # The supersession chain is shown where people look: beside the window's name.
    lines = [headline(record, lang), str(record["id"]), f"issued {record['issued']}"]
    if record["superseded_by"]:
        lines.append(f"→ superseded by {record['superseded_by']}")
    if record["supersedes"]:
        lines.append(f"← replaces {record['supersedes']}")
    return "\n".join(lines)


def _due_cell(record: records.Record) -> str:
    low, high = record["due_earliest"], record["due_latest"]
    if low is None:
        return ""
    return str(low) if low == high else f"{low} ..\n{high}"


def _kind_cell(record: records.Record) -> str:
    lines = [str(record["kind"])]
    if stated := (record["duration"] or {}).get("text"):
        lines.append(stated)
    if start := record["start"]:
        lines.append("from " + str(start).replace("T", "\n"))  # a time goes on its own line
    return "\n".join(lines)


def _explained_window_cell(record: records.Record, lang: str = "en") -> str:
    return f"{_window_cell(record, lang)}\n= {record['explanation']}"


def _status_cell(record: records.Record) -> str:
    lines = [str(record["status"])]
    if record["status"] == "upcoming" and record["start"] and record["as_of"]:
        # Days left count to the last day; a truce not yet begun also says when it begins.
        start = dt.date.fromisoformat(str(record["start"])[:10])
        wait = (start - dt.date.fromisoformat(str(record["as_of"]))).days
        lines.append("starts tomorrow" if wait == 1 else f"starts in {wait} days")
    lines.append(days_left_text(record["days_left_min"], record["days_left_max"]))
    return "\n".join(line for line in lines if line)


def deadline_listing(
    states: Sequence[WindowState], *, for_table: bool, explain: bool, as_of: str, lang: str = "en"
) -> Listing:
    if for_table:
        # At 80 columns there is no room for an arithmetic column: it goes under the name.
        cell_of = _explained_window_cell if explain else _window_cell

        def window_cell(record: records.Record) -> str:
            return cell_of(record, lang)

        columns: tuple[Column, ...] = (
            Column("Window", window_cell, min_width=26),  # room for the longest bundled id
            Column("Kind, stated, start", _kind_cell, max_width=15),
            Column("Due / last day", _due_cell, wrap=False),
            Column("Status", _status_cell, max_width=13, style="yellow"),
        )
    else:
        columns = (
            *tuple(
                key(name)
                for name in (
                    "id",
                    "kind",
                    "status",
                    "issued",
                    "start",
                    "due_earliest",
                    "due_latest",
                    "days_left_min",
                    "days_left_max",
                    "superseded_by",
                )
            ),
            Column("Title", lambda record: headline(record, lang, joiner=" / ")),
        )
        if explain:
            columns = (*columns, key("explanation", "Arithmetic"))
    count = len(states)
    return Listing(
        records=[records.window_record(state) for state in states],
        columns=columns,
        fields=records.WINDOW_FIELDS,
        caption=f"{count} window{'' if count == 1 else 's'} · as of {as_of}",
    )


def _calendar_text(elapsed: records.Record) -> str:
    """' (2 months, 28 days)' where months or years make the span clearer; '' otherwise."""
    return f" ({_elapsed_text(elapsed)})" if elapsed["years"] or elapsed["months"] else ""


def _elapsed_text(elapsed: records.Record) -> str:
    parts = [
        f"{elapsed[unit]} {unit[:-1] if elapsed[unit] == 1 else unit}"
        for unit in ("years", "months", "days")
        if elapsed[unit]
    ]
    return ", ".join(parts) or "0 days"


_CHANGE_COLUMNS = (
    key("date", wrap=False),
    key("window_id", "Window", wrap=False),
    Column("Change", lambda r: f"{r['change']} (projected)" if r["projected"] else r["change"]),
    key("status"),
)
_STATE_COLUMNS = (key("mark", "", wrap=False), key("id", "Window", wrap=False), key("title"))


_STATE_TYPES = {"−": "removed", "+": "added", " ": "unchanged"}


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def diff_report(
    diff: Diff, timeline: Timeline, *, stat: bool, for_table: bool, lang: str = "en"
) -> Report:
    full = records.diff_record(diff)
    record = records.diff_record(diff, stat=True) if stat else full
    titles = {window.id: window.title for window in timeline.windows}
    start = diff.start.event.id if diff.start.event else diff.start.day.isoformat()
    end = diff.end.event.id if diff.end.event else diff.end.day.isoformat()
    summary = (
        f"{diff.days} days{_calendar_text(full['elapsed'])} "
        f"from {diff.start.day} to {diff.end.day}",
        f"{_count(len(diff.events), 'event')}, {_count(len(diff.changes), 'window change')}; "
        f"in force or pending: +{len(diff.added)} −{len(diff.removed)}",
        f"as of {diff.as_of}",
    )
    # Like a diff: − only at the start, + only at the end, blank in force at both.
    state_rows = [
        {"mark": mark, "id": window.id, "title": titles.get(window.id, "")}
        for mark, windows in (
            ("−", diff.removed),
            ("+", diff.added),
            (" ", [w for w in diff.active_at_from if w in diff.active_at_to]),
        )
        for window in windows
    ]
    rows: list[records.Record] = [
        {"type": "summary", "date": diff.end.day.isoformat(), "id": None, "text": line}
        for line in summary
    ]
    if not stat:
        rows += [
            {"type": "event", "date": event["date"], "id": event["id"], "text": event["title"]}
            for event in full["events"]
        ]
        rows += [
            {"type": "change", "date": c["date"], "id": c["window_id"], "text": c["change"]}
            for c in full["changes"]
        ]
        rows += [
            {"type": _STATE_TYPES[r["mark"]], "date": None, "id": r["id"], "text": r["title"]}
            for r in state_rows
        ]
    sections: tuple[tuple[str, Listing], ...] = ()
    if not stat:
        sections = (
            ("Events", event_listing(diff.events, for_table=for_table, caption=None, lang=lang)),
            ("Window changes", Listing(full["changes"], _CHANGE_COLUMNS, ())),
            (
                "In force or pending: only at the start (−), only at the end (+), at both",
                Listing(state_rows, _STATE_COLUMNS, ()),
            ),
        )
    return Report(
        record=record,
        rows=rows,
        title=f"diff {start} → {end}",
        summary=summary,
        sections=sections,
    )


_SNIPPET = 48  # characters of context either side of the first match in a long field


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans as one ('"black sea" black' marks 'Black Sea' once)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _snippet(value: str, spans: list[tuple[int, int]]) -> Marked:
    """The part of `value` around its first match, with every match inside it marked."""
    spans = _merge(spans)
    start = max(0, spans[0][0] - _SNIPPET)
    end = min(len(value), spans[0][1] + _SNIPPET)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(value) else ""
    shift = len(prefix) - start
    inside = tuple((s + shift, e + shift) for s, e in spans if s >= start and e <= end)
    return Marked(prefix + value[start:end].replace("\n", " ") + suffix, inside)


def _matched_cell(hit: Hit) -> Marked:
    # One line per matched text field or per matched actor, place or tag (not per spelling),
    # at most three, each 'field: …snippet…' with the matches marked.
    groups: dict[tuple[str, str], tuple[str, list[tuple[int, int]]]] = {}
    for match in hit.matches:
        value, spans = groups.setdefault((match.field, match.item), (match.value, []))
        if match.value == value:
            spans.append((match.start, match.end))
    text, spans_out = "", []
    for index, ((field_name, _), (value, spans)) in enumerate(list(groups.items())[:3]):
        piece = _snippet(value, spans)
        label = ("\n" if index else "") + f"{field_name}: "
        offset = len(text) + len(label)
        text += label + piece.text
        spans_out += [(s + offset, e + offset) for s, e in piece.spans]
    return Marked(text, tuple(spans_out))


def search_listing(
    hits: Sequence[Hit], *, for_table: bool, caption: str | None, lang: str = "en"
) -> Listing:
    by_id = {hit.event.id: hit for hit in hits}
    if for_table:
        columns: tuple[Column, ...] = (
            key("date", wrap=False, style="cyan"),
            _title_and_id(lang),
            Column("Matched", lambda record: _matched_cell(by_id[record["id"]])),
        )
    else:
        title = Column("Title", lambda record: headline(record, lang, joiner=" / "))
        columns = (key("date"), key("id", "ID"), key("score"), title)
    return Listing(
        records=[records.hit_record(hit) for hit in hits],
        columns=columns,
        fields=records.SEARCH_FIELDS,
        caption=caption,
    )


def parse_fields(wanted: str | None, available: Sequence[str]) -> tuple[str, ...] | None:
    """The names given to --fields (id,date,title), checked against a command's fields."""
    if wanted is None:
        return None
    names = tuple(name.strip() for name in wanted.split(",") if name.strip())
    if not names:
        raise UsageError("--fields: no field named", f"name some, e.g. {','.join(available[:3])}")
    unknown = [name for name in names if name not in available]
    if unknown:
        close = close_matches(unknown[0], available, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise UsageError(
            f"--fields: {', '.join(repr(n) for n in unknown)} is not a field here",
            f"{hint}valid fields: {','.join(available)}",
        )
    twice = next((name for number, name in enumerate(names) if name in names[:number]), None)
    if twice is not None:
        raise UsageError(f"--fields: {twice!r} is named twice", "name each field once")
    return names


def select_fields(listing: Listing, names: tuple[str, ...] | None) -> Listing:
    """Keep only the named fields, in that order, in every format (records and columns)."""
    if names is None:
        return listing
    return Listing(
        records=[{name: record[name] for name in names} for record in listing.records],
        columns=tuple(key(name, wrap=name not in ("id", "date")) for name in names),
        fields=names,
        caption=listing.caption,
        title=listing.title,
    )


ACTOR_DIRECTORY_FIELDS = (*records.ACTOR_FIELDS, "events")


def actor_listing(rows: Sequence[tuple[Actor, int]], *, for_table: bool, as_of: dt.date) -> Listing:
    listing = [{**records.actor_record(actor), "events": count} for actor, count in rows]
    if for_table:
        columns: tuple[Column, ...] = (
            key("id", "ID", wrap=False),
            Column("Name", lambda r: "\n".join(n for n in (r["name"], r["name_ar"]) if n)),
            key("role"),
            key("aliases"),
            key("events", wrap=False),
        )
    else:
        columns = (key("id"), key("name"), key("name_ar"), key("role"), key("events"))
    return Listing(listing, columns, ACTOR_DIRECTORY_FIELDS, f"{len(rows)} actors · as of {as_of}")


def count_listing(rows: Sequence[tuple[str, int]], what: str, *, as_of: dt.date) -> Listing:
    """A two-column count table: tags, or events per year/month/actor/..."""
    total = sum(count for _, count in rows)
    return Listing(
        records=[{what: name, "events": count} for name, count in rows],
        columns=(key(what, wrap=False), key("events", wrap=False)),
        fields=(what, "events"),
        caption=f"{len(rows)} {what}s, {total} in all · as of {as_of}",
    )
