"""Issue 12, third round: constructions the rules missed, read from their structure. Real
sentences: the Government of British Columbia's plain-language examples and learning4sharing's
"Substantivsjuka" (tests/data/eval/), the Ryan White CARE Act summary (bench/data/dev.jsonl),
Joint Waste Solutions' snow update and the Love Goostrey blog (tests/data/eval/en-public.jsonl)."""

from __future__ import annotations

from advice_helpers import run, spans_of

from tonkoll.rulebook.model import Rulebook

CARE_ACT = ("Up to 10 percent of the funds for this program can be used to support Special "
            "Projects of National Significance.")
SNOW = ("If your road is not collected, please leave your bin out until crews are able to "
        "return. Other missed collections can be reported as normal online.")
GOOSTREY = ("Only residents “directly affected” were notified by letter…. though it might have "
            "been wiser to do a wider letter drop considering how many people will be affected.")


def test_definite_nominalisation_with_av(bundled: Rulebook) -> None:
    """"-andet/-endet av" is read from its ending; the indefinite stays a list."""
    text = ("Skulle hon verkligen våga? Frågan irriterade henne till den grad att övervinnandet "
            "av denna tveksamhet blev skäl nog att göra det.")
    assert spans_of(run(bundled, text), "klarsprak.ande-av") == ["övervinnandet av"]
    plain = "Frågan irriterade henne till den grad att hon var villig att göra det."
    assert spans_of(run(bundled, plain), "klarsprak.ande-av") == []


def test_passive_with_the_organisation_as_agent(bundled: Rulebook) -> None:
    report = run(bundled, "It was reviewed by the team", "en")
    assert spans_of(report, "klarsprak.en-passive-by") == ["was reviewed by the team"]
    assert run(bundled, "The team reviewed it", "en").findings == ()


def test_passive_with_a_means_or_an_outside_agent_is_left_alone(bundled: Rulebook) -> None:
    assert spans_of(run(bundled, GOOSTREY, "en"), "klarsprak.en-passive-by") == []
    text = "If concerns can’t be resolved by your actions, contact us."
    assert spans_of(run(bundled, text, "en"), "klarsprak.en-passive-by") == []


def test_used_to_with_a_verb_is_a_passive(bundled: Rulebook) -> None:
    assert spans_of(run(bundled, "Surveys are used to assess", "en"),
                    "klarsprak.en-passive-used-to") == ["are used to assess"]
    assert spans_of(run(bundled, CARE_ACT, "en"),
                    "klarsprak.en-passive-used-to") == ["be used to support"]
    idiom = "We are used to long queues in July, and staff are used to helping visitors."
    assert spans_of(run(bundled, idiom, "en"), "klarsprak.en-passive-used-to") == []


def test_noun_stack_before_a_verb(bundled: Rulebook) -> None:
    text = "The training program evaluation review team will submit its final report in September"
    assert spans_of(run(bundled, text, "en"), "klarsprak.en-noun-stack") == [
        "The training program evaluation review team"]
    assert spans_of(run(bundled, SNOW, "en"), "klarsprak.en-noun-stack") == []


# Malmö stad on Mynewsdesk (tests/data/eval/sv-malmo.jsonl: tk-malmo-plant-2, tk-mnd-2018-4)
PLANTING = ("Välkommen till populära Barnens trädgård i Pildammsparken 21-22 maj för Malmös "
            "förskolebarn. I år inspirerar konstnären Claude Monets \"Näckrosdammen\" planteringen "
            "och blommorna går i rosa, ljusblå och lila pastellfärger. Förutom plantering bjuds "
            "barnen på workshop med Drömmarnas hus, en interaktiv berättarföreställning med "
            "gruppen Cafez och roliga aktiviteter med Malmö Naturskola.")
SPADE = ("På måndag tas första spadtaget för den nya Station Rosengård och även tågtrafik på "
         "Kontinentalbanan. Media hälsas välkomna att närvara. När: Måndagen den 22 januari kl "
         "15.00 Var: Vändplatsen på Cronmans väg")


def test_a_greeting_or_imperative_talks_to_the_reader(bundled: Rulebook) -> None:
    """"Välkommen till …" opening a sentence addresses the reader; "Media hälsas välkomna"
    speaks about someone else and keeps the hint."""
    assert "rost.ingen-du-eller-vi" not in {f.rule_id for f in run(bundled, PLANTING).findings}
    assert "rost.ingen-du-eller-vi" in {f.rule_id for f in run(bundled, SPADE).findings}
    imperative = PLANTING.replace("Välkommen till", "Kom till")
    assert "rost.ingen-du-eller-vi" not in {f.rule_id for f in run(bundled, imperative).findings}


def test_nouns_that_name_a_thing_are_not_hidden_verbs(bundled: Rulebook) -> None:
    """Councillor Delaney's road update (tests/data/eval/en-public.jsonl, tk-en-delaney-1):
    "the section of this road" is a place; "An evaluation of" (BC's example) is an action."""
    text = ("Some confusion has arisen on the section of this road which was being resurfaced. "
            "Road closure signs remain in place but, as no work was going on, some traffic was "
            "still using the road this morning.")
    assert spans_of(run(bundled, text, "en"), "klarsprak.en-noun-of") == []
    after = "An evaluation of the training program will be available in September"
    assert spans_of(run(bundled, after, "en"), "klarsprak.en-noun-of") == ["An evaluation of"]
