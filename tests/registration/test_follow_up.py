"""What follows the klantcontact in the Klantinteracties API happens once,
also when a step fails and the whole item is tried again."""

from __future__ import annotations

from datetime import UTC, datetime

from kccdesk.core.draft import CallbackDetails
from kccdesk.core.line import EndReason
from kccdesk.core.registration import EndedCall, Involved, Outcome, Registration, SubjectObject
from kccdesk.outbox import store
from kccdesk.outbox.klantcontact import maak_klantcontact, with_follow_up
from kccdesk.outbox.klantinteracties import KlantinteractiesSink
from kccdesk.outbox.worker import DeliveryWorker
from kccdesk.store import Database
from tests.outbox.test_delivery import a_payload
from tests.support.klantinteracties_server import TOKEN, KlantinteractiesServer

CALLBACK = CallbackDetails(
    "Team Wmo", True, "0612345678", "Hulp bij het huishouden", datetime(2026, 11, 24, 16, tzinfo=UTC)
)


def follow_up_payload(
    reference: str,
    outcome: Outcome,
    detail: str = "",
    callback: CallbackDetails | None = None,
    number: str = "",
    about: tuple[SubjectObject, ...] = (),
):
    record = EndedCall(
        "call-1",
        "0612345678",
        "",
        False,
        datetime(2026, 11, 23, 9, tzinfo=UTC),
        True,
        2,
        7.5,
        120.0,
        0.0,
        EndReason.AGENT_HUNG_UP,
        "Sanne",
    )
    registration = Registration(
        "call-1", None, "Wmo", "Hulp?", "Team belt terug.", outcome, outcome_detail=detail, about=about
    )
    involved = Involved(number=number)
    return with_follow_up(
        maak_klantcontact(record, registration, reference, involved), record, registration, callback, involved
    )


def deliver_all(db: Database, api: KlantinteractiesServer) -> None:
    worker = DeliveryWorker(
        db, {"klantinteracties": KlantinteractiesSink(api.base_url, TOKEN)}, base_delay=0.0, max_delay=0.0
    )
    for _attempt in range(5):
        worker.drain_once()


def test_a_warm_transfer_links_the_colleague_as_a_second_actor(db: Database, api: KlantinteractiesServer) -> None:
    ref = store.new_reference()
    store.enqueue(db, "klantinteracties", follow_up_payload(ref, Outcome.WARM_TRANSFER, "Pieter Bakker"), ref)
    deliver_all(db, api)
    assert api.contract_errors == []
    assert sorted(a["naam"] for a in api.actors) == ["Pieter Bakker", "Sanne"]
    assert len(api.actor_links) == 2
    assert "vervolg" not in api.created[ref]  # our own key never reaches the server


ANSWER_USED = SubjectObject("vac", "kccdesk", "vraag", "Wat is de Wmo?", "Wat is de Wmo?")
CASE = SubjectObject("zaak", "open-zaak", "identificatie", "ZAAK-2026-0042", "Aanvraag hulp bij het huishouden")


def test_what_the_contact_was_about_is_linked_once_each(db: Database, api: KlantinteractiesServer) -> None:
    """The first subject object goes in maak-klantcontact; the case follows it
    as an onderwerpobject of its own, also when the first attempt failed after it."""
    ref = store.new_reference()
    payload = follow_up_payload(ref, Outcome.CALLBACK_REQUEST, "Team Wmo", CALLBACK, about=(ANSWER_USED, CASE))
    store.enqueue(db, "klantinteracties", payload, ref)
    api.failing = {"internetaken"}  # after the onderwerpobjecten: the item is tried again
    deliver_all(db, api)
    assert store.counts(db)[store.DELIVERED] == 0
    api.failing = set()
    deliver_all(db, api)
    assert store.counts(db)[store.DELIVERED] == 1
    assert api.contract_errors == []
    contact = api.created[ref]
    linked = {(o["klantcontact"]["uuid"], o["onderwerpobjectidentificator"]["objectId"]) for o in api.subject_objects}
    assert len(api.subject_objects) == 2
    assert linked == {(contact["uuid"], "Wat is de Wmo?"), (contact["uuid"], "ZAAK-2026-0042")}
    [case] = [o for o in api.subject_objects if o["onderwerpobjectidentificator"]["codeObjecttype"] == "zaak"]
    assert case["onderwerpobjectidentificator"]["codeRegister"] == "open-zaak"


def test_a_failing_step_is_retried_without_duplicates(db: Database, api: KlantinteractiesServer) -> None:
    ref = store.new_reference()
    payload = follow_up_payload(ref, Outcome.CALLBACK_REQUEST, "Team Wmo", CALLBACK, number="+31612345678")
    store.enqueue(db, "klantinteracties", payload, ref)
    api.failing = {"digitaleadressen"}
    worker = DeliveryWorker(
        db, {"klantinteracties": KlantinteractiesSink(api.base_url, TOKEN)}, base_delay=0.0, max_delay=0.0
    )
    worker.drain_once()
    assert "HTTP 500" in store.undelivered(db)[0].last_error
    assert (api.posts, len(api.actor_links), len(api.internetaken), len(api.adressen)) == (1, 1, 1, 0)
    api.failing = set()
    worker.drain_once()
    assert store.counts(db)[store.DELIVERED] == 1
    assert (api.posts, len(api.actor_links), len(api.internetaken), len(api.adressen)) == (1, 1, 1, 1)
    assert sorted(a["naam"] for a in api.actors) == ["Sanne", "Team Wmo"]
    assert api.contract_errors == []


def test_a_plain_payload_still_delivers_as_before(db: Database, api: KlantinteractiesServer) -> None:
    ref = store.new_reference()
    store.enqueue(db, "klantinteracties", a_payload("call-9", ref), ref)
    deliver_all(db, api)
    assert (api.posts, api.actors, api.internetaken) == (1, [], [])
