"""Load benchmark: a real `replycoach serve` under concurrent analyze calls, with /health polled throughout.

Usage: python bench/load.py [--seconds S] [--clients N] [--workers W] [--batch]

Starts `replycoach serve` (W workers, SQLite in a temporary home, the curated bank) on 127.0.0.1, makes an
agent key, then for S seconds runs N clients that each post drafts back to back (a 1 KB draft, or with
--batch the largest batch the service accepts: 10 drafts of 20,000 characters), while one more client asks
/health every 100 ms. Prints requests per second, p50 and p99 latency for both, any status other than 200,
and the workers' resident memory at the start and the end. Figures, not assertions.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import requests

SCRIPT = str(Path(sys.executable).parent / "replycoach")
DRAFT = (
    "Hi Sam, thanks for getting in touch. Calm down, please: you'll have to wait 24 hours, it's company "
    "policy. Unfortunately we can't refund that, and I don't know when the courier will arrive. "
) * 5


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _workers(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in children.read_text().split()] if children.exists() else []


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def _report(name: str, latencies: list[float], statuses: Counter[int], seconds: float) -> None:
    others = {s: n for s, n in statuses.items() if s != 200}
    p50 = 1000 * statistics.median(latencies)
    p99 = 1000 * _percentile(latencies, 0.99)
    rate = len(latencies) / seconds
    extra = f"; other statuses {others}" if others else ""
    count = len(latencies)
    print(f"{name:>9}: {rate:7.1f} req/s  p50 {p50:7.1f} ms  p99 {p99:7.1f} ms  ({count} requests{extra})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", action="store_true", help="send the largest batches instead of one draft")
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="replycoach-load-")
    env = {**os.environ, "REPLYCOACH_HOME": home, "REPLYCOACH_RATE_LIMIT": "1000000 per minute"}
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(Path(home) / "serve.log", "wb")  # noqa: SIM115 (open for the server's whole life)
    server = subprocess.Popen(
        [SCRIPT, "serve", "--port", str(port), "--workers", str(args.workers)],
        env=env,
        stdout=log,
        stderr=log,
    )
    try:
        for _ in range(300):
            try:
                requests.get(f"{url}/health", timeout=1).raise_for_status()
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        key = subprocess.run(
            [SCRIPT, "keys", "create", "--role", "agent", "--name", "load"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        headers = {"Authorization": f"Bearer {key}"}
        body: dict[str, Any]
        if args.batch:
            path, body = "/v1/analyze/batch", {"drafts": [{"text": (DRAFT * 20)[:20_000]}] * 10}
        else:
            path, body = "/v1/analyze", {"text": DRAFT[:1024]}
        memory_before = {pid: _rss_mib(pid) for pid in _workers(server.pid)}

        stop = threading.Event()
        analyze: list[float] = []
        health: list[float] = []
        analyze_status: Counter[int] = Counter()
        health_status: Counter[int] = Counter()
        lock = threading.Lock()

        def client() -> None:
            session = requests.Session()
            while not stop.is_set():
                started = time.perf_counter()
                status = session.post(url + path, json=body, headers=headers, timeout=120).status_code
                with lock:
                    analyze.append(time.perf_counter() - started)
                    analyze_status[status] += 1

        def poll_health() -> None:
            session = requests.Session()
            while not stop.is_set():
                started = time.perf_counter()
                status = session.get(f"{url}/health", timeout=120).status_code
                with lock:
                    health.append(time.perf_counter() - started)
                    health_status[status] += 1
                time.sleep(0.1)

        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        threads.append(threading.Thread(target=poll_health))
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        time.sleep(args.seconds)
        stop.set()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        memory_after = {pid: _rss_mib(pid) for pid in _workers(server.pid)}

        kind = "batches of 10 x 20,000 characters" if args.batch else "1 KB drafts"
        print(f"{args.clients} clients, {args.workers} workers, {elapsed:.1f} s, {kind}")
        _report("analyze", analyze, analyze_status, elapsed)
        _report("health", health, health_status, elapsed)
        before = ", ".join(f"{m:.0f}" for m in memory_before.values())
        after = ", ".join(f"{m:.0f}" for m in memory_after.values())
        print(f"  workers: resident memory {before} MiB at the start, {after} MiB at the end")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


if __name__ == "__main__":
    main()
