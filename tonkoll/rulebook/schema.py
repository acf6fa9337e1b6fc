"""What every rule has (pydantic v2, unknown keys refused): RuleBase and its parts, the themes,
levels and channels. Each kind's own model is in tonkoll/engine/kinds/<kind>.py; the whole file
(`rules:` with `kind` picking the model) is rulefile.RuleFile."""

from __future__ import annotations

import string
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from tonkoll.channels import Channel

THEMES: dict[str, str] = {
    "rost": "Personlig röst",
    "arlighet": "Ärlighet",
    "klarsprak": "Klarspråk",
    "dialog": "Dialog",
    "lasbarhet": "Läsbarhet",
    "kanal": "Kanal",
}
PLACEHOLDERS = frozenset({"match", "suggestion", "value", "limit"})
Level = Literal["hint", "warning", "praise"]
LEVEL_WORDS: dict[str, str] = {"hint": "tips", "warning": "varning", "praise": "beröm"}  # Swedish
RULE_ID = r"^[a-z]+\.[a-z0-9][a-z0-9-]*$"
NonEmpty = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Examples(Strict):
    bad: list[str] = Field(min_length=1)
    good: list[str] = Field(min_length=1)


class RuleBase(Strict):
    id: Annotated[str, Field(pattern=RULE_ID)]
    level: Level
    message: NonEmpty
    explanation: NonEmpty
    handbook: NonEmpty
    enabled: bool = True
    channels: list[Channel] = Field(default_factory=list)
    examples: Examples
    if TYPE_CHECKING:
        kind: str  # each kind's model sets its own Literal; pydantic sees it only there

    @field_validator("message")
    @classmethod
    def _known_placeholders(cls, value: str) -> str:
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(value) if f is not None]
        except ValueError as exc:
            raise ValueError(
                "klammerfel i message: skriv {match}, {suggestion}, {value} eller {limit}"
            ) from exc
        for name in fields:
            if name not in PLACEHOLDERS:
                shown = "{" + name + "}"
                raise ValueError(
                    f"okänd platshållare {shown} i message; tillåtna: {{match}}, "
                    "{suggestion}, {value}, {limit}"
                )
        return value


class Override(Strict):
    id: Annotated[str, Field(pattern=RULE_ID)]
    enabled: bool | None = None
    level: Level | None = None
