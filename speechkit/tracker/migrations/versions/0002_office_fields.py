"""What an office records by hand: 牵头领导, 责任领导, its own numbering, where an item came from, the 办结 note.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("items") as batch:
        batch.add_column(sa.Column("leader", sa.Text))
        batch.add_column(sa.Column("responsible_leader", sa.Text))
        batch.add_column(sa.Column("label", sa.Text))
        # existing rows all came from outline imports
        batch.add_column(sa.Column("origin", sa.String(16), nullable=False, server_default="import"))
        batch.add_column(sa.Column("closing_note", sa.Text))
    with op.batch_alter_table("items") as batch:
        batch.alter_column("origin", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("items") as batch:
        for column in ("closing_note", "origin", "label", "responsible_leader", "leader"):
            batch.drop_column(column)
