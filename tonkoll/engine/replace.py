"""Replacements: the exact text to put in place of a finding's span.

Word level (substitution rules), worked out once at load time:
- a `verb:` entry gives a base form ("erhålla", "fatta beslut", "upphöra att"); every form of
  its first word comes from the bundled morphology (tonkoll.text.morph), the rest is kept, and
  each form is matched. Its replacements are the entry's `replace:` (default: `suggest:`) base
  forms, inflected like the matched form: erhöll -> fick, fattat beslut -> beslutat,
  påbörjades -> påbörjades/började (see `passive: active`).
- a `match:` entry lists its forms; its replacements are `replace:` (default: `suggest:`) as
  written, for every form.
Construction level (passive, "man", broadcast openers …): tonkoll.text.rewrite, per finding.

Case follows the matched text: a capital first letter stays a capital ("Samtliga" -> "Alla").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from types import ModuleType
from typing import NamedTuple, Protocol

from tonkoll.text import morph
from tonkoll.text.segment import Segmentation, Token

rewrite: ModuleType | None
try:  # the construction rewrites (branch `construct`)
    from tonkoll.text import rewrite
except ImportError:  # pragma: no cover - until that branch is merged
    rewrite = None

MAX_REPLACEMENTS = 3  # offered per finding (LanguageTool shows a few, best first)
_WORD_CHARACTER = re.compile(r"\w")

# A verb entry's s-passive forms: kept passive (erläggs -> betalas) or made active
# (påbörjas -> börjar: the plain verb is intransitive).
PASSIVE_TO_ACTIVE = {"inf.pass": "inf", "pres.pass": "pres", "pret.pass": "pret",
                     "sup.pass": "sup"}


# Particles a passive may keep after the verb: "tas emot", "lämnas in", "fylls i", "slogs fast".
PARTICLES = frozenset("emot in ut upp bort med fram tillbaka i ner av på över fast".split())


class VerbError(ValueError):
    """A verb entry the morphology cannot inflect (the loader names the rule and line)."""


def _split(phrase: str) -> tuple[str, str]:
    head, _, tail = phrase.strip().partition(" ")
    return head, tail.strip()


def _join(head: str, tail: str) -> str:
    return f"{head} {tail}" if tail else head


def verb_forms(verb: str, hand: Mapping[str, str | Sequence[str]] | None = None,
               language: str = "sv") -> list[tuple[str, str]]:
    """(tag, phrase) for every matched form of a verb entry, preferred forms first."""
    head, tail = _split(verb)
    paradigm = dict(morph.paradigm(head, language))
    for tag, listed in (hand or {}).items():
        extra = (listed,) if isinstance(listed, str) else tuple(listed)
        paradigm[tag] = extra + tuple(f for f in paradigm.get(tag, ()) if f not in extra)
    if not paradigm:
        raise VerbError(
            f"verbet '{head}' finns inte i formdata (tonkoll/data/{language}_verbs.json): kör "
            "python scripts/build_morph.py, eller skriv formerna själv under forms:")
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for tag in morph.MATCHED.get(language, morph.MATCHED["sv"]):
        for form in paradigm.get(tag, ()):
            phrase = _join(form, tail)
            if phrase.lower() not in seen:
                seen.add(phrase.lower())
            out.append((tag, phrase))
    return out


def inflect_phrase(base: str, tag: str, language: str = "sv") -> str | None:
    """A replacement's base form ("ta emot", "säga ja till") in the form ``tag``."""
    head, tail = _split(base)
    if tail and tag.startswith("part"):
        return None  # a participle of a particle verb needs the words reordered (mottagen)
    if tail and tag.endswith(".pass") and tail not in PARTICLES:
        return None  # "sades nej till", "togs hänsyn till": no
    form = morph.inflect(head, tag, language)
    if form is None:
        if tag == "inf" or (tag == "imp" and not morph.known(head, language)):
            form = head
        else:
            return None
    return _join(form, tail)


