"""Owns turning date text into Periods of whole days; must not print, read the clock or use a UI.

Two entry points with deliberately different tolerance:

* `parse_period` reads what a person types on the command line: ISO dates and partial dates,
  ISO weeks and quarters, English and Arabic month names, Arabic-Indic digits and relative
  forms counted back from the `today` the caller passes in.
* `parse_stored_date` reads the `date` field of the dataset, which must be strict ISO so that
  the data stays machine-checkable.

Missing parts of a date are never filled in from `today`: "2025-02" is the whole of February
2025, whatever day it is.  This is why `dateutil.parser` is not used here.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from ceasefire_cli.model import Period, Precision

__all__ = [
    "ACCEPTED_FORMS",
    "DateError",
    "parse_period",
    "parse_stored_date",
    "period_of",
]

ACCEPTED_FORMS = (
    "2025 | 2025-02 | 2025-02-12 | 2025-W07 | 2025-Q3 | Feb 2025 | 12 Feb 2025 | "
    "February 12, 2025 | ١٢ شباط ٢٠٢٥ | today | yesterday | 3 weeks ago | -30d"
)

MIN_YEAR = dt.MINYEAR
MAX_YEAR = dt.MAXYEAR


class DateError(ValueError):
    """`str(err)` is the reason alone, e.g. "month 13 does not exist" — the CLI adds the option
    name, the value and ACCEPTED_FORMS."""


class NotADate(DateError):
    """Text with no date's shape at all (a word, an event id), as opposed to a date that cannot
    be (day 30 of February) or is ambiguous: where an event id may stand instead of a date, only
    this one means "then perhaps it is an id"."""


# English month names for messages; calendar.month_name would import locale (start-up time).
MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def month_length(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.date(year, month, 1)).days


# --------------------------------------------------------------------------------------------
# Building periods from validated parts
# --------------------------------------------------------------------------------------------


def period_of(year: int, month: int | None = None, day: int | None = None) -> Period:
    """A year, a month or a single day as a period; raises DateError if it does not exist."""
    _check_year(year)
    if month is None:
        if day is not None:
            raise DateError("a day needs a month")
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
    _check_month(month)
    last = month_length(year, month)
    if day is None:
        return Period(dt.date(year, month, 1), dt.date(year, month, last))
    if not 1 <= day <= last:
        if day < 1 or day > 31:
            raise DateError(f"day {day} does not exist")
        # Days 29..31 are the usual slip: name the month's real length, it is the useful part.
        raise DateError(f"day {day} does not exist: {MONTH_NAMES[month]} {year} has {last} days")
    return Period(dt.date(year, month, day), dt.date(year, month, day))


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(f"year {year} is outside {MIN_YEAR}..{MAX_YEAR}")


def _check_month(month: int) -> None:
    if not 1 <= month <= 12:
        raise DateError(f"month {month} does not exist")


def _num(digits: str) -> int:
    """ASCII digits to int, clamped so that absurdly long input cannot hit int()'s digit limit."""
    stripped = digits.lstrip("0") or "0"
    # Anything past 9 digits is out of every range checked here; keep it big, not exact.
    return int(stripped) if len(stripped) <= 9 else 10**9


def _year(digits: str) -> int:
    """A year as written by a user: exactly four digits, so that "25" is never guessed at."""
    value = _num(digits)
    if len(digits) != 4 and value <= MAX_YEAR:
        raise DateError("write the year with 4 digits, e.g. 2025")
    _check_year(value)
    return value


def _week_period(year: int, week: int) -> Period:
    # 28 December always falls in the last ISO week of its year.
    weeks = dt.date(year, 12, 28).isocalendar().week
    if week < 1 or week > 53:
        raise DateError(f"week {week} does not exist; ISO weeks run 1 to 52 or 53")
    if week > weeks:
        raise DateError(f"week {week} does not exist: {year} has only {weeks} ISO weeks")
    monday = dt.date.fromisocalendar(year, week, 1)
    try:
        sunday = monday + dt.timedelta(days=6)
    except OverflowError:
        raise DateError(f"week {week} of {year} runs past {MAX_YEAR}-12-31") from None
    return Period(monday, sunday)


def _quarter_period(year: int, quarter: int) -> Period:
    if not 1 <= quarter <= 4:
        raise DateError(f"quarter {quarter} does not exist; use Q1 to Q4")
    first = 3 * quarter - 2
    return Period(period_of(year, first).start, period_of(year, first + 2).end)


