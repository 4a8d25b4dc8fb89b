"""Parties with their phone numbers, calls and registrations.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

NAME = sa.String(255)
CODE = sa.String(32)
MOMENT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "party",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", CODE, nullable=False),
        sa.Column("salutation", CODE, nullable=False),
        sa.Column("given_name", NAME, nullable=False),
        sa.Column("surname_prefix", NAME, nullable=False),
        sa.Column("surname", NAME, nullable=False),
        sa.Column("business_name", NAME, nullable=False),
        sa.Column("street", NAME, nullable=False),
        sa.Column("house_number", CODE, nullable=False),
        sa.Column("postcode", CODE, nullable=False),
        sa.Column("city", NAME, nullable=False),
        sa.Column("created_at", MOMENT, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party")),
    )
    op.create_table(
        "phone_number",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("e164", sa.String(16), nullable=False),
        sa.Column("label", CODE, nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"],
            ["party.id"],
            name=op.f("fk_phone_number_party_id_party"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phone_number")),
        sa.UniqueConstraint("party_id", "e164", name=op.f("uq_phone_number_party_id_e164")),
    )
    op.create_index(op.f("ix_phone_number_e164"), "phone_number", ["e164"])
    op.create_table(
        "call",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", NAME, nullable=False),
        sa.Column("number", NAME, nullable=False),
        sa.Column("display_name", NAME, nullable=False),
        sa.Column("withheld", sa.Boolean(), nullable=False),
        sa.Column("started_at", MOMENT, nullable=False),
        sa.Column("answered", sa.Boolean(), nullable=False),
        sa.Column("rings", sa.Integer(), nullable=False),
        sa.Column("answer_delay", sa.Float(), nullable=True),
        sa.Column("talk_seconds", sa.Float(), nullable=True),
        sa.Column("hold_seconds", sa.Float(), nullable=False),
        sa.Column("end_reason", CODE, nullable=False),
        sa.Column("agent", NAME, nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["party_id"],
            ["party.id"],
            name=op.f("fk_call_party_id_party"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call")),
        sa.UniqueConstraint("call_id", name=op.f("uq_call_call_id")),
    )
    op.create_index(op.f("ix_call_started_at"), "call", ["started_at"])
    op.create_index(op.f("ix_call_party_id"), "call", ["party_id"])
    op.create_table(
        "registration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", NAME, nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=True),
        sa.Column("subject", NAME, nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("outcome", CODE, nullable=True),
        sa.Column("resolved_directly", sa.Boolean(), nullable=True),
        sa.Column("created_at", MOMENT, nullable=False),
        sa.Column("updated_at", MOMENT, nullable=False),
        sa.ForeignKeyConstraint(
            ["call_id"],
            ["call.call_id"],
            name=op.f("fk_registration_call_id_call"),
        ),
        sa.ForeignKeyConstraint(
            ["party_id"],
            ["party.id"],
            name=op.f("fk_registration_party_id_party"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registration")),
        sa.UniqueConstraint("call_id", name=op.f("uq_registration_call_id")),
    )
    op.create_index(op.f("ix_registration_party_id"), "registration", ["party_id"])


def downgrade() -> None:
    op.drop_table("registration")
    op.drop_table("call")
    op.drop_table("phone_number")
    op.drop_table("party")
