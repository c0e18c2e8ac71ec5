"""The analysis engine: plain Python over a compiled phrase bank, no I/O (no web, no database, no files).

Layers, each importing only the ones before it: `text` (normalization, offsets, sentences) -> `matcher`
(RE2 patterns of entries and topics) -> `compiled` (the Bank) -> `context`, `tried`, `voice`, `structure`,
`suggest`, `score` -> `draft` (per-draft work, done once) -> `engine` (analyze and rewrite).
"""

from __future__ import annotations

from replycoach.engine.compiled import Bank
from replycoach.engine.engine import Engine
from replycoach.engine.results import Analysis, Flag, RewriteResult, Span, Suggestion

__all__ = ["Analysis", "Bank", "Engine", "Flag", "RewriteResult", "Span", "Suggestion"]
