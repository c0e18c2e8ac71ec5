"""Benchmark against peers: Reply Coach's engine, alex and write-good on the same 1 KB drafts, in one run.

Usage: python bench/peers.py [--replies FILE] [--drafts N] [--rounds R] [--scratch DIR]

Each tool analyzes the same drafts in its own process after a warm-up, in R rounds that take the tools in
turn (each round with its own drafts). The script prints the median over rounds of the milliseconds per
draft, as CPU time (what each tool's process used: steady on a machine shared with other work) and as wall
time, and the median of each round's ratio to the engine (the tools of a round ran one after the other, on
its drafts, so a slow spell of the machine moves both sides of a ratio). The engine is built as `replycoach
serve` builds it (bench/served.py). alex and write-good come from npm, installed by the script into a
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

from replies import join_drafts, load_replies
from replycoach import default_engine
from served import served_engine

PEERS = {"alex": "alex@11", "write-good": "write-good@1"}
DRAFT_CHARS = 1024

# Times the drafts with each peer in one node process (after a warm-up): wall and CPU ms per draft.
_NODE = r"""
const fs = require("fs");
const drafts = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const writeGood = require("write-good");
import("alex").then(({ text: alex }) => {
  const tools = { alex: (d) => alex(d).messages.length, "write-good": (d) => writeGood(d).length };
  const out = {};
  for (const [name, run] of Object.entries(tools)) {
    for (const d of drafts.slice(0, 20)) run(d);
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (const d of drafts) run(d);
    const wall = Number(process.hrtime.bigint() - start) / 1e6;
    const used = process.cpuUsage(cpu);
    out[name] = [wall / drafts.length, (used.user + used.system) / 1000 / drafts.length];
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


def _engine_times(drafts: list[str]) -> tuple[float, float]:
    """Wall and CPU milliseconds per draft (after a warm-up)."""
    engine = served_engine()
    for draft in drafts[:20]:
        engine.analyze(draft)
    cpu = time.process_time()
    started = time.perf_counter()
    for draft in drafts:
        engine.analyze(draft)
    wall = (time.perf_counter() - started) * 1000 / len(drafts)
    return wall, (time.process_time() - cpu) * 1000 / len(drafts)


def _peer_times(drafts: list[str], scratch: Path) -> dict[str, tuple[float, float]] | None:
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
    times: dict[str, tuple[float, float]] = {k: (v[0], v[1]) for k, v in json.loads(result.stdout).items()}
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
    rounds: dict[str, list[tuple[float, float]]] = {}
    for round_index in range(args.rounds):
        # Each round its own drafts (the replies joined from another starting point), every tool in turn, so
        # a busy spell of a shared machine falls on one round of all of them rather than on one tool.
        drafts = join_drafts(replies, args.drafts, round_index * 7, DRAFT_CHARS)
        rounds.setdefault("replycoach", []).append(_engine_times(drafts))
        for name, times in (_peer_times(drafts, scratch) or {}).items():
            rounds.setdefault(name, []).append(times)
    print(
        f"{args.rounds} rounds of {args.drafts} drafts of {DRAFT_CHARS} characters, ms per draft after a "
        "warm-up (median of the rounds):"
    )
    print(f"  {'':>10}  {'CPU':>7}  {'wall':>7}")
    ours = rounds["replycoach"]
    for name, times in rounds.items():
        wall, cpu = (statistics.median(t[i] for t in times) for i in (0, 1))
        ratio = ""
        if name != "replycoach":
            # Each round's ratio (the tools ran one after the other on that round's drafts), then the median.
            by_cpu = statistics.median(t[1] / o[1] for t, o in zip(times, ours, strict=True))
            by_wall = statistics.median(t[0] / o[0] for t, o in zip(times, ours, strict=True))
            ratio = f"  {by_cpu:5.1f}x the engine's CPU, {by_wall:.1f}x its wall"
        print(f"  {name:>10}: {cpu:7.3f}  {wall:7.3f}{ratio}")


if __name__ == "__main__":
    main()
