"""Read a rule file: YAML -> plain Python plus a map from each value's path to its line.

Refuses, with one line each: files over 1 MB, bytes that are not UTF-8, YAML syntax errors,
aliases and anchors (they enable "billion laughs" bombs and are never needed in rule files),
nesting deeper than 20 levels, duplicate keys and a top level that is not a mapping.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from tonkoll.rulebook.errors import RuleError

MAX_BYTES = 1_000_000
MAX_DEPTH = 20

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlDocument:
    file: Path
    data: dict[str, Any]
    lines: dict[PathKey, int]  # path of a value (or of a mapping key) -> 1-based line

    def line_of(self, path: PathKey) -> int:
        """Line of the longest known prefix of ``path`` (1 when nothing matches)."""
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.lines.get((), 1)


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases/anchors and deep nesting while composing."""

    def __init__(self, stream: str, file: Path) -> None:
        super().__init__(stream)
        self._file = file
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise RuleError(
                self._file, line, "ankare och alias (& och *) är inte tillåtna i regelfiler"
            )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise RuleError(self._file, line, f"för djup nästling (mer än {MAX_DEPTH} nivåer)")
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def read_yaml(file: Path) -> YamlDocument:
    """Parse one rule file; raise RuleError(file, line, message) on anything suspicious."""
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise RuleError(file, 1, f"filen är för stor ({size} byte, högst {MAX_BYTES})")
        raw = file.read_bytes()
    except OSError as exc:
        raise RuleError(file, 1, f"kan inte läsa filen: {exc.strerror or exc}") from exc
    if len(raw) > MAX_BYTES:
        raise RuleError(file, 1, f"filen är för stor (högst {MAX_BYTES} byte)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RuleError(file, line, "filen är inte UTF-8 (spara den som UTF-8)") from exc
    doc = _parse_unchanged(text, file)
    if not isinstance(doc.data, dict):
        raise RuleError(file, doc.lines[()], "filen ska börja med nycklar (theme:, rules:)")
    return doc


@lru_cache(maxsize=64)
def _parse_unchanged(text: str, file: Path) -> YamlDocument:
    """parse_yaml_text, remembered: a reload after one edit parses only the edited file (the
    YAML parser is most of a reload; every worker reloads within seconds, issue 13). A document
    is only read after parsing, never changed, so sharing it is safe; errors are not cached."""
    return parse_yaml_text(text, file)


def parse_yaml_text(text: str, file: Path) -> YamlDocument:
    """YAML text -> document with line numbers; `file` only names it in errors."""
    try:
        loader = _Loader(text, file)
    except yaml.reader.ReaderError as exc:
        raise _reader_error(file, text, exc) from exc
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or exc.context or "okänt fel"
        raise RuleError(file, line, f"YAML-fel: {problem}") from exc
    except yaml.reader.ReaderError as exc:
        raise _reader_error(file, text, exc) from exc
    except yaml.YAMLError as exc:
        raise RuleError(file, 1, f"YAML-fel: {exc}") from exc
    finally:
        loader.dispose()
    if node is None:
        raise RuleError(file, 1, "filen är tom")
    lines: dict[PathKey, int] = {(): node.start_mark.line + 1}
    data = _convert(node, (), lines, loader, file)
    return YamlDocument(file, data, lines)


def _reader_error(file: Path, text: str, exc: yaml.reader.ReaderError) -> RuleError:
    line = text[: max(0, exc.position)].count("\n") + 1
    return RuleError(file, line, f"otillåtet tecken {_codepoint(exc.character)} i filen "
                                 "(ett osynligt kontrolltecken?)")


def _codepoint(character: object) -> str:
    code = ord(character) if isinstance(character, str) and character else character
    return f"U+{code:04X}" if isinstance(code, int) else repr(character)


def _construct(node: yaml.Node, loader: _Loader, file: Path) -> Any:
    """One scalar as Python; an unknown tag (!x) or an impossible date is one RuleError."""
    try:
        return loader.construct_object(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark or node.start_mark
        raise RuleError(file, mark.line + 1, f"YAML-fel: {exc.problem or exc.context}") from exc
    except (ValueError, OverflowError, TypeError) as exc:
        raise RuleError(file, node.start_mark.line + 1,
                        f"värdet {node.value!r} går inte att läsa ({exc})") from exc


def _convert(
    node: yaml.Node, path: PathKey, lines: dict[PathKey, int], loader: _Loader, file: Path
) -> Any:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise RuleError(file, key_node.start_mark.line + 1, "en nyckel måste vara text")
            key = _construct(key_node, loader, file)
            if not (key is None or isinstance(key, str | int | float | bool)):
                raise RuleError(file, key_node.start_mark.line + 1, "en nyckel måste vara text")
            if key in out:
                raise RuleError(
                    file, key_node.start_mark.line + 1, f"nyckeln '{key}' finns två gånger"
                )
            child: PathKey = (*path, key if isinstance(key, str | int) else str(key))
            lines[child] = key_node.start_mark.line + 1
            out[key] = _convert(value_node, child, lines, loader, file)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(item, (*path, i), lines, loader, file) for i, item in enumerate(node.value)
        ]
    return _construct(node, loader, file)
