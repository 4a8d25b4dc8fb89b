"""The rest of a registration: the subject's UPL URI, the outcome's detail
(to whom, for whom, which organisation), the confidential flag, count-only
questions, after-call work time and when the registration was closed.

Revision ID: 0004_registration_details
Revises: 0003_outbox
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_registration_details"
down_revision = "0003_outbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("registration") as batch:
        batch.add_column(sa.Column("subject_uri", sa.String(255), nullable=False, server_default=""))
        batch.add_column(sa.Column("outcome_detail", sa.String(255), nullable=False, server_default=""))
        batch.add_column(sa.Column("confidential", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("count_only", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("after_call_seconds", sa.Float(), nullable=True))
        batch.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("registration") as batch:
        for column in ("closed_at", "after_call_seconds", "count_only", "confidential", "outcome_detail", "subject_uri"):
            batch.drop_column(column)
