"""Parse a Swedish passive clause: SUBJECT [modal | kommer att | har/hade] [adverbs] PASSIVE
[adverbs] [particle] [av AGENT] rest. None when the clause is not in that order or a part is not
recognised with confidence (inverted clauses, long subjects, subjects with "och"/"som"/"det")."""

from __future__ import annotations

import re
from typing import NamedTuple

from tonkoll.text.rewrite.sv_verbs import Verb, analyse_passive
from tonkoll.text.rewrite.words import (
    Word,
    clause_start,
    lower_first,
    only_spaces_between,
    word_texts,
)

MODALS = frozenset({"ska", "skall", "kan", "får", "måste", "bör", "behöver"})
# Past modals stand in the same place ("Frågan skulle besvaras" → "vi skulle svara på frågan");
# they are never a request to the reader.
PAST_MODALS = frozenset({"skulle", "kunde", "borde", "fick"})
REQUEST = frozenset({"ska", "skall", "måste", "bör", "behöver"})
ADVERBS = frozenset({"inte", "ej", "också", "även", "redan", "snart", "aldrig", "alltid",
                     "tyvärr", "nu", "därför", "fortfarande"})
PARTICLES = frozenset({"in", "ut", "upp", "ner", "fram", "bort"})
# After a particle that can also be a preposition ("tas med" / "tas med vatten") only these may
# follow, or nothing.
_AFTER_PARTICLE = frozenset({"till", "på", "i", "senast", "före", "innan", "efter", "under",
                             "vid", "när", "om", "från", "av", "inom", "nu", "i dag", "direkt",
                             "genast", "helst", "gärna", "så", "för", "mellan", "och",
                             "eller"})
_PARTICLE_VERBS = {"av": {"stänga", "spärra", "koppla", "ta", "säga", "skruva"},
                   "om": {"bygga", "göra", "måla", "starta"}, "med": {"ta"}, "i": {"fylla"},
                   "under": {"skriva"}, "emot": {"ta"}}
OBJECT = {"du": "dig", "ni": "er", "jag": "mig", "han": "honom", "hon": "henne", "de": "dem",
          "den": "den", "dessa": "dessa", "detta": "detta"}
SUBJECT = {"mig": "jag", "oss": "vi", "dig": "du", "er": "ni", "honom": "han", "henne": "hon",
           "dem": "de"}
_NOT_IN_SUBJECT = frozenset({"och", "men", "eller", "som", "att", "när", "om", "eftersom", "det",
                             "där", "är", "var", "har", "hade", "blir", "sig", "sin",
                             "sitt", "sina", "man", "vi", "oss", "ville", "blev"})
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
# Words after an agent that start an adverbial, never a part of the agent ("inom en vecka").
_ADVERBIAL_START = frozenset({"inom", "senast", "före", "efter", "innan", "redan", "nu", "idag",
                              "snart", "varje", "nästa", "förra", "sedan"})
_DETERMINERS = frozenset({"en", "ett", "den", "det", "de", "vår", "vårt", "våra", "min", "mitt",
                          "mina", "alla", "många", "flera", "någon", "några", "kommunens",
                          "stadens"})
_AV_NOT_AGENT = frozenset({"grund", "hjälp", "form", "del", "följd", "stället", "slutet",
                           "början", "mitten", "resten", "många", "flera", "några", "alla",
                           "hälften", "antal", "tack", "delar", "ut"})


class Clause(NamedTuple):
    subject: str  # as it reads as an object (lower-cased first letter, pronoun in object form)
    first: int  # index of the subject's first word
    aux: list[str]  # [] | [modal or past modal] | ["kommer", "att"] | ["har"/"hade"]
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


def parse(sentence: str, ws: list[Word], span: list[int]) -> Clause | None:
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
    elif k >= 0 and (ws[k].low in MODALS or ws[k].low in PAST_MODALS
                     or ws[k].low in ("har", "hade")):
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
    subject = subject_of(sentence, ws, first, k)
    if subject is None:
        return None
    last, particle = p, ""
    j = p + 1
    if not aux:
        while j < len(ws) and ws[j].low in ADVERBS and only_spaces_between(sentence, ws, j - 1, j):
            advs.append(_adv(ws[j].low))
            last, j = j, j + 1
    if is_particle(sentence, ws, j, verb):
        particle, last, j = ws[j].low, j, j + 1
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


