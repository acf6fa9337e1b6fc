"""Issue 12, third round: two hints never underline the same words, and a word the writer
quotes or names to talk about it is not flagged. Real sentences: Bergs kommun's page on
complaints and Uttryckeriet's blog (tests/data/eval/sv-public.jsonl, tk-berg-2 and tk-utt-2), the
issue's reply, and a public style guide's word-choice line."""

from __future__ import annotations

import pytest
from advice_helpers import run, spans_of

from tonkoll.rulebook.model import Rulebook

BERG = ("Beröm är alltid roligt att få, men negativa synpunkter och klagomål kan lätt uppfattas "
        "som kritik mot hur ett arbete har utförts. Så ser inte vi på det. För oss är de "
        "återkoppling från den som har fått en tjänst utförd till den som har utfört den.")
NOBODY = "Hej. Vi beklagar det inträffade. Ärendet har överlämnats till ansvarig förvaltning."
UTTRYCKERIET = "Men fortfarande dyker de upp, ord som bestrida, dröjsmål, erfordra och handha."
STYLE_GUIDE = ('Word choice: Avoid filler words like "utilize", "leverage", "ensure", and '
               '"streamline".')


def _underlined(book: Rulebook, text: str) -> list[tuple[int, int, str]]:
    """The word-level underlines (a whole-post hint marks the first words, on purpose)."""
    whole = {r.id for r in book.rules if r.whole_text}
    return [(s.offset, s.offset + s.length, f.rule_id)
            for f in run(book, text, channel="reply").findings if f.rule_id not in whole
            for s in f.spans]


@pytest.mark.parametrize("text", [BERG, NOBODY])
def test_no_two_hints_share_a_word(bundled: Rulebook, text: str) -> None:
    spans = _underlined(bundled, text)
    for i, (s1, e1, r1) in enumerate(spans):
        for s2, e2, r2 in spans[i + 1:]:
            assert not (s1 < e2 and s2 < e1), (r1, r2)


def test_the_wider_hint_keeps_the_words_and_the_rest_stays(bundled: Rulebook) -> None:
    """"har utförts": one hint about the passive; genomföra keeps the other "utfört"."""
    report = run(bundled, BERG)
    assert spans_of(report, "klarsprak.passiv-hjalpverb") == ["har utförts"]
    assert spans_of(report, "klarsprak.genomfora") == ["utfört"]


def test_the_empty_reply_phrase_wins_over_the_passive_inside_it(bundled: Rulebook) -> None:
    report = run(bundled, NOBODY, channel="reply")
    assert spans_of(report, "dialog.tomt-svar") == ["överlämnats till ansvarig förvaltning"]
    assert spans_of(report, "klarsprak.passiv-hjalpverb") == []
    assert report.scores["overall"] < 90  # the hidden passive still counts


def test_words_named_in_a_list_are_not_flagged(bundled: Rulebook) -> None:
    report = run(bundled, UTTRYCKERIET)
    assert spans_of(report, "klarsprak.stela-verb") == []
    assert spans_of(report, "klarsprak.dubbeltydigt") == []


def test_words_in_short_quotes_are_not_flagged(bundled: Rulebook) -> None:
    assert spans_of(run(bundled, STYLE_GUIDE, "en"), "klarsprak.en-plain-words") == []
    text = "Skriv inte ”erhålla” eller ”erfordras”, skriv ”få” och ”behövs”."
    assert spans_of(run(bundled, text), "klarsprak.stela-verb") == []


def test_the_same_words_used_are_still_flagged(bundled: Rulebook) -> None:
    """Only a mention is left alone: a relative clause after "ord som", a quote of a whole
    sentence, and the word used after the quote all keep their hints."""
    assert spans_of(run(bundled, "Vi har inte de ord som erfordras."),
                    "klarsprak.stela-verb") == ["erfordras"]
    quote = "Hon sa ”ni kan erhålla bidrag i år” till oss. Du kan erhålla bidrag."
    assert spans_of(run(bundled, quote), "klarsprak.stela-verb") == ["erhålla", "erhålla"]
    used = 'Avoid words like "utilize". Please utilize the form below.'
    assert spans_of(run(bundled, used, "en"), "klarsprak.en-plain-words") == ["utilize"]


# Malmö stad: Söderkullaparken (tests/data/eval/sv-public.jsonl, tk-malmo-soderkulla-3) and a
# Riksdag protocol note (bench/data/dev.jsonl, ParlaMint-SE 2016-11-16)
SODERKULLA = ("-Delar av Söderkullaparken har sänkts med som mest en meter för att kunna "
              "magasinera dagvatten. Det är de befintliga gräsytorna och aktivitetsytorna som "
              "har sänkts, vilket betyder att vi kunnat spara många av de värdefulla träd som "
              "finns i parken, berättar Caroline Larsson, projektledare på fastighets- och "
              "gatukontoret.")
RIKSDAG = ("Utrikesutskottet och försvarsutskottet har jämlikt 7 kap. 7 § riksdagsordningen i "
           "separata beslut den 27 oktober och den 10 november 2016 kommit överens om att genom "
           "deputerade i ett sammansatt utskott gemensamt bereda proposition 2016/17:32 Fortsatt "
           "svenskt deltagande i den militära utbildningsinsatsen i Irak samt motioner och "
           "proposition 2016/17: 33 Fortsatt svenskt deltagande i Natos utbildnings- och "
           "rådgivningsinsats Resolute Support Mission i Afghanistan samt motioner.")


def test_lix_is_not_said_again_when_only_the_long_sentence_makes_it_high(
        bundled: Rulebook) -> None:
    """Ordinary words, one 33-word sentence: the sentence-length hint says it; LIX would be
    under 50 at 20 words per sentence, so its "kortare meningar" is an echo."""
    ids = [f.rule_id for f in run(bundled, SODERKULLA).findings]
    assert "lasbarhet.lang-mening" in ids and "lasbarhet.lix" not in ids


def test_lix_stays_when_the_words_are_heavy_too(bundled: Rulebook) -> None:
    ids = [f.rule_id for f in run(bundled, RIKSDAG).findings]
    assert "lasbarhet.lang-mening" in ids and "lasbarhet.lix" in ids


def test_a_quote_inside_a_named_list_hides_the_whole_list(bundled: Rulebook) -> None:
    """Regions nest (a quoted word inside an "ord som" list); a word after the inner quote is
    still inside the list."""
    text = "Undvik ord som ”erfordra”, handha och tillhandahålla. Vi tillhandahåller kaffe."
    assert spans_of(run(bundled, text), "klarsprak.stela-verb") == ["tillhandahåller"]
