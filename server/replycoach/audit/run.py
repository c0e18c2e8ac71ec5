"""Running an audit: every row of an export through the engine, exactly as /v1/analyze analyzes one draft
(the reply as the text, the customer's message as context), counted as it goes."""

from __future__ import annotations

from collections.abc import Callable

from replycoach.audit.rows import TOO_LONG, ReplyFile, Skipped
from replycoach.audit.tally import Tally
from replycoach.engine import Engine
from replycoach.errors import DraftTooLongError

# Rows between two calls of the progress callback.
PROGRESS_EVERY = 200


def audit(
    replies: ReplyFile,
    engine: Engine,
    keep: int = 20,
    progress: Callable[[int, int], None] | None = None,
) -> Tally:
    """Analyze every reply of the file and count the results, keeping the `keep` worst replies.

    `progress(rows, bytes_read)` is called every PROGRESS_EVERY rows and once at the end."""
    tally = Tally(keep=keep)
    rows = 0
    for item in replies:
        rows += 1
        if isinstance(item, Skipped):
            tally.skip(item)
        else:
            try:
                analysis = engine.analyze(item.text, item.customer)
            except DraftTooLongError as err:
                field = "reply" if err.field == "text" else "customer message"
                detail = f"the {field} has {err.length:,} characters; the limit is {err.limit:,}"
                tally.skip(Skipped(item.row, item.line, TOO_LONG, detail))
            else:
                tally.add(item, analysis)
        if progress is not None and rows % PROGRESS_EVERY == 0:
            progress(rows, replies.position)
    if progress is not None:
        progress(rows, replies.position)
    return tally
