"""Bank checks run one at a time, each within its time budget, in a thread of their own."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from replycoach.errors import BankBusyError, CheckStopped
from replycoach.store.checking import BankChecks, Budget


def test_a_check_gives_its_answer_and_its_errors() -> None:
    checks = BankChecks(5)
    assert checks.run(lambda budget: 42) == 42

    def broken(budget: Budget) -> None:
        raise ValueError("bad bank")

    with pytest.raises(ValueError, match="bad bank"):
        checks.run(broken)


def test_a_check_past_its_budget_stops_at_its_next_step_saying_where_it_got() -> None:
    def endless(budget: Budget) -> None:
        budget.step("compiling dismissive.calm-down")
        while True:
            time.sleep(0.01)
            budget.step("running the examples of dismissive.calm-down")

    with pytest.raises(CheckStopped) as stopped:
        BankChecks(0.05).run(endless)
    assert stopped.value.progress == "running the examples of dismissive.calm-down"


def test_a_stuck_check_is_answered_and_holds_the_lock_until_it_ends(tmp_path: Path) -> None:
    release = threading.Event()

    def stuck(budget: Budget) -> str:
        budget.step("measuring the analysis time")
        release.wait()  # as RE2 in the middle of a match: no step to stop at
        return "done"

    checks = BankChecks(0.05, tmp_path / "check.lock", wait=0)
    with pytest.raises(CheckStopped) as stopped:
        checks.run(stuck)
    assert stopped.value.progress == "measuring the analysis time"
    with pytest.raises(BankBusyError):
        checks.run(lambda budget: "another")
    # Another worker of the same instance shares the lock file.
    with pytest.raises(BankBusyError):
        BankChecks(5, tmp_path / "check.lock", wait=0).run(lambda budget: "elsewhere")
    release.set()
    assert BankChecks(5, tmp_path / "check.lock", wait=10).run(lambda budget: "next") == "next"
    assert BankChecks(5, tmp_path / "check.lock", wait=0).run(lambda budget: "and on") == "and on"


def test_a_second_check_waits_for_one_that_ends_soon() -> None:
    checks = BankChecks(5, wait=10)
    started, release = threading.Event(), threading.Event()

    def first(budget: Budget) -> str:
        started.set()
        release.wait()
        return "first"

    results: list[str] = []
    thread = threading.Thread(target=lambda: results.append(checks.run(first)))
    thread.start()
    started.wait()
    threading.Timer(0.05, release.set).start()
    assert checks.run(lambda budget: "second") == "second"
    thread.join()
    assert results == ["first"]


def test_a_lock_file_that_cannot_be_made_does_not_refuse_the_check(tmp_path: Path) -> None:
    checks = BankChecks(5, tmp_path / "no-such-folder" / "check.lock", wait=0)
    assert checks.run(lambda budget: "checked") == "checked"
