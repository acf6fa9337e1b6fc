"""Generate tonkoll/data/sv_verbs.json: every form of the Swedish verbs the rules and the
construction rewrites use, from a real morphology source, so that a rule file gives base forms
only and nothing is looked up or downloaded at run time.

Sources (build time only, `pip install -e '.[morph]'`; see docs/morphology.md):
- SALDO's inflection paradigms (Språkbanken, via `saldo-python`, LGPL-3.0): every tagged form
  of a verb, given the paradigm's name and the base form;
- simplemma's Swedish lemma lexicon (MIT): which paradigm is the verb's, i.e. the paradigm whose
  forms the lexicon maps back to the verb (erhöll, erhållit → erhålla) — SALDO's own
  word-to-paradigm lexicon is not in the package.
- scripts/morph_extra_sv.yml: verbs SALDO's paradigm set lacks (få) and preferred variants,
  listed by hand.
- English (tonkoll/data/en_verbs.json): lemminflect's bundled inflection tables (MIT), for the
  rules' verbs and tonkoll/data/morph_lemmas_en.txt (irregular verbs the passive rewrite needs).

Lemmas: the `verb:` entries of rules/sv/*.yml and their suggestions' verbs, plus
tonkoll/data/morph_lemmas_sv.txt (verbs the construction rewrites turn from passive to active).

Run: python scripts/build_morph.py [--check]   (--check: exit 1 when the committed file is stale)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tonkoll" / "data" / "sv_verbs.json"
LEMMAS = ROOT / "tonkoll" / "data" / "morph_lemmas_sv.txt"
LEMMAS_EN = ROOT / "tonkoll" / "data" / "morph_lemmas_en.txt"
EXTRA = ROOT / "scripts" / "morph_extra_sv.yml"

# SALDO slot -> our tag (docs/morphology.md)
SLOTS = {
    "inf": "inf aktiv", "pres": "pres ind aktiv", "pret": "pret ind aktiv", "sup": "sup aktiv",
    "imp": "imper", "inf.pass": "inf s-form", "pres.pass": "pres ind s-form",
    "pret.pass": "pret ind s-form", "sup.pass": "sup s-form",
    "part": "pret_part indef sg u nom", "part.n": "pret_part indef sg n nom",
    "part.pl": "pret_part indef pl nom", "prespart": "pres_part nom",
}
SCORED = ("pres", "pret", "sup", "pres.pass", "pret.pass", "sup.pass")


def rule_verbs(language: str = "sv") -> set[str]:
    """Base forms of the verbs in `verb:` entries and of their suggestions' (and `when:`
    replacements') first words."""
    out: set[str] = set()
    for file in sorted((ROOT / "rules" / language).glob("*.yml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        for rule in data.get("rules", []):
            for entry in rule.get("entries", []) or []:
                if "verb" not in entry:
                    continue
                out.add(entry["verb"].split()[0])
                words = entry.get("suggest", []) + (entry.get("replace") or [])
                for when in entry.get("when", []) or []:
                    words += when.get("replace", []) or []
                for s in words:
                    out.add(s.split()[0])
    return out


def paradigm_names() -> list[str]:
    import saldo  # build-time only

    lib = Path(saldo.__file__).parent / "lib" / "libsaldo.so"
    found = set()
    for m in re.finditer(rb"vb_[0-9a-z]{2}_(?:[a-z_]|\xc3[\x80-\xbf])+", lib.read_bytes()):
        try:
            found.add(m.group().decode())
        except UnicodeDecodeError:
            continue
    return sorted(found)


def _suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _hunspell():  # the dictionary's words, affixes applied, no compounding
    import hunspell_sv_path  # noqa: F401  (see below)
    from spylls.hunspell import Dictionary
    from spylls.hunspell.algo.capitalization import Type

    d = Dictionary.from_files(hunspell_sv_path.BASE)
    return lambda w: any(True for _ in d.lookuper.affix_forms(w, captype=Type.NO))


def choose(lemma: str, names: list[str], is_word) -> dict[str, list[str]] | None:
    """The SALDO paradigm whose forms are Swedish words (hunspell-sv, affixes applied, no
    compounds) that the lexicon maps back to ``lemma``: non-words cost most."""
    import saldo
    import simplemma

    best: tuple[float, int, str] | None = None
    best_forms: dict[str, list[str]] | None = None
    if lemma.endswith("a"):  # most verbs: the first conjugation (laga: lagar, lagade, lagat)
        p = saldo.paradigm("vb_1a_laga", lemma)
        if p and all(is_word(f) and simplemma.lemmatize(f, lang="sv") in
                     {lemma, lemma + "d"} for t in ("pres", "pret", "sup")
                     for f in p[SLOTS[t]]):
            return p
    for name in names:
        try:
            p = saldo.paradigm(name, lemma)
        except Exception:  # noqa: BLE001 - the C library refuses some (name, word) pairs
            continue
        if not p or lemma not in p.get("inf aktiv", []):
            continue
        known = {f for forms in p.values() for f in forms} | {lemma}
        score = 0.0
        for tag in SCORED:
            for form in p.get(SLOTS[tag], []):
                if not is_word(form):
                    score -= 0.5 if tag.endswith(".pass") else 2
                elif simplemma.lemmatize(form, lang="sv") in known:  # skickade -> skickad
                    score += 1
        if set(p.get(SLOTS["pret"], [])) & set(p.get(SLOTS["imp"], [])):
            score -= 1  # pret = imperative (skriv): a paradigm for another verb class
        model = name.split("_", 2)[2]
        if lemma.endswith(model) and len(model) >= 2:
            score += 3  # the paradigm's model verb ends the lemma: lägga -> förelägga
        key = (score, _suffix(lemma, model), name)
        if best is None or key > best:
            best, best_forms = key, p
    if best is None or best[0] < 2 or best_forms is None:
        return None
    known = {f for forms in best_forms.values() for f in forms} | {lemma}
    return {slot: [f for i, f in enumerate(forms) if i == 0 or (
        is_word(f) and simplemma.lemmatize(f, lang="sv") in known)] for slot, forms in
        best_forms.items()}


def build() -> dict[str, object]:
    extra = yaml.safe_load(EXTRA.read_text(encoding="utf-8")) or {}
    lemmas = rule_verbs() | {
        line.split("#", 1)[0].strip() for line in LEMMAS.read_text(encoding="utf-8").splitlines()
    }
    lemmas.discard("")
    names = paradigm_names()
    is_word = _hunspell()
    verbs: dict[str, dict[str, list[str]]] = {}
    missing: list[str] = []
    for lemma in sorted(lemmas):
        hand = extra.get("verbs", {}).get(lemma)
        if hand is not None and hand.get("all"):
            verbs[lemma] = {t: [f] if isinstance(f, str) else list(f)
                            for t, f in hand["forms"].items()}
            continue
        p = choose(lemma, names, is_word)
        if p is None:
            if lemma.count(" ") == 0 and hand is None:
                missing.append(lemma)
            continue
        forms = {tag: [f for f in p.get(slot, []) if f] for tag, slot in SLOTS.items()}
        forms = {t: fs for t, fs in forms.items() if fs}
        if hand is not None:  # preferred variants first
            for tag, form in hand.get("forms", {}).items():
                listed = [form] if isinstance(form, str) else list(form)
                forms[tag] = listed + [f for f in forms.get(tag, []) if f not in listed]
        verbs[lemma] = forms
    if missing:
        print("no paradigm found (list them in scripts/morph_extra_sv.yml):",
              ", ".join(missing), file=sys.stderr)
    return {"source": "SALDO paradigms (saldo-python, LGPL-3.0) chosen with simplemma's "
                      "Swedish lexicon (MIT); hand additions from scripts/morph_extra_sv.yml. "
                      "Generated by scripts/build_morph.py: do not edit.",
            "tags": list(SLOTS), "verbs": verbs}


EN_OUT = ROOT / "tonkoll" / "data" / "en_verbs.json"
EN_TAGS = {"inf": "VB", "pres": "VBZ", "pret": "VBD", "sup": "VBN", "ing": "VBG"}
EN_HAND = {"get": {"sup": ["got", "gotten"]}}  # British first


def build_en() -> dict[str, object]:
    """English verbs from lemminflect's bundled inflection data (MIT)."""
    from lemminflect import getAllInflections  # build time only

    verbs: dict[str, dict[str, list[str]]] = {}
    listed = {line.split("#", 1)[0].strip()
              for line in LEMMAS_EN.read_text(encoding="utf-8").splitlines()}
    for lemma in sorted((rule_verbs("en") | listed) - {""}):
        found = getAllInflections(lemma, upos="VERB")
        if not found:
            print(f"no English forms for {lemma}", file=sys.stderr)
            continue
        forms = {tag: list(found.get(pos, ())) for tag, pos in EN_TAGS.items()}
        if not forms["sup"]:
            forms["sup"] = list(forms["pret"])  # regular verbs: lemminflect gives VBD only
        forms.update(EN_HAND.get(lemma, {}))
        verbs[lemma] = {t: fs for t, fs in forms.items() if fs}
    return {"source": "lemminflect 0.2.3 (MIT) inflection data. Generated by "
                      "scripts/build_morph.py: do not edit.",
            "tags": list(EN_TAGS), "verbs": verbs}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    stale = 0
    for out, data in ((OUT, build()), (EN_OUT, build_en())):
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0) + "\n"
        if args.check:
            if not out.exists() or out.read_text(encoding="utf-8") != text:
                print(f"{out.relative_to(ROOT)} is stale: run python scripts/build_morph.py")
                stale = 1
            continue
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")
    return stale


if __name__ == "__main__":
    raise SystemExit(main())
