"""The CeasefireError family and the documented exit codes; no printing, no I/O."""

from __future__ import annotations

import enum
from typing import NamedTuple


class ExitCode(enum.IntEnum):
    """Exit statuses, documented in the README; scripts may rely on them."""

    OK = 0
    NO_MATCH = 1
    USAGE = 2
    DATA = 3
    OUTPUT = 74  # EX_IOERR (sysexits.h): the output could not be written
    INTERRUPTED = 130


# A value quoted in a message is cut after this many characters, so that a 10 MB value in a
# data file (or a huge argument) still gives a readable line with the fix at its end.
QUOTED_MAX = 60


def shorten(value: object) -> str:
    """`value` as text, cut to QUOTED_MAX characters (ending in …) if it is longer."""
    text = str(value)
    return text if len(text) <= QUOTED_MAX else text[: QUOTED_MAX - 1] + "…"


def quote(value: object) -> str:
    """`value` in single quotes for a message, cut like `shorten`."""
    return f"'{shorten(value)}'"


class CeasefireError(Exception):
    """An error the user can act on: `message` says what is wrong, `hint` what to type instead."""

    exit_code: ExitCode = ExitCode.DATA

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


class UsageError(CeasefireError):
    """A bad argument or option value (exit 2)."""

    exit_code = ExitCode.USAGE


class NotFoundError(CeasefireError):
    """An id that names no event (exit 3)."""

    exit_code = ExitCode.DATA


class OutputError(CeasefireError):
    """The output could not be written (a full disk, a missing directory) (exit 74)."""

    exit_code = ExitCode.OUTPUT


class Problem(NamedTuple):
    """One thing wrong with a dataset file, with as much location as is known."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    record: str | None = None  # e.g. "event 2025-02-12-trump-putin-call" or "actor putin"
    field: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        parts = [where]
        if self.record:
            parts.append(self.record)
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts)


class DataError(CeasefireError):
    """One or more problems in dataset files (exit 3); each is reported on its own line."""

    exit_code = ExitCode.DATA

    def __init__(self, problems: list[Problem]) -> None:
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(
            f"the dataset has {count} {noun}",
            "fix the file(s), check with 'ceasefire validate FILE', or leave them out",
        )
        self.problems = tuple(problems)
