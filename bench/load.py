"""Load benchmark: a real `replycoach serve`, /v1/analyze against /health under N concurrent clients.

Usage: python bench/load.py [--replies FILE] [--clients N] [--workers W] [--duration S] [--compare-seconds S]
                            [--draft-chars C] [--batch]

Starts `replycoach serve` (W workers, SQLite in a temporary home, the curated bank) on 127.0.0.1 and makes an
agent key. Then, on that one server: N client processes ask /health back to back, and post analyze calls
back to back, in alternating slices (--compare-seconds of each in all), which gives analyze throughput as a
share of /health's; then they post analyze calls for --duration seconds while the workers' resident memory is
sampled (the 5-minute memory check: --duration 300). The analyze bodies are real replies with the customer
message each answers (FILE, see bench/replies.py; --draft-chars joins replies into drafts of about C
characters), or a built-in 1 KB draft; --batch sends the largest batch the service accepts instead (10 drafts
of 20,000 characters). Prints requests per second, p50 and p99 latency, and any status other than 200.
Figures, not assertions.
"""

from __future__ import annotations

import argparse
import http.client
import json
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
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from replies import load_replies

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
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except FileNotFoundError:
        pass
    return 0.0


def _workers(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in children.read_text().split()] if children.exists() else []


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def _client(
    port: int, method: str, path: str, bodies: list[bytes], headers: dict[str, str], start: float, stop: float
) -> tuple[list[float], Counter[int]]:
    """One client: requests back to back from `start` to `stop` (wall clock); latencies and statuses."""
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    time.sleep(max(0.0, start - time.time()))
    index = os.getpid()
    while time.time() < stop:
        body = bodies[index % len(bodies)] if bodies else None
        index += 1
        began = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            conn.close()
            status = 0
        latencies.append(time.perf_counter() - began)
        statuses[status] += 1
    conn.close()
    return latencies, statuses


def _run(
    pool: ProcessPoolExecutor,
    clients: int,
    port: int,
    method: str,
    path: str,
    bodies: list[bytes],
    headers: dict[str, str],
    seconds: float,
) -> tuple[list[float], Counter[int], float]:
    """N clients for `seconds`; all their latencies, statuses and the seconds they ran."""
    start = time.time() + 1.0
    futures = [
        pool.submit(_client, port, method, path, bodies, headers, start, start + seconds)
        for _ in range(clients)
    ]
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    for future in futures:
        times, counts = future.result()
        latencies += times
        statuses.update(counts)
    return latencies, statuses, seconds


def _report(name: str, latencies: list[float], statuses: Counter[int], seconds: float) -> float:
    others = {s: n for s, n in statuses.items() if s != 200}
    rate = len(latencies) / seconds
    p50 = 1000 * statistics.median(latencies)
    p99 = 1000 * _percentile(latencies, 0.99)
    extra = f"; other statuses {others}" if others else ""
    count = len(latencies)
    print(f"  {name:>11}: {rate:7.1f} req/s  p50 {p50:6.1f} ms  p99 {p99:6.1f} ms  ({count} requests{extra})")
    return rate


