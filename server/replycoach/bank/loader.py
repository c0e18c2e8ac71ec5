"""Loading a bank the safe way: every field validated, every pattern compiled, every example run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from replycoach.bank.familycheck import family_example_problems
from replycoach.bank.files import BankData, read_bank_dir
from replycoach.bank.model import Entry, Example
from replycoach.bank.schema import MAX_PATTERN_CHARS
from replycoach.bank.vocabulary import Vocabulary, unused_families
from replycoach.engine import Analysis, Engine, Flag
from replycoach.engine.compiled import Bank
from replycoach.engine.context import read_customer
from replycoach.engine.draft import Draft
from replycoach.engine.families import CHECK_FAMILIES
from replycoach.engine.matcher import expand_and_compile
from replycoach.engine.quiet import MatchContext
from replycoach.errors import BankError, Problem


@dataclass(frozen=True)
class ExampleResult:
    """How one of an entry's examples fared: `detail` says what went wrong ('' when it held)."""

    kind: str  # "flag" or "pass"
    index: int
    example: Example
    detail: str

    @property
    def ok(self) -> bool:
        """Whether the example held: a flag example flagged at its phrase, a pass example not flagged."""
        return not self.detail

    def problem(self, entry: Entry) -> Problem:
        """The example's failure, as the loader reports it."""
        if self.kind == "flag":
            message = f"{self.example.flagged!r} is not flagged: {self.detail}"
        else:
            message = self.detail
        return Problem(entry.source, entry.id, f"examples.{self.kind}[{self.index}]", message)


@dataclass(frozen=True)
class RewrittenExample:
    """One of an entry's rewrites applied to one of its `flag` examples: the sentence a lead would get, and
    the warnings (`entry id: 'words'`) the bank still gives inside the rewritten words."""

    example: int  # its place in examples.flag
    rewrite: int  # its place in rewrites
    text: str
    warnings: tuple[str, ...]

    def problem(self, entry: Entry) -> Problem:
        """The rewrite refused: which example it was applied to, what it gave, and what still warns."""
        return Problem(
            entry.source,
            entry.id,
            f"rewrites[{self.rewrite}]",
            f"applied to examples.flag[{self.example}] it gives {self.text!r}, which still gets a warning in "
            f"the rewritten words ({'; '.join(self.warnings)}); reword the rewrite",
        )


def check_examples(
    bank: Bank, entries: list[Entry] | None = None, progress: Callable[[str], None] | None = None
) -> list[Problem]:
    """Run examples: each `flag` example is flagged by its entry at its phrase, each `pass` one is not, and
    no rewrite applied to a `flag` example leaves a warning in the words it wrote; with every entry (no
    `entries` given), each family's examples too. `progress` is told each
    entry before its examples run (it may stop the check by raising)."""
    engine = Engine(bank)
    problems: list[Problem] = []
    for entry in entries if entries is not None else bank.entries:
        if progress is not None:
            progress(f"running the examples of {entry.id}")
        analyses = flag_analyses(engine, entry)
        problems.extend(r.problem(entry) for r in run_examples(engine, entry, analyses) if not r.ok)
        problems.extend(r.problem(entry) for r in rewritten_examples(engine, entry, analyses) if r.warnings)
    if entries is None:
        problems.extend(family_example_problems(bank))
    return problems


def flag_analyses(engine: Engine, entry: Entry) -> list[Analysis]:
    """Each `flag` example of the entry analyzed once, for both its check and its rewrites."""
    return [engine.analyze(example.text, example.customer) for example in entry.flag_examples]


