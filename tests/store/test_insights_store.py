"""The insight counters in the database: writes that add, a report of every day in a range, and migration
0008 on a database from before it (the bank and keys kept)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from alembic import command
from alembic.config import Config
from replycoach.store.db import MIGRATIONS, connect
from replycoach.store.insights import DayCounts, InsightStore, RuleCounts, Tally
from sqlalchemy import inspect, text

MAY_1, MAY_2, MAY_3 = date(2026, 5, 1), date(2026, 5, 2), date(2026, 5, 3)


def _store(tmp_path: Path) -> InsightStore:
    return InsightStore(connect(f"sqlite:///{tmp_path / 'insights.db'}"))


def test_writes_add_and_the_report_lists_every_day(tmp_path: Path) -> None:
    store = _store(tmp_path)
    first = Tally()
    first.analysis(MAY_1, ["a.rule", "a.rule", "b.rule"], warning=True)
    first.analysis(MAY_1, [], warning=False)
    first.event(MAY_1, "b.rule", "dismissed")
    store.add(first)
    second = Tally()
    second.analysis(MAY_1, ["b.rule"], warning=False)
    second.analysis(MAY_3, ["c.rule"], warning=True)
    second.event(MAY_3, "b.rule", "muted")
    second.event(MAY_3, "a.rule", "applied")
    store.add(second)
    store.add(Tally())  # nothing to write: no transaction, no row

    report = store.report(MAY_1, MAY_3)
    assert report.days == [
        DayCounts(MAY_1, analyzed=3, warnings=1, fired=4),
        DayCounts(MAY_2, analyzed=0, warnings=0, fired=0),
        DayCounts(MAY_3, analyzed=1, warnings=1, fired=1),
    ]
    assert report.rules == [
        RuleCounts("b.rule", fired=2, applied=0, dismissed=1, muted=1),
        RuleCounts("a.rule", fired=2, applied=1, dismissed=0, muted=0),
        RuleCounts("c.rule", fired=1, applied=0, dismissed=0, muted=0),
    ]
    assert store.report(MAY_2, MAY_2).rules == []
    # By most fired, then by most acted on, then by id.
    assert store.report(MAY_3, MAY_3).rules == [
        RuleCounts("c.rule", fired=1, applied=0, dismissed=0, muted=0),
        RuleCounts("a.rule", fired=0, applied=1, dismissed=0, muted=0),
        RuleCounts("b.rule", fired=0, applied=0, dismissed=0, muted=1),
    ]


def test_a_merged_tally_counts_both(tmp_path: Path) -> None:
    store = _store(tmp_path)
    kept, newer = Tally(), Tally()
    kept.analysis(MAY_1, ["a.rule"], warning=True)
    newer.analysis(MAY_1, ["a.rule"], warning=False)
    newer.event(MAY_2, "a.rule", "applied")
    kept.merge(newer)
    assert kept.days == {MAY_1: [2, 1]}
    assert kept.rules == {(MAY_1, "a.rule"): [2, 0, 0, 0], (MAY_2, "a.rule"): [0, 1, 0, 0]}
    store.add(kept)
    assert store.report(MAY_1, MAY_2).rules == [
        RuleCounts("a.rule", fired=2, applied=1, dismissed=0, muted=0)
    ]


def test_migration_0008_adds_the_tables_to_an_older_database_and_goes_back(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = connect(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
        connection.execute(text("INSERT INTO samples (text) VALUES ('kept across the upgrade')"))
    assert not {"insight_days", "insight_rules"} & set(inspect(engine).get_table_names())

    engine = connect(url)  # what `replycoach serve` does at start: upgrade to the newest
    assert {"insight_days", "insight_rules"} <= set(inspect(engine).get_table_names())
    with engine.connect() as connection:
        assert connection.execute(text("SELECT text FROM samples")).scalars().all() == [
            "kept across the upgrade"
        ]
    tally = Tally()
    tally.analysis(MAY_1, ["a.rule"], warning=True)
    InsightStore(engine).add(tally)
    assert InsightStore(engine).report(MAY_1, MAY_1).days == [DayCounts(MAY_1, 1, 1, 1)]
