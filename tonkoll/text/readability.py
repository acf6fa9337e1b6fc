"""LIX (läsbarhetsindex, Björnsson 1968) and its Swedish band, computed from our own segmentation.

LIX = words / sentences + 100 * long words / words, where a long word has more than six letters.
We do not use textstat here: its sentence splitter drops sentences of two words or fewer
("Hej!"), splits on the dots of URLs and abbreviations and ignores line breaks (see
docs/engine.md). This module is the only place allowed to import textstat, should a
language-independent textstat measure ever be needed.
"""

from __future__ import annotations

from operator import attrgetter

from tonkoll.findings import Readability
from tonkoll.text.segment import Segmentation

# (upper bound exclusive, band) per lix.se as quoted in the domain brief §3.8.
BANDS: tuple[tuple[float, str], ...] = (
    (30.0, "mycket lätt"),
    (40.0, "lätt"),
    (50.0, "medelsvår"),
    (60.0, "svår"),
)
HARDEST_BAND = "mycket svår"
_WORDS = attrgetter("words")  # Sentence.words, read in C rather than a generator per sentence


def band(lix: float) -> str:
    """The Swedish band name of a LIX value: <30 mycket lätt … >=60 mycket svår."""
    for upper, name in BANDS:
        if lix < upper:
            return name
    return HARDEST_BAND


def lix_of(words: int, sentences: int, long_words: int) -> float:
    """LIX from counts; 0.0 for a text without words."""
    if words <= 0:
        return 0.0
    return words / max(1, sentences) + 100.0 * long_words / words


def readability(seg: Segmentation) -> Readability:
    """Readability figures of a segmented text."""
    sentences = len(seg.sentences) - list(map(_WORDS, seg.sentences)).count(0)
    lix = round(lix_of(seg.words, sentences, seg.long_words), 1)
    wps = round(seg.words / sentences, 1) if sentences else 0.0
    return Readability(lix=lix, band=band(lix), words=seg.words, sentences=sentences,
                       words_per_sentence=wps, long_words=seg.long_words)
