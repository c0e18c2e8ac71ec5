"""Auditing past replies: a helpdesk's CSV export of sent replies, read row by row, analyzed by the engine
as /v1/analyze analyzes a draft, and counted into summary.json and a self-contained HTML report.

`rows` reads the export, `run` analyzes it (here or in worker processes), `marks` is what is kept of each
analysis, `tally` counts and `worst` keeps the replies to show, `summary` shapes the counts as JSON and
`compare` sets them beside an earlier audit's, `shares` prints figures as the page's script does, `charts`
and `report` draw the page, `output` writes the files. Plain Python: no Flask, no click."""

from replycoach.audit.output import write_atomically
from replycoach.audit.report import render_report
from replycoach.audit.rows import Columns, Reply, ReplyFile, Skipped
from replycoach.audit.run import audit
from replycoach.audit.summary import summary
from replycoach.audit.tally import Tally

__all__ = [
    "Columns",
    "Reply",
    "ReplyFile",
    "Skipped",
    "Tally",
    "audit",
    "render_report",
    "summary",
    "write_atomically",
]
