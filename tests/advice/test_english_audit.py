"""English audit (branch `enaudit`, docs/rules-decisions.md): forty posts of our own read hint by
hint as a comms editor would. Each test holds one pattern on our own sentences (never eval
texts): a formula the rules missed, a hint or praise an editor would not give, or a replacement
that did not answer the hint."""

from __future__ import annotations

import pytest
from advice_helpers import run, spans_of

from tonkoll.rulebook.model import Rulebook


def _ids(book: Rulebook, text: str, channel: str = "generic") -> set[str]:
    return {f.rule_id for f in run(book, text, "en", channel).findings}


def _replacement(book: Rulebook, text: str, rule_id: str) -> str:
    report = run(book, text, "en")
    return next(f for f in report.findings if f.rule_id == rule_id).replacements[0]


def _corrected(book: Rulebook, text: str, rule_id: str) -> str:
    """The sentence with the finding's first replacement put in place."""
    report = run(book, text, "en")
    f = next(f for f in report.findings if f.rule_id == rule_id)
    return text[:f.offset] + f.replacements[0] + text[f.offset + f.length:]


# --- formulas of notices, job ads and form letters that got nothing -------------------------

@pytest.mark.parametrize(("text", "match", "expected"), [
    ("Leave your bag at the desk no later than noon.", "no later than", "by"),
    ("The new fares apply with effect from 1 June.", "with effect from", "from"),
    ("Children under 7 years of age swim free.", "years of age", "years old"),
    ("See the website for further details.", "further details", "more details"),
    ("Call us if you need further assistance with the form.", "further assistance", "more help"),
    ("Wear a reflective vest during the hours of darkness.", "during the hours of darkness",
     "after dark"),
    ("Drivers must possess a valid licence.", "possess", "have"),
    ("The new lights enhance safety on the path.", "enhance", "improve"),
    ("All staff are required to wear a badge.", "are required to", "must"),
    ("Dear Sir/Madam, your parking permit is ready.", "Dear Sir/Madam", "Hi"),
    ("Please do not hesitate to contact the front desk.", "Please do not hesitate to", "Please"),
    ("Should you require a ramp, tell the staff.", "Should you require", "If you need"),
    ("Should you wish to cancel, reply to this email.", "Should you wish to", "If you want to"),
])
def test_notice_board_formulas_get_a_plain_word(bundled: Rulebook, text: str, match: str,
                                                expected: str) -> None:
    report = run(bundled, text, "en")
    finding = next(f for f in report.findings if f.rule_id == "klarsprak.en-plain-words"
                   and f.matched == match)
    assert finding.replacements[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Applicants need a minimum of 3 references.", "at least"),
    ("A maximum of twenty children can join each group.", "Up to"),
])
def test_a_minimum_of_a_number_is_at_least(bundled: Rulebook, text: str, expected: str) -> None:
    assert _replacement(bundled, text, "klarsprak.en-minimum-of") == expected


def test_a_minimum_of_without_a_number_stays_quiet(bundled: Rulebook) -> None:
    text = "We clear the snow with a minimum of noise."
    assert "klarsprak.en-minimum-of" not in _ids(bundled, text)


def test_facilitate_gets_a_replacement_only_for_a_meeting(bundled: Rulebook) -> None:
    text = "The road is closed to facilitate the replacement of water mains."
    finding = next(f for f in run(bundled, text, "en").findings
                   if f.rule_id == "klarsprak.en-plain-words")
    assert finding.matched == "facilitate" and not finding.replacements
    text = "Sara will facilitate the workshop on Monday."
    assert _replacement(bundled, text, "klarsprak.en-plain-words") == "run"


def test_a_friendly_dont_hesitate_stays_quiet(bundled: Rulebook) -> None:
    assert "klarsprak.en-plain-words" not in _ids(bundled, "Don't hesitate to ask our staff!")


@pytest.mark.parametrize(("text", "expected"), [
    ("Visitors can make use of the lockers.", "use"),
    ("We made use of the old bricks.", "used"),
    ("Late forms will not be taken into consideration.", "considered"),
])
def test_hidden_verbs_in_notices(bundled: Rulebook, text: str, expected: str) -> None:
    assert _replacement(bundled, text, "klarsprak.en-hidden-verbs") == expected


@pytest.mark.parametrize(("text", "match"), [
    ("Please be aware that the lift is out of order.", "Please be aware that"),
    ("It has come to our attention that some bins were missed.",
     "It has come to our attention that"),
    ("The swimming hall wishes to inform all members that the sauna is closed.",
     "wishes to inform"),
])
def test_broadcast_openers(bundled: Rulebook, text: str, match: str) -> None:
    assert spans_of(run(bundled, text, "en"), "dialog.en-broadcast") == [match]


def test_it_has_come_to_our_attention_is_dropped(bundled: Rulebook) -> None:
    text = "It has come to our attention that the gate is broken."
    assert _replacement(bundled, text, "dialog.en-broadcast") == "The"


def test_a_job_ad_talks_about_the_successful_candidate(bundled: Rulebook) -> None:
    text = "The successful applicant will lead a team of six."
    assert spans_of(run(bundled, text, "en"), "rost.en-third-person") == [
        "The successful applicant"]


