"""Fault tests of the outbox against a local Klantinteracties API that
validates every request with the OpenAPI document: each ends with every
registration delivered exactly once, or parked with the server's reason."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from kccdesk.core.line import EndReason
from kccdesk.core.registration import EndedCall, Outcome, Registration
from kccdesk.outbox import store
from kccdesk.outbox.klantcontact import maak_klantcontact
from kccdesk.outbox.klantinteracties import KlantinteractiesSink
from kccdesk.outbox.worker import DeliveryWorker, backoff
from kccdesk.store import Database
from tests.support.klantinteracties_server import PREFIX, TOKEN, KlantinteractiesServer

SINK = "klantinteracties"
TOPIC = "http://standaarden.overheid.nl/owms/terms/afval"


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.01)


def a_payload(call_id: str, reference: str) -> dict[str, object]:
    record = EndedCall(
        call_id=call_id,
        number="0612345678",
        display_name="A. de Vries",
        withheld=False,
        started_at=datetime(2025, 5, 6, 9, 30, tzinfo=UTC),
        answered=True,
        rings=2,
        answer_delay=7.5,
        talk_seconds=120.0,
        hold_seconds=0.0,
        end_reason=EndReason.AGENT_HUNG_UP,
        agent="Sanne",
    )
    registration = Registration(
        call_id,
        None,
        "Afval",
        "Wanneer komt het grofvuil?",
        "Op afspraak, via de website.",
        Outcome.RESOLVED,
        subject_uri=TOPIC,
    )
    return maak_klantcontact(record, registration, reference)


def enqueue(db: Database, n: int) -> list[str]:
    refs = []
    for i in range(n):
        ref = store.new_reference()
        refs.append(store.enqueue(db, SINK, a_payload(f"call-{i}", ref), reference=ref))
    return refs


def worker(db: Database, api: KlantinteractiesServer, timeout: float = 5.0) -> DeliveryWorker:
    sink = KlantinteractiesSink(api.base_url, TOKEN, timeout=timeout)
    return DeliveryWorker(db, {SINK: sink}, idle=0.02, base_delay=0.01, max_delay=0.05, probe_base=0.02, probe_cap=0.1)


def delivered_exactly_once(db: Database, api: KlantinteractiesServer, refs: list[str]) -> None:
    assert store.counts(db)[store.DELIVERED] == len(refs)
    assert sorted(api.created) == sorted(refs)
    assert api.posts == len(refs)
    assert api.contract_errors == []  # requests and answers alike


def test_a_registration_becomes_one_valid_maak_klantcontact(db: Database, api: KlantinteractiesServer) -> None:
    refs = enqueue(db, 1)
    worker(db, api).drain_once()
    delivered_exactly_once(db, api, refs)
    contact = api.created[refs[0]]
    assert contact["kanaal"] == "telefoon"
    assert contact["hoofdOnderwerpType"] == TOPIC
    assert contact["metadata"]["rings"] == "2"


def probes(api: KlantinteractiesServer) -> int:
    return sum(1 for r in api.requests if r.startswith(f"GET {PREFIX}/klantcontacten?pageSize=1"))


def test_server_down_for_a_while_then_up(db: Database, api: KlantinteractiesServer) -> None:
    refs = enqueue(db, 5)
    api.mode = "down"
    w = worker(db, api)
    w.start()
    try:
        wait_until(lambda: probes(api) >= 3)
        assert store.counts(db)[store.PENDING] == 5
        assert len(api.requests) == 1 + probes(api)  # one delivery found it down; then only probes
        api.mode = "up"
        wait_until(lambda: store.counts(db)[store.DELIVERED] == 5)
    finally:
        w.stop()
    delivered_exactly_once(db, api, refs)


def test_after_an_outage_the_backlog_goes_within_10_s_and_no_storm_while_down(
    db: Database, api: KlantinteractiesServer
) -> None:
    """With the worker's own timing: the server is down until the probes have
    reached their cap (about 9 s), then answers again; every waiting
    registration must be delivered within 10 s, while the down time cost
    only probes."""
    refs = enqueue(db, 20)
    api.mode = "down"
    w = DeliveryWorker(db, {SINK: KlantinteractiesSink(api.base_url, TOKEN, timeout=5.0)})
    w.start()
    try:
        wait_until(lambda: probes(api) >= 4, timeout=20)  # 1 + 2 + 3 + 3 s: the probes at their cap
        while_down = len(api.requests)
        api.mode = "up"
        back = time.monotonic()
        wait_until(lambda: store.counts(db)[store.DELIVERED] == 20, timeout=15)
        delivered_after = time.monotonic() - back
    finally:
        w.stop()
    print(f"delivered {delivered_after:.1f} s after the server was back; {while_down} requests while it was down")
    assert delivered_after <= 10.0
    assert while_down == 1 + 4  # one delivery found it down, then only the probes: no storm
    delivered_exactly_once(db, api, refs)


def test_server_errors_are_retried(db: Database, api: KlantinteractiesServer) -> None:
    refs = enqueue(db, 3)
    api.mode = "error500"
    w = worker(db, api)
    w.drain_once()
    assert "HTTP 500" in store.undelivered(db)[0].last_error
    api.mode = "up"
    w.start()
    try:
        wait_until(lambda: store.counts(db)[store.DELIVERED] == 3)
    finally:
        w.stop()
    delivered_exactly_once(db, api, refs)


def test_a_hanging_server_times_out_and_is_retried(db: Database, api: KlantinteractiesServer) -> None:
    refs = enqueue(db, 1)
    api.mode = "hang"
    w = worker(db, api, timeout=0.3)
    w.drain_once()
    assert "Timeout" in store.undelivered(db)[0].last_error
    api.mode = "up"
    api.release.set()
    w.start()
    try:
        wait_until(lambda: store.counts(db)[store.DELIVERED] == 1)
    finally:
        w.stop()
    delivered_exactly_once(db, api, refs)


def test_a_refusal_is_parked_with_the_servers_message_and_can_be_retried(
    db: Database, api: KlantinteractiesServer
) -> None:
    refs = enqueue(db, 2)
    api.mode = "error400"
    w = worker(db, api)
    w.drain_once()
    assert store.counts(db) == {store.PENDING: 0, store.DELIVERED: 0, store.PARKED: 2}
    assert "Onderwerp is niet toegestaan." in store.undelivered(db)[0].last_error
    w.drain_once()
    assert api.posts == 0  # parked items are not retried by themselves
    api.mode = "up"
    assert store.retry_parked(db) == 2
    w.drain_once()
    delivered_exactly_once(db, api, refs)


def test_a_lost_answer_after_the_server_committed_makes_no_duplicate(db: Database, api: KlantinteractiesServer) -> None:
    refs = enqueue(db, 1)
    api.mode = "commit_then_close"
    w = worker(db, api)
    w.drain_once()
    assert store.counts(db)[store.PENDING] == 1
    api.mode = "up"
    w.start()
    try:
        wait_until(lambda: store.counts(db)[store.DELIVERED] == 1)
    finally:
        w.stop()
    delivered_exactly_once(db, api, refs)


def test_killed_after_the_server_committed_but_before_the_local_commit(
    db: Database, db_file: Path, api: KlantinteractiesServer
) -> None:
    refs = enqueue(db, 1)
    child = subprocess.run(
        [sys.executable, "-m", "tests.outbox.kill_after_commit", str(db_file), api.base_url, TOKEN],
        cwd=Path(__file__).parents[2],
        timeout=60,
    )
    assert child.returncode == -signal.SIGKILL
    assert api.posts == 1
    assert store.counts(db)[store.PENDING] == 1
    worker(db, api).drain_once()
    delivered_exactly_once(db, api, refs)


def test_backoff_grows_exponentially_up_to_a_cap_with_jitter() -> None:
    assert [backoff(n, rand=lambda: 1.0) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 8.0]
    assert backoff(30, cap=300.0, rand=lambda: 1.0) == 300.0
    assert backoff(3, rand=lambda: 0.25) == 1.0
