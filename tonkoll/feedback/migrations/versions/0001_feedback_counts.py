"""Daily feedback counters per rule, language, channel, rules version, event and replacement.

Revision ID: 0001
Revises:
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "feedback_counts",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("rule_id", sa.String(80), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("rules_version", sa.String(40), nullable=False),
        sa.Column("event", sa.String(16), nullable=False),
        sa.Column("replacement", sa.SmallInteger(), nullable=False, server_default="-1"),
        sa.Column("offered", sa.SmallInteger(), nullable=False, server_default="0"),
        sa.Column("count", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "day", "rule_id", "language", "channel", "rules_version", "event", "replacement",
            "offered", name="feedback_counts_pkey",
        ),
        # SQLite: the rows live in the key's own b-tree, so a range of days is read in one
        # sweep with its counts (a rowid table would look each count up: 2-3x slower).
        sqlite_with_rowid=False,
    )
    # The retention cleanup deletes by day; the statistics read by day and rule.
    op.create_index("feedback_counts_rule_day", "feedback_counts", ["rule_id", "day"])


def downgrade() -> None:
    op.drop_index("feedback_counts_rule_day", table_name="feedback_counts")
    op.drop_table("feedback_counts")
