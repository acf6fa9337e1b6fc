"""Swedish s-passive → active: "vi" when the city acts, the agent when the sentence names one,
an imperative or "du" when the reader is asked to act.

Handles a clause that starts with its subject: SUBJECT [modal | kommer att | har/hade] [adverbs]
PASSIVE [adverbs] [particle] [av AGENT] rest. Refuses inverted clauses ("I juli stängs …"), a
subject of more than six words or with "och"/"som"/"det", verbs the verb table cannot conjugate
safely, and a passive whose actor it cannot tell.
"""

from __future__ import annotations

import re

from tonkoll.text.rewrite.sv_clause import (
    MODALS,
    OBJECT,
    REQUEST,
    is_particle,
    may_have_subject,
    parse,
    subject_of,
)
from tonkoll.text.rewrite.sv_verbs import PLAIN, VERBS, analyse_passive, is_city, is_reader
from tonkoll.text.rewrite.words import clause_start, index_at, words

# A year or "för … sedan": a past passive that is history, not something the city did.
_PAST_TIME = re.compile(r"1\d{3}|20[01]\d|sedan|\d+-talet|förr|tidigare")
# Words after a verb both the reader and the city do that show the city did it.
_CITY_CUES = frozenset({"vidare", "ut", "hem", "tillbaka", "dig", "er"})
# What people send to the city: when these "besvaras", the city answers.
_INCOMING = frozenset({"fråga", "frågan", "frågor", "frågorna", "mejl", "mejlet", "mejlen",
                       "e-post", "kommentar", "kommentaren", "kommentarer", "kommentarerna",
                       "meddelande", "meddelanden", "synpunkter", "synpunkterna", "brev",
                       "brevet", "klagomål", "önskemål", "ärenden", "ärendet", "samtal"})
_BY_ITSELF = frozenset({"öppna", "stänga", "börja", "starta"})
_RECIPIENT = frozenset({"du", "dig", "din", "ditt", "dina", "ni", "er", "era", "ert"})


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def passive(sentence: str, start: int, end: int) -> list[tuple[int, int, str]]:
    if not may_have_subject(sentence, start):
        return []
    ws = words(sentence)
    c = parse(sentence, ws, index_at(ws, start, end))
    if c is None:
        return []
    verb, extra = c.verb, c.particle
    plain = PLAIN.get(verb.inf)
    if plain:
        if plain[1] and c.particle:
            return []
        verb, extra = VERBS[plain[0]], plain[1] or c.particle
    region = (ws[c.first].start, ws[c.last].end)
    advs = " ".join(c.advs)
    rest = " ".join(w.low for w in ws[c.last + 1:])
    person_subject = c.subject in ("dig", "er")
    if c.subject in ("mig", "honom", "henne", "dem") and not c.agent:
        return []  # "Han skickades hem": by whom?
    modal = c.aux[0] if c.aux and c.aux[0] in MODALS else ""
    asked = (modal in REQUEST or c.negated_request) and not person_subject \
        and not _RECIPIENT & set(rest.split())
    if c.agent:
        actor = c.agent
    elif asked and is_reader(verb.inf, extra):
        bare = not advs or (advs == "inte" and c.negated_request)
        imp = [_join(verb.imp, advs, extra, c.subject)] if bare and modal != "behöver" else []
        du = _join("du", modal, advs, verb.inf, extra, c.subject)
        return [(*region, v) for v in [*imp, du]]
    elif modal in ("kan", "får") and is_reader(verb.inf, extra) and not person_subject:
        return [(*region, _join("du", modal, advs, verb.inf, extra, c.subject))]
    elif (is_city(verb.inf, extra, c.tag) or person_subject) and not (
            c.tag == "pret" and any(_PAST_TIME.fullmatch(w.low) for w in ws)):
        incoming = verb.inf == "svara" and bool(_INCOMING & set(c.subject.lower().split()))
        if not person_subject and not incoming and is_reader(verb.inf, extra) and (
                modal in REQUEST or c.tag == "pres" and not c.aux
                or not _CITY_CUES & set(rest.split())):
            return []  # "Ansökan görs på webben": the reader may be the one who does it
        actor = "vi"
    else:
        return []
    if c.subject == "dem" and actor == "de":
        return []
    if c.aux[:1] == ["kommer"]:
        out = [_join(actor, verb.pres, advs, extra, c.subject),
               _join(actor, "kommer", advs, "att", verb.inf, extra, c.subject)]
        by_itself = _join(c.written, verb.pres, advs)
    elif c.aux:
        form = verb.sup if c.aux[0] in ("har", "hade") else verb.inf
        out = [_join(actor, c.aux[0], advs, form, extra, c.subject)]
        by_itself = _join(c.written, c.aux[0], advs, form) if c.aux[0] in ("har", "hade") else ""
    else:
        out = [_join(actor, verb.form(c.tag), advs, extra, c.subject)]
        by_itself = _join(c.written, verb.form(c.tag), advs)
    # "Badet öppnas" → also "Badet öppnar": no actor needed for verbs that work on their own.
    if actor == "vi" and verb.inf in _BY_ITSELF and not extra and by_itself \
            and c.subject not in OBJECT.values():
        out.append(by_itself)
    return [(*region, v) for v in out]


# "En ny bro planeras byggas" → "vi planerar att bygga en ny bro"
_FIRST_OF_TWO = {"planeras": "planerar att", "beräknas": "räknar med att", "avses": "tänker"}


def double(sentence: str, start: int, end: int) -> list[tuple[int, int, str]]:
    ws = words(sentence)
    span = index_at(ws, start, end)
    if len(span) != 2 or ws[span[0]].low not in _FIRST_OF_TWO:
        return []
    found = [v for v, t in analyse_passive(ws[span[1]].low) if t == "inf"]
    first = clause_start(sentence, ws, span[0])
    subject = subject_of(sentence, ws, first, span[0])
    if not found or subject is None or subject in OBJECT.values():
        return []
    verb = found[0]
    if not is_city(verb.inf, "", "inf"):
        return []
    last, particle = span[1], ""
    if is_particle(sentence, ws, last + 1, verb):
        last, particle = last + 1, ws[last + 1].low
    if any(w.low == "av" for w in ws[last + 1:]):
        return []
    value = _join("vi", _FIRST_OF_TWO[ws[span[0]].low], verb.inf, particle, subject)
    return [(ws[first].start, ws[last].end, value)]
