"""`ceasefire schema`: each schema is valid draft 2020-12 and real output validates against it."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from ceasefire_cli import bundled_path
from ceasefire_cli.schemas import SCHEMAS
from conftest import Invoke

ROOT = Path(__file__).resolve().parents[1]


def validate(name: str, instance: Any) -> None:
    schema = SCHEMAS[name]()
    Draft202012Validator.check_schema(schema)
    errors = sorted(Draft202012Validator(schema).iter_errors(instance), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("list", ("list", "--json")),
        ("show", ("show", "2025-05-16", "--json")),
        ("show", ("show", "2014", "--json")),
        ("search", ("search", "istanbul", "لافروف", "--any", "--json")),
        ("deadlines", ("deadlines", "--as-of", "2025-08-08", "--json")),
        ("deadlines", ("deadlines", "--json")),
        ("diff", ("diff", "2022-01-01", "2025-12-31", "--json")),
        ("diff", ("diff", "2022-01-01", "2025-12-31", "--json", "--stat")),
    ],
)
def test_real_output_validates(invoke: Invoke, name: str, args: tuple[str, ...]) -> None:
    run = invoke(*args)
    assert run.exit_code == 0, run.stderr
    validate(name, run.json())


def test_validate_output_validates(invoke: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[events]]\nid = "x"\ndate = "2025-13"\n', encoding="utf-8")
    run = invoke("validate", str(bad), "--json")
    assert run.exit_code == 3
    validate("validate", run.json())


def test_bundled_dataset_validates_against_the_dataset_schema() -> None:
    with bundled_path().open("rb") as file:
        validate("dataset", tomllib.load(file))


def test_the_schema_rejects_what_validate_rejects() -> None:
    schema = SCHEMAS["dataset"]()
    bad = {"events": [{"id": "Bad Id", "date": "2025-13-01x", "titel": "t"}]}
    assert not Draft202012Validator(schema).is_valid(bad)


def test_committed_dataset_schema_is_current(invoke: Invoke) -> None:
    # data/events.toml points editors at it with a `#:schema` comment.
    committed = (ROOT / "schema" / "dataset.schema.json").read_text(encoding="utf-8")
    assert committed == invoke("schema", "dataset").stdout
    assert (
        bundled_path()
        .read_text(encoding="utf-8")
        .startswith("#:schema ../schema/dataset.schema.json\n")
    )


def test_schema_command_default_and_names(invoke: Invoke) -> None:
    assert json.loads(invoke("schema").stdout)["title"] == "ceasefire list --json"
    assert invoke("schema", "nope").exit_code == 2
