"""News and work instructions: the items supervisors publish, and which
agent read (or confirmed) which item, when.

Revision ID: 0008_news
Revises: 0007_knowledge
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_news"
down_revision = "0007_knowledge"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "news",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(255), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("important", sa.Boolean(), nullable=False),
        sa.Column("starts", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ends", sa.DateTime(timezone=True), nullable=True),
        sa.Column("teams", sa.Text(), nullable=False),
        sa.Column("author", sa.String(255), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news")),
    )
    op.create_index(op.f("ix_news_published_at"), "news", ["published_at"])
    op.create_table(
        "news_read",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("news_id", sa.Integer(), nullable=False),
        sa.Column("agent", sa.String(255), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["news_id"], ["news.id"], name=op.f("fk_news_read_news_id_news"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_read")),
        sa.UniqueConstraint("news_id", "agent", name=op.f("uq_news_read_news_id_agent")),
    )


def downgrade() -> None:
    op.drop_table("news_read")
    op.drop_index(op.f("ix_news_published_at"), "news")
    op.drop_table("news")
