"""Tests for ceasefire_cli.dates: every accepted form, every rejection, and properties."""

from __future__ import annotations

import calendar
import datetime as dt
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ceasefire_cli.dates import (
    ACCEPTED_FORMS,
    DateError,
    parse_period,
    parse_stored_date,
    period_of,
)
from ceasefire_cli.model import Period, Precision

D = dt.date
TODAY = D(2026, 3, 31)  # a month end, so month arithmetic has to clamp


def days(start: str, end: str | None = None) -> Period:
    return Period(D.fromisoformat(start), D.fromisoformat(end or start))


def parse(text: str) -> Period:
    return parse_period(text, today=TODAY)


def case(text: str, expected: Period, id_: str | None = None) -> object:
    return pytest.param(text, expected, id=id_ or text)


# --------------------------------------------------------------------------------------------
# Accepted forms
# --------------------------------------------------------------------------------------------

ISO_CASES = [
    case("2025", days("2025-01-01", "2025-12-31")),
    case("0001", days("0001-01-01", "0001-12-31"), "year-1"),
    case("9999", days("9999-01-01", "9999-12-31"), "year-9999"),
    case("2025-01", days("2025-01-01", "2025-01-31"), "jan-31"),
    case("2025-02", days("2025-02-01", "2025-02-28"), "feb-2025-28"),
    case("2024-02", days("2024-02-01", "2024-02-29"), "feb-2024-leap"),
    case("1900-02", days("1900-02-01", "1900-02-28"), "feb-1900-not-leap"),
    case("2000-02", days("2000-02-01", "2000-02-29"), "feb-2000-leap"),
    case("2025-04", days("2025-04-01", "2025-04-30"), "apr-30"),
    case("2025-12", days("2025-12-01", "2025-12-31"), "dec-31"),
    case("2025-2", days("2025-02-01", "2025-02-28"), "single-digit-month"),
    case("2025-02-12", days("2025-02-12")),
    case("2024-02-29", days("2024-02-29"), "leap-day"),
    case("2000-02-29", days("2000-02-29"), "leap-day-2000"),
    case("2025-2-3", days("2025-02-03"), "single-digits"),
    case("  2025-02-12\n", days("2025-02-12"), "surrounding-whitespace"),
    case("٢٠٢٥-٠٢-١٢", days("2025-02-12"), "arabic-indic-iso"),
    case("۲۰۲۵-۰۲", days("2025-02-01", "2025-02-28"), "persian-digit-iso"),
    case("２０２５-０２", days("2025-02-01", "2025-02-28"), "fullwidth-digits-nfkc"),
]

WEEK_AND_QUARTER_CASES = [
    case("2025-W07", days("2025-02-10", "2025-02-16")),
    case("2025-w07", days("2025-02-10", "2025-02-16"), "lowercase-w"),
    case("2025W07", days("2025-02-10", "2025-02-16"), "compact-week"),
    case("2025-W01", days("2024-12-30", "2025-01-05"), "w01-starts-previous-year"),
    case("2021-W01", days("2021-01-04", "2021-01-10"), "w01-starts-in-january"),
    case("2020-W53", days("2020-12-28", "2021-01-03"), "w53-exists-2020"),
    case("2026-W53", days("2026-12-28", "2027-01-03"), "w53-exists-2026"),
    case("2025-W52", days("2025-12-22", "2025-12-28"), "w52-2025"),
    case("2025-Q1", days("2025-01-01", "2025-03-31")),
    case("2024-Q1", days("2024-01-01", "2024-03-31"), "q1-leap"),
    case("2025-Q2", days("2025-04-01", "2025-06-30")),
    case("2025-Q3", days("2025-07-01", "2025-09-30")),
    case("2025-q4", days("2025-10-01", "2025-12-31"), "lowercase-q"),
]

