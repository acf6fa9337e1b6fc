"""The HTML of /statistik: built on the server, escaped, no script (sorting is links), the
trend an inline SVG. Swedish, for the comms team; meant to meet WCAG 2.1 AA (landmarks,
captions, scope and aria-sort on the table, labels on every field, visible focus)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import quote, urlencode

from tonkoll.channels import CHANNELS
from tonkoll.feedback.export import percent
from tonkoll.feedback.stats import Period, RuleStats, WeekPoint
from tonkoll.rulebook.model import Rulebook

WEEKS = (4, 12, 26, 52)
_NAMES = {"generic": "Allmän", "x": "X", "linkedin": "LinkedIn", "reply": "Svar och kommentarer"}
CHANNEL_WORDS = {"": "Alla kanaler"} | {c: _NAMES.get(c, c.capitalize()) for c in CHANNELS}
LANGUAGE_WORDS = {"": "Alla språk", "sv": "Svenska", "en": "Engelska"}
COLUMNS = (("regel", "Regel"), ("visad", "Visad"), ("tillampad", "Tillämpad"),
           ("ignorerad", "Ignorerad"), ("avstangd", "Avstängd"))


@dataclass(frozen=True)
class View:
    weeks: int = 12
    kanal: str = ""
    sprak: str = ""
    sortera: str = "visad"
    ordning: str = "fallande"

    def query(self, **changes: str | int) -> str:
        values = {"veckor": self.weeks, "kanal": self.kanal, "sprak": self.sprak,
                  "sortera": self.sortera, "ordning": self.ordning}
        values.update(changes)
        return urlencode({k: v for k, v in values.items() if v != ""})


def rule_title(book: Rulebook, rule_id: str) -> str:
    rule = book.by_id(rule_id)
    if rule is None:
        return "(finns inte längre i regelfilerna)"
    message = rule.spec.message
    for name in ("match", "suggestion", "value", "limit"):
        message = message.replace("{" + name + "}", "…")
    return message


def rule_link(rule_id: str) -> str:
    return (f'<a href="/statistik/regel/{quote(rule_id)}"><code>{escape(rule_id)}</code></a>')


def _share(n: int, pct: float | None) -> str:
    return f"{percent(pct)} %<span class=\"count\"> ({n})</span>" if pct is not None else str(n)


def page(title: str, body: str, logged_in: bool = True) -> str:
    logout = ('· <form method="post" action="/statistik/logga-ut" class="inline">'
              '<button type="submit" class="link">Logga ut</button></form>') if logged_in else ""
    return f"""<!doctype html>
<html lang="sv">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{escape(title)} – Tonkoll</title>
  <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/static/tonkoll.css">
  <link rel="stylesheet" href="/static/stats.css">
</head>
<body class="stats">
  <a class="skip" href="#innehall">Hoppa till innehållet</a>
  <header class="top">
    <p class="brand"><strong>Tonkoll</strong> · statistik</p>
    <nav aria-label="Sidor"><a href="/">Provsidan</a> · <a href="/regler">Regler</a> ·
      <a href="/statistik">Statistik</a> {logout}</nav>
  </header>
  <main id="innehall">
{body}
  </main>
</body>
</html>
"""


def login_body(message: str = "") -> str:
    error = (f'<p class="error" role="alert" id="login-error">{escape(message)}</p>'
             if message else "")
    described = ' aria-describedby="login-error"' if message else ""
    return f"""<h1>Logga in till statistiken</h1>
<p class="lead">Statistiken visar hur skribenterna använder Tonkolls tips. Du behöver en
  administratörsnyckel från IT (inte samma som API-nyckeln).</p>
{error}
<form method="post" action="/statistik/logga-in" class="card login">
  <label for="token">Administratörsnyckel</label>
  <input id="token" name="token" type="password" autocomplete="current-password"
    required{described}>
  <button type="submit">Logga in</button>
</form>"""


def closed_body() -> str:
    return """<h1>Statistiken är inte påslagen</h1>
