"""Voice and honesty: the city talking about itself becomes "vi"/"we" ("Malmö stad välkomnar
alla" → "vi välkomnar alla"), a form-letter apology becomes a plain one ("beklagar eventuella
olägenheter" → "ber om ursäkt för olägenheterna", "apologize for any inconvenience" →
"apologize for the inconvenience"), and "misstag har begåtts" / "mistakes were made" get their
actor ("vi har gjort fel", "we made mistakes").

The subject is only swapped where it stands as a subject: at the start of a clause or right after
a subordinator; "I höst Malmö stad erbjuder" (verb not second) and a sentence with "dess"/"its"
(whose?) are refused, as is a reflexive that may belong to another subject.
"""

from __future__ import annotations

import re

from tonkoll.text.rewrite.sv_man import clause_boundary
from tonkoll.text.rewrite.words import Word, index_at, words

_SUBORDINATORS = frozenset({"att", "när", "eftersom", "om", "som", "då", "innan", "medan",
                            "that", "when", "because", "as", "if", "since", "and", "och"})
_OURS = {"sig": "oss", "sin": "vår", "sitt": "vårt", "sina": "våra"}
_PLURAL = {"informs": "inform", "announces": "announce", "reminds": "remind",
           "welcomes": "welcome", "invites": "invite", "wishes": "wish", "wants": "want",
           "has": "have"}


def _as_subject(sentence: str, ws: list[Word], i: int) -> bool:
    if i == 0 or sentence[ws[i - 1].end:ws[i].start].strip() in (":", ";", "–", "-", ","):
        return True
    return ws[i - 1].low in _SUBORDINATORS


def _subject_end(sentence: str, ws: list[Word], first: int) -> int:
    """The subject's last word: "Malmö stad", and "Kultur- och fritidsförvaltningen" whole."""
    last = first + (1 if ws[first].low == "malmö" else 0)
    if sentence.startswith("-", ws[last].end) and last + 1 < len(ws):
        last += 2 if ws[last + 1].low == "och" else 1
    return last


def city_to_vi(sentence: str, start: int, end: int) -> list[tuple[int, int, str]]:
    ws = words(sentence)
    span = index_at(ws, start, end)
    if len(span) < 2 or not _as_subject(sentence, ws, span[0]):
        return []
    if any(w.low in ("dess", "själv") for w in ws):
        return []
    first, last_subject = span[0], _subject_end(sentence, ws, span[0])
    if last_subject >= span[-1]:
        return []
    changes: dict[int, str] = {}
    for r in range(last_subject + 1, len(ws)):
        if ws[r].low in _OURS:
            if clause_boundary(sentence, ws, first, r):
                return []
            changes[r] = _OURS[ws[r].low]
    out, pos = ["vi"], ws[last_subject].end
    for i in sorted(changes):
        out += [sentence[pos:ws[i].start], changes[i]]
        pos = ws[i].end
    return [(ws[first].start, ws[max(changes, default=last_subject)].end, "".join(out))]


def city_to_we(sentence: str, start: int, end: int) -> list[tuple[int, int, str]]:
    ws = words(sentence)
    span = index_at(ws, start, end)
    verb = next((i for i in span if ws[i].low in _PLURAL or ws[i].low == "would"), None)
    if verb is None or verb == span[0] or not _as_subject(sentence, ws, span[0]):
        return []
    if any(w.low in ("its", "itself") for w in ws):
        return []
    plural = _PLURAL.get(ws[verb].low, ws[verb].low)
    value = "we " + plural + sentence[ws[verb].end:ws[span[-1]].end]
    return [(ws[span[0]].start, ws[span[-1]].end, value)]


_DEFINITE = {"besvär": "besväret", "problem": "problemen", "obehag": "obehaget",
             "avbrott": "avbrotten", "fel": "felen", "störningar": "störningarna",
             "olägenheter": "olägenheterna", "förseningar": "förseningarna",
             "förändringar": "förändringarna", "missförstånd": "missförstånden"}
_EVENTUELLA = re.compile(r"(?:beklagar|ber\s+om\s+ursäkt\s+för|ursäktar)\s+(?:de\s+|alla\s+)?"
                         r"eventuella\s+(\w+)", re.IGNORECASE)


_INTRAFFADE = re.compile(r"beklagar\s+det\s+inträffade\b", re.IGNORECASE)


def apology_sv(sentence: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The apology that starts at the span (the span may be only its verb)."""
    m = _INTRAFFADE.match(sentence, start)
    if m is not None and m.end() >= end:
        return [(start, m.end(), "ber om ursäkt för det som hände")]
    m = _EVENTUELLA.match(sentence, start)
    if m is None or m.end() < end or m.group(1).lower() not in _DEFINITE:
        return []
    return [(start, m.end(), "ber om ursäkt för " + _DEFINITE[m.group(1).lower()])]


_ANY = re.compile(r"\b(any(?:\s+and\s+all)?)\s+(?:inconvenience|disruption|trouble|confusion|"
                  r"issues)\b", re.IGNORECASE)


def apology_en(sentence: str, start: int, end: int) -> list[tuple[int, int, str]]:
    m = _ANY.search(sentence, start, end)
    if m is None:
        return []
    return [(m.start(1), m.end(1), "the")]


_MISTAKES_SV = {"misstag har begåtts": "vi har gjort fel", "fel har begåtts": "vi har gjort fel",
                "misstag har gjorts": "vi har gjort fel", "fel har gjorts": "vi har gjort fel",
                "misstag begicks": "vi gjorde fel"}
_MISTAKES_SV_INVERTED = {"har misstag begåtts": "har vi gjort fel",
                         "har fel begåtts": "har vi gjort fel"}
_MISTAKES_EN = {"mistakes were made": "we made mistakes", "errors were made": "we made errors",
                "mistakes have been made": "we have made mistakes",
                "errors have been made": "we have made errors",
                "mistakes may have been made": "we may have made mistakes"}


def mistakes(sentence: str, start: int, end: int) -> list[tuple[int, int, str]]:
    ws = words(sentence)
    span = index_at(ws, start, end)
    if not span:
        return []
    key = " ".join(ws[i].low for i in span)
    after = span[-1] + 1
    if after < len(ws) and ws[after].low in ("av", "by"):
        return []  # an agent follows ("… begåtts av oss"): "vi" + "av oss" would not read
    if key in _MISTAKES_SV_INVERTED:
        return [(ws[span[0]].start, ws[span[-1]].end, _MISTAKES_SV_INVERTED[key])]
    value = _MISTAKES_SV.get(key) or _MISTAKES_EN.get(key)
    if value is None or not _as_subject(sentence, ws, span[0]):
        return []
    return [(ws[span[0]].start, ws[span[-1]].end, value)]
