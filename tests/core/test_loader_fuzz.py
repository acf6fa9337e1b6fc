"""A mangled rule file either loads or fails with exactly one RuleError line; nothing else."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tonkoll.rulebook.loader import RuleError, load_rulebook

SOURCE = (Path(__file__).parent / "data" / "rules" / "sv" / "klarsprak.yml").read_text(
    encoding="utf-8")
NOISE = list(":-[]{}\"'#&*!|>%@`\n\t ,?") + [
    "kind", "level", "null", "true", "1e9", "{x}", "  - ", "\x00", "ö", "[[", "]]", "~", "[]",
    "{}", "!!binary ", "!!python/object:os.system ", "2024-13-45", "&a ", "*a", "\ufeff", "<<: ",
    "? ", "!!set ", "0x1F", ".inf", "\\", "(?<=x)", "{match", "\ud800",
]


@st.composite
def mangled(draw: st.DrawFn) -> str:
    text = SOURCE
    for _ in range(draw(st.integers(1, 4))):
        pos = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:pos] + draw(st.sampled_from(NOISE)) + text[pos:]
        else:
            text = text[:pos] + text[pos + draw(st.integers(1, 12)):]
    return text


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mangled())
def test_mangled_rule_file(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sv"
        folder.mkdir()
        (folder / "klarsprak.yml").write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            load_rulebook([Path(tmp)])
        except RuleError as err:
            line = str(err)
            assert "\n" not in line
            assert line.startswith(f"{err.file}:{err.line}: ")
            assert err.file.endswith("klarsprak.yml")
            assert 1 <= err.line <= text.count("\n") + 2
