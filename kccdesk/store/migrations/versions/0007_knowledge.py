"""Knowledge: the municipality's answers (VAC), product pages and
colleagues, searchable by their words' stems: on SQLite through an FTS5
table (kept up to date by kccdesk.store.knowledge), on PostgreSQL through a
full-text index.

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
# PostgreSQL: the stems are words already (kccdesk stems them); "simple" only
# splits them. Kept in a column of PostgreSQL's own, made once per change.
# Weighted by field (A the title, B the keywords, C the text), so that a
# search can look among the titles and keywords first.
PG_WORDS = (
    "ALTER TABLE knowledge ADD COLUMN words tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', title_stems), 'A') || setweight(to_tsvector('simple', keyword_stems), 'B') "
    "|| setweight(to_tsvector('simple', body_stems), 'C')) STORED"
)


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
            f"CREATE VIRTUAL TABLE knowledge_fts USING fts5({STEMS}, content='knowledge', content_rowid='id', "
            "prefix='2 3 4')"  # prefix indexes: the word being typed is found as quickly as a whole one
        )
    else:
        op.execute(PG_WORDS)
        op.execute("CREATE INDEX ix_knowledge_words ON knowledge USING gin (words)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE knowledge_fts")
    op.drop_table("knowledge")
