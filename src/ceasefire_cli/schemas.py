"""JSON Schemas (draft 2020-12) of each command's JSON output and of the dataset file. Pure.

They describe the contract in records.py; tests validate real output against them.
"""

from __future__ import annotations

from typing import Any

from . import schema as dataset_schema
from .records import ACTOR_FIELDS, EVENT_FIELDS, PROBLEM_FIELDS, WINDOW_FIELDS
from .windows import STATUSES

Schema = dict[str, Any]
DRAFT = "https://json-schema.org/draft/2020-12/schema"
BASE = "https://ceasefire.invalid/schema"  # identifiers only; nothing is fetched

_STRING = {"type": "string"}
_NULLABLE_STRING = {"type": ["string", "null"]}
_DAY = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_NULLABLE_DAY = {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_STORED_DATE = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
_STRINGS = {"type": "array", "items": _STRING}
_SOURCE = {
    "type": "object",
    "properties": {"name": _STRING, "url": _NULLABLE_STRING},
    "required": ["name", "url"],
    "additionalProperties": False,
}


def _object(properties: dict[str, Any], required: tuple[str, ...] | None = None) -> Schema:
    return {
        "type": "object",
        "properties": properties,
        "required": list(required if required is not None else properties),
        "additionalProperties": False,
    }


def _event_properties() -> dict[str, Any]:
    properties: dict[str, Any] = {
        "id": _STRING,
        "date": _STORED_DATE,
        "precision": {"enum": ["day", "month", "year"]},
        "start": _DAY,
        "end": _DAY,
        "title": _STRING,
        "summary": _NULLABLE_STRING,
        "text_ar": _NULLABLE_STRING,
        "actors": _STRINGS,
        "places": _STRINGS,
        "tags": _STRINGS,
        "sources": {"type": "array", "items": _SOURCE},
        "provenance": {"enum": list(dataset_schema.PROVENANCES)},
        "dating": {"enum": [*dataset_schema.DATINGS, None]},
        "reported_date": {"type": ["string", "null"], "pattern": _STORED_DATE["pattern"]},
        "note": _NULLABLE_STRING,
    }
    assert tuple(properties) == EVENT_FIELDS
    return properties


def _actor() -> Schema:
    properties = {
        "id": _STRING,
        "name": _STRING,
        "name_ar": _NULLABLE_STRING,
        "role": _NULLABLE_STRING,
        "role_ar": _NULLABLE_STRING,
        "kind": {"enum": [*dataset_schema.ACTOR_KINDS, None]},
        "aliases": _STRINGS,
    }
    assert tuple(properties) == ACTOR_FIELDS
    return _object(properties)


def _document(name: str, title: str, body: Schema) -> Schema:
    return {"$schema": DRAFT, "$id": f"{BASE}/{name}.json", "title": title, **body}


def list_schema() -> Schema:
    return _document(
        "list", "ceasefire list --json", {"type": "array", "items": _object(_event_properties())}
    )


def show_schema() -> Schema:
    brief = {
        "anyOf": [
            _object({"id": _STRING, "date": _STORED_DATE, "title": _STRING}),
            {"type": "null"},
        ]
    }
    properties = {
        **_event_properties(),
        "actors": {"type": "array", "items": _actor()},
        "previous": brief,
        "next": brief,
        "as_of": _DAY,
    }
    return _document("show", "ceasefire show --json", _object(properties))


def search_schema() -> Schema:
    match = _object(
        {
            "field": {"enum": ["title", "summary", "actors", "places", "tags", "text_ar", "note"]},
            "start": {"type": "integer", "minimum": 0},
            "end": {"type": "integer", "minimum": 0},
            "text": _STRING,
            "value": _NULLABLE_STRING,
        }
    )
    properties = {
        **_event_properties(),
        "score": {"type": "number"},
        "matches": {"type": "array", "items": match},
    }
    return _document(
        "search", "ceasefire search --json", {"type": "array", "items": _object(properties)}
    )


def deadlines_schema() -> Schema:
    duration = {
        "anyOf": [
            _object(
                {
                    "min": {"type": "integer", "minimum": 1},
                    "max": {"type": "integer", "minimum": 1},
                    "unit": {"enum": ["hours", "days", "weeks", "months", "years"]},
                    "text": _STRING,
                }
            ),
            {"type": "null"},
        ]
    }
    nullable_int = {"type": ["integer", "null"]}
    properties = {
        "id": _STRING,
        "kind": {"enum": list(dataset_schema.WINDOW_KINDS)},
        "title": _STRING,
        "event_id": _STRING,
        "issued": _DAY,
        "start": _NULLABLE_STRING,
        "duration": duration,
        "end": _NULLABLE_STRING,
        "due_earliest": _NULLABLE_DAY,
        "due_latest": _NULLABLE_DAY,
        "end_instant": _NULLABLE_STRING,
        "status": {"enum": list(STATUSES)},
        "days_left_min": nullable_int,
        "days_left_max": nullable_int,
        "supersedes": _NULLABLE_STRING,
        "superseded_by": _NULLABLE_STRING,
        "outcome": {"enum": [*dataset_schema.OUTCOMES, None]},
        "outcome_date": _NULLABLE_DAY,
        "explanation": _STRING,
        "quote_ar": _NULLABLE_STRING,
        "note": _NULLABLE_STRING,
        "sources": {"type": "array", "items": _SOURCE},
        "as_of": _DAY,
    }
    assert tuple(properties) == WINDOW_FIELDS
    return _document(
        "deadlines", "ceasefire deadlines --json", {"type": "array", "items": _object(properties)}
    )


def diff_schema() -> Schema:
    change = _object(
        {
            "window_id": _STRING,
            "change": _STRING,
            "date": _DAY,
            "status": {"enum": list(STATUSES)},
            "projected": {"type": "boolean"},
        }
    )
    properties = {
        "from": _DAY,
        "to": _DAY,
        "from_event": _NULLABLE_STRING,
        "to_event": _NULLABLE_STRING,
        "days": {"type": "integer", "minimum": 0},
        "elapsed": _object(
            {name: {"type": "integer", "minimum": 0} for name in ("years", "months", "days")}
        ),
        "events": {"type": "array", "items": _object(_event_properties())},
        "changes": {"type": "array", "items": change},
        "active_at_from": _STRINGS,
        "active_at_to": _STRINGS,
        "added": _STRINGS,
        "removed": _STRINGS,
        "as_of": _DAY,
    }
    # --stat replaces each list by its count (events_count, ...).
    counts = {
        f"{name}_count": {"type": "integer", "minimum": 0} for name in properties if name in _LISTS
    }
    full = _object(properties)
    stat = _object({**{k: v for k, v in properties.items() if k not in _LISTS}, **counts})
    return _document("diff", "ceasefire diff --json (and --stat --json)", {"oneOf": [full, stat]})


_LISTS = ("events", "changes", "active_at_from", "active_at_to", "added", "removed")


def validate_schema() -> Schema:
    properties = {
        "file": _STRING,
        "line": {"type": ["integer", "null"]},
        "column": {"type": ["integer", "null"]},
        "record": _NULLABLE_STRING,
        "field": _NULLABLE_STRING,
        "message": _STRING,
    }
    assert tuple(properties) == PROBLEM_FIELDS
    return _document(
        "validate", "ceasefire validate --json", {"type": "array", "items": _object(properties)}
    )


def dataset_schema_document() -> Schema:
    """The dataset TOML file, as the JSON it parses to (for editors: Taplo / Even Better TOML)."""
    source = _object(
        {"name": _STRING, "url": {"type": "string", "pattern": "^https?://"}}, ("name",)
    )
    kebab = {"type": "string", "pattern": dataset_schema.ID_PATTERN.pattern}
    day_or_instant = {
        "type": "string",
        "pattern": r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z))?$",
    }
    event = _object(
        {
            "id": kebab,
            "date": _STORED_DATE,
            "title": _STRING,
            "summary": _STRING,
            "text_ar": _STRING,
            "actors": _STRINGS,
            "places": _STRINGS,
            "tags": {"type": "array", "items": kebab},
            "sources": {"type": "array", "items": source},
            "provenance": {"enum": list(dataset_schema.PROVENANCES)},
            "dating": {"enum": list(dataset_schema.DATINGS)},
            "reported_date": _STORED_DATE,
            "note": _STRING,
        },
        dataset_schema.EVENT_REQUIRED,
    )
    actor = _object(
        {
            "id": kebab,
            "name": _STRING,
            "name_ar": _STRING,
            "role": _STRING,
            "role_ar": _STRING,
            "kind": {"enum": list(dataset_schema.ACTOR_KINDS)},
            "aliases": _STRINGS,
        },
        dataset_schema.ACTOR_REQUIRED,
    )
    window = _object(
        {
            "id": kebab,
            "kind": {"enum": list(dataset_schema.WINDOW_KINDS)},
            "title": _STRING,
            "event": kebab,
            "issued": _DAY,
            "start": day_or_instant,
            "duration": {
                "anyOf": [
                    {"type": "integer", "minimum": 1},
                    {
                        "type": "array",
                        "items": {"type": "integer", "minimum": 1},
                        "minItems": 2,
                        "maxItems": 2,
                    },
                ]
            },
            "unit": {"enum": ["hours", "days", "weeks", "months", "years"]},
            "end": day_or_instant,
            "supersedes": kebab,
            "outcome": {"enum": list(dataset_schema.OUTCOMES)},
            "outcome_date": _DAY,
            "quote_ar": _STRING,
            "note": _STRING,
            "sources": {"type": "array", "items": source},
        },
        dataset_schema.WINDOW_REQUIRED,
    )
    place = _object({"name": _STRING, "name_ar": _STRING, "aliases": _STRINGS}, ("name",))
    meta = _object(dict.fromkeys(dataset_schema.DATASET_KEYS, _STRING), ())
    body = _object(
        {
            "dataset": meta,
            "actors": {"type": "array", "items": actor},
            "events": {"type": "array", "items": event},
            "windows": {"type": "array", "items": window},
            "places": {"type": "array", "items": place},
        },
        (),
    )
    return _document("dataset", "ceasefire dataset file (TOML)", body)


SCHEMAS = {
    "list": list_schema,
    "show": show_schema,
    "search": search_schema,
    "deadlines": deadlines_schema,
    "diff": diff_schema,
    "validate": validate_schema,
    "dataset": dataset_schema_document,
}