ENGLISH_CASES = [
    case("Feb 2025", days("2025-02-01", "2025-02-28")),
    case("February 2025", days("2025-02-01", "2025-02-28")),
    case("FEBRUARY 2024", days("2024-02-01", "2024-02-29"), "uppercase-leap"),
    case("feb. 2025", days("2025-02-01", "2025-02-28"), "dot-after-month"),
    case("Feb, 2025", days("2025-02-01", "2025-02-28"), "comma-after-month"),
    case("12 Feb 2025", days("2025-02-12")),
    case("12 February 2025", days("2025-02-12")),
    case("February 12, 2025", days("2025-02-12")),
    case("Feb 12 2025", days("2025-02-12")),
    case("Feb. 12, 2025", days("2025-02-12")),
    case("February 12th, 2025", days("2025-02-12"), "ordinal"),
    case("12-Feb-2025", days("2025-02-12")),
    case("Sept 2025", days("2025-09-01", "2025-09-30")),
    case("Sep 30 2025", days("2025-09-30")),
    case("31 Jan 2025", days("2025-01-31")),
    case("jan 2025", days("2025-01-01", "2025-01-31")),
    case("Mar 2025", days("2025-03-01", "2025-03-31")),
    case("April 2025", days("2025-04-01", "2025-04-30")),
    case("May 2025", days("2025-05-01", "2025-05-31")),
    case("Jun 2025", days("2025-06-01", "2025-06-30")),
    case("July 2025", days("2025-07-01", "2025-07-31")),
    case("Aug 2025", days("2025-08-01", "2025-08-31")),
    case("October 2025", days("2025-10-01", "2025-10-31")),
    case("Nov 2025", days("2025-11-01", "2025-11-30")),
    case("December 2025", days("2025-12-01", "2025-12-31")),
    case("29 Feb 2024", days("2024-02-29"), "leap-day-named"),
]

ARABIC_CASES = [
    # Levantine names.
    case("كانون الثاني 2025", days("2025-01-01", "2025-01-31"), "ar-kanun-2"),
    case("شباط 2025", days("2025-02-01", "2025-02-28"), "ar-shubat"),
    case("آذار 2025", days("2025-03-01", "2025-03-31"), "ar-adhar"),
    case("اذار 2025", days("2025-03-01", "2025-03-31"), "ar-adhar-no-madda"),
    case("نيسان 2025", days("2025-04-01", "2025-04-30"), "ar-nisan"),
    case("أيار 2025", days("2025-05-01", "2025-05-31"), "ar-ayyar"),
    case("ايار 2025", days("2025-05-01", "2025-05-31"), "ar-ayyar-no-hamza"),
    case("حزيران 2025", days("2025-06-01", "2025-06-30"), "ar-haziran"),
    case("تموز 2025", days("2025-07-01", "2025-07-31"), "ar-tammuz"),
    case("آب 2025", days("2025-08-01", "2025-08-31"), "ar-ab"),
    case("أيلول 2025", days("2025-09-01", "2025-09-30"), "ar-aylul"),
    case("تشرين الأول 2025", days("2025-10-01", "2025-10-31"), "ar-tishrin-1"),
    case("تشرين الاول 2025", days("2025-10-01", "2025-10-31"), "ar-tishrin-1-no-hamza"),
    case("تشرين الثاني 2025", days("2025-11-01", "2025-11-30"), "ar-tishrin-2"),
    case("كانون الأول 2025", days("2025-12-01", "2025-12-31"), "ar-kanun-1"),
    # Egyptian / Gulf names.
    case("يناير 2025", days("2025-01-01", "2025-01-31"), "ar-yanayir"),
    case("فبراير 2024", days("2024-02-01", "2024-02-29"), "ar-fibrayir-leap"),
    case("مارس 2025", days("2025-03-01", "2025-03-31"), "ar-maris"),
    case("أبريل 2025", days("2025-04-01", "2025-04-30"), "ar-abril"),
    case("ابريل 2025", days("2025-04-01", "2025-04-30"), "ar-abril-no-hamza"),
    case("إبريل 2025", days("2025-04-01", "2025-04-30"), "ar-abril-hamza-below"),
    case("مايو 2025", days("2025-05-01", "2025-05-31"), "ar-mayu"),
    case("يونيو 2025", days("2025-06-01", "2025-06-30"), "ar-yunyu"),
    case("يونيه 2025", days("2025-06-01", "2025-06-30"), "ar-yunyah"),
    case("يوليو 2025", days("2025-07-01", "2025-07-31"), "ar-yulyu"),
    case("يوليه 2025", days("2025-07-01", "2025-07-31"), "ar-yulyah"),
    case("أغسطس 2025", days("2025-08-01", "2025-08-31"), "ar-aghustus"),
    case("اغسطس 2025", days("2025-08-01", "2025-08-31"), "ar-aghustus-no-hamza"),
    case("سبتمبر 2025", days("2025-09-01", "2025-09-30"), "ar-sibtambir"),
    case("أكتوبر 2025", days("2025-10-01", "2025-10-31"), "ar-uktubar"),
    case("اكتوبر 2025", days("2025-10-01", "2025-10-31"), "ar-uktubar-no-hamza"),
    case("نوفمبر 2025", days("2025-11-01", "2025-11-30"), "ar-nufambir"),
    case("ديسمبر 2025", days("2025-12-01", "2025-12-31"), "ar-disambir"),
    # Days, digits and the article's combined form.
    case("١٢ شباط ٢٠٢٥", days("2025-02-12"), "ar-day-arabic-indic"),
    case("12 شباط 2025", days("2025-02-12"), "ar-day-western-digits"),
    case("۱۲ شباط ۲۰۲۵", days("2025-02-12"), "ar-day-persian-digits"),
    case("١٢ شباط 2025", days("2025-02-12"), "ar-mixed-digits"),
    case("٢٩ شباط ٢٠٢٤", days("2024-02-29"), "ar-leap-day"),
    case("شباط/فبراير 2022", days("2022-02-01", "2022-02-28"), "ar-combined-month"),
    case("24 شباط/فبراير 2022", days("2022-02-24"), "ar-combined-day"),
    case("٢٤ شباط / فبراير ٢٠٢٢", days("2022-02-24"), "ar-combined-spaced"),
    case("٣١ كانون الأول/ديسمبر ٢٠٢٤", days("2024-12-31"), "ar-combined-two-word"),
    case("12 شباط، 2025", days("2025-02-12"), "ar-comma"),
    # Spelling noise: harakat, tatweel, bidi marks.
    case("شُبَاط 2025", days("2025-02-01", "2025-02-28"), "ar-harakat"),
    case("شبـــاط 2025", days("2025-02-01", "2025-02-28"), "ar-tatweel"),
    case("كانونُ الثّاني ٢٠٢٤", days("2024-01-01", "2024-01-31"), "ar-harakat-two-word"),
    case("\u200f١٢ شباط ٢٠٢٥\u200f", days("2025-02-12"), "ar-rtl-marks"),
]

