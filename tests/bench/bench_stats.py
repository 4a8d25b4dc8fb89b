"""Benchmark of the team's figures (run as a script, not collected as a test).

A month of a team of 40 agents: 100,000 calls (one in ten missed), each
answered call with a registration, in an SQLite file. Times ``kccdesk
stats``'s computation (the dashboard's too) for the month, overall and per
agent, subject and day. Goal: a month per agent in under 2 s, so that the
dashboard refreshes without a noticeable wait.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kccdesk import resource_path
from kccdesk.content.subjects import load_subjects
from kccdesk.core.registration import Outcome
from kccdesk.core.stats import GroupBy
from kccdesk.services.figures import TeamStats
from kccdesk.store import open_database
from kccdesk.store.models import CallRow, RegistrationRow

CALLS = 100_000
AGENTS = [f"Medewerker {n}" for n in range(40)]
SUBJECTS = ["crisisopvang", "afvalcontainer", "paspoort", "hoorhulpmiddel", "parkeervergunning"]
FIRST = date(2026, 11, 1)


def fill(db, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    start = datetime(2026, 11, 1, 8, tzinfo=UTC)
    calls, registrations = [], []
    for i in range(CALLS):
        answered = rng.random() > 0.1
        call_id = f"bench-{i}"
        calls.append(
            {
                "call_id": call_id,
                "number": "+31612345678",
                "display_name": "",
                "withheld": False,
                "started_at": start + timedelta(seconds=i * 26),
                "answered": answered,
                "rings": rng.randint(1, 6),
                "answer_delay": rng.uniform(1, 25) if answered else None,
                "talk_seconds": rng.uniform(30, 600) if answered else None,
                "hold_seconds": 0.0,
                "end_reason": "agent_hung_up" if answered else "caller_gave_up",
                "agent": rng.choice(AGENTS),
                "caller_id": None,
            }
        )
        if answered:
            outcome = rng.choice(list(Outcome))
            registrations.append(
                {
                    "call_id": call_id,
                    "caller_id": None,
                    "subject": rng.choice(SUBJECTS),
                    "question": "",
                    "answer": "",
                    "outcome": outcome.code,
                    "handled_directly": outcome.handled_directly,
                    "count_only": rng.random() < 0.05,
                    "after_call_seconds": rng.uniform(0, 120),
                    "created_at": start,
                    "updated_at": start,
                }
            )
    with db.session() as session:
        session.execute(CallRow.__table__.insert(), calls)
        session.execute(RegistrationRow.__table__.insert(), registrations)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(None, Path(folder) / "bench.sqlite3")
        fill(db, random.Random(7))
        stats = TeamStats(db, load_subjects(resource_path("subjects", "upl.csv")), 3)
        last = FIRST + timedelta(days=29)
        for by in (None, GroupBy.AGENT, GroupBy.SUBJECT, GroupBy.DAY):
            began = time.perf_counter()
            summary, _backlog = stats.figures(FIRST, last, by)
            seconds = time.perf_counter() - began
            name = by.value if by else "overall"
            print(f"{name:8} {summary.overall.calls:7} calls, {len(summary.groups):3} groups: {seconds:.2f} s")
        db.close()


if __name__ == "__main__":
    main()
