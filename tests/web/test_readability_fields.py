"""The readability figures have one home, `tonkoll.findings.Readability`: the HTTP schema and
the answer must list the same fields with the same types."""

from __future__ import annotations

import typing
from dataclasses import fields

from api.schemas import ReadabilityOut
from tonkoll.findings import READABILITY_FIELDS, Readability


def test_schema_lists_readabilitys_fields_with_their_types() -> None:
    domain = typing.get_type_hints(Readability)
    assert READABILITY_FIELDS == tuple(f.name for f in fields(Readability))
    assert list(ReadabilityOut.model_fields) == list(READABILITY_FIELDS)
    assert {name: f.annotation for name, f in ReadabilityOut.model_fields.items()} == domain