def rewritten_examples(
    engine: Engine, entry: Entry, analyses: list[Analysis] | None = None
) -> list[RewrittenExample]:
    """Each rewrite of the entry applied to each `flag` example it flags there, as `/v1/rewrite` would apply
    it, and what the bank still warns about in the words the rewrite wrote (`analyses`: the flag examples'
    own, from `flag_analyses`, if already made)."""
    analyses = analyses if analyses is not None else flag_analyses(engine, entry)
    results: list[RewrittenExample] = []
    for index, (example, analysis) in enumerate(zip(entry.flag_examples, analyses, strict=True)):
        for flag in analysis.flags:
            if flag.entry.id != entry.id:
                continue
            for number, suggestion in enumerate(flag.suggestions):
                start, end = suggestion.span.start, suggestion.span.end
                text = example.text[:start] + suggestion.text + example.text[end:]
                written = (start, start + len(suggestion.text))
                warnings = tuple(
                    f"{other.entry.id}: {other.text!r}"
                    for other in engine.analyze(text, example.customer).flags
                    if other.severity == "warning"
                    and other.span.start < written[1]
                    and other.span.end > written[0]
                )
                results.append(RewrittenExample(index, number, text, warnings))
    return results


def run_examples(engine: Engine, entry: Entry, analyses: list[Analysis] | None = None) -> list[ExampleResult]:
    """Run one entry's examples with `engine` (whose bank holds the entry): every result, held or not
    (`analyses`: the flag examples' own, from `flag_analyses`, if already made)."""
    bank = engine.bank
    analyses = analyses if analyses is not None else flag_analyses(engine, entry)
    results = [
        ExampleResult("flag", i, example, _flag_failure(bank, entry, example, analysis.flags))
        for i, (example, analysis) in enumerate(zip(entry.flag_examples, analyses, strict=True))
    ]
    for i, example in enumerate(entry.pass_examples):
        hits = _entry_hits(bank, entry, example)
        detail = (
            f"flagged at {', '.join(repr(h) for h in hits)} but must pass; "
            "narrow the pattern or add an `unless` exception"
            if hits
            else ""
        )
        results.append(ExampleResult("pass", i, example, detail))
    return results


def _flag_failure(bank: Bank, entry: Entry, example: Example, flags: tuple[Flag, ...]) -> str:
    """Why a flag example is not flagged as it says (`flags`: the engine's on it), or '' when it is."""
    flagged = example.flagged or ""
    start = example.text.index(flagged)
    end = start + len(flagged)
    if any(f.entry.id == entry.id and f.span.start == start and f.text == flagged for f in flags):
        return ""
    mine = [f.text for f in flags if f.entry.id == entry.id]
    if mine:
        return f"the entry flags {', '.join(repr(t) for t in mine)} instead; adjust the pattern or `flagged`"
    overlapping = [
        f for f in flags if f.span.start < end and start < f.span.end and f.entry.category != "structure"
    ]
    if overlapping:
        winners = ", ".join(f"{f.entry.id} ({f.text!r})" for f in overlapping)
        fix = (
            "narrow the other entry, or make this one a warning"
            if any(f.severity != entry.severity for f in overlapping)
            else "make this entry match the longer phrase or narrow the other entry"
        )
        return f"{winners} wins the overlap (a warning over a suggestion, then the longer match); {fix}"
    if _entry_hits(bank, entry, example, apply_condition=False):
        return "its `when` condition is false for this example's `customer` message"
    return "no pattern matches it here (check the pattern, an `unless` exception, and word boundaries)"


def _entry_hits(bank: Bank, entry: Entry, example: Example, *, apply_condition: bool = True) -> list[str]:
    """What this entry alone flags in an example, ignoring other entries."""
    spans = entry_spans(bank, entry.id, example.text, example.customer, apply_condition=apply_condition)
    return [example.text[start:end] for start, end in spans]


def entry_spans(
    bank: Bank, entry_id: str, text: str, customer: str | None = None, *, apply_condition: bool = True
) -> list[tuple[int, int]]:
    """Where one entry alone would flag `text` (offsets in `text`), as if no other entry competed."""
    draft = Draft(text, bank.skip)
    normalized = draft.normalized
    context = MatchContext(draft, read_customer(customer, bank.checks, bank.skip), bank.checks)
    return [
        (normalized.to_original(m.start), normalized.to_original(m.end))
        for m in bank.compiled(entry_id).matches(draft.views)
        if context.keeps(m, apply_condition=apply_condition)
    ]


