"""A newer curated bank is offered as an update: each change with its diff, the team's own edits left
unticked, and Apply takes exactly the ticked ones."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from .helpers import Service, draft_for, eventually, make_entry, running_service

EDITED_HERE = "sympathy.sorry-to-hear"
CHANGED = "dismissive.calm-down"
ADDED = "dismissive.curated-newbie"
OUR_MESSAGE = "Our team's wording: a sorry that names nothing."
CURATED_MESSAGE = "Curated: tells an upset customer how to feel."


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """A service whose team edited one entry, restarted after a release changed its curated bank."""
    home = tmp_path_factory.mktemp("replycoach-curated")
    with running_service(home) as first:
        entry = first.get(EDITED_HERE).json()
        first.put({**entry, "message": OUR_MESSAGE})
    _release_new_curated_bank(home / "bank" / "entries.yml")
    with running_service(home) as restarted:
        yield restarted


def _release_new_curated_bank(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for entry in data["entries"]:
        if entry["id"] == CHANGED:
            entry["message"] = CURATED_MESSAGE
        if entry["id"] == EDITED_HERE:
            entry["why"] = "Curated: it sounds like pity from the outside."
    data["entries"].append(make_entry("curated-newbie"))
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def test_review_and_apply_the_curated_update(page: Page, service: Service) -> None:
    panel = page.locator("#curated-update")
    expect(panel.get_by_role("heading", name="Curated bank update")).to_be_visible()
    changes = panel.locator("li.curated-change")
    expect(changes).to_have_count(3)

    changed = panel.locator(f"li[data-id='{CHANGED}']")
    expect(changed.get_by_role("checkbox")).to_be_checked()
    expect(changed.locator("label")).to_have_text(f" Take {CHANGED} (changed)")
    changed.get_by_text("Show the difference").click()
    expect(changed.locator(".diff-field[data-field=message] del")).to_have_text(
        "\u2212 Tells an upset customer how to feel."
    )
    expect(changed.locator(".diff-field[data-field=message] ins")).to_have_text(f"+ {CURATED_MESSAGE}")

    added = panel.locator(f"li[data-id='{ADDED}']")
    expect(added.get_by_role("checkbox")).to_be_checked()
    expect(added.locator("label")).to_have_text(f" Take {ADDED} (new entry)")

    ours = panel.locator(f"li[data-id='{EDITED_HERE}']")
    expect(ours.get_by_role("checkbox")).not_to_be_checked()
    expect(ours).to_contain_text("Edited here: taking it replaces your team's edits")

    panel.get_by_role("button", name="Apply selected changes").click()
    expect(page.locator("#status")).to_have_text(
        "Curated update applied: took 2 changes; kept the bank's own version for 1."
    )
    expect(panel).to_be_hidden()

    calm = "Please calm down, the parcel is coming."
    eventually(
        lambda: [f["message"] for f in service.flags(calm, CHANGED)] == [CURATED_MESSAGE],
        what="the curated message in /v1/analyze",
    )
    eventually(lambda: service.flags(draft_for("curated-newbie"), ADDED), what="the added entry flags")
    assert service.get(EDITED_HERE).json()["message"] == OUR_MESSAGE
