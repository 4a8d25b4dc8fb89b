"""The screen pop's lookup in the local store: number forms, several
matches, none, search, earlier contacts, callback requests, access log."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from kccdesk.core.caller import (
    AccessReason,
    CallbackRequest,
    Caller,
    CallerKind,
    EarlierContact,
    open_url,
)
from kccdesk.core.greeting import Salutation
from kccdesk.core.line import CallerId, EndReason
from kccdesk.core.lookup import RemoteState
from kccdesk.core.registration import EndedCall, Outcome, Registration
from kccdesk.services.callers import Callers
from kccdesk.store.access_log import access_log
from kccdesk.store.bulk import NewCaller, bulk_add_callers
from kccdesk.store.callbacks import add_callback_request
from kccdesk.store.callers import add_caller, add_contact, search_records
from kccdesk.store.calls import save_call
from kccdesk.store.registrations import save_registration

ANNA = Caller(
    None,
    CallerKind.RESIDENT,
    "Vries",
    "de",
    "Anna",
    Salutation.MEVROUW,
    street="Dorpsstraat",
    house_number="12",
    postcode="1234 AB",
    city="Voorbeeldstad",
)
KEES = Caller(
    None, CallerKind.RESIDENT, "Vries", "de", "Kees", Salutation.MENEER, postcode="1234 AB", house_number="12"
)


@pytest.fixture
def callers(db):
    return Callers(db, "Sanne", pbx_prefix="9")


@pytest.mark.parametrize(
    "number",
    [
        "06-12345678",
        "+31 6 1234 5678",
        "0031612345678",
        "tel:+31612345678",
        "sip:0612345678@pbx.example.org;user=phone",
        "906-12345678",  # the PBX's outside-line digit
    ],
)
def test_every_form_of_a_number_finds_the_resident(db, callers, number):
    add_caller(db, ANNA, ["0612345678"])
    lookup = callers.lookup(CallerId(number), AccessReason.SCREEN_POP, "call-1")
    assert lookup.e164 == "+31612345678"
    assert lookup.caller is not None and lookup.caller.addressed_name == "mevrouw De Vries"
    assert lookup.remote is RemoteState.NONE


def test_a_shared_landline_gives_a_choice_and_the_choice_sticks(db, callers):
    anna = add_caller(db, ANNA, ["020-1234567"])
    kees = add_caller(db, KEES, ["0201234567"])
    lookup = callers.lookup(CallerId("020 123 4567"), AccessReason.SCREEN_POP)
    assert [r.caller.given_name for r in lookup.records] == ["Anna", "Kees"]
    assert lookup.caller is None  # the agent has to choose
    chosen = lookup.with_record(lookup.records[1])  # the agent picks Kees
    assert chosen.caller is not None and chosen.caller.id == kees
    assert {e.record for e in access_log(db)} == {f"local:{anna}", f"local:{kees}"}


def test_an_unknown_number_and_a_withheld_one_find_nothing(db, callers):
    add_caller(db, ANNA, ["0612345678"])
    unknown = callers.lookup(CallerId("0698765432"), AccessReason.SCREEN_POP)
    assert unknown.e164 == "+31698765432" and unknown.records == () and unknown.caller is None
    withheld = callers.lookup(CallerId("anonymous", withheld=True), AccessReason.SCREEN_POP)
    assert withheld.e164 is None and withheld.records == ()
    assert access_log(db) == []  # nothing shown, nothing logged


def test_earlier_contacts_newest_first_and_open_callback_requests(db, callers):
    anna = add_caller(db, ANNA, ["0612345678"])
    add_contact(db, anna, EarlierContact(datetime(2026, 1, 5, 9, tzinfo=UTC), "Afval", "resolved", "Piet"))
    add_contact(db, anna, EarlierContact(datetime(2026, 3, 2, 9, tzinfo=UTC), "Wmo", "callback", "Sanne"))
    call = EndedCall(
        "call-0",
        "0612345678",
        "",
        False,
        datetime(2026, 2, 1, 10, tzinfo=UTC),
        True,
        2,
        6.0,
        60.0,
        0.0,
        EndReason.AGENT_HUNG_UP,
        "Ahmed",
    )
    save_call(db, call, anna)
    save_registration(db, Registration("call-0", anna, "Paspoort", "?", "!", Outcome.RESOLVED))
    add_callback_request(
        db, CallbackRequest(anna, "team Wmo", "Vraagt naar de traplift", due=datetime(2026, 3, 4, 12, tzinfo=UTC))
    )
    record = callers.lookup(CallerId("0612345678"), AccessReason.SCREEN_POP).record
    assert record is not None
    assert [(c.subject, c.agent) for c in record.contacts] == [
        ("Wmo", "Sanne"),
        ("Paspoort", "Ahmed"),
        ("Afval", "Piet"),
    ]
    [callback] = record.open_callbacks
    assert (callback.for_whom, callback.note) == ("team Wmo", "Vraagt naar de traplift")


def test_quick_search_by_name_postcode_and_birth_date_is_logged(db, callers):
    add_caller(db, ANNA, ["0612345678"])
    add_caller(db, KEES, ["0687654321"])
    assert [r.caller.given_name for r in search_records(db, name="vries")] == ["Anna", "Kees"]
    assert len(search_records(db, postcode="1234ab", house_number="12")) == 2
    assert search_records(db, postcode="1234ab", house_number="13") == []
    assert search_records(db) == []  # no criteria: never the whole register
    with db.session() as session:
        bulk_add_callers(
            session, [NewCaller(ANNA, ("+31611111111",), birth_date=date(1980, 4, 1), import_key="test:1")]
        )
    [born] = search_records(db, birth_date=date(1980, 4, 1))
    assert born.birth_date == date(1980, 4, 1)
    assert search_records(db, name="Kees", birth_date=date(1980, 4, 1)) == []
    results = search_records(db, name="Vries")
    callers.log_shown(results, AccessReason.SEARCH)
    entries = access_log(db)
    assert {(e.agent, e.reason) for e in entries} == {("Sanne", AccessReason.SEARCH)}
    assert len(entries) == 3


def test_open_in_system_fills_the_template(db, callers):
    add_caller(db, ANNA, ["0612345678"])
    record = callers.lookup(CallerId("0612345678"), AccessReason.SCREEN_POP).record
    assert open_url("https://zaak.example.org/zoek?telefoon={e164}", record, "+31612345678") == (
        "https://zaak.example.org/zoek?telefoon=%2B31612345678"
    )
    assert open_url("https://zaak.example.org/?bsn={bsn}", record, "+31612345678") is None  # no BSN known
    assert open_url("", record, "+31612345678") is None


def test_no_personal_data_in_the_application_log(db, callers, caplog):
    add_caller(db, ANNA, ["0612345678"])
    with caplog.at_level("DEBUG"):
        callers.lookup(CallerId("0612345678"), AccessReason.SCREEN_POP)
        callers.fetch_remote(callers.lookup(CallerId("0612345678"), AccessReason.SCREEN_POP))
    assert "Vries" not in caplog.text and "612345678" not in caplog.text


def test_the_local_store_can_be_left_out_of_the_screen_pop(db):
    add_caller(db, ANNA, ["0612345678"])
    remote_only = Callers(db, "Sanne", local=False)
    assert remote_only.lookup(CallerId("0612345678"), AccessReason.SCREEN_POP).records == ()


def test_a_callback_request_without_a_record_is_found_by_its_number_only(db):
    from kccdesk.store.callbacks import open_callbacks_for_number

    add_callback_request(db, CallbackRequest(None, "Team Parkeren", "vergunning", number="+31698765432"))
    with pytest.raises(ValueError, match="a stored caller or a number"):
        add_callback_request(db, CallbackRequest(None, "Team Parkeren"))

    [request] = open_callbacks_for_number(db, "+31698765432")
    assert (request.for_whom, request.caller_id, request.number) == ("Team Parkeren", None, "+31698765432")
    assert open_callbacks_for_number(db, "+31612345678") == ()