def raw_pattern_problems(raw: Any, vocabulary: Vocabulary, source: str, label: str) -> list[Problem]:
    """What RE2 (and the vocabulary) would refuse in the patterns and exceptions of an entry whose other
    fields are invalid, so they are reported together with the fields' problems, not after them."""
    problems: list[Problem] = []
    if not isinstance(raw, dict):
        return problems
    for field in ("patterns", "unless"):
        values = raw.get(field)
        for index, pattern in enumerate(values if isinstance(values, list) else []):
            if isinstance(pattern, str) and pattern.strip() and len(pattern) <= MAX_PATTERN_CHARS:
                expand_and_compile(pattern, vocabulary, source, label, f"{field}[{index}]", problems)
    return problems


def lint_bank_dir(directory: Path) -> tuple[Bank | None, list[Problem]]:
    """Validate a bank folder completely; returns the bank (None when anything is wrong) and all problems.

    Besides what any bank must pass, a folder must not define word families that nothing uses, nor give an
    entry a word list named like a family."""
    data, problems = read_bank_dir(directory)
    if data.unread:
        # Entries name families that an unread file may define: judged now, every one would be a problem.
        unread = ", ".join(data.unread)
        problems.append(
            Problem(
                unread,
                "",
                "",
                "the other files' entries, families and examples are checked once every file reads: "
                "fix the problems above first",
            )
        )
        return None, problems
    words = Vocabulary(data.vocabulary)
    for source, label, raw in data.rejected:
        problems.extend(raw_pattern_problems(raw, words, source, label))
    bank: Bank | None
    try:
        bank = Bank.build(data.entries, data.topics, data.vocabulary)
    except BankError as err:
        problems.extend(err.problems)
        broken = {p.entry for p in err.problems}
        families = [f for f in data.vocabulary if f.name not in broken]
        try:
            bank = Bank.build([e for e in data.entries if e.id not in broken], (), families)
        except BankError:
            # What is left still needs what is broken (a family a context check reads): the problems above
            # say what to fix; the examples are checked once the bank builds.
            bank = None
    if bank is not None:
        problems.extend(check_examples(bank))
    problems.extend(_unused(data))
    problems.extend(_shadowing(data))
    return (None if problems else bank), problems


def _shadowing(data: BankData) -> list[Problem]:
    """An entry's list named like a family: in a bank folder, where a lead reads both, a problem (the
    service takes it: a curated update may bring an entry's list while the team's vocabulary keeps the
    family)."""
    words = Vocabulary(data.vocabulary)
    return [
        Problem(
            entry.source,
            entry.id,
            f"words.{name}",
            f"the vocabulary has a family named {name!r}, which this list stands for in this entry alone; "
            "name the list differently, or use the vocabulary's family and remove the list",
        )
        for entry in data.entries
        for name in words.shadowed_by(entry.words)
    ]


def _unused(data: BankData) -> list[Problem]:
    patterns = [
        p for e in data.entries for p in (*e.patterns, *e.unless, *(p for _, ps in e.words for p in ps))
    ]
    patterns += [cue for t in data.topics for cue in t.cues]
    return [
        Problem(
            family.source,
            family.name,
            "family",
            "no pattern uses it; use it as {" + family.name + "} in a pattern or remove it",
        )
        for family in unused_families(Vocabulary(data.vocabulary), patterns, CHECK_FAMILIES)
    ]


def bank_data(bank: Bank) -> BankData:
    """What a loaded bank holds, as a folder would: every entry (disabled ones too), topics, vocabulary."""
    return BankData(list(bank.all_entries), [c.topic for c in bank.topics], list(bank.vocabulary.families))


def load_bank(directory: Path | str) -> Bank:
    """Load a bank folder (a path or a string), raising BankError with every problem if anything is wrong."""
    bank, problems = lint_bank_dir(Path(directory))
    if bank is None:
        raise BankError(problems)
    return bank
