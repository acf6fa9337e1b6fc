"""Reports as JSON (for machines) and as underlined text (for people in a terminal)."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from tonkoll.findings import Finding, Report
from tonkoll.rulebook.schema import LEVEL_WORDS, THEMES

LANGUAGE_WORDS = {"sv": "svenska", "en": "engelska"}
UNDERLINE = {"warning": "\x1b[4;31m", "hint": "\x1b[4;36m"}  # underlined red / cyan
RESET = "\x1b[0m"
BOLD, DIM = "\x1b[1m", "\x1b[2m"


def finding_data(finding: Finding) -> dict[str, Any]:
    """One finding as plain JSON-able data, its spans as objects too."""
    return {**finding._asdict(), "spans": [span._asdict() for span in finding.spans]}


def report_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-able data (offsets in code points)."""
    data = dataclasses.asdict(report)
    data["findings"] = [finding_data(f) for f in report.findings]
    data["strengths"] = [finding_data(f) for f in report.strengths]
    return data


def report_json(report: Report, extra: dict[str, Any] | None = None) -> str:
    """One JSON line; UTF-8 text as is, but lone surrogates (from \\ud800 input) as escapes."""
    data = report_dict(report)
    if extra:
        data = {**extra, **data}
    line = json.dumps(data, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(data, ensure_ascii=True)
    return line


def _marks(text: str, findings: tuple[Finding, ...]) -> list[str | None]:
    """Per code point: the level of the finding that underlines it (warnings win)."""
    marks: list[str | None] = [None] * len(text)
    for f in sorted(findings, key=lambda f: f.level == "warning"):
        for s in f.spans:
            for i in range(s.offset, min(len(text), s.offset + s.length)):
                marks[i] = f.level
    return marks


def underlined(text: str, findings: tuple[Finding, ...], color: bool) -> str:
    """The text with findings underlined: ANSI underline on a tty, a ^ line below otherwise."""
    marks = _marks(text, findings)
    out: list[str] = []
    pos = 0
    for line in text.split("\n"):
        line_marks = marks[pos : pos + len(line)]
        pos += len(line) + 1
        if color:
            pieces: list[str] = []
            current: str | None = None
            for ch, mark in zip(line, line_marks, strict=False):
                if mark != current:
                    pieces.append(RESET if current else "")
                    pieces.append(UNDERLINE.get(mark, "") if mark else "")
                    current = mark
                pieces.append(ch)
            pieces.append(RESET if current else "")
            out.append("".join(pieces))
        else:
            out.append(line)
            carets = "".join(
                ("~" if m == "hint" else "^") if m else (" " if ch != "\t" else "\t")
                for ch, m in zip(line, line_marks, strict=False)
            ).rstrip()
            if carets:
                out.append(carets)
    return "\n".join(out)


def render_text(report: Report, text: str, color: bool) -> str:
    """A Swedish, human-readable report."""
    b, d, r = (BOLD, DIM, RESET) if color else ("", "", "")
    lines = [underlined(text, report.findings, color), ""]
    if report.findings:
        lines.append(f"{b}Förslag{r}")
        for n, f in enumerate(report.findings, 1):
            star = "★ " if f.primary else "  "
            row = text.count("\n", 0, f.offset) + 1
            more = f", +{len(f.spans) - 1} ställen till" if len(f.spans) > 1 else ""
            lines.append(f"{star}{n}. [{LEVEL_WORDS.get(f.level, f.level)}] {f.message} "
                         f"{d}({f.rule_id}, rad {row}{more}){r}")
            if f.replacements:
                shown = " | ".join(f"”{v}”" for v in f.replacements)
                lines.append(f"      ”{f.matched}” → {b}{shown}{r}")
    else:
        lines.append(f"{b}Inga förslag.{r}")
    if report.strengths:
        lines.append("")
        lines.append(f"{b}Bra gjort{r}")
        lines.extend(f"  ✓ {s.message} {d}({s.rule_id}){r}" for s in report.strengths)
    rd = report.readability
    lines.append("")
    wps = f"{rd.words_per_sentence:.1f}".replace(".", ",")
    lines.append(
        f"LIX {rd.lix:.0f} ({rd.band}), {rd.words} ord, {rd.sentences} meningar, "
        f"{wps} ord per mening"
    )
    scores = ", ".join(f"{THEMES.get(k, k)} {v}" for k, v in report.scores.items()
                       if k != "overall")
    language = LANGUAGE_WORDS.get(report.language, report.language)
    lines.append(f"Poäng: totalt {report.scores.get('overall', 0)}"
                 + (f" ({scores})" if scores else "") + f", språk: {language}")
    return "\n".join(lines)
