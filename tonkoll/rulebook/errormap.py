"""Turn a pydantic ValidationError into one Swedish line that points at the offending key."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from tonkoll.engine.kinds.registry import KIND_NAMES, SPECS
from tonkoll.rulebook import rulefile, schema
from tonkoll.rulebook.errors import RuleError
from tonkoll.rulebook.yamlsource import PathKey, YamlDocument

_TYPE_WORDS = {
    "string_type": "ska vara text (sätt citattecken runt den)",
    "int_type": "ska vara ett heltal",
    "int_parsing": "ska vara ett heltal",
    "int_from_float": "ska vara ett heltal",
    "float_type": "ska vara ett tal",
    "float_parsing": "ska vara ett tal",
    "finite_number": "är orimligt: skriv ett ändligt tal (inte .nan eller .inf)",  # issue 13
    "bool_type": "ska vara true eller false",
    "bool_parsing": "ska vara true eller false",
    "list_type": "ska vara en lista ([...] eller rader som börjar med -)",
    "dict_type": "ska vara nycklar med värden",
    "model_type": "ska vara nycklar med värden",
    "model_attributes_type": "ska vara nycklar med värden",
    "string_pattern_mismatch": "ska se ut som tema.namn (små bokstäver a–z, siffror och -)",
    "greater_than_equal": "är för litet",
    "less_than_equal": "är för stort",
}


def _clean_loc(loc: tuple[Any, ...]) -> PathKey:
    out: list[str | int] = []
    for i, part in enumerate(loc):
        if isinstance(part, str) and part in KIND_NAMES and i > 0 and isinstance(loc[i - 1], int):
            continue  # the discriminated union adds the kind name to the location
        out.append(part)
    return tuple(out)


def _field_names(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def describe(err: Mapping[str, Any], allowed: list[str]) -> str:
    """One plain sentence for one pydantic error."""
    loc = _clean_loc(tuple(err.get("loc", ())))
    key = next((p for p in reversed(loc) if isinstance(p, str)), "")
    etype = err.get("type", "")
    if etype == "extra_forbidden":
        key = str(loc[-1]) if loc else key
        close = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f" – menar du '{close[0]}'?" if close else f" (tillåtna: {', '.join(allowed)})"
        return f"okänd nyckel '{key}'{hint}"
    if etype == "missing":
        return f"nyckeln '{key}' saknas"
    if etype == "union_tag_invalid":
        tag = err.get("ctx", {}).get("tag", "")
        return f"okänd kind '{tag}'; välj en av: {', '.join(KIND_NAMES)}"
    if etype == "union_tag_not_found":
        return f"nyckeln 'kind' saknas; välj en av: {', '.join(KIND_NAMES)}"
    if etype == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"'{err.get('input')}' är inte tillåtet för '{key}'; välj {expected}"
    if etype == "too_short":
        return f"'{key}' får inte vara tom"
    if etype == "value_error":
        return str(err.get("ctx", {}).get("error", err.get("msg", "")))
    if etype in _TYPE_WORDS:
        return f"'{key}' {_TYPE_WORDS[etype]}"
    return f"'{key}': {err.get('msg', 'felaktigt värde')}"


def to_rule_error(exc: ValidationError, doc: YamlDocument, model: type[BaseModel]) -> RuleError:
    """The first validation error as RuleError(file, line, message)."""
    errors = exc.errors(include_url=False)
    # A misspelt key also makes the right key "missing"; the unknown key is the better news.
    err = next((e for e in errors if e.get("type") == "extra_forbidden"), errors[0])
    loc = _clean_loc(tuple(err.get("loc", ())))
    allowed = _allowed_keys_at(loc, doc, model)
    if err.get("type") == "missing":
        line = doc.line_of(loc[:-1])
    else:
        line = doc.line_of(loc)
    return RuleError(doc.file, line, describe(err, allowed))


def _nested_model(model: type[BaseModel], key: str) -> type[BaseModel] | None:
    """The model of a key that holds one (``examples``) or a list of them (``entries``)."""
    info = model.model_fields.get(key)
    if info is None:
        return None
    for candidate in (info.annotation, *get_args(info.annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _allowed_keys_at(loc: PathKey, doc: YamlDocument, model: type[BaseModel]) -> list[str]:
    parent = loc[:-1]
    if not parent:
        return _field_names(rulefile.RuleFile)
    if parent[0] == "rules" and len(parent) >= 2 and isinstance(parent[1], int):
        rule_data = doc.data.get("rules", [])
        kind = ""
        if isinstance(rule_data, list) and parent[1] < len(rule_data):
            item = rule_data[parent[1]]
            kind = item.get("kind", "") if isinstance(item, dict) else ""
        rule_model = SPECS.get(kind, schema.RuleBase) if isinstance(kind, str) else schema.RuleBase
        if len(parent) == 2:
            return _field_names(rule_model)
        sub = _nested_model(rule_model, str(parent[2]))
        if sub is not None:
            return _field_names(sub)
    if parent[0] == "overrides":
        return _field_names(schema.Override)
    return []