Readings = tuple[tuple[str, tuple[str, ...]], ...]  # (tag, replacements) per reading of a form

# Before these words an -as form or a bare stem is an infinitive ("ska påbörjas" -> "ska
# börja"); elsewhere the finite reading comes first ("Renoveringen påbörjas" -> "börjar"). The
# -s verbs that take an infinitive are here too: "beräknas påbörjas" -> "beräknas börja".
INFINITIVE_BEFORE = frozenset(
    "att ska skall kan kunde måste bör borde får fick vill ville skulle brukar behöver "
    "behövde tänker slipper lär torde måste inte också beräknas beräknades planeras "
    "planerades väntas väntades förväntas förväntades bedöms bedömdes antas antogs avses "
    "tycks tycktes verkar verkade".split())
# After these (not after an adverb: "… att arbetet inte påbörjas förrän i maj" is finite) only the
# infinitive fits, so the finite readings are left out ("ska börja", never "ska börjar").
_ONLY_INFINITIVE = INFINITIVE_BEFORE - {"inte", "också"}


# English: after a form of "be"/"have" a -ed form is the past participle ("is furnished" ->
# "is given", not "is gave"); elsewhere the past tense comes first.
PARTICIPLE_AFTER = frozenset(
    "is are was were be been being am has have had having get gets got".split())


def verb_replacements(verb: str, bases: Iterable[str], passive: str = "passive",
                      hand: Mapping[str, str | Sequence[str]] | None = None,
                      language: str = "sv") -> dict[str, Readings]:
    """lower-case matched phrase -> its readings with their replacements, for one verb entry."""
    bases = list(bases)
    out: dict[str, dict[str, list[str]]] = {}
    for tag, phrase in verb_forms(verb, hand, language):
        target = PASSIVE_TO_ACTIVE.get(tag, tag) if passive == "active" else tag
        found = out.setdefault(phrase.lower(), {}).setdefault(tag, [])
        for base in bases:
            value = inflect_phrase(base, target, language)
            if value is not None and value not in found:
                found.append(value)
    return {phrase: tuple((tag, tuple(values)) for tag, values in readings.items())
            for phrase, readings in out.items()}


def choose(readings: Readings, previous: str) -> tuple[str, ...]:
    """The replacements of a matched form, the reading that fits the word before it first."""
    if len(readings) == 1:
        return readings[0][1]
    infinitive = previous in INFINITIVE_BEFORE
    if previous in _ONLY_INFINITIVE:
        readings = tuple(r for r in readings if r[0].startswith("inf")) or readings
    participle = previous in PARTICIPLE_AFTER  # English "is furnished": the past participle
    if previous:  # the imperative only starts a sentence ("Upphör …" vs "Bussen upphör att")
        readings = tuple(r for r in readings if r[0] != "imp") or readings
    tags = {r[0] for r in readings}
    if "sup" in tags and "pret" in tags:  # one form, two readings (furnished): the context picks
        readings = tuple(r for r in readings if r[0] == ("sup" if participle else "pret"))
    ordered = sorted(readings, key=lambda r: r[0].startswith("inf") != infinitive)
    out: list[str] = []
    for _tag, values in ordered:
        out.extend(v for v in values if v not in out)
    return tuple(out)


def follow_case(matched: str, value: str) -> str:
    """The replacement with the matched text's capital first letter (sentence start), or all
    in capitals when the matched words are ("A NUMBER OF" -> "SOME")."""
    if len(matched) > 1 and matched.isupper():
        return value.upper()
    if value and matched[:1].isupper() and value[:1].islower():
        return value[:1].upper() + value[1:]
    return value


