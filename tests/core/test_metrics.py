"""Every metric measure on small texts (value and what it underlines)."""

from __future__ import annotations

import pytest

from tonkoll.engine.metric import measure_sentences, measure_text, overflow_span
from tonkoll.text.segment import segment


def spans_text(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in spans]


def test_sentence_words_text_and_sentence_scope() -> None:
    text = "Ett två tre. Fyra fem sex sju åtta nio!"
    value, spans = measure_text("sentence_words", segment(text), [])
    assert value == pytest.approx(4.5)
    assert spans_text(text, spans) == ["Fyra fem sex sju åtta nio!"]
    per = measure_sentences("sentence_words", segment(text), [])
    assert [v for _, (v, _) in per] == [3.0, 6.0]


def test_hashtags_and_emoji() -> None:
    text = "Kul! #malmö #sommar 😀 👍🏽 👨‍👩‍👧"
    seg = segment(text)
    value, spans = measure_text("hashtags", seg, [])
    assert value == 2 and spans_text(text, spans) == ["#malmö", "#sommar"]
    value, spans = measure_text("emoji", seg, [])
    assert value == 3  # a skin tone and a family sequence count once each
    assert spans_text(text, spans) == ["😀", "👍🏽", "👨‍👩‍👧"]


def test_buzzword_density_is_percent_of_words() -> None:
    text = "En innovativ och hållbar satsning för alla"
    seg = segment(text)
    value, spans = measure_text("buzzword_density", seg, [(3, 12), (17, 24)])
    assert value == pytest.approx(100 * 2 / 7)
    assert spans_text(text, spans) == ["innovativ", "hållbar"]


def test_paragraph_words_finds_the_longest_paragraph() -> None:
    text = "Kort stycke.\n\nHär kommer ett längre stycke\nsom går över två rader.\n\nSlut."
    value, spans = measure_text("paragraph_words", segment(text), [])
    assert value == 10
    assert spans_text(text, spans) == ["Här kommer ett längre stycke\nsom går över två rader."]
    value, spans = measure_text("paragraph_words", segment("  Bara ett stycke.  "), [])
    assert value == 3 and spans == [(2, 18)]
    # Several blank lines, or a line of only spaces, also separate paragraphs; ties: the first.
    text = "Första stycket.\n\n\nAndra\nstycket.\n \nTredje"
    value, spans = measure_text("paragraph_words", segment(text), [])
    assert value == 2 and spans_text(text, spans) == ["Första stycket."]


def test_exclamations_and_chars() -> None:
    text = "Hej!! Kom! Nu"
    value, spans = measure_text("exclamations", segment(text), [])
    assert value == 3 and spans_text(text, spans) == ["!!", "!"]
    value, spans = measure_text("chars", segment("  abc  "), [])
    assert value == 3 and spans == [(2, 5)]
    assert overflow_span("  abcdef ", 4) == (6, 8)
    assert overflow_span("abc", 4) is None


def test_lix_per_sentence() -> None:
    text = "Hej på dig. Kommunfullmäktiges sammanträdesprotokoll publiceras."
    per = measure_sentences("lix", segment(text), [])
    assert per[0][1][0] < 30 < per[1][1][0]
