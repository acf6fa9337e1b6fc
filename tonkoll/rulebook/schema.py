"""The shape of a rule file (pydantic v2): unknown keys are refused, `kind` picks the model."""

from __future__ import annotations

import math
import string
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

THEMES: dict[str, str] = {
    "rost": "Personlig röst",
    "arlighet": "Ärlighet",
    "klarsprak": "Klarspråk",
    "dialog": "Dialog",
    "lasbarhet": "Läsbarhet",
    "kanal": "Kanal",
}
KINDS = ("substitution", "existence", "pattern", "passive", "metric", "absence")
PLACEHOLDERS = frozenset({"match", "suggestion", "value", "limit"})
Level = Literal["hint", "warning", "praise"]
Channel = Literal["generic", "facebook", "x", "instagram", "linkedin"]
MetricName = Literal[
    "lix", "sentence_words", "chars", "exclamations", "caps_words", "hashtags", "emoji",
    "buzzword_density", "paragraph_words",
]
RULE_ID = r"^[a-z]+\.[a-z0-9][a-z0-9-]*$"
NonEmpty = Annotated[str, Field(min_length=1)]
# Hardening (issue 13): one bound for every number in a rule file, whatever its kind, and
# a cap on a message's template and on every message rendered from it (engine/rank.py).
MAX_NUMBER = 1_000_000
MESSAGE_MAX_CHARS = 300
RENDERED_MESSAGE_MAX_CHARS = 500


def _absurd(value: Any) -> bool:
    """True for a number that is not finite or beyond ±MAX_NUMBER (also as a list item or a
    mapping's value, e.g. max_by_channel: {x: .nan})."""
    if isinstance(value, dict):
        value = list(value.values())
    items = value if isinstance(value, list) else [value]
    return any(
        isinstance(v, int | float) and not isinstance(v, bool)
        and (not math.isfinite(v) or abs(v) > MAX_NUMBER)
        for v in items
    )


class _Strict(BaseModel):
    # No .nan or .inf anywhere (refused as finite_number); the validator below bounds the rest.
    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False
    )

    @field_validator("*", mode="after")
    @classmethod
    def _bounded_numbers(cls, value: Any) -> Any:
        """Every numeric field of every model (each kind's too): finite and within
        ±MAX_NUMBER, so no rule carries .nan, .inf or 1e308 into the engine."""
        if _absurd(value):
            raise ValueError("talet är orimligt: skriv ett tal mellan -1 000 000 och 1 000 000")
        return value


class Examples(_Strict):
    bad: list[str] = Field(min_length=1)
    good: list[str] = Field(min_length=1)


class RuleBase(_Strict):
    id: Annotated[str, Field(pattern=RULE_ID)]
    level: Level
    message: NonEmpty
    explanation: NonEmpty
    handbook: NonEmpty
    enabled: bool = True
    channels: list[Channel] = Field(default_factory=list)
    examples: Examples

    @field_validator("message")
    @classmethod
    def _bare_placeholders(cls, value: str) -> str:
        """Only {match} {suggestion} {value} {limit}, bare: a format spec such as
        "{match:>100000000}" would pad a message to any length. And a bounded length."""
        if len(value) > MESSAGE_MAX_CHARS:
            raise ValueError(f"message är för långt: högst {MESSAGE_MAX_CHARS} tecken "
                             f"(ditt har {len(value)}); förklara i explanation")
        try:
            parts = list(string.Formatter().parse(value))
        except ValueError as exc:
            raise ValueError(
                "klammerfel i message: skriv {match}, {suggestion}, {value} eller {limit}"
            ) from exc
        for _, name, spec, conversion in parts:
            if name is None:
                continue
            if name not in PLACEHOLDERS:
                shown = "{" + name + "}"
                raise ValueError(
                    f"okänd platshållare {shown} i message; tillåtna: {{match}}, "
                    "{suggestion}, {value}, {limit}"
                )
            if spec or conversion:
                raise ValueError(
                    f"skriv platshållaren bara som {{{name}}}, utan : eller ! inom klamrarna"
                )
        return value


class Entry(_Strict):
    match: list[NonEmpty] = Field(min_length=1)
    suggest: list[NonEmpty] = Field(default_factory=list)


class SubstitutionRule(RuleBase):
    kind: Literal["substitution"]
    entries: list[Entry] = Field(min_length=1)


class ExistenceRule(RuleBase):
    kind: Literal["existence"]
    phrases: list[NonEmpty] = Field(min_length=1)
    suggest: list[NonEmpty] = Field(default_factory=list)


class PatternRule(RuleBase):
    kind: Literal["pattern"]
    pattern: NonEmpty
    case_sensitive: bool = False
    group: Annotated[int, Field(ge=0, le=20)] = 0
    suggest: list[NonEmpty] = Field(default_factory=list)


class PassiveRule(RuleBase):
    kind: Literal["passive"]
    mode: Literal["single", "double"] = "single"
    except_: list[NonEmpty] = Field(default_factory=list, alias="except")


class MetricRule(RuleBase):
    kind: Literal["metric"]
    metric: MetricName
    scope: Literal["text", "sentence"] = "text"
    max: float | None = None
    min_words: Annotated[int, Field(ge=0)] = 0
    max_by_channel: dict[Channel, float] = Field(default_factory=dict)
    words: list[NonEmpty] = Field(default_factory=list)

    @model_validator(mode="after")
    def _needs_limit(self) -> MetricRule:
        if self.max is None and not self.max_by_channel:
            raise ValueError("en metric-regel behöver max: eller max_by_channel:")
        if self.metric == "buzzword_density" and not self.words:
            raise ValueError("buzzword_density behöver en lista words:")
        return self


class AbsenceRule(RuleBase):
    kind: Literal["absence"]
    absent: list[NonEmpty] = Field(min_length=1)
    also_absent_pattern: NonEmpty | None = None
    min_words: Annotated[int, Field(ge=0)] = 0


Rule = Annotated[
    SubstitutionRule | ExistenceRule | PatternRule | PassiveRule | MetricRule | AbsenceRule,
    Field(discriminator="kind"),
]


class Override(_Strict):
    id: Annotated[str, Field(pattern=RULE_ID)]
    enabled: bool | None = None
    level: Level | None = None


class RuleFile(_Strict):
    theme: str | None = None
    title: str | None = None
    rules: list[Rule] = Field(default_factory=list)
    overrides: list[Override] = Field(default_factory=list)

    @field_validator("theme")
    @classmethod
    def _known_theme(cls, value: str | None) -> str | None:
        if value is not None and value not in THEMES:
            raise ValueError(f"okänt tema '{value}'; välj ett av: {', '.join(THEMES)}")
        return value

    @model_validator(mode="after")
    def _theme_for_rules(self) -> RuleFile:
        if self.rules and self.theme is None:
            raise ValueError("nyckeln 'theme' saknas (filen har regler)")
        return self
