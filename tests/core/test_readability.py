from __future__ import annotations

import pytest

from tonkoll.text.readability import band, lix_of, readability
from tonkoll.text.segment import segment


@pytest.mark.parametrize(
    ("lix", "name"),
    [(0, "mycket lätt"), (29.9, "mycket lätt"), (30, "lätt"), (39.9, "lätt"), (40, "medelsvår"),
     (50, "svår"), (59.9, "svår"), (60, "mycket svår"), (95, "mycket svår")],
)
def test_bands(lix: float, name: str) -> None:
    assert band(lix) == name


def test_lix_formula() -> None:
    # 10 words, 2 sentences, 3 long words: 10/2 + 100*3/10 = 35
    assert lix_of(10, 2, 3) == pytest.approx(35.0)
    assert lix_of(0, 0, 0) == 0.0


def test_readability_of_a_post_counts_short_sentences() -> None:
    r = readability(segment("Hej! Nu öppnar badet igen. Välkommen!"))
    assert r.sentences == 3
    assert r.words == 6
    assert r.long_words == 1  # välkommen
    assert r.lix == pytest.approx(round(6 / 3 + 100 * 1 / 6, 1))
    assert r.band == "mycket lätt"
    assert r.words_per_sentence == 2.0


def test_bureaucratic_text_is_hard() -> None:
    text = ("Kommunfullmäktiges sammanträdesprotokoll innehåller beslutsunderlag beträffande "
            "exploateringsavtalet och detaljplaneprogrammet för stadsdelsförvaltningen.")
    r = readability(segment(text))
    assert r.lix > 60
    assert r.band == "mycket svår"


def test_textstat_is_not_imported_by_the_engine() -> None:
    import subprocess
    import sys

    code = ("import sys; from tonkoll.engine import check; from tonkoll.rulebook.loader import "
            "load_rulebook; print('textstat' in sys.modules, 'nltk' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"
