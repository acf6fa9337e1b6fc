"""English constructions: passive → active ("Applications must be submitted" → "submit
applications", "The pool will be reopened" → "we will reopen the pool", "closed by the city" →
"the city will close …"), hidden verbs keep their tense ("has made a decision to" → "has decided
to"), and a notice-board opener is dropped ("Please be advised that X" → "X")."""

from __future__ import annotations

from tonkoll.text import morph
from tonkoll.text.rewrite.words import Word, clause_start, index_at, lower_first, words

# base past participle; the reader is asked to do the first group, the city does the second.
_READER = """submit submitted submitted|return returned returned|collect collected collected|
send sent sent|bring brought brought|show showed shown|complete completed completed|
fill filled filled|pay paid paid|book booked booked|register registered registered|
sign signed signed|upload uploaded uploaded|keep kept kept|wear wore worn|attach attached attached|
display displayed displayed|present presented presented|file filed filed|renew renewed renewed|
borrow borrowed borrowed|supervise supervised supervised"""
_CITY = """open opened opened|reopen reopened reopened|close closed closed|empty emptied emptied|
repair repaired repaired|fix fixed fixed|renovate renovated renovated|build built built|
install installed installed|replace replaced replaced|clear cleared cleared|clean cleaned cleaned|
paint painted painted|publish published published|review reviewed reviewed|
update updated updated|cancel cancelled cancelled|move moved moved|extend extended extended|
remove removed removed|plough ploughed ploughed|plow plowed plowed|inspect inspected inspected|
process processed processed|announce announced announced|deliver delivered delivered|
post posted posted|answer answered answered|handle handled handled|contact contacted contacted|
inform informed informed|hold held held|plant planted planted|test tested tested|
light lit lit|approve approved approved|grant granted granted|award awarded awarded|
lock locked locked|unlock unlocked unlocked|resurface resurfaced resurfaced|mow mowed mown"""
# What the city reports or plans ("will be refunded", "has been received"), but after "must",
# "should", "can" or "may" the reader may be the one ("comments must be provided to the council").
_CITY_REPORTS = """refund refunded refunded|investigate investigated investigated|
receive received received|offer offered offered|provide provided provided|
maintain maintained maintained|achieve achieved achieved|accept accepted accepted|
consider considered considered|signpost signposted signposted|allocate allocated allocated"""


def _table(src: str) -> dict[str, tuple[str, str, str]]:
    out = {}
    for item in src.replace("\n", "").split("|"):
        base, past, pp = item.split()
        out[pp] = (base, past, pp)
    return out


READER, CITY = _table(_READER), _table(_CITY)
REPORTS = _table(_CITY_REPORTS)
# Formal verbs whose passive the rewrite turns into the plain active verb at once ("Customers
# will be notified" → "we will tell customers"), as klarsprak.en-plain-words would.
REPORTS.update({"notified": ("tell", "told", "told"),
                "modified": ("change", "changed", "changed"),
                "dispatched": ("send", "sent", "sent")})
CITY.update(REPORTS)
_BE = frozenset({"be", "is", "are", "was", "were", "been", "being"})
_REQUEST = frozenset({"must", "should"})
_MODALS = frozenset({"must", "should", "will", "can", "may", "could", "would", "might"})
_PARTICLES = frozenset({"out", "up", "down", "back", "off", "away"})
_IN_VERBS = frozenset({"fill", "hand", "send", "turn", "check", "log", "sign"})  # "filled in"
_OBJECT = {"you": "you", "they": "them", "he": "him", "she": "her", "i": "me", "it": "it",
           "we": "us"}
_SUBJECT = {"us": "we", "me": "I", "them": "they", "him": "he", "her": "she", "you": "you"}
_AGENT_DET = frozenset({"the", "our", "a", "an", "your", "their", "its", "local", "city"})
_NOT_SUBJECT = frozenset({"and", "or", "that", "which", "who", "there", "we", "if", "when",
                          "in", "on", "at", "from", "after", "before", "during", "by"})
