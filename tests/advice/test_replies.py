"""Item 3: replies are checked at any length (empty phrases, "återkommer" without a time, an
apology to nobody), and the `reply` channel: no "invite a conversation" warning, but a hint to
sign with a first name. The three replies are the issue's, quoted from unseen texts."""

from __future__ import annotations

import pytest
from advice_helpers import run

from tonkoll.rulebook.model import Rulebook

EMPTY = "Vi har tagit del av dina synpunkter och vidarebefordrat dem till berörd enhet"
SERIOUS = "Vi tar frågan på största allvar och återkommer"
NOBODY = "Hej. Vi beklagar det inträffade. Ärendet har överlämnats till ansvarig förvaltning."


@pytest.mark.parametrize(("text", "expected"), [
    (EMPTY, {"dialog.tomt-svar"}),
    (SERIOUS, {"arlighet.storsta-allvar", "arlighet.vi-aterkommer"}),
    (NOBODY, {"arlighet.undvikande-ursakt", "dialog.tomt-svar"}),
])
def test_empty_replies_get_hints_at_any_length(bundled: Rulebook, text: str,
                                               expected: set[str]) -> None:
    report = run(bundled, text, channel="reply")
    assert expected <= {f.rule_id for f in report.findings}
    assert report.scores["overall"] < 90  # they used to score 91-99


def test_a_good_reply_is_left_alone(bundled: Rulebook) -> None:
    text = ("Hej Sara! Förlåt, det var vårt fel att soporna inte hämtades i tisdags. Bilen kommer "
            "i morgon förmiddag. /Anna")
    report = run(bundled, text, channel="reply")
    assert [f.rule_id for f in report.findings] == []


def test_reply_channel_asks_for_a_name_not_a_question(bundled: Rulebook) -> None:
    long_reply = " ".join(["Vi har bytt lampan i gången vid förskolan i dag."] * 12)
    as_post = {f.rule_id for f in run(bundled, long_reply, channel="facebook").findings}
    as_reply = {f.rule_id for f in run(bundled, long_reply, channel="reply").findings}
    assert "dialog.ingen-inbjudan" in as_post and "dialog.ingen-inbjudan" not in as_reply
    assert "dialog.svar-utan-namn" in as_reply and "dialog.svar-utan-namn" not in as_post
    signed = {f.rule_id for f in run(bundled, long_reply + " /Anna", channel="reply").findings}
    assert "dialog.svar-utan-namn" not in signed
