"""Swedish openers and "ombeds": drop a broadcast opener ("Malmö stad informerar: nu öppnar …" →
"Nu öppnar …"), and turn "X ombeds (att) göra" into the imperative ("Gör …").

An "att"-clause left behind by a dropped opener gets main-clause word order: a sentence adverb
before the finite verb moves after it ("om att badet inte öppnar" → "badet öppnar inte"); when
the verb is not recognisable the rewrite is refused.
"""

from __future__ import annotations

import re

from tonkoll.text.rewrite.sv_man import REFLEXIVE
from tonkoll.text.rewrite.sv_verbs import VERBS
from tonkoll.text.rewrite.words import Word, clause_start, index_at, only_spaces_between, words

_BIFF = frozenset({"inte", "ej", "aldrig", "också", "även", "redan", "alltid", "ju", "snart",
                   "tyvärr", "gärna", "kanske", "bara", "fortfarande", "nog", "dock"})
_FINITE = frozenset({"kan", "ska", "skall", "får", "måste", "bör", "vill", "har", "är", "var",
                     "blir", "blev", "hade", "kunde", "skulle", "fick", "behöver", "gick", "gör"})
# After the opener: a colon, or "att" / "om att" (then the rest is an att-clause).
_SUBORDINATORS = frozenset({"som", "när", "om", "att", "eftersom", "där", "vilket", "vilka",
                           "innan", "medan", "tills", "därför"})
_AFTER = re.compile(r"\s*(?::\s*|(?:\s+om)?\s+att\s+)", re.IGNORECASE)
_OPENER_ATT = re.compile(r"(?:\batt|\bom\s+att)$", re.IGNORECASE)


def _finite(w: Word) -> bool:
    return w.low in _FINITE or (len(w.low) > 3 and w.low.endswith(("ar", "er", "ir", "de", "te")))


def drop_opener(sentence: str, start: int, end: int) -> list[tuple[int, int, str]]:
    ws0 = words(sentence)
    span = index_at(ws0, start, end)
    if span and ws0[span[0]].low in ("informerar", "meddelar"):  # only the verb underlined
        first = clause_start(sentence, ws0, span[0])
        if not 1 <= span[0] - first <= 3:
            return []
        start = ws0[first].start
    matched = sentence[start:end]
    if re.match(r"(?:information|meddelande)\s+(?:angående|gällande|beträffande)", matched, re.I):
        return []
    if _OPENER_ATT.search(matched):
        rest_at, clause = end + len(sentence[end:]) - len(sentence[end:].lstrip()), True
    else:
        m = _AFTER.match(sentence, end)
        if m is None:
            return []
        rest_at, clause = m.end(), ":" not in m.group()
    return _drop(sentence, start, rest_at, clause)


def _drop(sentence: str, start: int, rest_at: int, clause: bool) -> list[tuple[int, int, str]]:
    """Drop sentence[start:rest_at]; when the rest is an att-clause, give it main-clause order."""
    ws = [w for w in words(sentence) if w.start >= rest_at]
    if len(ws) < 2:
        return []
    if not clause:
        return [(start, ws[0].end, ws[0].text)]
    advs = [i for i, w in enumerate(ws) if w.low in _BIFF]
    if not advs:
        return [(start, ws[0].end, ws[0].text)]
    a = advs[0]
    b = a
    while b + 1 < len(ws) and ws[b + 1].low in _BIFF:
        b += 1
    if a == 0 or b + 1 >= len(ws) or not _finite(ws[b + 1]) or any(i > b + 1 for i in advs):
        return []
    if any(w.low in _SUBORDINATORS for w in ws[:a]):
        return []  # "alla som inte har betalat": the adverb belongs to another clause
    if sentence[ws[0].start:ws[b + 1].end].count(",") or a > 4:
        return []
    verb = ws[b + 1]
    head = sentence[ws[0].start:ws[a].start]  # the subject and the space after it
    block = sentence[ws[a].start:ws[b].end]
    return [(start, verb.end, f"{head}{verb.text} {block}".replace(" ej", " inte"))]


# "Det konstateras att X": X is the news, the rest can go. "Det beslutades att X": we decided.
_DROP_DET = frozenset({"noteras", "konstateras", "framhålls", "framhållas", "betonas",
                       "understryks", "påpekas", "påminns"})
