"""Start-up benchmark: cold `ceasefire list` on the bundled dataset against a floor script.

    python bench/startup.py --runs 21
    python bench/startup.py --runs 21 --jrnl /tmp/jrnl-venv/bin/jrnl

Every measurement is a fresh process with its output to /dev/null; the runs are
interleaved (floor, json, table, jrnl, floor, ...) so that a busy machine slows all of
them alike, and the ratios are of medians taken in the same run:

- floor: Python starts, reads data/events.toml with the stdlib tomllib, prints it as JSON;
- `ceasefire list --json`;
- `ceasefire list --format table` (render/grid lays out the whole table, as Rich would);
- with --jrnl: jrnl's `--export json` of a 30-entry journal (written to a temporary
  directory with its own config). Install it beside, not into, this project:
  `python3 -m venv /tmp/jrnl-venv && /tmp/jrnl-venv/bin/pip install jrnl`.

Targets (issue 6): json <= 2.5x floor, table <= 3.5x floor, and both at least 1.5x
faster than jrnl. Bytecode is compiled by warm-up runs first, whatever
PYTHONDONTWRITEBYTECODE says, because an installed package ships compiled.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUNDLED = Path(__file__).resolve().parents[1] / "data" / "events.toml"
FLOOR_CODE = (
    "import json, sys, tomllib\n"
    "with open(sys.argv[1], 'rb') as f:\n"
    "    print(json.dumps(tomllib.load(f), ensure_ascii=False, indent=2, default=str))\n"
)
JRNL_CONFIG = """\
colors: {body: none, date: none, tags: none, title: none}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: JOURNAL
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%F %r'
version: v4.6
"""


def _ceasefire() -> list[str]:
    script = Path(sys.executable).with_name("ceasefire")
    return [str(script)] if script.exists() else [sys.executable, "-m", "ceasefire_cli"]


def _jrnl_home(directory: Path) -> Path:
    """A config and a 30-entry journal for jrnl, under `directory` (used as XDG_CONFIG_HOME)."""
    journal = directory / "journal.txt"
    with journal.open("w", encoding="utf-8") as out:
        for number in range(30):
            day = dt.date(2025, 1, 1) + dt.timedelta(days=number)
            out.write(f"[{day} 09:00:00 AM] Entry {number} on @talks and a ceasefire.\n")
            out.write(f"Body of entry {number}, a sentence or two of notes.\n\n")
    config = directory / "jrnl" / "jrnl.yaml"
    config.parent.mkdir(parents=True)
    config.write_text(JRNL_CONFIG.replace("JOURNAL", str(journal)), encoding="utf-8")
    return directory


def _time(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode().strip()}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each (default 21)")
    parser.add_argument("--jrnl", help="path of a jrnl executable to compare with")
    args = parser.parse_args(argv)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env |= {"CEASEFIRE_TODAY": "2026-11-30", "NO_COLOR": "1", "COLUMNS": "120"}
    commands = {
        "floor (python + tomllib + json)": [sys.executable, "-c", FLOOR_CODE, str(BUNDLED)],
        "ceasefire list --json": [*_ceasefire(), "list", "--json"],
        "ceasefire list --format table": [*_ceasefire(), "list", "--format", "table"],
    }
    home = Path(tempfile.mkdtemp(prefix="ceasefire-bench-"))
    try:
        jrnl_env = env
        if args.jrnl:
            jrnl_env = {**env, "XDG_CONFIG_HOME": str(_jrnl_home(home))}
            commands["jrnl --export json (30 entries)"] = [args.jrnl, "--export", "json"]
        times: dict[str, list[float]] = {name: [] for name in commands}
        for name, command in commands.items():  # warm-up: bytecode, file cache, jrnl config
            for _ in range(2):
                _time(command, jrnl_env if name.startswith("jrnl") else env)
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(_time(command, jrnl_env if name.startswith("jrnl") else env))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    floor = medians["floor (python + tomllib + json)"]
    jrnl = medians.get("jrnl --export json (30 entries)")
    print(f"median of {args.runs} interleaved runs, Python {sys.version.split()[0]}")
    print(f"| {'command':<34} | {'median ms':>9} | {'× floor':>7} | {'jrnl ÷ this':>11} |")
    print(f"|{'-' * 36}|{'-' * 10}:|{'-' * 8}:|{'-' * 12}:|")
    for name, median in medians.items():
        versus = f"{jrnl / median:11.2f}" if jrnl else f"{'-':>11}"
        print(f"| {name:<34} | {median:9.1f} | {median / floor:7.2f} | {versus} |")
    print("targets: json <= 2.5x floor, table <= 3.5x floor, jrnl ÷ this >= 1.5")
    return 0


if __name__ == "__main__":
    sys.exit(main())
