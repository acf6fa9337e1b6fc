"""Rule kinds: one module per kind (substitution, existence, pattern, passive, metric, absence),
the `Kind` they all implement (base.py) and the one list of them (registry.py)."""
