"""Perturbations: rewrites of a sentence that keep its meaning, each named (CheckList's invariance tests).

Plain Python with no test framework, shared by tests/behaviour/test_behaviour.py and bench/robustness.py.
Each perturbation takes a sentence and returns the rewritten sentence, or None when it does not apply (the
sentence has nothing to rewrite, or the rewrite would break the grammar or change the meaning). A rewrite is
only made where English allows it: a company as the subject takes the third person ("Acme is unable", "Acme
doesn't offer"), a contraction is only made before a word, an idiom ("can't wait") is left alone.
"""

from __future__ import annotations

import html
import re
import zlib
from collections.abc import Callable

Perturbation = Callable[[str], str | None]

COMPANY = "Acme"
HANDLE = "@sam_k"
SIGNATURE = "^JS"
LINK = "https://t.co/k2RXq9"
GREETING = "Hi Sam, thanks for getting in touch."
CLOSING = "Thanks again for writing in."

# "can't" and "cannot" followed by these words are idioms, not inabilities.
_IDIOM = r"(?:wait|thank|believe|stress|recommend|imagine|help but|emphasi[sz]e|say enough|miss it)\b"
# Words after a first-person "be" that make the sentence personal ("I'm afraid", "we're sorry").
_FEELINGS = (
    r"(?:sorry|afraid|glad|happy|sad|thrilled|delighted|excited|grateful|thankful|so|very|truly|here)\b"
)
_ADVERB = (
    r"(?:currently|really|simply|also|still|only|no longer|never|just|unfortunately|sadly|now|always|usually)"
)
# Business verbs a company can do; their third person adds -s (offers, refunds) or -es (processes).
_VERBS = (
    "need|offer|require|expect|accept|ship|charge|refund|respond|provide|support|handle|process|reserve|cover|"
    "allow|take|send|deliver|issue|reply|answer|recommend|advise|ask|want"
)
_MODALS = (
    "can't|cannot|can not|can|couldn't|could|won't|will|wouldn't|would|shouldn't|should|must|may|might|"
    "didn't|did"
)


