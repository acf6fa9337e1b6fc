"""Field feedback: how writers treat each rule's hints, counted per day without a word of text.

events.py    what a client may report (strict), folded into counter keys
database.py  engine, the counters table, migrations (Alembic, shipped in migrations/)
counters.py  atomic upserts of daily counters, retention cleanup
stats.py     per-rule figures and weekly series for /statistik and `tonkoll stats`
chart.py     the weekly trend as a small self-contained SVG
"""
