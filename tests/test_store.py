"""The records store on real SQLite files: migrations, backups, repository."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select

from kccdesk.core.caller import Caller, CallerKind
from kccdesk.core.greeting import Salutation
from kccdesk.core.line import EndReason
from kccdesk.core.numbers import normalise
from kccdesk.core.registration import EndedCall, Outcome, Registration, SubjectObject
from kccdesk.store import Database, DatabaseError, open_database
from kccdesk.store.callers import add_caller, count_callers, find_records_by_number
from kccdesk.store.calls import recent_calls, save_call
from kccdesk.store.db import MIGRATIONS, SCHEMA_REVISION, backup_sqlite
from kccdesk.store.models import Base, RegistrationRow
from kccdesk.store.registrations import get_registration, save_registration

HEAD = "0011_knowledge_fts_prefix"
AMSTERDAM = timezone(timedelta(hours=2))

ANNA = Caller(
    id=None,
    kind=CallerKind.RESIDENT,
    salutation=Salutation.MEVROUW,
    given_name="Anna",
    surname_prefix="de",
    surname="Vries",
    street="Dorpsstraat",
    house_number="12",
    postcode="1234 AB",
    city="Voorbeeldstad",
)
PIETER = Caller(id=None, kind=CallerKind.RESIDENT, salutation=Salutation.MENEER, given_name="Pieter", surname="Vries")


def a_call(call_id: str = "call-1", **changes: object) -> EndedCall:
    record = EndedCall(
        call_id=call_id,
        number="0612345678",
        display_name="A. de Vries",
        withheld=False,
        started_at=datetime(2025, 5, 6, 9, 30, tzinfo=AMSTERDAM),
        answered=True,
        rings=2,
        answer_delay=7.5,
        talk_seconds=120.0,
        hold_seconds=0.0,
        end_reason=EndReason.AGENT_HUNG_UP,
        agent="Sanne",
    )
    return replace(record, **changes)


def a_registration(call_id: str = "call-1", outcome: Outcome | None = Outcome.RESOLVED) -> Registration:
    return Registration(
        call_id=call_id,
        caller_id=None,
        subject="Afval",
        question="Wanneer wordt het grofvuil opgehaald?",
        answer="Op afspraak, via de website.",
        outcome=outcome,
    )


def backups(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.bak"))


def run_sql(path: Path, *statements: str) -> list[tuple[object, ...]]:
    """Run statements on an SQLite file directly; the rows of the last one."""
    with closing(sqlite3.connect(path)) as connection, connection:
        rows = [connection.execute(statement).fetchall() for statement in statements]
    return rows[-1]


def revision_of(db: Database) -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


# -- opening and migrating ---------------------------------------------------


def test_a_new_database_gets_its_schema_from_the_migrations(db: Database, db_file: Path) -> None:
    assert db_file.is_file()  # the data folder was made
    assert revision_of(db) == HEAD
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000

        # The hand-written migration makes exactly the tables of models.py (and, on
        # SQLite, the knowledge search's FTS5 table and its own tables, not models).
        def ours(name: str | None, kind: str, _parent: object) -> bool:
            return not (kind == "table" and (name or "").startswith("knowledge_fts"))

        context = MigrationContext.configure(connection, opts={"include_name": ours})
        assert compare_metadata(context, Base.metadata) == []
    assert backups(db_file.parent) == []


def test_reopening_keeps_the_data_and_neither_migrates_nor_backs_up(
    db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = open_database(None, db_file)
    add_caller(first, ANNA, ["06-12345678"])
    first.close()
    upgrades: list[str] = []
    monkeypatch.setattr(command, "upgrade", lambda config, target: upgrades.append(target))

    again = open_database("", db_file)
    try:
        assert count_callers(again) == 1
    finally:
        again.close()
    assert upgrades == []
    assert backups(db_file.parent) == []


def test_the_revision_opened_without_alembic_is_the_newest_migration() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_REVISION == HEAD


def test_opening_a_current_database_does_not_load_alembic(db_file: Path) -> None:
    """The start is quick: a schema that is up to date costs one query, not
    the migration machinery."""
    open_database(None, db_file).close()
    probe = (
        "import sys\nfrom pathlib import Path\nfrom kccdesk.store import open_database\n"
        f"open_database(None, Path({str(db_file)!r})).close()\nprint('alembic' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "False"


def test_backup_includes_what_is_still_in_the_wal_file(tmp_path: Path) -> None:
    source, target = tmp_path / "old.sqlite3", tmp_path / "old.sqlite3.before-0001.bak"
    writer = sqlite3.connect(source)
    try:
        writer.execute("PRAGMA journal_mode=WAL")
        writer.execute("PRAGMA wal_autocheckpoint=0")
        writer.execute("CREATE TABLE note (text TEXT)")
        writer.execute("INSERT INTO note VALUES ('bel terug')")
        writer.commit()
        assert Path(f"{source}-wal").stat().st_size > 0  # not yet in the main file

        backup_sqlite(source, target)
    finally:
        writer.close()
    assert run_sql(target, "SELECT text FROM note") == [("bel terug",)]
    assert not target.with_name(target.name + ".part").exists()


def test_an_existing_backup_is_never_overwritten(tmp_path: Path) -> None:
    source, target = tmp_path / "db.sqlite3", tmp_path / "db.sqlite3.before-0001.bak"
    run_sql(source, "CREATE TABLE note (text TEXT)")
    target.write_bytes(b"the first copy")

    backup_sqlite(source, target)

    assert target.read_bytes() == b"the first copy"


def test_a_database_with_data_at_an_older_revision_is_copied_before_the_upgrade(db_file: Path) -> None:
    db_file.parent.mkdir(parents=True)
    run_sql(  # tables with data, but no alembic revision yet
        db_file, "CREATE TABLE note (text TEXT)", "INSERT INTO note VALUES ('van voor de upgrade')"
    )

    db = open_database(None, db_file)
    try:
        assert revision_of(db) == HEAD
        assert count_callers(db) == 0
    finally:
        db.close()
    backup = db_file.with_name(f"{db_file.name}.before-{HEAD}.bak")
    assert backups(db_file.parent) == [backup]
    assert run_sql(backup, "SELECT text FROM note") == [("van voor de upgrade",)]
    tables = run_sql(backup, "SELECT name FROM sqlite_master WHERE type = 'table'")
    assert tables == [("note",)]  # the copy is the database as it was


def test_a_database_from_a_newer_kccdesk_is_refused(db_file: Path) -> None:
    open_database(None, db_file).close()
    run_sql(db_file, "UPDATE alembic_version SET version_num = '9999_future'")

    with pytest.raises(DatabaseError, match="made by a newer kccdesk") as error:
        open_database(None, db_file)

    assert str(db_file) in str(error.value)
    assert backups(db_file.parent) == []
    assert run_sql(db_file, "SELECT version_num FROM alembic_version") == [("9999_future",)]


def test_a_file_that_cannot_be_opened_is_named_in_the_error(tmp_path: Path) -> None:
    folder = tmp_path / "kccdesk.sqlite3"
    folder.mkdir()  # a folder where the database file should be

    with pytest.raises(DatabaseError, match="cannot be opened") as error:
        open_database(None, folder)

    assert str(folder) in str(error.value)


def test_an_unreachable_url_is_named_without_its_password(tmp_path: Path) -> None:
    url = "postgresql://kcc:s3cr3t-wachtwoord@127.0.0.1:1/kccdesk"

    with pytest.raises(DatabaseError) as error:
        open_database(url, tmp_path / "unused.sqlite3")

    assert "127.0.0.1:1/kccdesk" in str(error.value)
    assert "s3cr3t" not in str(error.value)
    assert not (tmp_path / "unused.sqlite3").exists()


# -- callers -----------------------------------------------------------------


def test_a_caller_is_found_by_its_number_however_it_is_written(db: Database) -> None:
    caller_id = add_caller(db, ANNA, ["06-12345678", "+31 6 1234 5678"])

    for written in ("06 12345678", "+31 6 1234 5678", "0031612345678", "tel:+31612345678"):
        e164 = normalise(written)
        assert e164 is not None
        assert [r.caller for r in find_records_by_number(db, e164)] == [replace(ANNA, id=caller_id)]
    assert find_records_by_number(db, "+31698765432") == []


def test_everyone_sharing_a_landline_is_found_in_the_order_stored(db: Database) -> None:
    anna = add_caller(db, ANNA, ["020-1234567", "06 12345678"])
    pieter = add_caller(db, PIETER, ["+31 20 123 4567"])

    found = [r.caller for r in find_records_by_number(db, "+31201234567")]

    assert [caller.id for caller in found] == [anna, pieter]
    assert [caller.addressed_name for caller in found] == ["mevrouw De Vries", "meneer Vries"]
    assert count_callers(db) == 2


def test_a_caller_with_a_number_that_is_no_number_is_not_stored(db: Database) -> None:
    with pytest.raises(ValueError, match="not a phone number"):
        add_caller(db, ANNA, ["06 12345678", "onbekend"])

    assert count_callers(db) == 0
    assert find_records_by_number(db, "+31612345678") == []


# -- calls -------------------------------------------------------------------


def test_saving_a_call_again_updates_it(db: Database) -> None:
    caller_id = add_caller(db, ANNA, ["06 12345678"])
    save_call(db, a_call(talk_seconds=None, answered=False), None)
    final = a_call(talk_seconds=95.0)

    save_call(db, final, caller_id)

    calls = recent_calls(db)
    assert calls == [final]
    assert calls[0].started_at.tzinfo == UTC
    assert calls[0].started_at == datetime(2025, 5, 6, 7, 30, tzinfo=UTC)


def test_recent_calls_come_newest_first(db: Database) -> None:
    start = datetime(2025, 5, 6, 9, 0, tzinfo=UTC)
    for minute, call_id in ((5, "b"), (0, "a"), (10, "c")):
        save_call(db, a_call(call_id, started_at=start + timedelta(minutes=minute)), None)

    assert [call.call_id for call in recent_calls(db)] == ["c", "b", "a"]
    assert [call.call_id for call in recent_calls(db, limit=2)] == ["c", "b"]


def test_a_hostile_display_name_is_stored_as_plain_text_cut_to_fit(db: Database) -> None:
    hostile = ("<script>alert(1)</script>'); DROP TABLE call; -- \"&amp; ☎ ") * 80
    assert len(hostile.encode()) > 4000

    save_call(db, a_call(display_name=hostile, number=hostile), None)

    [call] = recent_calls(db)
    assert call.display_name == hostile[:255]
    assert call.number == hostile[:255]


def test_a_call_time_without_time_zone_is_refused(db: Database) -> None:
    with pytest.raises(DatabaseError, match="needs a time zone"):
        save_call(db, a_call(started_at=datetime(2025, 5, 6, 9, 30)), None)

    assert recent_calls(db) == []


# -- registrations -----------------------------------------------------------


def test_a_registration_is_inserted_and_then_updated(db: Database) -> None:
    save_call(db, a_call(), None)
    save_registration(db, a_registration(outcome=None))
    assert get_registration(db, "call-1") == a_registration(outcome=None)

    final = replace(a_registration(outcome=Outcome.CALLBACK_REQUEST), answer="Collega belt morgen terug.")
    save_registration(db, final)

    assert get_registration(db, "call-1") == final
    with db.session() as session:
        assert len(session.scalars(select(RegistrationRow)).all()) == 1
    assert get_registration(db, "another-call") is None


def test_a_registration_keeps_its_details_and_when_it_was_closed(db: Database) -> None:
    save_call(db, a_call(), None)
    detailed = replace(
        a_registration(outcome=Outcome.REFERRAL),
        subject_uri="http://standaarden.overheid.nl/owms/terms/paspoort",
        outcome_detail="Belastingdienst",
        confidential=True,
        after_call_seconds=42.5,
        about=(SubjectObject("vac", "kccdesk", "vraag", "Wat kost een paspoort?", "Wat kost een paspoort?"),),
    )
    save_registration(db, detailed)
    with db.session() as session:
        assert session.scalar(select(RegistrationRow.closed_at)) is None

    closed = datetime(2025, 5, 6, 9, 40, tzinfo=UTC)
    save_registration(db, detailed, closed_at=closed)

    assert get_registration(db, "call-1") == detailed
    with db.session() as session:
        assert session.scalar(select(RegistrationRow.closed_at)) == closed


@pytest.mark.parametrize("outcome", [*Outcome, None])
def test_handled_directly_is_taken_from_the_outcome(db: Database, outcome: Outcome | None) -> None:
    save_call(db, a_call(), None)

    save_registration(db, a_registration(outcome=outcome))

    with db.session() as session:
        resolved = session.scalar(select(RegistrationRow.handled_directly))
    assert resolved == (outcome.handled_directly if outcome else None)


def test_a_registration_needs_its_call_stored_first(db: Database) -> None:
    with pytest.raises(ValueError, match="no call 'call-1' is stored"):
        save_registration(db, a_registration())

    assert get_registration(db, "call-1") is None
