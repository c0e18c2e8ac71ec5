"""The grammar pass: LanguageTool's matches as flags beside the bank's. Plain Python, no web framework.

`Grammar.configured(...)` builds the pass for a backend (`url`, `local` or `off`); `Grammar.check(text)`
returns a `GrammarResult`, and `with_grammar(analysis, result)` merges it into the engine's analysis.
"""

from __future__ import annotations

from replycoach.errors import GrammarUnavailableError
from replycoach.grammar.checker import BACKENDS, DEFAULT_BACKOFF, DEFAULT_LANGUAGE, DEFAULT_TIMEOUT, Grammar
from replycoach.grammar.flags import RULE_PREFIX, GrammarFlag, grammar_flags, merge_flags
from replycoach.grammar.languagetool import LanguageToolClient
from replycoach.grammar.result import STATUSES, GrammarResult, with_grammar

__all__ = [
    "BACKENDS",
    "DEFAULT_BACKOFF",
    "DEFAULT_LANGUAGE",
    "DEFAULT_TIMEOUT",
    "RULE_PREFIX",
    "STATUSES",
    "Grammar",
    "GrammarFlag",
    "GrammarResult",
    "GrammarUnavailableError",
    "LanguageToolClient",
    "grammar_flags",
    "merge_flags",
    "with_grammar",
]
