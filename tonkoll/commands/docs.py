"""tonkoll rules docs: the Markdown rule reference, generated from the rule files only."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from tonkoll.commands.common import EXIT_FAIL, EXIT_OK, CliError, load
from tonkoll.rulebook.examples import parse_marked
from tonkoll.rulebook.model import LoadedRule, Rulebook
from tonkoll.rulebook.schema import (
    THEMES,
    AbsenceRule,
    Entry,
    ExistenceRule,
    MetricRule,
    PassiveRule,
    PatternRule,
    SubstitutionRule,
)

KIND_WORDS = {
    "substitution": "ersättning (ord → enklare ord)",
    "existence": "fras att se upp med",
    "pattern": "mönster",
    "passive": "passiv form",
    "metric": "mått",
    "absence": "något som saknas i texten",
}
LEVEL_WORDS = {"hint": "tips", "warning": "varning", "praise": "beröm"}
LANG_WORDS = {"sv": "svenska", "en": "engelska"}


def _md(text: str) -> str:
    """Escape what Markdown would otherwise interpret in running text."""
    out = text.replace("\\", "\\\\")
    for ch in "*_`|<>[]":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split("\n"))


def _code(text: str) -> str:
    """An inline code span that survives backticks inside."""
    fence = "``" if "`" in text else "`"
    pad = " " if "`" in text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _example(raw: str) -> str:
    try:
        text, spans = parse_marked(raw)
    except ValueError:
        return _md(raw)
    pieces: list[str] = []
    pos = 0
    for start, end in spans:
        pieces.append(_md(text[pos:start]))
        pieces.append(f"**{_md(text[start:end])}**")
        pos = end
    pieces.append(_md(text[pos:]))
    return "".join(pieces)


def _entry_words(entry: Entry) -> str:
    if entry.verb is not None:
        return f"{_md(entry.verb)} (alla former)"
    return ", ".join(_md(m) for m in entry.match)


def _entry_advice(entry: Entry) -> str:
    advice = ", ".join(_md(s) for s in entry.suggest) or "–"
    if entry.replace is not None and entry.replace != entry.suggest:
        placed = ", ".join(_md(r) for r in entry.replace) or "ingen"
        advice += f" (ersättning: {placed})"
    if entry.verb is not None and entry.passive == "active":
        advice += " (passiv blir aktiv)"
    return advice


def _details(rule: LoadedRule) -> list[str]:
    spec = rule.spec
    lines: list[str] = []
    if isinstance(spec, SubstitutionRule):
        lines += ["", "| Skriv inte | Skriv hellre |", "|---|---|"]
        for entry in spec.entries:
            lines.append(f"| {_entry_words(entry)} | {_entry_advice(entry)} |")
    elif isinstance(spec, ExistenceRule):
        lines.append(f"- Fraser: {', '.join(_md(p) for p in spec.phrases)}")
        if spec.suggest:
            lines.append(f"- Förslag: {', '.join(_md(s) for s in spec.suggest)}")
    elif isinstance(spec, PatternRule):
        lines.append(f"- Mönster: {_code(spec.pattern)}")
    if isinstance(spec, (ExistenceRule, PatternRule)) and spec.replace:
        lines.append("- Ersätts: " + "; ".join(
            f"{_md(k)} → {', '.join(_md(v) for v in vs)}" for k, vs in spec.replace.items()))
    elif isinstance(spec, PassiveRule):
        mode = "två passiver i rad" if spec.mode == "double" else "passiv utan agent"
        lines.append(f"- Läge: {mode}")
        if spec.except_:
            lines.append(f"- Undantag: {', '.join(_md(w) for w in spec.except_)}")
    elif isinstance(spec, MetricRule):
        limit = f"högst {spec.max:g}" if spec.max is not None else ""
        per = ", ".join(f"{k}: {v:g}" for k, v in spec.max_by_channel.items())
        lines.append(f"- Mått: {spec.metric} per {'text' if spec.scope == 'text' else 'mening'}"
                     f"{', ' + limit if limit else ''}{' (' + per + ')' if per else ''}"
                     f"{f', från {spec.min_words} ord' if spec.min_words else ''}")
        if spec.words:
            lines.append(f"- Ord: {', '.join(_md(w) for w in spec.words)}")
    elif isinstance(spec, AbsenceRule):
        lines.append(f"- Slår till när inget av detta finns: "
                     f"{', '.join(_md(w) for w in spec.absent)}"
                     f"{f' (och inte mönstret {_code(spec.also_absent_pattern)})' if spec.also_absent_pattern else ''}"  # noqa: E501
                     f"{f', från {spec.min_words} ord' if spec.min_words else ''}")
    return lines


def _rule_section(rule: LoadedRule) -> list[str]:
    spec = rule.spec
    channels = ", ".join(spec.channels) if spec.channels else "alla"
    state = "" if spec.enabled else " – **avstängd**"
    lines = [
        f"### `{rule.id}`{state}",
        "",
        f"- Nivå: {LEVEL_WORDS[spec.level]} · Typ: {KIND_WORDS[spec.kind]} · "
        f"Språk: {LANG_WORDS.get(rule.language, rule.language)} · Kanaler: {channels}",
        f"- Meddelande: {_md(spec.message)}",
        *([f"- Utan ersättning: {_md(spec.message_plain)}"] if spec.message_plain else []),
        f"- Varför: {_md(spec.explanation)}",
        f"- Handboken: ”{_md(spec.handbook)}”",
    ]
    bad_label, good_label = (("Får beröm", "Inget beröm") if spec.level == "praise"
                             else ("Undvik", "Bättre"))
    for i, b in enumerate(spec.examples.bad):
        correction = spec.examples.correction(i)
        fixed = f" → {_md(correction)}" if correction is not None else ""
        lines.append(f"- {bad_label}: {_example(b)}{fixed}")
    lines += [f"- {good_label}: {_example(g)}" for g in spec.examples.good]
    lines += _details(rule)
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
        lines.append(f"- [{book.themes.get(theme, THEMES[theme])}](#{theme}) – {count} regler")
    lines.append("")
    for theme in themes:
        lines += [f'<a id="{theme}"></a>', "",
                  f"## {book.themes.get(theme, THEMES[theme])} (`{theme}`)", ""]
        for lang in ("sv", "en"):
            for rule in sorted((r for r in book.rules if r.theme == theme and r.language == lang),
                               key=lambda r: r.id):
                lines += _rule_section(rule)
    return "\n".join(lines).rstrip() + "\n"


def run_docs(rules: list[str] | None, out_path: str, check_only: bool,
             out: TextIO | None = None) -> int:
    """Write (or with --check, compare) the reference."""
    out = out or sys.stdout
    text = generate(load(rules, run_examples=False))
    target = Path(out_path)
    if check_only:
        try:
            current = target.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != text:
            out.write(f"{target} är inaktuell: kör `tonkoll rules docs --out {target}`\n")
            return EXIT_FAIL
        out.write(f"{target} är aktuell\n")
        return EXIT_OK
    if out_path == "-":
        out.write(text)
        return EXIT_OK
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CliError(f"{target}: kan inte skriva filen ({exc.strerror or exc})") from None
    out.write(f"Skrev {target}\n")
    return EXIT_OK
