"""The one schema of a phrase bank entry (and of a topic): what the loader validates, what the database and
bank files hold, and what the API documents, takes and returns.

`EntrySchema` loads a raw entry into an `Entry` and dumps an `Entry` with every field (the API's form);
`EntryFileSchema` dumps the same fields in the bank file format, leaving out what holds its default.
"""

from __future__ import annotations

from typing import Any

from marshmallow import (
    RAISE,
    Schema,
    ValidationError,
    fields,
    post_dump,
    post_load,
    pre_dump,
    validate,
    validates_schema,
)

from replycoach.bank.model import (
    CATEGORIES,
    CONDITION_MOODS,
    QUIET_CHECKS,
    SCOPES,
    SEVERITIES,
    Condition,
    Entry,
    Example,
    Rewrite,
    Topic,
)
from replycoach.bank.vocabulary import BUILT_IN_FAMILIES, NAME_FORMAT, Family

ID_FORMAT = r"^[a-z][a-z-]*\.[a-z0-9]+(?:-[a-z0-9]+)*$"
_NOT_BLANK = validate.Regexp(r"\S", error="must not be empty")
_ONE_LINE = validate.Regexp(r"^[^\n]*\S[^\n]*$", error="must be one non-empty line")


# Limits that keep one entry from slowing every agent's analysis (the curated bank stays far below them:
# its longest pattern is 300 characters and no entry has more than 12 patterns or exceptions).
MAX_PATTERN_CHARS = 1_000
MAX_PATTERNS = 40
MAX_FAMILY_ITEMS = 500
MAX_FAMILY_EXAMPLES = 20
MAX_WORD_LISTS = 20
_PATTERN_LENGTH = validate.Length(
    max=MAX_PATTERN_CHARS,
    error=f"is longer than {MAX_PATTERN_CHARS:,} characters; move word lists into the vocabulary as families",
)


def _text(validator: validate.Validator = _NOT_BLANK) -> fields.String:
    return fields.String(required=True, validate=validator)


def _pattern(validator: validate.Validator = _NOT_BLANK) -> fields.String:
    return fields.String(required=True, validate=[validator, _PATTERN_LENGTH])


def _at_most(count: int, what: str, fix: str) -> validate.Length:
    return validate.Length(max=count, error=f"has more than {count} {what}; {fix}")


_SPLIT_ENTRY = "split the entry, or move word lists into the vocabulary"
_SPLIT_FAMILY = "split it into several families"


class RewriteSchema(Schema):
    """A rewrite: template text with `{slot}`s, and the scope it replaces."""

    class Meta:
        unknown = RAISE

    error_messages = {
        "type": 'must be an object with text and scope, like {"text": "I\'ll look into it now", '
        '"scope": "phrase"}, not a bare string'
    }

    text = _text()
    scope = fields.String(
        required=True,
        validate=validate.OneOf(SCOPES, error="must be one of: phrase, sentence"),
    )

    @post_load
    def _make(self, data: dict[str, Any], **_: Any) -> Rewrite:
        return Rewrite(**data)


