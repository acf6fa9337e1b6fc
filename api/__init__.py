"""The HTTP layer: the only place FastAPI appears."""
