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
