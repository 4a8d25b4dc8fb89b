"""Drafts of registrations, saved while the agent types (also during the
call), so that a crash or a kill loses nothing: the next start reopens them.

Revision ID: 0005_drafts
Revises: 0004_registration_details
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_drafts"
down_revision = "0004_registration_details"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "registration_draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.String(255), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registration_draft")),
        sa.UniqueConstraint("call_id", name=op.f("uq_registration_draft_call_id")),
    )


def downgrade() -> None:
    op.drop_table("registration_draft")
