"""HTTP request and response bodies. Offsets and lengths here are UTF-16 code units."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from tonkoll.channels import Channel
from tonkoll.rulebook.schema import Level

UTF16 = "UTF-16 code units (as JavaScript strings and DOM ranges count), not code points"

# Every answer that comes from a rule book names it, so a client or a load balancer sees which
# book answered (several instances converge on a new book within seconds of an edit). The
# value is the `rules_version` of the same book object the body was built from.
RULES_VERSION_HEADER = "Tonkoll-Rules-Version"


class ErrorOut(BaseModel):
    code: str = Field(description="Machine-readable error code, e.g. `text_too_long`.")
    message: str = Field(description="Short Swedish message for people.")
    detail: list[FieldErrorOut] | None = Field(None, description="Field errors (422 only).")


class FieldErrorOut(BaseModel):
    field: str
    message: str


class CheckRequest(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "text": "Malmö stad informerar: du erhåller beskedet i dag. Vad tycker du?",
                    "language": "auto",
                    "channel": "facebook",
                    "disabled_rules": [],
                }
            ]
        }
    )

    text: str = Field(description="The draft. Never stored or logged.")
    language: Literal["auto", "sv", "en"] = "auto"
    channel: Channel = "generic"
    disabled_rules: list[str] = Field(
        default_factory=list, max_length=1000, description="Rule ids the writer has turned off."
    )


class SpanOut(BaseModel):
    offset: int = Field(description=f"Start, in {UTF16}.")
    length: int = Field(description=f"Length, in {UTF16}.")
    text: str


class ReplacementOut(BaseModel):
    value: str = Field(description="The text to put in place of the finding's span.")


class FindingOut(BaseModel):
    rule_id: str
    theme: str
    level: Level
    message: str
    explanation: str
    handbook: str
    offset: int = Field(description=f"Start of the first hit, in {UTF16}.")
    length: int = Field(description=f"Length of the first hit, in {UTF16}.")
    matched: str
    suggestions: list[str] = Field(
        description="Words to show as advice (base forms, may not fit the sentence as they "
                    "are). To put something in place, use `replacements`.")
    spans: list[SpanOut] = Field(description=f"Every hit of this rule; offsets in {UTF16}.")
    impact: int
    primary: bool
    replacements: list[ReplacementOut] = Field(
        default_factory=list,
        description="Exact texts to put in place of `offset`/`length` (LanguageTool's shape), "
                    "best first: each gives a sentence that keeps tense, number, "
                    "definiteness, modal verb, reflexive pronoun and actor, and follows the "
                    "matched text's capital letter. Empty when there is no safe rewrite (the "
                    "message still explains).")


class ReadabilityOut(BaseModel):
    lix: float
    band: str
    words: int
    sentences: int
    words_per_sentence: float
    long_words: int


class CheckResponse(BaseModel):
    language: Literal["sv", "en"]
    findings: list[FindingOut] = Field(description=f"Hints, highest impact first. {UTF16}.")
    strengths: list[FindingOut]
    scores: dict[str, int] = Field(description="0..100 per theme key, plus `overall`.")
    readability: ReadabilityOut
    rules_version: str


class ExamplesOut(BaseModel):
    bad: list[str]
    good: list[str]
    corrections: list[str | None] = Field(
        default_factory=list,
        description="Per bad example: the sentence after the first replacement, or null.")


class RuleOut(BaseModel):
    id: str
    theme: str
    language: str
    kind: str
    level: str
    message: str
    explanation: str
    handbook: str
    enabled: bool
    channels: list[str]
    examples: ExamplesOut


class RulesResponse(BaseModel):
    rules_version: str
    rules: list[RuleOut]
    themes: dict[str, str]


class HealthResponse(BaseModel):
    status: Literal["ok", "degraded", "stopping"] = Field(
        description="`degraded`: the last rule reload was refused, the last good rules serve "
        "(200). `stopping`: shutting down after SIGTERM, still answering while load balancers "
        "take the instance out (503)."
    )
    rules: int
    rules_version: str
    loaded_at: datetime | None
    last_error: str | None = Field(description="Last refused reload as `file:line: what`.")


# What one try may cost (issue 13): the largest bundled rule file is about 31,000 characters
# with 71 examples; a try is parsed, self-tested and checked in well under a second.
TRY_MAX_YAML_CHARS = 40_000
TRY_MAX_SENTENCES = 20
TRY_MAX_TOTAL_CHARS = 50_000  # the YAML and every sentence together
TRY_MAX_EXAMPLES = 200  # bad and good examples of every rule tried, together
TRY_MAX_SECONDS = 5.0  # waiting for this worker's one try slot included


class TryRequest(BaseModel):
    yaml: str = Field(
        max_length=TRY_MAX_YAML_CHARS,
        description="One rule (a mapping with `id` and `kind`), a list of rules, "
        "or a whole rule file (with `theme` and `rules`).",
    )
    sentences: list[str] = Field(default_factory=list, max_length=TRY_MAX_SENTENCES)
    language: Literal["sv", "en"] = "sv"

    def total_chars(self) -> int:
        return len(self.yaml) + sum(map(len, self.sentences))


class TryErrorOut(BaseModel):
    line: int | None
    message: str


class ExampleOut(BaseModel):
    case_id: str
    ok: bool
    detail: str


class TriedRuleOut(BaseModel):
    id: str
    examples_ok: bool
    examples: list[ExampleOut]


class SentenceOut(BaseModel):
    sentence: str
    findings: list[FindingOut] = Field(description=f"Offsets in {UTF16}.")


class TryResponse(BaseModel):
    ok: bool = Field(description="The rule loads and all its own examples pass.")
    error: TryErrorOut | None
    rules: list[TriedRuleOut]
    results: list[SentenceOut]


ErrorOut.model_rebuild()
