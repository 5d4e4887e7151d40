"""The real process: console script, one-line errors, closed pipes, Ctrl-C, installs."""

from __future__ import annotations

import gc
import importlib.abc
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ENV = {**os.environ, "CEASEFIRE_TODAY": "2026-11-30", "NO_COLOR": "1", "COLUMNS": "100"}
ENV.pop("CEASEFIRE_DATA", None)


def ceasefire(*args: str, cwd: Path | str = "/") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "ceasefire"), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=ENV,
        timeout=60,
        check=False,
    )


def test_installed_command_runs_from_any_directory() -> None:
    run = ceasefire("list", "--since", "2025-02", "--json", cwd="/")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)[0]["id"] == "2025-02-12-trump-putin-call"


def test_python_dash_m_works_too() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "ceasefire_cli", "--version"],
        capture_output=True, text=True, cwd="/", env=ENV, check=False,
    )  # fmt: skip
    assert run.returncode == 0
    assert run.stdout.startswith("ceasefire ")


@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        (
            ("list", "--bogus"),
            2,
            "ceasefire: error: No such option: --bogus (see 'ceasefire list --help')\n",
        ),
        (
            ("lsit",),
            2,
            "ceasefire: error: No such command 'lsit'. Did you mean 'list'? (see 'ceasefire --help')\n",
        ),
        (("list", "--limit", "-1"), 2, None),
        (("show",), 2, "ceasefire: error: Missing argument 'ID'. (see 'ceasefire show --help')\n"),
        (("list", "--format", "xml"), 2, None),
    ],
)
def test_click_usage_errors_are_one_line(
    args: tuple[str, ...], code: int, stderr: str | None
) -> None:
    run = ceasefire(*args)
    assert run.returncode == code
    assert run.stdout == ""
    assert run.stderr.count("\n") == 1, run.stderr
    assert run.stderr.startswith("ceasefire: error: ")
    if stderr is not None:
        assert run.stderr == stderr


