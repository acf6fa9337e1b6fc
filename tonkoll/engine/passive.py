"""kind: passive — Swedish s-passive and bli-passive heuristics (no POS tagger exists offline).

A word counts as an s-passive when it ends like one (-as, -ades, -des, -tes, -ats, -its, -tts,
consonant + s …) or is a known irregular form (görs, ges, togs …), and it is not a deponent
(finns, hoppas, lyckas, trivs, känns, ses, hörs …), a genitive (-ens, -ets, -arnas, capitalised
names), a pronoun or adverb (annars, dels, tills, hans) or a noun ending in -s (kurs, buss, hus).
Compounds ending in such a noun (tomglas, arbetsplats) are not passives; compounds ending in an
irregular passive (genomförs, utförs, anges) are. Capitalised words are never passives (names,
Sveriges; a Swedish verb comes second). A bli-passive is a form of "bli" followed, within two
words, by a participle (-ad, -at, -ade, -d, -en, -et, -na) that is not a common adjective (glad,
nöjd, klar); neuter -t forms are skipped (snyggt/stängt look alike). `except:` words stop both.
mode single: a passive with no agent ("av …") later in the sentence; mode double: two passives in
a row ("föreslås inrättas"); mode verbal: the passive family read from the clause's structure, an
s-passive after an auxiliary within four words (perfect "har överlämnats", future "kommer
Amiralsgatan att stängas", modal "skulle besvaras", "ska 1177 kontaktas": the subject may stand
between the verbs) with no agent, or any s-passive whose agent is the writer or reader ("togs fram
av oss").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from operator import attrgetter, itemgetter

from tonkoll.text.segment import Segmentation, Token

_LOWER = attrgetter("lower")

DEPONENTS = frozenset(
    """andas andades andats färdas färdades hoppas hoppades hoppats lyckas lyckades lyckats
    misslyckas misslyckades misslyckats finnas finns fanns funnits funnits minnas minns mindes
    mints trivas trivs trivdes trivts skämmas skäms skämdes vistas vistades vistats svettas
    svettades åldras åldrades envisas brottas brottades låtsas låtsades synas syns syntes synts
    kännas känns kändes känts dagas dagades umgås umgicks umgåtts slåss slogs kyssas kysstes
    skiljas skiljs skildes brännas luras lurades träffas träffades träffats ses sågs setts
    höras hörs hördes hörts mötas möts möttes mötts kramas kramades retas retades bitas samlas
    samlades samlats enas enades behövs behövdes behövts tycks tycktes fattas
    kräkas märkas märks märktes förstås umgås""".split()
)
NOT_VERBS = frozenset(
    """annars alls dels längs utomlands inomhus utomhus någonstans ingenstans tills hans
    hennes deras oss dess vars ens vems någons ingens ingenting tillsammans alldeles gratis
    förgäves stundtals tvärs sedans dags slags tings kurs buss hus glas gas fas bas vas ras
    process status campus virus bonus fokus kaos plus minus kris pris ris mus dans puls hals
    vals tips chips plats platser sats mats lands råds stads livs havs brevs ords bords
    mars kors vers hurs sorts förstås texas lukas ananas mercedes moses jesus paris atlas
    cirkus fikas kvarts konserts nyss redan ibland ännu också bakom trots alias bakut
    mammas pappas kvinnas människas veckas gatas skolas kyrkas flickas dotters systers
    mormors farmors morfars farfars kompis kompis bästis tjejs killes""".split()
)
# Nouns that end compounds: "tomglas", "arbetsplats", "insats", "rosenkvarts" are not passives.
NOUN_ENDINGS = ("glas", "kurs", "buss", "process", "status", "kvarts", "plats", "sats",
                "konserts", "tips", "dans", "puls", "hals", "kris", "pris", "ills")
IRREGULAR = frozenset(
    """görs gjordes gjorts ges gavs getts givits tas togs tagits fås fåtts sägs sades sagts
    läggs lades lagts sätts sattes satts hålls hölls hållits dras drogs dragits skrivs skrevs
    skrivits väljs valdes valts rivs revs rivits bryts bröts brutits skjuts sköts skjutits
    sänds sändes sänts förs fördes förts körs kördes körts bärs bars burits skärs skars
    styrs styrdes styrts hyrs hyrdes hyrts rörs rördes rörts lärs lärdes lärts""".split()
)
_SUFFIXES = ("ades", "des", "tes", "ats", "its", "tts", "as", "es", "ås")
# Irregular passives also end compounds: genomförs, utförs, införs, anges, antogs, fastställs.
_IRREGULAR_ENDINGS = tuple(sorted(
    """förs fördes förts görs gjordes gjorts ges gavs getts tas togs tagits sätts sattes satts
    läggs lades lagts hålls hölls hållits dras drogs dragits skrivs skrevs skrivits väljs
    valdes valts bryts bröts brutits sänds sändes sänts ställs ställdes ställts""".split(),
    key=len, reverse=True))
_CONSONANT_S = frozenset("gpvljdmt")  # not k: English plurals (pranks, likes, links)
_GENITIVE = ("ens", "ets", "ans", "arnas", "ernas", "ornas", "rnas", "ns", "ss", "us", "is",
             "os", "ys")
BLI = frozenset({"bli", "blir", "blev", "blivit", "blivande", "blitt"})
_BLI_SKIP = frozenset({"inte", "också", "snart", "redan", "aldrig", "ofta", "nu", "då", "ju",
                       "helt", "nog", "även", "sedan", "äntligen", "troligen"})
ADJECTIVES = frozenset(
    """glad glada glatt nöjd nöjda nöjt rädd rädda rätt fel klar klara klart trött trötta mätt
    lugn lugnt varm varmt kall kallt sjuk sjukt frisk friskt vuxen vuxna öppen öppet öppna
    mogen moget ledsen ledset arg argt kort kortare svårt svår lätt tyst bra kul fint fin
    mycket bättre sämre större mindre färre fler mer mest sant osant god gott hemsk hemskt
    stor stort liten litet lång långt röd rött blå blått grön grönt vit vitt svart dyrt dyr
    billig billigt intressant spännande viktigt roligt tråkigt jobbigt konstigt annorlunda
    känd kända känt sen sent tidig tidigt slut färdig färdigt av långt strängt trångt tungt
    ungt mångt""".split()
)
# After "bli" only endings that are rarely plain adjectives: -ad/-at/-ade (stängad, informerad),
# -d after l/n/r/g/v (inställd, stängd, hörd, byggd), strong participles -en/-et/-na (skriven).
# Neuter -t forms (snyggt, fint, stängt) are left out: adjectives and participles look alike.
_PARTICIPLE = ("ad", "at", "ade", "ld", "nd", "rd", "gd", "vd", "dd", "en", "et", "na", "ngt")


def is_s_passive(tok: Token, extra_stop: frozenset[str]) -> bool:
    """Whether one word token looks like an s-passive verb form."""
    if tok.kind != "word":
        return False
    low = tok.lower
    if len(low) < 3 or not low.endswith("s") or not low.isalpha():
        return False
    if tok.text[:1].isupper():
        return False  # names and their genitives (Malmös, Sveriges); Swedish verbs come second
    if low in DEPONENTS or low in NOT_VERBS or low in extra_stop:
        return False
    if low in IRREGULAR:
        return True
    if low.endswith(_GENITIVE) or low.endswith(NOUN_ENDINGS):
        return False
    if len(low) >= 5 and low.endswith(_IRREGULAR_ENDINGS):
        return True
    if len(low) >= 5 and low.endswith(_SUFFIXES):
        return True
    return len(low) >= 4 and low[-2] in _CONSONANT_S


def _is_participle(low: str, extra_stop: frozenset[str]) -> bool:
    if low in ADJECTIVES or low in extra_stop or not low.isalpha() or len(low) < 4:
        return False
    if low.endswith(("igt", "ig", "isk", "iskt", "st")):
        return False
    return low.endswith(_PARTICIPLE)


def _bli_passive(tokens: tuple[Token, ...], i: int, extra_stop: frozenset[str]) -> int | None:
    """Index of the participle when tokens[i] starts a bli-passive."""
    if tokens[i].lower not in BLI:
        return None
    sentence = tokens[i].sentence
    for j in range(i + 1, min(i + 4, len(tokens))):
        tok = tokens[j]
        if tok.sentence != sentence or tok.kind != "word":
            return None
        if tok.lower in _BLI_SKIP:
            continue
        return j if _is_participle(tok.lower, extra_stop) else None
    return None


def _has_agent(tokens: tuple[Token, ...], j: int) -> bool:
    sentence = tokens[j].sentence
    for k in range(j + 1, min(j + 10, len(tokens))):
        if tokens[k].sentence != sentence:
            return False
        if tokens[k].lower == "av":
            return True
    return False


# Auxiliaries that form the passive family with an s-passive within four words. "kommer" needs
# "att" before the passive (otherwise it is the verb of motion: "kommer hem").
AUXILIARIES = frozenset(
    """har hade ska skall kan kunde skulle måste bör borde får behöver behövde lär torde
    brukar brukade kommer kom""".split()
)
_NEEDS_ATT = frozenset({"kommer", "kom"})
_PERSONAL_AGENTS = frozenset({"oss", "mig", "dig", "er", "mej", "dej"})
# A passive in a condition or time clause is usually right ("Om din ansökan har godkänts …",
# Uttryckeriet 2018): the subordinator within four words before the auxiliary skips it.
_SUBORDINATORS = frozenset({"om", "ifall", "när", "innan", "sedan", "eftersom", "då", "tills"})
_AUX_REACH = 4  # "kommer Södra Förstadsgatan att stängas", "ska den nya bron invigas"
_COORDINATORS = frozenset({"och", "eller", "men"})


# After "av" straight after the verb these words show a particle ("stängas av i morgon"), not
# an agent ("stängas av polisen").
_AFTER_PARTICLE = frozenset(
    """i på under från till efter före mellan vid med för och men eller nu idag igen helt
    tillfälligt snart senare redan""".split()
)


_AGENT_REACH = 9  # words after the passive where the agent's "av" may stand


def _agent(tokens: tuple[Token, ...], j: int) -> int | None:
    """Index of the agent's first word ("av nämnden", "av oss") later in the sentence, if any;
    "av" right after the verb and before a preposition, adverb or the sentence end is a verb
    particle ("stängas av", "stängas av i helgen"), not an agent."""
    sentence = tokens[j].sentence
    for k in range(j + 1, min(j + 1 + _AGENT_REACH, len(tokens))):
        if tokens[k].sentence != sentence:
            return None
        if tokens[k].lower == "av":
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if nxt is None or nxt.sentence != sentence or nxt.kind != "word":
                if k == j + 1:
                    continue
                return None
            if k == j + 1 and nxt.lower in _AFTER_PARTICLE:
                continue
            return k + 1
    return None


def _in_condition(tokens: tuple[Token, ...], keys: Sequence[str], aux: int) -> bool:
    sentence = tokens[aux].sentence
    for k in range(aux - 1, max(-1, aux - 5), -1):
        if tokens[k].sentence != sentence:
            return False
        if keys[k] in _SUBORDINATORS:
            return True
    return False


def _auxiliary_before(tokens: tuple[Token, ...], keys: Sequence[str], i: int) -> int | None:
    """Index of the auxiliary up to _AUX_REACH words before tokens[i] in its sentence."""
    sentence = tokens[i].sentence
    seen_att = False
    for k in range(i - 1, max(-1, i - 1 - _AUX_REACH), -1):
        tok = tokens[k]
        if tok.sentence != sentence or tok.kind not in ("word", "number", "abbr"):
            return None
        key = keys[k]
        if key in _COORDINATORS:
            return None  # "ska ske och förändringar genomföras": the auxiliary is the other verb's
        if key == "att":
            seen_att = True
        elif key in AUXILIARIES and (seen_att or key not in _NEEDS_ATT):
            return k
    return None


def _candidates(keys: Sequence[str], ends_in_s: Sequence[int]) -> list[int]:
    """Indexes of the words that can be a verbal passive, in order: the words ending in -s that
    stand up to _AUX_REACH words after an auxiliary, or up to _AGENT_REACH words before "av oss"
    (a personal agent). Only the few -s words are visited, not every word of the post."""
    end = len(keys)
    out: list[int] = []
    for i in ends_in_s:
        if not AUXILIARIES.isdisjoint(keys[max(0, i - _AUX_REACH):i]):
            out.append(i)
            continue
        if "av" not in keys[i + 1:i + 1 + _AGENT_REACH]:  # most words: no agent after them
            continue
        for k in range(i + 1, min(i + 1 + _AGENT_REACH, end)):
            if keys[k] == "av" and k + 1 < end and keys[k + 1] in _PERSONAL_AGENTS:
                out.append(i)
                break
    return out


def _verbal_passives(tokens: tuple[Token, ...], extra_stop: frozenset[str],
                     keys: Sequence[str], ends_in_s: Sequence[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    last_end = -1
    for i in _candidates(keys, ends_in_s):
        if not is_s_passive(tokens[i], extra_stop):
            continue
        start = _auxiliary_before(tokens, keys, i)
        if start is not None and _in_condition(tokens, keys, start):
            start = None
        agent = _agent(tokens, i)
        if agent is not None and keys[agent] in _PERSONAL_AGENTS:
            span = (tokens[start if start is not None else i].start, tokens[agent].end)
        elif start is not None and agent is None:
            span = (tokens[start].start, tokens[i].end)
        else:
            continue
        if span[0] >= last_end:
            out.append(span)
            last_end = span[1]
    return out


def words_ending_in_s(keys: Sequence[str]) -> list[int]:
    """Indexes of the keys that end in -s (every s-passive does), in order: the places of "s"
    in the string of every key's last character (C-level passes, not a Python step per key;
    a token is never empty)."""
    last_characters = "".join(map(_LAST, keys))
    return [m.start() for m in _S.finditer(last_characters)]


_LAST = itemgetter(-1)
_S = re.compile("s")


def find_passives(
    seg: Segmentation, mode: str, extra_stop: frozenset[str],
    keys: Sequence[str] | None = None, ends_in_s: Sequence[int] | None = None,
) -> list[tuple[int, int]]:
    """(start, end) spans of agentless passives (single), two passives in a row (double) or the
    passive family after an auxiliary (verbal).

    ``keys``: the tokens' lower-case keys, and ``ends_in_s``: ``words_ending_in_s(keys)``, when
    the caller has them already (the passive rules of a post share them).
    """
    tokens = seg.tokens
    out: list[tuple[int, int]] = []
    if mode in ("verbal", "double"):
        if keys is None:
            keys = list(map(_LOWER, tokens))
        s_words = words_ending_in_s(keys) if ends_in_s is None else ends_in_s
        if mode == "verbal":
            return _verbal_passives(tokens, extra_stop, keys, s_words)
        for i, j in zip(s_words, s_words[1:], strict=False):  # each with the next
            a, b = tokens[i], tokens[j]
            if (j == i + 1 and a.sentence == b.sentence
                    and is_s_passive(a, extra_stop) and is_s_passive(b, extra_stop)):
                out.append((a.start, b.end))
        return out
    skip_until = -1
    for i, tok in enumerate(tokens):
        if i <= skip_until:
            continue
        low = tok.lower
        end_index = _bli_passive(tokens, i, extra_stop) if low in BLI else None
        if end_index is None and low[-1:] == "s" and is_s_passive(tok, extra_stop):
            end_index = i
        if end_index is None or _has_agent(tokens, end_index):
            continue
        out.append((tok.start, tokens[end_index].end))
        skip_until = end_index
    return out
