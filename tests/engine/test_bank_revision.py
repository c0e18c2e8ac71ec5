"""A bank's revision is the digest of its content as JSON; written out part by part (so a live reload reuses
each unchanged entry's JSON), it must stay the digest it always was: databases store it."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from replycoach import Engine
from replycoach.bank.schema import dump_entry, dump_family, dump_topic
from replycoach.engine.compiled import Bank


def _digest_of_the_whole(bank: Bank) -> str:
    content: dict[str, Any] = {
        "entries": [dump_entry(e) for e in bank.all_entries],
        "topics": [dump_topic(t.topic) for t in bank.topics],
    }
    if bank.vocabulary.families:
        content["vocabulary"] = [dump_family(f) for f in bank.vocabulary.families]
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode("utf-8")).hexdigest()[:12]


def test_the_curated_banks_revision_is_the_digest_of_its_content(curated: Engine) -> None:
    assert curated.bank.vocabulary.families and curated.bank.topics
    assert curated.bank.revision == _digest_of_the_whole(curated.bank)


def test_a_bank_without_topics_or_vocabulary_keeps_its_digest(basic: Engine) -> None:
    bare = Bank.build(basic.bank.all_entries)
    assert bare.revision == _digest_of_the_whole(bare)
    empty = Bank.build([])
    assert empty.revision == _digest_of_the_whole(empty)
