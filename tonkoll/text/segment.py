"""Split a social-media post into tokens and sentences, with code-point offsets.

Made for posts, not for books:
- URLs, e-mail addresses, @mentions, #hashtags and emoji are tokens but not words;
- line breaks and runs of ``.!?…`` end sentences; a one-word sentence ("Hej!") counts;
- Swedish abbreviations (t.ex., bl.a., kl. 8.30, ca, osv.) and numbers (8.30, 3,5) do not end
  sentences, except that a "closing" abbreviation (osv., m.m., etc.) ends one before a capital.

One pass of one compiled (stdlib) regular expression (built in tokens.py); our own fixed
pattern, never user input.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple
from unicodedata import normalize

from tonkoll.text.tokens import (
    ABBR,
    ABBR_FOLD,
    ABBR_RE,
    CLOSING,
    COMBINING,
    KINDS,
    NL,
    NOT_WORDS,
    PLAIN_ABBR,
    TAIL,
    TOKEN_RE,
    TOKEN_RE_MARKS,
    WD,
    WE,
    WO,
    WS,
    W,
)

WORD_KINDS = frozenset({"word", "abbr", "number"})


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
    if word.isalpha():
        return len(word)
    return sum(1 for ch in word if ch.isalpha())


_make = tuple.__new__  # a NamedTuple without its Python-level __new__: hot path


def segment(text: str) -> Segmentation:
    """Tokens and sentences of ``text``; a group without words joins the sentence before it.

    A group ends at . ! ? … or a line break (or before a capital after a closing abbreviation).
    Its tokens are made at once (see ``_close``), not collected per group and walked again:
    this runs on every check.
    """
    marks = not text.isascii() and COMBINING.search(text) is not None
    lower = _nfc_lower if marks else str.lower  # token keys
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    word_list: list[Token] = []  # by_kind["word"]: most tokens, so kept out of the dict
    others: dict[str, list[Token]] = {}  # by_kind for the other kinds
    append = tokens.append
    words = long_words = letters = 0
    group = group_words = index = 0  # group's first token, words before it, sentence index
    first = True  # the next token starts a sentence (see _close)
    closing = False  # the last token is a closing abbreviation (osv., etc.) in this group
    for m in (TOKEN_RE_MARKS if marks else TOKEN_RE).finditer(text):
        kind_no = m.lastindex or TAIL  # every branch has a group
        if kind_no <= WD:
            if kind_no == NL:
                if len(tokens) > group:
                    index, first = _close(tokens, sentences, group, words - group_words,
                                          word_list, others)
                    group, group_words, closing = len(tokens), words, False
                continue
            # Plain words separated by single spaces, maybe with the sentence end after them.
            start, end = m.span(W)
            start -= 1
            run = text[start:end]
            parts = run.split(" ")
            abbr = None
            if kind_no == WD:
                word = parts[-1]
                if len(word) <= 6 and (  # an abbreviation has at most six letters
                    word.lower() if word.isascii() else word.translate(ABBR_FOLD).lower()
                ) in PLAIN_ABBR:
                    abbr = ABBR_RE.match(text, end - len(word))
                    if abbr:  # then the last word and the dot are one abbr token (made below)
                        parts.pop()
            if parts:
                if closing and run[:1].isupper():
                    index, first = _close(tokens, sentences, group, words - group_words,
                                          word_list, others)
                    group, group_words = len(tokens), words
                closing = False
                for tok in parts:
                    end = start + len(tok)
                    append(_make(Token, (start, end, tok, lower(tok), "word", index, first)))
                    first = False
                    if end - start > 6:  # a long word if these are all letters (checked below)
                        long_words += 1
                    start = end + 1
                n_words = len(parts)
                word_list += tokens[-n_words:]
                words += n_words
                joined = "".join(parts)
                if joined.isalpha():
                    letters += len(joined)
                else:  # a hyphen, apostrophe, combining mark or ² is not a letter
                    for tok in parts:
                        n_letters = _count_letters(tok)
                        letters += n_letters
                        if n_letters <= 6 < len(tok):
                            long_words -= 1  # counted above by its length
            if abbr:
                start, end = abbr.span()
                tok = text[start:end]
                low = lower(tok)
                token = _make(Token, (start, end, tok, low, "abbr", index, first))
                append(token)
                others.setdefault("abbr", []).append(token)
                first = False
                closing = low in CLOSING
                words += 1
                letters += _count_letters(tok)  # at most six: never a long word
                start, end = end, m.end(kind_no)
                if start == end:  # no end token: a line break taken along ends the group
                    if m.end() > end:
                        index, first = _close(tokens, sentences, group, words - group_words,
                                              word_list, others)
                        group, group_words, closing = len(tokens), words, False
                    continue
            elif kind_no == W:
                continue
            elif kind_no != WE and kind_no != WD:  # the mark or emoji taken along
                start, end = m.span(kind_no)
                tok = text[start:end]
                kind = "other" if kind_no == WO else "emoji"
                token = _make(Token, (start, end, tok, lower(tok), kind, index, False))
                append(token)
                bucket = others.get(kind)
                if bucket is None:
                    others[kind] = [token]
                else:
                    bucket.append(token)
                continue
            else:
                start, end = m.span(kind_no)
            # The end token after the run; . ! ? … have no case, so it is its own key.
            tok = text[start:end]
            token = _make(Token, (start, end, tok, tok, "end", index, first))
            append(token)
            bucket = others.get("end")
            if bucket is None:
                others["end"] = [token]
            else:
                bucket.append(token)
            n_words = words - group_words
            if n_words and (not sentences or sentences[-1][2]):  # _close's first case, inline:
                last = len(tokens) - 1  # most sentences end here
                sentences.append(_make(Sentence, (tokens[group][0], end, n_words, group, last)))
                index, first, group = len(sentences), True, last + 1
            else:
                index, first = _close(tokens, sentences, group, n_words, word_list, others)
                group = len(tokens)
            group_words, closing = words, False
            continue
        elif kind_no >= WS:  # other whitespace, end of text
            continue
        kind = KINDS[kind_no]
        start, end = m.span(kind_no)
        if kind_no != ABBR:
            start -= 1
        tok = text[start:end]
        low = lower(tok)
        if kind_no in NOT_WORDS:  # most tokens that are not words: only stored
            token = _make(Token, (start, end, tok, low, kind, index, first))
            append(token)
            first = closing = False
            bucket = others.get(kind)
            if bucket is None:
                others[kind] = [token]
            else:
                bucket.append(token)
            continue
        if closing and kind == "word" and tok[:1].isupper():
            index, first = _close(tokens, sentences, group, words - group_words, word_list, others)
            group, group_words = len(tokens), words
        token = _make(Token, (start, end, tok, low, kind, index, first))
        append(token)
        first = closing = False
        if kind == "word":
            word_list.append(token)
        else:
            bucket = others.get(kind)
            if bucket is None:
                others[kind] = [token]
            else:
                bucket.append(token)
            if kind == "end":
                index, first = _close(tokens, sentences, group, words - group_words,
                                      word_list, others)
                group, group_words = len(tokens), words
                continue
            if kind == "abbr":
                closing = low in CLOSING
            elif kind != "number":
                continue
        words += 1
        if kind != "number":
            n_letters = len(tok) if tok.isalpha() else _count_letters(tok)
            letters += n_letters
            if n_letters > 6:
                long_words += 1
    if len(tokens) > group:
        _close(tokens, sentences, group, words - group_words, word_list, others)
    return Segmentation(text, tuple(tokens), tuple(sentences), words, long_words, letters,
                        tuple([s[0] for s in sentences]), encodable(text),
                        _by_kind(word_list, others))


def _close(tokens: list[Token], sentences: list[Sentence], group: int, n_words: int,
           word_list: list[Token], others: dict[str, list[Token]]) -> tuple[int, bool]:
    """End the group ``tokens[group:]``; return the sentence index and first flag for the next.

    A group without words, or one after a sentence without words, joins the sentence before.
    Tokens are made for the sentence their group will most likely be in: a sentence of its
    own, or the one before when that has no words yet. A group without words after a sentence
    with words was made for a sentence of its own and is remade (also in by_kind).
    """
    last = len(tokens) - 1
    if not sentences or (n_words and sentences[-1][2]):  # words
        sentences.append(_make(Sentence, (tokens[group][0], tokens[last][1], n_words, group, last)))
    else:
        prev = sentences[-1]
        index = len(sentences) - 1
        sentences[-1] = _make(Sentence, (prev[0], tokens[last][1], prev[2] + n_words, prev[3],
                                         last))
        if tokens[group][5] != index:  # sentence
            old = tokens[group:]
            tokens[group:] = new = [_make(Token, (*t[:5], index, False)) for t in old]
            for t in reversed(old):  # the group's tokens end the lists of their kinds
                (word_list if t[4] == "word" else others[t[4]]).pop()
            for t in new:
                (word_list if t[4] == "word" else others[t[4]]).append(t)
    if sentences[-1][2]:
        return len(sentences), True
    return len(sentences) - 1, False  # the next group joins this sentence without words


def _by_kind(word_list: list[Token], others: dict[str, list[Token]]) -> dict[str, list[Token]]:
    """Tokens by kind, the kinds in order of their first token (as one dict filled in order)."""
    if not word_list:
        return others
    first = word_list[0][0]  # start
    by_kind = {kind: bucket for kind, bucket in others.items() if bucket[0][0] < first}
    by_kind["word"] = word_list
    by_kind.update(others)
    return by_kind


_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD: UTF-8-safe, same code-point offsets."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def tokenize_phrase(phrase: str) -> tuple[str, ...]:
    """Lower-case token keys of a rule phrase, tokenised exactly like a post."""
    return tuple(normalize("NFC", t.text).lower() for t in segment(phrase).tokens)

