"""The cache of loaded timelines: hits, staleness, corruption, failed writes, and the CLI switch."""

from __future__ import annotations

import errno
import marshal
import os
import shutil
import stat
import subprocess
import sys
import time
import zlib
from pathlib import Path
from typing import Any

import pytest

from ceasefire_cli import DataError, cache, dataset, load_timeline
from conftest import MINI, Invoke

VERSION = "0.1.0"


def _copy(tmp_path: Path, name: str = "data.toml") -> Path:
    target = tmp_path / name
    shutil.copyfile(MINI, target)
    return target


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path, **options: Any) -> Any:
        raise AssertionError(f"{path} was parsed; the cache should have answered")

    monkeypatch.setattr(dataset, "read_file", refuse)


def _entries(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir())


def test_a_second_load_is_read_from_the_cache_and_equals_a_fresh_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, store = _copy(tmp_path), tmp_path / "cache"
    fresh = load_timeline([data])  # bundled + user file: windows, instants, sources, places
    assert load_timeline([data], cache_dir=store) == fresh
    assert len(_entries(store)) == 1 and _entries(store)[0].startswith("timeline-")
    _no_parsing(monkeypatch)
    assert load_timeline([data], cache_dir=store) == fresh


def test_a_changed_file_is_parsed_again(tmp_path: Path) -> None:
    data, store = _copy(tmp_path), tmp_path / "cache"
    load_timeline([data], bundled=False, cache_dir=store)
    data.write_text(
        data.read_text(encoding="utf-8").replace("A year-precision event", "Renamed"),
        encoding="utf-8",
    )
    os.utime(data, ns=(1, 1))  # even with an old mtime: the size changed
    titles = [e.title for e in load_timeline([data], bundled=False, cache_dir=store).events]
    assert "Renamed" in titles
    assert len(_entries(store)) == 1  # the stale entry was replaced, not added to


def test_another_program_version_is_not_read(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    keys = cache.file_keys([data])
    assert keys is not None
    timeline = load_timeline([data], bundled=False)
    assert cache.write(tmp_path / "c", keys, "0.0.1", timeline)
    assert cache.read(tmp_path / "c", keys, "0.0.1") == timeline
    assert cache.read(tmp_path / "c", keys, VERSION) is None


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\xff garbage",
        marshal.dumps({"header": ["ceasefire-timeline-cache", 2]})[:-3],  # truncated
        marshal.dumps([1, 2, 3]),
        marshal.dumps({"header": None, "timeline": {}}),
        b"[" * 100_000,  # as marshal data: a list of 1.5 billion items
        b"ceasefire timeline cache\n" + b"\0\0\0\0" + b"[" * 100_000,  # bad checksum
        # Cut to its header: the checksum of nothing holds, and marshal raised EOFError, which
        # Click turned into "interrupted" on every run until the entry was deleted (QA).
        b"ceasefire timeline cache\n" + zlib.crc32(b"").to_bytes(4, "big"),
    ],
)
def test_a_corrupt_entry_is_ignored_and_rebuilt(tmp_path: Path, content: bytes) -> None:
    data, store = _copy(tmp_path), tmp_path / "cache"
    fresh = load_timeline([data], bundled=False, cache_dir=store)
    keys = cache.file_keys([data])
    assert keys is not None
    entry = cache.entry_path(store, keys)
    entry.write_bytes(content)
    assert load_timeline([data], bundled=False, cache_dir=store) == fresh
    assert cache.read(store, keys, VERSION) == fresh  # rewritten whole


def test_an_entry_with_the_right_header_but_a_broken_body_is_ignored(tmp_path: Path) -> None:
    data, store = _copy(tmp_path), tmp_path / "cache"
    fresh = load_timeline([data], bundled=False, cache_dir=store)
    keys = cache.file_keys([data])
    assert keys is not None
    entry = cache.entry_path(store, keys)
    raw = entry.read_bytes()
    head = len(b"ceasefire timeline cache\n") + 4
    stored = marshal.loads(raw[head:])
    stored["timeline"]["events"][0].append("one field too many")
    payload = marshal.dumps(stored)
    entry.write_bytes(raw[: head - 4] + zlib.crc32(payload).to_bytes(4, "big") + payload)
    assert cache.read(store, keys, VERSION) is None
    assert load_timeline([data], bundled=False, cache_dir=store) == fresh


