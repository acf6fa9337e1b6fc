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
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from api.text.readability import lix_of
from api.text.segment import WORD_KINDS, Segmentation, Sentence, Token, paragraphs

Span2 = tuple[int, int]
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")
Measure = tuple[float, list[Span2]]


def _sentence_tokens(seg: Segmentation, s: Sentence) -> Sequence[Token]:
    return seg.tokens[s.first_token : s.last_token + 1]


def _longest_sentence(seg: Segmentation) -> list[Span2]:
    if not seg.sentences:
        return []
    best = max(seg.sentences, key=lambda s: s.words)
    return [(best.start, best.end)]


def _sentence_lix(seg: Segmentation, s: Sentence) -> float:
    toks = _sentence_tokens(seg, s)
    long_words = sum(1 for t in toks if t.kind in WORD_KINDS and t.kind != "number"
                     and sum(c.isalpha() for c in t.text) > 6)
    return lix_of(s.words, 1, long_words)


def _caps_spans(words: Sequence[Token]) -> list[Span2]:
    """Shouted words: capitals only, and five letters or more or next to another such word.

    So "VIKTIGT" and "HUR KAN MAN" count, but a lone acronym (AIDS, SFI, HRSA) does not.
    """
    upper = [len(t.text) >= 2 and t.text.isupper() for t in words]
    out: list[Span2] = []
    for i, t in enumerate(words):
        if not upper[i]:
            continue
        letters = len(t.text) if t.text.isalpha() else sum(c.isalpha() for c in t.text)
        beside = (i > 0 and upper[i - 1] and words[i - 1].sentence == t.sentence) or (
            i + 1 < len(words) and upper[i + 1] and words[i + 1].sentence == t.sentence)
        if letters >= 5 or beside:
            out.append((t.start, t.end))
    return out


def _emoji_count(tok: Token) -> int:
    base = sum(1 for c in tok.text if not ("\ufe00" <= c <= "\ufe0f" or c in "\u200d\u20e3"
                                             or "\U0001f3fb" <= c <= "\U0001f3ff"
                                             or "\U000e0020" <= c <= "\U000e007f"))
    return max(1, base - tok.text.count("\u200d"))


def measure_text(metric: str, seg: Segmentation, buzz_hits: list[Span2]) -> Measure:
    """The figure for the whole text."""
    toks = seg.tokens
    kinds = seg.by_kind
    if metric == "lix":
        n_sent = sum(1 for s in seg.sentences if s.words)
        return lix_of(seg.words, n_sent, seg.long_words), _longest_sentence(seg)
    if metric == "sentence_words":
        n_sent = sum(1 for s in seg.sentences if s.words)
        return (seg.words / n_sent if n_sent else 0.0), _longest_sentence(seg)
    if metric == "chars":
        stripped = seg.text.strip()
        lead = len(seg.text) - len(seg.text.lstrip())
        return float(len(stripped)), [(lead, lead + len(stripped))]
    if metric == "exclamations":
        ends = kinds.get("end", [])
        runs = [(t.start, t.end) for t in ends if "!" in t.text]
        return float(sum(t.text.count("!") for t in ends)), runs
    if metric == "caps_words":
        spans = _caps_spans(kinds.get("word", []))
        return float(len(spans)), spans
    if metric == "hashtags":
        spans = [(t.start, t.end) for t in kinds.get("hashtag", [])]
        return float(len(spans)), spans
    if metric == "emoji":
        emo = kinds.get("emoji", [])
        return float(sum(_emoji_count(t) for t in emo)), [(t.start, t.end) for t in emo]
    if metric == "buzzword_density":
        return (100.0 * len(buzz_hits) / seg.words if seg.words else 0.0), buzz_hits
    if metric == "paragraph_words":
        if not _PARAGRAPH_BREAK.search(seg.text):
            stripped = seg.text.strip()
            lead = len(seg.text) - len(seg.text.lstrip())
            return float(seg.words), [(lead, lead + len(stripped))]
        best: Measure = (0.0, [])
        i, n_toks = 0, len(toks)
        for start, end in paragraphs(seg.text):
            n = 0
            while i < n_toks and toks[i].start < end:
                if toks[i].start >= start and toks[i].kind in WORD_KINDS:
                    n += 1
                i += 1
            if n > best[0]:
                best = (float(n), [(start, end)])
        return best
    return 0.0, []


def measure_sentences(
    metric: str, seg: Segmentation, buzz_hits: list[Span2]
) -> list[tuple[Sentence, Measure]]:
    """The figure for each sentence (for scope: sentence)."""
    per: dict[str, Callable[[Sentence], Measure]] = {
        "lix": lambda s: (_sentence_lix(seg, s), [(s.start, s.end)]),
        "sentence_words": lambda s: (float(s.words), [(s.start, s.end)]),
    }
    out: list[tuple[Sentence, Measure]] = []
    for s in seg.sentences:
        if metric in per:
            out.append((s, per[metric](s)))
            continue
        toks = tuple(_sentence_tokens(seg, s))
        kinds: dict[str, list[Token]] = {}
        for t in toks:
            kinds.setdefault(t.kind, []).append(t)
        sub = Segmentation(seg.text, toks, (s,), s.words, 0, 0, (s.start,), seg.safe_text, kinds)
        hits = [h for h in buzz_hits if s.start <= h[0] < s.end]
        if metric == "chars":
            out.append((s, (float(s.end - s.start), [(s.start, s.end)])))
        else:
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
