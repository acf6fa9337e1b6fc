"""kind: pattern — RE2 regular expressions (linear time), compiled once at load time.

RE2's ``\\w`` and ``\\b`` know only ASCII letters. So that rule authors can write ``\\w`` for
Swedish words, ``\\w``/``\\W`` are rewritten to ``[\\pL\\pN_]``/``[^\\pL\\pN_]``; and a match of a
pattern using ``\\b`` is dropped when it starts or ends inside a word (å, ä, ö next to it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import re2

from tonkoll.text.segment import Segmentation

MAX_MEM = 4 << 20  # bytes RE2 may use for one compiled pattern
_WORD_CLASS = r"\pL\pN_"


def _options() -> re2.Options:
    opts = re2.Options()
    opts.max_mem = MAX_MEM
    opts.log_errors = False
    return opts


def unicode_word_classes(pattern: str) -> str:
    """Rewrite ``\\w``/``\\W`` outside and inside character classes to Unicode classes."""
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            if nxt == "w":
                out.append(_WORD_CLASS if in_class else f"[{_WORD_CLASS}]")
            elif nxt == "W" and not in_class:
                out.append(f"[^{_WORD_CLASS}]")
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        out.append(ch)
        i += 1
    return "".join(out)


def prepare(pattern: str, case_sensitive: bool) -> str:
    """The RE2 source we actually compile."""
    source = unicode_word_classes(pattern)
    return source if case_sensitive else f"(?i){source}"


def compile_pattern(pattern: str, case_sensitive: bool = False) -> re2._Regexp:
    """Compile with a memory budget; raise ValueError with a plain message when invalid."""
    try:
        return re2.compile(prepare(pattern, case_sensitive), _options())
    except re2.error as exc:
        detail = exc.args[0] if exc.args else exc
        if isinstance(detail, bytes):
            detail = detail.decode("utf-8", "replace")
        raise ValueError(f"ogiltigt mönster (RE2): {detail}") from exc


SET_MAX_MEM = 64 << 20  # the combined set may use more than one pattern


def build_set(sources: list[str]) -> re2.Set | None:
    """One RE2 set that tells, in one pass, which patterns match anywhere.

    None when there are no patterns, or when even SET_MAX_MEM is not enough for the combined
    automaton; then every pattern simply runs on its own (slower, still linear).
    """
    if not sources:
        return None
    opts = _options()
    opts.max_mem = SET_MAX_MEM
    rset = re2.Set.SearchSet(opts)
    try:
        for source in sources:
            rset.Add(source)
        rset.Compile()
    except (re2.error, ValueError, RuntimeError):
        return None
    return rset


def plain_literal(pattern: str) -> bytes | None:
    """The bytes a pattern stands for when it is a plain string without letters or digits
    (`\\?`, `!!!`): then "does it occur" is a substring test, no regex run. None otherwise."""
    if not _LITERAL.fullmatch(pattern):
        return None
    return re.sub(r"\\(.)", r"\1", pattern).encode()


_LITERAL = re.compile(r"(?:\\[^\w\s]|[^\\.^$*+?{}\[\]()|\w])+")


@dataclass(frozen=True, slots=True)
class CompiledPattern:
    rule_index: int
    regex: re2._Regexp
    group: int
    checks_boundary: bool
    literal: bytes | None = None  # plain_literal(pattern)

    def occurs(self, seg: Segmentation, data: bytes | None = None) -> bool:
        """Whether the pattern matches anywhere (word-boundary rule included)."""
        if self.literal is not None:
            return self.literal in (data if data is not None else utf8(seg))
        if not self.checks_boundary:
            if data is None:
                data = utf8(seg)
            return self.regex.search(data) is not None
        return bool(self.find(seg, data))

    def find(self, seg: Segmentation, data: bytes | None = None) -> list[tuple[int, int]]:
        """(start, end) of each non-empty match (of ``group``), in code points.

        ``data`` is ``utf8(seg)`` when the caller has it already. Matching bytes spares the
        wrapper's re-encoding of the text and its offset decoding for every match; the few
        spans found are converted to code points here, in one forward pass.
        """
        text = seg.safe_text or seg.text
        if data is None:
            data = text.encode()
        ascii_only = len(data) == len(text)  # then byte offsets are code points
        out: list[tuple[int, int]] = []
        byte_at = char_at = 0  # the last converted offset, in bytes and in code points
        for m in self.regex.finditer(data):
            try:
                start, end = m.span(self.group)
            except (IndexError, re2.error):
                start, end = m.span()
            if start < 0 or end <= start:
                continue
            if not ascii_only:
                # A group's starts never go backwards from match to match, so the slices
                # decoded add up to the text once (RE2 offsets fall on character boundaries).
                char_at += len(data[byte_at:start].decode())
                byte_at = start
                start, end = char_at, char_at + len(data[start:end].decode())
            if self.checks_boundary and not _on_word_boundary(text, start, end):
                continue
            out.append((start, end))
        return out


def utf8(seg: Segmentation) -> bytes:
    """The text the patterns run on, UTF-8 encoded (RE2 matches bytes)."""
    return (seg.safe_text or seg.text).encode()


def _on_word_boundary(text: str, start: int, end: int) -> bool:
    if start > 0 and text[start].isalnum() and text[start - 1].isalnum():
        return False
    return not (end < len(text) and text[end - 1].isalnum() and text[end].isalnum())
