"""Issue 12, fourth round: replacements an experienced plain-language editor accepts hint by
hint. Our own sentences (never copied from the eval files)."""

from __future__ import annotations

from advice_helpers import run

from tonkoll.findings import Report
from tonkoll.rulebook.model import Rulebook


def _offered(report: Report, rule_id: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.matched, f.replacements) for f in report.findings if f.rule_id == rule_id]


def _first_fix(report: Report, text: str, rule_id: str) -> str:
    f = next(f for f in report.findings if f.rule_id == rule_id)
    return text[:f.offset] + f.replacements[0] + text[f.offset + f.length:]


# 1. "fastställa att" states a fact: "slå fast", not "bestämma"

def test_fastställa_before_att_is_slå_fast(bundled: Rulebook) -> None:
    text = "Besiktningen fastställde att gungorna var säkra."
    assert _offered(run(bundled, text), "klarsprak.stela-verb") == [
        ("fastställde", ("slog fast", "bestämde"))]
    text = "Revisorn har fastställt att kassan stämmer."
    assert _offered(run(bundled, text), "klarsprak.stela-verb") == [
        ("fastställt", ("slagit fast", "bestämt"))]


def test_fastställa_with_an_object_is_still_bestämma(bundled: Rulebook) -> None:
    text = "Nämnden fastställer avgiften för parkering."
    assert _offered(run(bundled, text), "klarsprak.stela-verb") == [
        ("fastställer", ("bestämmer", "slår fast"))]


def test_the_det_passive_carries_the_fact_reading(bundled: Rulebook) -> None:
    text = "Det fastställdes att bron var säker."
    report = run(bundled, text)
    assert _first_fix(report, text, "klarsprak.det-passiv") == "Det slogs fast att bron var säker."


# 2. "genomföra" a meeting, a course, a vote: hålla, rösta

def test_events_are_held(bundled: Rulebook) -> None:
    cases = {
        "Årliga samråd med föreningarna genomförs.": "Årliga samråd med föreningarna hålls.",
        "Vi genomförde ett föräldramöte i aulan.": "Vi höll ett föräldramöte i aulan.",
        "I juni genomförs öppet hus på brandstationen.":
            "I juni hålls öppet hus på brandstationen.",
        "Simkurserna genomförs på förmiddagen.": "Simkurserna hålls på förmiddagen.",
    }
    for text, fixed in cases.items():
        assert _first_fix(run(bundled, text), text, "klarsprak.genomfora") == fixed, text


def test_an_event_in_another_phrase_does_not_switch(bundled: Rulebook) -> None:
    for text in ("Efter mötet genomför vi städningen.", "Vi genomför städningen efter mötet."):
        assert _offered(run(bundled, text), "klarsprak.genomfora") == [("genomför", ("gör",))]


def test_a_vote_is_rösta_or_held(bundled: Rulebook) -> None:
    # with "en", more often the city holding a vote for others ("Kommunen genomför en
    # omröstning" is not "Kommunen röstar"): "hålla en omröstning" first, "rösta" second
    text = "Kommunen genomför en omröstning om parkens namn."
    assert _offered(run(bundled, text), "klarsprak.genomfora") == \
        [("genomför en omröstning", ("håller en omröstning", "röstar"))]
    text = "Eleverna genomför omröstning om skolmaten."
    assert _first_fix(run(bundled, text), text, "klarsprak.genomfora") == \
        "Eleverna röstar om skolmaten."


# 3. A finding partly hidden behind another: the one that took its words carries its replacement

def test_a_partly_hidden_finding_lends_its_replacement(bundled: Rulebook) -> None:
    text = "Städningen har utförts. Nästa vecka utför vi resten."
    report = run(bundled, text)
    assert _offered(report, "klarsprak.passiv-hjalpverb") == [("har utförts", ("har gjorts",))]
    assert _offered(report, "klarsprak.genomfora") == [("utför", ("gör",))]


# 4. English passives with their doer: the doer goes first

def test_an_agent_passive_gets_the_active_sentence(bundled: Rulebook) -> None:
    cases = {
        "The playground was checked by the council.": "The council checked the playground.",
        "The trophy was won by Malin": "Malin won the trophy",
        "The keys were kept by our caretaker.": "Our caretaker kept the keys.",
        "The new rules have been written by the board.": "The board has written the new rules.",
        "The boxes were taken by our volunteers.": "Our volunteers took the boxes.",
    }
    for text, fixed in cases.items():
        assert _first_fix(run(bundled, text, "en"), text, "klarsprak.en-passive-by") == fixed, text


def test_no_agent_hint_for_dates_feelings_and_outside_doers(bundled: Rulebook) -> None:
    for text in ("The forms were sent by Friday.", "We were thrilled by Sara's song.",
                 "The bridge was designed by a local architect.",
                 "The café is located by the river."):
        assert _offered(run(bundled, text, "en"), "klarsprak.en-passive-by") == [], text


def test_irregular_participles_are_passives(bundled: Rulebook) -> None:
    for word in ("won", "made", "taken", "given", "seen", "held", "kept", "built", "sent",
                 "paid"):
        text = f"The prize was {word} last year."
        assert [f.rule_id for f in run(bundled, text, "en").findings
                if f.rule_id == "klarsprak.en-passive"], text
    for text in ("The pool is closed on Mondays.", "We are interested in your ideas."):
        assert not [f for f in run(bundled, text, "en").findings
                    if f.rule_id == "klarsprak.en-passive"], text


# 5. "vidta åtgärder för X" → "åtgärda X"

def test_vidta_atgarder_for_something_is_atgarda(bundled: Rulebook) -> None:
    text = "Vi ska vidta åtgärder för den trasiga hissen."
    assert _first_fix(run(bundled, text), text, "klarsprak.vidta-atgarder") == \
        "Vi ska åtgärda den trasiga hissen."
    text = "Skolan vidtog åtgärder mot mögel i källaren."
    assert _first_fix(run(bundled, text), text, "klarsprak.vidta-atgarder") == \
        "Skolan åtgärdade mögel i källaren."
    for text in ("Vi vidtar åtgärder för att korta kön.", "Vi har vidtagit flera åtgärder."):
        assert [f.replacements for f in run(bundled, text).findings
                if f.rule_id == "klarsprak.vidta-atgarder"] == [()], text
