"""Caller records: resident and business details, earlier contacts,
callback requests and the access log.

Revision ID: 0002_records
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_records"
down_revision = "0001"
branch_labels = None
depends_on = None

NAME = sa.String(255)
CODE = sa.String(32)
MOMENT = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("party") as batch:
        batch.add_column(sa.Column("birth_date", sa.Date(), nullable=True))
        batch.add_column(sa.Column("bsn", CODE, nullable=False, server_default=""))
        batch.add_column(sa.Column("kvk", CODE, nullable=False, server_default=""))
        batch.add_column(sa.Column("email", NAME, nullable=False, server_default=""))
        batch.add_column(sa.Column("import_key", NAME, nullable=True))
        batch.create_unique_constraint(op.f("uq_party_import_key"), ["import_key"])
    op.create_index("ix_party_postcode_house_number", "party", ["postcode", "house_number"])
    op.create_index("ix_party_surname", "party", ["surname"])
    op.create_index("ix_party_business_name", "party", ["business_name"])
    op.create_index("ix_party_birth_date", "party", ["birth_date"])
    op.create_table(
        "contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("at", MOMENT, nullable=False),
        sa.Column("subject", NAME, nullable=False),
        sa.Column("outcome", CODE, nullable=False),
        sa.Column("agent", NAME, nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_contact_party_id_party"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact")),
    )
    op.create_index("ix_contact_party_id_at", "contact", ["party_id", "at"])
    op.create_table(
        "callback_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("for_whom", NAME, nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("status", CODE, nullable=False),
        sa.Column("due", MOMENT, nullable=True),
        sa.Column("call_id", NAME, nullable=True),
        sa.Column("created_at", MOMENT, nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_callback_request_party_id_party"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_callback_request")),
    )
    op.create_index("ix_callback_request_party_id_status", "callback_request", ["party_id", "status"])
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", MOMENT, nullable=False),
        sa.Column("agent", NAME, nullable=False),
        sa.Column("record", NAME, nullable=False),
        sa.Column("reason", CODE, nullable=False),
        sa.Column("call_id", NAME, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_log")),
    )
    op.create_index(op.f("ix_access_log_at"), "access_log", ["at"])
    op.create_index(op.f("ix_access_log_record"), "access_log", ["record"])


def downgrade() -> None:
    op.drop_table("access_log")
    op.drop_table("callback_request")
    op.drop_table("contact")
    op.drop_index("ix_party_birth_date", "party")
    op.drop_index("ix_party_business_name", "party")
    op.drop_index("ix_party_surname", "party")
    op.drop_index("ix_party_postcode_house_number", "party")
    with op.batch_alter_table("party") as batch:
        batch.drop_constraint(op.f("uq_party_import_key"), type_="unique")
        for column in ("import_key", "email", "kvk", "bsn", "birth_date"):
            batch.drop_column(column)