# After "by" these start a date, a time or a means, not an agent: "by 15 March", "by email".
_NOT_AGENT = frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
                        "september", "october", "november", "december", "monday", "tuesday",
                        "wednesday", "thursday", "friday", "saturday", "sunday", "noon",
                        "midnight", "tomorrow", "today", "tonight", "then", "now", "email",
                        "e-mail", "post", "mail", "phone", "hand", "car", "bus", "bike", "train",
                        "law", "default", "appointment", "next", "this", "end", "mid", "early",
                        "late", "last", "yesterday", "every", "close", "closing", "cob",
                        "deadline", "latest", "midday", "morning", "afternoon", "evening"})
_POSTMODIFIER = frozenset({"of", "from", "at", "in", "with", "who", "which", "that", "for"})
_STOP = frozenset({"on", "in", "at", "from", "during", "before", "after", "until", "by", "for",
                   "with", "and", "this", "next", "every", "today", "tomorrow", "to", "behind",
                   "near", "outside", "inside", "under", "over", "across", "around", "along",
                   "into", "through", "here", "there", "yesterday", "again"})


def _subject(sentence: str, ws: list[Word], first: int, k: int) -> str | None:
    if not 1 <= k - first <= 6 or any(w.low in _NOT_SUBJECT for w in ws[first:k]):
        return None
    if any(sentence[ws[i].end:ws[i + 1].start].strip() for i in range(first, k)):
        return None
    if k - first == 1 and ws[first].low in _OBJECT:
        return _OBJECT[ws[first].low]
    head = lower_first(sentence, ws, first)
    return None if head is None else head + sentence[ws[first].end:ws[k - 1].end]


def _date_like(w: Word) -> bool:
    return w.low in _NOT_AGENT or w.low[:1].isdigit()


def _deadline(ws: list[Word], i: int) -> bool:
    """"by" + a date or time: "by Friday", "by 2pm", "by close of business", "by the end of May"."""
    return _date_like(ws[i]) or (ws[i].low == "the" and i + 1 < len(ws) and _date_like(ws[i + 1]))


def _agent(sentence: str, ws: list[Word], i: int) -> tuple[str, int] | None:
    """The agent after "by", or None when unsure where it ends."""
    if i >= len(ws):
        return None
    if ws[i].low in _SUBJECT:
        return _SUBJECT[ws[i].low], i
    if _date_like(ws[i]):
        return None
    j = i
    name = ws[i].text[:1].isupper()  # "by Denise", "by Mayor Anna Berg": capitalised words only
    while j + 1 < len(ws) and j - i < 3 and ws[j + 1].low not in _STOP \
            and not _date_like(ws[j + 1]) and not sentence[ws[j].end:ws[j + 1].start].strip() \
            and (not name or ws[j + 1].text[:1].isupper()):
        j += 1
    if name and j + 1 < len(ws) and ws[j + 1].low not in _STOP and not _date_like(ws[j + 1]) \
            and ws[j + 1].low not in _POSTMODIFIER \
            and not sentence[ws[j].end:ws[j + 1].start].strip():
        return None  # "by Federal agencies": the name goes on in lower case
    if j + 1 < len(ws) and ws[j + 1].low in _POSTMODIFIER \
            and not sentence[ws[j].end:ws[j + 1].start].strip() \
            and not (j + 2 < len(ws) and _date_like(ws[j + 2])):
        return None  # "by pupils from Sorgenfri school": the phrase may belong to the agent
    return sentence[ws[i].start:ws[j].end], j


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _forms(participle: str) -> tuple[str, str, str] | None:
    """(base, past, participle) of a passive's verb: the tables above, else the bundled verb
    forms (tonkoll/data/en_verbs.json: won -> win, won; taken -> take, took), else a regular
    -ed form, whose past tense is the participle (base unknown: "")."""
    known = READER.get(participle) or CITY.get(participle)
    if known:
        return known
    for lemma, tag in morph.analyse(participle, "en"):
        if tag == "sup":
            past = morph.inflect(lemma, "pret", "en")
            if past:
                return lemma, past, participle
    if participle.endswith("ed") and len(participle) > 4:
        return "", participle, participle
    return None


