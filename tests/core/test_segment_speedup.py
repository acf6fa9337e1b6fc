"""Edge cases of the fast paths in segment (word runs, ends taken along, case-sensitive pattern).

Expected values were produced by the one-match-per-token segmenter that these paths replaced.
"""

from __future__ import annotations

import re

import pytest

from tonkoll.text.segment import Token, segment, tokenize_phrase

CASES = [
    (
        "Vi har äpplen, päron m.m. OSV. e-post?",
        [
            ("word", "Vi", 0, True),
            ("word", "har", 0, False),
            ("word", "äpplen", 0, False),
            ("other", ",", 0, False),
            ("word", "päron", 0, False),
            ("abbr", "m.m.", 0, False),
            ("abbr", "OSV.", 0, False),
            ("word", "e-post", 0, False),
            ("end", "?", 0, False),
        ],
        ["Vi har äpplen, päron m.m. OSV. e-post?"],
        (7, 0, 26),
    ),
    (
        "Vi har osv.\nSen kommer glassen",
        [
            ("word", "Vi", 0, True),
            ("word", "har", 0, False),
            ("abbr", "osv.", 0, False),
            ("word", "Sen", 1, True),
            ("word", "kommer", 1, False),
            ("word", "glassen", 1, False),
        ],
        ["Vi har osv.", "Sen kommer glassen"],
        (6, 1, 24),
    ),
    (
        "Hej!\n\n \nDå ses vi. Välkomna…\n\nkommunfullmäktige.",
        [
            ("word", "Hej", 0, True),
            ("end", "!", 0, False),
            ("word", "Då", 1, True),
            ("word", "ses", 1, False),
            ("word", "vi", 1, False),
            ("end", ".", 1, False),
            ("word", "Välkomna", 2, True),
            ("end", "…", 2, False),
            ("word", "kommunfullmäktige", 3, True),
            ("end", ".", 3, False),
        ],
        ["Hej!", "Då ses vi.", "Välkomna…", "kommunfullmäktige."],
        (6, 2, 35),
    ),
    (
        "Läs mer på www.)x eller WWW. nu",
        [
            ("word", "Läs", 0, True),
            ("word", "mer", 0, False),
            ("word", "på", 0, False),
            ("url", "www.)x", 0, False),
            ("word", "eller", 0, False),
            ("word", "WWW", 0, False),
            ("end", ".", 0, False),
            ("word", "nu", 1, True),
        ],
        ["Läs mer på www.)x eller WWW.", "nu"],
        (6, 0, 18),
    ),
    (
        "Se httpſ://malmo.se eller oſv. och KL. 8",
        [
            ("word", "Se", 0, True),
            ("url", "httpſ://malmo.se", 0, False),
            ("word", "eller", 0, False),
            ("abbr", "oſv.", 0, False),
            ("word", "och", 0, False),
            ("abbr", "KL.", 0, False),
            ("number", "8", 0, False),
        ],
        ["Se httpſ://malmo.se eller oſv. och KL. 8"],
        (6, 0, 15),
    ),
    (
        "ⓜ och Ⓜ är emoji",
        [
            ("emoji", "ⓜ", 0, True),
            ("word", "och", 0, False),
            ("emoji", "Ⓜ", 0, False),
            ("word", "är", 0, False),
            ("word", "emoji", 0, False),
        ],
        ["ⓜ och Ⓜ är emoji"],
        (3, 0, 10),
    ),
    (
        "Ring mig, kl. 8.30. Det gäller fr.o.m. måndag!",
        [
            ("word", "Ring", 0, True),
            ("word", "mig", 0, False),
            ("other", ",", 0, False),
            ("abbr", "kl.", 0, False),
            ("number", "8.30", 0, False),
            ("end", ".", 0, False),
            ("word", "Det", 1, True),
            ("word", "gäller", 1, False),
            ("abbr", "fr.o.m.", 1, False),
            ("word", "måndag", 1, False),
            ("end", "!", 1, False),
        ],
        ["Ring mig, kl. 8.30.", "Det gäller fr.o.m. måndag!"],
        (8, 0, 28),
    ),
    (
        "Skriv till a.b@malmo.se... eller x.osv. eller slutet...@namn",
        [
            ("word", "Skriv", 0, True),
            ("word", "till", 0, False),
            ("email", "a.b@malmo.se", 0, False),
            ("end", "...", 0, False),
            ("word", "eller", 1, True),
            ("word", "x", 1, False),
            ("end", ".", 1, False),
            ("word", "osv", 2, True),
            ("end", ".", 2, False),
            ("word", "eller", 3, True),
            ("other", "s", 3, False),
            ("other", "l", 3, False),
            ("other", "u", 3, False),
            ("other", "t", 3, False),
            ("other", "e", 3, False),
            ("other", "t", 3, False),
            ("end", "...", 3, False),
            ("mention", "@namn", 3, False),
        ],
        ["Skriv till a.b@malmo.se...", "eller x.", "osv.", "eller slutet...@namn"],
        (6, 0, 23),
    ),
    (
        "drift- och underhåll, x² och e-postadressen.",
        [
            ("word", "drift", 0, True),
            ("other", "-", 0, False),
            ("word", "och", 0, False),
            ("word", "underhåll", 0, False),
            ("other", ",", 0, False),
            ("word", "x²", 0, False),
            ("word", "och", 0, False),
            ("word", "e-postadressen", 0, False),
            ("end", ".", 0, False),
        ],
        ["drift- och underhåll, x² och e-postadressen."],
        (6, 2, 34),
    ),
    (
        "🎉🎉\nVälkommen till oss! 😂😂\n",
        [
            ("emoji", "🎉🎉", 0, True),  # a run of emoji is one token (like "!!!")
            ("word", "Välkommen", 0, False),
            ("word", "till", 0, False),
            ("word", "oss", 0, False),
            ("end", "!", 0, False),
            ("emoji", "😂😂", 0, False),
        ],
        ["🎉🎉\nVälkommen till oss! 😂😂"],
        (3, 1, 16),
    ),
    (
        "Hej, du 😂👍🏽 och Ⓜ (ja) ”citat” ord;\nsista ,",
        [
            ("word", "Hej", 0, True),
            ("other", ",", 0, False),
            ("word", "du", 0, False),
            ("emoji", "😂👍🏽", 0, False),
            ("word", "och", 0, False),
            ("emoji", "Ⓜ", 0, False),
            ("other", "(", 0, False),
            ("word", "ja", 0, False),
            ("other", ")", 0, False),
            ("other", "”", 0, False),
            ("word", "citat", 0, False),
            ("other", "”", 0, False),
            ("word", "ord", 0, False),
            ("other", ";", 0, False),
            ("word", "sista", 1, True),
            ("other", ",", 1, False),
        ],
        ["Hej, du 😂👍🏽 och Ⓜ (ja) ”citat” ord;", "sista ,"],
        (7, 0, 23),
    ),
]


