"""The three-way comparison and merge behind the curated update review, on entries alone."""

from __future__ import annotations

import dataclasses

from conftest import BASIC_BANK
from replycoach.bank.files import read_bank_dir
from replycoach.bank.model import Entry
from replycoach.curated.update import compare, merge

ENTRIES = read_bank_dir(BASIC_BANK)[0].entries
A, B, C, D = ENTRIES[:4]


def _edited(entry: Entry, message: str) -> Entry:
    return dataclasses.replace(entry, message=message)


def test_unchanged_upstream_entries_and_the_teams_own_are_never_offered() -> None:
    ours = [_edited(A, "ours"), B, D]  # A edited here, C deleted here, D created here
    assert compare([A, B, C], ours, [A, B, C]) == []


def test_a_change_to_an_entry_deleted_here_is_edited_here_and_taking_it_puts_it_back_in_curated_order() -> (
    None
):
    theirs = [A, _edited(B, "newer"), C]
    changes = compare([A, B, C], [A, C, D], theirs)
    assert [(c.id, c.change, c.edited_here, c.current) for c in changes] == [(B.id, "changed", True, None)]
    assert [e.id for e in merge([A, C, D], theirs, changes)] == [A.id, B.id, C.id, D.id]


def test_a_removal_of_an_entry_already_deleted_here_takes_without_error() -> None:
    changes = compare([A, B, C], [A, C], [A, C])
    assert [(c.id, c.change, c.edited_here) for c in changes] == [(B.id, "removed", True)]
    assert merge([A, C], [A, C], changes) == [A, C]


def test_an_added_entry_with_no_curated_neighbour_here_goes_before_its_successor() -> None:
    changes = compare([B], [D, B], [A, B])
    assert [(c.id, c.change, c.edited_here) for c in changes] == [(A.id, "added", False)]
    assert [e.id for e in merge([D, B], [A, B], changes)] == [D.id, A.id, B.id]