def test_an_entry_others_can_write_is_not_trusted(tmp_path: Path) -> None:
    data, store = _copy(tmp_path), tmp_path / "cache"
    fresh = load_timeline([data], bundled=False, cache_dir=store)
    keys = cache.file_keys([data])
    assert keys is not None
    assert stat.S_IMODE(store.stat().st_mode) == 0o700
    entry = cache.entry_path(store, keys)
    entry.chmod(0o666)
    assert cache.read(store, keys, VERSION) is None
    entry.chmod(0o600)
    assert cache.read(store, keys, VERSION) == fresh


def test_invalid_data_is_never_cached(tmp_path: Path) -> None:
    bad, store = tmp_path / "bad.toml", tmp_path / "cache"
    bad.write_text('[[events]]\nid = "x"\ndate = "2025-13"\ntitle = "T"\n', encoding="utf-8")
    with pytest.raises(DataError):
        load_timeline([bad], bundled=False, cache_dir=store)
    assert not store.exists() or _entries(store) == []


def test_an_unwritable_cache_is_skipped(tmp_path: Path) -> None:
    data, blocked = _copy(tmp_path), tmp_path / "not-a-directory"
    blocked.write_text("a file where the cache directory should be", encoding="utf-8")
    assert load_timeline([data], bundled=False, cache_dir=blocked).events


def test_a_full_disk_leaves_the_old_entry_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, store = _copy(tmp_path), tmp_path / "cache"
    timeline = load_timeline([data], bundled=False, cache_dir=store)
    keys = cache.file_keys([data])
    assert keys is not None
    before = cache.entry_path(store, keys).read_bytes()

    def full(handle: int, *args: Any, **kwargs: Any) -> Any:
        os.close(handle)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", full)
    assert cache.write(store, keys, VERSION, timeline) is False
    assert cache.entry_path(store, keys).read_bytes() == before
    assert _entries(store) == [cache.entry_path(store, keys).name]


def test_ctrl_c_while_writing_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, store = _copy(tmp_path), tmp_path / "cache"
    timeline = load_timeline([data], bundled=False)
    keys = cache.file_keys([data])
    assert keys is not None

    def interrupted(handle: int, *args: Any, **kwargs: Any) -> Any:
        os.close(handle)
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fdopen", interrupted)
    with pytest.raises(KeyboardInterrupt):
        cache.write(store, keys, VERSION, timeline)
    assert _entries(store) == []


def test_only_the_newest_entries_are_kept(tmp_path: Path) -> None:
    store = tmp_path / "cache"
    for number in range(cache.KEEP + 3):
        data = _copy(tmp_path, f"data-{number}.toml")
        load_timeline([data], bundled=False, cache_dir=store)
        os.utime(cache.entry_path(store, cache.file_keys([data]) or []), ns=(number, number))
    assert len(_entries(store)) == cache.KEEP


def test_small_datasets_are_not_worth_caching(tmp_path: Path) -> None:
    assert not cache.worth_caching([MINI])
    assert not cache.worth_caching([tmp_path / "missing.toml"])
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * cache.MIN_BYTES)
    assert cache.worth_caching([big])


