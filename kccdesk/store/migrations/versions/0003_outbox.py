"""The outbox of registrations waiting for delivery.

Revision ID: 0003_outbox
Revises: 0002_records
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_outbox"
down_revision = "0002_records"
branch_labels = None
depends_on = None

MOMENT = sa.DateTime(timezone=True)
CODE = sa.String(32)


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(10), nullable=False),
        sa.Column("sink", CODE, nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("status", CODE, nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", MOMENT, nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("remote_url", sa.Text(), nullable=False),
        sa.Column("created_at", MOMENT, nullable=False),
        sa.Column("delivered_at", MOMENT, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("reference", name=op.f("uq_outbox_reference")),
    )
    op.create_index(op.f("ix_outbox_sink"), "outbox", ["sink"])
    op.create_index(op.f("ix_outbox_status"), "outbox", ["status"])


def downgrade() -> None:
    op.drop_table("outbox")