def _plural(agent: str) -> bool:
    """Whether an agent noun phrase reads as plural ("our officers": have, not has)."""
    last = agent.rsplit(" ", 1)[-1].lower()
    return last in ("we", "you", "they", "i") or (
        last.endswith("s") and not last.endswith(("ss", "us", "is")) and agent[:1].islower())


def passive(sentence: str, start: int, end: int) -> list[tuple[int, int, str]]:
    ws = words(sentence)
    span = index_at(ws, start, end)
    p = next((i for i in reversed(span) if ws[i].low in READER or ws[i].low in CITY), None)
    tabled = p is not None
    if p is None:  # any other verb only with its agent: "was won by Denise"
        p = next((i for i in reversed(span) if i + 1 < len(ws) and ws[i + 1].low == "by"), None)
    if p is not None and ws[p].low in _PARTICLES and p > 0:
        p -= 1  # "will be carried out by the team": the participle is before the particle
    if p is None or p == 0 or ws[p - 1].low not in _BE:
        return []
    forms = _forms(ws[p].low)
    if forms is None:
        return []
    be = p - 1
    k, neg = be - 1, False
    if k >= 0 and ws[k].low == "not":
        neg, k = True, k - 1
    aux: list[str] = []
    if ws[be].low == "be" and k >= 0 and ws[k].low in _MODALS:
        aux = [ws[k].low]
    elif ws[be].low == "been" and k >= 0 and ws[k].low in ("has", "have", "had"):
        aux = [ws[k].low]
    elif ws[be].low in ("is", "are", "was", "were"):
        aux, k = [ws[be].low], be
    else:
        return []
    subject = _subject(sentence, ws, clause_start(sentence, ws, k), k)
    if subject is None or any(sentence[ws[i].end:ws[i + 1].start].strip() for i in range(k, p)):
        return []
    first = clause_start(sentence, ws, k)
    base, past, pp = forms
    last, particle, j = p, "", p + 1
    if j < len(ws) and (ws[j].low in _PARTICLES or ws[j].low == "in" and base in _IN_VERBS) \
            and not sentence[ws[p].end:ws[j].start].strip():
        particle, last, j = ws[j].low, j, j + 1
    agent = None
    if j < len(ws) and ws[j].low == "by":
        if j + 1 < len(ws) and not _deadline(ws, j + 1):  # else "by Friday": a date
            agent = _agent(sentence, ws, j + 1)
            if agent is None:
                return []
            last = agent[1]
    elif any(w.low == "by" for w in ws[j:]):
        return []  # "cleaned on Saturday by volunteers": an agent further away
    if agent is None and not tabled:
        return []
    region = (ws[first].start, ws[last].end)
    no = "not" if neg else ""
    modal = aux[0]
    if not base and modal not in ("was", "were", "has", "have", "had"):
        return []  # a regular verb outside the tables: only the past forms are known
    if agent is not None:
        actor = agent[0]
        if modal in ("is", "are"):
            return [] if actor not in ("we", "you", "they", "I") else \
                [(*region, _join(actor, no and "do not", base, particle, subject))]
    elif modal in _REQUEST and ws[p].low in READER and subject not in ("you", "them"):
        imp = _join("do not" if neg else "", base, particle, subject)
        return [(*region, imp), (*region, _join("you", modal, no, base, particle, subject))]
    elif modal in ("can", "may") and ws[p].low in READER and subject != "you":
        return [(*region, _join("you", modal, no, base, particle, subject))]
    elif ws[p].low in REPORTS and modal in _REQUEST | {"can", "may"}:
        return []
    elif ws[p].low in CITY or subject == "you":
        actor = "we"
    else:
        return []
    if modal in ("is", "are"):
        if ws[p].low in ("closed", "opened", "announced", "published"):
            # "is closed on Mondays" says how it is, not what we do; "the winner is announced
            # on 3 June" is a date in a schedule, and the one who announces may be another
            return []
        return [(*region, _join(actor, "do not" if neg else "", base, particle, subject))]
    if modal in ("was", "were"):
        history = any(w.low.isdigit() and len(w.low) == 4 for w in ws) or "ago" in sentence
        return [] if neg or history else [(*region, _join(actor, past, particle, subject))]
    if modal in ("has", "have", "had"):
        have = "had" if modal == "had" else "have" if _plural(actor) else "has"
        return [(*region, _join(actor, have, no, pp, particle, subject))]
    return [(*region, _join(actor, modal, no, base, particle, subject))]