# --------------------------------------------------------------------------------------------
# Normalising user text
# --------------------------------------------------------------------------------------------

# Arabic-Indic (U+0660..) and Eastern Arabic-Indic / Persian (U+06F0..) digits read as 0-9.
_DIGITS = {0x0660 + i: str(i) for i in range(10)} | {0x06F0 + i: str(i) for i in range(10)}

# Letter variants that people type interchangeably in month names: hamza forms of alef, and
# the Persian yeh/kaf that Persian keyboards produce instead of the Arabic ones.
_LETTERS = {
    ord("أ"): "ا",
    ord("إ"): "ا",
    ord("آ"): "ا",
    ord("ٱ"): "ا",
    ord("ى"): "ي",
    ord("ی"): "ي",
    ord("ک"): "ك",
}

_TRANSLATE = _DIGITS | _LETTERS

# Harakat, Quranic annotation marks, superscript alef and tatweel carry no meaning for matching.
_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def _normalize(text: str) -> str:
    """Fold case, digits, Arabic spelling variants and invisible marks; collapse whitespace."""
    # NFKC folds Arabic presentation forms and composes decomposed hamza/madda onto the alef.
    folded = unicodedata.normalize("NFKC", text).casefold()
    # Bidi and zero-width controls (category Cf) arrive silently when Arabic text is copied.
    visible = "".join(ch for ch in folded if unicodedata.category(ch) != "Cf")
    plain = _MARKS.sub("", visible).translate(_TRANSLATE)
    return " ".join(plain.split())


# --------------------------------------------------------------------------------------------
# Month names
# --------------------------------------------------------------------------------------------

_MONTH_SPELLINGS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "كانون الثاني", "كانون ثاني", "يناير"),
    2: ("february", "feb", "شباط", "فبراير"),
    3: ("march", "mar", "آذار", "مارس"),
    4: ("april", "apr", "نيسان", "أبريل", "إبريل"),
    5: ("may", "أيار", "مايو"),
    6: ("june", "jun", "حزيران", "يونيو", "يونيه"),
    7: ("july", "jul", "تموز", "يوليو", "يوليه"),
    8: ("august", "aug", "آب", "أغسطس"),
    9: ("september", "sep", "sept", "أيلول", "سبتمبر"),
    10: ("october", "oct", "تشرين الأول", "تشرين أول", "أكتوبر"),
    11: ("november", "nov", "تشرين الثاني", "تشرين ثاني", "نوفمبر"),
    12: ("december", "dec", "كانون الأول", "كانون أول", "ديسمبر"),
}

# Keyed by normalised spelling, so the hamza-less and harakat-laden variants match for free.
_MONTHS: dict[str, int] = {
    _normalize(name): month for month, names in _MONTH_SPELLINGS.items() for name in names
}
_LONGEST_MONTH_NAME = max(len(name.split()) for name in _MONTHS)


# --------------------------------------------------------------------------------------------
# Numeric forms: ISO, ISO week, quarter, and the rejected slash/dot forms
# --------------------------------------------------------------------------------------------

# re.fullmatch throughout: `$` would also match before a trailing newline.
_ISO = re.compile(r"([0-9]+)(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?")
_ISO_WEEK = re.compile(r"([0-9]+)-?w([0-9]+)")
_QUARTER = re.compile(r"([0-9]+)-?q([0-9]+)")
_SEPARATED_NUMBERS = re.compile(r"[0-9]+(?:[/.][0-9]+)+")
_NO_SEPARATORS = "numbers separated by / or . are not accepted"


def _parse_iso(text: str) -> Period | None:
    match = _ISO.fullmatch(text)
    if match is None:
        return None
    year_digits, month_digits, day_digits = match.groups()
    if month_digits is None:
        if len(year_digits) == 8:
            # "20250212": the compact ISO form would otherwise be reported as a wild year.
            digits = year_digits
            raise DateError(f"write the date with dashes: {digits[:4]}-{digits[4:6]}-{digits[6:]}")
        return period_of(_year(year_digits))
    year = _year(year_digits)
    return period_of(year, _num(month_digits), None if day_digits is None else _num(day_digits))


def _parse_week_or_quarter(text: str) -> Period | None:
    if match := _ISO_WEEK.fullmatch(text):
        return _week_period(_year(match[1]), _num(match[2]))
    if match := _QUARTER.fullmatch(text):
        return _quarter_period(_year(match[1]), _num(match[2]))
    return None