<p class="lead">IT slår på den genom att ge tjänsten en eller flera administratörsnycklar
  (<code>TONKOLL_ADMIN_TOKENS</code>).</p>"""


def _filters(view: View, action: str) -> str:
    def options(values: dict[str, str], chosen: str) -> str:
        return "".join(f'<option value="{escape(k)}"{" selected" if k == chosen else ""}>'
                       f"{escape(v)}</option>" for k, v in values.items())

    weeks = {str(w): f"{w} veckor" for w in WEEKS}
    return f"""<form method="get" action="{escape(action)}" class="filters" aria-label="Urval">
  <label for="veckor">Period</label>
  <select id="veckor" name="veckor">{options(weeks, str(view.weeks))}</select>
  <label for="kanal">Kanal</label>
  <select id="kanal" name="kanal">{options(CHANNEL_WORDS, view.kanal)}</select>
  <label for="sprak">Språk</label>
  <select id="sprak" name="sprak">{options(LANGUAGE_WORDS, view.sprak)}</select>
  <input type="hidden" name="sortera" value="{escape(view.sortera)}">
  <input type="hidden" name="ordning" value="{escape(view.ordning)}">
  <button type="submit">Visa</button>
</form>"""


def _trend(svg: str, points: Sequence[WeekPoint], caption: str) -> str:
    rows = "".join(
        f"<tr><th scope=\"row\">{escape(p.label)} ({p.week_start.isoformat()})</th>"
        f"<td>{p.shown}</td><td>{p.applied}</td><td>{p.ignored}</td><td>{p.disabled}</td></tr>"
        for p in points)
    return f"""<figure class="card trend">
  <figcaption>{escape(caption)}</figcaption>
  {svg}
  <details><summary>Visa veckorna som tabell</summary>
    <table><caption class="sr-only">{escape(caption)}</caption>
      <thead><tr><th scope="col">Vecka</th><th scope="col">Visade</th>
        <th scope="col">Tillämpade</th><th scope="col">Ignorerade</th>
        <th scope="col">Avstängda</th></tr></thead>
      <tbody>{rows}</tbody></table>
  </details>
</figure>"""


def _table(rows: Sequence[RuleStats], view: View, book: Rulebook) -> str:
    heads = []
    for key, label in COLUMNS:
        sorted_here = view.sortera == key
        aria = (f' aria-sort="{"descending" if view.ordning == "fallande" else "ascending"}"'
                if sorted_here else "")
        flip = "stigande" if sorted_here and view.ordning == "fallande" else "fallande"
        arrow = (" ↓" if view.ordning == "fallande" else " ↑") if sorted_here else ""
        hint = f"Sortera efter {label.lower()}, {flip}"
        href = f"/statistik?{view.query(sortera=key, ordning=flip)}"
        heads.append(f'<th scope="col"{aria}><a href="{escape(href)}" '
                     f'aria-label="{escape(hint)}">{escape(label)}{arrow}</a></th>')
    body = "".join(
        f'<tr data-rule="{escape(r.rule_id)}"><th scope="row">{rule_link(r.rule_id)}'
        f'<span class="rule-text">{escape(rule_title(book, r.rule_id))}</span></th>'
        f"<td>{r.shown}</td><td>{_share(r.applied, r.applied_pct)}</td>"
        f"<td>{_share(r.ignored, r.ignored_pct)}</td>"
        f"<td>{_share(r.disabled, r.disabled_pct)}</td></tr>"
        for r in rows)
    if not rows:
        body = ('<tr><td colspan="5">Inga händelser under perioden. Siffrorna kommer när '
                "skribenterna har använt tillägget eller provsidan.</td></tr>")
    return f"""<table class="rules" id="regeltabell">
  <caption>Per regel. Procent av gångerna tipset visades (en gång per utkast). Klicka på en
    rubrik för att sortera.</caption>
  <thead><tr>{"".join(heads)}</tr></thead>
  <tbody>{body}</tbody>
