"""Words of one sentence with their offsets, and the small helpers every construction shares."""

from __future__ import annotations

import re
from typing import NamedTuple

# A word: letters/digits, with inner hyphens or apostrophes (id-kort, e-tjänsten, don't).
_WORD = re.compile(r"[\w]+(?:[-'’][\w]+)*")
_ANY_WORD_CHARACTER = re.compile(r"\w")


class Word(NamedTuple):
    start: int
    end: int
    text: str
    low: str


def word_texts(text: str) -> list[str]:
    """The words of ``text`` as ``words`` reads them, without offsets (one C-level pass)."""
    return _WORD.findall(text)


def words(sentence: str) -> list[Word]:
    out: list[Word] = []
    for m in _WORD.finditer(sentence):
        start, end = m.span()
        text = m.group()
        out.append(Word(start, end, text, text.lower()))
    return out


def index_at(ws: list[Word], start: int, end: int) -> list[int]:
    """Indexes of the words that overlap [start, end)."""
    return [i for i, w in enumerate(ws) if w.start < end and w.end > start]


def only_spaces_between(sentence: str, ws: list[Word], i: int, j: int) -> bool:
    """True when words i..j are separated by blanks only (no comma, colon, dash …)."""
    return all(sentence[ws[k].end:ws[k + 1].start].strip() == "" for k in range(i, j))


def clause_start(sentence: str, ws: list[Word], before: int) -> int:
    """Index of the first word of the clause that holds word `before`: after the last colon or
    semicolon before it ("Malmö stad informerar: badet stängs …"), else 0."""
    first = 0
    for k in range(before):
        if any(ch in ":;" for ch in sentence[ws[k].end:ws[k + 1].start]):
            first = k + 1
    return first


# Sentence-initial words that keep their capital letter when moved: these names, words with
# another capital inside, and a word before a capitalised word. A compound with a place-name
# ending may be either ("Pildammsparken", "hundparken"): unsure.
_NAME_ENDINGS = ("gatan", "vägen", "torget", "parken", "allén", "stranden", "hamnen", "bron")
_NAMES = frozenset({"malmö", "sverige", "skåne", "lund", "köpenhamn", "stadsbiblioteket",
                    "stadshuset", "möllan", "ribban", "folkets", "malmöborna"})


def lower_first(sentence: str, ws: list[Word], i: int) -> str | None:
    """The word at i as it reads mid-sentence: a common noun loses its capital, a known name
    ("Stadsbiblioteket", "Folkets park", "SFI") keeps it; None when it cannot tell
    ("Pildammsparken" is a name, "Hundparken" is not), and a rewrite that moves it is unsafe."""
    w = ws[i]
    if not w.text[:1].isupper():
        return w.text
    before = sentence[:w.start].rstrip()
    if (_ANY_WORD_CHARACTER.search(before)  # only a dash or quote before: the start ("-Delar")
            and not before.endswith((":", ".", "!", "?"))):
        return w.text  # capitalised mid-sentence: a name, keep it
    if w.low.endswith(_NAME_ENDINGS) and w.low not in _NAME_ENDINGS:  # "Vägen" is no name
        return None
    if any(c.isupper() for c in w.text[1:]) or w.low in _NAMES:
        return w.text
    if i + 1 < len(ws) and ws[i + 1].text[:1].isupper():
        return w.text
    return w.text[:1].lower() + w.text[1:]


def text_of(sentence: str, ws: list[Word], i: int, j: int, first: str | None = None) -> str:
    """The sentence text from word i to word j (inclusive), the first word optionally replaced."""
    if i > j:
        return ""
    head = ws[i].text if first is None else first
    return head + sentence[ws[i].end:ws[j].end]
