"""/regler: the rule reference for the comms team, rendered as HTML from the loaded rules.

Generated from the rule book on every request (never edited by hand), so it always shows the
rules the service is using right now. Every value is escaped.
"""

from __future__ import annotations

import re
from html import escape

from api.rulebook.model import LoadedRule, Rulebook

LEVELS = {"hint": "Tips", "warning": "Se upp", "praise": "Beröm"}
LANGUAGES = {"sv": "Svenska regler", "en": "Engelska regler"}
MARKED = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)


def example_html(example: str) -> str:
    """An example sentence with its `[[…]]` span shown as a highlight."""
    parts = MARKED.split(example)
    return "".join(
        f"<mark>{escape(part)}</mark>" if i % 2 else escape(part) for i, part in enumerate(parts)
    )


def rule_html(rule: LoadedRule) -> str:
    spec = rule.spec
    channels = ", ".join(spec.channels) if spec.channels else "alla kanaler"
    state = "" if rule.enabled else " · <strong>avstängd</strong>"
    bad = "".join(f'<li class="ex-bad">{example_html(e)}</li>' for e in spec.examples.bad)
    good = "".join(f'<li class="ex-good">{example_html(e)}</li>' for e in spec.examples.good)
    return (
        f'<article class="rule" id="{escape(rule.id)}">'
        f"<h3>{escape(rule.id)}</h3>"
        f'<p class="muted small"><span class="badge level-{escape(rule.level)}">'
        f"{escape(LEVELS.get(rule.level, rule.level))}</span> {escape(rule.kind)} · "
        f"{escape(channels)}{state} · {escape(rule.file.name)}:{rule.line}</p>"
        f"<p><strong>{escape(spec.message)}</strong></p>"
        f"<p>{escape(spec.explanation)}</p>"
        f'<blockquote class="handbook">”{escape(spec.handbook)}”</blockquote>'
        f"<ul>{bad}{good}</ul></article>"
    )


def reference_html(book: Rulebook) -> str:
    """The whole /regler page."""
    sections: list[str] = []
    toc: list[str] = []
    for language, heading in LANGUAGES.items():
        rules = [r for r in book.rules if r.language == language]
        if not rules:
            continue
        sections.append(f"<h2>{escape(heading)}</h2>")
        for theme, title in book.themes.items():
            in_theme = [r for r in rules if r.theme == theme]
            if not in_theme:
                continue
            anchor = f"{language}-{theme}"
            toc.append(
                f'<li><a href="#{escape(anchor)}">{escape(title)} ({language}, '
                f"{len(in_theme)})</a></li>"
            )
            sections.append(
                f'<section class="card wide" id="{escape(anchor)}">'
                f"<h2>{escape(title)}</h2>" + "".join(rule_html(r) for r in in_theme) + "</section>"
            )
    return PAGE.format(
        count=len(book.rules),
        version=escape(book.version),
        toc="".join(toc),
        sections="".join(sections),
    )


PAGE = """<!doctype html>
<html lang="sv">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Tonkoll – regler</title>
  <link rel="stylesheet" href="/static/tonkoll.css">
  <script type="module" src="/static/tryrule.js"></script>
</head>
<body>
  <header class="top">
    <h1>Tonkolls regler</h1>
    <p class="lead">{count} regler, version {version}. Sidan byggs från regelfilerna som
      tjänsten använder just nu. Ändra en fil i regelkatalogen så syns ändringen här inom
      ett par sekunder.</p>
    <nav><a href="/">Provsidan</a> · <a href="#prova-regel">Prova en regel</a> ·
      <a href="/docs">API</a></nav>
  </header>
  <section class="card"><h2>Teman</h2><ul class="toc">{toc}</ul></section>
  {sections}
  <section class="card wide" id="prova-regel" aria-labelledby="prova-rubrik"></section>
</body>
</html>
"""
