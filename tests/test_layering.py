"""The architecture's promises, checked: the library and the JSON path stay light."""

from __future__ import annotations

import subprocess
import sys


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(run.stdout.split())


def test_importing_the_library_loads_neither_typer_nor_rich() -> None:
    modules = _modules_after("import ceasefire_cli; ceasefire_cli.load_timeline()")
    assert "typer" not in modules
    assert "rich" not in modules


def test_list_json_does_not_import_rich() -> None:
    code = (
        "import io, contextlib\n"
        "from ceasefire_cli.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['list', '--json', '--today', '2026-11-30']) == 0\n"
    )
    assert not any(name == "rich" or name.startswith("rich.") for name in _modules_after(code))


def test_importing_the_package_imports_none_of_it_until_used() -> None:
    # So that the console script's imports all happen where a Ctrl-C is caught (launch.py).
    modules = _modules_after("import ceasefire_cli")
    assert not {name for name in modules if name.startswith("ceasefire_cli.")}
    modules = _modules_after("from ceasefire_cli import Period, load_timeline")
    assert {"ceasefire_cli.model", "ceasefire_cli.dataset"} <= modules
