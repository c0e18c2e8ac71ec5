"""/admin/help: the bank's own README (the bank format and the phrase language), rendered for the admin
page's help links. Markdown through markdown-it-py (CommonMark and tables); raw HTML in it is shown as text.
Each heading gets the id GitHub gives it, so a field's help link lands on the part that explains it."""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt

from replycoach.bank.files import curated_bank_dir

_NOT_IN_SLUG = re.compile(r"[^\w\- ]")


def slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens."""
    return _NOT_IN_SLUG.sub("", heading.strip().lower()).replace(" ", "-")


@lru_cache(maxsize=1)
def bank_help_html() -> str:
    """The bank README as HTML (read once per process: it ships with the package)."""
    source = (curated_bank_dir() / "README.md").read_text(encoding="utf-8")
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = md.parse(source)
    seen: dict[str, int] = {}
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        text = tokens[index + 1].content
        anchor = slug(re.sub(r"`", "", text))
        count = seen.get(anchor, 0)
        seen[anchor] = count + 1
        token.attrSet("id", anchor if count == 0 else f"{anchor}-{count}")
    html: str = md.renderer.render(tokens, md.options, {})
    return html
