"""For any Unicode text, every finding's spans lie inside the text and equal their text."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tonkoll.engine import check
from tonkoll.findings import Report
from tonkoll.rulebook.loader import load_rulebook, rule_files
from tonkoll.rulebook.model import Rulebook

FIXTURES = Path(__file__).parent / "data" / "rules"
BUNDLED = Path(__file__).resolve().parents[2] / "rules"

WORDS = ["erhåller", "vidta", "åtgärder", "Malmö", "stad", "informerar", "ska", "ske", "t.ex.",
         "kl.", "8.30", "skickas", "föreslås", "inrättas", "blev", "stängt", "!!!", "?", "\n",
         "😀", "👍🏽", "#malmö", "@anna", "https://malmo.se/a.b", "Tack", "du", "vi", "man",
         "ÅÄÖ", "\u0301", "\ud800", "İ", "ß", "\u200d", "\t", "  ", "..."]


@cache
def books() -> tuple[Rulebook, ...]:
    out = [load_rulebook([FIXTURES])]
    if BUNDLED.is_dir() and rule_files(BUNDLED):
        out.append(load_rulebook([BUNDLED], run_examples=False))
    return tuple(out)


def assert_spans_valid(text: str, report: Report) -> None:
    for f in (*report.findings, *report.strengths):
        assert 0 <= f.offset <= f.offset + f.length <= len(text)
        assert text[f.offset : f.offset + f.length] == f.matched
        assert f.spans, f.rule_id
        # offset/length is the first span, or the wider region a construction rewrite replaces
        first = f.spans[0]
        assert f.offset <= first.offset <= first.offset + first.length <= f.offset + f.length
        if (first.offset, first.length) != (f.offset, f.length):
            assert f.replacements, f.rule_id
        for s in f.spans:
            assert 0 <= s.offset <= s.offset + s.length <= len(text)
            assert text[s.offset : s.offset + s.length] == s.text
    assert all(0 <= v <= 100 for v in report.scores.values())
    assert sum(f.primary for f in report.findings) == min(3, len(report.findings))


texts = st.one_of(
    st.text(),
    st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=3)), max_size=30).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, language=st.sampled_from(["auto", "sv", "en"]),
       channel=st.sampled_from(["generic", "x", "facebook"]))
def test_spans_lie_inside_the_text_and_equal_it(text: str, language: str, channel: str) -> None:
    for book in books():
        assert_spans_valid(text, check(text, book, language=language, channel=channel))
