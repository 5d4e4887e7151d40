"""Start-up of a minimal two-command Typer app under typer 0.28 and 0.29 (why we pin <0.29).

Usage: python bench/typer_versions.py [--runs N]
Creates two throw-away virtual environments (needs the package index), then starts the same
app in each N times and prints the median wall time and the ratio between the versions.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
import venv
from pathlib import Path

VERSIONS = ("0.28.0", "0.29.2")
APP = """
import typer
app = typer.Typer()
@app.command()
def hello(name: str = "world", count: int = 1) -> None:
    for _ in range(count):
        print(f"hello {name}")
@app.command()
def bye(name: str = "world") -> None:
    print(f"bye {name}")
app()
"""


def _python(root: Path, version: str) -> Path:
    target = root / version
    venv.create(target, with_pip=True)
    python = target / "bin" / "python"
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            f"typer=={version}",
        ],
        check=True,
    )
    return python


def _median_ms(python: Path, script: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [str(python), str(script), "hello", "--count", "1"], check=True, capture_output=True
        )
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        script = root / "app.py"
        script.write_text(APP)
        pythons = {version: _python(root, version) for version in VERSIONS}
        for python in pythons.values():  # warm the file cache and .pyc files
            _median_ms(python, script, 2)
        medians = {
            version: _median_ms(python, script, args.runs) for version, python in pythons.items()
        }
    for version, median in medians.items():
        print(f"typer {version}: median {median:.1f} ms over {args.runs} runs")
    old, new = VERSIONS
    print(f"ratio {new}/{old}: {medians[new] / medians[old]:.2f}x")


if __name__ == "__main__":
    main()
