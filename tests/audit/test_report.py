"""report.html opened in Chromium as a team lead opens it: charts drawn with the right bars and points, not
one network request, no script from the data run, the worst replies with their flagged words marked and a
rewrite beside each, filters and drill-down that recount the tables, small samples marked, and the change
since an earlier audit."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


PREVIOUS_ROWS = [
    ("Please calm down.", "", "Ana", "Billing", "2026-02-02"),
    ("All fixed, thanks for writing in.", "", "Ana", "Billing", "2026-02-03"),
    ("All fixed, thanks for writing in.", "", "Ben", "Support", "2026-02-09"),
    ("Sorry to hear that. It is fixed now.", "", "Ben", "Support", "2026-02-10"),
]


def write_rows(path: Path, rows: list[tuple[str, str, str, str, str]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(("text", "customer_message", "agent", "team", "created_at"))
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def run_audit(folder: Path, *options: str) -> tuple[Path, dict[str, Any]]:
    """ROWS audited with the basic bank: the report and the summary."""
    write_rows(folder / "replies.csv", ROWS)
    result = audit(
        "replies.csv",
        "--html",
        "report.html",
        "--json",
        "summary.json",
        "--bank",
        str(BASIC_BANK),
        *options,
        cwd=folder,
    )
    assert result.returncode == 0, result.stderr
    return folder / "report.html", json.loads((folder / "summary.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The report and summary of ROWS, every group counted as large enough to chart."""
    return run_audit(tmp_path_factory.mktemp("report"), "--min-replies", "1")


@pytest.fixture(scope="module")
def compared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The report of ROWS compared with an earlier audit of PREVIOUS_ROWS."""
    folder = tmp_path_factory.mktemp("compared")
    write_rows(folder / "previous.csv", PREVIOUS_ROWS)
    previous = audit("previous.csv", "--json", "previous.json", "--bank", str(BASIC_BANK), cwd=folder)
    assert previous.returncode == 0, previous.stderr
    return run_audit(folder, "--min-replies", "1", "--compare", "previous.json")


def open_page(browser: Browser, path: Path, script: bool = True) -> Iterator[tuple[Page, list[str]]]:
    """The report opened from disk, with every request the page made; no dialog may open."""
    context = browser.new_context(viewport={"width": 1100, "height": 900}, java_script_enabled=script)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(path.as_uri())
    page.wait_for_load_state("networkidle")
    try:
        yield page, requests
        assert dialogs == []
        assert errors == []  # a script error or a refused script (content policy) shows here
    finally:
        context.close()


@pytest.fixture
def opened(browser: Browser, report: tuple[Path, dict[str, Any]]) -> Iterator[tuple[Page, list[str]]]:
    yield from open_page(browser, report[0])


def rows_of(page: Page, table: str) -> list[list[str]]:
    """The cells of a table's body, as text."""
    return page.locator(f"#{table} tbody tr").evaluate_all(
        "rs => rs.map(r => [...r.cells].map(c => c.innerText.trim()))"
    )


def shown_examples(page: Page) -> list[str]:
    return page.locator("article.example:visible").evaluate_all("es => es.map(e => e.id)")


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


def test_not_one_network_request(opened: tuple[Page, list[str]], report: tuple[Path, dict[str, Any]]) -> None:
    page, requests = opened
    page.locator("#example-9").scroll_into_view_if_needed()
    assert requests == [report[0].as_uri()]


def test_no_script_from_the_data_runs_and_it_shows_as_text(opened: tuple[Page, list[str]]) -> None:
    page, _ = opened
    assert page.evaluate("window.pwned") is None
    # Two script elements: the data (JSON, never run) and the page's own script, the one the policy allows.
    assert page.evaluate("[...document.scripts].map(s => s.type || 'script')") == [
        "application/json",
        "script",
    ]
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content") or ""
    assert "default-src 'none'" in policy and re.search(r"script-src 'sha256-[A-Za-z0-9+/]+=*'$", policy)
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
    # Each flag with its rule, and the first rewrite the service offers: what it replaces, and with what.
    assert first.locator("ul.flags li").all_inner_texts() == [
        "WARNING “Calm down”: Tells an upset customer how to feel. dismissive.calm-down\n"
        "Instead of “Calm down, you'll have to wait 3 days”: "
        "“I can tell how stressful this is, and I want to fix it alongside you”",
        "WARNING “you'll have to wait 3 days”: Orders the customer to wait. blame.have-to-wait\n"
        "Instead of “you'll have to wait 3 days”: “I'll make sure you hear from me within 3 days”",
    ]


