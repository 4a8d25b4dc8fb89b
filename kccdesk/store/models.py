"""The tables of the records store (SQLAlchemy 2 declarative mapping).

The schema itself is made and changed only by the migrations in
``kccdesk/store/migrations``; a change here needs a new revision there.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints, so that batch migrations on SQLite can find them again.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

NAME_LENGTH = 255  # names, numbers and other one-line text
CODE_LENGTH = 32  # enum values and codes


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware moment, stored as UTC; read back as UTC.

    SQLite keeps no offset, so every value is converted to UTC on the way in
    and marked as UTC on the way out. A naive datetime is refused: its meaning
    would depend on the computer that wrote it.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"a stored moment needs a time zone: {value.isoformat()}")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utc_now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class PartyRow(Base):
    __tablename__ = "party"
    # Added by revision 0002_records: the quick search's indexes.
    __table_args__ = (
        Index("ix_party_postcode_house_number", "postcode", "house_number"),
        Index("ix_party_surname", "surname"),
        Index("ix_party_business_name", "business_name"),
        Index("ix_party_birth_date", "birth_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(CODE_LENGTH))
    salutation: Mapped[str] = mapped_column(String(CODE_LENGTH), default="")
    given_name: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    surname_prefix: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    surname: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    business_name: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    street: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    house_number: Mapped[str] = mapped_column(String(CODE_LENGTH), default="")
    postcode: Mapped[str] = mapped_column(String(CODE_LENGTH), default="")
    city: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    # Added by revision 0002_records: the rest of a caller's record.
    birth_date: Mapped[date | None] = mapped_column(Date, default=None)
    bsn: Mapped[str] = mapped_column(String(CODE_LENGTH), default="")
    kvk: Mapped[str] = mapped_column(String(CODE_LENGTH), default="")
    email: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    # What an import knows a row by, so that importing a file again adds nothing.
    import_key: Mapped[str | None] = mapped_column(String(NAME_LENGTH), default=None, unique=True)

    numbers: Mapped[list[PhoneNumberRow]] = relationship(
        back_populates="party", cascade="all, delete-orphan", passive_deletes=True
    )


class PhoneNumberRow(Base):
    __tablename__ = "phone_number"
    __table_args__ = (UniqueConstraint("party_id", "e164"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"))
    e164: Mapped[str] = mapped_column(String(16), index=True)
    label: Mapped[str] = mapped_column(String(CODE_LENGTH), default="")

    party: Mapped[PartyRow] = relationship(back_populates="numbers")


class CallRow(Base):
    __tablename__ = "call"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)
    number: Mapped[str] = mapped_column(String(NAME_LENGTH))
    display_name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    withheld: Mapped[bool] = mapped_column(Boolean)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    answered: Mapped[bool] = mapped_column(Boolean)
    rings: Mapped[int] = mapped_column(Integer)
    answer_delay: Mapped[float | None] = mapped_column(Float)
    talk_seconds: Mapped[float | None] = mapped_column(Float)
    hold_seconds: Mapped[float] = mapped_column(Float)
    end_reason: Mapped[str] = mapped_column(String(CODE_LENGTH))
    agent: Mapped[str] = mapped_column(String(NAME_LENGTH))
    party_id: Mapped[int | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"), index=True)


class RegistrationRow(Base):
    __tablename__ = "registration"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[str] = mapped_column(ForeignKey("call.call_id"), unique=True)
    party_id: Mapped[int | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"), index=True)
    subject: Mapped[str] = mapped_column(String(NAME_LENGTH))
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(CODE_LENGTH))
    # From Outcome.handled_directly when saved, so statistics never guess.
    handled_directly: Mapped[bool | None] = mapped_column("resolved_directly", Boolean)  # the column's first name
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now)
    # Added by revision 0004_registration_details.
    subject_uri: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    outcome_detail: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    count_only: Mapped[bool] = mapped_column(Boolean, default=False)
    after_call_seconds: Mapped[float | None] = mapped_column(Float, default=None)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)  # None: still open
    # Added by revision 0009_registration_about: what the contact was about (answers, products, cases), JSON.
    about: Mapped[str] = mapped_column(Text, default="")


class ContactRow(Base):
    """An earlier contact that did not come in through this desk (imported,
    or kept by another system); calls with their registrations are the rest."""

    __tablename__ = "contact"
    __table_args__ = (Index("ix_contact_party_id_at", "party_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    subject: Mapped[str] = mapped_column(String(NAME_LENGTH))
    outcome: Mapped[str] = mapped_column(String(CODE_LENGTH), default="")
    agent: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")


class CallbackRequestRow(Base):
    __tablename__ = "callback_request"
    __table_args__ = (Index("ix_callback_request_party_id_status", "party_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    party_id: Mapped[int | None] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"))  # None: by number only
    for_whom: Mapped[str] = mapped_column(String(NAME_LENGTH))
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(CODE_LENGTH), default="open")
    due: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    call_id: Mapped[str | None] = mapped_column(String(NAME_LENGTH), default=None)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    # Added by revision 0006_callback_number: the number to call back (E.164).
    number: Mapped[str | None] = mapped_column(String(16), default=None, index=True)


class AccessLogRow(Base):
    """Who saw or searched which record, when and why (screen pop, search)."""

    __tablename__ = "access_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, index=True)
    agent: Mapped[str] = mapped_column(String(NAME_LENGTH))
    record: Mapped[str] = mapped_column(String(NAME_LENGTH), index=True)
    reason: Mapped[str] = mapped_column(String(CODE_LENGTH))
    call_id: Mapped[str | None] = mapped_column(String(NAME_LENGTH), default=None)


OUTBOX_PENDING = "pending"
OUTBOX_DELIVERED = "delivered"
OUTBOX_PARKED = "parked"
REFERENCE_LENGTH = 10  # klantcontact.referentienummer has maxLength 10


class OutboxRow(Base):
    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(REFERENCE_LENGTH), unique=True)
    sink: Mapped[str] = mapped_column(String(CODE_LENGTH), index=True)
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(CODE_LENGTH), index=True, default=OUTBOX_PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    last_error: Mapped[str] = mapped_column(Text, default="")
    remote_url: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class RegistrationDraftRow(Base):
    """A registration that is not closed yet, as the form holds it (JSON):
    kept from the first key until the agent closes it. Added by 0005_drafts."""

    __tablename__ = "registration_draft"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)
    data: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now)


class KnowledgeRow(Base):
    """An answer (VAC), product page or colleague, with its words as stems
    for the search (``kccdesk.knowledge.words``); SQLite searches them with
    FTS5 (the table ``knowledge_fts``), PostgreSQL with its full-text search
    (an index on them). Added by 0007_knowledge."""

    __tablename__ = "knowledge"
    __table_args__ = (UniqueConstraint("source", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(CODE_LENGTH))
    key: Mapped[str] = mapped_column(String(NAME_LENGTH))
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    keywords: Mapped[str] = mapped_column(Text, default="")  # separated by ";"
    department: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    link: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    role: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    valid_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    title_stems: Mapped[str] = mapped_column(Text, default="")  # space-separated
    keyword_stems: Mapped[str] = mapped_column(Text, default="")
    body_stems: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now)


class NewsRow(Base):
    """A news item or work instruction a supervisor published (kept when
    withdrawn, for the record). Added by 0008_news."""

    __tablename__ = "news"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(NAME_LENGTH))
    text: Mapped[str] = mapped_column(Text)
    important: Mapped[bool] = mapped_column(Boolean, default=False)
    starts: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    ends: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    teams: Mapped[str] = mapped_column(Text, default="")  # separated by ";"; "" for everyone
    author: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    published_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, index=True)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)


class NewsReadRow(Base):
    """Who read (or confirmed) which news item, and when. Added by 0008_news."""

    __tablename__ = "news_read"
    __table_args__ = (UniqueConstraint("news_id", "agent"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    news_id: Mapped[int] = mapped_column(ForeignKey("news.id", ondelete="CASCADE"))
    agent: Mapped[str] = mapped_column(String(NAME_LENGTH))
    read_at: Mapped[datetime] = mapped_column(UtcDateTime)