def fit_span(sentence_start: int, text: str, start: int, end: int,
             rewrites: Sequence[tuple[int, int, str]], limit: int = 3,
             ) -> tuple[int, int, tuple[str, ...]]:
    """The finding's span widened to cover every rewrite region (offsets in the sentence), and
    each rewrite's value padded with the text between its region and that span, so that every
    value replaces the same span. Capital first letter when the span starts the sentence."""
    kept = [r for r in rewrites[:limit] if r[0] < r[1] or r[2]]
    if not kept:
        return start, end, ()
    lo = min([start - sentence_start] + [r[0] for r in kept])
    hi = max([end - sentence_start] + [r[1] for r in kept])
    sentence = text[sentence_start:]
    values: list[str] = []
    for r_start, r_end, value in kept:
        full = sentence[lo:r_start] + value + sentence[r_end:hi]
        if not _WORD_CHARACTER.search(sentence, 0, lo):  # the span starts the sentence,
            full = follow_case(sentence[lo:lo + 1], full)  # maybe after a dash or quote mark
        if full not in values and full != sentence[lo:hi]:
            values.append(full)
    return sentence_start + lo, sentence_start + hi, tuple(values)


class EntryLike(Protocol):
    """What replace.py reads of a substitution entry (rulebook.schema.Entry is one)."""

    @property
    def match(self) -> list[str]: ...
    @property
    def verb(self) -> str | None: ...
    @property
    def forms(self) -> Mapping[str, str | list[str]]: ...
    @property
    def passive(self) -> str: ...
    @property
    def replace(self) -> list[str] | None: ...
    @property
    def when(self) -> Sequence[WhenLike]: ...

    def replacements(self) -> list[str]: ...


class WhenLike(Protocol):
    """What replace.py reads of an entry's `when:` (kinds.substitution.When is one)."""

    @property
    def next(self) -> list[str]: ...
    @property
    def near(self) -> list[str]: ...
    @property
    def replace(self) -> list[str]: ...


class Context(NamedTuple):
    """One `when:` of a substitution entry, worked out at load time: the words that call for
    it and its replacements per matched form (a table like the entry's own)."""

    next: frozenset[str]  # the word right after the match
    near: frozenset[str]  # a word (or "öppet hus": words in a row) near the match
    tails: tuple[str, ...]  # … or a word ending so ("-möte": föräldramöte)
    table: dict[str, Readings]


def entry_contexts(entry: EntryLike, language: str = "sv") -> tuple[Context, ...]:
    """The entry's `when:` contexts, in order (the first that applies wins)."""
    out: list[Context] = []
    for when in entry.when:
        if entry.verb is not None:
            table = verb_replacements(entry.verb, when.replace, entry.passive, entry.forms,
                                      language)
        else:
            table = {form.lower(): (("", tuple(when.replace)),) for form in entry.match}
        near = [w.lower() for w in when.near]
        out.append(Context(frozenset(w.lower() for w in when.next),
                           frozenset(w for w in near if not w.startswith("-")),
                           tuple(w[1:] for w in near if w.startswith("-")), table))
    return tuple(out)


# The words near a match that `near:` looks at: its own clause, not past punctuation or a word
# that starts another clause; after the match at most NEAR_WORDS words up to a preposition,
# before it the words up to the first preposition within 2 * NEAR_WORDS words. A preposition's
# own phrase does not count ("Efter mötet genomför vi …": the meeting is not what is carried
# out; "Samråd med föreningarna genomförs": the consultations are).
NEAR_WORDS = 4
_PREPOSITIONS = {
    "sv": frozenset("i på av för från till med om efter före under vid hos mot utan genom inom "
                    "mellan enligt inför sedan bland kring runt trots via".split()),
    "en": frozenset("in on at of for from to with about after before during by against without "
                    "through within between via".split()),
}
_CLAUSE_WORDS = {
    "sv": frozenset("och men eller samt att som när där då eftersom medan innan så".split()),
    "en": frozenset("and but or that which who when where while because so".split()),
}
_STOPS = {lang: _PREPOSITIONS[lang] | words for lang, words in _CLAUSE_WORDS.items()}
_WORDISH = frozenset({"word", "abbr", "number"})