_OPENER_NEXT_STOP = frozenset({"about", "of", "on", "regarding", "concerning"})


def drop_opener(sentence: str, start: int, end: int) -> list[tuple[int, int, str]]:
    ws = [w for w in words(sentence) if w.start >= end]
    gap = sentence[end:ws[0].start] if ws else ""
    if ws and ws[0].low == "that":
        ws, gap = ws[1:], ":"
    elif sentence[start:end].lower().endswith(" that"):
        gap = ":"
    # Without "that" or a colon the opener's verb may take an object: "Please note the hours".
    if len(ws) < 2 or ws[0].low in _OPENER_NEXT_STOP or gap.strip() not in (":", ","):
        return []
    return [(start, ws[0].end, ws[0].text)]


# hidden verb phrases: the noun part → the verb (past tense; past participle is the same)
_HIDDEN = {"an application": ("apply", "applied"), "consideration to": ("consider", "considered"),
           "an analysis": ("analyze", "analyzed"), "a review": ("review", "reviewed"),
           "a conclusion": ("conclude", "concluded"), "a decision": ("decide", "decided"),
           "action on": ("act on", "acted on"), "a payment": ("pay", "paid"),
           "payment": ("pay", "paid"), "assistance": ("help", "helped"),
           "an understanding of": ("understand", "understood"),
           "an understanding": ("understand", "understood"),
           "a determination": ("determine", "determined"),
           "an investigation": ("investigate", "investigated"),
           "an adjustment": ("adjust", "adjusted"), "adjustments": ("adjust", "adjusted")}
_PAST = frozenset({"made", "reached", "gave", "given", "conducted", "carried", "took", "taken",
                   "provided"})
_THIRD = frozenset({"makes", "reaches", "gives", "conducts", "carries", "takes", "provides"})
_ING = frozenset({"making", "reaching", "giving", "conducting", "carrying", "taking",
                  "providing"})
_BASE = frozenset({"make", "reach", "give", "conduct", "carry", "take", "provide"})


def _third(verb: str) -> str:
    head, _, tail = verb.partition(" ")
    if head.endswith("y"):
        head = head[:-1] + "ie"
    return _join(head + "s", tail)


def _ing(verb: str) -> str:
    head, _, tail = verb.partition(" ")
    return _join((head[:-1] if head.endswith("e") else head) + "ing", tail)


def hidden_verb(sentence: str, start: int, end: int) -> list[tuple[int, int, str]]:
    ws = words(sentence)
    span = index_at(ws, start, end)
    if not span:
        return []
    first = ws[span[0]].low
    rest = " ".join(ws[i].low for i in span[1:])
    if rest.startswith("out "):  # carry out a review
        rest = rest[4:]
    target = _HIDDEN.get(rest) or _HIDDEN.get(rest.removesuffix(" of"))
    if target is None:
        return []
    base, past = target
    form = past if first in _PAST else _third(base) if first in _THIRD else \
        _ing(base) if first in _ING else base if first in _BASE else None
    if form is None:
        return []
    region_end = ws[span[-1]].end
    last = span[-1]
    if not rest.endswith(" of") and last + 1 < len(ws) and ws[last + 1].low == "of" \
            and base not in ("act on",):
        region_end = ws[last + 1].end  # "conduct an analysis of the data" → "analyze the data"
    return [(ws[span[0]].start, region_end, form)]
