"""Rewrites of whole constructions, for the findings whose fix is more than a word swap.

`rewrites(rule_id, sentence, start, end, language)` gives, best first, the texts to put in place
of a region of the sentence that overlaps the finding's span [start, end): "Man måste anmäla
sig" → "du måste anmäla dig", "Badet kommer att öppnas" → "vi öppnar badet", "Malmö stad
informerar: nu …" → "nu …". Values read as mid-sentence text; the caller capitalises a value
whose region starts the sentence. An empty list means no safe rewrite: a wrong rewrite is worse
than none. Pure and cheap: called only for the few findings of the rules in RULE_IDS.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from tonkoll.text.rewrite import en, sv_man, sv_passive, sv_request, voice


class Rewrite(NamedTuple):
    start: int  # code points, relative to the sentence
    end: int  # exclusive; may be wider than the finding's span
    value: str  # the text to put in place of sentence[start:end]


Construction = Callable[[str, int, int], list[tuple[int, int, str]]]

_BY_RULE: dict[str, tuple[Construction, ...]] = {
    "rost.man": (sv_man.man_to_du,),
    "klarsprak.passiv": (sv_passive.passive,),
    "klarsprak.passiv-uppmaning": (sv_passive.passive,),
    "klarsprak.passiv-era": (sv_passive.passive,),
    "klarsprak.passiv-agent": (sv_passive.passive,),
    "klarsprak.passiv-hjalpverb": (sv_passive.passive,),
    "rost.uppmanas": (sv_request.ombeds,),
    "dialog.utsandning": (sv_request.drop_opener,),
    "klarsprak.en-passive": (en.passive,),
    "klarsprak.en-modal-passive": (en.passive,),
    "klarsprak.en-passive-by": (en.passive,),
    "dialog.en-broadcast": (en.drop_opener,),
    # A substitution rule: its inflected entries answer first (tonkoll/engine/replace.py);
    # this is the fallback for forms the entries do not list.
    "klarsprak.en-hidden-verbs": (en.hidden_verb,),
    "klarsprak.det-passiv": (sv_request.det_passive,),
    "klarsprak.vidta-atgarder": (sv_request.vidta_atgarder,),
    "klarsprak.dubbel-passiv": (sv_passive.double,),
    "rost.malmo-stad-om-sig-sjalv": (voice.city_to_vi,),
    "rost.forvaltning-om-sig-sjalv": (voice.city_to_vi,),
    "rost.en-city-third-person": (voice.city_to_we,),
    "arlighet.undvikande-ursakt": (voice.apology_sv,),
    "arlighet.en-inconvenience": (voice.apology_en,),
    "arlighet.misstag-har-begatts": (voice.mistakes,),
    "arlighet.en-mistakes-were-made": (voice.mistakes,),
}
RULE_IDS: frozenset[str] = frozenset(_BY_RULE)


def rewrites(rule_id: str, sentence: str, start: int, end: int, language: str) -> list[Rewrite]:
    """Best first; [] when there is no safe rewrite."""
    if not 0 <= start < end <= len(sentence):
        return []
    out: list[Rewrite] = []
    for construction in _BY_RULE.get(rule_id, ()):
        for s, e, value in construction(sentence, start, end):
            if s == 0 and value and not sentence[:1].isalpha():  # "40 fordon …" → "Vi …"
                value = value[:1].upper() + value[1:]
            elif sentence[s:e].isupper() and len(sentence[s:e]) > 1:  # "KAN MAN" → "KAN DU"
                value = value.upper()
            rw = Rewrite(s, e, value)
            if s < end and e > start and value and rw not in out \
                    and value != sentence[s:e]:
                out.append(rw)
    return out
