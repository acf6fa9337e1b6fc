"""kind: metric — whole-text or per-sentence measures compared with a limit.

Each measure returns (value, spans): the figure compared with the rule's limit and the spans a
finding should underline. A rule fires when value > limit.
- lix: LIX of the text (text) or of each sentence; span: the longest sentence.
- sentence_words: words per sentence (sentence) or average words per sentence (text).
- chars: characters of the text (trimmed); span: the part beyond the limit.
- exclamations: "!" per text or per sentence; spans: the "!" runs.
- caps_words: words in capitals with 5+ letters or next to another one ("VIKTIGT", "HUR KAN
  MAN"; a lone acronym like AIDS or SFI is not shouting); spans: those words.
- hashtags, emoji: how many; spans: each one.
- buzzword_density: percent of words that are in `words`; spans: those words.
- paragraph_words: words in the longest paragraph (blank-line separated); span: that paragraph.
- first_sentence_chars: characters of the first sentence as segmented (an emoji before a
  capital or a line break ends it); span: that sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import compress, count
from operator import attrgetter

from tonkoll.text.readability import lix_of
from tonkoll.text.segment import WORD_KINDS, Segmentation, Sentence, Token

Span2 = tuple[int, int]
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")
# What an emoji token may carry besides its pictographs: variation selectors, joiners, keycaps,
# skin tones and tag characters. They do not make a second emoji.
_EMOJI_MODIFIER = re.compile(
    "[\ufe00-\ufe0f\u200d\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")
Measure = tuple[float, list[Span2]]
_TEXT = attrgetter("text")
_WORDS = attrgetter("words")


def _sentence_tokens(seg: Segmentation, s: Sentence) -> Sequence[Token]:
    return seg.tokens[s.first_token : s.last_token + 1]


def _longest_sentence(seg: Segmentation) -> list[Span2]:
    if not seg.sentences:
        return []
    best = max(seg.sentences, key=_WORDS)
    return [(best.start, best.end)]


def _sentences_with_words(seg: Segmentation) -> int:
    return len(seg.sentences) - list(map(_WORDS, seg.sentences)).count(0)


def _sentence_lix(seg: Segmentation, s: Sentence) -> float:
    toks = _sentence_tokens(seg, s)
    long_words = sum(1 for t in toks if t.kind in WORD_KINDS and t.kind != "number"
                     and sum(c.isalpha() for c in t.text) > 6)
    return lix_of(s.words, 1, long_words)


def _caps_spans(words: Sequence[Token]) -> list[Span2]:
    """Shouted words: capitals only, and five letters or more or next to another such word.

    So "VIKTIGT" and "HUR KAN MAN" count, but a lone acronym (AIDS, SFI, HRSA) does not.
    Only the few words in capitals are visited (found with a C-level isupper pass).
    """
    upper = [i for i in compress(count(), map(str.isupper, map(_TEXT, words)))
             if len(words[i].text) >= 2]
    if not upper:
        return []
    shouted = set(upper)
    out: list[Span2] = []
    for i in upper:
        t = words[i]
        letters = len(t.text) if t.text.isalpha() else sum(c.isalpha() for c in t.text)
        beside = (i - 1 in shouted and words[i - 1].sentence == t.sentence) or (
            i + 1 in shouted and words[i + 1].sentence == t.sentence)
        if letters >= 5 or beside:
            out.append((t.start, t.end))
    return out


def _emoji_count(text: str) -> int:
    """Emoji in one emoji token: a skin tone or a joined family sequence counts once."""
    if len(text) == 1:
        return 1  # the common case, and a lone modifier still counts as one
    base = len(text) - len(_EMOJI_MODIFIER.findall(text))
    return max(1, base - text.count("\u200d"))


def _lix_value(seg: Segmentation) -> float:
    return lix_of(seg.words, _sentences_with_words(seg), seg.long_words)


def _lix(seg: Segmentation, buzz_hits: list[Span2]) -> Measure:
    return _lix_value(seg), _longest_sentence(seg)


def _sentence_words_value(seg: Segmentation) -> float:
    n_sent = _sentences_with_words(seg)
    return seg.words / n_sent if n_sent else 0.0


def _sentence_words(seg: Segmentation, buzz_hits: list[Span2]) -> Measure:
    return _sentence_words_value(seg), _longest_sentence(seg)


def _chars(seg: Segmentation, buzz_hits: list[Span2]) -> Measure:
    stripped = seg.text.strip()
    lead = len(seg.text) - len(seg.text.lstrip())
    return float(len(stripped)), [(lead, lead + len(stripped))]


def _first_sentence_chars(seg: Segmentation, buzz_hits: list[Span2]) -> Measure:
    first = next((s for s in seg.sentences if s.words), None)
    if first is None:
        return 0.0, []
    return float(first.end - first.start), [(first.start, first.end)]


def _exclamations(seg: Segmentation, buzz_hits: list[Span2]) -> Measure:
    ends = seg.by_kind.get("end", [])
    runs = [(t.start, t.end) for t in ends if "!" in t.text]
    return float(sum(t.text.count("!") for t in ends)), runs


def _caps_words(seg: Segmentation, buzz_hits: list[Span2]) -> Measure:
    spans = _caps_spans(seg.by_kind.get("word", []))
    return float(len(spans)), spans


def _hashtags(seg: Segmentation, buzz_hits: list[Span2]) -> Measure:
    spans = [(t.start, t.end) for t in seg.by_kind.get("hashtag", [])]
    return float(len(spans)), spans


def _emoji(seg: Segmentation, buzz_hits: list[Span2]) -> Measure:
    emo = seg.by_kind.get("emoji", [])
    texts = list(map(_TEXT, emo))
    if len("".join(texts)) == len(texts):
        value = len(texts)  # every emoji a single character: the usual post
    else:
        value = sum(map(_emoji_count, texts))
    return float(value), [(t.start, t.end) for t in emo]


def _buzzword_density(seg: Segmentation, buzz_hits: list[Span2]) -> Measure:
    return (100.0 * len(buzz_hits) / seg.words if seg.words else 0.0), buzz_hits


def _paragraph_words(seg: Segmentation, buzz_hits: list[Span2]) -> Measure:
    text = seg.text
    breaks = [m.span() for m in _PARAGRAPH_BREAK.finditer(text)]
    if not breaks:
        stripped = text.strip()
        lead = len(text) - len(text.lstrip())
        return float(seg.words), [(lead, lead + len(stripped))]
    # The blocks between blank lines, untrimmed: only the winner is trimmed below. A blank
    # block holds no words, so it can never win.
    blocks = list(zip([0] + [end for _, end in breaks],
                      [start for start, _ in breaks] + [len(text)], strict=True))
    counts = _words_per_paragraph(seg, blocks)
    most = max(counts)
    if most <= 0:
        return 0.0, []
    start, end = blocks[counts.index(most)]  # the first of the longest
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    return float(most), [(start + lead, start + lead + len(chunk.strip()))]


def _words_per_paragraph(seg: Segmentation, spans: list[Span2]) -> list[int]:
    """Words in each paragraph, summed per sentence: sentences end at line breaks, so nearly
    all lie inside one paragraph. The word tokens of one that does not (a line of emoji or
    hashtags after a blank line joins the sentence before it) are placed one by one."""
    counts = [0] * len(spans)
    starts = [start for start, _ in spans]
    k, last = 0, len(spans) - 1
    for s in seg.sentences:
        if not s.words or last < 0:
            continue
        while k < last and spans[k][1] <= s.start:
            k += 1
        if spans[k][0] <= s.start and s.end <= spans[k][1]:
            counts[k] += s.words
            continue
        for t in _sentence_tokens(seg, s):
            if t.kind in WORD_KINDS:
                j = bisect_right(starts, t.start) - 1
                if j >= 0 and t.start < spans[j][1]:
                    counts[j] += 1
    return counts


_TEXT_MEASURES: dict[str, Callable[[Segmentation, list[Span2]], Measure]] = {
    "lix": _lix,
    "sentence_words": _sentence_words,
    "chars": _chars,
    "exclamations": _exclamations,
    "caps_words": _caps_words,
    "hashtags": _hashtags,
    "emoji": _emoji,
    "buzzword_density": _buzzword_density,
    "paragraph_words": _paragraph_words,
    "first_sentence_chars": _first_sentence_chars,
}

Bound = Callable[[Segmentation], float]
# Cheap figures a measure can never exceed (some are the exact value without the spans): when
# one is within the limit the rule cannot fire, so the measure itself is skipped (a
# 280-character post never has an 80-word paragraph; few posts have more than five emoji).
_TEXT_BOUNDS: dict[str, Bound] = {
    "lix": _lix_value,  # exact, and cheaper than finding the longest sentence
    "sentence_words": _sentence_words_value,
    "hashtags": lambda seg: float(len(seg.by_kind.get("hashtag", ()))),
    "emoji": lambda seg: float(len("".join(map(_TEXT, seg.by_kind.get("emoji", ()))))),
    "exclamations": lambda seg: float(seg.text.count("!")),
    "paragraph_words": lambda seg: float(seg.words),
    "first_sentence_chars": lambda seg: float(len(seg.text)),
}
_SENTENCE_BOUNDS: dict[str, Bound] = {
    "sentence_words": lambda seg: float(max(map(_WORDS, seg.sentences), default=0)),
}


def upper_bound(metric: str, whole_text: bool) -> Bound | None:
    """The cheap upper bound of a measure (scope text or sentence), if it has one."""
    return (_TEXT_BOUNDS if whole_text else _SENTENCE_BOUNDS).get(metric)


def measure_text(metric: str, seg: Segmentation, buzz_hits: list[Span2]) -> Measure:
    """The figure for the whole text."""
    measure = _TEXT_MEASURES.get(metric)
    return measure(seg, buzz_hits) if measure is not None else (0.0, [])


def measure_sentences(
    metric: str, seg: Segmentation, buzz_hits: list[Span2]
) -> list[tuple[Sentence, Measure]]:
    """The figure for each sentence (for scope: sentence)."""
    sentences = seg.sentences
    if metric == "sentence_words":
        return [(s, (float(s.words), [(s.start, s.end)])) for s in sentences]
    if metric == "lix":
        return [(s, (_sentence_lix(seg, s), [(s.start, s.end)])) for s in sentences]
    if metric == "chars":
        return [(s, (float(s.end - s.start), [(s.start, s.end)])) for s in sentences]
    out: list[tuple[Sentence, Measure]] = []
    for s in sentences:
        # The other measures read a whole Segmentation: give them one for this sentence.
        toks = tuple(_sentence_tokens(seg, s))
        kinds: dict[str, list[Token]] = {}
        for t in toks:
            kinds.setdefault(t.kind, []).append(t)
        sub = Segmentation(text=seg.text, tokens=toks, sentences=(s,), words=s.words,
                           long_words=0, letters=0, starts=(s.start,), safe_text=seg.safe_text,
                           by_kind=kinds,
                           keys=seg.keys[s.first_token:s.last_token + 1])
        hits = [h for h in buzz_hits if s.start <= h[0] < s.end]
        out.append((s, measure_text(metric, sub, hits)))
    return out


def overflow_span(text: str, limit: float) -> Span2 | None:
    """The trimmed part of the text beyond ``limit`` characters (for chars rules)."""
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    cut = int(limit)
    if len(stripped) <= cut:
        return None
    return (lead + cut, lead + len(stripped))
