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
from dataclasses import dataclass
from typing import NamedTuple

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
_EMOJI = (
    "[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF\u2190-\u21FF"
    "\u3030\u303D\u3297\u3299\u00A9\u00AE\u203C\u2049\u2122\u2139\u24C2\u25AA-\u25FE"
    "\U0001F1E6-\U0001F1FF]"
)
_EMOJI_TAIL = "[\uFE0F\uFE0E\u200D\u20E3\U0001F3FB-\U0001F3FF\U000E0020-\U000E007F]"

_TOKEN_RE = re.compile(
    r"[ \t\r\f\v]*(?:"  # skipping blanks here is cheaper than failing every branch on them
    r"(?P<url>(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,!?;:)\]}'”’…])"
    r"|(?P<mention>(?<![\w@])@\w+(?:[._]\w+)*)"
    r"|(?P<hashtag>(?<![\w#&])#\w+)"
    rf"|(?P<abbr>(?<![\w.])(?=[^\W\d_]{{1,6}}\.)(?:{_ABBR_ALT})(?![\w]))"
    r"|(?P<number>\d+(?:[.,:]\d+)*)"
    r"|(?P<word>[^\W\d_]+(?:[-'’:][^\W\d_]+)*)(?![\w.+-]*@)"
    r"|(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|(?P<end>[.!?…]+)"
    r"|(?P<nl>\n)"
    rf"|(?P<emoji>{_EMOJI}{_EMOJI_TAIL}*(?:\u200D{_EMOJI}{_EMOJI_TAIL}*)*)"
    r"|(?P<other>[^\s]))",
    re.IGNORECASE,
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
    """Tokens and sentences of ``text``; sentences without words are folded into neighbours."""
    raw: list[tuple[int, int, str, str, str]] = []
    breaks: list[int] = []  # index into raw of the first token of each new sentence
    pending_break = True
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup or "other"
        if kind == "nl":
            pending_break = True
            continue
        start, end = m.span(kind)
        tok = text[start:end]
        low = tok.lower()
        if pending_break:
            breaks.append(len(raw))
            pending_break = False
        elif kind == "word" and raw and raw[-1][4] == "abbr" and raw[-1][3] in _CLOSING:
            if tok[:1].isupper():
                breaks.append(len(raw))
        raw.append((start, end, tok, low, kind))
        if kind == "end":
            pending_break = True
    return _assemble(text, raw, breaks)


def _assemble(
    text: str, raw: list[tuple[int, int, str, str, str]], breaks: list[int]
) -> Segmentation:
    # Group raw tokens into sentences; a group without words joins the previous sentence.
    groups: list[list[int]] = []
    bounds = breaks + [len(raw)]
    for b0, b1 in zip(bounds, bounds[1:], strict=False):
        if b1 <= b0:
            continue
        has_word = any(raw[i][4] in WORD_KINDS for i in range(b0, b1))
        if not has_word and groups:
            groups[-1][1] = b1
        elif groups and not _group_has_word(raw, groups[-1]):
            groups[-1][1] = b1
        else:
            groups.append([b0, b1])
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    words = long_words = letters = 0
    for si, (g0, g1) in enumerate(groups):
        n_words = 0
        for i in range(g0, g1):
            start, end, tok, low, kind = raw[i]
            if kind in WORD_KINDS:
                n_words += 1
                n_letters = 0 if kind == "number" else _count_letters(tok)
                letters += n_letters
                if n_letters > 6:
                    long_words += 1
            tokens.append(Token(start, end, tok, low, kind, si, i == g0))
        words += n_words
        sentences.append(Sentence(raw[g0][0], raw[g1 - 1][1], n_words, g0, g1 - 1))
    starts = tuple(s.start for s in sentences)
    return Segmentation(text, tuple(tokens), tuple(sentences), words, long_words, letters, starts,
                        encodable(text))


_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD: UTF-8-safe, same code-point offsets."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def _group_has_word(raw: list[tuple[int, int, str, str, str]], group: list[int]) -> bool:
    return any(raw[i][4] in WORD_KINDS for i in range(group[0], group[1]))


def tokenize_phrase(phrase: str) -> tuple[str, ...]:
    """Lower-case token keys of a rule phrase, tokenised exactly like a post."""
    return tuple(
        m.group(m.lastgroup).lower()
        for m in _TOKEN_RE.finditer(phrase)
        if m.lastgroup and m.lastgroup != "nl"
    )


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
