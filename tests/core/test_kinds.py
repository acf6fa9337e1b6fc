"""Each check kind on the fixture rules in tests/core/data/rules."""

from __future__ import annotations

import pytest

from tonkoll.engine import check
from tonkoll.findings import Finding, Report
from tonkoll.rulebook.model import Rulebook


def hits(report: Report, rule_id: str) -> list[str]:
    return [s.text for f in (*report.findings, *report.strengths) if f.rule_id == rule_id
            for s in f.spans]


def finding(report: Report, rule_id: str) -> Finding:
    return next(f for f in report.findings if f.rule_id == rule_id)


@pytest.mark.parametrize("form", ["erhålla", "erhåller", "erhöll", "erhållit", "erhålls",
                                  "erhållits", "Erhåller", "ERHÖLL"])
def test_substitution_catches_every_listed_form_case_insensitively(book: Rulebook,
                                                                   form: str) -> None:
    report = check(f"Du {form} svar i dag.", book)
    assert hits(report, "klarsprak.erhalla") == [form]
    assert finding(report, "klarsprak.erhalla").message == f"Skriv hellre ”få” än ”{form}”."
    assert finding(report, "klarsprak.erhalla").suggestions == ("få",)


def test_substitution_only_on_word_boundaries(book: Rulebook) -> None:
    report = check("Erhållandet och oerhållet är inte samma ord. Inkommande post.", book)
    assert hits(report, "klarsprak.erhalla") == []


def test_multi_word_phrase_across_a_line_break_and_spaces(book: Rulebook) -> None:
    text = "Vi ska vidta\n   åtgärder nu."
    report = check(text, book)
    assert hits(report, "klarsprak.erhalla") == ["vidta\n   åtgärder"]
    assert finding(report, "klarsprak.erhalla").suggestions == ("göra något",)


def test_longest_form_wins(book: Rulebook) -> None:
    report = check("Du kan inkomma med synpunkter.", book)
    assert hits(report, "klarsprak.erhalla") == ["inkomma med"]


def test_existence(book: Rulebook) -> None:
    report = check("MALMÖ STAD INFORMERAR om nya tider.", book)
    f = finding(report, "dialog.informerar")
    assert f.matched == "MALMÖ STAD INFORMERAR"
    assert f.level == "warning"
    assert f.suggestions == ("Nu kan du …",)


def test_pattern_uses_unicode_word_boundaries(book: Rulebook) -> None:
    assert hits(check("Utbetalningen ska ske i maj.", book), "klarsprak.ska-ske") == ["ska ske"]
    assert hits(check("Utbetalningen ska skeå i maj.", book), "klarsprak.ska-ske") == []


def test_passive_single_and_stoplists(book: Rulebook) -> None:
    report = check("Ansökan ska skickas in i dag.", book)
    assert hits(report, "klarsprak.passiv") == ["skickas"]
    quiet = ("Vi hoppas att du trivs. Det finns kaffe och det känns bra. Vi ses på kursen! "
             "Kommunens buss går till huset. Annars lyckas vi nog.")
    assert hits(check(quiet, book), "klarsprak.passiv") == []


def test_passive_with_agent_is_not_flagged(book: Rulebook) -> None:
    assert hits(check("Beslutet fattades av nämnden.", book), "klarsprak.passiv") == []


def test_bli_passive(book: Rulebook) -> None:
    assert hits(check("Badet blev stängt i går.", book), "klarsprak.passiv") == ["blev stängt"]
    assert hits(check("Vägen blir avstängd.", book), "klarsprak.passiv") == ["blir avstängd"]
    assert hits(check("Jag blir glad av sol.", book), "klarsprak.passiv") == []
    quiet = "Det blev snyggt. Jag blir helt nedstämd. Det blev långt."
    assert hits(check(quiet, book), "klarsprak.passiv") == []


def test_passive_compounds_and_nouns(book: Rulebook) -> None:
    assert hits(check("Arbetet genomförs i maj.", book), "klarsprak.passiv") == ["genomförs"]
    quiet = "Vi dricker ur tomglas. Mammas pranks var kul trots allt. Sveriges lag."
    assert hits(check(quiet, book), "klarsprak.passiv") == []


def test_double_passive(book: Rulebook) -> None:
    report = check("Det föreslås inrättas en nämnd.", book)
    assert hits(report, "klarsprak.dubbelpassiv") == ["föreslås inrättas"]


def test_metric_lix_value_and_limit_in_message(book: Rulebook) -> None:
    text = ("Kommunfullmäktiges sammanträdesprotokoll innehåller beslutsunderlag beträffande "
            "exploateringsavtalet och detaljplaneprogrammet.")
    f = finding(check(text, book), "lasbarhet.lix")
    assert f.message.startswith("LIX ")
    assert "(mål under 50)" in f.message
    assert "," in f.message.split()[1]  # Swedish decimal comma