def test_closed_stdout_ends_quietly() -> None:
    process = subprocess.Popen(
        [str(BIN / "ceasefire"), "list", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, cwd="/",
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader goes away before a byte is written, like `| head -c 0`
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == 141
    assert stderr == b""


def test_head_of_a_pipe_gets_the_first_bytes() -> None:
    run = subprocess.run(
        f"'{BIN / 'ceasefire'}' list --json | head -c 100",
        shell=True, capture_output=True, text=True, env=ENV, cwd="/", check=False,
    )  # fmt: skip
    assert run.stdout.startswith('[\n  {\n    "id": "2014-crimea-annexation"')
    assert run.stderr == ""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a FIFO")
def test_ctrl_c_during_a_load_exits_130_without_a_traceback(tmp_path: Path) -> None:
    fifo = tmp_path / "slow.toml"
    os.mkfifo(fifo)  # opening it blocks until a writer comes: the load is "in progress"
    process = subprocess.Popen(
        [str(BIN / "ceasefire"), "list", "--data", str(fifo)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, cwd="/",
    )  # fmt: skip
    # Wait until the process is opening the FIFO to read: a writer can open it then (while
    # the reader is blocked in open(), /proc/PID/fd does not list it yet, so polling for it
    # waited out a 30 s deadline). The reader then blocks in read(), the load in progress.
    deadline = time.monotonic() + 30
    while True:
        try:
            writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError:  # ENXIO: no reader yet
            assert time.monotonic() < deadline
            time.sleep(0.01)
    # A signal that lands just before read() blocks is only acted on when read() returns
    # (CPython checks for it between calls): wait until the reader sleeps in read().
    wchan = Path(f"/proc/{process.pid}/wchan")
    while "pipe_read" not in wchan.read_text() and time.monotonic() < deadline - 25:
        time.sleep(0.005)
    process.send_signal(signal.SIGINT)
    os.close(writer)  # and should it not be, the end of the file returns from read()
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert err == b"ceasefire: interrupted\n"
    assert out == b""


def test_wheel_ships_the_dataset_and_works_installed_elsewhere(tmp_path: Path) -> None:
    dist, site = tmp_path / "dist", tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(ROOT)],
        check=True, capture_output=True,
    )  # fmt: skip
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert "ceasefire_cli/data/events.toml" in archive.namelist()
    subprocess.run(
        [*pip, "install", "--no-deps", "--target", str(site), str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    env = {**ENV, "PYTHONPATH": str(site)}  # the installed copy comes before the checkout
    code = (
        "import ceasefire_cli, sys; "
        "print(ceasefire_cli.__file__); print(ceasefire_cli.bundled_path()); "
        "from ceasefire_cli.cli import main; sys.exit(main(['list', '--since', '2025-02']))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd="/", env=env, check=False
    )
    assert run.returncode == 0, run.stderr
    module, data, first, *_ = run.stdout.splitlines()
    assert module.startswith(str(site))
    assert data == str(site / "ceasefire_cli" / "data" / "events.toml")
    assert first.split("\t")[1] == "2025-02-12-trump-putin-call"


def test_a_full_disk_is_one_line_and_exit_74() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    with Path("/dev/full").open("w") as full:
        run = subprocess.run(
            [str(BIN / "ceasefire"), "list", "--json"],
            stdout=full, stderr=subprocess.PIPE, text=True, env=ENV, check=False,
        )  # fmt: skip
    assert run.returncode == 74
    assert run.stderr == (
        "ceasefire: error: cannot write the output: No space left on device; "
        "free some space where it goes, or send it elsewhere\n"
    )


def test_an_ascii_only_locale_gets_escapes_not_a_crash() -> None:
    env = {**ENV, "PYTHONIOENCODING": "ascii"}
    run = subprocess.run(
        [str(BIN / "ceasefire"), "show", "2025-02-12", "--format", "plain"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "\\u0634" in run.stdout or "\\u062a" in run.stdout  # Arabic as escapes


def test_a_relative_date_read_as_an_option_gets_the_fix() -> None:
    def run(*args: str) -> tuple[int, str]:
        done = subprocess.run(
            [str(BIN / "ceasefire"), *args], check=False, capture_output=True, text=True, env=ENV
        )
        return done.returncode, done.stderr

    assert run("diff", "-2w", "today") == (
        2,
        "ceasefire: error: No such option: -2; dates that start with '-' go after '--', "
        "options before it: 'ceasefire diff --stat -- -2w today'\n",
    )
    assert run("diff", "--stat", "--", "-2w", "today")[0] == 0  # the fix works
    # Elsewhere a date is an option's value (`--since -30d`): the usual line.
    assert run("list", "-3") == (
        2,
        "ceasefire: error: No such option: -3 (see 'ceasefire list --help')\n",
    )


def test_no_command_is_help_on_stdout_and_one_line_on_stderr() -> None:
    run = subprocess.run(
        [str(BIN / "ceasefire")], check=False, capture_output=True, text=True, env=ENV
    )
    # Exit 2 is a usage error, which promises one line on stderr saying what and what to type:
    # it printed the help and nothing on stderr (before that, an empty "error:" line).
    assert (run.returncode, run.stderr) == (
        2,
        "ceasefire: error: no command given; e.g. 'ceasefire list', or 'ceasefire --help'\n",
    )
    assert "Usage: ceasefire" in run.stdout and "validate" in run.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("list", "--format", "table"),
        ("list", "--format", "plain"),
        ("list", "--format", "json"),
        ("list", "--format", "csv"),
        ("export", "--format", "ics"),
        ("timeline",),
        ("--version",),
    ],
)
def test_closed_stdout_exits_141(args: tuple[str, ...]) -> None:
    process = subprocess.Popen(
        [str(BIN / "ceasefire"), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, cwd="/",
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == 141
    assert stderr == b""


def test_machine_formats_are_utf8_whatever_the_locale() -> None:
    env = {**ENV, "PYTHONIOENCODING": "cp1252"}
    run = subprocess.run(
        [str(BIN / "ceasefire"), "list", "--on", "2025-02-12", "--format", "csv", "--fields", "id,text_ar"],
        capture_output=True, env=env, check=False,
    )  # fmt: skip
    assert run.returncode == 0
    assert "ترامب وبوتين".encode() in run.stdout


@pytest.mark.parametrize("enabled", [True, False])
def test_the_console_script_runs_without_the_collector_restores_it_and_freezes_the_rest(
    monkeypatch: pytest.MonkeyPatch, enabled: bool
) -> None:
    # One command per process: the collector only slowed big runs down (launch.py says how
    # much), and what outlives the command is frozen so that no collection at exit walks it.
    # In-process callers (tests) get the collector back as they had it.
    from ceasefire_cli import cli, launch

    seen: list[bool] = []

    def run() -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(cli, "main", run)
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        gc.unfreeze()
        assert launch.main() == 0
        assert seen == [False]
        assert gc.isenabled() is enabled
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        (gc.enable if was else gc.disable)()


@pytest.mark.parametrize("module", ["ceasefire_cli.cli", "ceasefire_cli.collector"])
def test_ctrl_c_while_the_command_line_is_imported_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], module: str
) -> None:
    # Importing typer, rich and the rest takes a few hundred milliseconds: a Ctrl-C then
    # printed a traceback. launch.main imports them, and even the collector's module, where
    # KeyboardInterrupt is caught.
    from ceasefire_cli import launch

    class CtrlC(importlib.abc.MetaPathFinder):
        def find_spec(self, name: str, *args: object) -> None:
            if name == module:
                raise KeyboardInterrupt

    for name in [name for name in sys.modules if name.startswith(module)]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "meta_path", [CtrlC(), *sys.meta_path])
    assert launch.main() == 130
    assert capsys.readouterr().err == "ceasefire: interrupted\n"


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs /proc")
def test_ctrl_c_at_start_up_exits_130_without_a_traceback() -> None:
    process = subprocess.Popen(
        [str(BIN / "ceasefire"), "list"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, cwd="/",
    )  # fmt: skip
    # Wait until the command line is being imported (unicodedata is a shared library that
    # only our modules load), then interrupt: mid-import or just after, one line either way.
    deadline = time.monotonic() + 30
    while "unicodedata" not in Path(f"/proc/{process.pid}/maps").read_text():
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            pytest.skip("unicodedata is not a shared library here")
        time.sleep(0.002)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert (process.returncode, out, err) == (130, b"", b"ceasefire: interrupted\n")


# --- every output into a pipe that closes, a disk that fills, a Ctrl-C mid-load ------------

# Every command that prints, in each format family (test_closed_stdout_exits_141 has more).
OUTPUTS = [
    ("list", "--format", "jsonl"),
    ("list", "--format", "md"),
    ("show", "2025-02-12", "--format", "table"),
    ("search", "putin", "--format", "json"),
    ("deadlines", "--format", "json"),
    ("diff", "2022", "2025", "--format", "plain"),
    ("actors", "--format", "csv"),
    ("export", "--format", "timelinejs"),
    ("export", "--format", "md"),
    ("schema", "dataset"),
]
# Help is printed by Rich, which met a closed pipe with a SystemExit(1) of its own.
HELP_OUTPUTS = [("--help",), ("deadlines", "-h"), ("--show-completion", "bash")]


def run_together(
    commands: list[tuple[str, ...]], *, close_stdout: bool = False, **options: Any
) -> list[subprocess.Popen[bytes]]:
    """Start every command at once (start-up dominates), for the caller to drive and wait;
    with close_stdout, the reading end of each stdout is closed as soon as it is started."""
    processes = []
    for command in commands:
        process = subprocess.Popen(
            [str(BIN / "ceasefire"), *command], stderr=subprocess.PIPE, env=ENV, cwd="/", **options
        )
        if close_stdout and process.stdout is not None:
            process.stdout.close()
        processes.append(process)
    return processes


@pytest.fixture(scope="module")
def big_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1000 synthetic events (1.2 MB): the listings are larger than a pipe's buffer."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import generate  # bench/generate.py
    finally:
        sys.path.remove(str(ROOT / "bench"))
    path = tmp_path_factory.mktemp("big") / "1000.toml"
    path.write_text(generate.generate(1000), encoding="utf-8")
    return path


def test_stdout_closed_before_a_byte_exits_141_in_every_format() -> None:
    commands = OUTPUTS + HELP_OUTPUTS
    processes = run_together(commands, stdout=subprocess.PIPE, close_stdout=True)
    for command, process in zip(commands, processes, strict=True):
        assert process.stderr is not None
        assert (process.wait(timeout=60), process.stderr.read()) == (141, b""), command


# Each far larger than a pipe's 64 KiB with the big dataset, a machine and a human format.
LARGE_OUTPUTS = [
    ("list", "--format", "plain"),
    ("list", "--format", "table"),
    ("list", "--format", "json"),
    ("diff", "2014", "2026", "--format", "md"),
    ("export", "--format", "ics"),
]


def test_a_reader_that_goes_away_midway_is_exit_141_not_0(big_dataset: Path) -> None:
    # Python's BufferedWriter.write returns a short count instead of raising when the pipe
    # closes in the middle of a large write: the output was cut and the exit status was 0.
    commands = [(*command, "--data", str(big_dataset)) for command in LARGE_OUTPUTS]
    processes = run_together(commands, stdout=subprocess.PIPE)
    for command, process in zip(commands, processes, strict=True):
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.read(1), command  # like `| head -c1`
        process.stdout.close()
        assert (process.wait(timeout=120), process.stderr.read()) == (141, b""), command


def test_a_disk_that_fills_midway_is_exit_74_not_a_cut_file(tmp_path: Path) -> None:
    # RLIMIT_FSIZE makes writes past 1 KiB fail with EFBIG, as a full disk fails with ENOSPC
    # (Python ignores SIGXFSZ): the first kilobyte is written, the rest is refused.
    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    commands = [*LARGE_OUTPUTS[:3], *OUTPUTS[-4:], ("list", "--format", "csv")]
    files = [tmp_path / f"{index}.out" for index in range(len(commands))]
    handles = [path.open("wb") for path in files]
    processes = [
        subprocess.Popen(
            [str(BIN / "ceasefire"), *command],
            stdout=handle,
            stderr=subprocess.PIPE,
            env=ENV,
            cwd="/",
            preexec_fn=limit,  # noqa: PLW1509 (no threads here)
        )
        for command, handle in zip(commands, handles, strict=True)
    ]
    for command, process, handle in zip(commands, processes, handles, strict=True):
        assert process.stderr is not None
        error = process.stderr.read()
        handle.close()
        assert (process.wait(timeout=60), error) == (
            74,
            b"ceasefire: error: cannot write the output: File too large; "
            b"free some space where it goes, or send it elsewhere\n",
        ), command


@pytest.mark.parametrize(
    ("args", "code"),
    [(("show", "nope"), 3), (("list", "--since", "2025-13"), 2), (("validate",), 0)],
)
@pytest.mark.parametrize("stderr", ["closed", "full", "closed-pipe"])
def test_an_unwritable_stderr_keeps_the_exit_status(
    args: tuple[str, ...], code: int, stderr: str
) -> None:
    # The message cannot be shown, but the status still tells: no exit 1 from a failed write.
    if stderr == "full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    command = [str(BIN / "ceasefire"), *args]
    if stderr == "closed-pipe":
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV
        )
        assert process.stderr is not None
        process.stderr.close()
        assert process.wait(timeout=60) == code
        return
    with Path("/dev/full").open("w") as full:
        run = subprocess.run(
            command,
            stdout=subprocess.DEVNULL,
            stderr=full if stderr == "full" else None,
            preexec_fn=(lambda: os.close(2)) if stderr == "closed" else None,
            env=ENV,
            check=False,
            timeout=60,
        )
    assert run.returncode == code


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a FIFO")
@pytest.mark.parametrize("when", ["reading", "parsing"])
def test_ctrl_c_during_a_large_load_exits_130_in_one_line(
    big_dataset: Path, tmp_path: Path, when: str
) -> None:
    # The 1.2 MB dataset comes through a FIFO, so the interrupt lands for sure in the middle
    # of reading it, or just after the last byte, while it is parsed and checked.
    fifo = tmp_path / "big.toml"
    os.mkfifo(fifo)
    process = subprocess.Popen(
        [str(BIN / "ceasefire"), "list", "--data", str(fifo)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, cwd="/",
    )  # fmt: skip
    data = big_dataset.read_bytes()
    with fifo.open("wb") as writer:  # opens once the process opens it to read
        writer.write(data[: len(data) // 2])
        writer.flush()
        if when == "reading":
            process.send_signal(signal.SIGINT)
        else:
            writer.write(data[len(data) // 2 :])
    if when == "parsing":
        process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert (process.returncode, out, err) == (130, b"", b"ceasefire: interrupted\n")


@pytest.mark.skipif(
    not os.environ.get("CEASEFIRE_BIG"),
    reason="about a minute: CEASEFIRE_BIG=1 python -m pytest tests/test_process.py -k 100_mb",
)
def test_a_100_mb_dataset_loads_pipes_and_interrupts_cleanly(tmp_path: Path) -> None:
    # The cheap version of this runs on every test run: big_dataset (1000 events) above.
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    path = tmp_path / "66000.toml"
    path.write_text(generate.generate(66_000), encoding="utf-8")
    assert path.stat().st_size > 95_000_000
    run = subprocess.run(
        [str(BIN / "ceasefire"), "validate", "--data", str(path)],
        capture_output=True, env=ENV, timeout=600, check=False,
    )  # fmt: skip
    assert (run.returncode, run.stdout) == (0, b"")
    assert run.stderr == b"ceasefire: ok: 2 files checked, no problems\n"
    (piped,) = run_together(
        [("list", "--format", "json", "--data", str(path))], stdout=subprocess.PIPE
    )
    assert piped.stdout is not None and piped.stderr is not None
    assert piped.stdout.read(1) == b"["
    piped.stdout.close()
    assert (piped.wait(timeout=600), piped.stderr.read()) == (141, b"")
    (loading,) = run_together([("list", "--data", str(path))], stdout=subprocess.PIPE)
    time.sleep(3)  # well inside the load (about 20 s)
    loading.send_signal(signal.SIGINT)
    out, err = loading.communicate(timeout=60)
    assert (loading.returncode, out, err) == (130, b"", b"ceasefire: interrupted\n")
