"""Real replies for the benchmarks, read from a file named on the command line (the data is not part of the
project): one reply per line; JSON Lines with "text" (and optionally "customer"); or a JSON list of
conversations as in IBM's Twitter customer-care data set (the agent's `agentURL.url_utterance`, answering the
last customer message of `dialogContent`).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Reply:
    """A draft reply and, when the file has it, the customer message it answers."""

    text: str
    customer: str | None = None


def _conversation(item: Any) -> Reply | None:
    reply = (item.get("agentURL") or {}).get("url_utterance")
    if not isinstance(reply, str) or not reply.strip():
        return None
    said = [m.get("message") for m in item.get("dialogContent") or [] if isinstance(m, dict)]
    said = [m for m in said if isinstance(m, str) and m.strip()]
    return Reply(reply, said[-1] if said else None)


def load_replies(path: Path) -> list[Reply]:
    """The replies in `path`, in file order; raises SystemExit naming the file if it holds none."""
    raw = path.read_text(encoding="utf-8")
    found: list[Reply] = []
    if raw.lstrip().startswith("["):
        found = [r for r in map(_conversation, json.loads(raw)) if r is not None]
    else:
        for line in raw.splitlines():
            line = line.strip()
            if not line:
                continue
            if line.startswith("{"):
                item = json.loads(line)
                text, customer = item.get("text"), item.get("customer")
                if isinstance(text, str) and text.strip():
                    found.append(Reply(text, customer if isinstance(customer, str) else None))
            else:
                found.append(Reply(line))
    if not found:
        raise SystemExit(f"{path}: no replies found (one per line, JSON Lines with 'text', or a JSON list)")
    return found


def join_drafts(replies: list[str], count: int, start: int = 0, chars: int = 1024) -> list[str]:
    """`count` drafts of about `chars` characters, each joining replies in turn from `start`."""
    drafts = []
    position = start
    for _ in range(count):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < chars:
            parts.append(replies[position % len(replies)])
            position += 1
        drafts.append(" ".join(parts)[:chars])
    return drafts


def reply_texts(path: Path | None, bank: Any) -> list[str]:
    """The texts drafts are joined from: the replies of `path`, each on one line, or without a file the
    examples of the bank (a compiled bank: its entries' flag and pass examples)."""
    if path is None:
        return [ex.text for e in bank.entries for ex in (*e.flag_examples, *e.pass_examples)]
    return [" ".join(reply.text.split()) for reply in load_replies(path)]


def draft_arguments(
    doc: str,
    drafts: str = "1 KB drafts per round",
    rounds: str = "rounds",
    extra: Callable[[argparse.ArgumentParser], None] | None = None,
) -> argparse.Namespace:
    """The command line the draft benchmarks share: --replies FILE, --drafts N, --rounds R (`drafts` and
    `rounds` say what each counts), and whatever `extra` adds, parsed, with the first line of the script's
    `doc` as its description."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--replies", type=Path, help="replies to build drafts from (see bench/replies.py)")
    parser.add_argument("--drafts", type=int, default=300, help=f"{drafts} (default 300)")
    parser.add_argument("--rounds", type=int, default=5, help=f"{rounds} (default 5)")
    if extra is not None:
        extra(parser)
    return parser.parse_args()
