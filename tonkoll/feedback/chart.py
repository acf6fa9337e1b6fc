"""The weekly trend as a small SVG drawn on the server: no script, no CDN, readable without
colour (each series has its own dash pattern and marker) and described for screen readers."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from tonkoll.feedback.stats import WeekPoint

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 64

# name, Swedish label, colour (≥ 4.5:1 on white), dash pattern, marker
SERIES = (
    ("shown", "Visade", "#1f2937", "", "circle"),
    ("applied", "Tillämpade", "#0f766e", "", "square"),
    ("ignored", "Ignorerade", "#9a3412", "6 4", "diamond"),
    ("disabled", "Avstängda", "#b91c1c", "2 3", "triangle"),
)


def _nice_max(value: int) -> int:
    """The top of the axis: four equal whole steps of 1, 2 or 5 × 10^k that reach `value`."""
    step = 1
    while True:
        for m in (1, 2, 5):
            if 4 * m * step >= value:
                return 4 * m * step
        step *= 10


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>'
    if kind == "square":
        return f'<rect x="{x - 3:.1f}" y="{y - 3:.1f}" width="6" height="6" fill="{colour}"/>'
    if kind == "diamond":
        pts = f"{x:.1f},{y - 4:.1f} {x + 4:.1f},{y:.1f} {x:.1f},{y + 4:.1f} {x - 4:.1f},{y:.1f}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    pts = f"{x:.1f},{y - 4:.1f} {x + 4:.1f},{y + 3:.1f} {x - 4:.1f},{y + 3:.1f}"
    return f'<polygon points="{pts}" fill="{colour}"/>'


def weekly_svg(points: Sequence[WeekPoint], title: str, chart_id: str = "trend") -> str:
    """An inline <svg> with one line per event kind over the weeks in `points`."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top = _nice_max(max((max(p.shown, p.applied, p.ignored, p.disabled) for p in points),
                        default=0))
    n = len(points)

    def x_at(i: int) -> float:
        return LEFT + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y_at(v: int) -> float:
        return TOP + plot_h - plot_h * v / top

    totals = {name: sum(getattr(p, name) for p in points) for name, *_ in SERIES}
    desc = (f"{n} veckor. Summa: " +
            ", ".join(f"{label.lower()} {totals[name]}" for name, label, *_ in SERIES) + ".")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" class="chart" id="{escape(chart_id)}" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    for k in range(5):
        value = top * k // 4
        y = y_at(value)
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
                   f'stroke="#d1d5db" stroke-width="1"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
                   f'fill="#374151">{value}</text>')
    every = max(1, -(-n // 12))  # at most about 12 week labels
    for i, p in enumerate(points):
        if i % every == 0 or i == n - 1:
            out.append(f'<text x="{x_at(i):.1f}" y="{TOP + plot_h + 16}" text-anchor="middle" '
                       f'font-size="11" fill="#374151">{escape(p.label)}</text>')
    for name, _label, colour, dash, marker in SERIES:
        coords = [(x_at(i), y_at(getattr(p, name))) for i, p in enumerate(points)]
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                       f'stroke-width="2"{dash_attr} data-series="{name}"/>')
        out.extend(_marker(marker, x, y, colour) for x, y in coords)
    legend_y = HEIGHT - 18
    for i, (_name, label, colour, dash, marker) in enumerate(SERIES):
        x = LEFT + i * 140
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<line x1="{x}" y1="{legend_y}" x2="{x + 24}" y2="{legend_y}" '
                   f'stroke="{colour}" stroke-width="2"{dash_attr}/>')
        out.append(_marker(marker, x + 12, legend_y, colour))
        out.append(f'<text x="{x + 30}" y="{legend_y + 4}" font-size="12" '
                   f'fill="#111827">{escape(label)}</text>')
    out.append("</svg>")
    return "\n".join(out)
