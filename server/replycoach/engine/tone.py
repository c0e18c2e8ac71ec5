"""Sentiment polarity, as TextBlob's pattern analyzer computes it, at a fraction of its cost.

TextBlob (`PatternAnalyzer`) splits a text into sentences and tokens and walks the tokens against its
sentiment lexicon; most of its time goes to splitting punctuation off each token in Python and to its
lazily loaded dictionaries. This module gives the same number, to the last bit, with TextBlob's own lexicon
and its own tokenizer: each distinct whitespace-separated word is split by TextBlob's tokenizer once and
remembered (a draft's words recur: "thanks," "order." "@handle"), and the walk over the lexicon uses plain
dictionaries built once. The rare text with an emoticon or a sarcasm mark, which TextBlob's tokenizer
merges across words, is handed to TextBlob itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Any

import re2

# TextBlob's tokenizer puts a space before each contraction ("'d", "'m", "'s", "'ll", "'re", "'ve", "n't")
# and around each quote mark, then splits at whitespace. Split the same way, only two of those change where
# words break: the space before "n't" ("don't" -> "do n't"), and the spaces around quote marks (which
# already part "it's" into "it ' s").
_QUOTE_MARKS = ("\u201c", "\u201d", "\u2018", "\u2019", "'", '"')
_PARAGRAPH = re.compile(r"\n{2,}")
_END_OF_SENTENCE = "END-OF-SENTENCE"


@dataclass(frozen=True)
class _Word:
    """What the walk needs about one lexicon word (TextBlob's scores averaged over its parts of speech)."""

    polarity: float
    intensity: float
    modifies: bool  # an adverb: it scales the next known word ("very good")


class _Lexicon:
    """TextBlob's English sentiment lexicon, its negations, and its emoticons, as plain lookups."""

    def __init__(self) -> None:
        from textblob import _text
        from textblob.en import sentiment

        len(sentiment)  # loads the lexicon, once, if nothing has yet
        self.words: dict[str, _Word] = {}
        for word, by_pos in dict.items(sentiment):
            p, _, i = by_pos[None]
            self.words[word] = _Word(p, i, any(pos in by_pos for pos in sentiment.modifiers))
        self.negations = frozenset(sentiment.negations)
        self.modifier = sentiment.modifier
        self.punctuation = _text.PUNCTUATION
        # The faces TextBlob can recognise as one token: it looks up only tokens that are not all letters, are
        # at most five characters long and are not punctuation ("xD" never counts), first set first.
        self.emoticons: dict[str, float] = {}
        for (_, score), faces in _text.EMOTICONS.items():
            for face in faces:
                token = face.lower()
                if not token.isalpha() and len(token) <= 5 and token not in self.punctuation:
                    self.emoticons.setdefault(token, score)
        # TextBlob's own emoticon and sarcasm patterns, run by RE2 (several times faster on a draft; the
        # text they search has tokens parted by single spaces, where RE2's \s and Python's agree).
        merges = f"(?:{_text.RE_EMOTICONS.pattern})|(?:{_text.RE_SARCASM.pattern})"
        self.merges = re2.compile(merges)
        self.find_tokens = _text.find_tokens
        self._abbreviations = (_text.ABBREVIATIONS, _text.RE_ABBR1, _text.RE_ABBR2, _text.RE_ABBR3)
        self.analyzer: Any = sentiment
        # The tokens the walk does something with when no negation or adverb is pending: any other token
        # (most of a draft) is passed over.
        self.acting = frozenset(self.words) | self.negations | frozenset(self.emoticons) | {"!"}

    def is_abbreviation(self, word: str) -> bool:
        """Whether TextBlob's tokenizer keeps the dot of `word` ("Mr.", "e.g.", "Thx."), as it decides."""
        known, one_letter, letters, consonants = self._abbreviations
        return word in known or any(r.match(word) is not None for r in (one_letter, letters, consonants))


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _Lexicon()


# Pieces TextBlob's tokenizer splits in one known way, told apart without it (its 8 µs a call was most of
# the polarity walk on a draft's new words: the handles, links and words before a comma of every reply).
# tests/engine/test_tone.py holds each to the tokenizer.
_WORD_AND_MARK = re.compile(r"[A-Za-z]+[,;:!?]")  # "thanks," -> "thanks" ","
_WORD_AND_DOT = re.compile(r"[A-Za-z]+\.")  # "order." -> "order" ".", but "Mr." stays whole
_HANDLE = re.compile(r"@[A-Za-z0-9]+(?:_+[A-Za-z0-9]+)*")  # "@sam_k" -> "@" "sam_k"
_LINK = re.compile(r"https?://[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)+(?:/[A-Za-z0-9_~%?=&+#.-]*)*[A-Za-z0-9/]")


def _split(word: str) -> tuple[str, ...]:
    """TextBlob's tokens for one whitespace-free piece of prepared text, lower-cased. A piece of ASCII
    letters alone (three words in four of a reply) is one token as it stands, and a word with one mark or a
    dot after it, an @handle and a plain link are split as the tokenizer splits them; anything else goes to
    it."""
    if word.isascii():
        if word.isalpha():
            return (word.lower(),)
        if _WORD_AND_MARK.fullmatch(word):
            return (word[:-1].lower(), word[-1])
        if _WORD_AND_DOT.fullmatch(word):
            return (word.lower(),) if _lexicon().is_abbreviation(word) else (word[:-1].lower(), ".")
        if _HANDLE.fullmatch(word):
            return ("@", word[1:].lower())
        if _LINK.fullmatch(word):
            return (word.lower(),)
    return tuple(t.lower() for sentence in _lexicon().find_tokens(word) for t in sentence.split())


class _Splits(dict[str, tuple[str, ...]]):
    """Each piece's tokens, split once and remembered (a draft's pieces recur: "thanks," "order." "@handle"):
    a plain dictionary, looked up from C; up to _REMEMBERED pieces are kept, then it starts again."""

    def __missing__(self, piece: str) -> tuple[str, ...]:
        tokens = _split(piece)
        if len(self) >= _REMEMBERED:
            self.clear()
        self[piece] = tokens
        return tokens


_REMEMBERED = 65536
_SPLITS = _Splits()


def _prepare(text: str) -> str:
    """The text as TextBlob's tokenizer has it before it splits words (up to runs of spaces): contractions
    and quotes apart, and a paragraph break marked as the end of a sentence."""
    text = text.replace("n't", " n't")
    for mark in _QUOTE_MARKS:
        if mark in text:
            text = text.replace(mark, f" {mark} ")
    text = text.replace("\r\n", "\n")
    return _PARAGRAPH.sub(f" {_END_OF_SENTENCE} ", text) if "\n\n" in text else text


def polarity(text: str) -> float:
    """TextBlob's polarity of `text`, from -1 (negative) to 1 (positive): the same value
    `TextBlob(text).sentiment.polarity` gives."""
    lexicon = _lexicon()
    tokens = list(chain.from_iterable(map(_SPLITS.__getitem__, _prepare(text).split())))
    joined = " ".join(tokens)
    if lexicon.merges.search(joined.encode("utf-8")) is not None:
        # An emoticon or "(!)", which TextBlob reads across tokens and sentences: let it read the text.
        return float(lexicon.analyzer(text)[0])
    return _walk(lexicon, tokens)


def _walk(lexicon: _Lexicon, tokens: list[str]) -> float:
    """TextBlob's assessment of a token list: each known word's polarity, scaled by an adverb before it,
    halved and reversed by a negation before it, raised by "!" after it; the polarity is their mean."""
    # Each assessment as three parallel lists of numbers (no list per assessment: the garbage collector
    # would walk every one of them again and again on a long draft, which made the walk quadratic).
    scores: list[float] = []
    intensities: list[float] = []
    negated: list[bool] = []
    modifier: str | None = None
    negation: str | None = None
    words = lexicon.words
    negations = lexicon.negations
    emoticons = lexicon.emoticons
    acting = lexicon.acting
    for token in tokens:
        if modifier is None and negation is None and token not in acting:
            continue
        known = words.get(token)
        if known is not None:
            if modifier is None:
                scores.append(known.polarity)
                intensities.append(known.intensity)
                negated.append(False)
            else:
                scores[-1] = max(-1.0, min(known.polarity * intensities[-1], 1.0))
                intensities[-1] = known.intensity
            if negation is not None:
                intensities[-1] = 1.0 / intensities[-1]
                negated[-1] = True
            modifier = token if known.modifies else None
            negation = token if token in negations else None
            continue
        if token in negations:
            negation = token
        elif negation and len(token.strip("'")) > 1:
            negation = None
        if negation is not None and modifier is not None and lexicon.modifier(modifier):
            negated[-1] = True
            negation = None
        elif modifier and len(token) > 2:
            modifier = None
        if token == "!" and scores:
            scores[-1] = max(-1.0, min(scores[-1] * 1.25, 1.0))
        face = emoticons.get(token)
        if face is not None:
            scores.append(face)
            intensities.append(1.0)
            negated.append(False)
    total = 0.0
    for score, was_negated in zip(scores, negated, strict=True):
        total += score * -0.5 if was_negated else score
    return total / float(len(scores) or 1)