class _ExampleField(fields.Field):  # type: ignore[type-arg]
    """An example: a bare string, or a mapping with `text` and optional `flagged` and `customer`."""

    def __init__(self, *, flag: bool, **kwargs: Any) -> None:
        example = {
            "type": "object",
            "properties": {
                "text": {"type": "string"},
                "flagged": {"type": "string", "description": "the text flagged (flag examples only)"},
                "customer": {"type": "string", "description": "the customer's message, if it needs one"},
            },
            "required": ["text", "flagged"] if flag else ["text"],
        }
        shape = example if flag else {"oneOf": [{"type": "string"}, example]}
        super().__init__(metadata=shape, **kwargs)
        self.flag = flag

    def _serialize(self, value: Example | None, attr: Any, obj: Any, **kwargs: Any) -> dict[str, str] | None:
        if value is None:
            return None
        out = {"text": value.text, "flagged": value.flagged, "customer": value.customer}
        return {key: text for key, text in out.items() if text is not None}

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Example:
        if isinstance(value, str) and not self.flag:
            value = {"text": value}
        keys = ("text", "flagged", "customer") if self.flag else ("text", "customer")
        if not isinstance(value, dict):
            shape = "a mapping with text and flagged" if self.flag else "a string or a mapping"
            raise ValidationError(f"must be {shape}")
        unknown = sorted(set(value) - set(keys))
        if unknown:
            raise ValidationError(f"unknown key {unknown[0]!r}; allowed: {', '.join(keys)}")
        required = keys[:2] if self.flag else keys[:1]
        for key in keys:
            present = value.get(key)
            if present is None and key in required:
                raise ValidationError(f"missing {key!r}")
            if present is not None and (not isinstance(present, str) or not present.strip()):
                raise ValidationError(f"{key!r} must be a non-empty string")
        if self.flag and value["text"].count(value["flagged"]) != 1:
            count = value["text"].count(value["flagged"])
            where = "does not occur" if count == 0 else f"occurs {count} times"
            raise ValidationError(f"flagged {value['flagged']!r} {where} in text; it must occur exactly once")
        return Example(text=value["text"], flagged=value.get("flagged"), customer=value.get("customer"))


class ExamplesSchema(Schema):
    """An entry's examples: drafts it must flag and drafts it must pass."""

    class Meta:
        unknown = RAISE

    flag = fields.List(
        _ExampleField(flag=True),
        required=True,
        validate=validate.Length(min=2, error="needs at least 2 examples"),
    )
    pass_ = fields.List(
        _ExampleField(flag=False),
        required=True,
        data_key="pass",
        validate=validate.Length(min=2, error="needs at least 2 examples"),
    )


class _MoodList(fields.Field):  # type: ignore[type-arg]
    """One mood or a list of moods."""

    def __init__(self, **kwargs: Any) -> None:
        mood = {"type": "string", "enum": list(CONDITION_MOODS)}
        shape = {"oneOf": [mood, {"type": "array", "items": mood, "minItems": 1}]}
        super().__init__(metadata={**shape, "description": "absent: any mood"}, **kwargs)

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> list[str] | None:
        return None if value is None else list(value)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> tuple[str, ...]:
        moods = [value] if isinstance(value, str) else value
        if not isinstance(moods, list) or not moods:
            raise ValidationError("must be a mood or a non-empty list of moods")
        for mood in moods:
            if mood not in CONDITION_MOODS:
                raise ValidationError(f"unknown mood {mood!r}; use one of: {', '.join(CONDITION_MOODS)}")
        return tuple(moods)


