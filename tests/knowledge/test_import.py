"""Importing knowledge from a file: bad rows reported with their line and
reason while the good ones go in; the same file twice adds nothing; a
changed answer replaces the old one; a file that cannot be used says why."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date

import pytest
from sqlalchemy import select

from kccdesk.core.clock import SystemClock
from kccdesk.knowledge.files import KnowledgeFileError, import_file
from kccdesk.services.knowledge import Knowledge
from kccdesk.store.models import KnowledgeRow

HEADER = "vraag,antwoord,trefwoorden,afdeling,link,geldig_tot\n"


def test_bad_rows_are_reported_and_the_good_ones_imported(db, tmp_path):
    path = tmp_path / "vac.csv"
    path.write_text(
        HEADER
        + "Hoe vraag ik een paspoort aan?,Maak een afspraak.,paspoort,Burgerzaken,,\n"  # line 2
        + "Wat kost een paspoort?,,paspoort,,,\n"  # 3: no answer
        + "Waar is het stadhuis?,Aan de Markt 1.,,,www.voorbeeldstad.nl,\n"  # 4: not an http(s) address
        + "Tot wanneer is dit geldig?,Tot eind december.,,,,31-12-2026\n"  # 5: not a date as asked
        + "hoe vraag ik  een PASPOORT aan?,Dubbel.,,,,\n"  # 6: the question of line 2 again
        + "Te veel?,Ja.,,,,,extra\n"  # 7: more values than columns
        + "\n"
        + "Wanneer wordt het afval opgehaald?,Kijk in de afvalkalender.,afval,Afval,https://www.voorbeeldstad.nl/afval,\n",
        encoding="utf-8",
    )
    report = import_file(db, path)
    assert report.added == 2
    assert [(bad.line, bad.reason) for bad in report.bad] == [
        (3, "the answer is missing"),
        (4, "the link www.voorbeeldstad.nl is not an http or https address"),
        (5, "the date 31-12-2026 is not like 2026-12-31"),
        (6, "the same as line 2"),
        (7, "more values than columns in the header"),
    ]


def test_a_file_larger_than_a_transaction_is_imported_whole_bad_rows_and_all(db, tmp_path, monkeypatch):
    """A file is read and stored a few hundred rows at a time (here three):
    every good row arrives, every bad one is reported by its line, and the
    next import of the same file knows them all."""
    import kccdesk.store.knowledge

    monkeypatch.setattr(kccdesk.store.knowledge, "_CHUNK", 3)
    rows = [f"Vraag {number} over afval?,Antwoord {number}.,afval,Afval,," for number in range(1, 12)]
    rows[4] = "Vraag zonder antwoord?,,afval,,,"  # line 6
    path = tmp_path / "vac.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    report = import_file(db, path)
    assert (report.added, [(bad.line, bad.reason) for bad in report.bad]) == (10, [(6, "the answer is missing")])
    knowledge = Knowledge(db, SystemClock())
    assert len(knowledge.search("afval ", limit=20)) == 10
    assert [hit.item.title for hit in knowledge.search("vraag 11 ")] == ["Vraag 11 over afval?"]
    again = import_file(db, path)
    assert (again.added, again.changed, again.unchanged) == (0, 0, 10)


def test_after_an_import_the_database_goes_on_keeping_its_log_short(db, tmp_path):
    """A large import leaves SQLite's write-ahead log to the end and keeps
    more of the database in memory; after it, every connection copies the
    log into the database as often as before (otherwise the log would grow
    with every call registered) and keeps as little in memory."""
    from sqlalchemy import text

    path = tmp_path / "vac.csv"
    path.write_text(HEADER + "Wat kost een paspoort?,Dat hangt af van uw leeftijd.,paspoort,,,\n", encoding="utf-8")
    connections = [db.engine.connect() for _ in range(2)]  # the pool then holds more than one
    for connection in connections:
        connection.close()
    assert import_file(db, path).added == 1
    for _ in range(3):
        with db.connect() as connection:
            assert connection.execute(text("PRAGMA wal_autocheckpoint")).scalar_one() == 1000
            assert connection.execute(text("PRAGMA cache_size")).scalar_one() == -2000  # its memory given back


def test_the_same_file_twice_adds_nothing_and_a_changed_answer_replaces_the_old(db, tmp_path):
    path = tmp_path / "vac.csv"
    path.write_text(HEADER + 'Wat kost een paspoort?,"€ 84,60.",paspoort,,,2099-12-31\n', encoding="utf-8")
    assert import_file(db, path).added == 1
    with db.session() as session:  # stored as the store's own types keep them
        row = session.scalars(select(KnowledgeRow)).one()
        assert (row.valid_until, row.updated_at.tzinfo) == (date(2099, 12, 31), UTC)
    again = import_file(db, path)
    assert (again.added, again.changed, again.unchanged) == (0, 0, 1)
    path.write_text(HEADER + 'Wat kost een paspoort?,"€ 84,60.",paspoort,,,\n', encoding="utf-8")
    assert import_file(db, path).changed == 1  # no end date any more
    path.write_text(HEADER + 'Wat kost een paspoort?,"€ 86,10 vanaf januari.",paspoort,,,\n', encoding="utf-8")
    changed = import_file(db, path)
    assert (changed.added, changed.changed) == (0, 1)
    knowledge = Knowledge(db, SystemClock())
    [hit] = knowledge.search("paspoort ")
    assert hit.item.body == "€ 86,10 vanaf januari."
    assert [found.item_id for found in knowledge.search("januari ")] == [hit.item_id]
    assert knowledge.search("84 ") == []  # the old answer's words are forgotten by the search too


def test_a_spreadsheets_semicolons_and_byte_order_mark_are_read(db, tmp_path):
    path = tmp_path / "vac.csv"
    text = 'vraag;antwoord;trefwoorden\nHoe meld ik een losse stoeptegel?;Via de website.;"straat;melding"\n'
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert import_file(db, path).added == 1
    [hit] = Knowledge(db, SystemClock()).search("melding ")
    assert hit.item.keywords == ("straat", "melding")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["unix", "windows", "old mac"])
def test_every_way_a_spreadsheet_ends_its_lines_is_read(db, tmp_path, newline):
    path = tmp_path / "vac.csv"
    rows = [
        "vraag;antwoord",
        'Waar is het stadhuis?;"Aan de Markt 1.' + newline + 'Open van 9 tot 17 uur."',
        "Wat kost het?;Niets.",
    ]
    path.write_bytes(newline.join(rows).encode() + newline.encode())
    report = import_file(db, path)
    assert (report.added, report.bad) == (2, [])
    [hit] = Knowledge(db, SystemClock()).search("stadhuis ")
    assert hit.item.body == f"Aan de Markt 1.{newline}Open van 9 tot 17 uur."


def test_a_row_that_is_not_utf8_is_reported_and_the_rest_imported(db, tmp_path):
    """A file saved by an old spreadsheet in Windows' own letters: the row
    with a letter that is no UTF-8 is named, nothing of it is stored."""
    path = tmp_path / "vac.csv"
    path.write_bytes(
        b"vraag,antwoord\n"
        + "Wat kost een paspoort?,Dat kost \u20ac 84.\n".encode("cp1252")
        + b"Waar is het stadhuis?,Aan de Markt 1.\n"
    )
    report = import_file(db, path)
    assert report.added == 1
    assert [(bad.line, bad.reason) for bad in report.bad] == [(2, "the row is not UTF-8 text (save the file as UTF-8)")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty: it needs a header row"),
        (b"question,answer\nA?,B.\n", "the header row lacks the column(s): vraag, antwoord"),
    ],
)
def test_a_file_that_cannot_be_used_says_why_and_imports_nothing(db, tmp_path, content, message):
    path = tmp_path / "vac.csv"
    path.write_bytes(content)
    with pytest.raises(KnowledgeFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        import_file(db, path)


def kccdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kccdesk", "knowledge", *args], capture_output=True, text=True, timeout=60,
        env=dict(os.environ),
    )  # fmt: skip


def test_the_command_imports_reports_bad_lines_and_searches_as_json(tmp_path):
    path = tmp_path / "vac.csv"
    path.write_text(
        HEADER
        + "Hoe vraag ik een paspoort aan?,Maak een afspraak bij Burgerzaken.,paspoort,Burgerzaken,,\n"
        + "Wat kost een paspoort?,,,,,\n"
        + "Ik ga op reis. Wat heb ik nodig?,Neem een geldig paspoort mee.,reizen,,,\n",
        encoding="utf-8",
    )
    imported = kccdesk("import", str(path))
    assert imported.returncode == 3  # bad rows were skipped
    assert "regel 3: het antwoord ontbreekt" in imported.stderr  # the command speaks Dutch
    assert "2 toegevoegd" in imported.stdout
    searched = kccdesk("search", "paspoorten", "--json")
    assert searched.returncode == 0, searched.stderr
    found = json.loads(searched.stdout)
    answers = [hit["vraag"] for hit in found if hit["source"] == "vac"]
    assert answers == ["Hoe vraag ik een paspoort aan?", "Ik ga op reis. Wat heb ik nodig?"]
    assert found[0]["source"] == "vac" and found[0]["answer"] == "Maak een afspraak bij Burgerzaken."
    assert ("product", "paspoort") in [(hit["source"], hit["title"]) for hit in found]  # the subject list's too
    listed = kccdesk("search", "paspoorten")
    assert listed.stdout.splitlines()[:2] == ["Antwoorden:", "  Hoe vraag ik een paspoort aan?"]


def test_an_import_that_stopped_before_the_search_index_was_rebuilt_is_made_whole_by_the_next(db, tmp_path):
    """A large import rebuilds the search's index at its end; stopped before
    that (the computer switched off), its items are stored but not found,
    until the next import sees the index is behind and rebuilds it."""
    from sqlalchemy import text

    from kccdesk.core.knowledge import KnowledgeItem, Source
    from kccdesk.knowledge.files import indexed
    from kccdesk.store.knowledge import _STORED, _values

    stopped = KnowledgeItem(Source.VAC, "waar is het stadhuis?", "Waar is het stadhuis?", "Aan de Markt 1.")
    with db.connect() as connection:  # stored as a chunk is, the rebuild never came
        values = {
            "source": "vac",
            "key": stopped.key,
            "updated_at": "2026-11-28 10:00:00",
            **dict(zip(_STORED, _values(stopped, indexed(stopped)), strict=True)),
        }
        connection.execute(
            text(f"INSERT INTO knowledge ({', '.join(values)}) VALUES ({', '.join(':' + name for name in values)})"),
            values,
        )
    knowledge = Knowledge(db, SystemClock())
    assert knowledge.search("stadhuis ") == []
    path = tmp_path / "vac.csv"
    path.write_text(HEADER + "Wat kost een paspoort?,Dat hangt af van uw leeftijd.,paspoort,,,\n", encoding="utf-8")
    assert import_file(db, path).added == 1
    assert [hit.item.title for hit in knowledge.search("stadhuis ")] == ["Waar is het stadhuis?"]
