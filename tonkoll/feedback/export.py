"""The per-rule table as CSV (for /statistik and `tonkoll stats --format csv`) and as text.

The CSV suits a spreadsheet with Swedish settings: `;` between fields, decimal comma, UTF-8
with a byte-order mark so that å, ä, ö survive a double-click into Excel.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from tonkoll.feedback.stats import RuleStats

CSV_COLUMNS = (
    "regel", "tema", "visad", "visad_med_ersattning", "tillampad", "tillampad_procent",
    "ignorerad", "ignorerad_procent", "avstangd", "avstangd_procent",
)


def percent(value: float | None, decimal: str = ",") -> str:
    return "" if value is None else f"{value:.1f}".replace(".", decimal)


def to_csv(rows: Sequence[RuleStats]) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        writer.writerow([
            r.rule_id, r.rule_id.split(".", 1)[0], r.shown, r.shown_with_replacements,
            r.applied, percent(r.applied_pct), r.ignored, percent(r.ignored_pct),
            r.disabled, percent(r.disabled_pct),
        ])
    return out.getvalue()


def to_text(rows: Sequence[RuleStats]) -> str:
    """An aligned table for the terminal."""
    head = ("Regel", "Visad", "Tillämpad", "Ignorerad", "Avstängd")
    body = [
        (r.rule_id, str(r.shown),
         *(f"{n} ({percent(p)} %)" if p is not None else str(n)
           for n, p in ((r.applied, r.applied_pct), (r.ignored, r.ignored_pct),
                        (r.disabled, r.disabled_pct))))
        for r in rows
    ]
    widths = [max(len(row[i]) for row in [head, *body]) for i in range(len(head))]
    lines = []
    for row in [head, *body]:
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:],
                                                                          strict=True)]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"
