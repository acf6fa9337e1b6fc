"""Item 4: passives read from the clause's structure (perfect, future, modal, a subject between
the verbs, "av oss"), and English modal passives, on the issue's real sentences."""

from __future__ import annotations

import pytest
from advice_helpers import run, spans_of

from tonkoll.rulebook.model import Rulebook

RULE = "klarsprak.passiv-hjalpverb"


@pytest.mark.parametrize(("text", "expected"), [
    ("Ärendet har överlämnats.", ["har överlämnats"]),
    ("Tillfällig vattenförsörjning har ordnats.", ["har ordnats"]),
    ("Under natten kommer Amiralsgatan att stängas av.", ["kommer Amiralsgatan att stängas"]),
    ("Frågan skulle besvaras innan helgen.", ["skulle besvaras"]),
    ("Vid frågor ska 1177 kontaktas.", ["ska 1177 kontaktas"]),
    ("Ett utkast togs fram av oss.", ["togs fram av oss"]),
])
def test_passive_family_is_found(bundled: Rulebook, text: str, expected: list[str]) -> None:
    assert spans_of(run(bundled, text), RULE) == expected


@pytest.mark.parametrize("text", [
    "Vi har funnits i parken sedan 1998.",  # deponent
    "Vi har träffats många gånger.",  # reciprocal -s verb
    "Beslutet har fattats av kommunstyrelsen.",  # agent named
    "Om din ansökan har godkänts före 31 maj kan du begära ut pengarna.",  # condition clause
    "Bussen kommer hem sent i kväll.",  # "kommer" without "att": a verb of motion
    "Negativa synpunkter kan lätt uppfattas som kritik.",  # "regarded as": stative
])
def test_not_a_hidden_actor(bundled: Rulebook, text: str) -> None:
    assert spans_of(run(bundled, text), RULE) == []


def test_no_praise_for_oss_inside_a_passive(bundled: Rulebook) -> None:
    report = run(bundled, "Ett utkast togs fram av oss.")
    assert "rost.vi-rost" not in {s.rule_id for s in report.strengths}


@pytest.mark.parametrize(("text", "expected"), [
    ("All applications must be approved by the board.", "must be approved by"),
    ("Please note that the road will be closed on Monday.", "will be closed"),
])
def test_english_modal_passive(bundled: Rulebook, text: str, expected: str) -> None:
    assert spans_of(run(bundled, text, "en"), "klarsprak.en-modal-passive") == [expected]


def test_english_adjective_after_modal_is_not_a_passive(bundled: Rulebook) -> None:
    report = run(bundled, "You will be surprised how quiet the park is.", "en")
    assert spans_of(report, "klarsprak.en-modal-passive") == []
