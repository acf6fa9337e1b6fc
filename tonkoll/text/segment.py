"""Split a social-media post into tokens and sentences, with code-point offsets.

Made for posts, not for books:
- URLs, e-mail addresses, @mentions, #hashtags and emoji are tokens but not words; a run of emoji
  is one token ("😭😭😭", as "!!!" is one), and metrics count the emoji in it;
- line breaks and runs of ``.!?…`` end sentences; a one-word sentence ("Hej!") counts;
- Swedish abbreviations (t.ex., bl.a., kl. 8.30, ca, osv.) and numbers (8.30, 3,5) do not end
  sentences, except that a "closing" abbreviation (osv., m.m., etc.) ends one before a capital;
- an emoji before a capital ends a sentence too ("…i Folkets park 🛝 Barnen på …": the emoji is
  the full stop), and the Unicode line and paragraph separators (U+2028, U+2029, U+0085) are
  line breaks (issue 12).

One pass of one compiled (stdlib) regular expression (built in tokens.py); our own fixed
pattern, never user input.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from operator import attrgetter
from typing import NamedTuple
from unicodedata import normalize

from tonkoll.text.surrogate import scrub
from tonkoll.text.tokens import (
    ABBR_RE,
    BLANK_GROUPS,
    CLOSING,
    COMBINING,
    KIND_OF_GROUP,
    LINE_BREAK,
    RUN_DOT,
    RUN_EMOJI,
    RUN_GROUPS,
    RUN_OTHER,
    TOKEN_RE,
    TOKEN_RE_MARKS,
    WORD_RUN,
)

WORD_KINDS = frozenset({"word", "abbr", "number"})
_LOWER = attrgetter("lower")


class Token(NamedTuple):
    """One token; a NamedTuple because a post has hundreds and they must be cheap to make."""

    start: int
    end: int
    text: str
    lower: str
    kind: str  # url | email | mention | hashtag | abbr | number | word | end | emoji | other
    sentence: int  # index into Segmentation.sentences
    first_in_sentence: bool

    @property
    def is_word(self) -> bool:
        return self.kind in WORD_KINDS


class Sentence(NamedTuple):
    start: int
    end: int
    words: int
    first_token: int
    last_token: int  # inclusive


@dataclass(frozen=True, slots=True)
class Segmentation:
    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    words: int
    long_words: int  # words with more than six letters (LIX)
    letters: int
    starts: tuple[int, ...] = ()  # sentence start offsets, for sentence_at
    safe_text: str = ""  # the text with lone surrogates replaced (same offsets), for RE2
    by_kind: dict[str, list[Token]] = field(default_factory=dict)  # hashtags, emoji, … in order
    keys: tuple[str, ...] = ()  # every token's lower-case key, read once for every rule kind

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence that contains ``offset`` (or the last one before it)."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def first_sentence_span(self) -> tuple[int, int]:
        """(start, end) of the first sentence, or (0, 0) for an empty text."""
        if not self.sentences:
            return (0, 0)
        return (self.sentences[0].start, self.sentences[0].end)


def _nfc_lower(token: str) -> str:
    return normalize("NFC", token).lower()


def _count_letters(word: str) -> int:
    """Letters in a word: a hyphen, apostrophe, combining mark or ² is not one."""
    return len(word) if word.isalpha() else sum(1 for ch in word if ch.isalpha())


# A speed-up below the 5 % bar, kept for the engine's time budget (docs/engine.md, "Speed"): a
# NamedTuple's generated __new__ is a Python function; building the tuple directly costs a
# quarter as much, and a post has hundreds of tokens. Used only where tokens are made
# (``_Builder.add`` and ``add_words``), with every field in order.
_new_tuple = tuple.__new__


# Issue 12: other line breaks than \n, matched as \n (one character for one: offsets stay).
_OTHER_BREAKS = str.maketrans("\u2028\u2029\x85", "\n\n\n")


def segment(text: str) -> Segmentation:
    """Tokens and sentences of ``text``, in one pass of the token pattern."""
    builder = _Builder(text)
    pattern = TOKEN_RE_MARKS if builder.marks else TOKEN_RE
    source = text
    if not text.isascii() and ("\u2028" in text or "\u2029" in text or "\x85" in text):
        source = text.translate(_OTHER_BREAKS)
    for match in pattern.finditer(source):
        group = match.lastgroup or "tail"
        if group in RUN_GROUPS:
            builder.word_run(match, group)
        elif group == LINE_BREAK:
            builder.line_break()
        elif group not in BLANK_GROUPS:
            builder.single_token(match, group)
    return builder.finish()


class _Builder:
    """One pass of ``segment``: the tokens so far and the open group.

    A group is the tokens since the last sentence end; it ends at . ! ? … or a line break, or
    before a capital after a closing abbreviation (osv., etc.), and becomes a sentence of its
    own, or joins the sentence before when either of them has no words (see ``close_group``).
    Tokens are made once, with the sentence their group will most likely be in.
    """

    __slots__ = ("text", "marks", "key", "tokens", "sentences", "by_kind", "words",
                 "long_words", "letters", "group_start", "group_words", "sentence", "first",
                 "closing")

    def __init__(self, text: str) -> None:
        self.text = text
        self.marks = not text.isascii() and COMBINING.search(text) is not None
        self.key = _nfc_lower if self.marks else str.lower  # a token's lookup key
        self.tokens: list[Token] = []
        self.sentences: list[Sentence] = []
        # Tokens by kind, the kinds in order of their first token.
        self.by_kind: dict[str, list[Token]] = {}
        self.words = self.long_words = self.letters = 0
        self.group_start = 0  # index of the open group's first token
        self.group_words = 0  # words before the open group
        self.sentence = 0  # the sentence index new tokens get
        self.first = True  # the next token starts a sentence
        self.closing = False  # the last token is a closing abbreviation, in the open group

    def add(self, start: int, end: int, kind: str, first: bool) -> Token:
        """Append one token of ``text[start:end]`` to the open group."""
        text = self.text[start:end]
        token: Token = _new_tuple(Token, (start, end, text, self.key(text), kind, self.sentence,
                                          first))
        self.tokens.append(token)
        self.by_kind.setdefault(kind, []).append(token)
        return token

    def count_word(self, text: str) -> None:
        """One more word (or abbreviation) and its letters; long with more than six (LIX)."""
        letters = _count_letters(text)
        self.words += 1
        self.letters += letters
        if letters > 6:
            self.long_words += 1

    def word_run(self, match: re.Match[str], group: str) -> None:
        """Plain words separated by single spaces, and what the match took along after them."""
        start, end = match.span(WORD_RUN)
        start -= 1
        words = self.text[start:end].split(" ")
        # An abbreviation has at most six letters (tokens.py): only a short last word is tried.
        abbr = (self.final_abbreviation(words[-1], end)
                if group == RUN_DOT and len(words[-1]) <= 6 else None)
        if abbr:  # the last word and its dot are one abbr token
            words.pop()
        if words:
            if self.closing and words[0][:1].isupper():
                self.close_group()
            self.closing = False
            self.add_words(start, words)
        if abbr:
            self.add_abbreviation(abbr.start(), abbr.end())
            start, end = abbr.end(), match.end(group)
            if start < end:
                self.add_end(start, end)
            elif match.end() > end:  # no end token, but a line break taken along
                self.close_group()
        elif group == RUN_OTHER or group == RUN_EMOJI:
            start, end = match.span(group)
            self.add(start, end, "other" if group == RUN_OTHER else "emoji", False)
            self.closing = group == RUN_EMOJI  # issue 12: an emoji before a capital ends it
        elif group != WORD_RUN:  # RUN_END, RUN_DOT
            self.add_end(*match.span(group))

    def add_words(self, start: int, words: list[str]) -> None:
        """Word tokens for ``words``, the first at ``start``, one space between each two."""
        key, sentence, first = self.key, self.sentence, self.first
        made = []
        long_words = 0
        for word in words:
            end = start + len(word)
            made.append(_new_tuple(Token, (start, end, word, key(word), "word", sentence, first)))
            first = False
            if end - start > 6:
                long_words += 1
            start = end + 1
        self.tokens += made
        self.by_kind.setdefault("word", []).extend(made)
        self.first = False
        self.words += len(words)
        letters = "".join(words)
        if letters.isalpha():  # most runs: then a word's length is its number of letters
            self.letters += len(letters)
            self.long_words += long_words
        else:  # a hyphen, apostrophe, combining mark or ² is not a letter: count again
            counts = [_count_letters(word) for word in words]
            self.letters += sum(counts)
            self.long_words += sum(1 for n in counts if n > 6)

    def final_abbreviation(self, word: str, end: int) -> re.Match[str] | None:
        """The abbreviation that ``word`` (ending at ``end``) and the dot after it form, if any."""
        return ABBR_RE.match(self.text, end - len(word))

    def add_abbreviation(self, start: int, end: int) -> None:
        token = self.add(start, end, "abbr", self.first)
        self.first = False
        self.closing = token.lower in CLOSING
        self.count_word(token.text)

    def add_end(self, start: int, end: int) -> None:
        """A run of . ! ? …: it ends the open group."""
        self.add(start, end, "end", self.first)
        self.close_group()

    def line_break(self) -> None:
        if len(self.tokens) > self.group_start:
            self.close_group()

    def single_token(self, match: re.Match[str], group: str) -> None:
        """One token per match: the branches after the word run (URLs, e-mail, abbr, …)."""
        kind = KIND_OF_GROUP[group]
        start, end = match.span(group)
        if group != "abbr":  # every other group starts one character after its token
            start -= 1
        if kind == "end":
            self.add_end(start, end)
            return
        if kind == "abbr":
            self.add_abbreviation(start, end)
            return
        if kind == "word" and self.closing and self.text[start:start + 1].isupper():
            self.close_group()
        token = self.add(start, end, kind, self.first)
        self.first = False
        self.closing = kind == "emoji"  # issue 12: an emoji before a capital ends the sentence
        if kind == "word":
            self.count_word(token.text)
        elif kind == "number":
            self.words += 1  # a word without letters

    def close_group(self) -> None:
        """End the open group (it has tokens): a sentence of its own if it has words and the
        sentence before has too (or there is none), else part of the sentence before."""
        tokens, sentences = self.tokens, self.sentences
        n_words = self.words - self.group_words
        if not sentences or (n_words and sentences[-1].words):
            sentences.append(Sentence(tokens[self.group_start].start, tokens[-1].end, n_words,
                                      self.group_start, len(tokens) - 1))
        else:
            self.join_previous(n_words)
        if sentences[-1].words:
            self.sentence, self.first = len(sentences), True
        else:  # the next group joins this sentence without words
            self.sentence, self.first = len(sentences) - 1, False
        self.group_start, self.group_words, self.closing = len(tokens), self.words, False

    def join_previous(self, n_words: int) -> None:
        """Add the open group to the last sentence.

        Its tokens were made for a sentence of their own when the last sentence had words: then
        they are remade with the last sentence's index (also in by_kind, whose lists they end).
        """
        tokens, sentences = self.tokens, self.sentences
        last = sentences[-1]
        index = len(sentences) - 1
        sentences[-1] = last._replace(end=tokens[-1].end, words=last.words + n_words,
                                      last_token=len(tokens) - 1)
        if tokens[self.group_start].sentence == index:
            return
        old = tokens[self.group_start:]
        new = [Token(t.start, t.end, t.text, t.lower, t.kind, index, False) for t in old]
        tokens[self.group_start:] = new
        for token in reversed(old):
            self.by_kind[token.kind].pop()
        for token in new:
            self.by_kind[token.kind].append(token)

    def finish(self) -> Segmentation:
        self.line_break()
        return Segmentation(
            self.text, tuple(self.tokens), tuple(self.sentences), self.words, self.long_words,
            self.letters, tuple([s.start for s in self.sentences]), scrub(self.text),
            self.by_kind, tuple(map(_LOWER, self.tokens)),
        )


def tokenize_phrase(phrase: str) -> tuple[str, ...]:
    """Lower-case token keys of a rule phrase, tokenised exactly like a post."""
    return tuple(normalize("NFC", t.text).lower() for t in segment(phrase).tokens)

