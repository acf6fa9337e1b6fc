"""What every rule has (pydantic v2, unknown keys refused): RuleBase and its parts, the themes,
levels and channels. Each kind's own model is in tonkoll/engine/kinds/<kind>.py; the whole file
(`rules:` with `kind` picking the model) is rulefile.RuleFile."""

from __future__ import annotations

import math
import string
from typing import TYPE_CHECKING, Annotated, Any, Literal

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


class Strict(BaseModel):
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
    def _bare_placeholders(cls, value: str | None) -> str | None:
        """Only {match} {suggestion} {replacement} {value} {limit}, bare: a format spec such as
        "{match:>100000000}" would pad a message to any length. And a bounded length."""
        if value is None:
            return value
        if len(value) > MESSAGE_MAX_CHARS:
            raise ValueError(f"message är för långt: högst {MESSAGE_MAX_CHARS} tecken "
                             f"(ditt har {len(value)}); förklara i explanation")
        try:
            parts = list(string.Formatter().parse(value))
        except ValueError as exc:
            raise ValueError(
                "klammerfel i message: skriv {match}, {suggestion}, {replacement}, {value} "
                "eller {limit}"
            ) from exc
        for _, name, spec, conversion in parts:
            if name is None:
                continue
            if name not in PLACEHOLDERS:
                shown = "{" + name + "}"
                raise ValueError(
                    f"okänd platshållare {shown} i message; tillåtna: {{match}}, "
                    "{suggestion}, {replacement}, {value}, {limit}"
                )
            if spec or conversion:
                raise ValueError(
                    f"skriv platshållaren bara som {{{name}}}, utan : eller ! inom klamrarna"
                )
        return value


# Existence and pattern rules: what to put in place of a matched phrase (lower case, spaces
# collapsed) -> its replacements, for the phrases that have a safe rewrite.
ReplaceMap = dict[NonEmpty, list[NonEmpty]]


class Override(Strict):
    id: Annotated[str, Field(pattern=RULE_ID)]
    enabled: bool | None = None
    level: Level | None = None
