"""The first tracker schema: meetings, items, progress reports, history.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(64), nullable=False, unique=True),
        sa.Column("title", sa.Text),
        sa.Column("name", sa.Text),
        sa.Column("kind", sa.String(40)),
        sa.Column("number", sa.Integer),
        sa.Column("held_on", sa.Date),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("source_path", sa.Text),
        sa.Column("sha256", sa.String(64)),
        sa.Column("imported_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(64), nullable=False, unique=True),
        sa.Column("meeting_id", sa.Integer, sa.ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("heading", sa.Text),
        sa.Column("owner", sa.Text),
        sa.Column("lead", sa.Text),
        sa.Column("cooperating", sa.JSON, nullable=False),
        sa.Column("person", sa.Text),
        sa.Column("deadline", sa.Text),
        sa.Column("due_original", sa.Date),
        sa.Column("due_current", sa.Date),
        sa.Column("extension_reason", sa.Text),
        sa.Column("recurrence", sa.Text),
        sa.Column("rrule", sa.Text),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("missing_since", sa.DateTime),
        sa.Column("closed_at", sa.DateTime),
        sa.Column("closed_by", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("meeting_id", "ordinal", name="uq_items_meeting_ordinal"),
    )
    op.create_index("ix_items_due_current", "items", ["due_current"])
    op.create_index("ix_items_status", "items", ["status"])
    op.create_index("ix_items_lead", "items", ["lead"])
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("items.id", ondelete="CASCADE"), nullable=False),
        sa.Column("reported_on", sa.Date, nullable=False),
        sa.Column("progress", sa.Text),
        sa.Column("problems", sa.Text),
        sa.Column("next_steps", sa.Text),
        sa.Column("by", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_reports_item_id", "reports", ["item_id"])
    op.create_table(
        "changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("items.id", ondelete="CASCADE")),
        sa.Column("meeting_id", sa.Integer, sa.ForeignKey("meetings.id", ondelete="CASCADE")),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("by", sa.Text, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("field", sa.String(32)),
        sa.Column("old", sa.Text),
        sa.Column("new", sa.Text),
        sa.Column("note", sa.Text),
    )
    op.create_index("ix_changes_item_id", "changes", ["item_id"])
    op.create_index("ix_changes_meeting_id", "changes", ["meeting_id"])


def downgrade() -> None:
    for table in ("changes", "reports", "items", "meetings"):
        op.drop_table(table)