RELATIVE_CASES = [
    case("today", days("2026-03-31")),
    case("TODAY", days("2026-03-31"), "today-upper"),
    case("yesterday", days("2026-03-30")),
    case("اليوم", days("2026-03-31"), "ar-today"),
    case("أمس", days("2026-03-30"), "ar-yesterday"),
    case("امس", days("2026-03-30"), "ar-yesterday-no-hamza"),
    case("الأمس", days("2026-03-30"), "ar-the-yesterday"),
    case("0 days ago", days("2026-03-31")),
    case("1 day ago", days("2026-03-30")),
    case("30 days ago", days("2026-03-01")),
    case("1 week ago", days("2026-03-24")),
    case("3 weeks ago", days("2026-03-10")),
    case("1 month ago", days("2026-02-28"), "month-ago-clamps"),
    case("13 months ago", days("2025-02-28"), "13-months-ago"),
    case("25 months ago", days("2024-02-29"), "month-ago-leap-clamp"),
    case("2 years ago", days("2024-03-31")),
    case("1 year ago", days("2025-03-31")),
    case("-30d", days("2026-03-01")),
    case("-2w", days("2026-03-17")),
    case("-1m", days("2026-02-28"), "short-month-clamps"),
    case("-3m", days("2025-12-31")),
    case("-1y", days("2025-03-31")),
    case("-0d", days("2026-03-31")),
    case("٣ weeks ago", days("2026-03-10"), "arabic-digit-relative"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    ISO_CASES + WEEK_AND_QUARTER_CASES + ENGLISH_CASES + ARABIC_CASES + RELATIVE_CASES,
)
def test_parse_period(text: str, expected: Period) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        pytest.param("1 year ago", D(2024, 2, 29), days("2023-02-28"), id="year-ago-from-leap-day"),
        pytest.param("4 years ago", D(2024, 2, 29), days("2020-02-29"), id="leap-to-leap"),
        pytest.param("yesterday", D(2025, 1, 1), days("2024-12-31"), id="yesterday-crosses-year"),
        pytest.param("1 month ago", D(2025, 3, 31), days("2025-02-28"), id="mar31-non-leap"),
        pytest.param("-1m", D(2024, 3, 31), days("2024-02-29"), id="mar31-leap"),
        pytest.param("1 month ago", D(2025, 5, 31), days("2025-04-30"), id="may31-to-apr30"),
        pytest.param("today", D(1, 1, 1), days("0001-01-01"), id="first-day-ever"),
    ],
)
def test_relative_forms_follow_today(text: str, today: dt.date, expected: Period) -> None:
    assert parse_period(text, today=today) == expected


