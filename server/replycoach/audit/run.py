"""Running an audit: every row of an export through the engine, exactly as /v1/analyze analyzes one draft
(the reply as the text, the customer's message as context), counted as it goes: in this process, or in
`jobs` worker processes that analyze chunks of rows while this one reads and counts them in file order."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from replycoach.audit.marks import Outcome, outcome
from replycoach.audit.rows import TOO_LONG, Reply, ReplyFile, Skipped
from replycoach.audit.tally import Tally
from replycoach.engine import Engine
from replycoach.errors import DraftTooLongError

# Rows between two calls of the progress callback.
PROGRESS_EVERY = 200
# Rows a worker analyzes per task, and tasks in flight per worker: what is read ahead of the counting is
# bounded by CHUNK * IN_FLIGHT * jobs rows, whatever the file's size.
CHUNK = 100
IN_FLIGHT = 2

Item = Reply | Skipped
# The engine the worker processes analyze with: set before they are forked, so each inherits it built.
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
    tally = Tally(keep=keep)
    rows = 0
    results = _serial(replies, engine) if jobs <= 1 else _parallel(replies, engine, jobs)
    for item, result in results:
        rows += 1
        if isinstance(result, Skipped):
            tally.skip(result)
        else:
            assert isinstance(item, Reply)
            tally.add(item, result)
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


def _serial(items: Iterable[Item], engine: Engine) -> Iterator[tuple[Item, Outcome | Skipped]]:
    for item in items:
        yield item, item if isinstance(item, Skipped) else analyze(engine, item)


def _parallel(items: Iterable[Item], engine: Engine, jobs: int) -> Iterator[tuple[Item, Outcome | Skipped]]:
    global _ENGINE
    _ENGINE = engine
    context = multiprocessing.get_context("fork")
    pending: deque[tuple[list[Item], Future[list[Outcome | Skipped]]]] = deque()
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        for chunk in _chunks(items, CHUNK):
            replies = [item for item in chunk if isinstance(item, Reply)]
            pending.append((chunk, pool.submit(_analyze_chunk, replies)))
            while len(pending) >= IN_FLIGHT * jobs:
                yield from _in_order(*pending.popleft())
        while pending:
            yield from _in_order(*pending.popleft())


def _in_order(
    chunk: list[Item], done: Future[list[Outcome | Skipped]]
) -> Iterator[tuple[Item, Outcome | Skipped]]:
    """The chunk's rows in file order, each with its outcome (a skipped row is its own)."""
    results = iter(done.result())
    for item in chunk:
        yield item, item if isinstance(item, Skipped) else next(results)


def _analyze_chunk(replies: list[Reply]) -> list[Outcome | Skipped]:
    """In a worker process: the outcome of each reply, in order."""
    assert _ENGINE is not None, "the worker was not forked from an audit"
    return [analyze(_ENGINE, reply) for reply in replies]


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
