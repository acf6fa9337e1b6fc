"""Hostile rule files: linear-time patterns, huge word lists, and files that must be refused.

A rule file is written by people, sometimes in a hurry: nothing in it may make a check slow,
and a broken or malicious file is refused with one clear `file:line: message` line while the
service keeps serving the last good rules.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from robust_helpers import (
    HANDBOOK_QUOTE,
    RULES_DIR,
    assert_spans_in_text,
    pattern_rule,
    rule_file,
)

from tonkoll.engine import check
from tonkoll.rulebook.loader import RuleError, load_rulebook

ONE_LINE_ERROR = re.compile(r"^\S*klarsprak\.yml:(\d+): \S.*$")


def write_extra(tmp_path: Path, content: str | bytes) -> Path:
    """An extra rule directory holding `sv/klarsprak.yml` with `content`; returns the dir."""
    target = tmp_path / "extra" / "sv" / "klarsprak.yml"
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    return target.parent.parent


def timed(fn: Callable[[], object]) -> tuple[object, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


# --- patterns and word lists cannot make a check slow -------------------------------------

@pytest.mark.parametrize(("pattern", "hostile"), [
    ("(a+)+$", "a" * 50_000 + "b"),
    ("(x+x+)+y", "x" * 50_000),
    ("(a|aa)+$", "a" * 50_000 + "!"),
])
def test_catastrophic_pattern_runs_in_linear_time(tmp_path: Path, pattern: str,
                                                  hostile: str) -> None:
    bad = "Det slutar med [[aaa]]" if pattern.endswith("$") else "Det blir [[xxy]]"
    extra = write_extra(tmp_path, rule_file(
        "klarsprak", pattern_rule("klarsprak.test-redos", pattern, bad, "Inget här.")))
    book = load_rulebook([extra])
    report, elapsed = timed(lambda: check(hostile, book, language="sv"))
    assert elapsed < 1.0, f"{pattern} took {elapsed:.2f}s on {len(hostile)} characters"
    for finding in report.findings:  # type: ignore[attr-defined]
        assert_spans_in_text(hostile, finding)


def test_catastrophic_pattern_with_full_rule_set(tmp_path: Path) -> None:
    extra = write_extra(tmp_path, rule_file(
        "klarsprak", pattern_rule("klarsprak.test-redos", "(a+)+$", "Det slutar med [[aaa]]",
                                  "Inget här.")))
    book = load_rulebook([RULES_DIR, extra])
    check("Värmer upp.", book)
    report, elapsed = timed(lambda: check("a" * 50_000 + "b", book, language="sv"))
    assert elapsed < 2.0, f"the full rule set took {elapsed:.2f}s on a 50,001-character word"
    report, _ = timed(lambda: check("Nu slutar det med aaaa", book, language="sv"))
    ids = {f.rule_id for f in report.findings}  # type: ignore[attr-defined]
    assert "klarsprak.test-redos" in ids


def pseudo_word(i: int) -> str:
    """A unique lowercase non-word for entry `i` (zq + base-26 digits)."""
    letters = ""
    for _ in range(4):
        i, rest = divmod(i, 26)
        letters = chr(ord("a") + rest) + letters
    return "zq" + letters


def big_list_rule(forms: list[str]) -> str:
    entries = "".join(f"      - {{match: [{form}], suggest: [ord{i}]}}\n"
                      for i, form in enumerate(forms))
    return (
        "  - id: klarsprak.test-big-list\n"
        "    kind: substitution\n"
        "    level: hint\n"
        "    message: \"Skriv hellre ”{suggestion}” än ”{match}”.\"\n"
        "    explanation: \"En lång lista som bara finns i ett test.\"\n"
        f"    handbook: \"{HANDBOOK_QUOTE}\"\n"
        "    examples:\n"
        f"      bad: [\"Det här är [[{forms[1]}]] i en text.\"]\n"
        "      good: [\"Det här är en vanlig text.\"]\n"
        "    entries:\n" + entries
    )


BIG_LISTS = {
    # 10,000 different words
    "distinct-words": [pseudo_word(i) for i in range(10_000)],
    # 10,000 two-word phrases that all begin with the same common word
    "shared-first-word": [f"vi {pseudo_word(i)}" for i in range(10_000)],
}


@pytest.mark.parametrize("kind", sorted(BIG_LISTS))
def test_ten_thousand_entry_substitution_list(tmp_path: Path, kind: str) -> None:
    forms = BIG_LISTS[kind]
    extra = write_extra(tmp_path, rule_file("klarsprak", big_list_rule(forms)))
    book, load_time = timed(lambda: load_rulebook([RULES_DIR, extra]))
    assert load_time < 15.0, f"loading 10,000 entries took {load_time:.1f}s"
    words = ["Vi", "ses", "på", "biblioteket", "i", "morgon", "och", "vi", forms[9_999],
             "är", "välkommen", "vi", forms[4_321] + ".", "Hej", "då", "vi", "ses!\n"]
    text = ""
    while len(text) < 5_000:
        text += " ".join(words) + " "
    check(text, book)  # type: ignore[arg-type]
    times = []
    for _ in range(5):
        report, elapsed = timed(lambda: check(text, book))  # type: ignore[arg-type]
        times.append(elapsed)
    assert sorted(times)[2] < 0.5, f"median check of 5,000 chars took {sorted(times)[2]:.3f}s"
    hits = [f for f in report.findings  # type: ignore[attr-defined]
            if f.rule_id == "klarsprak.test-big-list"]
    assert hits, "the 10,000-entry rule found nothing"
    for finding in report.findings:  # type: ignore[attr-defined]
        assert_spans_in_text(text, finding)


# --- files that must be refused with one clear line ---------------------------------------

def huge_file() -> bytes:
    good = rule_file("klarsprak", pattern_rule("klarsprak.test-huge", "zzq", "En [[zzq]].",
                                               "Inget."))
    padding = ("# " + "x" * 98 + "\n") * 60_000  # about 6 MB of comments
    return (good + padding).encode()


def billion_laughs() -> bytes:
    lines = ["theme: klarsprak", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, 10):
        refs = ", ".join([f"*a{n - 1}"] * 9)
        lines.append(f"a{n}: &a{n} [{refs}]")
    lines.append("rules: *a9")
    return ("\n".join(lines) + "\n").encode()


def deep_flow() -> bytes:
    return b"theme: klarsprak\nrules: " + b"[" * 50_000 + b"]" * 50_000 + b"\n"


def deep_block() -> bytes:
    lines = ["theme: klarsprak", "rules:"]
    lines += [" " * (2 * n) + f"  k{n}:" for n in range(400)]
    lines.append(" " * 802 + "  x: 1")
    return ("\n".join(lines) + "\n").encode()


def not_utf8() -> bytes:
    good = rule_file("klarsprak", pattern_rule("klarsprak.test-latin1", "zzq", "En [[zzq]].",
                                               "Inget."))
    return good.encode().replace("Titta på".encode(), b"Titta p\xe5")  # å in Latin-1


def control_chars() -> bytes:
    good = rule_file("klarsprak", pattern_rule("klarsprak.test-ctrl", "zzq", "En [[zzq]].",
                                               "Inget."))
    return good.replace("Titta på", "Titta\x00på\x01").encode()  # valid UTF-8, not YAML


HOSTILE_FILES: dict[str, Callable[[], bytes]] = {
    "control-chars": control_chars,
    "huge": huge_file,
    "billion-laughs": billion_laughs,
    "deep-flow": deep_flow,
    "deep-block": deep_block,
    "not-utf8": not_utf8,
}


@pytest.mark.parametrize("kind", sorted(HOSTILE_FILES))
def test_hostile_file_is_refused_with_one_line(tmp_path: Path, kind: str) -> None:
    extra = write_extra(tmp_path, HOSTILE_FILES[kind]())
    start = time.perf_counter()
    with pytest.raises(RuleError) as info:
        load_rulebook([extra])
    elapsed = time.perf_counter() - start
    assert elapsed < 2.0, f"refusing the {kind} file took {elapsed:.2f}s"
    message = str(info.value)
    assert "\n" not in message
    match = ONE_LINE_ERROR.match(message)
    assert match, f"not a one-line file:line message: {message!r}"
    assert info.value.line == int(match.group(1)) >= 1
    assert info.value.message


def test_not_utf8_names_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    content = not_utf8()
    bad_line = content[:content.index(b"\xe5")].count(b"\n") + 1
    extra = write_extra(tmp_path, content)
    with pytest.raises(RuleError) as info:
        load_rulebook([extra])
    assert info.value.line == bad_line


def test_anchor_is_refused_at_its_line(tmp_path: Path) -> None:
    extra = write_extra(tmp_path, billion_laughs())
    with pytest.raises(RuleError) as info:
        load_rulebook([extra])
    assert info.value.line == 2


@pytest.mark.parametrize("kind", sorted(HOSTILE_FILES))
def test_rule_store_keeps_the_last_good_book(tmp_path: Path, kind: str) -> None:
    from tonkoll.rulebook.store import RuleStore

    extra = write_extra(tmp_path, rule_file("klarsprak", pattern_rule(
        "klarsprak.test-good", "zzq", "En [[zzq]].", "Inget.")))
    store = RuleStore([extra])
    good = store.current
    (extra / "sv" / "klarsprak.yml").write_bytes(HOSTILE_FILES[kind]())
    start = time.perf_counter()
    assert store.reload() is False
    assert time.perf_counter() - start < 2.0
    assert store.current is good
    error = str(store.last_error)
    assert ONE_LINE_ERROR.match(error), f"not a one-line file:line message: {error!r}"
    report = check("En zzq här.", store.current, language="sv")
    assert [f.rule_id for f in report.findings] == ["klarsprak.test-good"]
