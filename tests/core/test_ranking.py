"""Folding, one finding per rule per sentence, impact ranking, primary, scores."""

from __future__ import annotations

import pytest

from tonkoll.engine import check, check_detailed
from tonkoll.rulebook.model import Rulebook


def test_repeats_fold_into_one_finding_with_all_spans(book: Rulebook) -> None:
    text = "Du erhåller svar. Hon erhöll ett brev. De erhåller mer."
    report = check(text, book)
    folded = [f for f in report.findings if f.rule_id == "klarsprak.erhalla"]
    assert len(folded) == 1
    assert [s.text for s in folded[0].spans] == ["erhåller", "erhöll", "erhåller"]
    assert (folded[0].offset, folded[0].matched) == (3, "erhåller")
    for span in folded[0].spans:
        assert text[span.offset : span.offset + span.length] == span.text


def test_every_hit_in_a_sentence_is_underlined(book: Rulebook) -> None:
    """Issue 12 item 1: a second hit of a rule in one sentence is a span too (it used to be
    dropped); repeats of one entry still fold into one finding."""
    report = check("Du erhåller och erhåller och erhöll svar.", book)
    folded = [f for f in report.findings if f.rule_id == "klarsprak.erhalla"]
    assert len(folded) == 1
    assert [s.text for s in folded[0].spans] == ["erhåller", "erhåller", "erhöll"]


def test_warnings_and_whole_text_issues_rank_first_top_three_primary(book: Rulebook) -> None:
    text = ("Malmö stad informerar att du erhåller svar och ansökan ska skickas in. "
            "Utbetalningen ska ske i maj och det föreslås inrättas en nämnd för detta arbete.")
    report = check(text, book)
    ids = [f.rule_id for f in report.findings]
    levels = [f.level for f in report.findings]
    assert levels == sorted(levels, key=lambda lv: lv != "warning")  # warnings first
    hints = [f for f in report.findings if f.level == "hint"]
    assert hints[0].rule_id == "dialog.ingen-fraga"  # whole-post hint before single words
    assert [f.primary for f in report.findings] == [i < 3 for i in range(len(ids))]
    impacts = [f.impact for f in report.findings]
    assert impacts == sorted(impacts, reverse=True)


def test_scores_cover_every_theme_and_are_bounded(book: Rulebook) -> None:
    report = check("Du erhåller svar.", book)
    assert set(report.scores) == {*book.themes, "overall"}
    assert all(0 <= v <= 100 for v in report.scores.values())


def test_scores_are_continuous_plainer_text_scores_higher(book: Rulebook) -> None:
    before = "Ansökan ska inkomma och utbetalningen ska ske i maj efter att beslut fattats."
    after = "Skicka in ansökan, så betalar vi ut pengarna i maj."
    _, b = check_detailed(before, book)
    _, a = check_detailed(after, book)
    assert a["overall"] > b["overall"]
    _, a2 = check_detailed(after + " Välkommen!", book)
    assert a2["overall"] != a["overall"]  # continuous: a small change moves the score


def test_empty_text(book: Rulebook) -> None:
    report = check("", book)
    assert report.findings == ()
    assert report.readability.words == 0
    assert report.scores["overall"] == 100


def test_rules_version_in_report(book: Rulebook) -> None:
    assert check("Hej", book).rules_version == book.version
    assert len(book.version) == 12


def test_spans_per_finding_are_capped(book: Rulebook) -> None:
    from tonkoll.engine.collect import MAX_SPANS

    report = check("Du erhåller svar.\n" * 500 + "😀 " * 500, book)
    folded = [f for f in report.findings if f.rule_id == "klarsprak.erhalla"]
    assert len(folded) == 1 and len(folded[0].spans) == MAX_SPANS
    emoji = [f for f in report.findings if f.rule_id == "lasbarhet.emoji"]
    assert len(emoji[0].spans) == MAX_SPANS
    assert emoji[0].message.startswith("500 emoji")
    # 500 in a row are one run: one underline, still 500 emoji
    run = [f for f in check("Hej " + "😀" * 500, book).findings if f.rule_id == "lasbarhet.emoji"]
    assert len(run[0].spans) == 1 and run[0].message.startswith("500 emoji")


def test_check_is_pure_and_logs_nothing(book: Rulebook, caplog: pytest.LogCaptureFixture) -> None:
    text = "Malmö stad informerar att du erhåller svar. Hemlig text 12345."
    with caplog.at_level("DEBUG"):
        first = check(text, book, channel="x")
        second = check(text, book, channel="x")
    assert first == second
    assert caplog.records == []


def test_a_second_rule_on_the_same_words_is_not_shown_twice_but_still_counts() -> None:
    """"Det fastställdes": the passive and the stiff verb cover the same word; one hint shows."""
    from pathlib import Path

    from tonkoll.rulebook.loader import load_rulebook

    bundled = load_rulebook([Path(__file__).resolve().parents[2] / "rules"])
    text = "Det fastställdes i går."
    report, raw = check_detailed(text, bundled)
    shown = [f for f in report.findings if f.length]
    assert len(shown) == 1, [(f.rule_id, f.matched) for f in shown]
    alone = [r.id for r in bundled.rules if r.id != shown[0].rule_id]
    _, raw_alone = check_detailed(text, bundled, disabled=frozenset(alone))
    assert raw["overall"] < raw_alone["overall"]  # the hidden echo still lowers the score
