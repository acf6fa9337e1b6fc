"""Per-rule figures, weekly series, the two lists on top of /statistik, sorting, the SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from tonkoll.feedback.chart import weekly_svg
from tonkoll.feedback.counters import record
from tonkoll.feedback.database import make_engine, upgrade
from tonkoll.feedback.events import CounterKey
from tonkoll.feedback.stats import (
    Filter,
    Period,
    RuleStats,
    rule_table,
    sort_rows,
    switched_off,
    unused_replacements,
    weekly,
)

NOW = date(2026, 12, 2)  # a Wednesday


def key(rule: str, event: str, channel: str = "facebook", **extra: int) -> CounterKey:
    return CounterKey(rule, "sv", channel, "v1", event, **extra)


def test_figures_and_weeks(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    upgrade(url)
    engine = make_engine(url)
    record(engine, Counter({key("a.b", "shown", offered=2): 8, key("a.b", "shown"): 2,
                            key("a.b", "applied", replacement=0): 3,
                            key("a.b", "applied", replacement=1): 1,
                            key("a.b", "ignored"): 2, key("c.d", "shown", channel="x"): 5,
                            key("c.d", "disabled", channel="x"): 1}), day=NOW)
    record(engine, Counter({key("a.b", "shown"): 4}), day=NOW - timedelta(days=9))
    record(engine, Counter({key("a.b", "shown"): 100}), day=NOW - timedelta(weeks=20))

    period = Period.last_weeks(4, now=NOW)
    assert period == Period(date(2026, 11, 9), NOW)
    rows = {r.rule_id: r for r in rule_table(engine, period)}
    a = rows["a.b"]
    assert (a.shown, a.shown_with_replacements, a.applied, a.ignored) == (14, 8, 4, 2)
    assert a.applied_by_replacement == {0: 3, 1: 1}
    assert a.applied_pct == 28.6 and a.applied_of_offered_pct == 50.0
    assert rows["c.d"].disabled_pct == 20.0

    only_x = rule_table(engine, period, Filter(channel="x"))
    assert [r.rule_id for r in only_x] == ["c.d"]

    weeks = weekly(engine, period, Filter(rule_id="a.b"))
    assert [w.week_start for w in weeks] == [date(2026, 11, 9), date(2026, 11, 16),
                                             date(2026, 11, 23), date(2026, 11, 30)]
    assert [w.shown for w in weeks] == [0, 0, 4, 10]  # 9 days before is the week before
    assert weeks[-1].applied == 4 and weeks[-1].label == "v. 49"
    engine.dispose()


def test_lists_on_top_and_sorting() -> None:
    rows = [RuleStats("a.x", shown=10, disabled=1), RuleStats("b.x", shown=4, disabled=2),
            RuleStats("c.x", shown=30, shown_with_replacements=30, applied=0),
            RuleStats("d.x", shown=30, shown_with_replacements=3),
            RuleStats("e.x", shown=0, ignored=1)]
    assert [r.rule_id for r in switched_off(rows)] == ["b.x", "a.x"]
    assert [r.rule_id for r in unused_replacements(rows)] == ["c.x"]  # d.x: offered too rarely
    assert [r.rule_id for r in sort_rows(rows, "visad", True)][:2] == ["c.x", "d.x"]
    by_off = [r.rule_id for r in sort_rows(rows, "avstangd", True)]
    assert by_off[:2] == ["b.x", "a.x"] and by_off[-1] == "e.x"  # no share: last
    assert [r.rule_id for r in sort_rows(rows, "regel", False)] == ["a.x", "b.x", "c.x",
                                                                     "d.x", "e.x"]


def test_chart_is_valid_accessible_svg(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    upgrade(url)
    engine = make_engine(url)
    record(engine, Counter({key("a.b", "shown"): 7, key("a.b", "ignored"): 2}), day=NOW)
    points = weekly(engine, Period.last_weeks(12, now=NOW))
    engine.dispose()
    svg = weekly_svg(points, "Tips <per> vecka")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.find(f"{ns}title").text == "Tips <per> vecka"
    assert "visade 7" in root.find(f"{ns}desc").text
    lines = root.findall(f"{ns}polyline")
    assert sorted(p.get("data-series") for p in lines) == ["applied", "disabled", "ignored",
                                                           "shown"]
    assert len(lines[0].get("points").split()) == 12
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")  # nothing fetched
