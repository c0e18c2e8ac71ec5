"""Running an audit: every row of an export through the engine, exactly as /v1/analyze analyzes one draft
(the reply as the text, the customer's message as context), counted as it goes. With `jobs` > 1, this
process reads the file and hands chunks of rows to worker processes (forked, so each has the engine built);
each worker counts its own rows, and their tallies are merged at the end: the counts are the same as one
process's, and what is read ahead of the workers is bounded by the task queue."""

from __future__ import annotations

import multiprocessing
import queue
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.process import BaseProcess
from typing import Any

from replycoach.audit.marks import Outcome, outcome
from replycoach.audit.rows import TOO_LONG, Reply, ReplyFile, Skipped
from replycoach.audit.tally import Tally
from replycoach.engine import Engine
from replycoach.errors import DraftTooLongError

# Rows between two calls of the progress callback.
PROGRESS_EVERY = 200
# Rows a worker takes at a time, and chunks waiting per worker: the rows read ahead of the analysis are
# at most CHUNK * (IN_FLIGHT + 1) * jobs, whatever the file's size.
CHUNK = 200
IN_FLIGHT = 2
# Seconds between two checks that no worker died while this process waits on one.
POLL = 1.0

# The engine the workers analyze with: set before they are forked, so each inherits it built.
_ENGINE: Engine | None = None


def audit(
    replies: ReplyFile,
    engine: Engine,
    keep: int = 20,
    progress: Callable[[int, int], None] | None = None,
    jobs: int = 1,
) -> Tally:
    """Analyze every reply of the file and count the results, keeping the `keep` worst replies, with `jobs`
    processes (1: this one). The counts are the same whatever `jobs` is.

    `progress(rows, bytes_read)` is called every PROGRESS_EVERY rows and once at the end."""
    if jobs > 1:
        return _parallel(replies, engine, keep, jobs, progress)
    tally = Tally(keep=keep)
    rows = 0
    for item in replies:
        rows += 1
        if isinstance(item, Skipped):
            tally.skip(item)
        else:
            _count(tally, item, analyze(engine, item))
        if progress is not None and rows % PROGRESS_EVERY == 0:
            progress(rows, replies.position)
    if progress is not None:
        progress(rows, replies.position)
    return tally


def analyze(engine: Engine, reply: Reply) -> Outcome | Skipped:
    """One reply's outcome, or why it cannot be analyzed."""
    try:
        return outcome(reply.text, engine.analyze(reply.text, reply.customer))
    except DraftTooLongError as err:
        field = "reply" if err.field == "text" else "customer message"
        detail = f"the {field} has {err.length:,} characters; the limit is {err.limit:,}"
        return Skipped(reply.row, reply.line, TOO_LONG, detail)


def _count(tally: Tally, reply: Reply, result: Outcome | Skipped) -> None:
    if isinstance(result, Skipped):
        tally.skip(result)
    else:
        tally.add(reply, result)


def _parallel(
    replies: ReplyFile,
    engine: Engine,
    keep: int,
    jobs: int,
    progress: Callable[[int, int], None] | None,
) -> Tally:
    global _ENGINE
    _ENGINE = engine
    context = multiprocessing.get_context("fork")
    tasks: Any = context.Queue(maxsize=IN_FLIGHT * jobs)
    results: Any = context.Queue()
    workers = [context.Process(target=_work, args=(tasks, results, keep), daemon=True) for _ in range(jobs)]
    for worker in workers:
        worker.start()
    tally = Tally(keep=keep)  # the rows skipped while reading; the workers' tallies are merged into it
    rows = 0
    try:
        chunk: list[Reply] = []
        for item in replies:
            rows += 1
            if isinstance(item, Skipped):
                tally.skip(item)
            else:
                chunk.append(item)
                if len(chunk) == CHUNK:
                    _put(tasks, chunk, workers)
                    chunk = []
            if progress is not None and rows % PROGRESS_EVERY == 0:
                progress(rows, replies.position)
        if chunk:
            _put(tasks, chunk, workers)
        for _ in workers:
            _put(tasks, None, workers)
        for _ in workers:
            tally.merge(_get(results, workers))
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
            worker.join()
    if progress is not None:
        progress(rows, replies.position)
    return tally


def _work(tasks: Any, results: Any, keep: int) -> None:
    """A worker process: analyze and count chunks of rows until told to stop, then send its tally."""
    assert _ENGINE is not None, "the worker was not forked from an audit"
    tally = Tally(keep=keep)
    try:
        while (chunk := tasks.get()) is not None:
            for reply in chunk:
                _count(tally, reply, analyze(_ENGINE, reply))
        results.put(("done", tally))
    except BaseException:
        results.put(("failed", traceback.format_exc()))


def _put(tasks: Any, item: list[Reply] | None, workers: Sequence[BaseProcess]) -> None:
    while True:
        try:
            tasks.put(item, timeout=POLL)
            return
        except queue.Full:
            _check(workers)


def _get(results: Any, workers: Sequence[BaseProcess]) -> Tally:
    while True:
        try:
            state, value = results.get(timeout=POLL)
        except queue.Empty:
            _check(workers)
            continue
        if state == "failed":
            raise RuntimeError(f"an audit worker failed:\n{value}")
        tally: Tally = value
        return tally


def _check(workers: Sequence[BaseProcess]) -> None:
    """Raise if a worker stopped other than by finishing (killed, out of memory)."""
    for worker in workers:
        if worker.exitcode not in (None, 0):
            raise RuntimeError(f"an audit worker process stopped (exit code {worker.exitcode})")