def _context_words(seg: Segmentation, start: int, end: int, language: str
                   ) -> tuple[str, list[str]]:
    """(the word right after the match, the words near it in reading order) in lower case."""
    tokens = seg.tokens
    first = bisect_left(tokens, start, key=_token_start)
    after = bisect_left(tokens, end, key=_token_start)
    if first >= len(tokens):
        return "", []
    sentence = tokens[first].sentence
    preps = _PREPOSITIONS.get(language, _PREPOSITIONS["sv"])
    stops = _STOPS.get(language, _STOPS["sv"])
    nxt = ""
    if (after < len(tokens) and tokens[after].sentence == sentence
            and tokens[after].kind in _WORDISH):
        nxt = tokens[after].lower
    # Backwards from the match: a preposition drops the words read since (they are its
    # phrase, "samråd med föreningarna"), a clause word or punctuation ends the look.
    before: list[str] = []
    k = first - 1
    while k >= 0 and first - k <= 2 * NEAR_WORDS:
        t = tokens[k]
        if t.sentence != sentence or t.kind not in _WORDISH:
            break
        if t.lower in preps:
            before = []
        elif t.lower in stops:
            break
        else:
            before.append(t.lower)
        k -= 1
    near = before[::-1]
    k = after
    while k < len(tokens) and k - after < NEAR_WORDS:
        t = tokens[k]
        if t.sentence != sentence or t.kind not in _WORDISH or t.lower in stops:
            break
        near.append(t.lower)
        k += 1
    return nxt, near


def _applies(context: Context, nxt: str, near: list[str]) -> bool:
    if nxt and nxt in context.next:
        return True
    if not near or not (context.near or context.tails):
        return False
    if not context.near.isdisjoint(near) or any(w.endswith(context.tails) for w in near):
        return True
    joined = f" {' '.join(near)} "
    return any(" " in w and f" {w} " in joined for w in context.near)


def _in_context(contexts: Sequence[Context], seg: Segmentation, start: int, end: int,
                key: str, language: str) -> Readings | None:
    """The readings of the first context that applies to this match, or None."""
    nxt, near = _context_words(seg, start, end, language)
    for context in contexts:
        if _applies(context, nxt, near):
            readings = context.table.get(key)
            if readings and any(values for _, values in readings):
                return readings
    return None


def entry_table(entry: EntryLike, language: str = "sv") -> dict[str, Readings]:
    """lower-case phrase -> readings, for one substitution entry (match: or verb:)."""
    if entry.verb is not None:
        return verb_replacements(entry.verb, entry.replacements(), entry.passive, entry.forms,
                                 language)
    if entry.replace is None and looks_inflected(entry.match):
        values: tuple[str, ...] = ()  # erhåller/erhöll -> "få" would not fit: verb: does it
    else:
        values = tuple(entry.replacements())
    return {form.lower(): (("", values),) for form in entry.match}


def looks_inflected(forms: Sequence[str]) -> bool:
    """Whether a `match:` list holds forms of one word (erhåller, erhöll; dylik, dylikt): one
    suggestion cannot fit them all, so such an entry offers a replacement only when `replace:`
    says what to put in. Different words (emedan, enär; i dagsläget, i nuläget) are fine."""
    heads = [f.split()[0].lower() for f in forms if f.strip()]
    for i, a in enumerate(heads):
        for b in heads[i + 1:]:
            if a != b and _common_prefix(a, b) >= max(4, min(len(a), len(b)) - 3):
                return True
    return False


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def entry_phrases(entry: EntryLike, language: str = "sv") -> list[str]:
    """The phrases an entry matches, as the lookup and the rule reference list them."""
    if entry.verb is not None:
        return list(dict.fromkeys(p for _, p in verb_forms(entry.verb, entry.forms, language)))
    return list(entry.match)