def _reject_separated_numbers(text: str) -> None:
    """03/04/2025 means 3 April or 4 March depending on the reader; refuse to guess."""
    if not _SEPARATED_NUMBERS.fullmatch(text):
        return
    parts = re.split(r"[/.]", text)
    if len(parts) == 3 and len(parts[0]) == 4:
        # 2025/04/03 is only ever year-month-day; say how to write it the accepted way.
        year, month, day = (_num(part) for part in parts)
        if _exists(year, month, day):
            raise DateError(f"{_NO_SEPARATORS}; write {dt.date(year, month, day).isoformat()}")
    if len(parts) == 3 and len(parts[2]) == 4:
        first, second, year = (_num(part) for part in parts)
        day_first = _exists(year, second, first)
        month_first = _exists(year, first, second)
        if day_first and month_first and first != second:
            raise DateError(
                f"ambiguous: could be {first} {MONTH_NAMES[second]} or "
                f"{second} {MONTH_NAMES[first]}; "
                f"write {dt.date(year, second, first).isoformat()}"
            )
        if day_first or month_first:
            day, month = (first, second) if day_first else (second, first)
            raise DateError(f"{_NO_SEPARATORS}; write {dt.date(year, month, day).isoformat()}")
    raise DateError(f"{_NO_SEPARATORS}; write YYYY-MM-DD")


def _exists(year: int, month: int, day: int) -> bool:
    return (
        MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12 and 1 <= day <= month_length(year, month)
    )


# --------------------------------------------------------------------------------------------
# Relative forms
# --------------------------------------------------------------------------------------------

_TODAY = {"today": "0", "اليوم": "0", "yesterday": "1", "امس": "1", "الامس": "1"}

_AGO = re.compile(r"([0-9]+) ?(day|week|month|year)s? ago")
_SHORT_AGO = re.compile(r"-([0-9]+) ?([dwmy])")
_UNIT_LETTERS = {"d": "day", "w": "week", "m": "month", "y": "year"}


def _days_back(today: dt.date, digits: str, unit: str) -> Period:
    # relativedelta clamps: 31 March minus one month is the last day of February. Imported
    # here, not at the top: only relative dates need it, and it costs start-up time.
    from dateutil.relativedelta import relativedelta

    steps = {
        "day": lambda n: relativedelta(days=n),
        "week": lambda n: relativedelta(weeks=n),
        "month": lambda n: relativedelta(months=n),
        "year": lambda n: relativedelta(years=n),
    }
    try:
        day = today - steps[unit](_num(digits))
    except (OverflowError, ValueError):
        count = digits.lstrip("0") or "0"  # as typed, less leading zeros ('-0010d')
        shown = count if len(count) <= 12 else f"{count[:9]}… ({len(count)} digits)"
        units = unit if count == "1" else f"{unit}s"
        raise DateError(f"{shown} {units} before {today.isoformat()} is before year 1") from None
    return Period(day, day)


def _parse_relative(text: str, today: dt.date) -> Period | None:
    if text in _TODAY:
        return _days_back(today, _TODAY[text], "day")
    if match := _AGO.fullmatch(text):
        return _days_back(today, match[1], match[2])
    if match := _SHORT_AGO.fullmatch(text):
        return _days_back(today, match[1], _UNIT_LETTERS[match[2]])
    return None


# --------------------------------------------------------------------------------------------
# Forms with month names
# --------------------------------------------------------------------------------------------


class _Token(NamedTuple):
    kind: str  # "num", "month", "slash" or "word" (an unrecognised word)
    text: str
    month: int = 0


_PIECES = re.compile(r"[0-9]+|[^\W\d_]+|\S")
_SEPARATORS = {",", ".", "،", "-"}
_ORDINAL_SUFFIXES = {"st", "nd", "rd", "th"}
_MISSING_YEAR = "missing year: write it with 4 digits, e.g. Feb 2025 or 12 Feb 2025"


def _tokenize(text: str) -> list[_Token]:
    words = [piece for piece in _PIECES.findall(text) if piece not in _SEPARATORS]
    tokens: list[_Token] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word.isascii() and word.isdigit():
            tokens.append(_Token("num", word))
        elif word in _ORDINAL_SUFFIXES and tokens and tokens[-1].kind == "num":
            pass  # "12th": the suffix adds nothing
        elif word == "/":
            tokens.append(_Token("slash", word))
        else:
            i, token = _month_at(words, i)
            tokens.append(token)
        i += 1
    return tokens


