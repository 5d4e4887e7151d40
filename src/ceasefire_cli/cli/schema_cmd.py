"""`ceasefire schema`: the JSON Schema of each command's JSON output, and of the dataset."""

from __future__ import annotations

import enum
import json
from typing import Annotated

import typer

from ceasefire_cli.schemas import SCHEMAS

from .common import app, write_text

SCHEMA_EXAMPLES = """Examples:

  ceasefire schema list                  the schema of 'ceasefire list --json'

  ceasefire schema dataset > events.schema.json

  ceasefire list --json | check-jsonschema --schemafile <(ceasefire schema list) -"""


class SchemaName(enum.StrEnum):
    list = "list"
    show = "show"
    search = "search"
    deadlines = "deadlines"
    diff = "diff"
    validate = "validate"
    dataset = "dataset"


assert tuple(SchemaName) == tuple(SCHEMAS)


@app.command("schema", epilog=SCHEMA_EXAMPLES)
def schema_command(
    name: Annotated[
        SchemaName, typer.Argument(help="Which output (or 'dataset' for the data file).")
    ] = SchemaName.list,
) -> None:
    """Print the JSON Schema (draft 2020-12) of a command's JSON output, or of the dataset."""
    write_text(json.dumps(SCHEMAS[name.value](), ensure_ascii=False, indent=2) + "\n")
