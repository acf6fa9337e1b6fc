"""The shape of a rule file: `theme`, `title`, `rules` (each kind's model, picked by `kind`) and
`overrides`. The union of rule models is built from the kind registry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Union

from pydantic import Field, field_validator, model_validator

from tonkoll.engine.kinds.registry import KINDS
from tonkoll.rulebook.schema import THEMES, Override, RuleBase, Strict

if TYPE_CHECKING:
    Rule = RuleBase  # for the type checker: each kind's model is a RuleBase
else:
    Rule = Annotated[Union[tuple(k.spec for k in KINDS)], Field(discriminator="kind")]  # noqa: UP007


class RuleFile(Strict):
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
