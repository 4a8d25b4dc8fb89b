"""What a contact was about beyond its subject: the answers and products the
agent used from the knowledge, and the caller's case (JSON, empty for none).

Revision ID: 0009_registration_about
Revises: 0008_news
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_registration_about"
down_revision = "0008_news"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("registration") as batch:
        batch.add_column(sa.Column("about", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("registration") as batch:
        batch.drop_column("about")
