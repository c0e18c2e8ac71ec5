"""Saved replies (macros) from a helpdesk export: a Zendesk macros export (the JSON /api/v2/macros returns) or
a CSV of `title,text`. Each macro's reply is read as the customer would see it; HTML replies are turned into
text, with a map from each character back to where it came from in the HTML."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from html.entities import name2codepoint
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from replycoach.errors import InputError

# Elements after which a reader sees a new line.
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
)


@dataclass(frozen=True)
class Macro:
    """One saved reply: its title (and id, when the export has one), its text, and for HTML replies the
    offset in the HTML of each character of the text."""

    title: str
    text: str
    id: str | None = None
    html_offsets: tuple[int, ...] | None = field(default=None, compare=False)

    @property
    def name(self) -> str:
        """How reports name the macro."""
        return f"{self.title} (id {self.id})" if self.id else self.title


def read_macros(path: Path) -> list[Macro]:
    """The macros of an export file (.json from Zendesk, or .csv with title and text columns)."""
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except OSError as err:
        raise InputError(f"{path}: cannot read it: {err.strerror}") from err
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not UTF-8 text (invalid byte at offset {err.start})") from err
    if path.suffix.lower() == ".csv":
        return _from_csv(path, raw)
    return _from_zendesk(path, raw)


def _from_csv(path: Path, raw: str) -> list[Macro]:
    reader = csv.DictReader(io.StringIO(raw))
    if not reader.fieldnames or not {"title", "text"} <= {f.strip().lower() for f in reader.fieldnames}:
        raise InputError(f"{path}: a CSV of saved replies needs a header with the columns title and text")
    columns = {f.strip().lower(): f for f in reader.fieldnames}
    return [
        Macro(row[columns["title"]] or f"row {number}", row[columns["text"]] or "")
        for number, row in enumerate(reader, start=2)
    ]


def _from_zendesk(path: Path, raw: str) -> list[Macro]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as err:
        raise InputError(f"{path}: not valid JSON: {err}") from err
    macros = data.get("macros") if isinstance(data, dict) else None
    if not isinstance(macros, list):
        raise InputError(
            f'{path}: expected a Zendesk macros export, {{"macros": [{{"title", "actions": [...]}}]}} '
            "(GET /api/v2/macros.json), or a .csv with title and text columns"
        )
    found = []
    for number, macro in enumerate(macros):
        if not isinstance(macro, dict):
            raise InputError(f"{path}: macros[{number}] is not an object")
        title = str(macro.get("title") or f"macros[{number}]")
        ident = str(macro["id"]) if macro.get("id") is not None else None
        for action in macro.get("actions") or []:
            value = _comment(action.get("value"))
            if value is None:
                continue
            if action.get("field") == "comment_value_html":
                text, offsets = html_to_text(value)
                found.append(Macro(title, text, ident, tuple(offsets)))
            elif action.get("field") == "comment_value":
                found.append(Macro(title, value, ident))
    return found


def _comment(value: Any) -> str | None:
    # A comment is a string, or ["channel:all", "the text"] in older exports.
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and isinstance(value[-1], str):
        return value[-1]
    return None


class _Text(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.html = html
        self.line_starts = [0] + [i + 1 for i, c in enumerate(html) if c == "\n"]
        self.chars: list[str] = []
        self.offsets: list[int] = []

    def _here(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _add(self, text: str, offset: int, one_to_one: bool) -> None:
        for i, char in enumerate(text):
            self.chars.append(char)
            self.offsets.append(offset + i if one_to_one else offset)

    def _newline(self) -> None:
        if self.chars and self.chars[-1] != "\n":
            self._add("\n", self._here(), False)

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _BLOCKS and tag != "br":
            self._newline()
        if tag == "br":
            self._add("\n", self._here(), False)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._newline()

    def handle_data(self, data: str) -> None:
        self._add(data, self._here(), True)

    def handle_entityref(self, name: str) -> None:
        self._add(chr(name2codepoint[name]) if name in name2codepoint else f"&{name};", self._here(), False)

    def handle_charref(self, name: str) -> None:
        try:
            char = chr(int(name[1:], 16) if name.lower().startswith("x") else int(name))
        except (ValueError, OverflowError):
            char = f"&#{name};"
        self._add(char, self._here(), False)


def html_to_text(html: str) -> tuple[str, list[int]]:
    """The text an HTML reply shows (block elements and <br> as line breaks, entities decoded), and for each
    of its characters the offset in `html` it comes from."""
    parser = _Text(html)
    parser.feed(html)
    parser.close()
    text = "".join(parser.chars)
    # Trailing line breaks from closing blocks are layout, not text.
    end = len(text.rstrip("\n"))
    return text[:end], parser.offsets[:end]