def _month_at(words: Sequence[str], i: int) -> tuple[int, _Token]:
    """The month name starting at words[i] (longest match, names can be two words)."""
    for size in range(_LONGEST_MONTH_NAME, 0, -1):
        phrase = " ".join(words[i : i + size])
        if i + size <= len(words) and phrase in _MONTHS:
            return i + size - 1, _Token("month", phrase, _MONTHS[phrase])
    return i, _Token("word", words[i])


def _merge_combined_months(tokens: list[_Token]) -> list[_Token]:
    """`شباط/فبراير`: the article names each month in both spellings; both must agree."""
    merged: list[_Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if (
            token.kind == "month"
            and i + 2 < len(tokens)
            and tokens[i + 1].kind == "slash"
            and tokens[i + 2].kind == "month"
        ):
            other = tokens[i + 2]
            if other.month != token.month:
                raise DateError(f"{token.text}/{other.text} names two different months")
            i += 2
        merged.append(token)
        i += 1
    return merged


def _parse_named(text: str) -> Period:
    tokens = _merge_combined_months(_tokenize(text))
    kinds = "".join(token.kind[0] for token in tokens)  # e.g. "nmn" for "12 Feb 2025"
    unknown = [token.text for token in tokens if token.kind == "word"]
    if unknown:
        # A number and a unit without "ago" ("3 weeks", "-30days") is a relative date half-typed.
        unit = unknown[-1].casefold().rstrip("s")
        if len(unknown) == 1 and unit in ("day", "week", "month", "year") and "n" in kinds:
            number = next(token.text for token in tokens if token.kind != "word").lstrip("-")
            plural = "" if number == "1" else "s"
            raise DateError(
                f"a relative date needs 'ago': "
                f"write '{number} {unit}{plural} ago' or '-{number}{unit[0]}'"
            )
        # One word of some length among numbers is most likely a misspelt month ("Febuary").
        if len(unknown) == 1 and len(unknown[0]) >= 3 and "n" in kinds and "m" not in kinds:
            raise NotADate(f"unknown month name {unknown[0]!r}")
        raise NotADate("not a recognised date")
    if kinds == "mn":
        month, year = tokens
        return period_of(_named_year(year.text), month.month)
    if kinds in ("nmn", "mnn"):
        day, month = (tokens[0], tokens[1]) if kinds == "nmn" else (tokens[1], tokens[0])
        return period_of(_named_year(tokens[2].text), month.month, _day(day.text))
    if kinds == "m" or (kinds == "nm" and len(tokens[0].text) <= 2):
        raise DateError(_MISSING_YEAR)
    raise NotADate("not a recognised date")


def _named_year(digits: str) -> int:
    if len(digits) <= 2:
        # "Feb 12" / "Feb 25": a day or a short year; either way the full year is missing.
        raise DateError(_MISSING_YEAR)
    return _year(digits)


def _day(digits: str) -> int:
    if len(digits) > 2:
        raise DateError(f"day {_num(digits)} does not exist")
    return _num(digits)


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------


def parse_period(text: str, *, today: dt.date) -> Period:
    """A user's date argument → the inclusive period of days it names.

    `today` anchors only the relative forms ("yesterday", "3 weeks ago", "-30d"); it never
    fills in a missing month or day.
    """
    normalized = _normalize(text)
    if not normalized:
        raise DateError("empty date")
    relative = _parse_relative(normalized, today)
    if relative is not None:
        return relative
    iso = _parse_iso(normalized)
    if iso is not None:
        return iso
    week_or_quarter = _parse_week_or_quarter(normalized)
    if week_or_quarter is not None:
        return week_or_quarter
    _reject_separated_numbers(normalized)
    return _parse_named(normalized)


_STORED = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


@functools.lru_cache(maxsize=65536)  # a large dataset repeats its days; the result is immutable
def parse_stored_date(text: str) -> tuple[Precision, Period]:
    """A dataset `date` value → its precision and period; only YYYY, YYYY-MM or YYYY-MM-DD."""
    match = _STORED.fullmatch(text)
    if match is None:
        raise DateError("a stored date is YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025-02-12)")
    year = int(match[1])
    month = None if match[2] is None else int(match[2])
    day = None if match[3] is None else int(match[3])
    period = period_of(year, month, day)
    if day is not None:
        return Precision.DAY, period
    if month is not None:
        return Precision.MONTH, period
    return Precision.YEAR, period