def is_particle(sentence: str, ws: list[Word], j: int, verb: Verb) -> bool:
    """Word j (right after the verb) is the verb's particle: "skickas in", "stängas av"."""
    if j >= len(ws) or not only_spaces_between(sentence, ws, j - 1, j):
        return False
    low = ws[j].low
    nxt = ws[j + 1] if j + 1 < len(ws) else None
    if low in PARTICLES:
        return True
    if verb.inf not in _PARTICLE_VERBS.get(low, ()):
        return False
    if low == "av" and nxt is not None and _agent_like(nxt):
        return False  # "stängs av polisen": the agent
    return nxt is None or not only_spaces_between(sentence, ws, j, j + 1) \
        or nxt.low in _AFTER_PARTICLE or nxt.low in PARTICLES  # "tas med in"


# Words that cannot stand in a subject (subject_of) and never in the auxiliary chain between a
# subject and its passive verb (a modal, har/hade, kommer att, adverbs).
_NOT_BEFORE_VERB = _NOT_IN_SUBJECT - {"att", "har", "hade"}
assert _NOT_BEFORE_VERB.isdisjoint(MODALS | PAST_MODALS | ADVERBS | {"kommer"})
MAX_SUBJECT_WORDS = 6
_INSIDE_A_WORD = re.compile(r"[\w'’-]\w")  # the character before and at an offset


def may_have_subject(sentence: str, start: int) -> bool:
    """A quick look, before the sentence's words are read, at the words in front of the flagged
    ones (start: where they begin): False when subject_of cannot find a subject there, because
    the clause opens with an adverbial or subordinator ("För att …", "Sedan …"), or a word that no
    subject holds stands before the verb ("… och stressnivåerna kan sänkas"), or more words stand
    there than a subject of MAX_SUBJECT_WORDS and an auxiliary ("kommer att") leave room for.
    Only a shortcut: True says nothing; parse decides. Most passives in long sentences stop
    here (issue 11: engine time)."""
    clause_from = max(sentence.rfind(":", 0, start), sentence.rfind(";", 0, start)) + 1
    head = word_texts(sentence[clause_from:start].lower())
    if head and start > 0 and _INSIDE_A_WORD.match(sentence, start - 1):
        head.pop()  # the flagged words start inside a word: that word is not in front of them
    if not head:
        return True
    if head[0] in _FIRST_NOT_SUBJECT or not _NOT_BEFORE_VERB.isdisjoint(head):
        return False
    # in front of the verb: the subject, an auxiliary of one or two words ("kommer att") and
    # any adverbs ("inte", "redan")
    return len(head) - sum(map(ADVERBS.__contains__, head)) <= MAX_SUBJECT_WORDS + 2


def subject_of(sentence: str, ws: list[Word], first: int, k: int) -> str | None:
    n = k - first
    if not 1 <= n <= MAX_SUBJECT_WORDS or ws[first].low in _FIRST_NOT_SUBJECT:
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
    return None if head is None else head + sentence[ws[first].end:ws[k - 1].end]


def _agent(sentence: str, ws: list[Word], i: int) -> tuple[str, int] | None:
    if i >= len(ws):
        return None
    if ws[i].low in SUBJECT:
        if i + 1 < len(ws) and ws[i + 1].low == "som":
            return None  # "av mig som jobbar här": the relative clause would lose its noun
        return SUBJECT[ws[i].low], i
    if not _agent_like(ws[i]) and ws[i].low not in _DETERMINERS:
        return None
    j = i
    while j + 1 < len(ws) and j - i < 3 and ws[j + 1].low not in _AGENT_STOP \
            and not sentence[ws[j].end:ws[j + 1].start].strip():
        j += 1
    if j + 1 < len(ws) and (ws[j + 1].low == "och" or (
            ws[j + 1].low in _AGENT_STOP and ws[j + 1].low not in _ADVERBIAL_START
            and not sentence[ws[j].end:ws[j + 1].start].strip())):
        return None  # "av barnen på förskolan X": does the phrase belong to the agent?
    if j + 1 < len(ws) and ws[j + 1].low not in _AGENT_STOP \
            and not sentence[ws[j].end:ws[j + 1].start].strip():
        return None  # more than four words: not sure where the agent ends
    return sentence[ws[i].start:ws[j].end], j
