"""Split a social-media post into tokens and sentences, with code-point offsets.

Made for posts, not for books:
- URLs, e-mail addresses, @mentions, #hashtags and emoji are tokens but not words;
- line breaks and runs of ``.!?…`` end sentences; a one-word sentence ("Hej!") counts;
- Swedish abbreviations (t.ex., bl.a., kl. 8.30, ca, osv.) and numbers (8.30, 3,5) do not end
  sentences, except that a "closing" abbreviation (osv., m.m., etc.) ends one before a capital.

One pass of one compiled (stdlib) regular expression; our own fixed pattern, never user input.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple
from unicodedata import normalize

# Abbreviations that never end a sentence (lower case, with their dots).
_ABBREVIATIONS = (
    "t.ex.", "bl.a.", "m.m.", "m.fl.", "osv.", "o.s.v.", "dvs.", "d.v.s.", "fr.o.m.", "t.o.m.",
    "s.k.", "ev.", "resp.", "kl.", "nr.", "tel.", "ca.", "etc.", "jfr.", "p.g.a.", "pga.",
    "f.d.", "o.d.", "e.d.", "inkl.", "exkl.", "obs.", "st.", "mfl.", "e.g.", "i.e.", "approx.",
    "no.", "mr.", "mrs.", "ms.", "dr.", "vs.", "ang.", "adr.", "forts.", "tfn.", "bet.",
)
# Abbreviations that may close a sentence: they end one when the next word starts with a capital.
_CLOSING = frozenset({"osv.", "o.s.v.", "m.m.", "m.fl.", "mfl.", "etc."})


def _abbr_pattern(abbr: str) -> str:
    # "t.ex." may also be written "t.ex": the final dot is optional when there is an inner one.
    body = re.escape(abbr[:-1])
    return body + (r"\.?" if "." in abbr[:-1] else r"\.")


_ABBR_ALT = "|".join(_abbr_pattern(a) for a in sorted(_ABBREVIATIONS, key=len, reverse=True))
_TLDS = "se|nu|com|org|net|eu|io|info|fi|no|dk|de|uk|gov|edu"
_EMOJI = (
    "[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF\u2190-\u21FF"
    "\u3030\u303D\u3297\u3299\u00A9\u00AE\u203C\u2049\u2122\u2139\u24C2\u25AA-\u25FE"
    "\U0001F1E6-\U0001F1FF]"
)
_EMOJI_TAIL = "[\uFE0F\uFE0E\u20E3\U0001F3FB-\U0001F3FF\U000E0020-\U000E007F]"


def _token_pattern(letter: str) -> re.Pattern[str]:
    return re.compile(
        # Linear time on any input: the blank prefix is possessive and the last two branches
        # (any other whitespace, end of text) mean a match never fails after it.
        r"[ \t\r\f\v]*+(?:"  # skipping blanks here is cheaper than failing every branch on them
        # Fast path: a plain word not followed by . : @ (those may be abbreviations, URLs, e-mail
        # addresses and fall through to the full list below, which decides as before).
        rf"(?P<w>{letter}+(?:[-'’]{letter}+)*)(?![-'’:.@+\w\u0300-\u036f])"
        r"|(?P<url>(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,!?;:)\]}'”’…])"
        # A bare domain such as malmo.se or malmo.se/bad (its dot must not end a sentence).
        rf"|(?P<domain>(?<![\w@.-])[\w-]+(?:\.[\w-]+)*\.(?-i:{_TLDS})(?![\w-])"
        r"(?:/[^\s<>\"]*[^\s<>\".,!?;:)\]}'”’…])?)"
        r"|(?P<mention>(?<![\w@])@\w+(?:[._]\w+)*)"
        r"|(?P<hashtag>(?<![\w#&])#\w+)"
        rf"|(?P<abbr>(?<![\w.])(?=[^\W\d_]{{1,6}}\.)(?:{_ABBR_ALT})(?![\w]))"
        r"|(?P<number>\d+(?:[.,:]\d+)*)"
        rf"|(?P<word>{letter}+(?:[-'’:]{letter}+)*)(?![\w.+-]{{0,64}}@)"
        r"|(?P<email>[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+)"  # bounded: no quadratic rescans
        r"|(?P<end>[.!?…]+)"
        r"|(?P<nl>\n)"
        rf"|(?P<emoji>{_EMOJI}{_EMOJI_TAIL}*(?:\u200D{_EMOJI}{_EMOJI_TAIL}*)*)"
        r"|(?P<other>[^\s])"
        r"|(?P<ws>\s)"
        r"|(?P<tail>\Z))",
        re.IGNORECASE,
    )


_TOKEN_RE = _token_pattern(r"[^\W\d_]")
# Text typed on some systems spells å as a + U+030A: then a letter may carry combining accents,
# and token keys are NFC-normalised so they still match the rules' words.
_COMBINING = re.compile("[\u0300-\u036f]")
_TOKEN_RE_MARKS = _token_pattern("(?:[^\\W\\d_]|[\u0300-\u036f])")

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


def _count_letters(word: str) -> int:
    if word.isalpha():
        return len(word)
    return sum(1 for ch in word if ch.isalpha())


def segment(text: str) -> Segmentation:
    """Tokens and sentences of ``text``; a group without words joins the sentence before it."""
    b = _Builder()
    group: list[tuple[int, int, str, str, str]] = []
    marks = not text.isascii() and _COMBINING.search(text) is not None
    for m in (_TOKEN_RE_MARKS if marks else _TOKEN_RE).finditer(text):
        kind = m.lastgroup or "other"
        if kind == "nl":
            if group:
                b.close(group)
                group = []
            continue
        if kind == "ws" or kind == "tail":
            continue
        start, end = m.span(kind)
        if kind == "w":
            kind = "word"
        elif kind == "domain":
            kind = "url"
        tok = text[start:end]
        low = normalize("NFC", tok).lower() if marks else tok.lower()
        if (kind == "word" and group and group[-1][4] == "abbr" and group[-1][3] in _CLOSING
                and tok[:1].isupper()):
            b.close(group)
            group = []
        group.append((start, end, tok, low, kind))
        if kind == "end":
            b.close(group)
            group = []
    if group:
        b.close(group)
    starts = tuple(s.start for s in b.sentences)
    return Segmentation(text, tuple(b.tokens), tuple(b.sentences), b.words, b.long_words,
                        b.letters, starts, encodable(text), b.by_kind)


class _Builder:
    """Collects tokens and sentences group by group (a group ends at . ! ? … or a line break)."""

    def __init__(self) -> None:
        self.tokens: list[Token] = []
        self.sentences: list[Sentence] = []
        self.words = self.long_words = self.letters = 0
        self.by_kind: dict[str, list[Token]] = {}

    def close(self, group: list[tuple[int, int, str, str, str]]) -> None:
        n_words = 0
        for _s, _e, tok, _l, kind in group:
            if kind in WORD_KINDS:
                n_words += 1
                if kind != "number":
                    n_letters = len(tok) if tok.isalpha() else _count_letters(tok)
                    self.letters += n_letters
                    if n_letters > 6:
                        self.long_words += 1
        self.words += n_words
        sentences = self.sentences
        first = len(self.tokens)
        if sentences and (n_words == 0 or sentences[-1].words == 0):
            prev = sentences[-1]  # join the sentence before
            index, is_first = len(sentences) - 1, False
            sentences[-1] = Sentence(prev.start, group[-1][1], prev.words + n_words,
                                     prev.first_token, first + len(group) - 1)
        else:
            index, is_first = len(sentences), True
            sentences.append(Sentence(group[0][0], group[-1][1], n_words, first,
                                      first + len(group) - 1))
        append = self.tokens.append
        by_kind = self.by_kind
        make = tuple.__new__  # a NamedTuple without its Python-level __new__: hot path
        for start, end, tok, low, kind in group:
            token = make(Token, (start, end, tok, low, kind, index, is_first))
            append(token)
            bucket = by_kind.get(kind)
            if bucket is None:
                by_kind[kind] = [token]
            else:
                bucket.append(token)
            is_first = False


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
    return tuple(
        normalize("NFC", m.group(m.lastgroup)).lower()
        for m in _TOKEN_RE_MARKS.finditer(phrase)
        if m.lastgroup and m.lastgroup not in _NOT_TOKENS
    )


_NOT_TOKENS = frozenset({"nl", "ws", "tail"})


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blocks separated by an empty line, trimmed."""
    out: list[tuple[int, int]] = []
    pos = 0
    for sep in [*_PARA_SEP.finditer(text), None]:
        end = sep.start() if sep else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        pos = sep.end() if sep else len(text)
    return out


_PARA_SEP = re.compile(r"\n[ \t\r]*\n")
