"""Benchmark of the knowledge search (run as a script, not collected as a
test): ``python tests/bench/bench_knowledge.py [entries]`` (default
100,000 generated answers).

1. Import: the generated file (question, answer, keywords, department) into
   a new SQLite database, as ``kccdesk knowledge import`` does. Goal <= 10 s.
   Anchor: the file read by Python's csv module, and the same rows and
   search index stored by sqlite3 alone (the floor of any import).
2. Search as you type: the search panel (Qt's offscreen platform unless
   QT_QPA_PLATFORM says otherwise) on that database; each key of a set of
   searches typed letter by letter, from the key press to the paint of the
   results. Goal p99 <= 16 ms. Anchor: the same keys into the same panel
   with a search that finds nothing at once (the panel's own cost).
3. The same search on PostgreSQL (when the Debian package postgresql is
   installed), as the service answers it: the store's part, beside SQLite's.

Each figure is taken idle and with a second, CPU-bound process beside it;
the machine's load is printed with each, and how often the machine stopped
a running program.
"""

from __future__ import annotations

import contextlib
import csv
import os
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEvent, QObject
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kccdesk.core.clock import ManualClock
from kccdesk.core.knowledge import Source
from kccdesk.services.knowledge import Knowledge
from kccdesk.store import Database, open_database
from kccdesk.ui.knowledge_panel import KnowledgePanel
from tests.bench.conditions import beside, conditions, load, pauses

SEARCHES = (
    "paspoort kwijt", "verhuizing doorgeven", "afvalcontainer kapot", "parkeervergunning aanvragen",
    "huishoudelijke hulp", "bijstand", "kwijtschelding belasting", "grofvuil ophalen", "uittreksel brp",
    "omgevingsvergunning dakkapel", "rijbewijs verlengen", "geboorte aangeven",
)  # fmt: skip
SUBJECTS = (
    "paspoort", "identiteitskaart", "rijbewijs", "verhuizing", "afvalcontainer", "grofvuil", "parkeervergunning",
    "parkeerboete", "bijstand", "kwijtschelding", "huishoudelijke hulp", "scootmobiel", "uittreksel brp",
    "omgevingsvergunning", "dakkapel", "geboorte", "huwelijk", "lantaarnpaal", "stoeptegel", "hondenbelasting",
)  # fmt: skip
ACTIONS = ("aanvragen", "verlengen", "kwijt", "kapot", "doorgeven", "ophalen", "betalen", "opzeggen", "wijzigen")
WORDS = (
    "afspraak", "balie", "website", "DigiD", "werkdagen", "kosten", "pinpas", "formulier", "aanvraag", "gemeente",
    "wijkteam", "consulent", "beslissing", "bezwaar", "termijn", "brief", "adres", "kenteken", "foto", "bewijs",
    "inkomen", "vermogen", "container", "melding", "app", "route", "locatie", "openingstijden", "telefoon",
    "afdeling", "loket", "gegevens", "handtekening", "machtiging", "wachttijd",
)  # fmt: skip
DEPARTMENTS = ("Burgerzaken", "Afval en reiniging", "Parkeren", "Wmo en zorg", "Werk en inkomen", "Belastingen")


def generate(path: Path, entries: int) -> None:
    chance = random.Random(20261128)
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["vraag", "antwoord", "trefwoorden", "afdeling"])
        for number in range(entries):
            subject, action = chance.choice(SUBJECTS), chance.choice(ACTIONS)
            question = f"Hoe kan ik mijn {subject} {action}? (situatie {number})"
            answer = " ".join(chance.choice(WORDS) for _ in range(chance.randint(30, 90)))
            writer.writerow([question, f"{subject.capitalize()} {action}: {answer}.", f"{subject};{action}",
                             chance.choice(DEPARTMENTS)])  # fmt: skip


def bare_import(source: Path, imported: Path, target: Path) -> float:
    """The import's floor: the file read by Python's csv module, and the
    rows kccdesk stored (read back from ``imported``) and their search
    index stored into a new database by sqlite3 alone, in the same chunks."""
    with sqlite3.connect(imported) as done:
        tables = [sql for (sql,) in done.execute(
            "SELECT sql FROM sqlite_master WHERE name IN ('knowledge', 'knowledge_fts') ORDER BY name"
        )]  # fmt: skip
        settings = done.execute("SELECT k, v FROM knowledge_fts_config WHERE k != 'version'").fetchall()
        rows = done.execute("SELECT * FROM knowledge").fetchall()
    target.unlink(missing_ok=True)
    bare = sqlite3.connect(target, isolation_level=None)
    bare.execute("PRAGMA journal_mode=WAL")
    bare.execute("PRAGMA synchronous=NORMAL")
    for sql in tables:
        bare.execute(sql)
    for name, value in settings:  # the index's settings as kccdesk made them
        bare.execute("INSERT INTO knowledge_fts(knowledge_fts, rank) VALUES (?, ?)", (name, value))
    started = time.perf_counter()
    with source.open(newline="", encoding="utf-8") as file:
        sum(1 for _row in csv.reader(file))
    insert = f"INSERT INTO knowledge VALUES ({', '.join('?' * len(rows[0]))})"
    for start in range(0, len(rows), 2000):
        bare.execute("BEGIN")
        bare.executemany(insert, rows[start : start + 2000])
        bare.execute("COMMIT")
    bare.execute("INSERT INTO knowledge_fts(knowledge_fts) VALUES ('rebuild')")
    took = time.perf_counter() - started
    bare.close()
    return took


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class ResultsPainted(QObject):
    def __init__(self, panel: KnowledgePanel) -> None:
        super().__init__()
        self.at = 0.0
        panel.results.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.at:
            self.at = time.perf_counter()
        return False


