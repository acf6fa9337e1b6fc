"""/regler: the rule reference for the comms team, from the rules the service uses right now.

The content is the domain's own generator (tonkoll.rulebook.reference.generate, which
`tonkoll rules docs` writes to docs/rules.md), rendered from Markdown to HTML with
markdown-it-py, so the page and the Markdown reference never disagree. The generator escapes
rule text; raw HTML in it is only its anchors.
"""

from __future__ import annotations

from html import escape

from markdown_it import MarkdownIt

from tonkoll.rulebook.model import Rulebook
from tonkoll.rulebook.reference import generate

_MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable("table")


def reference_html(book: Rulebook) -> str:
    """The whole /regler page."""
    return PAGE.format(
        count=len(book.rules),
        version=escape(book.version),
        body=_MARKDOWN.render(generate(book)),
    )


PAGE = """<!doctype html>
<html lang="sv">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Tonkoll – regler</title>
  <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/static/tonkoll.css">
  <script type="module" src="/static/tryrule.js"></script>
</head>
<body>
  <header class="top">
    <p class="lead"><strong>Tonkoll</strong> · {count} regler, version {version}. Sidan byggs
      från regelfilerna som tjänsten använder just nu: ändra en fil i regelkatalogen så syns
      ändringen här inom ett par sekunder.</p>
    <nav><a href="/">Provsidan</a> · <a href="#prova-regel">Prova en regel</a> ·
      <a href="/docs">API</a></nav>
  </header>
  <article class="card reference">
{body}
  </article>
  <section class="card wide" id="prova-regel" aria-labelledby="prova-rubrik"></section>
</body>
</html>
"""
