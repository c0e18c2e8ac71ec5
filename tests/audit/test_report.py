"""report.html opened in Chromium as a team lead opens it: charts drawn with the right bars and points, not
one network request, no script from the data run, and the worst replies with their flagged words marked."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import BASIC_BANK
from playwright.sync_api import Browser, Page

from .data import UPSET
from .test_command import audit

# Where a screenshot of the report is kept for a person to look at (like the admin page's).
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "audit"

# Data that would run script if it were inserted as HTML anywhere: in the reply, the customer's message, an
# agent's and a team's name (which the charts draw too).
SCRIPT_REPLY = (
    '<script>window.pwned = "reply"</script>Calm down. <img src=x onerror="window.pwned = \'img\'">'
)
SCRIPT_CUSTOMER = '<iframe src="https://example.com/"></iframe>This is ridiculous!!'
SCRIPT_AGENT = "<img src=x onerror=alert(1)>"
SCRIPT_TEAM = "</svg><script>alert(2)</script>"

ROWS = [
    # text, customer_message, agent, team, created_at
    ("Please calm down.", "", "Ana", "Billing", "2026-03-02"),
    ("You'll have to wait 2 days.", "", "Ana", "Billing", "2026-03-03T10:00:00Z"),
    ("All fixed, thanks for writing in.", "", "Ben", "Billing", "2026-03-04"),
    ("Sorry to hear that. It is fixed now.", "", "Ben", "Support", "2026-03-10"),
    ("Have a great day!", UPSET, "Ben", "Support", "2026-03-11"),
    ("All fixed, thanks for writing in.", "", "Ana", "Support", "2026-03-17"),
    ("Calm down, you'll have to wait 3 days.", "", "Ana", "Support", "2026-03-18"),
    (SCRIPT_REPLY, SCRIPT_CUSTOMER, SCRIPT_AGENT, SCRIPT_TEAM, "2026-03-19"),
    ("", "", "Ben", "Support", "2026-03-19"),
]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, object]]]:
    """The report and summary of ROWS, audited with the basic bank."""
    folder = tmp_path_factory.mktemp("report")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(("text", "customer_message", "agent", "team", "created_at"))
    writer.writerows(ROWS)
    (folder / "replies.csv").write_text(out.getvalue(), encoding="utf-8")
    result = audit(
        "replies.csv",
        "--html",
        "report.html",
        "--json",
        "summary.json",
        "--bank",
        str(BASIC_BANK),
        cwd=folder,
    )
    assert result.returncode == 0, result.stderr
    yield folder / "report.html", json.loads((folder / "summary.json").read_text(encoding="utf-8"))


@pytest.fixture
def opened(browser: Browser, report: tuple[Path, dict[str, object]]) -> Iterator[tuple[Page, list[str]]]:
    """The report opened from disk, with every request the page made and every dialog it opened."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(report[0].as_uri())
    page.wait_for_load_state("networkidle")
    try:
        yield page, requests
        assert dialogs == []
    finally:
        context.close()


def test_the_charts_are_drawn_with_a_bar_or_point_per_value(opened: tuple[Page, list[str]]) -> None:
    page, _ = opened
    figures = page.locator("figure")
    assert figures.evaluate_all("fs => fs.map(f => f.id)") == [
        "chart-weeks",
        "chart-categories",
        "chart-agents",
        "chart-teams",
        "chart-rules",
        "chart-scores",
    ]
    # Three ISO weeks (W10, W11, W12): one point each; 2 of 3 replies had a warning in W10.
    assert page.locator("#chart-weeks svg .dots circle").count() == 3
    assert page.locator("#chart-weeks svg .axis.x text").all_text_contents()[:3] == [
        "2026-W10",
        "2026-W11",
        "2026-W12",
    ]
    bars = {
        "categories": 4,  # dismissive, blame, sympathy, toxic-positivity
        "agents": 3,
        "teams": 3,
        "rules": 4,
        "scores": 11,  # 0-9 ... 90-99, and 100
    }
    for chart, count in bars.items():
        assert page.locator(f"#chart-{chart} svg .bars rect").count() == count, chart
        box = page.locator(f"#chart-{chart} svg").bounding_box()
        assert box is not None and box["width"] > 500 and box["height"] > 100, chart
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
    # Values printed on the bars: the share of the 8 replies flagged per category.
    categories = page.locator("#chart-categories svg .text-overlay text.value").all_text_contents()
    assert sorted(float(v) for v in categories) == [12.5, 12.5, 25.0, 37.5]


def test_not_one_network_request(
    opened: tuple[Page, list[str]], report: tuple[Path, dict[str, object]]
) -> None:
    page, requests = opened
    page.locator("#example-9").scroll_into_view_if_needed()
    assert requests == [report[0].as_uri()]


def test_no_script_from_the_data_runs_and_it_shows_as_text(opened: tuple[Page, list[str]]) -> None:
    page, _ = opened
    assert page.evaluate("window.pwned") is None
    assert page.evaluate("document.scripts.length") == 0
    assert page.locator("img, iframe").count() == 0
    example = page.locator("#example-9")
    assert example.locator(".reply").inner_text() == SCRIPT_REPLY
    assert example.locator(".customer").inner_text() == SCRIPT_CUSTOMER
    assert example.locator("mark").all_text_contents() == ["Calm down"]
    header = example.locator("header").inner_text()
    assert f"agent {SCRIPT_AGENT} · team {SCRIPT_TEAM} · 2026-03-19" in header
    # The charts draw the names as text too.
    assert SCRIPT_AGENT in page.locator("#chart-agents svg").text_content()  # type: ignore[operator]
    assert SCRIPT_TEAM in page.locator("#chart-teams svg").text_content()  # type: ignore[operator]
    assert page.locator("#table-agents tbody tr td:first-child").all_text_contents() == [
        "Ana",
        "Ben",
        SCRIPT_AGENT,
    ]


def test_the_worst_replies_come_first_with_their_flags_marked(opened: tuple[Page, list[str]]) -> None:
    page, _ = opened
    examples = page.locator("article.example")
    # Lowest score first; among equal scores, the most warnings, the most flags, then the earliest row.
    assert examples.evaluate_all("es => es.map(e => e.id)") == [
        "example-8",  # 70: two warnings
        "example-2",  # 85: one warning each
        "example-3",
        "example-6",
        "example-9",
        "example-5",  # 95: a suggestion
    ]
    first = page.locator("#example-8")
    assert first.locator("header strong").inner_text() == "Score 70"
    assert first.locator("mark").all_text_contents() == ["Calm down", "you'll have to wait 3 days"]
    assert first.locator("mark").evaluate_all("ms => ms.map(m => m.className)") == ["warning", "warning"]
    assert first.locator("ul.flags li").all_inner_texts() == [
        "WARNING dismissive.calm-down “Calm down”: Tells an upset customer how to feel.",
        "WARNING blame.have-to-wait “you'll have to wait 3 days”: Orders the customer to wait.",
    ]


def test_the_totals_and_the_skipped_row(
    opened: tuple[Page, list[str]], report: tuple[Path, dict[str, object]]
) -> None:
    page, _ = opened
    summary = report[1]
    assert summary["replies"] == 8
    assert page.locator("#tile-replies .value").inner_text() == "8"
    assert page.locator("#tile-warning .value").inner_text() == f"{100 * summary['with_warning'] / 8:.1f}%"  # type: ignore[operator]
    assert page.locator("#tile-skipped .value").inner_text() == "1"
    assert page.locator("#table-skipped tbody tr").all_inner_texts() == ["10\t10\tempty\tthe reply is empty"]