# "medborgarna" -> "du" fits only as a subject (sentence start, after the finite verb in "Nu kan
# medborgarna …" or after a subordinator), and only when no "sig/sin/sitt/sina" later refers
# back to it. After a preposition the object form fits: "för medborgaren" -> "för dig", "till
# vårdnadshavaren" -> "till dig som förälder". A value that starts with the pronoun ("du som
# bor här") follows the same rules; "om" and "utan" are left out (they also open clauses).
SUBJECT_PRONOUNS = frozenset({"du", "ni", "vi"})
_OBJECT_FORM = {"du": "dig", "ni": "er", "vi": "oss"}
_BEFORE_OBJECT = frozenset(
    "för till av med åt hos från på i mot bland inför kring genom".split())  # not "om", "utan"
# A subordinator opens a clause whose subject may follow: "att vårdnadshavaren tackar ja".
_SUBORDINATORS = frozenset("att när eftersom innan tills medan ifall".split())
_FINITE_BEFORE_SUBJECT = frozenset(
    "kan ska skall får måste bör behöver vill har hade är var blir blev kommer brukar "
    "kunde skulle fick ville".split())
_REFLEXIVES = frozenset({"sig", "sin", "sitt", "sina"})


def _pronouns_that_fit(values: tuple[str, ...], seg: Segmentation, start: int, end: int,
                       previous: str) -> tuple[str, ...]:
    sentence = seg.sentences[seg.sentence_at(start)]
    rest = {w.strip(".,!?:;”\"").lower() for w in seg.text[end:sentence.end].split()}
    subject = previous == "" or previous in _FINITE_BEFORE_SUBJECT or previous in _SUBORDINATORS
    if subject and not rest & _REFLEXIVES:
        return values
    out = []
    for v in values:
        head, _, tail = v.partition(" ")
        if head not in SUBJECT_PRONOUNS:
            out.append(v)
        elif previous in _BEFORE_OBJECT:
            out.append(f"{_OBJECT_FORM[head]} {tail}" if tail else _OBJECT_FORM[head])
    return tuple(out)


def _starts_with_pronoun(values: tuple[str, ...]) -> bool:
    return any(v.partition(" ")[0] in SUBJECT_PRONOUNS for v in values)


class _TextsLike(Protocol):
    @property
    def replace_by_entry(self) -> tuple[dict[str, Readings], ...]: ...
    @property
    def when_by_entry(self) -> tuple[tuple[Context, ...], ...]: ...


def _previous_word(seg: Segmentation, start: int) -> str:
    tokens = seg.tokens
    i = bisect_left(tokens, start, key=_token_start) - 1
    while i >= 0 and tokens[i].kind not in ("word", "abbr"):
        if tokens[i].kind == "end":
            return ""
        i -= 1
    if i < 0 or tokens[i].sentence != seg.sentence_at(start):
        return ""
    return tokens[i].lower


def _token_start(token: Token) -> int:
    return token.start


# Swedish word order: a verb particle comes after a subject pronoun that follows the verb and
# after a sentence adverb: "medtas han" -> "tas han med", "mottar gärna" -> "tar gärna emot".
_BEFORE_PARTICLE = frozenset(
    "jag du han hon den det vi ni de man gärna inte aldrig också även alltid ofta redan bara "
    "nog ju väl då nu".split())


def _particle_of(value: str) -> str:
    head, _, tail = value.rpartition(" ")
    return tail if head and " " not in head and tail in PARTICLES else ""