</table>"""


def overview_body(rows: Sequence[RuleStats], points: Sequence[WeekPoint], svg: str,
                  off: Sequence[RuleStats], unused: Sequence[RuleStats], view: View,
                  period: Period, book: Rulebook, keep_days: int) -> str:
    shown = sum(r.shown for r in rows)

    def share(n: int) -> str:
        return f"{percent(100.0 * n / shown)} %" if shown else "–"

    summary = (f"Från {period.since.isoformat()} till {period.until.isoformat()} visades tips "
               f"{shown} gånger. {share(sum(r.applied for r in rows))} tillämpades, "
               f"{share(sum(r.ignored for r in rows))} ignorerades och "
               f"{share(sum(r.disabled for r in rows))} ledde till att regeln stängdes av.")
    off_items = "".join(
        f"<li>{rule_link(r.rule_id)} stängdes av {r.disabled} gånger "
        f"({percent(r.disabled_pct)} % av visningarna)</li>" for r in off)
    unused_items = "".join(
        f"<li>{rule_link(r.rule_id)} erbjöd en ersättning {r.shown_with_replacements} gånger "
        "– ingen tillämpades</li>" for r in unused)
    off_list = (f"<ol>{off_items}</ol>" if off else
                "<p>Ingen regel har stängts av under perioden.</p>")
    unused_list = (f"<ol>{unused_items}</ol>" if unused else
                   "<p>Inga sådana regler under perioden.</p>")
    return f"""<h1>Så används tipsen</h1>
<p class="lead">{escape(summary)}</p>
{_filters(view, "/statistik")}
<div class="pair">
  <section class="card" aria-labelledby="avstangda"><h2 id="avstangda">Regler som stängs av</h2>
    {off_list}</section>
  <section class="card" aria-labelledby="oanvanda">
    <h2 id="oanvanda">Ersättningar som ingen använder</h2>
    {unused_list}</section>
</div>
<section aria-labelledby="trend-rubrik"><h2 id="trend-rubrik">Vecka för vecka</h2>
{_trend(svg, points, "Visade, tillämpade, ignorerade och avstängda tips per vecka")}
</section>
<section aria-labelledby="tabell-rubrik"><h2 id="tabell-rubrik">Alla regler</h2>
<p><a href="{escape("/statistik/export.csv?" + view.query())}" download>Ladda ner tabellen
  som CSV</a>
  (semikolon och decimalkomma, öppnas direkt i Excel)</p>
{_table(rows, view, book)}
</section>
<p class="muted small">Inga texter, ord eller användare sparas: bara antal per dag, regel,
  språk, kanal och regelversion. Siffrorna sparas i {keep_days} dagar.</p>"""


def rule_body(rule_id: str, stats: RuleStats, points: Sequence[WeekPoint], svg: str,
              view: View, book: Rulebook) -> str:
    replacements = "".join(
        f"<li>Ersättning {index + 1}: tillämpad {n} gånger</li>"
        for index, n in sorted(stats.applied_by_replacement.items()))
    rows = [("Visad", str(stats.shown)),
            ("Visad med ersättning att klicka på", str(stats.shown_with_replacements)),
            ("Tillämpad", _share(stats.applied, stats.applied_pct)),
            ("Ignorerad", _share(stats.ignored, stats.ignored_pct)),
            ("Avstängd", _share(stats.disabled, stats.disabled_pct))]
    figures = "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in rows)
    anchor = quote(rule_id)
    return f"""<h1>Regeln <code>{escape(rule_id)}</code></h1>
<p class="lead">{escape(rule_title(book, rule_id))}</p>
<p><a href="/regler#{anchor}">Regeln i regelreferensen</a> ·
  <a href="{escape("/statistik?" + view.query())}">Alla regler</a></p>
{_filters(view, "/statistik/regel/" + quote(rule_id))}
<section class="card" aria-labelledby="siffror"><h2 id="siffror">Siffror</h2>
  <dl class="figures">{figures}</dl>
  {f"<ul>{replacements}</ul>" if replacements else ""}
</section>
<section aria-labelledby="trend-rubrik"><h2 id="trend-rubrik">Vecka för vecka</h2>
{_trend(svg, points, f"Regeln {rule_id} per vecka")}
</section>"""