def test_the_cli_uses_the_directory_it_is_given_and_can_be_switched_off(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MIN_BYTES", 0)  # the mini dataset stands in for a large one
    store = tmp_path / "cache"
    off = invoke("list", "--data", str(MINI), "--json", env={"CEASEFIRE_CACHE_DIR": "off"})
    assert not store.exists()
    first = invoke("list", "--data", str(MINI), "--json", env={"CEASEFIRE_CACHE_DIR": str(store)})
    assert len(_entries(store)) == 1
    _no_parsing(monkeypatch)
    again = invoke("list", "--data", str(MINI), "--json", env={"CEASEFIRE_CACHE_DIR": str(store)})
    assert off.exit_code == first.exit_code == again.exit_code == 0
    assert off.stdout == first.stdout == again.stdout


def test_the_command_line_writes_a_new_entry_after_answering(tmp_path: Path) -> None:
    # A real process: main() hands the cache write to a child once the answer is out, so a
    # first run on a large dataset is not slowed by it, and a pipe sees its end at once.
    big = tmp_path / "big.toml"
    summary = "x" * cache.MIN_BYTES  # large enough to be worth caching
    big.write_text(
        f'[[events]]\nid = "e"\ndate = "2025-01-02"\ntitle = "T"\nsummary = "{summary}"\n',
        encoding="utf-8",
    )
    store = tmp_path / "cache"
    env = {**os.environ, "CEASEFIRE_CACHE_DIR": str(store), "CEASEFIRE_TODAY": "2026-11-30"}
    command = [sys.executable, "-m", "ceasefire_cli", "list", "--no-bundled", "--data", str(big)]
    first = subprocess.run(
        [*command, "--fields", "id"], capture_output=True, text=True, env=env, check=False
    )
    assert (first.returncode, first.stdout, first.stderr) == (0, "e\n", "")
    deadline = time.monotonic() + 60
    while not any(store.glob("timeline-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [p.name.startswith("timeline-") for p in store.iterdir()] == [True]
    again = subprocess.run(
        [*command, "--fields", "id"], capture_output=True, text=True, env=env, check=False
    )
    assert (again.returncode, again.stdout) == (0, "e\n")


def test_an_edit_that_keeps_size_and_mtime_is_still_seen(tmp_path: Path) -> None:
    # The key had path, size, mtime and inode: an edit to the same size with the mtime put back
    # (touch -d) gave the old answer. ctime changes with any write, and no one can set it.
    data, store = _copy(tmp_path), tmp_path / "cache"
    load_timeline([data], bundled=False, cache_dir=store)
    before = data.stat()
    text = data.read_text(encoding="utf-8")
    assert "A year-precision event" in text
    data.write_text(text.replace("A year-precision event", "A year-precision EVENT"), "utf-8")
    os.utime(data, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = data.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
    titles = [e.title for e in load_timeline([data], bundled=False, cache_dir=store).events]
    assert "A year-precision EVENT" in titles


def test_a_symlink_switched_between_the_key_and_the_read_files_nothing_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # current.toml -> a.toml is switched to b.toml while a run is between taking the key and
    # reading the file (QA reproduced it with a deploy loop): b's data was then filed under a's
    # key, and every later run on a.toml answered with b's events.
    a, b = _copy(tmp_path, "a.toml"), _copy(tmp_path, "b.toml")
    b.write_text(
        b.read_text(encoding="utf-8").replace("A year-precision event", "Only in b"), "utf-8"
    )
    link, store = tmp_path / "current.toml", tmp_path / "cache"
    link.symlink_to(a)
    real_read = cache.read

    def switch_then_miss(*args: Any) -> Any:
        link.unlink()
        link.symlink_to(b)  # the deploy happens here
        return real_read(*args)

    monkeypatch.setattr(cache, "read", switch_then_miss)
    first = load_timeline([link], bundled=False, cache_dir=store)
    monkeypatch.setattr(cache, "read", real_read)
    # The run answered from the file it had opened and keyed: a.
    assert "Only in b" not in [e.title for e in first.events]
    link.unlink()
    link.symlink_to(a)
    again = load_timeline([link], bundled=False, cache_dir=store)
    assert [e.title for e in again.events] == [e.title for e in first.events]


def test_a_fifo_where_an_entry_belongs_does_not_hang(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs a FIFO")
    import threading

    data, store = _copy(tmp_path), tmp_path / "cache"
    keys = cache.file_keys([data])
    assert keys is not None
    store.mkdir(mode=0o700)
    os.mkfifo(cache.entry_path(store, keys), 0o600)
    answers: list[Any] = []
    reader = threading.Thread(target=lambda: answers.append(cache.read(store, keys, VERSION)))
    reader.daemon = True
    reader.start()
    reader.join(timeout=10)
    assert not reader.is_alive()  # it hung in open() before
    assert answers == [None]


def test_a_temporary_file_an_hour_old_is_removed_on_the_next_write(tmp_path: Path) -> None:
    # A writer killed by SIGTERM or SIGHUP leaves its .tmp- file; pruning never looked at them.
    data, store = _copy(tmp_path), tmp_path / "cache"
    store.mkdir(mode=0o700)
    old, recent = store / ".tmp-old", store / ".tmp-recent"
    old.write_bytes(b"partial")
    recent.write_bytes(b"being written")
    hours_ago = time.time_ns() - 2 * 3600 * 10**9
    os.utime(old, ns=(hours_ago, hours_ago))
    load_timeline([data], bundled=False, cache_dir=store)
    names = _entries(store)
    assert ".tmp-old" not in names and ".tmp-recent" in names