class ConditionSchema(Schema):
    """The `when` condition on the conversation's context."""

    class Meta:
        unknown = RAISE

    customer_mood = _MoodList()
    customer_tried = fields.String(
        validate=validate.Regexp(r"^[A-Za-z_][A-Za-z0-9_]*$", error="must be the name of a slot"),
        metadata={"description": "the slot naming an action the customer must say they already tried"},
    )

    @validates_schema
    def _not_empty(self, data: dict[str, Any], **_: Any) -> None:
        if not data:
            raise ValidationError("needs customer_mood, customer_tried or both")

    @post_dump
    def _drop_empty(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        return {key: value for key, value in data.items() if value}

    @post_load
    def _make(self, data: dict[str, Any], **_: Any) -> Condition:
        return Condition(data.get("customer_mood", ()), data.get("customer_tried"))


class EntrySchema(Schema):
    """A phrase bank entry: loaded as a bank file or the API writes it, dumped with every field."""

    class Meta:
        unknown = RAISE
        ordered = True

    id = fields.String(
        required=True,
        validate=validate.Regexp(
            ID_FORMAT,
            error="must look like category.name: lowercase letters, digits and hyphens around one dot",
        ),
        metadata={"description": "category.name, e.g. dismissive.calm-down"},
    )
    category = fields.String(
        required=True,
        validate=validate.OneOf(CATEGORIES, error="unknown category; use one of: " + ", ".join(CATEGORIES)),
    )
    severity = fields.String(
        required=True,
        validate=validate.OneOf(SEVERITIES, error="must be warning or suggestion"),
    )
    enabled = fields.Boolean(
        load_default=True,
        truthy={True},
        falsy={False},
        metadata={"description": "false: kept in the bank (and its history) but never flags (default true)"},
    )
    patterns = fields.List(
        _pattern(),
        required=True,
        validate=[
            validate.Length(min=1, error="needs at least one pattern"),
            _at_most(MAX_PATTERNS, "patterns", _SPLIT_ENTRY),
        ],
        metadata={
            "description": f"RE2 patterns, 1 to {MAX_PATTERNS}, each at most {MAX_PATTERN_CHARS} characters"
        },
    )
    unless = fields.List(
        _pattern(),
        load_default=list,
        validate=_at_most(MAX_PATTERNS, "exceptions", _SPLIT_ENTRY),
        metadata={"description": f"RE2 exceptions (optional), at most {MAX_PATTERNS}"},
    )
    words = fields.Dict(
        keys=fields.String(
            validate=[
                validate.Regexp(NAME_FORMAT, error="must be lowercase words joined by hyphens, e.g. our-end"),
                validate.NoneOf(
                    sorted(BUILT_IN_FAMILIES),
                    error="{input} is a family the engine provides itself; choose another name",
                ),
            ]
        ),
        values=fields.List(
            _text(_ONE_LINE),
            validate=[
                validate.Length(min=1, error="needs at least one phrase"),
                _at_most(MAX_FAMILY_ITEMS, "phrases", "move the list into the vocabulary as families"),
            ],
        ),
        load_default=dict,
        validate=validate.Length(
            max=MAX_WORD_LISTS, error=f"has more than {MAX_WORD_LISTS} lists; {_SPLIT_ENTRY}"
        ),
        metadata={
            "description": "word lists of this entry alone (optional): name -> phrases in the phrase "
            "language, referenced as {name} from its patterns and unless lines"
        },
    )
    quiet_when = fields.List(
        fields.String(
            validate=validate.OneOf(
                QUIET_CHECKS, error="unknown check; use one of: " + ", ".join(QUIET_CHECKS)
            )
        ),
        load_default=list,
        metadata={"description": "the engine's context checks that keep a match quiet (optional)"},
    )
    warning_with = fields.List(
        fields.String(
            validate=validate.OneOf(
                CATEGORIES, error="unknown category; use one of: " + ", ".join(CATEGORIES)
            )
        ),
        load_default=list,
        metadata={
            "description": "categories whose flag, following this one in its sentence or the next, makes it "
            "a warning (optional)"
        },
    )
    when = fields.Nested(
        ConditionSchema,
        load_default=None,
        allow_none=True,
        metadata={"description": "when the entry applies (absent or null: always)"},
    )
    message = _text(_ONE_LINE)
    why = _text()
    rewrites = fields.List(
        fields.Nested(RewriteSchema),
        required=True,
        validate=validate.Length(min=2, error="needs at least 2 rewrites"),
    )
    examples = fields.Nested(ExamplesSchema, required=True)

    @validates_schema
    def _category_matches_id(self, data: dict[str, Any], **_: Any) -> None:
        entry_id, category = data.get("id"), data.get("category")
        if entry_id and category and entry_id.split(".", 1)[0] != category:
            raise ValidationError(f"id {entry_id!r} must start with its category, {category!r}", "id")

    @pre_dump
    def _from_entry(self, entry: Entry, **_: Any) -> dict[str, Any]:
        values = {name: getattr(entry, name) for name in self.fields if name not in ("examples", "words")}
        examples = {"flag": entry.flag_examples, "pass_": entry.pass_examples}
        return {
            **values,
            "words": {name: list(phrases) for name, phrases in entry.words},
            "examples": examples,
        }

    @post_load
    def _make(self, data: dict[str, Any], **_: Any) -> Entry:
        examples = data.pop("examples")
        return Entry(
            id=data["id"],
            category=data["category"],
            severity=data["severity"],
            patterns=tuple(data["patterns"]),
            unless=tuple(data["unless"]),
            words=tuple((name, tuple(p.strip() for p in phrases)) for name, phrases in data["words"].items()),
            quiet_when=tuple(data["quiet_when"]),
            warning_with=tuple(data["warning_with"]),
            when=data["when"],
            message=data["message"].strip(),
            why=data["why"].strip(),
            rewrites=tuple(data["rewrites"]),
            flag_examples=tuple(examples["flag"]),
            pass_examples=tuple(examples["pass_"]),
            enabled=data["enabled"],
        )


class EntryFileSchema(EntrySchema):
    """An entry in the bank file format: fields holding their default are left out, a single mood is a
    string and a plain pass example a bare string."""

    @post_dump
    def _compact(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        if data["enabled"]:
            del data["enabled"]
        for key in ("unless", "words", "quiet_when", "warning_with", "when"):
            if not data[key]:
                del data[key]
        moods = data.get("when", {}).get("customer_mood")
        if moods and len(moods) == 1:
            data["when"]["customer_mood"] = moods[0]
        examples = data["examples"]
        examples["pass"] = [e["text"] if list(e) == ["text"] else e for e in examples["pass"]]
        return data


class TopicSchema(Schema):
    """A topic of the acknowledgements file: cues on the customer's message, acknowledgements, next steps."""

    class Meta:
        unknown = RAISE

    topic = fields.String(
        required=True,
        validate=validate.Regexp(r"^[a-z][a-z-]*$", error="must be a lowercase word (letters and hyphens)"),
    )
    cues = fields.List(_text(), required=True)
    acknowledge = fields.List(
        _text(), required=True, validate=validate.Length(min=2, error="needs at least 2 texts")
    )
    next_steps = fields.List(
        _text(), required=True, validate=validate.Length(min=2, error="needs at least 2 texts")
    )

    @post_load
    def _make(self, data: dict[str, Any], **_: Any) -> Topic:
        return Topic(
            data["topic"],
            tuple(data["cues"]),
            tuple(t.strip() for t in data["acknowledge"]),
            tuple(t.strip() for t in data["next_steps"]),
        )


class FamilySchema(Schema):
    """A word family of the vocabulary: a name, and phrases, verbs, nouns or RE2 fragments (one at least)."""

    class Meta:
        unknown = RAISE

    name = fields.String(
        required=True,
        data_key="family",
        validate=[
            validate.Regexp(NAME_FORMAT, error="must be lowercase words joined by hyphens, e.g. apology"),
            validate.NoneOf(
                sorted(BUILT_IN_FAMILIES),
                error="{input} is a family the engine provides itself; choose another name",
            ),
        ],
        metadata={"description": "referenced from patterns as {name}"},
    )
    note = fields.String(load_default="", metadata={"description": "what the family is for (optional)"})
    phrases = fields.List(
        _text(),
        load_default=list,
        validate=_at_most(MAX_FAMILY_ITEMS, "phrases", _SPLIT_FAMILY),
        metadata={"description": "literal words or phrases"},
    )
    verbs = fields.List(
        _text(),
        load_default=list,
        validate=_at_most(MAX_FAMILY_ITEMS, "verbs", _SPLIT_FAMILY),
        metadata={"description": "verbs as lemmas; every form is matched"},
    )
    nouns = fields.List(
        _text(),
        load_default=list,
        validate=_at_most(MAX_FAMILY_ITEMS, "nouns", _SPLIT_FAMILY),
        metadata={"description": "nouns as lemmas; singular and plural match"},
    )
    # A fragment may start with a space: it is spliced into patterns as written.
    patterns = fields.List(
        _pattern(validate.Regexp(r"[\s\S]*\S", error="must not be empty")),
        load_default=list,
        validate=_at_most(MAX_PATTERNS, "fragments", _SPLIT_FAMILY),
        metadata={"description": "RE2 fragments; may reference other families"},
    )

    examples = fields.Nested(
        lambda: FamilyExamplesSchema(),
        load_default=dict,
        metadata={
            "description": "texts the family finds words in (match) and near misses it must not (no_match)"
        },
    )

    @validates_schema
    def _not_empty(self, data: dict[str, Any], **_: Any) -> None:
        if not any(data.get(kind) for kind in ("phrases", "verbs", "nouns", "patterns")):
            raise ValidationError("needs phrases, verbs, nouns or patterns: at least one word or fragment")

    @post_load
    def _make(self, data: dict[str, Any], **_: Any) -> Family:
        return Family(
            name=data["name"],
            phrases=tuple(t.strip() for t in data["phrases"]),
            verbs=tuple(t.strip() for t in data["verbs"]),
            nouns=tuple(t.strip() for t in data["nouns"]),
            patterns=tuple(data["patterns"]),
            note=data["note"].strip(),
            matches=tuple(data["examples"].get("match", ())),
            misses=tuple(data["examples"].get("no_match", ())),
        )

    @pre_dump
    def _from_family(self, family: Family, **_: Any) -> dict[str, Any]:
        data = {
            name: getattr(family, name) for name in ("name", "note", "phrases", "verbs", "nouns", "patterns")
        }
        data["examples"] = {"match": family.matches, "no_match": family.misses}
        return data

    @post_dump
    def _compact(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        examples = {kind: texts for kind, texts in data.get("examples", {}).items() if texts}
        data["examples"] = examples
        return {key: value for key, value in data.items() if value or key == "family"}


class FamilyExamplesSchema(Schema):
    """A family's examples: texts in which it must find words, and near misses in which it must not."""

    class Meta:
        unknown = RAISE

    match = fields.List(
        _text(_ONE_LINE),
        load_default=list,
        validate=_at_most(MAX_FAMILY_EXAMPLES, "examples", "keep the few that show what the family means"),
        metadata={"description": "texts in which the family finds words"},
    )
    no_match = fields.List(
        _text(_ONE_LINE),
        load_default=list,
        validate=_at_most(
            MAX_FAMILY_EXAMPLES, "examples", "keep the few that show what the family leaves out"
        ),
        metadata={"description": "near misses: texts in which the family finds no words"},
    )


_FILE_ENTRY = EntryFileSchema()
_FAMILY = FamilySchema()
_TOPIC = TopicSchema()


def dump_entry(entry: Entry) -> dict[str, Any]:
    """The entry in the bank file format, keys in their documented order (files, database, history)."""
    data: dict[str, Any] = _FILE_ENTRY.dump(entry)
    return data


def dump_topic(topic: Topic) -> dict[str, Any]:
    """The topic in the bank file format."""
    data: dict[str, Any] = _TOPIC.dump(topic)
    return data


def dump_family(family: Family) -> dict[str, Any]:
    """The family in the bank file format (kinds it does not use left out)."""
    data: dict[str, Any] = _FAMILY.dump(family)
    return data


def flatten_errors(messages: Any) -> list[tuple[str, str]]:
    """An entry's validation errors as (field path, message) pairs an editor can act on."""
    return [(path, _explain(message)) for path, message in flatten_messages(messages)]


def _explain(message: str) -> str:
    if message == "Unknown field.":
        return "unknown field; check its spelling (see phrasebank/README.md for the fields an entry has)"
    if message == "Missing data for required field.":
        return "missing; this field is required"
    return message


def flatten_messages(messages: Any, prefix: str = "", root: str = "") -> list[tuple[str, str]]:
    """Pairs like ('rewrites[1].text', 'Not a valid string.'); `root` names the whole document."""
    if isinstance(messages, dict):
        out: list[tuple[str, str]] = []
        for key, value in messages.items():
            if isinstance(key, int):
                path = f"{prefix or root}[{key}]"
            elif key == "_schema":
                path = prefix
            else:
                path = f"{prefix}.{key}" if prefix else str(key)
            out.extend(flatten_messages(value, path, root))
        return out
    if isinstance(messages, list):
        return [pair for item in messages for pair in flatten_messages(item, prefix, root)]
    return [(prefix or root, str(messages))]
