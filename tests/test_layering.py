"""The architecture's promises, checked: the library and the JSON path stay light.

Start-up time is part of the product (issue 6: `list --json` within 2.5x a bare Python
script that parses the dataset). bench/startup.py measures it; these tests guard the
import graph that keeps it there, without timing anything.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(run.stdout.split())


def _loaded(modules: set[str], package: str) -> bool:
    return any(name == package or name.startswith(f"{package}.") for name in modules)


def _run_main(*args: str) -> str:
    return (
        "import io, contextlib\n"
        "from ceasefire_cli.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main({[*args, '--today', '2026-11-30']!r}) == 0\n"
    )


def test_importing_the_library_loads_neither_typer_nor_rich() -> None:
    modules = _modules_after("import ceasefire_cli; ceasefire_cli.load_timeline()")
    assert "typer" not in modules
    assert "rich" not in modules


def test_importing_the_library_alone_loads_none_of_its_modules() -> None:
    modules = _modules_after("import ceasefire_cli")
    assert sorted(name for name in modules if name.startswith("ceasefire_cli.")) == []


# Each of these is imported only by the paths that need it (see the imports inside functions).
NOT_ON_THE_LIST_PATH = (
    "rich",  # tables
    "dateutil",  # relative dates, month and year arithmetic, diff's elapsed time
    "icalendar",  # export --format ics
    "regex",  # search -E
    "tempfile",  # -o FILE and the cache
    "hashlib",  # the cache
    "platformdirs",  # the cache
    "calendar",  # month lengths are computed; calendar would import locale
    "ceasefire_cli.search",
    "ceasefire_cli.diff",
    "ceasefire_cli.cache",
    "ceasefire_cli.cli.search_cmd",
    "ceasefire_cli.cli.export_cmd",
)


@pytest.mark.parametrize("args", [("list", "--json"), ("list", "--format", "plain")])
def test_list_imports_only_what_it_needs(args: tuple[str, ...]) -> None:
    modules = _modules_after(_run_main(*args))
    assert [name for name in NOT_ON_THE_LIST_PATH if _loaded(modules, name)] == []


def test_a_table_imports_only_richs_light_helpers_and_not_the_other_commands() -> None:
    # render/grid lays the table out as Rich would; importing rich.console, rich.table
    # and their layout cost 85 to 95 ms of a 270 ms run (issue 6, bench/startup.py).
    modules = _modules_after(_run_main("list", "--format", "table"))
    assert "rich.cells" in modules
    assert "ceasefire_cli.render.grid" in modules
    assert not {"rich.console", "rich.table", "rich.text", "ceasefire_cli.render.table"} & modules
    assert not _loaded(modules, "ceasefire_cli.cli.search_cmd")


def test_a_table_saved_as_a_picture_goes_through_richs_console(tmp_path: Path) -> None:
    picture = tmp_path / "list.svg"
    modules = _modules_after(_run_main("list", "--format", "table", "--svg", str(picture)))
    assert {"rich.console", "ceasefire_cli.render.table"} <= modules
    assert picture.read_text(encoding="utf-8").startswith("<svg")


def test_importing_the_package_imports_none_of_it_until_used() -> None:
    # So that the console script's imports all happen where a Ctrl-C is caught (launch.py).
    modules = _modules_after("import ceasefire_cli")
    assert not {name for name in modules if name.startswith("ceasefire_cli.")}
    modules = _modules_after("from ceasefire_cli import Period, load_timeline")
    assert {"ceasefire_cli.model", "ceasefire_cli.dataset"} <= modules


def test_the_console_script_imports_nothing_before_main_can_catch_a_ctrl_c() -> None:
    # The script pip writes runs `from ceasefire_cli.launch import main` outside any handler:
    # a Ctrl-C while that imports something (typing, contextlib) printed a traceback.
    probe = (
        "import sys\nbefore = set(sys.modules)\nimport ceasefire_cli.launch\n"
        "print(' '.join(sorted(set(sys.modules) - before)))"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["__future__", "ceasefire_cli", "ceasefire_cli.launch"]
