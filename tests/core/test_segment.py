from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonkoll.text.segment import segment, tokenize_phrase
from tonkoll.text.surrogate import scrub


def sentences(text: str) -> list[str]:
    seg = segment(text)
    return [text[s.start : s.end] for s in seg.sentences]


def test_one_word_sentence_counts() -> None:
    seg = segment("Hej! Vi ses i morgon.")
    assert sentences("Hej! Vi ses i morgon.") == ["Hej!", "Vi ses i morgon."]
    assert seg.words == 5


@pytest.mark.parametrize(
    "text",
    [
        "Ta med t.ex. handduk och badmössa till simhallen.",
        "Vi har bl.a. bastu och m.m. i huset.",
        "Vi öppnar kl. 8.30 på lördag.",
        "Det kostar ca 3,5 miljoner kronor.",
        "Gäller fr.o.m. måndag, dvs. om en vecka.",
        "Läs s.k. klarspråk, ev. på nätet, resp. på papper.",
        "Ring tel. 040-34 10 00 eller se nr. 5 i listan.",
        "Ta med t.ex handduk.",
    ],
)
def test_abbreviations_numbers_and_times_do_not_end_sentences(text: str) -> None:
    assert sentences(text) == [text]


def test_closing_abbreviation_ends_a_sentence_before_a_capital() -> None:
    assert sentences("Vi har äpplen, päron osv. Sen kommer glassen.") == [
        "Vi har äpplen, päron osv.",
        "Sen kommer glassen.",
    ]


def test_line_breaks_end_sentences() -> None:
    assert sentences("Hej alla\nNu öppnar badet\nVälkomna") == [
        "Hej alla",
        "Nu öppnar badet",
        "Välkomna",
    ]


def test_urls_mentions_hashtags_and_emoji_are_not_words() -> None:
    text = "Läs mer på https://malmo.se/bad. Tack @anna #malmö 😀👍🏽 mejla info@malmo.se"
    seg = segment(text)
    kinds = {t.text: t.kind for t in seg.tokens}
    assert kinds["https://malmo.se/bad"] == "url"
    assert kinds["@anna"] == "mention"
    assert kinds["#malmö"] == "hashtag"
    assert kinds["😀👍🏽"] == "emoji"  # a run of emoji is one token, as a run of ! is
    assert kinds["info@malmo.se"] == "email"
    # Läs mer på / Tack / mejla
    assert seg.words == 5
    # the URL's dots did not split the sentence; its closing dot did
    assert sentences(text)[0] == "Läs mer på https://malmo.se/bad."


def test_question_and_exclamation_runs_end_sentences() -> None:
    assert sentences("Kommer du?! Vi ses… Hej då") == ["Kommer du?!", "Vi ses…", "Hej då"]


def test_offsets_are_code_points_and_slices_match() -> None:
    text = "😀 Hej på dig!\n\nNy rad 🇸🇪 här."
    for tok in segment(text).tokens:
        assert text[tok.start : tok.end] == tok.text


def test_long_words_count_letters_only() -> None:
    seg = segment("Kommunfullmäktige och e-postadressen 2024-01-01")
    assert seg.long_words == 2  # kommunfullmäktige, e-postadressen


def test_empty_and_blank_text() -> None:
    assert segment("").sentences == ()
    seg = segment("   \n\n 😀 ")
    assert seg.words == 0


def test_tokenize_phrase_matches_post_tokens() -> None:
    assert tokenize_phrase("Vidta  åtgärder") == ("vidta", "åtgärder")
    assert tokenize_phrase("") == ()


PIECES = [*"abcåäöAB .:@+-'’#!?\n1,😀\u030a", "www.", "https://", "t.ex.", "kl.", "\u00a0",
          "\ud800"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join) | st.text())
def test_tokens_cover_every_visible_character_once(text: str) -> None:
    seg = segment(text)
    covered = [0] * len(text)
    last_end = 0
    for tok in seg.tokens:
        assert tok.start >= last_end and tok.end > tok.start
        assert text[tok.start : tok.end] == tok.text
        last_end = tok.end
        for i in range(tok.start, tok.end):
            covered[i] += 1
    for i, ch in enumerate(text):
        assert covered[i] == (0 if ch.isspace() else 1), (i, ch)
    assert sum(s.words for s in seg.sentences) == seg.words


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, "osv. ", "Hej", "\n", "😀 ", "…"]), max_size=40)
       .map("".join))
def test_sentences_tokens_and_by_kind_agree(text: str) -> None:
    seg = segment(text)
    for index, sentence in enumerate(seg.sentences):
        inside = seg.tokens[sentence.first_token : sentence.last_token + 1]
        assert inside and all(t.sentence == index for t in inside)
        assert (sentence.start, sentence.end) == (inside[0].start, inside[-1].end)
        assert sentence.words == sum(t.is_word for t in inside)
    assert len(seg.tokens) == sum(s.last_token - s.first_token + 1 for s in seg.sentences)
    assert all(t.first_in_sentence == (t.start == seg.sentences[t.sentence].start)
               for t in seg.tokens if seg.sentences[t.sentence].words)
    by_kind: dict[str, list[object]] = {}
    for t in seg.tokens:
        by_kind.setdefault(t.kind, []).append(t)
    assert seg.by_kind == by_kind and list(seg.by_kind) == list(by_kind)


def test_scrub_replaces_lone_surrogates_and_keeps_offsets() -> None:
    text = "Hej \ud800 du \udfff😀"
    clean = scrub(text)
    assert clean == "Hej \ufffd du \ufffd😀" and len(clean) == len(text)
    clean.encode("utf-8")
    assert scrub("Hej 😀") == "Hej 😀"
    assert segment(text).safe_text == clean
    assert [t.start for t in segment(text).tokens] == [t.start for t in segment(clean).tokens]


def test_bare_domains_are_links_and_their_dots_do_not_end_sentences() -> None:
    text = "Läs mer på malmo.se/bad eller malmo.se. Välkommen!"
    seg = segment(text)
    assert [t.text for t in seg.tokens if t.kind == "url"] == ["malmo.se/bad", "malmo.se"]
    assert sentences(text) == ["Läs mer på malmo.se/bad eller malmo.se.", "Välkommen!"]
    # a missing space after a full stop is a typo, not a domain
    assert sentences("Det var bra.Se mer") == ["Det var bra.", "Se mer"]


@pytest.mark.parametrize("text", [
    " " * 10_000, " " * 9_999 + "\u00a0", "\t" * 10_000, "a-" * 5_000, "a." * 5_000,
    "a+" * 5_000, "a.b-" * 2_500, "a." * 4_999 + "@x.se", "a@" * 5_000, "x." * 4_999 + "sq",
    "www.," * 2_000, "@a." * 3_300, "a'" * 5_000, " \u00a0" * 5_000,
], ids=lambda t: repr(t[:6]))
def test_tokeniser_is_linear_on_hostile_runs(text: str) -> None:
    import time

    start = time.perf_counter()
    seg = segment(text)
    assert time.perf_counter() - start < 0.5  # a quadratic rescan takes seconds here
    for tok in seg.tokens:
        assert text[tok.start : tok.end] == tok.text
