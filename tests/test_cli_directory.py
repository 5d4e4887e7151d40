"""`actors`, `tags` and `stats`: directories and counts, as of a day."""

from __future__ import annotations

import pytest

from conftest import MINI, Invoke


def test_actors_json_has_both_names_roles_aliases_and_counts(invoke: Invoke) -> None:
    run = invoke("actors", "--no-bundled", "--data", str(MINI), "--json")
    assert run.exit_code == 0, run.stderr
    assert run.json() == [
        {
            "id": "putin", "name": "Vladimir Putin", "name_ar": "فلاديمير بوتين",
            "role": "President of Russia", "role_ar": None, "kind": "person",
            "aliases": ["Putin", "master of the Kremlin", "بوتين", "سيد الكرملين"], "events": 2,
        },
        {
            "id": "zelensky", "name": "Volodymyr Zelensky", "name_ar": "فولوديمير زيلينسكي",
            "role": "President of Ukraine", "role_ar": None, "kind": "person",
            "aliases": ["Zelenskyy", "Zelenskiy", "زيلينسكي"], "events": 2,
        },
    ]  # fmt: skip


def test_actor_counts_follow_as_of(invoke: Invoke) -> None:
    run = invoke(
        "actors",
        "--no-bundled",
        "--data",
        str(MINI),
        "--as-of",
        "2025-01-01",
        "--fields",
        "id,events",
    )
    assert run.lines() == ["putin\t1", "zelensky\t0"]


def test_tags(invoke: Invoke) -> None:
    run = invoke("tags", "--no-bundled", "--data", str(MINI))
    assert run.lines() == ["call\t1", "meeting\t1", "summit\t1", "talks\t1"]


@pytest.mark.parametrize(
    ("by", "lines"),
    [
        ("year", ["2021\t1", "2025\t3"]),
        ("month", ["2021 (year only)\t1", "2025-02\t2", "2025-03\t1"]),
        ("actor", ["putin\t2", "zelensky\t2"]),
        ("tag", ["call\t1", "meeting\t1", "summit\t1", "talks\t1"]),
        ("place", ["Kyiv\t1", "Washington\t1"]),
        ("provenance", ["user\t3", "article\t1"]),
    ],
)
def test_stats(invoke: Invoke, by: str, lines: list[str]) -> None:
    run = invoke("stats", "--by", by, "--no-bundled", "--data", str(MINI))
    assert run.exit_code == 0, run.stderr
    assert run.lines() == lines


def test_stats_json_and_bad_key(invoke: Invoke) -> None:
    run = invoke("stats", "--json")
    assert run.json() == [
        {"year": "2014", "events": 1}, {"year": "2021", "events": 1}, {"year": "2022", "events": 8},
        {"year": "2024", "events": 1}, {"year": "2025", "events": 30},
    ]  # fmt: skip
    bad = invoke("stats", "--by", "decade")
    assert bad.exit_code == 2