def _third_person(verb: str) -> str:
    """offer -> offers, process -> processes, reply -> replies."""
    if verb.endswith(("s", "sh", "ch", "x")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _at_sentence_start(text: str, index: int) -> bool:
    """Whether index starts a sentence (nothing before it but a sentence's end or an opening quote)."""
    before = text[:index].rstrip()
    return not before or before[-1] in '.!?"“'


_BE = {"we": "are", "you": "are", "they": "are", "i": "am"}
_QUESTION_WORDS = {"why", "how", "what", "where", "when", "who", "which", "and", "or", "if", "whether"}
# "everything you need to know" is information, not an obligation.
_NOT_AN_OBLIGATION = re.compile(
    r"\b(?:everything|anything|what|all|whatever|something|things) $", re.IGNORECASE
)
_CONDITION = re.compile(r"\b(?:if|when|once|unless|whether) $", re.IGNORECASE)


# ---------------------------------------------------------------------------------------------------------
# The subject: we / I -> a company, our team, the store
# ---------------------------------------------------------------------------------------------------------

_FIRST_PERSON = re.compile(
    r"(?<![\w'’])(?:we|We|I)(?P<verb>'re|'m|'ve|'ll|'d| (?:"
    + _ADVERB
    + r" )?(?:are|am|were|was|have|do not|don't|do|"
    + _MODALS
    + "|"
    + _VERBS
    + r")(?![\w'’]))(?P<next> \w+)?"
)
_HAD = r" (?:already|been|never|just|\w+ed)\b"
_AGREEMENT = {
    "'re": " is",
    "'m": " is",
    "'ve": " has",
    "'ll": " will",
    "'d": " would",
    "are": "is",
    "am": "is",
    "were": "was",
    "have": "has",
    "do not": "does not",
    "don't": "doesn't",
    "do": "does",
}


def _clause_after(text: str, index: int) -> str:
    """The text from index to the end of its sentence."""
    return re.split(r"[.!?;]", text[index:], maxsplit=1)[0]


def _verb_for_third_person(verb: str) -> str:
    """' are' -> ' is', ' really need' -> ' really needs', " can't" unchanged."""
    if verb in _AGREEMENT:
        return _AGREEMENT[verb]
    words = verb.strip().split(" ")
    last = words[-1]
    if words[-2:] == ["do", "not"]:
        words[-2:] = ["does", "not"]
    elif last in _AGREEMENT:
        words[-1] = _AGREEMENT[last]
    elif re.fullmatch(_VERBS, last):
        words[-1] = _third_person(last)
    return " " + " ".join(words)


def _new_subject(name: str) -> Perturbation:
    """A perturbation that makes a third-person name the subject in place of the first 'we' or 'I'."""

    def perturb(text: str) -> str | None:
        for match in _FIRST_PERSON.finditer(text):
            verb = match["verb"]
            be = verb in ("'re", "'m") or verb.strip().split(" ")[-1] in ("are", "am")
            if be and match["next"] and re.match(r" " + _FEELINGS, match["next"]):
                continue
            if verb == "'d" and match["next"] and re.match(_HAD, match["next"]):
                continue
            rest = text[match.end("verb") :]
            if re.search(r"can't|cannot|can not", verb) and re.match(" " + _IDIOM, rest):
                continue
            if verb in ("'ll", " will") and re.match(r" see\b(?! \w)", rest):
                continue  # "we'll see" is an idiom
            before = text[: match.start()].rstrip().lower()
            if re.search(r"\b(?:and|or|than|nor|said|told|promised|think|thought|hope)$", before):
                continue  # "you and I", "as I said I would": not the sentence's own subject
            if re.search(
                r"\b(?:do|does|did|can|could|will|would|should|shall|may|might|am|are|have)$", before
            ):
                continue  # "how many times do I have to": a question's subject, after its verb
            if match[0].startswith("I") and re.search(
                r"\b(?:my|me|myself|mine)\b", _clause_after(text, match.end())
            ):
                continue  # "I'll do my best" has no third-person form
            subject = name[:1].upper() + name[1:] if _at_sentence_start(text, match.start()) else name
            return text[: match.start()] + subject + _verb_for_third_person(verb) + text[match.end("verb") :]
        return None

    return perturb


company_subject = _new_subject(COMPANY)
our_team_subject = _new_subject("our team")
store_subject = _new_subject("the store")

# One agent speaking for the team: "we" becomes "I" (with its verb), and "our" before the team's people or
# its messages becomes "my" ("my colleagues", "my last reply"); "our" before the company's things (its store,
# its policy, its help centre) and "us" stay, as an agent writes them.
_SINGULAR: tuple[tuple[str, str | Callable[[re.Match[str]], str]], ...] = (
    (r"\b[Ww]e're\b", "I'm"),
    (r"\b[Ww]e've\b", "I've"),
    (r"\b[Ww]e'll\b", "I'll"),
    (r"\b[Ww]e'd\b", "I'd"),
    (r"\b[Ww]e are\b", "I am"),
    (r"\b[Ww]e were\b", "I was"),
    (r"\b[Ww]e\b(?!')", "I"),
    (r"\bourselves\b", "myself"),
    (
        r"\b([Oo])ur((?: \w+)?) (team|colleagues|staff|agents|department|specialists|engineers|reply|replies|"
        r"message|messages|email|emails|response|answer)\b",
        lambda m: ("M" if m[1] == "O" else "m") + "y" + m[2] + " " + m[3],
    ),
)


def first_person_singular(text: str) -> str | None:
    """One agent speaking: "we can't" -> "I can't", "our team will" -> "my team will", "our last reply" ->
    "my last reply"."""
    singular = text
    for pattern, replacement in _SINGULAR:
        singular = re.sub(pattern, replacement, singular)
    return singular if singular != text else None


# ---------------------------------------------------------------------------------------------------------
# Adverbs and parentheticals around the modal
# ---------------------------------------------------------------------------------------------------------

_SUBJECT = r"(?<![\w'’])(?:we|We|I|you|You|they|They|it|It|that|That|this|This)"
# Inabilities, and "don't" with a verb of having or offering; not "won't" or "don't" in general, where an
# adverb or "unfortunately" could turn a promise ("we won't share your details") into a refusal.
_INABILITY = (
    r"(?:can't|cannot|can not|won't be able|will not be able|wouldn't be able|would not be able)(?! "
    + _IDIOM
    + ")"
)
_DONT_HAVE = (
    r"(?:don't|do not|doesn't|does not)"
    r"(?= (?:know(?! what else)|have|offer|support|provide|ship|deliver|stock|carry)\b)"
)
_NEGATIVE = re.compile(_SUBJECT + r"(?P<gap> )(?P<modal>" + _INABILITY + "|" + _DONT_HAVE + r")(?= \w)")
_OBLIGATION = re.compile(
    r"(?<![\w'’])(?:you|You)(?:'ll|'d| will| would)?(?P<gap> )"
    r"(?P<modal>need to|have to|must(?! be| have|'ve))\b"
)
# "not possible", "unable", "no longer": a limit, not any "not" ("that's not a problem").
_LIMIT = (
    r"(?:not (?:possible|able|allowed|permitted|available|eligible|something (?:we|I))|unable|no longer)\b"
)
_BE_NEGATIVE = re.compile(_SUBJECT + r"(?P<be>'re|'m|'s| are| am| is)(?P<gap> )(?=" + _LIMIT + ")")


def _first(text: str, *patterns: re.Pattern[str]) -> re.Match[str] | None:
    """The earliest match of any of the patterns."""
    matches = [m for m in (p.search(text) for p in patterns) if m]
    return min(matches, key=lambda m: m.start()) if matches else None


def adverb_before_modal(text: str) -> str | None:
    """'we can't' -> 'we currently can't', 'you need to' -> 'you really need to', "we're currently unable"."""
    match = _first(text, _NEGATIVE, _OBLIGATION, _BE_NEGATIVE)
    if match is None:
        return None
    adverb = "really" if match.re is _OBLIGATION else "currently"
    at = match.end("gap")
    return text[:at] + adverb + " " + text[at:]


_EXPANDED = {"'re": " are", "'m": " am", "'s": " is", "'ll": " will", "'d": " would"}
_AFTER_MODAL = re.compile(
    _SUBJECT + r"(?P<modal> (?:can't|cannot|can not)(?! " + _IDIOM + r")| (?:won't|will not)(?= be able)"
    r"| must(?! be| have)| " + _DONT_HAVE + r")(?= \w)"
)
_AUX_THEN_OBLIGATION = re.compile(
    r"(?<![\w'’])(?:you|You)(?P<modal>'ll| will|'d| would)(?= (?:need|have) to\b)"
)
_BE_THEN_NEGATIVE = re.compile(_SUBJECT + r"(?P<modal>'re|'m|'s| are| am| is)(?= " + _LIMIT + ")")


def parenthetical_after_modal(text: str) -> str | None:
    """'we cannot refund' -> 'we cannot, unfortunately, refund'; "we're unable" -> 'we are, unfortunately,
    unable'; "you'll need to" -> 'you will, unfortunately, need to'."""
    match = _first(text, _AFTER_MODAL, _AUX_THEN_OBLIGATION, _BE_THEN_NEGATIVE)
    if match is None or _CONDITION.search(text[: match.start()]):
        return None  # "if you must, unfortunately, cancel" reads as another sentence
    modal = _EXPANDED.get(match["modal"], match["modal"])
    word = "sadly" if "unfortunately" in text.lower() else "unfortunately"
    return text[: match.start("modal")] + modal + f", {word}," + text[match.end("modal") :]


# ---------------------------------------------------------------------------------------------------------
# Another wording of the modal
# ---------------------------------------------------------------------------------------------------------

_CANT = re.compile(
    r"(?<![\w'’])(?P<before>\w+)(?P<modal> (?:can't|cannot|can not))(?= (?!"
    + _IDIOM
    + r"|be\b|you\b|I\b|we\b|"
    r"they\b|help\b|do so\b)[a-z])"
)
_BE_UNABLE = re.compile(
    r"(?<![\w'’])(?P<before>we|We|I|they|They)(?P<modal>'re|'m| are| am) (?P<able>unable|not able) to\b"
)
_MUST = re.compile(
    r"(?<![\w'’])(?P<before>you|You)"
    r"(?P<modal>(?:'ll| will|'d| would)? (?:need to|have to)| must(?! be| have|'ve))(?= [a-z])"
)


def _variant_applies(text: str, match: re.Match[str]) -> bool:
    """Not 'everything you need to know' (information) nor 'why can't' (a question)."""
    if match.re is _MUST:
        return not _NOT_AN_OBLIGATION.search(text[: match.start()])
    return match["before"].lower() not in _QUESTION_WORDS


def modal_variant(text: str) -> str | None:
    """ "can't" -> 'would not be able to', "we're unable to" -> 'we would not be able to', 'you need to' /
    'you must' -> 'you will be required to' ('are required to' after 'if')."""
    matches = [
        m for m in (p.search(text) for p in (_CANT, _BE_UNABLE, _MUST)) if m and _variant_applies(text, m)
    ]
    if not matches:
        return None
    match = min(matches, key=lambda m: m.start())
    condition = bool(_CONDITION.search(text[: match.start()]))
    if match.re is _CANT:
        # "if we can't" -> "if we are not able to": a condition takes no "would"
        able = (
            f" {_BE.get(match['before'].lower(), 'is')} not able to" if condition else " would not be able to"
        )
        return text[: match.start("modal")] + able + text[match.end("modal") :]
    if match.re is _BE_UNABLE:
        if condition:  # "if we're unable to" <-> "if we're not able to"
            swapped = "not able to" if "unable" in match["able"] else "unable to"
            return text[: match.start("able")] + swapped + text[match.end() :]
        return text[: match.start("modal")] + " would not be able to" + text[match.end() :]
    if condition and match["modal"].strip() == "must":
        return None  # "if you must cancel" is "if you insist on cancelling"
    required = " are required to" if condition else " will be required to"
    return text[: match.start("modal")] + required + text[match.end("modal") :]


# ---------------------------------------------------------------------------------------------------------
# Contractions
# ---------------------------------------------------------------------------------------------------------

_EXPANSIONS: tuple[tuple[str, str], ...] = (
    (r"\b([Cc])an't\b", r"\1annot"),
    (r"\b([Ww])on't\b", r"\1ill not"),
    (r"\b([Ss])han't\b", r"\1hall not"),
    (r"\b(\w+)n't\b", r"\1 not"),
    (r"\bI'm\b", "I am"),
    (r"\b(\w+)'re\b", r"\1 are"),
    (r"\b(\w+)'ve\b", r"\1 have"),
    (r"\b(I|[Yy]ou|[Ww]e|[Tt]hey|[Ii]t|[Hh]e|[Ss]he|[Tt]hat|[Tt]here)'ll\b", r"\1 will"),
    (
        r"\b(I|[Yy]ou|[Ww]e|[Tt]hey|[Hh]e|[Ss]he)'d(?! (?:better|already|been|never|just|\w+ed)\b)",
        r"\1 would",
    ),
    (r"\b([Ii]t|[Tt]hat|[Tt]here|[Hh]ere|[Ww]hat|[Hh]e|[Ss]he)'s(?= (?:been|got|gotten|had)\b)", r"\1 has"),
    (r"\b([Ii]t|[Tt]hat|[Tt]here|[Hh]ere|[Ww]hat|[Hh]e|[Ss]he)'s\b", r"\1 is"),
)
_BEFORE_WORD = r"(?= [\w\"'])"
# "we have sent" contracts to "we've sent"; "we have no control" stays.
_PARTICIPLE = r"(?:been|already|just|never|got|sent|made|taken|seen|done|told|had|\w+ed)\b"
_CONTRACTIONS: tuple[tuple[str, str], ...] = (
    (r"\b([Cc])an ?not\b", r"\1an't"),
    (r"\b([Ww])ill not\b", r"\1on't"),
    (r"\bI am" + _BEFORE_WORD, "I'm"),
    (r"\b([Ww]e|[Yy]ou|[Tt]hey) are" + _BEFORE_WORD, r"\1're"),
    (r"\b(I|[Ww]e|[Yy]ou|[Tt]hey) have(?= " + _PARTICIPLE + ")", r"\1've"),
    (r"\b(I|[Ww]e|[Yy]ou|[Tt]hey|[Ii]t|[Hh]e|[Ss]he) will" + _BEFORE_WORD, r"\1'll"),
    (r"\b(I|[Ww]e|[Yy]ou|[Tt]hey) would" + _BEFORE_WORD, r"\1'd"),
    (r"\b([Ii]t|[Tt]hat|[Tt]here|[Ww]hat) is(?! what\b)" + _BEFORE_WORD, r"\1's"),  # not "it is what it is"
    (r"\b([Dd]o|[Dd]oes|[Dd]id|[Ii]s|[Aa]re|[Ww]as|[Ww]ere|[Hh]ave|[Hh]as) not\b", r"\1n't"),
    (r"\b([Cc]ould|[Ww]ould|[Ss]hould) not\b", r"\1n't"),
)


def _rewrite_all(text: str, table: tuple[tuple[str, str], ...]) -> str:
    """Every (pattern, replacement) of the table applied in turn."""
    for pattern, replacement in table:
        text = re.sub(pattern, replacement, text)
    return text


def contraction(text: str) -> str | None:
    """Expand every contraction ("can't" -> 'cannot', "we're" -> 'we are'); with none, make them ('cannot' ->
    "can't", 'you will' -> "you'll")."""
    expanded = _rewrite_all(text, _EXPANSIONS)
    if expanded != text:
        return expanded
    contracted = _rewrite_all(text, _CONTRACTIONS)
    return contracted if contracted != text else None


# ---------------------------------------------------------------------------------------------------------
# Typography, tweets, longer replies, slips
# ---------------------------------------------------------------------------------------------------------


def curly_quotes(text: str) -> str | None:
    """Straight quotes and apostrophes become typographic ones: ' -> ’ (‘ to open), " -> “ and ”."""
    if "'" not in text and '"' not in text:
        return None
    text = re.sub(r"(^|[\s(\[])'(?=\w)", "\\1‘", text)
    text = text.replace("'", "’")
    text = re.sub(r'(^|[\s(\[])"', "\\1“", text)
    return text.replace('"', "”")


def tweet_furniture(text: str) -> str | None:
    """A reply as a tweet: the customer's @handle first, a link and the agent's signature last."""
    if text.startswith("@"):
        return None
    return f"{HANDLE} {text} {LINK} {SIGNATURE}"


def longer_reply(text: str) -> str | None:
    """The sentence inside a longer reply: a friendly sentence before and after it."""
    ending = "" if text.rstrip().endswith((".", "!", "?", '"', ")")) else "."
    return f"{GREETING} {text.rstrip()}{ending} {CLOSING}"


_TO_AFTER = re.compile(r"\b(need|needs|able|unable|required|expected) to (?=[a-z])")


def dropped_to(text: str) -> str | None:
    """A typing slip: the 'to' after need, able, required, expected goes missing ('you need contact')."""
    match = _TO_AFTER.search(text)
    return text[: match.start()] + match[1] + " " + text[match.end() :] if match else None


_COMMA = re.compile(r",(?= )")


def dropped_commas(text: str) -> str | None:
    """A hurried reply: the commas between words left out ("As I said the refund takes 5 days"); a comma
    inside a number stays."""
    hurried = _COMMA.sub("", text)
    return hurried if hurried != text else None


_APOSTROPHES = re.compile(
    r"\b\w+n't\b|\bI'm\b|\b(?:[Yy]ou|[Tt]hey)'(?:re|ll|ve)\b|\b(?:[Ii]t|[Tt]hat|[Tt]here|[Ww]hat)'s\b"
    r"|\b(?:I|[Ww]e)'ve\b"
)


def _drop_apostrophe(match: re.Match[str]) -> str:
    """The matched word without its apostrophe."""
    return match[0].replace("'", "")


def no_apostrophe(text: str) -> str | None:
    """A typing slip: apostrophes left out where the word stays unambiguous ('dont', 'cant', 'youll')."""
    slipped = _APOSTROPHES.sub(_drop_apostrophe, text)
    return slipped if slipped != text else None


def html_escaped(text: str) -> str | None:
    """The reply as a system that stores HTML hands it over: & < > and both quote marks as entities
    ("can&#x27;t", "T&amp;Cs"), as Python's html.escape writes them."""
    escaped = html.escape(text)
    return escaped if escaped != text else None


# A sentence's subject left out, as a hurried reply or a tweet does: "Can't refund opened items", "Unable to
# reopen the profile", "Not sure why", "Don't have an ETA yet". Only where the words left cannot be an order
# to the customer ("Don't worry", "Don't forget" are).
_SUBJECT_DROP = re.compile(
    r"(?:^|(?<=[.!?] ))(?:We|I)(?:'re|'m| are| am)? "
    r"(?=(?:can't|cannot|won't|unable to|not able to|not sure|don't (?:know|have|see|think))\b)"
)


def dropped_subject(text: str) -> str | None:
    """The first sentence opening with "We" or "I" and an inability, a refusal, "not sure" or "don't know /
    have / see / think" written without its subject (and its "are" or "am"): "We can't refund it" -> "Can't
    refund it"."""
    match = _SUBJECT_DROP.search(text)
    if match is None:
        return None
    rest = text[match.end() :]
    return text[: match.start()] + rest[0].upper() + rest[1:]


# Words said with weight: a reply that writes one of them in capitals ("We do NOT offer refunds").
_EMPHASIS = re.compile(r"\b(?:not|never|must|cannot|can't|won't|don't|only|no)\b")


def capitals_for_emphasis(text: str) -> str | None:
    """The first word said with weight (not, never, must, can't, only...) written in capitals: "We do NOT
    offer refunds", "You MUST bring the receipt"."""
    match = _EMPHASIS.search(text)
    if match is None:
        return None
    return text[: match.start()] + match.group().upper() + text[match.end() :]


# Words with two common spellings, each way round: "email" and "e-mail", "online" and "on-line".
_SPELLINGS = (
    (re.compile(r"\b([Ee])mail"), r"\1-mail"),
    (re.compile(r"\b([Ee])-mail"), r"\1mail"),
    (re.compile(r"\b([Oo])nline\b"), r"\1n-line"),
    (re.compile(r"\b([Oo])n-line\b"), r"\1nline"),
)


def spelling_variant(text: str) -> str | None:
    """The first word with two common spellings written the other way: "email" -> "e-mail", "e-mail" ->
    "email", "online" -> "on-line"."""
    found = [(m.start(), pattern, repl) for pattern, repl in _SPELLINGS if (m := pattern.search(text))]
    if not found:
        return None
    _, pattern, replacement = min(found, key=lambda f: f[0])
    return pattern.sub(replacement, text, count=1)


# Frames an agent puts before a statement; the statement after them is a clause of its own.
_FRAMES = (
    "Please note that",
    "Just so you know,",
    "I want to let you know that",
    "Please be advised that",
    "Kindly note that",
)
# First words of a statement that open it as its subject (lower-cased after a frame), and the company's name
# (kept as it is).
_SUBJECT_WORDS = re.compile(
    r"(?:We|You|Our|Your|The|This|That|These|Those|It|A|An|There)(?:'(?:re|ve|ll|d|s))?\b"
)
_BARE_PLURAL = re.compile(r"[A-Z][a-z]+s (?:are|aren't|can|cannot|can't|will|won't|were|have)\b")


def _statement(text: str) -> str | None:
    """The sentence to follow a frame, if it opens with its subject (lower-cased unless it is the company's
    name); None otherwise."""
    if text.startswith(COMPANY):
        return text
    if _SUBJECT_WORDS.match(text) or _BARE_PLURAL.match(text):
        return text[0].lower() + text[1:]
    return None


def announcement_frame(text: str) -> str | None:
    """The statement after a frame that announces it ("Please note that", "Just so you know,"), the frame
    chosen by the sentence (the same each run); a statement that does not open with its subject is left
    alone."""
    statement = _statement(text)
    if statement is None:
        return None
    frame = _FRAMES[zlib.crc32(text.encode("utf-8")) % len(_FRAMES)]
    return f"{frame} {statement}"


# An apology or an acknowledgement, then "but" and the statement: the statement is a clause of its own.
_BUT_FRAMES = ("I'm sorry, but", "Sorry but", "I hear you, but", "I'm afraid that's so, but")


def apology_but(text: str) -> str | None:
    """The statement after an apology and "but" ("I'm sorry, but", "Sorry but"), the frame chosen by the
    sentence (the same each run); a statement that does not open with its subject is left alone."""
    statement = _statement(text)
    if statement is None:
        return None
    frame = _BUT_FRAMES[zlib.crc32(text.encode("utf-8")) % len(_BUT_FRAMES)]
    return f"{frame} {statement}"


PERTURBATIONS: dict[str, Perturbation] = {
    "company-subject": company_subject,
    "our-team-subject": our_team_subject,
    "store-subject": store_subject,
    "first-person-singular": first_person_singular,
    "adverb-before-modal": adverb_before_modal,
    "parenthetical-after-modal": parenthetical_after_modal,
    "modal-variant": modal_variant,
    "contraction": contraction,
    "curly-quotes": curly_quotes,
    "tweet-furniture": tweet_furniture,
    "longer-reply": longer_reply,
    "dropped-to": dropped_to,
    "dropped-commas": dropped_commas,
    "no-apostrophe": no_apostrophe,
    "html-escaped": html_escaped,
    "capitals-for-emphasis": capitals_for_emphasis,
    "dropped-subject": dropped_subject,
    "spelling-variant": spelling_variant,
    "announcement-frame": announcement_frame,
    "apology-but": apology_but,
}
