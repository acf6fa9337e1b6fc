"""Swedish s-passive → active: "vi" when the city acts, the agent when the sentence names one,
an imperative or "du" when the reader is asked to act.

Handles a clause that starts with its subject: SUBJECT [modal | kommer att | har/hade] [adverbs]
PASSIVE [adverbs] [particle] [av AGENT] rest. Refuses inverted clauses ("I juli stängs …"), a
subject of more than six words or with "och"/"som"/"det", verbs the verb table cannot conjugate
safely, and a passive whose actor it cannot tell.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from tonkoll.text.rewrite.sv_verbs import PLAIN, VERBS, Verb, analyse_passive, is_city, is_reader
from tonkoll.text.rewrite.words import (
    Word,
    clause_start,
    index_at,
    lower_first,
    only_spaces_between,
    words,
)

MODALS = frozenset({"ska", "skall", "kan", "får", "måste", "bör", "behöver"})
REQUEST = frozenset({"ska", "skall", "måste", "bör", "behöver"})
ADVERBS = frozenset({"inte", "ej", "också", "även", "redan", "snart", "aldrig", "alltid",
                     "tyvärr", "nu", "därför", "fortfarande"})
PARTICLES = frozenset({"in", "ut", "upp", "ner", "fram", "bort"})
# After a particle that can also be a preposition ("tas med" / "tas med vatten") only these may
# follow, or nothing.
_AFTER_PARTICLE = frozenset({"till", "på", "i", "senast", "före", "innan", "efter", "under",
                             "vid", "när", "om", "från", "av", "inom", "nu", "i dag", "direkt",
                             "genast", "helst", "gärna", "så", "för", "mellan"})
_PARTICLE_VERBS = {"av": {"stänga", "spärra", "koppla", "ta", "säga", "skruva"},
                   "om": {"bygga", "göra", "måla", "starta"}, "med": {"ta"}, "i": {"fylla"},
                   "under": {"skriva"}, "emot": {"ta"}}
OBJECT = {"du": "dig", "ni": "er", "jag": "mig", "han": "honom", "hon": "henne", "de": "dem",
          "den": "den", "dessa": "dessa", "detta": "detta"}
SUBJECT = {"mig": "jag", "oss": "vi", "dig": "du", "er": "ni", "honom": "han", "henne": "hon",
           "dem": "de"}
_NOT_IN_SUBJECT = frozenset({"och", "men", "eller", "som", "att", "när", "om", "eftersom", "det",
                             "där", "är", "var", "har", "hade", "blir", "sig", "sin",
                             "sitt", "sina", "man", "vi", "oss"})
_FIRST_NOT_SUBJECT = frozenset({"i", "på", "under", "från", "till", "efter", "före", "inför",
                                "vid", "med", "för", "sedan", "nu", "då", "därför", "idag",
                                "snart", "tyvärr", "också", "även", "hur", "varför", "vad",
                                "vem", "vilka", "vilken", "när", "så", "inom", "genom", "utan",
                                "mellan", "enligt", "kanske", "varje", "nästa", "förra", "denna",
                                "numera", "ibland", "ofta", "sällan", "dagligen", "årligen",
                                "igår", "imorgon", "ikväll", "nyligen", "tidigare", "senare",
                                "därefter", "först", "äntligen", "just", "dessutom", "alltså",
                                "härmed", "samtidigt", "redan", "hittills", "sen"})
# A subject that ends in one of these is a fronted time adverbial ("Varje vecka registreras …").
_QUANTIFIERS = frozenset({"alla", "ingen", "inga", "någon", "några", "många", "allt",
                         "ingenting", "något", "somliga", "var", "vem"})
_TIME_NOUNS = ("dag", "dagen", "vecka", "veckan", "månad", "månaden", "år", "året", "helg",
               "helgen", "morgon", "kväll", "kvällen", "natt", "natten", "vår", "våren",
               "sommar", "sommaren", "höst", "hösten", "vinter", "vintern", "måndag", "tisdag",
               "onsdag", "torsdag", "fredag", "lördag", "söndag", "gång", "gången", "timme")
_AGENT_STOP = frozenset({"på", "i", "under", "vid", "till", "från", "för", "efter", "före",
                         "inför", "med", "utan", "genom", "tillsammans", "mellan", "inom",
                         "sedan", "om", "varje", "nästa", "förra", "och", "som", "redan",
                         "idag", "nu", "snart", "senast"})
_DETERMINERS = frozenset({"en", "ett", "den", "det", "de", "vår", "vårt", "våra", "min", "mitt",
                          "mina", "alla", "många", "flera", "någon", "några", "kommunens",
                          "stadens"})
_AV_NOT_AGENT = frozenset({"grund", "hjälp", "form", "del", "följd", "stället", "slutet",
                           "början", "mitten", "resten", "många", "flera", "några", "alla",
                           "hälften", "antal", "tack", "delar", "ut"})
# A year or "för … sedan": a past passive that is history, not something the city did.
_PAST_TIME = re.compile(r"1\d{3}|20[01]\d|sedan|\d+-talet|förr|tidigare")
# Words after a verb both the reader and the city do that show the city did it.
_CITY_CUES = frozenset({"vidare", "ut", "hem", "tillbaka", "dig", "er"})
# What people send to the city: when these "besvaras", the city answers.
_INCOMING = frozenset({"fråga", "frågan", "frågor", "frågorna", "mejl", "mejlet", "mejlen",
                       "e-post", "kommentar", "kommentaren", "kommentarer", "kommentarerna",
                       "meddelande", "meddelanden", "synpunkter", "synpunkterna", "brev",
                       "brevet", "klagomål", "önskemål", "ärenden", "ärendet", "samtal"})
_BY_ITSELF = frozenset({"öppna", "stänga", "börja", "starta", "flytta"})
_RECIPIENT = frozenset({"du", "dig", "din", "ditt", "dina", "ni", "er", "era", "ert"})


class Clause(NamedTuple):
    subject: str  # as it reads as an object (lower-cased first letter, pronoun in object form)
    first: int  # index of the subject's first word
    aux: list[str]  # [] | [modal] | ["kommer", "att"] | ["har"/"hade"]
    advs: list[str]
    verb: Verb
    tag: str  # inf | pres | pret | sup
    particle: str
    last: int  # index of the last word the rewrite replaces (verb, particle or agent)
    agent: str  # "" or the agent as a subject
    negated_request: bool
    written: str  # the subject as written


def _adv(w: str) -> str:
    return "inte" if w == "ej" else w


def _agent_like(w: Word) -> bool:
    return (w.low in SUBJECT or w.low in _DETERMINERS or w.text[:1].isupper()
            or w.low.endswith(("en", "et", "na", "an", "s")))


def _parse(sentence: str, ws: list[Word], span: list[int]) -> Clause | None:
    p = next((i for i in reversed(span) if analyse_passive(ws[i].low)), None)
    if p is None:
        return None
    k, advs = p - 1, list[str]()
    while k >= 0 and ws[k].low in ADVERBS:
        advs.insert(0, _adv(ws[k].low))
        k -= 1
    aux: list[str] = []
    if k >= 1 and ws[k].low == "att":
        j = k - 1
        while j >= 0 and ws[j].low in ADVERBS:
            j -= 1
        if j < 0 or ws[j].low != "kommer":
            return None
        advs = [_adv(w.low) for w in ws[j + 1:k]] + advs
        aux, k = ["kommer", "att"], j
    elif k >= 0 and (ws[k].low in MODALS or ws[k].low in ("har", "hade")):
        aux = [ws[k].low]
    elif k >= 0 and ws[k].low == "kommer":  # "kommer undersökas", spoken for "kommer att"
        aux = ["kommer", "att"]
    else:
        k = p
    want = "sup" if aux[:1] in (["har"], ["hade"]) else "inf" if aux else None
    found = [(v, t) for v, t in analyse_passive(ws[p].low)
             if (t == want if want else t in ("pres", "pret"))]
    if not found or any(sentence[ws[i].end:ws[i + 1].start].strip() for i in range(k, p)):
        return None
    verb, tag = found[0]
    first = clause_start(sentence, ws, k)
    subject = _subject(sentence, ws, first, k)
    if subject is None:
        return None
    last, particle = p, ""
    j = p + 1
    if not aux:
        while j < len(ws) and ws[j].low in ADVERBS and only_spaces_between(sentence, ws, j - 1, j):
            advs.append(_adv(ws[j].low))
            last, j = j, j + 1
    if j < len(ws) and not sentence[ws[j - 1].end:ws[j].start].strip():
        low = ws[j].low
        nxt = ws[j + 1] if j + 1 < len(ws) else None
        if low in PARTICLES or (verb.inf in _PARTICLE_VERBS.get(low, ()) and (
                nxt is None or not only_spaces_between(sentence, ws, j, j + 1)
                or nxt.low in _AFTER_PARTICLE) and not (
                low == "av" and nxt is not None and _agent_like(nxt))):
            particle, last, j = low, j, j + 1
    if j + 1 < len(ws) and ws[j].low in ("och", "eller") \
            and only_spaces_between(sentence, ws, j - 1, j) \
            and (ws[j + 1].low.endswith("s") or ws[j + 1].low in MODALS):
        return None  # "stoppades och kontrollerades": one rewrite would break the pair
    agent = ""
    if j < len(ws) and ws[j].low == "av" and not sentence[ws[j - 1].end:ws[j].start].strip():
        found_agent = _agent(sentence, ws, j + 1)
        if found_agent is None:
            return None
        agent, last = found_agent
    elif any(w.low == "av" and ws[i - 1].low not in _AV_NOT_AGENT
             for i, w in enumerate(ws) if i >= j):
        return None  # an agent further away: who acts is unclear
    negated = "inte" in advs and bool(aux) and aux[0] in ("ska", "skall", "får")
    return Clause(subject, first, aux, advs, verb, tag, particle, last, agent, negated,
                  sentence[ws[first].start:ws[k - 1].end])


def _subject(sentence: str, ws: list[Word], first: int, k: int) -> str | None:
    n = k - first
    if not 1 <= n <= 6 or ws[first].low in _FIRST_NOT_SUBJECT:
        return None
    if any(w.low in _NOT_IN_SUBJECT for w in ws[first:k]) or ws[k - 1].low in _TIME_NOUNS:
        return None
    if any(sentence[ws[i].end:ws[i + 1].start].strip() for i in range(first, k)):
        return None
    if n == 1 and ws[first].low in OBJECT:
        return OBJECT[ws[first].low]
    if n == 1 and ws[first].low in _QUANTIFIERS:
        return None  # "Alla ska behandlas med respekt" is a norm, not something we do
    head = lower_first(sentence, ws, first)
    if head is None:
        return None
    return head + sentence[ws[first].end:ws[k - 1].end]


def _agent(sentence: str, ws: list[Word], i: int) -> tuple[str, int] | None:
    if i >= len(ws):
        return None
    if ws[i].low in SUBJECT:
        return SUBJECT[ws[i].low], i
    if not _agent_like(ws[i]) and ws[i].low not in _DETERMINERS:
        return None
    j = i
    while j + 1 < len(ws) and j - i < 3 and ws[j + 1].low not in _AGENT_STOP \
            and not sentence[ws[j].end:ws[j + 1].start].strip():
        j += 1
    if j + 1 < len(ws) and (ws[j + 1].low == "och" or (
            ws[j + 1].low in _AGENT_STOP and not sentence[ws[j].end:ws[j + 1].start].strip())):
        return None  # "av barnen på förskolan X": does the phrase belong to the agent?
    if j + 1 < len(ws) and ws[j + 1].low not in _AGENT_STOP \
            and not sentence[ws[j].end:ws[j + 1].start].strip():
        return None  # more than four words: not sure where the agent ends
    return sentence[ws[i].start:ws[j].end], j


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def passive(sentence: str, start: int, end: int) -> list[tuple[int, int, str]]:
    ws = words(sentence)
    c = _parse(sentence, ws, index_at(ws, start, end))
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
