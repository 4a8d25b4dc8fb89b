"""``kccdesk outbox``: a supervisor sees, retries and exports what is stuck."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kccdesk.cli import main
from kccdesk.config.paths import default_profile
from kccdesk.outbox import store
from kccdesk.store import open_database


@pytest.fixture
def profile_db():
    profile = default_profile()
    db = open_database(None, profile.database_file)
    yield db
    db.close()


def test_status_counts_and_names_the_parked_reason(profile_db, capsys) -> None:
    store.enqueue(profile_db, "klantinteracties", {"klantcontact": {}}, "AAAAAAAAAA")
    parked = store.enqueue(profile_db, "klantinteracties", {"klantcontact": {}}, "BBBBBBBBBB")
    [_, second] = store.due(profile_db, datetime.now(UTC))
    store.mark_parked(profile_db, second.id, "HTTP 400: onderwerp ontbreekt")
    assert main(["outbox", "status", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert (figures["pending"], figures["delivered"], figures["parked"]) == (1, 0, 1)
    [item] = figures["parked_items"]
    assert (item["reference"], item["sink"], item["reason"]) == (
        parked,
        "klantinteracties",
        "HTTP 400: onderwerp ontbreekt",
    )
    assert item["fix"].endswith("kccdesk outbox retry.")  # what a supervisor can do about it
    assert main(["outbox", "retry"]) == 0
    assert store.counts(profile_db)["pending"] == 2


def test_export_writes_everything_undelivered(profile_db, tmp_path: Path, capsys) -> None:
    store.enqueue(profile_db, "webhook", {"klantcontact": {"onderwerp": "Afval"}}, "CCCCCCCCCC")
    target = tmp_path / "outbox.json"
    assert main(["outbox", "export", str(target)]) == 0
    [item] = json.loads(target.read_text(encoding="utf-8"))
    assert item["reference"] == "CCCCCCCCCC"
    assert item["payload"]["klantcontact"]["onderwerp"] == "Afval"


def test_export_to_an_unwritable_place_says_so(profile_db, tmp_path: Path, capsys) -> None:
    assert main(["outbox", "export", str(tmp_path / "missing" / "outbox.json")]) == 1
    assert "Het bestand kan niet worden geschreven" in capsys.readouterr().err
