"""`replycoach macros check`: a Zendesk macros export or a CSV of saved replies, linted per macro."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import BASIC_BANK
from replycoach import load_bank
from replycoach.lint.macros import html_to_text
from test_cli import run

CALM = "dismissive.calm-down Tells an upset customer how to feel."

EXPORT = {
    "macros": [
        {
            "id": 101,
            "title": "Delay: shipping",
            "actions": [
                {"field": "status", "value": "pending"},
                {"field": "comment_value", "value": "Hi there,\nyou'll have to wait 2 days."},
            ],
        },
        {
            "id": 102,
            "title": "Angry customer",
            "actions": [
                {
                    "field": "comment_value_html",
                    "value": "<p>Hello &amp; welcome.</p><p><b>Calm down</b>, please.</p>",
                }
            ],
        },
        {
            "id": 103,
            "title": "Thanks",
            "actions": [{"field": "comment_value", "value": ["channel:all", "Thanks!"]}],
        },
    ]
}


def test_a_zendesk_export_is_linted_per_macro_by_title(tmp_path: Path) -> None:
    export = tmp_path / "macros.json"
    export.write_text(json.dumps(EXPORT), encoding="utf-8")
    result = run("macros", "check", str(export), "--bank", str(BASIC_BANK))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{export}: Delay: shipping (id 101):2:1: warning blame.have-to-wait Orders the customer to wait.",
        '    "you\'ll have to wait 2 days" -> "I\'ll make sure you hear from me within 2 days"',
        f"{export}: Angry customer (id 102):2:1: warning {CALM}",
        "    'Calm down' -> 'I can tell how stressful this is, and I want to fix it alongside you'",
    ]
    assert result.stderr.splitlines() == [
        f"{export}: Delay: shipping (id 101): 1 flag, score 85/100",
        f"{export}: Angry customer (id 102): 1 flag, score 85/100",
        f"{export}: Thanks (id 103): 0 flags, score 100/100",
        f"bank: {load_bank(BASIC_BANK).revision} (the folder {BASIC_BANK})",
    ]


def test_an_html_macro_reports_where_each_flag_sits_in_its_html(tmp_path: Path) -> None:
    export = tmp_path / "macros.json"
    export.write_text(json.dumps(EXPORT), encoding="utf-8")
    result = run("macros", "check", str(export), "--bank", str(BASIC_BANK), "--format", "json")
    angry = json.loads(result.stdout)[1]
    [flag] = angry["flags"]
    html = EXPORT["macros"][1]["actions"][0]["value"]  # type: ignore[index]
    assert (flag["text"], html[flag["html_start"] : flag["html_end"]]) == ("Calm down", "Calm down")


def test_html_becomes_the_text_a_customer_reads() -> None:
    text, offsets = html_to_text("<p>Hi &amp; thanks&#33;</p><ul><li>One</li><li>Two<br>three</li></ul>")
    assert text == "Hi & thanks!\nOne\nTwo\nthree"
    assert len(offsets) == len(text)
    assert offsets[text.index("&")] == 6  # the &amp; entity starts at 6 in the HTML


def test_a_csv_of_saved_replies(tmp_path: Path) -> None:
    export = tmp_path / "replies.csv"
    export.write_text(
        'title,text\nCalm,"Calm down, we\'re on it."\nFine,Thanks for waiting!\n', encoding="utf-8"
    )
    result = run("macros", "check", str(export), "--bank", str(BASIC_BANK), "-q", "--select", "dismissive")
    assert (result.returncode, result.stdout) == (
        1,
        f"{export}: Calm:1:1: warning dismissive.calm-down Tells an upset customer how to feel.\n",
    )


def test_an_export_it_cannot_use_says_what_it_expected(tmp_path: Path) -> None:
    wrong = tmp_path / "tickets.json"
    wrong.write_text('{"tickets": []}', encoding="utf-8")
    result = run("macros", "check", str(wrong), "--bank", str(BASIC_BANK))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f'Error: {wrong}: expected a Zendesk macros export, {{"macros": [{{"title", "actions": [...]}}]}} '
        "(GET /api/v2/macros.json), or a .csv with title and text columns\n"
    )
    headless = tmp_path / "replies.csv"
    headless.write_text("name,body\nA,B\n", encoding="utf-8")
    result = run("macros", "check", str(headless), "--bank", str(BASIC_BANK))
    assert (
        result.stderr
        == f"Error: {headless}: a CSV of saved replies needs a header with the columns title and text\n"
    )