def test_metric_per_sentence_exclamations(book: Rulebook) -> None:
    report = check("Kom hit!!! Nu! Hej!!", book)
    assert hits(report, "lasbarhet.utrop") == ["!!!", "!!"]


def test_metric_chars_per_channel(book: Rulebook) -> None:
    text = "Nu öppnar vi badet igen i morgon"
    f = finding(check(text, book, channel="x"), "lasbarhet.x-langd")
    assert f.matched == "igen i morgon"
    assert f.message == "Texten har 32 tecken, X tillåter 19."
    assert hits(check(text, book, channel="facebook"), "lasbarhet.x-langd") == []


def test_absence_attaches_to_the_first_words(book: Rulebook) -> None:
    """A whole-post finding attaches to the post's first words, not to a whole sentence
    (issue 12 item 8)."""
    text = "Badet öppnar i morgon klockan nio. Det stänger klockan sex på kvällen."
    f = finding(check(text, book), "dialog.ingen-fraga")
    assert f.matched == "Badet öppnar i"
    assert f.offset == 0


@pytest.mark.parametrize("text", [
    "Badet öppnar i morgon klockan nio. Kommer du och badar med oss?",
    "Badet öppnar i morgon klockan nio. Berätta vad du tycker om det nya.",
    "Badet öppnar i morgon.",  # too short for the rule
])
def test_absence_is_silenced_by_words_pattern_or_length(book: Rulebook, text: str) -> None:
    assert hits(check(text, book), "dialog.ingen-fraga") == []


def test_praise_becomes_one_strength(book: Rulebook) -> None:
    report = check("Tack för i dag! Och tack igen.\nTack!", book)
    strengths = [s for s in report.strengths if s.rule_id == "dialog.tack"]
    assert len(strengths) == 1
    assert [s.text for s in strengths[0].spans] == ["Tack", "tack", "Tack"]
    assert all(f.rule_id != "dialog.tack" for f in report.findings)


def test_english_rules_run_on_english_text_only(book: Rulebook) -> None:
    en = check("We utilize the park prior to noon.", book)
    assert en.language == "en"
    # both entries in one sentence are shown, each with its own suggestion (issue 12 item 1)
    assert hits(en, "klarsprak.en-utilize") == ["utilize", "prior to"]
    sv = check("We utilize the park prior to noon.", book, language="sv")
    assert hits(sv, "klarsprak.en-utilize") == []


def test_disabled_rules_are_skipped(book: Rulebook) -> None:
    report = check("Du erhåller svar.", book, disabled=frozenset({"klarsprak.erhalla"}))
    assert hits(report, "klarsprak.erhalla") == []


def test_lone_surrogates_do_not_crash(book: Rulebook) -> None:
    report = check("Utbetalningen ska ske \ud800 i maj.", book)
    assert hits(report, "klarsprak.ska-ske") == ["ska ske"]


def test_whole_text_metric_keeps_every_span(book: Rulebook) -> None:
    report = check("Kul 😀😀 och 👍🏽! Vi ses 🎉", book)
    f = next(f for f in report.findings if f.rule_id == "lasbarhet.emoji")
    # A run of emoji is one token and one underline; the count is of the emoji in it.
    assert [s.text for s in f.spans] == ["😀😀", "👍🏽", "🎉"]
    assert f.message == "4 emoji – högst 2 räcker."


def test_caps_words_count_shouting_not_acronyms() -> None:
    from tonkoll.engine.metric import measure_text
    from tonkoll.text.segment import segment

    text = "VIKTIGT! Läs om AIDS och SFI. HUR KAN MAN göra så?"
    value, spans = measure_text("caps_words", segment(text), [])
    assert [text[a:b] for a, b in spans] == ["VIKTIGT", "HUR", "KAN", "MAN"]
    assert value == 4


def test_patterns_still_run_when_the_combined_set_is_too_big(
    book: Rulebook, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tonkoll.engine import pattern
    from tonkoll.engine.kinds.pattern import PatternPlan
    from tonkoll.engine.plan import build_plan

    monkeypatch.setattr(pattern, "SET_MAX_MEM", 1)
    plan = build_plan([r for r in book.rules if r.language == "sv"])
    patterns = plan.kinds["pattern"]
    assert isinstance(patterns, PatternPlan) and patterns.pattern_set is None
    from dataclasses import replace

    small = replace(book, plans={**book.plans, "sv": plan})
    assert hits(check("Utbetalningen ska ske i maj.", small), "klarsprak.ska-ske") == ["ska ske"]


def test_decomposed_letters_match_like_composed_ones(book: Rulebook) -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "Du erhåller svar.")
    report = check(text, book)
    assert hits(report, "klarsprak.erhalla") == [unicodedata.normalize("NFD", "erhåller")]
    assert report.readability.words == 3
