"""Benchmark of the CSV import (run as a script, not collected as a test):

    python tests/bench/bench_import.py [--rows 1000000] [--repeat 1]

``kccdesk records import`` of an N-row file of residents into an empty
SQLite database, idle and with a second, CPU-bound process beside it; the
machine's load is printed with each. Goal: 1,000,000 rows <= 60 s in both.
Two anchors, measured in the same run under the same conditions:

- reading: Python's csv module merely reading the same file;
- storing: sqlite3's executemany of the same rows, already checked, into
  the same schema in the same chunks: what the import's inserts cost alone.
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import statistics
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kccdesk.records.csv_import import CHUNK, BadRow, import_csv, parse
from kccdesk.store import open_database
from kccdesk.store.db import SQLITE_PRAGMAS
from tests.bench.conditions import beside, conditions, load

GOAL_SECONDS = 60.0
GOAL_ROWS = 1_000_000


def write_file(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["name", "phone", "street", "house_number", "postcode", "city", "birth_date"])
        for i in range(rows):
            writer.writerow(
                [
                    f"Inwoner{i} van Proef",
                    f"06-2{i:07d}",
                    "Proefstraat",
                    str(1 + i % 200),
                    f"{1000 + i % 8999} AB",
                    "Voorbeeldstad",
                    f"{1930 + i % 90}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                ]
            )


def timed_import(folder: Path, path: Path) -> float:
    database = folder / "import.sqlite3"
    db = open_database(None, database)
    start = time.perf_counter()
    report = import_csv(db, path)
    seconds = time.perf_counter() - start
    db.close()
    assert not report.bad, report.bad[:3]
    for leftover in folder.glob("import.sqlite3*"):
        leftover.unlink()
    return seconds


def timed_reading(path: Path) -> float:
    start = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as fh:
        for _row in csv.reader(fh):
            pass
    return time.perf_counter() - start


def timed_storing(folder: Path, path: Path) -> float:
    """The same rows as the import stores them (checked beforehand, not
    timed), inserted with sqlite3 alone: the party rows with their ids, then
    their numbers, a transaction per chunk."""
    parties, numbers = [], []
    created = "2026-01-05 09:00:00.000000"
    for party_id, item in enumerate(parse(path.read_bytes()), 1):
        assert not isinstance(item, BadRow)
        birth = item.birth_date.isoformat() if item.birth_date else None
        parties.append((*item[:14], birth, created, party_id))
        numbers.append([(party_id, e164, "") for e164 in item.numbers])
    database = folder / "anchor.sqlite3"
    open_database(None, database).close()  # the schema, with its indexes
    columns = "kind, salutation, given_name, surname_prefix, surname, business_name, street, house_number, "
    columns += "postcode, city, bsn, kvk, email, import_key, birth_date, created_at, id"
    with closing(sqlite3.connect(database, isolation_level=None)) as connection:
        for pragma in SQLITE_PRAGMAS:
            connection.execute(pragma)
        connection.execute("PRAGMA cache_size = -65536")
        start = time.perf_counter()
        for first in range(0, len(parties), CHUNK):
            connection.execute("BEGIN")
            connection.executemany(
                f"INSERT INTO party ({columns}) VALUES ({', '.join('?' * 17)})", parties[first : first + CHUNK]
            )
            connection.executemany(
                "INSERT INTO phone_number (party_id, e164, label) VALUES (?, ?, ?)",
                [number for each in numbers[first : first + CHUNK] for number in each],
            )
            connection.execute("COMMIT")
        seconds = time.perf_counter() - start
    for leftover in folder.glob("anchor.sqlite3*"):
        leftover.unlink()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=GOAL_ROWS)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each figure; the median is printed")
    args = parser.parse_args()
    goal = GOAL_SECONDS * args.rows / GOAL_ROWS
    with tempfile.TemporaryDirectory(prefix="kccdesk-bench-") as tmp:
        folder = Path(tmp)
        path = folder / "import.csv"
        write_file(path, args.rows)
        print(f"import of a {args.rows:,}-row CSV file ({path.stat().st_size / 1e6:.0f} MB)", flush=True)
        for condition, busy in conditions():
            with beside(busy):
                print(f"== {condition}: {load()}", flush=True)
                reading, storing, importing = [], [], []
                for _ in range(args.repeat):
                    reading.append(timed_reading(path))
                    storing.append(timed_storing(folder, path))
                    importing.append(timed_import(folder, path))
                seconds = statistics.median(importing)
                read, store = statistics.median(reading), statistics.median(storing)
                print(
                    f"  import: {seconds:.1f} s ({args.rows / seconds:,.0f} rows/s; goal <= {goal:.1f} s); "
                    f"{seconds / read:.1f}x reading the file with csv ({read:.1f} s), "
                    f"{seconds / store:.2f}x storing the checked rows with sqlite3 alone ({store:.1f} s)",
                    flush=True,
                )
                print(f"  runs: {', '.join(f'{s:.1f}' for s in importing)} s; after: {load()}", flush=True)


if __name__ == "__main__":
    main()