def _bodies(args: argparse.Namespace) -> tuple[str, list[bytes], str]:
    if args.batch:
        batch = {"drafts": [{"text": (DRAFT * 20)[:20_000]}] * 10}
        return "/v1/analyze/batch", [json.dumps(batch).encode()], "batches of 10 x 20,000 characters"
    if args.replies is None:
        return "/v1/analyze", [json.dumps({"text": DRAFT[:1024]}).encode()], "one built-in 1 KB draft"
    replies = load_replies(args.replies)
    drafts: list[dict[str, str | None]] = []
    if args.draft_chars:
        position = 0
        while position < len(replies):
            first = position
            parts: list[str] = []
            while position < len(replies) and sum(len(p) + 1 for p in parts) < args.draft_chars:
                parts.append(replies[position].text)
                position += 1
            drafts.append(
                {"text": " ".join(parts)[: args.draft_chars], "customer_message": replies[first].customer}
            )
    else:
        drafts = [{"text": r.text, "customer_message": r.customer} for r in replies]
    mean = statistics.mean(len(d["text"] or "") for d in drafts)
    if args.draft_chars:
        kind = f"{len(drafts)} drafts joined from real replies, each with its first reply's customer message"
    else:
        kind = f"{len(drafts)} real replies with their customer messages"
    kind += f" (mean {mean:.0f} characters)"
    return "/v1/analyze", [json.dumps(d).encode() for d in drafts], kind


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=Path, help="replies to post (see bench/replies.py)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (default 16)")
    parser.add_argument("--workers", type=int, default=2, help="server workers (default 2)")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of analyze calls (default 20)")
    parser.add_argument(
        "--compare-seconds", type=float, default=20.0, help="seconds of each in the comparison (default 20)"
    )
    parser.add_argument(
        "--draft-chars", type=int, default=0, help="join replies into drafts of about C chars"
    )
    parser.add_argument("--batch", action="store_true", help="send the largest batches instead of one draft")
    args = parser.parse_args()
    path, bodies, kind = _bodies(args)

    home = tempfile.mkdtemp(prefix="replycoach-load-")
    env = {**os.environ, "REPLYCOACH_HOME": home, "REPLYCOACH_RATE_LIMIT": "1000000 per minute"}
    port = _free_port()
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
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                conn.request("GET", "/health")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        key = subprocess.run(
            [SCRIPT, "keys", "create", "--role", "agent", "--name", "load"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
        print(f"{args.clients} clients, {args.workers} workers, {os.cpu_count()} CPUs; analyze: {kind}")
        with ProcessPoolExecutor(max_workers=args.clients) as pool:
            # A short warm-up, so no run pays for first calls.
            _run(pool, args.clients, port, "POST", path, bodies, headers, 2.0)
            # Throughput of both, in alternating slices, so a busy spell of a shared machine falls on both.
            slices = 4
            compared: dict[str, tuple[list[float], Counter[int], float]] = {
                "/health": ([], Counter(), 0.0),
                path: ([], Counter(), 0.0),
            }
            for _ in range(slices):
                for name, method, sent, sent_headers in (
                    ("/health", "GET", [], {}),
                    (path, "POST", bodies, headers),
                ):
                    seconds = args.compare_seconds / slices
                    times, counts, _ = _run(
                        pool, args.clients, port, method, name, sent, sent_headers, seconds
                    )
                    old_times, old_counts, old_seconds = compared[name]
                    compared[name] = (old_times + times, old_counts + counts, old_seconds + seconds)

            samples: list[tuple[float, list[float]]] = []
            done = threading.Event()

            def sample_memory() -> None:
                began = time.monotonic()
                every = max(1.0, args.duration / 10)
                while True:
                    samples.append((time.monotonic() - began, [_rss_mib(p) for p in _workers(server.pid)]))
                    if done.wait(every):
                        break

            sampler = threading.Thread(target=sample_memory)
            sampler.start()
            analyze = _run(pool, args.clients, port, "POST", path, bodies, headers, args.duration)
            done.set()
            sampler.join()
            samples.append((args.duration + 1, [_rss_mib(p) for p in _workers(server.pid)]))

        print(f"alternating {slices} slices of each, {args.compare_seconds:.0f} s of each in all:")
        health_rate = _report("/health", *compared["/health"])
        analyze_rate = _report(path, *compared[path])
        print(f"  {path} throughput is {analyze_rate / health_rate:.0%} of /health's")
        print(f"{path} alone for {args.duration:.0f} s:")
        _report(path, *analyze)
        print("  workers' resident memory (MiB) through that run:")
        for at, rss in samples:
            print(f"    {at:6.0f} s  " + "  ".join(f"{m:6.1f}" for m in rss))
        first, last = sum(samples[1][1]), sum(samples[-1][1])
        growth = last - first
        print(f"  growth from {samples[1][0]:.0f} s to the end: {growth:+.1f} MiB ({growth / first:+.1%})")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


if __name__ == "__main__":
    main()
