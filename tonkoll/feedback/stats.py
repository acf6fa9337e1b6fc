"""Per-rule figures and weekly series from the daily counters, for /statistik and `tonkoll stats`.

Percentages are of the times a hint was shown (once per draft). A hint that offered no
replacement cannot be applied, so `applied_of_offered` divides by the hints that offered one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Engine, and_, func, select
from sqlalchemy.sql.elements import ColumnElement

from tonkoll.feedback.counters import today
from tonkoll.feedback.database import counts


@dataclass(frozen=True, slots=True)
class Period:
    since: date
    until: date

    @classmethod
    def last_weeks(cls, weeks: int, now: date | None = None) -> Period:
        """The current week and the `weeks - 1` before it (weeks start on Monday)."""
        end = now or today()
        monday = end - timedelta(days=end.weekday())
        return cls(monday - timedelta(weeks=max(1, weeks) - 1), end)


@dataclass(frozen=True)
class Filter:
    language: str | None = None
    channel: str | None = None
    rule_id: str | None = None

    def clauses(self, period: Period) -> list[ColumnElement[bool]]:
        out = [counts.c.day >= period.since, counts.c.day <= period.until]
        if self.language:
            out.append(counts.c.language == self.language)
        if self.channel:
            out.append(counts.c.channel == self.channel)
        if self.rule_id:
            out.append(counts.c.rule_id == self.rule_id)
        return out


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


@dataclass
class RuleStats:
    rule_id: str
    shown: int = 0
    shown_with_replacements: int = 0
    applied: int = 0
    ignored: int = 0
    disabled: int = 0
    applied_by_replacement: dict[int, int] = field(default_factory=dict)

    @property
    def applied_pct(self) -> float | None:
        return _pct(self.applied, self.shown)

    @property
    def applied_of_offered_pct(self) -> float | None:
        return _pct(self.applied, self.shown_with_replacements)

    @property
    def ignored_pct(self) -> float | None:
        return _pct(self.ignored, self.shown)

    @property
    def disabled_pct(self) -> float | None:
        return _pct(self.disabled, self.shown)


@dataclass(frozen=True, slots=True)
class WeekPoint:
    week_start: date  # a Monday
    shown: int
    applied: int
    ignored: int
    disabled: int

    @property
    def label(self) -> str:
        return f"v. {self.week_start.isocalendar().week}"


def rule_table(engine: Engine, period: Period, where: Filter = Filter()) -> list[RuleStats]:
    """One RuleStats per rule with any event in the period, sorted by rule id."""
    c = counts.c
    query = (
        select(c.rule_id, c.event, c.replacement, c.offered, func.sum(c["count"]))
        .where(and_(*where.clauses(period)))
        .group_by(c.rule_id, c.event, c.replacement, c.offered)
    )
    table: dict[str, RuleStats] = {}
    with engine.connect() as conn:
        for rule_id, event, replacement, offered, total in conn.execute(query):
            stats = table.setdefault(rule_id, RuleStats(rule_id))
            n = int(total)
            if event == "shown":
                stats.shown += n
                if offered:
                    stats.shown_with_replacements += n
            elif event == "applied":
                stats.applied += n
                stats.applied_by_replacement[int(replacement)] = (
                    stats.applied_by_replacement.get(int(replacement), 0) + n)
            elif event == "ignored":
                stats.ignored += n
            elif event == "disabled":
                stats.disabled += n
    return [table[k] for k in sorted(table)]


def weekly(engine: Engine, period: Period, where: Filter = Filter()) -> list[WeekPoint]:
    """Events per week over the period, every week present (zeros where nothing happened)."""
    c = counts.c
    query = (
        select(c.day, c.event, func.sum(c["count"]))
        .where(and_(*where.clauses(period)))
        .group_by(c.day, c.event)
    )
    first = period.since - timedelta(days=period.since.weekday())
    weeks: dict[date, dict[str, int]] = {}
    monday = first
    while monday <= period.until:
        weeks[monday] = defaultdict(int)
        monday += timedelta(weeks=1)
    with engine.connect() as conn:
        for day, event, total in conn.execute(query):
            start = day - timedelta(days=day.weekday())
            if start in weeks:
                weeks[start][event] += int(total)
    return [WeekPoint(m, v["shown"], v["applied"], v["ignored"], v["disabled"])
            for m, v in weeks.items()]


def switched_off(rows: Iterable[RuleStats], limit: int = 5) -> list[RuleStats]:
    """Rules writers turn off, the largest share first."""
    hits = [r for r in rows if r.disabled]
    hits.sort(key=lambda r: (-(r.disabled_pct or 0.0), -r.disabled, r.rule_id))
    return hits[:limit]


def unused_replacements(rows: Iterable[RuleStats], min_offered: int = 5,
                        limit: int = 5) -> list[RuleStats]:
    """Rules whose replacements were offered at least `min_offered` times and never applied."""
    hits = [r for r in rows if r.shown_with_replacements >= min_offered and not r.applied]
    hits.sort(key=lambda r: (-r.shown_with_replacements, r.rule_id))
    return hits[:limit]


SORT_KEYS = ("regel", "visad", "tillampad", "ignorerad", "avstangd")


def sort_rows(rows: Sequence[RuleStats], key: str, descending: bool) -> list[RuleStats]:
    """Sort by a column of the table (percent columns by their share; empty shares last)."""
    if key == "regel":
        return sorted(rows, key=lambda r: r.rule_id, reverse=descending)
    if key == "visad":
        ordered = sorted(rows, key=lambda r: r.rule_id)
        return sorted(ordered, key=lambda r: r.shown, reverse=descending)
    share = {"tillampad": "applied_pct", "ignorerad": "ignored_pct",
             "avstangd": "disabled_pct"}[key]
    known = sorted((r for r in rows if getattr(r, share) is not None), key=lambda r: r.rule_id)
    known.sort(key=lambda r: float(getattr(r, share)), reverse=descending)
    return known + sorted((r for r in rows if getattr(r, share) is None),
                          key=lambda r: r.rule_id)