# --------------------------------------------------------------------------------------------
# Rejected input
# --------------------------------------------------------------------------------------------

ERROR_CASES = [
    ("", "empty"),
    ("   ", "empty"),
    ("2025-13", "month 13 does not exist"),
    ("2025-00", "month 0 does not exist"),
    ("Feb 30 2025", "February 2025 has 28 days"),
    ("2025-02-30", "February 2025 has 28 days"),
    ("2023-02-29", "February 2023 has 28 days"),
    ("1900-02-29", "February 1900 has 28 days"),
    ("2025-04-31", "April 2025 has 30 days"),
    ("31 نيسان 2025", "April 2025 has 30 days"),
    ("2025-01-00", "day 0 does not exist"),
    ("2025-01-32", "day 32 does not exist"),
    ("03/04/2025", "ambiguous: could be 3 April or 4 March; write 2025-04-03"),
    ("03.04.2025", "ambiguous: could be 3 April or 4 March"),
    ("3/4/2025", "ambiguous"),
    ("13/04/2025", "write 2025-04-13"),
    ("04/13/2025", "write 2025-04-13"),
    ("04/04/2025", "write 2025-04-04"),
    ("2025/04/03", "write 2025-04-03"),
    ("03/04/25", "not accepted"),
    ("2025.02", "not accepted"),
    ("٠٣/٠٤/٢٠٢٥", "ambiguous"),
    ("Febuary 2025", "unknown month name 'febuary'"),
    ("12 Smarch 2025", "unknown month name 'smarch'"),
    ("كانون 2025", "unknown month name"),
    ("شباط/مارس 2022", "two different months"),
    ("0000", "year 0 is outside 1..9999"),
    ("0000-01-01", "year 0 is outside 1..9999"),
    ("10000", "year 10000 is outside 1..9999"),
    ("10000-01", "year 10000 is outside 1..9999"),
    ("Feb 10000", "year 10000 is outside 1..9999"),
    ("25", "4 digits"),
    ("25-02-12", "4 digits"),
    ("20250212", "write the date with dashes: 2025-02-12"),
    ("2025-W54", "week 54 does not exist"),
    ("2025-W00", "week 0 does not exist"),
    ("2021-W53", "2021 has only 52 ISO weeks"),
    ("2025-W53", "2025 has only 52 ISO weeks"),
    ("9999-W52", "runs past 9999-12-31"),
    ("2025-Q5", "quarter 5 does not exist"),
    ("2025-Q0", "quarter 0 does not exist"),
    ("Feb 12", "missing year"),
    ("12 Feb", "missing year"),
    ("February", "missing year"),
    ("Feb 25", "missing year"),
    ("garbage", "not a recognised date"),
    ("hello world", "not a recognised date"),
    ("2025-02-12T10:00", "not a recognised date"),
    ("tomorrow", "not a recognised date"),
    ("3 fortnights ago", "not a recognised date"),
    ("-30x", "not a recognised date"),
    ("+30d", "not a recognised date"),
    ("12 Feb 2025 2026", "not a recognised date"),
    ("२०२५", "not a recognised date"),  # Devanagari digits are not read as numbers
]


