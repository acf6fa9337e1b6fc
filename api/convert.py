"""Domain results (code-point offsets) to HTTP bodies (UTF-16 code-unit offsets)."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from api.schemas import FindingOut
from tonkoll.findings import READABILITY_FIELDS, Finding, Report, Span

ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Offsets:
    """Maps code-point offsets in one text to UTF-16 code-unit offsets.

    Every character above U+FFFF takes two UTF-16 units; everything else one. `original` is
    the client's text when the engine saw a scrubbed copy (`tonkoll.text.surrogate.scrub`):
    quoted text then comes from it.
    """

    def __init__(self, text: str, original: str | None = None) -> None:
        self._astral = [m.start() for m in ASTRAL.finditer(text)]  # one scan in C
        self._original = original if original is not None and original != text else None

    def quote(self, offset: int, length: int, engine_text: str) -> str:
        """The client's own characters at a span (differs only where lone surrogates were)."""
        if self._original is None:
            return engine_text
        return self._original[offset : offset + length]

    def offset(self, codepoints: int) -> int:
        return codepoints + bisect_left(self._astral, codepoints)

    def span(self, offset: int, length: int) -> tuple[int, int]:
        start = self.offset(offset)
        return start, self.offset(offset + length) - start


def span_dict(span: Span, units: Utf16Offsets) -> dict[str, Any]:
    offset, length = units.span(span.offset, span.length)
    return {"offset": offset, "length": length,
            "text": units.quote(span.offset, span.length, span.text)}


def finding_dict(finding: Finding, units: Utf16Offsets) -> dict[str, Any]:
    """One finding in the shape of `FindingOut`, offsets in UTF-16 code units."""
    offset, length = units.span(finding.offset, finding.length)
    return {
        "rule_id": finding.rule_id,
        "theme": finding.theme,
        "level": finding.level,
        "message": finding.message,
        "explanation": finding.explanation,
        "handbook": finding.handbook,
        "offset": offset,
        "length": length,
        "matched": units.quote(finding.offset, finding.length, finding.matched),
        "suggestions": list(finding.suggestions),
        "spans": [span_dict(s, units) for s in finding.spans],
        "impact": finding.impact,
        "primary": finding.primary,
        "replacements": [{"value": v} for v in finding.replacements],
    }


def finding_out(finding: Finding, units: Utf16Offsets) -> FindingOut:
    return FindingOut.model_validate(finding_dict(finding, units))


def report_dict(report: Report, text: str, original: str | None = None) -> dict[str, Any]:
    """The `CheckResponse` body as plain data. `text` is what the engine checked; `original`
    what the client sent, if different.

    Plain dicts rather than pydantic models: building ~30 models per answer and validating
    them again cost more than the rest of the route (bench/README.md). `CheckResponse` stays
    the documented schema, and tests/web validate real answers against it."""
    units = Utf16Offsets(text, original)
    r = report.readability
    return {
        "language": report.language,
        "findings": [finding_dict(f, units) for f in report.findings],
        "strengths": [finding_dict(f, units) for f in report.strengths],
        "scores": dict(report.scores),
        "readability": {name: getattr(r, name) for name in READABILITY_FIELDS},
        "rules_version": report.rules_version,
    }