def typing_times(app: QApplication, search: Callable[[str], list], rounds: int = 2) -> list[float]:
    """Key press -> the results list painted, for every key of every search."""
    panel = KnowledgePanel(search)
    panel.resize(600, 700)
    panel.show()
    painted = ResultsPainted(panel)
    times: list[float] = []
    for _round in range(rounds):
        for text in SEARCHES:
            panel.field.clear()
            app.processEvents()
            for letter in text:
                painted.at = 0.0
                start = time.perf_counter()
                QTest.keyClick(panel.field, letter)
                deadline = start + 5
                while not painted.at and time.perf_counter() < deadline:
                    app.processEvents()
                times.append((painted.at or time.perf_counter()) - start)
    panel.close()
    return times


def report(name: str, seconds: list[float], goal: str = "") -> None:
    ms = [s * 1000 for s in seconds]
    print(f"  {name}: p50 {percentile(ms, 0.5):.2f} ms, p99 {percentile(ms, 0.99):.2f} ms, "
          f"max {max(ms):.2f} ms (n={len(ms)}){goal}")  # fmt: skip


@contextlib.contextmanager
def postgres(folder: Path) -> Iterator[Database | None]:
    from tests.supervisor.postgres_server import PostgresServer, binaries

    found = binaries()
    if found is None:
        yield None
        return
    server = PostgresServer(found)
    server.start()
    db = open_database(server.url, folder / "unused.sqlite3")
    try:
        yield db
    finally:
        db.close()
        server.stop()


def main() -> None:
    entries = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    app = QApplication([])
    clock = ManualClock(datetime(2026, 11, 28, 10, 0).astimezone())
    with tempfile.TemporaryDirectory() as temp, postgres(Path(temp)) as shared:
        folder = Path(temp)
        source = folder / "vac.csv"
        generate(source, entries)
        print(f"knowledge: {entries:,} generated answers; {load()}")
        if shared is not None:
            started = time.perf_counter()
            Knowledge(shared, clock).import_file(source, Source.VAC)
            pg_import = time.perf_counter() - started
        for name, busy in conditions():
            with beside(busy):
                print(f"== {name}: {load()}; {pauses()}")
                db = open_database(None, folder / f"{'busy' if busy else 'idle'}.sqlite3")
                started = time.perf_counter()
                imported = Knowledge(db, clock).import_file(source, Source.VAC)
                took = time.perf_counter() - started
                print(f"  import into SQLite: {took:.1f} s for {imported.added:,} answers (goal <= 10 s)")
                floor = bare_import(source, folder / f"{'busy' if busy else 'idle'}.sqlite3", folder / "floor.sqlite3")
                print(f"  anchor: the file read by Python's csv module, the same rows and index stored by sqlite3 "
                      f"alone: {floor:.1f} s; ratio {took / floor:.2f}x")  # fmt: skip
                knowledge = Knowledge(db, clock)
                ours = typing_times(app, knowledge.search)
                anchor = typing_times(app, lambda text: [])
                report("key -> results painted, SQLite", ours, " (goal p99 <= 16 ms)")
                report("anchor: the same keys, a search that finds nothing", anchor)
                print(f"  ratio p99 to the anchor: {percentile(ours, 0.99) / percentile(anchor, 0.99):.2f}x")
                service = []
                for text in SEARCHES:
                    for end in range(1, len(text) + 1):
                        started = time.perf_counter()
                        knowledge.search(text[:end])
                        service.append(time.perf_counter() - started)
                report("the search alone (no window), SQLite", service)
                if shared is not None:
                    on_postgres = Knowledge(shared, clock)
                    times = []
                    for text in SEARCHES:
                        for end in range(1, len(text) + 1):
                            started = time.perf_counter()
                            on_postgres.search(text[:end])
                            times.append(time.perf_counter() - started)
                    report("the search alone (no window), PostgreSQL", times)
                db.close()
        if shared is not None:
            print(f"import into PostgreSQL (idle, once): {pg_import:.1f} s")
        else:
            print("PostgreSQL is not installed (Debian package postgresql): no figures for it")


if __name__ == "__main__":
    main()