def test_the_totals_and_the_skipped_row(
    opened: tuple[Page, list[str]], report: tuple[Path, dict[str, Any]]
) -> None:
    page, _ = opened
    summary = report[1]
    assert summary["replies"] == 8
    assert page.locator("#tile-replies .value").inner_text() == "8"
    assert page.locator("#tile-warning .value").inner_text() == f"{100 * summary['with_warning'] / 8:.1f}%"  # type: ignore[operator]
    assert page.locator("#tile-skipped .value").inner_text() == "1"
    assert page.locator("#table-skipped tbody tr").all_inner_texts() == ["10\t10\tempty\tthe reply is empty"]


TABLES = (
    "table-categories",
    "table-rule-warnings",
    "table-rule-suggestions",
    "table-weeks",
    "table-teams",
    "table-agents",
)


def test_rules_read_by_their_message_with_warnings_and_suggestions_apart(
    opened: tuple[Page, list[str]],
) -> None:
    page, _ = opened
    assert rows_of(page, "table-rule-warnings") == [
        ["Tells an upset customer how to feel. dismissive.calm-down", "dismissive", "3", "3"],
        ["Orders the customer to wait. blame.have-to-wait", "blame", "2", "2"],
        [
            "Cheerful sign-off to an upset customer. toxic-positivity.have-a-great-day",
            "toxic-positivity",
            "1",
            "1",
        ],
    ]
    assert rows_of(page, "table-rule-suggestions") == [
        ["A bare sorry that names nothing. sympathy.sorry-to-hear", "sympathy", "1", "1"],
    ]
    assert rows_of(page, "table-categories") == [
        ["dismissive", "3", "0", "3", "37.5%"],
        ["blame", "2", "0", "2", "25.0%"],
        ["sympathy", "0", "1", "1", "12.5%"],
        ["toxic-positivity", "1", "0", "1", "12.5%"],
    ]
    assert page.locator("#tile-warnings .value").inner_text() == "6"
    assert page.locator("#tile-suggestions .value").inner_text() == "1"
    # The rules chart names them by their message too.
    labels = page.locator("#chart-rules svg .axis.x text, #chart-rules svg .axis text").all_text_contents()
    assert "Tells an upset customer how to feel." in labels


def test_the_script_recounts_exactly_what_the_page_says_without_it(
    browser: Browser, compared: tuple[Path, dict[str, Any]]
) -> None:
    with_script = open_page(browser, compared[0])
    without = open_page(browser, compared[0], script=False)
    page, _ = next(with_script)
    plain, _ = next(without)
    assert page.locator("#filters").is_visible() and not plain.locator("#filters").is_visible()
    for table in TABLES:
        assert rows_of(page, table) == rows_of(plain, table), table
    for tile in ("replies", "warning", "flag", "score", "warnings", "suggestions"):
        assert page.locator(f"#tile-{tile}").inner_text() == plain.locator(f"#tile-{tile}").inner_text()
    assert shown_examples(page) == shown_examples(plain)
    for opened_page in (with_script, without):
        next(opened_page, None)


def test_a_team_filter_recounts_the_totals_tables_and_replies(opened: tuple[Page, list[str]]) -> None:
    page, requests = opened
    page.select_option("#filter-team", "Billing")
    tiles = {
        t: page.locator(f"#tile-{t} .value").inner_text() for t in ("replies", "warning", "flag", "score")
    }
    assert tiles == {"replies": "3", "warning": "66.7%", "flag": "66.7%", "score": "90.0"}
    assert rows_of(page, "table-categories") == [
        ["blame", "1", "0", "1", "33.3%"],
        ["dismissive", "1", "0", "1", "33.3%"],
    ]
    assert rows_of(page, "table-rule-warnings") == [
        ["Orders the customer to wait. blame.have-to-wait", "blame", "1", "1"],
        ["Tells an upset customer how to feel. dismissive.calm-down", "dismissive", "1", "1"],
    ]
    assert not page.locator("#table-rule-suggestions").is_visible()
    assert page.locator("#no-rule-suggestions").is_visible()
    assert rows_of(page, "table-agents") == [
        ["Ana", "2", "100.0%", "100.0%", "85.0"],
        ["Ben", "1", "0.0%", "0.0%", "100.0"],
    ]
    assert rows_of(page, "table-weeks") == [["2026-W10", "3", "66.7%", "66.7%", "90.0"]]
    assert shown_examples(page) == ["example-2", "example-3"]
    assert (
        page.locator("#replies-title").inner_text()
        == "The 2 lowest-scoring kept replies that match the filters."
    )
    # A week with no Billing reply: nothing to count, and said so.
    page.select_option("#filter-week", "2026-W12")
    assert page.locator("#tile-replies .value").inner_text() == "0"
    assert page.locator("#tile-warning .value").inner_text() == "–"
    assert page.locator("#no-categories").is_visible()
    assert shown_examples(page) == []
    page.click("#filter-clear")
    assert page.locator("#tile-replies .value").inner_text() == "8"
    assert len(shown_examples(page)) == 6
    assert requests == [page.url]