@pytest.mark.parametrize(("text", "reason"), [pytest.param(*c, id=repr(c[0])) for c in ERROR_CASES])
def test_parse_period_rejects(text: str, reason: str) -> None:
    with pytest.raises(DateError) as err:
        parse(text)
    assert reason in str(err.value)


@pytest.mark.parametrize(
    ("text", "today", "reason"),
    [
        pytest.param(
            "1 day ago",
            D(1, 1, 1),
            "^1 day before 0001-01-01 is before year 1$",
            id="day-before-year-1",
        ),
        pytest.param(
            "1 month ago",
            D(1, 1, 31),
            "^1 month before 0001-01-31 is before year 1$",
            id="month-before-year-1",
        ),
        pytest.param(
            "-0010d", D(1, 1, 5), "^10 days before 0001-01-05 is before year 1$", id="leading-zeros"
        ),
        pytest.param("3000 years ago", TODAY, "before year 1", id="years-before-year-1"),
        pytest.param("-99999999999999d", TODAY, "before year 1", id="huge-count"),
        pytest.param("9" * 5000 + " weeks ago", TODAY, "before year 1", id="beyond-int-limit"),
    ],
)
def test_relative_forms_reject_before_year_one(text: str, today: dt.date, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        parse_period(text, today=today)


def test_date_error_is_a_value_error() -> None:
    assert issubclass(DateError, ValueError)


def test_accepted_forms_is_one_line_of_parseable_examples() -> None:
    assert "\n" not in ACCEPTED_FORMS
    # Every listed example must itself parse; " | " separates them (a date may hold a comma).
    forms = ACCEPTED_FORMS.split(" | ")
    assert "February 12, 2025" in forms
    for form in forms:
        parse(form)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("3 weeks", "a relative date needs 'ago': write '3 weeks ago' or '-3w'"),
        ("-30days", "a relative date needs 'ago': write '30 days ago' or '-30d'"),
        ("1 year", "a relative date needs 'ago': write '1 year ago' or '-1y'"),
    ],
)
def test_half_typed_relative_dates_say_what_to_add(text: str, message: str) -> None:
    with pytest.raises(DateError, match=re.escape(message)):
        parse(text)


# --------------------------------------------------------------------------------------------
# period_of
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param((2025,), days("2025-01-01", "2025-12-31"), id="year"),
        pytest.param((2024, 2), days("2024-02-01", "2024-02-29"), id="month"),
        pytest.param((2024, 2, 29), days("2024-02-29"), id="day"),
    ],
)
def test_period_of(args: tuple[int, ...], expected: Period) -> None:
    assert period_of(*args) == expected


@pytest.mark.parametrize(
    ("year", "month", "day", "reason"),
    [
        pytest.param(0, None, None, "year 0", id="year-0"),
        pytest.param(2025, 13, None, "month 13", id="month-13"),
        pytest.param(2025, 2, 29, "February 2025 has 28 days", id="feb-29"),
        pytest.param(2025, None, 3, "a day needs a month", id="day-without-month"),
    ],
)
def test_period_of_rejects(year: int, month: int | None, day: int | None, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        period_of(year, month, day)


# --------------------------------------------------------------------------------------------
# parse_stored_date
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "precision", "expected"),
    [
        pytest.param("2014", Precision.YEAR, days("2014-01-01", "2014-12-31"), id="year"),
        pytest.param("2025-08", Precision.MONTH, days("2025-08-01", "2025-08-31"), id="month"),
        pytest.param("2024-02", Precision.MONTH, days("2024-02-01", "2024-02-29"), id="leap-feb"),
        pytest.param("2025-02-12", Precision.DAY, days("2025-02-12"), id="day"),
    ],
)
def test_parse_stored_date(text: str, precision: Precision, expected: Period) -> None:
    assert parse_stored_date(text) == (precision, expected)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param("2025-2", "YYYY, YYYY-MM or YYYY-MM-DD", id="one-digit-month"),
        pytest.param("25-02-12", "YYYY, YYYY-MM or YYYY-MM-DD", id="two-digit-year"),
        pytest.param("Feb 2025", "YYYY, YYYY-MM or YYYY-MM-DD", id="month-name"),
        pytest.param("2025-W07", "YYYY, YYYY-MM or YYYY-MM-DD", id="iso-week"),
        pytest.param("2025-Q3", "YYYY, YYYY-MM or YYYY-MM-DD", id="quarter"),
        pytest.param("today", "YYYY, YYYY-MM or YYYY-MM-DD", id="relative"),
        pytest.param(" 2025", "YYYY, YYYY-MM or YYYY-MM-DD", id="leading-space"),
        pytest.param("2025\n", "YYYY, YYYY-MM or YYYY-MM-DD", id="trailing-newline"),
        pytest.param("٢٠٢٥", "YYYY, YYYY-MM or YYYY-MM-DD", id="arabic-digits"),
        pytest.param("", "YYYY, YYYY-MM or YYYY-MM-DD", id="empty"),
        pytest.param("2025-02-30", "February 2025 has 28 days", id="feb-30"),
        pytest.param("2025-13", "month 13 does not exist", id="month-13"),
        pytest.param("0000", "year 0", id="year-0"),
    ],
)
def test_parse_stored_date_rejects(text: str, reason: str) -> None:
    with pytest.raises(DateError) as err:
        parse_stored_date(text)
    assert reason in str(err.value)


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

