"""Tonkoll benchmark: engine timings and service throughput. Run with `python -m bench`."""