# --- hints and praise an editor would not give ------------------------------------------------

@pytest.mark.parametrize("text", [
    "Come to the celebration of Midsummer in the park!",
    "The exhibition of old maps opens on Friday.",
    "Meet us at the entrance of the museum.",
    "Try the new version of the app.",
    "A combination of sun and rain gave us a green summer.",
])
def test_event_and_thing_nouns_are_no_hidden_verbs(bundled: Rulebook, text: str) -> None:
    assert "klarsprak.en-noun-of" not in _ids(bundled, text)


def test_an_action_noun_still_hides_a_verb(bundled: Rulebook) -> None:
    text = "The completion of the cycle path is planned for May."
    assert "klarsprak.en-noun-of" in _ids(bundled, text)


@pytest.mark.parametrize("text", [
    "The new benches are made of recycled plastic.",
    "The stage will be made from old shipping pallets.",
    "We are proud to be nominated for the award!",
    "I'm so happy to have been chosen as a guide.",
    "The flea market is held every Sunday by the canal.",
    "Tickets are sold at the door.",
    "Breakfast is served from seven.",
])
def test_descriptions_and_feelings_are_no_hidden_doer(bundled: Rulebook, text: str) -> None:
    assert not _ids(bundled, text) & {"klarsprak.en-passive", "klarsprak.en-modal-passive"}


@pytest.mark.parametrize("text", [
    "Bins are emptied every Tuesday.",
    "The forms were sent last week.",
    "The hall will be closed in May.",
])
def test_other_passives_still_ask_who(bundled: Rulebook, text: str) -> None:
    assert _ids(bundled, text) & {"klarsprak.en-passive", "klarsprak.en-modal-passive"}


@pytest.mark.parametrize(("text", "match"), [
    ("Tree cutting will be carried out by the new firm.", "will be carried out by"),
    ("Old batteries should be disposed of at the library.", "should be disposed of"),
    ("The road will be closed off on Sunday.", "will be closed off"),
])
def test_a_particle_belongs_to_the_passive(bundled: Rulebook, text: str, match: str) -> None:
    assert spans_of(run(bundled, text, "en"), "klarsprak.en-modal-passive") == [match]


def test_thanks_for_cooperation_earns_no_praise(bundled: Rulebook) -> None:
    text = "Ball games are not allowed on the lawn. Thank you for your cooperation."
    strengths = {s.rule_id for s in run(bundled, text, "en").strengths}
    assert "dialog.en-thanks" not in strengths
    text = "Thank you for your patience while we fixed the lift!"
    assert "dialog.en-thanks" in {s.rule_id for s in run(bundled, text, "en").strengths}


@pytest.mark.parametrize("text", [
    "Give yourself some extra time tomorrow morning.",
    "What's the best tip you've had this winter?",
])
def test_you_in_other_forms_is_praised(bundled: Rulebook, text: str) -> None:
    assert "rost.en-you" in {s.rule_id for s in run(bundled, text, "en").strengths}


# --- replacements that answer "who does it?" --------------------------------------------------

@pytest.mark.parametrize(("text", "rule_id", "expected"), [
    # was "will be told": a plain word, but still nobody doing it
    ("Members will be notified by email.", "klarsprak.en-modal-passive",
     "We will tell members by email."),
    ("The timetable will be modified in June.", "klarsprak.en-modal-passive",
     "We will change the timetable in June."),
    ("Two gritters have been dispatched.", "klarsprak.en-passive", "We have sent two gritters."),
    ("Your form has been received.", "klarsprak.en-passive", "We have received your form."),
    ("Season tickets will be refunded in full.", "klarsprak.en-modal-passive",
     "We will refund season tickets in full."),
    ("New courses will be offered in the autumn.", "klarsprak.en-modal-passive",
     "We will offer new courses in the autumn."),
    ("Life jackets can be borrowed at the kiosk.", "klarsprak.en-modal-passive",
     "You can borrow life jackets at the kiosk."),
    ("Dogs must be supervised on the beach.", "klarsprak.en-modal-passive",
     "Supervise dogs on the beach."),
    ("The work will be carried out by our own staff.", "klarsprak.en-modal-passive",
     "Our own staff will carry out the work."),
    ("The budget was approved by the Culture Committee.", "klarsprak.en-passive-by",
     "The Culture Committee approved the budget."),
])
def test_a_passive_gets_a_doer(bundled: Rulebook, text: str, rule_id: str,
                               expected: str) -> None:
    assert _corrected(bundled, text, rule_id) == expected


def test_a_requirement_on_the_reader_is_not_given_to_the_city(bundled: Rulebook) -> None:
    # "We must provide all comments" would change who has to act
    report = run(bundled, "All comments must be provided in writing.", "en")
    finding = next(f for f in report.findings if f.rule_id == "klarsprak.en-modal-passive")
    assert not finding.replacements


def test_a_scheduled_announcement_is_not_given_to_the_city(bundled: Rulebook) -> None:
    # "We announce the winner" would change who does it: the jury in Stockholm announces
    report = run(bundled, "The winner is announced in Stockholm on 3 June.", "en")
    finding = next(f for f in report.findings if f.rule_id == "klarsprak.en-passive")
    assert not finding.replacements
