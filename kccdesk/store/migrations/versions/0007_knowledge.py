"""Knowledge: the municipality's answers (VAC), product pages and
colleagues, searchable by their words' stems: on SQLite through an FTS5
table kept up to date by triggers, on PostgreSQL through a full-text index.

Revision ID: 0007_knowledge
Revises: 0006_callback_number
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_knowledge"
down_revision = "0006_callback_number"
branch_labels = None
depends_on = None

STEMS = "title_stems, keyword_stems, body_stems"
# PostgreSQL: the stems are words already (kccdesk stems them); "simple" only splits them.
PG_DOCUMENT = "to_tsvector('simple', title_stems || ' ' || keyword_stems || ' ' || body_stems)"


def upgrade() -> None:
    op.create_table(
        "knowledge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("keywords", sa.Text(), nullable=False),
        sa.Column("department", sa.String(255), nullable=False),
        sa.Column("link", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(255), nullable=False),
        sa.Column("role", sa.String(255), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("title_stems", sa.Text(), nullable=False),
        sa.Column("keyword_stems", sa.Text(), nullable=False),
        sa.Column("body_stems", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_knowledge")),
        sa.UniqueConstraint("source", "key", name=op.f("uq_knowledge_source_key")),
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            f"CREATE VIRTUAL TABLE knowledge_fts USING fts5({STEMS}, content='knowledge', content_rowid='id')"
        )
        new = f"INSERT INTO knowledge_fts(rowid, {STEMS}) VALUES (new.id, new.title_stems, new.keyword_stems, new.body_stems);"
        old = (
            f"INSERT INTO knowledge_fts(knowledge_fts, rowid, {STEMS}) "
            "VALUES ('delete', old.id, old.title_stems, old.keyword_stems, old.body_stems);"
        )
        op.execute(f"CREATE TRIGGER knowledge_added AFTER INSERT ON knowledge BEGIN {new} END")
        op.execute(f"CREATE TRIGGER knowledge_removed AFTER DELETE ON knowledge BEGIN {old} END")
        op.execute(f"CREATE TRIGGER knowledge_changed AFTER UPDATE ON knowledge BEGIN {old} {new} END")
    else:
        op.execute(f"CREATE INDEX ix_knowledge_words ON knowledge USING gin ({PG_DOCUMENT})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("knowledge_added", "knowledge_removed", "knowledge_changed"):
            op.execute(f"DROP TRIGGER {trigger}")
        op.execute("DROP TABLE knowledge_fts")
    op.drop_table("knowledge")
