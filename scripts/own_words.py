"""Find text in the repository that is copied word for word from data it must not copy.

Usage: python scripts/own_words.py DATA [DATA ...] [--min CHARS]

Reads every quoted string (and every `text:` / `flagged:` / `customer:` value of the bank's YAML) of at least
CHARS characters (default 35) in the files git tracks, and prints each one found, ignoring case and curly
quotes, inside any DATA file (label files, corpora, articles: give their paths; nothing here reads them by
itself). Exits 1 if it found any, so a maintainer can run it before a commit. Stock phrases the bank is about
("sorry for the inconvenience") are shorter than the default and are not reported.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

_SUFFIXES = (".yml", ".yaml", ".py", ".md", ".csv", ".jsonl", ".txt", ".html", ".js", ".json")
_SKIP = ("node_modules/", "tests/extension/pages/vendor/")


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u2018", "'")).lower()


def _quoted(content: str, least: int) -> set[str]:
    quoted = re.findall(rf'["\u201c]([^"\n\u201d]{{{least},}})["\u201d]', content)
    values = re.findall(rf"(?m)^\s*(?:- )?(?:text|flagged|customer): ['\"]?(.{{{least},}}?)['\"]?$", content)
    return {item.strip() for item in (*quoted, *values) if len(item.strip()) >= least}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="+", type=Path, help="files whose text must not be copied")
    parser.add_argument("--min", type=int, default=35, help="shortest string to check (default 35)")
    args = parser.parse_args(argv)
    sources = {path.name: _plain(path.read_text(encoding="utf-8", errors="ignore")) for path in args.data}
    tracked = subprocess.run(["git", "ls-files"], capture_output=True, text=True, check=True).stdout.split()
    found = 0
    for name in tracked:
        if not name.endswith(_SUFFIXES) or any(part in name for part in _SKIP):
            continue
        path = Path(name)
        if not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        for text in sorted(_quoted(path.read_text(encoding="utf-8", errors="ignore"), args.min)):
            where = [source for source, content in sources.items() if _plain(text) in content]
            if where:
                found += 1
                print(f"{name}: {text[:100]!r} is in {', '.join(where)}")
    print(f"{found} copied string{'s' if found != 1 else ''} of {args.min}+ characters", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
