"""Opening the records store: engine, SQLite pragmas and migrations at start.

SQLite in the user's data folder by default, or any SQLAlchemy URL (a shared
PostgreSQL). Every start reads the schema's revision (one query); only when
it is not the newest does Alembic bring it there, in-process on the app's own
engine; an SQLite file with data is copied first, so a failed upgrade never
costs the records.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, inspect, make_url, text
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kccdesk.i18n import _

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = "kccdesk.store:migrations"
# The newest migration in migrations/versions (a test keeps the two the same):
# a database at this revision is opened without loading Alembic.
SCHEMA_REVISION = "0011_knowledge_fts_prefix"
WRITING_CACHE = 32 * 1024 * 1024  # bytes of the database a connection keeps in memory while writing much
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
    "PRAGMA synchronous=NORMAL",
)


class DatabaseError(Exception):
    """The database cannot be opened or used; the message says where and why."""


class Database:
    """The records store. Sessions are short: one per repository call."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def url(self) -> str:
        """Where the database is, fit to show: a URL's password is hidden."""
        return _location(self._engine.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits when the block succeeds and rolls back when
        it raises. Whatever the database refuses (it has gone away, is locked,
        is full) raises DatabaseError: no caller needs to know SQLAlchemy."""
        try:
            with self._sessions.begin() as session:
                yield session
        except SQLAlchemyError as exc:
            raise self._refused(exc) from exc

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection in a transaction, as ``session``, for statements made
        once and run often (the screen pop): no ORM on the way, some ten
        times less work per lookup."""
        try:
            with self._engine.begin() as connection:
                yield connection
        except SQLAlchemyError as exc:
            raise self._refused(exc) from exc

    @contextmanager
    def writing_much(self) -> Iterator[Connection]:
        """One connection, outside a transaction, for much writing in many
        short transactions (``with connection.begin():`` each), errors as
        ``session``'s. On SQLite what they write is copied from the
        write-ahead log into the database once at the end, not after every
        few transactions, and the connection keeps up to WRITING_CACHE of
        the database in memory (SQLite's own default: 2 MB) meanwhile: a
        large import takes some 10 % less time for the first, and stores
        its rows some 10 % quicker for the second."""
        try:
            with self._engine.connect() as connection:
                if connection.dialect.name != "sqlite":
                    yield connection
                    return
                every = connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar_one()
                cache = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
                connection.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
                connection.exec_driver_sql(f"PRAGMA cache_size=-{WRITING_CACHE // 1024}")  # in KiB
                connection.commit()
                try:
                    yield connection
                finally:
                    connection.rollback()  # what the caller left unfinished
                    connection.exec_driver_sql(f"PRAGMA cache_size={int(cache)}")
                    connection.exec_driver_sql(f"PRAGMA wal_autocheckpoint={int(every)}")
                    connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
                    connection.commit()
        except SQLAlchemyError as exc:
            raise self._refused(exc) from exc

    def _refused(self, exc: SQLAlchemyError) -> DatabaseError:
        reason = getattr(exc, "orig", None) or exc
        return DatabaseError(
            _("the database {location} cannot be used: {reason}").format(location=self.url, reason=reason)
        )

    def close(self) -> None:
        self._engine.dispose()


def open_database(url: str | None, sqlite_file: Path) -> Database:
    """Open (and create or migrate) the database at ``url``, or the SQLite
    file ``sqlite_file`` when no URL is set."""
    engine = _engine(url, sqlite_file)
    try:
        migrate(engine)
    except (SQLAlchemyError, OSError) as exc:
        engine.dispose()
        reason = getattr(exc, "orig", None) or exc
        raise DatabaseError(
            _("the database {location} cannot be opened: {reason}").format(
                location=_location(engine.url), reason=reason
            )
        ) from exc
    except DatabaseError:
        engine.dispose()
        raise
    return Database(engine)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision this program knows.

    Refuses a database made by a newer kccdesk; copies an SQLite file that
    holds tables before upgrading it.
    """
    if current_revision(engine) == SCHEMA_REVISION:
        return
    from alembic.util import CommandError

    try:
        _upgrade(engine)
    except CommandError as exc:
        raise DatabaseError(
            _("the database {location} cannot be opened: {reason}").format(location=_location(engine.url), reason=exc)
        ) from exc


def _upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = _alembic_config()
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        has_tables = bool(inspect(connection).get_table_names())
    if current == head:
        return
    known = {revision.revision for revision in script.walk_revisions()}
    if current is not None and current not in known:
        raise DatabaseError(
            _(
                "this database was made by a newer kccdesk (schema revision {current}; "
                "this kccdesk knows up to {head}): {location}. Update kccdesk to open it."
            ).format(current=current, head=head, location=_location(engine.url))
        )
    sqlite_file = _sqlite_file(engine.url)
    if sqlite_file is not None and has_tables:
        backup_sqlite(sqlite_file, sqlite_file.with_name(f"{sqlite_file.name}.before-{head}.bak"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def current_revision(engine: Engine) -> str | None:
    """The schema's revision as Alembic wrote it; None for a database without one."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def backup_sqlite(source: Path, target: Path) -> None:
    """Copy an SQLite database, including what is still in its WAL file.

    An existing copy is kept: after a failed upgrade it is the one that holds
    the records as they were.
    """
    if target.exists():
        return
    partial = target.with_name(target.name + ".part")
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(partial)) as dst:
        src.backup(dst)
    partial.replace(target)


def _engine(url: str | None, sqlite_file: Path) -> Engine:
    if url:
        try:
            parsed = make_url(url)
        except ArgumentError as exc:
            raise DatabaseError(_("the database setting is not a valid database URL")) from exc
    else:
        try:
            sqlite_file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(
                _("the folder for the database {path} cannot be made: {reason}").format(path=sqlite_file, reason=exc)
            ) from exc
        parsed = URL.create("sqlite", database=str(sqlite_file))
    try:
        engine = create_engine(parsed)
    except (SQLAlchemyError, ImportError) as exc:
        raise DatabaseError(
            _("the database {location} cannot be used: {reason}").format(location=_location(parsed), reason=exc)
        ) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    with closing(dbapi_connection.cursor()) as cursor:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    return config


def _sqlite_file(url: URL) -> Path | None:
    """The file of an SQLite database; None for any other database."""
    database = url.database
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    return Path(database)


def _location(url: URL) -> str:
    sqlite_file = _sqlite_file(url)
    return str(sqlite_file) if sqlite_file is not None else url.render_as_string(hide_password=True)
