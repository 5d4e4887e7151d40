"""`ceasefire timeline`: the chart's content at a fixed width, ASCII mode, and pictures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ceasefire_cli.render.chart import render_chart
from conftest import Invoke


def test_chart_at_80_columns_has_the_windows_the_axis_and_the_as_of_day(invoke: Invoke) -> None:
    run = invoke("timeline", "--since", "2025", "--as-of", "2025-08-08", "--width", "80")
    assert run.exit_code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    assert lines[0].strip() == "events per month"
    assert lines[1].split()[0] == "8"  # the busiest month (August 2025, as of the 8th) has 8
    assert any(line.strip() == "2025-02" for line in lines)  # less than a year: first month
    assert any("▲ as of 2025-08-08" in line for line in lines)
    rows = {line[:26].strip(): line[27:] for line in lines if "━" in line or "┄" in line}
    assert (
        rows["Peace deal within 50 days…"].strip() == "┄ superseded"
        or "┄" in rows["Peace deal within 50 days…"]
    )
    assert rows["Deadline shortened to 10–…"].strip().endswith("━ due-window")  # 7..9 Aug
    assert "US proposal of a 30-day c… (rejected, never started)" in run.stdout


def test_ascii_mode_draws_no_box_characters(invoke: Invoke) -> None:
    run = invoke("timeline", "--ascii", "--width", "80")
    drawing = "".join(line[27:] for line in run.stdout.splitlines())
    assert not set(drawing) & set("▁▂▃▄▅▆▇█━┄─└▲…")
    assert "as of 2026-11-30 (later than shown) ^" in run.stdout


@pytest.mark.parametrize("width", [64, 80, 160])
def test_chart_scales_to_the_width(width: int) -> None:
    events = [
        {"start": f"20{y}-0{m}-01", "end": f"20{y}-0{m}-28"} for y in range(14, 26) for m in (1, 5)
    ]
    text = render_chart(events, [], as_of=dt.date(2025, 6, 1), width=width)
    plot = next(line for line in text.splitlines() if "└" in line)
    assert len(plot) <= width
    assert len(plot) > width // 2


def test_every_line_fits_the_width_and_narrow_widths_are_refused(invoke: Invoke) -> None:
    for width in ("64", "80", "120"):
        run = invoke("timeline", "--width", width)
        assert all(len(line) <= int(width) for line in run.stdout.splitlines()), width
    assert invoke("timeline", "--width", "40").exit_code == 2


def test_hostile_titles_are_escaped_in_the_chart() -> None:
    window = {
        "title": "\x1b]52;c;x\x07evil",
        "status": "active",
        "start": "2025-01-01",
        "due_latest": "2025-01-05",
    }
    text = render_chart(
        [{"start": "2025-01-01", "end": "2025-01-01"}],
        [window],
        as_of=dt.date(2025, 1, 2),
        width=80,
    )
    assert "\x1b" not in text and "\\x1b]52" in text


def test_svg_and_html_save_what_is_shown(invoke: Invoke, tmp_path: Path) -> None:
    svg, html = tmp_path / "t.svg", tmp_path / "t.html"
    run = invoke(
        "deadlines",
        "--as-of",
        "2025-08-01",
        "--format",
        "table",
        "--svg",
        str(svg),
        "--html",
        str(html),
    )
    assert run.exit_code == 0
    assert svg.read_text(encoding="utf-8").startswith("<svg")
    assert "tariff" in svg.read_text(encoding="utf-8")
    assert "<html" in html.read_text(encoding="utf-8") and "superseded" in html.read_text(
        encoding="utf-8"
    )
    chart = tmp_path / "c.svg"
    assert invoke("timeline", "--svg", str(chart)).exit_code == 0
    assert chart.read_text(encoding="utf-8").startswith("<svg")
