"""/regler: the rule reference for the comms team, from the rules the service uses right now.

The content is the domain's own generator (tonkoll.rulebook.reference.generate, which
`tonkoll rules docs` writes to docs/rules.md), rendered from Markdown to HTML with
markdown-it-py, so the page and the Markdown reference never disagree. Rule text is text
(issue 13): the generator escapes it (tonkoll.rulebook.markdown), and raw HTML is off here, so
nothing in a rule file can add an element to the page. The generator's own anchors
(`<a id="theme">`, for docs/rules.md) become ids on the theme headings instead.

The page is rendered once per loaded rule book and kept: it is open to everyone and cost
66-78 ms of CPU per request when rendered every time.
"""

from __future__ import annotations

import re
import threading
from html import escape

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from tonkoll.rulebook.model import Rulebook
from tonkoll.rulebook.reference import generate
from tonkoll.rulebook.schema import THEMES

_ANCHOR = re.compile(r'<a id="([a-z]+)"></a>')


def _theme_ids(state: StateCore) -> None:
    """`## Title (`theme`)` gets id="theme", the target of the contents' links."""
    for i, token in enumerate(state.tokens):
        if token.type != "heading_open" or token.tag != "h2":
            continue
        codes = [c for c in state.tokens[i + 1].children or [] if c.type == "code_inline"]
        if codes and codes[-1].content in THEMES:
            token.attrSet("id", codes[-1].content)


_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")
_MARKDOWN.core.ruler.push("theme_ids", _theme_ids)

_RULE_HEADING = re.compile(r"<h3><code>([a-z0-9-]+\.[a-z0-9-]+)</code>(.*?)</h3>")


def _with_stats_links(html: str) -> str:
    """Give each rule's heading an id and a link to its figures on /statistik (rule ids are
    lowercase ASCII, digits, '-' and one '.', so they go into the markup as they are)."""
    return _RULE_HEADING.sub(
        lambda m: (f'<h3 id="{m[1]}"><code>{m[1]}</code>{m[2]}</h3>\n'
                   f'<p class="stat-link"><a href="/statistik/regel/{m[1]}">'
                   "Så används regeln (statistik)</a></p>"),
        html,
    )


_cache: tuple[Rulebook, str] | None = None
_lock = threading.Lock()


def render(book: Rulebook) -> str:
    """The whole /regler page, built now."""
    markdown = "\n".join(
        line for line in generate(book).splitlines() if not _ANCHOR.fullmatch(line)
    )
    return PAGE.format(
        count=len(book.rules),
        version=escape(book.version),
        body=_with_stats_links(_MARKDOWN.render(markdown)),
    )


def reference_html(book: Rulebook) -> str:
    """The page for `book`, rendered the first time it is asked for after a (re)load."""
    global _cache
    cached = _cache
    if cached is not None and cached[0] is book:
        return cached[1]
    with _lock:  # concurrent first requests render once
        if _cache is None or _cache[0] is not book:
            _cache = (book, render(book))
        return _cache[1]


PAGE = """<!doctype html>
<html lang="sv">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Tonkoll – regler</title>
  <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/static/tonkoll.css">
  <link rel="stylesheet" href="/static/stats.css">
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
