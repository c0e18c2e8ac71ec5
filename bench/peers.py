"""Benchmark against peers: Reply Coach's engine, alex and write-good on the same 1 KB drafts, in one run.

Usage: python bench/peers.py [--replies FILE] [--drafts N] [--rounds R] [--scratch DIR]

Each tool analyzes the same drafts in its own process after a warm-up, in R rounds that take the tools in
turn (each round with its own drafts), and the script prints the median over rounds of the mean milliseconds
per draft, and the ratios. alex and write-good come from npm, installed by the script into a
scratch folder (default: a temporary one) when `node` and `npm` are on PATH; without them only the engine
is measured. Drafts are about 1 KB each, joined from the replies of FILE (one reply per line, JSON Lines
with a "text" field, or IBM's customer-care conversations as JSON: see bench/replies.py), or by default from
the curated bank's own examples.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from replies import load_replies
from replycoach import default_engine

PEERS = {"alex": "alex@11", "write-good": "write-good@1"}
DRAFT_CHARS = 1024

# Times every draft with each peer in one node process (after a warm-up), and prints mean ms per peer.
_NODE = r"""
const fs = require("fs");
const drafts = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const writeGood = require("write-good");
import("alex").then(({ text: alex }) => {
  const tools = { alex: (d) => alex(d).messages.length, "write-good": (d) => writeGood(d).length };
  const out = {};
  for (const [name, run] of Object.entries(tools)) {
    for (const d of drafts.slice(0, 20)) run(d);
    const times = [];
    for (const d of drafts) {
      const start = process.hrtime.bigint();
      run(d);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    out[name] = times;
  }
  process.stdout.write(JSON.stringify(out));
});
"""


def _replies(path: Path | None) -> list[str]:
    if path is None:
        bank = default_engine().bank
        texts = [ex.text for e in bank.entries for ex in e.flag_examples]
        texts += [ex.text for e in bank.entries for ex in e.pass_examples]
        return texts
    return [" ".join(reply.text.split()) for reply in load_replies(path)]


def _drafts(replies: list[str], count: int, start: int = 0) -> list[str]:
    """`count` drafts of about DRAFT_CHARS characters, each joining replies in turn from `start`."""
    drafts = []
    position = start
    for _ in range(count):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < DRAFT_CHARS:
            parts.append(replies[position % len(replies)])
            position += 1
        drafts.append(" ".join(parts)[:DRAFT_CHARS])
    return drafts


def _engine_times(drafts: list[str]) -> list[float]:
    engine = default_engine()
    for draft in drafts[:20]:
        engine.analyze(draft)
    times = []
    for draft in drafts:
        start = time.perf_counter()
        engine.analyze(draft)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _peer_times(drafts: list[str], scratch: Path) -> dict[str, list[float]] | None:
    if not (shutil.which("node") and shutil.which("npm")):
        print("node and npm are not on PATH: measuring the engine only", file=sys.stderr)
        return None
    if not all((scratch / "node_modules" / name).is_dir() for name in PEERS):
        scratch.mkdir(parents=True, exist_ok=True)
        (scratch / "package.json").write_text('{"private": true}', encoding="utf-8")
        subprocess.run(["npm", "install", "--silent", *PEERS.values()], cwd=scratch, check=True)
    (scratch / "drafts.json").write_text(json.dumps(drafts), encoding="utf-8")
    (scratch / "time.js").write_text(_NODE, encoding="utf-8")
    result = subprocess.run(
        ["node", "time.js", "drafts.json"], cwd=scratch, check=True, capture_output=True, text=True
    )
    times: dict[str, list[float]] = json.loads(result.stdout)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=Path, help="replies to build drafts from (see bench/replies.py)")
    parser.add_argument("--drafts", type=int, default=300, help="1 KB drafts per round (default 300)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds, each tool in turn (default 5)")
    parser.add_argument("--scratch", type=Path, help="folder for the npm packages (default: a temporary one)")
    args = parser.parse_args()

    replies = _replies(args.replies)
    scratch = args.scratch or Path(tempfile.mkdtemp(prefix="replycoach-peers-"))
    rounds: dict[str, list[float]] = {}
    for round_index in range(args.rounds):
        # Each round its own drafts (the replies joined from another starting point), every tool in turn, so
        # a busy spell of a shared machine falls on one round of all of them rather than on one tool.
        drafts = _drafts(replies, args.drafts, start=round_index * 7)
        rounds.setdefault("replycoach", []).append(statistics.mean(_engine_times(drafts)))
        peers = _peer_times(drafts, scratch)
        for name, times in (peers or {}).items():
            rounds.setdefault(name, []).append(statistics.mean(times))
    ours = statistics.median(rounds["replycoach"])
    print(
        f"{args.rounds} rounds of {args.drafts} drafts of {DRAFT_CHARS} characters; ms per draft after a "
        "warm-up, the median of the rounds' means (and the fastest round):"
    )
    for name, means in rounds.items():
        median = statistics.median(means)
        ratio = "" if name == "replycoach" else f"  {median / ours:5.1f}x the engine's time"
        print(f"  {name:>10}: {median:7.3f} ms  (fastest round {min(means):.3f} ms){ratio}")


if __name__ == "__main__":
    main()