_WE_DET = {"föreslås": "vi föreslår", "beslutas": "vi beslutar", "beslutades": "vi beslutade",
           "bedöms": "vi bedömer", "bedömdes": "vi bedömde"}


def det_passive(sentence: str, start: int, end: int) -> list[tuple[int, int, str]]:
    ws = words(sentence)
    span = index_at(ws, start, end)
    if len(span) < 2 or ws[span[0]].low != "det" or span[-1] + 1 >= len(ws):
        return []
    if clause_start(sentence, ws, span[0]) != span[0] or ws[span[-1] + 1].low != "att":
        return []
    verb = ws[span[-1]].low
    if verb in _DROP_DET:
        return _drop(sentence, ws[span[0]].start, ws[span[-1] + 2].start if span[-1] + 2 < len(ws)
                     else len(sentence), True)
    if verb in _WE_DET and len(span) == 2:
        return [(ws[span[0]].start, ws[span[-1]].end, _WE_DET[verb])]
    return []

_ASKED = frozenset({"ombeds", "ombes", "uppmanas"})
_AFTER_VERB_STOP = frozenset({"som", "när", "där", "eftersom", "om", "att", "men", "så"})


def ombeds(sentence: str, start: int, end: int) -> list[tuple[int, int, str]]:
    ws = words(sentence)
    span = [i for i in index_at(ws, start, end) if ws[i].low in _ASKED]
    if not span:
        return []
    o = span[0]
    first = clause_start(sentence, ws, o)
    if not 1 <= o - first <= 4 or any(sentence[ws[i].end:ws[i + 1].start].strip()
                                      for i in range(first, o + 1) if i + 1 < len(ws)):
        return []
    if any(w.low in ("det", "som", "och", "man") for w in ws[first:o]):
        return []
    j = o + 1
    if j < len(ws) and ws[j].low == "att":
        j += 1
    negated = j < len(ws) and ws[j].low == "inte"
    j += negated
    if j >= len(ws) or any(sentence[ws[i].end:ws[i + 1].start].strip() for i in range(o, j)):
        return []
    inf = ws[j].low
    verb = VERBS.get(inf)
    imp = verb.imp if verb else inf if inf.endswith("era") else None
    if imp is None:
        return []
    last, changes = j, {j: imp + (" inte" if negated else "")}
    for r in range(j + 1, len(ws)):
        if sentence[ws[r - 1].end:ws[r].start].strip() or ws[r].low in _AFTER_VERB_STOP:
            break
        if ws[r].low in REFLEXIVE:
            changes[r], last = REFLEXIVE[ws[r].low], r
    for r in range(last + 1, len(ws)):
        if ws[r].low in REFLEXIVE:
            return []  # a reflexive after a boundary: whose is it?
    out, pos = [], ws[j].start
    for i in sorted(changes):
        out.append(sentence[pos:ws[i].start])
        out.append(changes[i])
        pos = ws[i].end
    return [(ws[first].start, ws[last].end, "".join(out))]


# "vidta åtgärder för/mot X" → "åtgärda X": the verb the noun hides, in the same form.
_VIDTA = {"vidta": "åtgärda", "vidtaga": "åtgärda", "vidtar": "åtgärdar", "vidtog": "åtgärdade",
          "vidtagit": "åtgärdat"}
# After "för"/"mot" these start no object: "för att minska …", "för dig", "för din skull".
_NO_OBJECT = frozenset({"att", "dig", "er", "oss", "mig", "honom", "henne", "dem", "sig",
                        "skull", "säkerhets", "säkerhet", "framtiden"})


def vidta_atgarder(sentence: str, start: int, end: int) -> list[tuple[int, int, str]]:
    ws = words(sentence)
    span = index_at(ws, start, end)
    if len(span) != 2 or ws[span[0]].low not in _VIDTA or ws[span[1]].low != "åtgärder":
        return []  # "vidtagit en rad åtgärder": the words between say how many
    prep = span[1] + 1
    if prep + 1 >= len(ws) or ws[prep].low not in ("för", "mot") \
            or ws[prep + 1].low in _NO_OBJECT \
            or not only_spaces_between(sentence, ws, span[1], prep + 1):
        return []
    return [(ws[span[0]].start, ws[prep].end, _VIDTA[ws[span[0]].low])]
