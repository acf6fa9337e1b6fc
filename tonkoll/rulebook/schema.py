"""The shape of a rule file (pydantic v2): unknown keys are refused, `kind` picks the model."""

from __future__ import annotations

import string
from typing import Annotated, Literal

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
PLACEHOLDERS = frozenset({"match", "suggestion", "replacement", "value", "limit"})
Level = Literal["hint", "warning", "praise"]
Channel = Literal["generic", "facebook", "x", "instagram", "linkedin"]
MetricName = Literal[
    "lix", "sentence_words", "chars", "exclamations", "caps_words", "hashtags", "emoji",
    "buzzword_density", "paragraph_words",
]
RULE_ID = r"^[a-z]+\.[a-z0-9][a-z0-9-]*$"
NonEmpty = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Examples(_Strict):
    """`bad` items are a marked text, or {text, correction}: the sentence after the first
    replacement is put in place (LanguageTool's `<example correction=…>`). The corrections are
    kept beside the texts, so `bad` stays a list of strings."""

    bad: list[str] = Field(min_length=1)
    good: list[str] = Field(min_length=1)
    corrections: list[str | None] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _split_corrections(cls, data: object) -> object:
        if not isinstance(data, dict) or "corrections" in data:
            return data
        bad = data.get("bad")
        if not isinstance(bad, list):
            return data
        texts: list[object] = []
        corrections: list[str | None] = []
        for item in bad:
            if isinstance(item, dict):
                unknown = set(item) - {"text", "correction"}
                if unknown or "text" not in item:
                    raise ValueError("ett dåligt exempel är en text eller {text: …, correction: …}")
                texts.append(item["text"])
                correction = item.get("correction")
                if correction is not None and not isinstance(correction, str):
                    raise ValueError("correction: ska vara en mening")
                corrections.append(correction)
            else:
                texts.append(item)
                corrections.append(None)
        return {**data, "bad": texts, "corrections": corrections}

    def correction(self, index: int) -> str | None:
        return self.corrections[index] if index < len(self.corrections) else None


class RuleBase(_Strict):
    id: Annotated[str, Field(pattern=RULE_ID)]
    level: Level
    message: NonEmpty
    # Said instead of `message` when a finding has no replacement (a message that quotes
    # {replacement} needs a wording for that case); default: `message`.
    message_plain: NonEmpty | None = None
    explanation: NonEmpty
    handbook: NonEmpty
    enabled: bool = True
    channels: list[Channel] = Field(default_factory=list)
    examples: Examples

    @field_validator("message", "message_plain")
    @classmethod
    def _known_placeholders(cls, value: str | None) -> str | None:
        if value is None:
            return value
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(value) if f is not None]
        except ValueError as exc:
            raise ValueError(
                "klammerfel i message: skriv {match}, {suggestion}, {replacement}, {value} "
                "eller {limit}"
            ) from exc
        for name in fields:
            if name not in PLACEHOLDERS:
                shown = "{" + name + "}"
                raise ValueError(
                    f"okänd platshållare {shown} i message; tillåtna: {{match}}, "
                    "{suggestion}, {replacement}, {value}, {limit}"
                )
        return value


class Entry(_Strict):
    """One substitution: either `match:` (every form listed) or `verb:` (a base form; every
    form comes from the bundled morphology and the replacements are inflected alike)."""

    match: list[NonEmpty] = Field(default_factory=list)
    verb: NonEmpty | None = None
    suggest: list[NonEmpty] = Field(default_factory=list)
    replace: list[NonEmpty] | None = None  # what to put in place (default: suggest); [] = none
    forms: dict[str, NonEmpty | list[NonEmpty]] = Field(default_factory=dict)  # verb: by hand
    passive: Literal["passive", "active"] = "passive"  # verb: påbörjas -> börjar with active

    @model_validator(mode="after")
    def _match_or_verb(self) -> Entry:
        if bool(self.match) == (self.verb is not None):
            raise ValueError("skriv antingen match: (alla former) eller verb: (grundformen)")
        if self.forms and self.verb is None:
            raise ValueError("forms: hör till verb:")
        from tonkoll.text.morph import EN_TAGS, TAGS

        allowed = dict.fromkeys(TAGS + EN_TAGS)
        unknown = [t for t in self.forms if t not in allowed]
        if unknown:
            raise ValueError(f"okänd form i forms: {', '.join(unknown)}; "
                             f"tillåtna: {', '.join(allowed)}")
        return self

    def replacements(self) -> list[str]:
        return list(self.suggest if self.replace is None else self.replace)


class SubstitutionRule(RuleBase):
    kind: Literal["substitution"]
    entries: list[Entry] = Field(min_length=1)


# Existence and pattern rules: what to put in place of a matched phrase (lower case, spaces
# collapsed) -> its replacements, for the phrases that have a safe rewrite.
ReplaceMap = dict[NonEmpty, list[NonEmpty]]


class ExistenceRule(RuleBase):
    kind: Literal["existence"]
    phrases: list[NonEmpty] = Field(min_length=1)
    suggest: list[NonEmpty] = Field(default_factory=list)
    replace: ReplaceMap = Field(default_factory=dict)


class PatternRule(RuleBase):
    kind: Literal["pattern"]
    pattern: NonEmpty
    case_sensitive: bool = False
    group: Annotated[int, Field(ge=0, le=20)] = 0
    suggest: list[NonEmpty] = Field(default_factory=list)
    replace: ReplaceMap = Field(default_factory=dict)


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
