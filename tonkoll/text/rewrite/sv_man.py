"""Swedish "man" → "du", keeping the modal and turning the reflexives that refer to "man" into the
second person: "Måste man ha med sig kortet?" → "Måste du ha med dig kortet?".

Refuses when any "man" in the sentence may be the noun ("en äldre man"), when "ens" appears, when
a "man" wonders or thinks ("Man undrar …": the writer speaking of themselves, which "du" would
turn into the reader), and when a reflexive could belong to another subject (a clause boundary lies
between it and the nearest "man" before it, or no "man" comes before it).
"""

from __future__ import annotations

from tonkoll.text.rewrite.words import Word, index_at, words

REFLEXIVE = {"sig": "dig", "sin": "din", "sitt": "ditt", "sina": "dina"}
_NOUN_BEFORE = frozenset({"en", "den", "ingen", "varje", "någon", "annan", "äldre", "yngre", "ung",
                          "gammal", "okänd", "misstänkt", "berusad", "denne", "samme", "vilken",
                          "vår", "min", "din", "ensam", "skadad", "död"})
# Words after which "man" is the pronoun: modals and other verbs, subordinators, adverbs.
_PRONOUN_BEFORE = frozenset({"kan", "ska", "skall", "måste", "bör", "behöver", "får", "vill",
                             "om", "när", "att", "som", "hur", "var", "vad", "där", "då", "så",
                             "innan", "eftersom", "tycker", "vet", "tror", "har", "är", "gör",
                             "än", "tills", "medan", "och", "men", "för", "nu", "här"})
_BOUNDARY = frozenset({"som", "när", "där", "eftersom", "medan", "men", "om", "så", "fast",
                       "innan", "tills", "då", "vilket", "vars", "därför"})
_NOT_INFINITIVE = frozenset({"alla", "många", "andra", "flera", "dessa", "sina", "våra", "era",
                             "dina", "mina", "sådana", "hela", "nya", "gamla"})
_SHORT_INFINITIVES = frozenset({"ta", "ge", "gå", "se", "stå", "få", "ha", "bo", "tro", "nå", "dra",
                                "be", "sy", "gro", "slå", "må"})


_ADJECTIVE_ENDINGS = ("ig", "lig", "isk", "sam", "bar", "ad", "ande", "ende", "le", "re", "st")
# "man" before these is mostly the writer ("Man undrar ju …", "Man tycker att …"), unless a
# condition or time clause makes it anyone ("Om man undrar över …, kan man ringa").
_WRITER_VERBS = frozenset({"undrar", "undrade", "tycker", "tyckte", "tror", "trodde", "hoppas",
                           "önskar", "känner", "kände", "blir", "blev"})
_ANYONE_AFTER = frozenset({"om", "ifall", "när", "innan", "eftersom", "medan", "tills", "då",
                           "att", "som"})


def _writer(ws: list[Word], i: int) -> bool:
    return (i + 1 < len(ws) and ws[i + 1].low in _WRITER_VERBS
            and (i == 0 or ws[i - 1].low not in _ANYONE_AFTER))


def _noun(ws: list[Word], i: int) -> bool:
    """"man" at i may be the noun: after a determiner ("en man", "den gamle man"), or right after
    an adjective-looking word ("trevlig man")."""
    before = [w.low for w in ws[max(0, i - 2):i]]
    if before and before[-1] in _PRONOUN_BEFORE:
        return False
    return any(b in _NOUN_BEFORE for b in before) or (
        bool(before) and before[-1].endswith(_ADJECTIVE_ENDINGS))


def _infinitive_att(ws: list[Word], k: int) -> bool:
    """"att" at k is an infinitive marker ("komma ihåg att ta med sig"), not a new clause."""
    if k + 1 >= len(ws):
        return False
    nxt = ws[k + 1].low
    return nxt in _SHORT_INFINITIVES or (nxt.endswith("a") and nxt not in _NOT_INFINITIVE)


def clause_boundary(sentence: str, ws: list[Word], m: int, r: int) -> bool:
    for k in range(m, r):
        if sentence[ws[k].end:ws[k + 1].start].strip():
            return True
        if k > m and ws[k].low in _BOUNDARY and not (ws[k].low == "om" and k + 1 == r):
            return True  # ("om sin faktura": a preposition before the reflexive itself)
        if k > m and ws[k].low == "att" and not _infinitive_att(ws, k):
            return True
    return False


def man_to_du(sentence: str, start: int, end: int) -> list[tuple[int, int, str]]:
    ws = words(sentence)
    if any(w.low == "ens" for w in ws):
        return []
    mans = [i for i, w in enumerate(ws) if w.low == "man"]
    if any(_noun(ws, i) or _writer(ws, i) for i in mans):
        return []
    span = set(index_at(ws, start, end))
    if not mans or not span & set(mans):
        return []
    changes = {i: "du" for i in mans}
    for r, w in enumerate(ws):
        if w.low not in REFLEXIVE:
            continue
        before = [m for m in mans if m < r]
        if not before or clause_boundary(sentence, ws, before[-1], r):
            return []
        changes[r] = REFLEXIVE[w.low]
    first, last = min(changes), max(changes)
    out, pos = [], ws[first].start
    for i in sorted(changes):
        out.append(sentence[pos:ws[i].start])
        out.append(changes[i])
        pos = ws[i].end
    return [(ws[first].start, ws[last].end, "".join(out))]