def _particle_after(values: tuple[str, ...], seg: Segmentation, start: int, end: int,
                    ) -> tuple[tuple[str, ...], int, int]:
    """Put a replacement's particle after the word that follows the span when Swedish word
    order wants it there; the span then takes in that word."""
    tokens = seg.tokens
    i = bisect_left(tokens, end, key=_token_start)
    if i >= len(tokens) or tokens[i].kind != "word" or tokens[i].sentence != tokens[i - 1].sentence:
        return values, start, end
    nxt = tokens[i]
    if nxt.lower not in _BEFORE_PARTICLE:
        return values, start, end
    gap = seg.text[end:nxt.start]
    out: list[str] = []
    for v in values:
        particle = _particle_of(v)
        if particle:
            out.append(f"{v[:-len(particle) - 1]}{gap}{nxt.text} {particle}")
        else:
            out.append(f"{v}{gap}{nxt.text}")
    return tuple(out), start, nxt.end


def has_rewrite(rule_id: str) -> bool:
    """Whether the construction rewrites handle this rule."""
    return rewrite is not None and rule_id in rewrite.RULE_IDS


def replacements_for(rule_id: str, texts: _TextsLike, entry: int, seg: Segmentation,
                     start: int, end: int, language: str,
                     ) -> tuple[tuple[str, ...], int, int]:
    """(replacements, start, end) of one finding: its first hit's span, widened when a
    construction rewrite needs more words. Called once per finding, never per token."""
    text = seg.text
    tables = texts.replace_by_entry
    if len(tables) == 1 and entry == -1:  # an existence or pattern rule's `replace:` map
        entry = 0
    if tables and 0 <= entry < len(tables):
        matched = text[start:end]
        key = matched.lower()
        readings = tables[entry].get(key)
        if readings is None:  # spacing differs from the rule ("i  enlighet med")
            key = " ".join(key.split())
            readings = tables[entry].get(key)
        contexts = texts.when_by_entry
        if readings and contexts and entry < len(contexts) and contexts[entry]:
            readings = _in_context(contexts[entry], seg, start, end, key, language) or readings
        if readings:
            # The word before decides between readings and whether a pronoun fits; most forms
            # have one reading and no pronoun, and then it is not looked up.
            previous = _previous_word(seg, start) if len(readings) > 1 else None
            values = choose(readings, previous or "")
            if _starts_with_pronoun(values):
                if previous is None:
                    previous = _previous_word(seg, start)
                values = _pronouns_that_fit(values, seg, start, end, previous)
            if values:
                values = values[:MAX_REPLACEMENTS]
                if not matched.islower():  # a capital to follow (most matches have none)
                    values = tuple(follow_case(matched, v) for v in values)
                if language == "sv" and any(map(_particle_of, values)):
                    return _particle_after(values, seg, start, end)
                return values, start, end
    # nothing from the rule's own tables: a construction rewrite, when the rule has one
    if rewrite is None or rule_id not in rewrite.RULE_IDS:
        return (), start, end
    sentence = seg.sentences[seg.sentence_at(start)]
    s_start = sentence.start
    found = rewrite.rewrites(rule_id, text[s_start:sentence.end], start - s_start,
                             end - s_start, language)
    if not found:
        return (), start, end
    new_start, new_end, values = fit_span(s_start, text[:sentence.end], start, end,
                                          [(r[0], r[1], r[2]) for r in found],
                                          MAX_REPLACEMENTS)
    if not values:
        return (), start, end
    return values, new_start, new_end


def replace_map_table(mapping: Mapping[str, Sequence[str]]) -> tuple[dict[str, Readings], ...]:
    """An existence or pattern rule's `replace:` map as one table (matched text, lower case,
    spaces collapsed -> its replacements); () when there is none."""
    if not mapping:
        return ()
    return ({" ".join(k.lower().split()): (("", tuple(v)),) for k, v in mapping.items()},)


def replace_map_lines(mapping: Mapping[str, Sequence[str]]) -> list[str]:
    """The rule reference's line for a `replace:` map (Markdown)."""
    from tonkoll.rulebook.markdown import md

    if not mapping:
        return []
    return ["- Ersätts: " + "; ".join(f"{md(k)} → {', '.join(md(v) for v in vs)}"
                                      for k, vs in mapping.items())]
