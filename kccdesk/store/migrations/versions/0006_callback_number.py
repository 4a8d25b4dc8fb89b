"""Callback requests by number: a caller without a record can be waiting for
a callback too; the number (E.164) finds the request at the next screen pop.

Revision ID: 0006_callback_number
Revises: 0005_drafts
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_callback_number"
down_revision = "0005_drafts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("callback_request") as batch:
        batch.alter_column("party_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("number", sa.String(16), nullable=True))
    op.create_index(op.f("ix_callback_request_number"), "callback_request", ["number"])


def downgrade() -> None:
    op.drop_index(op.f("ix_callback_request_number"), "callback_request")
    op.execute("DELETE FROM callback_request WHERE party_id IS NULL")
    with op.batch_alter_table("callback_request") as batch:
        batch.drop_column("number")
        batch.alter_column("party_id", existing_type=sa.Integer(), nullable=False)
