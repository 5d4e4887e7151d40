"""The dataset file's vocabulary: which tables and keys exist and what values they take; no I/O."""

from __future__ import annotations

import re

# The arrays of tables a dataset is made of ([[events]] ...), after its [dataset] table.
RECORD_ARRAYS = ("actors", "events", "windows", "places")
TOP_LEVEL_KEYS = ("dataset", *RECORD_ARRAYS)

DATASET_KEYS = ("name", "description", "source", "source_date")

EVENT_REQUIRED = ("id", "date", "title")
EVENT_TEXT_KEYS = ("summary", "text_ar", "note")
EVENT_LIST_KEYS = ("actors", "places", "tags")
EVENT_KEYS = (
    *EVENT_REQUIRED,
    "summary",
    "text_ar",
    "actors",
    "places",
    "tags",
    "sources",
    "provenance",
    "dating",
    "reported_date",
    "note",
)
SOURCE_KEYS = ("name", "url")

ACTOR_REQUIRED = ("id", "name")
ACTOR_KEYS = (*ACTOR_REQUIRED, "name_ar", "role", "role_ar", "kind", "aliases")

PROVENANCES = ("article", "follow-up", "user")
DATINGS = ("article", "derived", "sources")
ACTOR_KINDS = ("person", "country", "organisation", "group", "media")

# Used with fullmatch: `$` alone would also match before a trailing newline ("a\n").
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TAG_PATTERN = ID_PATTERN
# No spaces, control characters (ESC would reach calendars and terminals raw) or bidi
# overrides (which can make a link read as another).
URL_PATTERN = re.compile("^https?://[^\\s\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]+$")

WINDOW_REQUIRED = ("id", "kind", "title", "event", "issued")
WINDOW_KEYS = (
    *WINDOW_REQUIRED,
    "start",
    "duration",
    "unit",
    "end",
    "supersedes",
    "outcome",
    "outcome_date",
    "quote_ar",
    "note",
    "sources",
)
WINDOW_KINDS = ("ultimatum", "ceasefire", "truce", "moratorium", "agreement", "talks", "proposal")
OUTCOMES = (
    "accepted",
    "rejected",
    "violated",
    "expired",
    "lapsed",
    "ended",
    "extended",
    "superseded",
    "never-in-force",
)

PLACE_REQUIRED = ("name",)
PLACE_KEYS = ("name", "name_ar", "aliases")