@pytest.mark.parametrize(("text", "tokens", "sentences", "counts"), CASES)
def test_tokens_sentences_and_counts(
    text: str,
    tokens: list[tuple[str, str, int, bool]],
    sentences: list[str],
    counts: tuple[int, int, int],
) -> None:
    seg = segment(text)
    assert [(t.kind, t.text, t.sentence, t.first_in_sentence) for t in seg.tokens] == tokens
    assert all(text[t.start : t.end] == t.text for t in seg.tokens)
    assert [text[s.start : s.end] for s in seg.sentences] == sentences
    assert (seg.words, seg.long_words, seg.letters) == counts
    assert seg.starts == tuple(s.start for s in seg.sentences)


@pytest.mark.parametrize(("text", "tokens", "sentences", "counts"), CASES)
def test_by_kind_lists_every_token_by_kind_in_order(
    text: str, tokens: object, sentences: object, counts: object
) -> None:
    seg = segment(text)
    expected: dict[str, list[Token]] = {}
    for t in seg.tokens:
        expected.setdefault(t.kind, []).append(t)
    assert seg.by_kind == expected
    assert list(seg.by_kind) == list(expected)  # kinds in order of their first token


def test_phrase_keys_split_a_run_of_words() -> None:
    assert tokenize_phrase("Med anledning av osv. Hej!") == (
        "med",
        "anledning",
        "av",
        "osv.",
        "hej",
        "!",
    )
    assert tokenize_phrase("a\u030angest") == ("\u00e5ngest",)
    assert tokenize_phrase("ja Ⓜ, nej,") == ("ja", "ⓜ", ",", "nej", ",")


def test_a_long_run_of_words_is_one_sentence() -> None:
    text = "ord " * 5000 + "slut."
    seg = segment(text)
    assert seg.words == 5001 and len(seg.sentences) == 1 and seg.tokens[-1].kind == "end"


def test_abbreviation_before_a_final_dot_folds_like_the_regex() -> None:
    # The word before a sentence-ending dot is an abbreviation when the case-insensitive regex
    # says so, including the four non-ASCII letters it matches to ASCII ones.
    ascii_letter = re.compile("(?i:[a-z])")
    folded = {c for c in map(chr, range(128, 0x110000)) if ascii_letter.fullmatch(c)}
    assert folded == set("\u0130\u0131\u017f\u212a")
    for word in ("ınkl", "İNKL", "oſv", "\u212al", "ETC"):
        assert [t.kind for t in segment(f"Ja {word}.").tokens] == ["word", "abbr"]
    for word in ("inklusive", "Osvald", "kl8"):
        assert [t.kind for t in segment(f"Ja {word}.").tokens][-1] == "end"
