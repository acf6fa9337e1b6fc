"""Items 1 and 7: hints found are shown (a long-first-sentence hint does not swallow the word
hints inside it; a second hit in one sentence is underlined too), and no praise for the words a
hint or warning is about. Real sentences: the issue's, a municipal notice and a language blog
(tests/data/eval/sv-public.jsonl)."""

from __future__ import annotations

from advice_helpers import run, spans_of

from tonkoll.rulebook.model import Rulebook

VADSTENA = ("Med anledning av de allmänna råden för minskad smittspridning från "
            "Folkhälsomyndigheten har beslutats om att stänga simhallen för allmänheten under "
            "perioden 12 januari 2022 till 29 januari 2022, men perioden kan komma att förlängas.")
# Malmö stad's environment office (tests/data/eval/sv-guides.jsonl, tk-malmo-miljo-3-before)
REGISTRATOR = "Vår registrator Carina mottar/mottager handlingarna."


def test_long_first_sentence_keeps_the_word_hints_inside_it(bundled: Rulebook) -> None:
    report = run(bundled, VADSTENA, channel="facebook")
    ids = {f.rule_id for f in report.findings}
    assert "kanal.forsta-meningen-lang" in ids
    assert spans_of(report, "klarsprak.stela-ord") == ["Med anledning av"]


def test_two_stiff_verbs_in_one_sentence_are_both_shown(bundled: Rulebook) -> None:
    shown = spans_of(run(bundled, REGISTRATOR), "klarsprak.stela-verb")
    assert shown == ["mottar", "mottager"]


def test_a_word_inside_another_rules_short_span_is_still_one_hint(bundled: Rulebook) -> None:
    """Echoes of the same words stay hidden: "härmed" inside a broadcast opener."""
    report = run(bundled, "Malmö stad har härmed glädjen att meddela att parken öppnar.")
    assert spans_of(report, "dialog.utsandning") == ["Malmö stad har härmed glädjen att meddela"]
    assert spans_of(report, "klarsprak.harmed") == []


def test_no_praise_for_the_we_of_a_flagged_apology(bundled: Rulebook) -> None:
    report = run(bundled, "Vi beklagar eventuella olägenheter.")
    assert [f.rule_id for f in report.findings if f.level == "warning"] == [
        "arlighet.undvikande-ursakt"]
    assert "rost.vi-rost" not in {s.rule_id for s in report.strengths}


def test_praise_stays_for_a_we_elsewhere(bundled: Rulebook) -> None:
    text = "Vi beklagar eventuella olägenheter. Vi lagar hissen i morgon."
    praise = [s for s in run(bundled, text).strengths if s.rule_id == "rost.vi-rost"]
    assert [s.offset for s in praise] == [text.index("Vi lagar")]


def test_i_in_a_question_is_the_reader_not_a_personal_voice(bundled: Rulebook) -> None:
    """An FAQ heading ("Hur ansöker jag …?", "How do I apply?") earns no praise for "jag"/"I";
    the writer's own "jag"/"I" elsewhere still does."""
    faq = run(bundled, "Hur ansöker jag om bygglov?\nFyll i blanketten på webben.")
    assert "rost.vi-rost" not in {s.rule_id for s in faq.strengths}
    signed = run(bundled, "Hur ansöker jag om bygglov? Jag heter Anna och svarar här.")
    assert [s.matched for s in signed.strengths if s.rule_id == "rost.vi-rost"] == ["Jag"]
    en = run(bundled, "How do I apply for a permit?\nFill in the form online.", "en")
    assert "rost.en-we" not in {s.rule_id for s in en.strengths}