def test_a_category_filter_adds_its_share_to_every_group(opened: tuple[Page, list[str]]) -> None:
    page, _ = opened
    page.select_option("#filter-category", "dismissive")
    assert rows_of(page, "table-categories") == [["dismissive", "3", "0", "3", "37.5%"]]
    assert page.locator("#table-agents thead th").all_inner_texts()[-1] == "flagged for dismissive"
    assert rows_of(page, "table-agents") == [
        ["Ana", "4", "75.0%", "75.0%", "85.0", "50.0%"],
        ["Ben", "3", "33.3%", "66.7%", "93.3", "0.0%"],
        [f"{SCRIPT_AGENT}", "1", "100.0%", "100.0%", "85.0", "100.0%"],
    ]
    assert shown_examples(page) == ["example-8", "example-2", "example-9"]


def test_a_click_on_a_rule_or_an_agent_lists_its_replies(opened: tuple[Page, list[str]]) -> None:
    page, requests = opened
    page.locator("#table-rule-warnings button", has_text="Orders the customer to wait.").click()
    assert shown_examples(page) == ["example-8", "example-3"]
    assert page.locator("#replies-title").inner_text() == (
        "Replies flagged by “Orders the customer to wait.” (blame.have-to-wait): "
        "the 2 lowest-scoring kept of the 2 it flagged."
    )
    page.click("#drill-clear")
    assert len(shown_examples(page)) == 6
    page.locator("#table-agents button", has_text="Ben").click()
    assert shown_examples(page) == ["example-6", "example-5"]
    assert page.locator("#replies-title").inner_text() == (
        "Replies of Ben: the 2 lowest-scoring kept of the 2 with a flag."
    )
    # The agent's name is data: a button's text, never markup.
    page.locator("#table-agents button", has_text=SCRIPT_AGENT).click()
    assert shown_examples(page) == ["example-9"]
    assert page.evaluate("window.pwned") is None
    assert requests == [page.url]


def test_small_samples_are_marked_and_left_out_of_the_charts(browser: Browser, tmp_path: Path) -> None:
    path, summary = run_audit(tmp_path)  # the default: fewer than 10 replies is a small sample
    assert summary["min_replies"] == 10
    assert all(
        group["small_sample"] for group in summary["by_agent"] + summary["by_team"] + summary["by_week"]
    )
    for page, _ in open_page(browser, path):
        assert page.locator("#chart-agents").count() == 0 and page.locator("#chart-teams").count() == 0
        assert page.locator("#table-agents tbody tr .few").count() == 3
        assert rows_of(page, "table-agents")[0] == ["Ana few replies", "4", "75.0%", "75.0%", "85.0"]
        assert "fewer than 10 replies, too few to judge by" in page.locator("main, body").first.inner_text()


def test_the_change_since_an_earlier_audit(browser: Browser, compared: tuple[Path, dict[str, Any]]) -> None:
    path, summary = compared
    change = summary["compare"]
    assert change["file"] == "previous.json" and change["replies"] == 4
    assert change["with_warning"] == {"now": 625, "before": 250}  # tenths of a percent
    assert change["by_category"] == [
        {"category": "dismissive", "now": 375, "before": 250},
        {"category": "blame", "now": 250, "before": None},
        {"category": "sympathy", "now": 125, "before": 250},
        {"category": "toxic-positivity", "now": 125, "before": None},
    ]
    assert change["weeks"] == [
        {"week": "2026-W06", "with_warning": 500},
        {"week": "2026-W07", "with_warning": 0},
    ]
    for page, _ in open_page(browser, path):
        assert page.locator("#tile-warning-change").inner_text() == "▲ 37.5 pts vs previous"
        assert [row[-1] for row in rows_of(page, "table-categories")] == ["▲ 12.5", "new", "▼ 12.5", "new"]
        assert rows_of(page, "table-teams") == [
            ["Support", "4", "50.0%", "75.0%", "87.5", "▲ 50.0"],
            ["Billing", "3", "66.7%", "66.7%", "90.0", "▲ 16.7"],
            [SCRIPT_TEAM, "1", "100.0%", "100.0%", "85.0", "new"],
        ]
        assert page.locator("#table-teams td.worse").count() == 2
        # The weekly chart: this period and the previous one's weeks in order beside it.
        # Three points of this period; two of the previous one's (it had two weeks).
        assert page.locator("#chart-weeks svg .plot .serie-0 .dots circle").count() == 3
        assert page.locator("#chart-weeks svg .plot .serie-1 .dots circle").count() == 2
        legend = page.locator("#chart-weeks svg .legends").text_content() or ""
        assert "previous period (2026-W06 to 2026-W07)" in legend
        # Filtered, the comparison (which has no filters) is hidden.
        page.select_option("#filter-team", "Billing")
        assert not page.locator("#tile-warning-change").is_visible()
        assert len(rows_of(page, "table-categories")[0]) == 5
