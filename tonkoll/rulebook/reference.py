"""The rule reference for the comms team (docs/rules.md, the /regler page), generated from the
rule files only: `tonkoll rules docs` writes it, api/reference.py renders it as HTML."""

from __future__ import annotations

from tonkoll.engine.kinds.registry import kind_named
from tonkoll.rulebook.markdown import md
from tonkoll.rulebook.marked import parse_marked
from tonkoll.rulebook.model import LoadedRule, Rulebook
from tonkoll.rulebook.schema import LEVEL_WORDS, THEMES

LANG_WORDS = {"sv": "svenska", "en": "engelska"}


def _example(raw: str) -> str:
    try:
        text, spans = parse_marked(raw)
    except ValueError:
        return md(raw)
    pieces: list[str] = []
    pos = 0
    for start, end in spans:
        pieces.append(md(text[pos:start]))
        pieces.append(f"**{md(text[start:end])}**")
        pos = end
    pieces.append(md(text[pos:]))
    return "".join(pieces)


def _rule_section(rule: LoadedRule) -> list[str]:
    spec = rule.spec
    kind = kind_named(rule.kind)
    channels = ", ".join(spec.channels) if spec.channels else "alla"
    state = "" if spec.enabled else " – **avstängd**"
    lines = [
        f"### `{rule.id}`{state}",
        "",
        f"- Nivå: {LEVEL_WORDS[spec.level]} · Typ: {kind.label} · "
        f"Språk: {LANG_WORDS.get(rule.language, rule.language)} · Kanaler: {channels}",
        f"- Meddelande: {md(spec.message)}",
        *([f"- Utan ersättning: {md(spec.message_plain)}"] if spec.message_plain else []),
        f"- Varför: {md(spec.explanation)}",
        f"- Handboken: ”{md(spec.handbook)}”",
    ]
    bad_label, good_label = (("Får beröm", "Inget beröm") if spec.level == "praise"
                             else ("Undvik", "Bättre"))
    for i, b in enumerate(spec.examples.bad):
        correction = spec.examples.correction(i)
        fixed = f" → {md(correction)}" if correction is not None else ""
        lines.append(f"- {bad_label}: {_example(b)}{fixed}")
    lines += [f"- {good_label}: {_example(g)}" for g in spec.examples.good]
    lines += kind.details(spec)
    return [*lines, ""]


def generate(book: Rulebook) -> str:
    """The whole reference as Markdown; depends only on the rule files' content."""
    lines = [
        "# Regelreferens",
        "",
        "Genereras av `tonkoll rules docs` från regelfilerna i `rules/`. Redigera inte för hand:",
        "ändra regelfilen och kör kommandot igen. **Fetstil** i exemplen visar vad regeln hittar,",
        "och → visar meningen när den första ersättningen är insatt. Ett verb med (alla former)",
        "matchas i alla böjningsformer, och ersättningen får samma form (erhöll → fick).",
        "",
    ]
    themes = [t for t in THEMES if any(r.theme == t for r in book.rules)]
    for theme in themes:
        count = sum(1 for r in book.rules if r.theme == theme)
        lines.append(f"- [{md(book.themes.get(theme, THEMES[theme]))}](#{theme}) – "
                     f"{count} regler")  # titles escaped too (issue 13)
    lines.append("")
    for theme in themes:
        lines += [f'<a id="{theme}"></a>', "",
                  f"## {md(book.themes.get(theme, THEMES[theme]))} (`{theme}`)", ""]
        for lang in ("sv", "en"):
            for rule in sorted((r for r in book.rules if r.theme == theme and r.language == lang),
                               key=lambda r: r.id):
                lines += _rule_section(rule)
    return "\n".join(lines).rstrip() + "\n"
