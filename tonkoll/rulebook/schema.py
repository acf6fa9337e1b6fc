"""What every rule has (pydantic v2, unknown keys refused): RuleBase and its parts, the themes,
levels and channels. Each kind's own model is in tonkoll/engine/kinds/<kind>.py; the whole file
(`rules:` with `kind` picking the model) is rulefile.RuleFile."""

from __future__ import annotations

import string
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tonkoll.channels import Channel

THEMES: dict[str, str] = {
    "rost": "Personlig röst",
    "arlighet": "Ärlighet",
    "klarsprak": "Klarspråk",
    "dialog": "Dialog",
    "lasbarhet": "Läsbarhet",
    "kanal": "Kanal",
}
PLACEHOLDERS = frozenset({"match", "suggestion", "replacement", "value", "limit"})
Level = Literal["hint", "warning", "praise"]
LEVEL_WORDS: dict[str, str] = {"hint": "tips", "warning": "varning", "praise": "beröm"}  # Swedish
RULE_ID = r"^[a-z]+\.[a-z0-9][a-z0-9-]*$"
NonEmpty = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Examples(Strict):
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


class RuleBase(Strict):
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
    if TYPE_CHECKING:
        kind: str  # each kind's model sets its own Literal; pydantic sees it only there

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


# Existence and pattern rules: what to put in place of a matched phrase (lower case, spaces
# collapsed) -> its replacements, for the phrases that have a safe rewrite.
ReplaceMap = dict[NonEmpty, list[NonEmpty]]


class Override(Strict):
    id: Annotated[str, Field(pattern=RULE_ID)]
    enabled: bool | None = None
    level: Level | None = None
