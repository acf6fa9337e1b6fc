"""Domain results (code-point offsets) to HTTP bodies (UTF-16 code-unit offsets)."""

from __future__ import annotations

import re
from bisect import bisect_left

from api.findings import Finding, Readability, Report, Span
from api.web.schemas import CheckResponse, FindingOut, ReadabilityOut, SpanOut

LONE_SURROGATE = re.compile("[\ud800-\udfff]")
ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def scrub(text: str) -> str:
    """Replace lone surrogates (JSON allows "\\ud800") with U+FFFD. Both are one UTF-16
    unit, so every offset stays the same, and the engine only ever sees valid Unicode."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return LONE_SURROGATE.sub("\ufffd", text)
    return text


class Utf16Offsets:
    """Maps code-point offsets in one text to UTF-16 code-unit offsets.

    Every character above U+FFFF takes two UTF-16 units; everything else one. `original` is
    the client's text when the engine saw a scrubbed copy: quoted text then comes from it.
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


def span_out(span: Span, units: Utf16Offsets) -> SpanOut:
    offset, length = units.span(span.offset, span.length)
    text = units.quote(span.offset, span.length, span.text)
    return SpanOut(offset=offset, length=length, text=text)


def finding_out(finding: Finding, units: Utf16Offsets) -> FindingOut:
    offset, length = units.span(finding.offset, finding.length)
    return FindingOut(
        rule_id=finding.rule_id,
        theme=finding.theme,
        level=finding.level,
        message=finding.message,
        explanation=finding.explanation,
        handbook=finding.handbook,
        offset=offset,
        length=length,
        matched=units.quote(finding.offset, finding.length, finding.matched),
        suggestions=list(finding.suggestions),
        spans=[span_out(s, units) for s in finding.spans],
        impact=finding.impact,
        primary=finding.primary,
    )


def readability_out(r: Readability) -> ReadabilityOut:
    return ReadabilityOut(
        lix=r.lix,
        band=r.band,
        words=r.words,
        sentences=r.sentences,
        words_per_sentence=r.words_per_sentence,
        long_words=r.long_words,
    )


def report_out(report: Report, text: str, original: str | None = None) -> CheckResponse:
    """`text` is what the engine checked; `original` what the client sent, if different."""
    units = Utf16Offsets(text, original)
    return CheckResponse(
        language=report.language,
        findings=[finding_out(f, units) for f in report.findings],
        strengths=[finding_out(f, units) for f in report.strengths],
        scores=dict(report.scores),
        readability=readability_out(report.readability),
        rules_version=report.rules_version,
    )
