"""The one list of rule kinds. Adding a kind: write kinds/<kind>.py (see base.Kind) and add its
KIND here; the schema, the loader, the checker, the examples and the reference all read this."""

from __future__ import annotations

from tonkoll.engine.kinds import absence, existence, metric, passive, pattern, substitution
from tonkoll.engine.kinds.base import Kind
from tonkoll.rulebook.schema import RuleBase

# In this order the checker runs them and error messages list them.
KINDS: tuple[Kind, ...] = (
    substitution.KIND,
    existence.KIND,
    pattern.KIND,
    passive.KIND,
    metric.KIND,
    absence.KIND,
)
KIND_NAMES: tuple[str, ...] = tuple(k.name for k in KINDS)
_BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS}
SPECS: dict[str, type[RuleBase]] = {k.name: k.spec for k in KINDS}  # kind -> its rule model


def kind_named(name: str) -> Kind:
    """The kind of a loaded rule (its name was validated by the schema)."""
    return _BY_NAME[name]


def kind_of(spec: RuleBase) -> Kind:
    return _BY_NAME[spec.kind]