date_words = st.sampled_from(
    ["2025", "-", "/", ".", "W", "Q", "feb", "شباط", "فبراير", "١٢", "12", "ago", "days", " "]
)


@given(st.one_of(st.text(), st.lists(date_words, max_size=6).map("".join)), st.dates())
@example("9" * 5000, TODAY)
@example("0" * 20 + "1", TODAY)
def test_any_text_gives_a_period_or_a_date_error(text: str, today: dt.date) -> None:
    try:
        period = parse_period(text, today=today)
    except DateError as err:
        assert str(err)
    else:
        assert period.start <= period.end


@given(st.text())
def test_any_text_gives_a_stored_date_or_a_date_error(text: str) -> None:
    try:
        precision, period = parse_stored_date(text)
    except DateError:
        return
    assert precision in set(Precision)
    assert period.start <= period.end


@given(st.dates(), st.dates())
def test_iso_day_is_that_day_whatever_today(day: dt.date, today: dt.date) -> None:
    assert parse_period(day.isoformat(), today=today) == Period(day, day)


@given(st.dates())
@example(D(2026, 11, 30))
def test_partial_dates_never_filled_from_today(today: dt.date) -> None:
    # dateutil.parser.parse("2025-02") run on the 30th would pick a day; we must not.
    assert parse_period("2025-02", today=today) == days("2025-02-01", "2025-02-28")
    assert parse_period("Feb 2025", today=today) == days("2025-02-01", "2025-02-28")
    assert parse_period("2025", today=today) == days("2025-01-01", "2025-12-31")


@given(st.integers(1, 9999), st.integers(1, 12))
def test_month_period_covers_exactly_the_month(year: int, month: int) -> None:
    period = parse_period(f"{year:04d}-{month:02d}", today=TODAY)
    assert period.start == D(year, month, 1)
    assert period.days == calendar.monthrange(year, month)[1]
    if (year, month) != (9999, 12):
        following = D(year + month // 12, month % 12 + 1, 1)
        assert period.end + dt.timedelta(days=1) == following
    assert period == parse_stored_date(f"{year:04d}-{month:02d}")[1]


@given(st.dates())
def test_iso_week_contains_its_days(day: dt.date) -> None:
    year, week, _ = day.isocalendar()
    try:
        period = parse_period(f"{year:04d}-W{week:02d}", today=TODAY)
    except DateError as err:
        # Only the last ISO week of 9999 overflows the calendar.
        assert "runs past" in str(err)
        return
    assert period.days == 7
    assert period.start.weekday() == 0
    assert period.contains(day)


@given(st.dates())
def test_relative_forms_are_single_days_not_after_today(today: dt.date) -> None:
    for text in ("today", "yesterday", "1 month ago", "-1y", "2 weeks ago"):
        try:
            period = parse_period(text, today=today)
        except DateError:
            continue
        assert period.days == 1
        assert period.end <= today
