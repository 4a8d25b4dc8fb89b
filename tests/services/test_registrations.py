"""The registration's life at the service level: opened by the answer,
saved as the agent types, after-call work timed by the clock, closed with
its required fields, counted only without personal data, and reopened
after a restart. No Qt, no event loop: the desk on the simulated line."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from kccdesk.core.draft import Entry, Missing
from kccdesk.core.registration import Outcome
from kccdesk.outbox import store as outbox_store
from kccdesk.services.registrations import Registrations, Status
from kccdesk.store.calls import get_call
from kccdesk.store.drafts import open_drafts
from kccdesk.store.registrations import get_registration
from tests.services.conftest import Stack, build_stack

QUESTION = "Wanneer wordt het grofvuil opgehaald?"


def filled(outcome: Outcome = Outcome.RESOLVED) -> Entry:
    return Entry(subject="Grofvuil", question=QUESTION, answer="Op afspraak.", outcome=outcome)


def test_answering_opens_the_calls_registration_with_its_facts_and_the_caller(stack: Stack) -> None:
    call_id = stack.answer(after=7.0)
    registrations = stack.registrations
    assert registrations.call_id == call_id
    assert registrations.notice.status is Status.OPENED
    facts = registrations.facts
    assert facts is not None
    assert (facts.caller_name, facts.rings, facts.answer_delay, facts.agent) == ("Anna de Vries", 2, 7.0, "Sanne")
    assert registrations.caller_id == stack.anna
    stack.scheduler.advance(0.05)
    assert [d.call_id for d in open_drafts(stack.db)] == [call_id]  # kept the moment the answer is on screen


def test_what_is_typed_is_saved_half_a_second_after_the_last_change(stack: Stack) -> None:
    stack.answer()
    stack.scheduler.advance(0.05)  # the registration is kept as it opened
    registrations = stack.registrations
    registrations.edit(Entry(question="Waar haal ik"))
    stack.scheduler.advance(0.3)
    registrations.edit(Entry(question="Waar haal ik een vergunning?"))
    stack.scheduler.advance(0.3)
    assert [d.registration.question for d in open_drafts(stack.db)] == [""]  # still typing
    assert registrations.unsaved
    stack.scheduler.advance(0.3)
    assert [d.registration.question for d in open_drafts(stack.db)] == ["Waar haal ik een vergunning?"]
    assert not registrations.unsaved


def test_after_call_work_is_timed_by_the_clock_from_the_hang_up(stack: Stack) -> None:
    call_id = stack.answer()
    stack.registrations.edit(filled())
    stack.clock.advance(60.0)
    stack.desk.hang_up()
    assert stack.registrations.notice.status is Status.AFTER_CALL
    stack.clock.advance(42.0)
    assert stack.registrations.after_call_seconds() == 42.0
    stack.registrations.close()
    registration = get_registration(stack.db, call_id)
    assert registration is not None and registration.after_call_seconds == 42.0
    assert stack.registrations.notice.status is Status.CLOSED
    assert open_drafts(stack.db) == []
    assert outbox_store.counts(stack.db)["pending"] == 1  # on its way to the registration system


def test_closing_names_what_is_missing_and_waits_for_the_end_of_the_call(stack: Stack) -> None:
    call_id = stack.answer()
    registrations = stack.registrations
    registrations.close()
    assert registrations.problem.missing == (Missing.SUBJECT, Missing.QUESTION, Missing.OUTCOME)
    registrations.edit(filled(Outcome.REFERRAL))
    registrations.close()
    assert registrations.problem.missing == (Missing.DETAIL,)  # which organisation
    registrations.set_outcome(Outcome.REFERRAL, "Afvalbedrijf Voorbeeldstad")
    registrations.close()
    assert registrations.notice.status is Status.COMPLETE  # complete, but the call goes on
    assert get_registration(stack.db, call_id) is None
    stack.desk.hang_up()
    registrations.close()
    registration = get_registration(stack.db, call_id)
    assert registration is not None and registration.outcome_detail == "Afvalbedrijf Voorbeeldstad"


def test_count_only_keeps_no_personal_data_and_sends_nothing(stack: Stack) -> None:
    call_id = stack.answer()
    stack.registrations.edit(Entry(subject="Openingstijden", question="Hoe laat gaat het stadhuis open?"))
    stack.registrations.count_only()  # during the call: counted when it ends
    assert stack.registrations.notice.status is Status.COUNTED
    assert stack.registrations.facts is None
    stack.desk.hang_up()
    call = get_call(stack.db, call_id)
    registration = get_registration(stack.db, call_id)
    assert call is not None and (call.number, call.display_name) == ("", "")
    assert registration is not None and registration.count_only and registration.caller_id is None
    assert (registration.question, registration.answer) == ("", "")
    assert outbox_store.counts(stack.db)["pending"] == 0


def test_a_callback_request_proposes_the_number_the_question_and_the_next_working_day(stack: Stack) -> None:
    stack.clock.advance(3 * 24 * 3600)  # Thursday: the next working day is Friday
    stack.answer()
    registrations = stack.registrations
    registrations.edit(Entry(question=QUESTION))
    registrations.set_outcome(Outcome.CALLBACK_REQUEST, "Team Afval")
    entry = registrations.entry
    assert (entry.callback_number, entry.callback_note) == ("06 12345678", QUESTION)
    assert entry.callback_due is not None and entry.callback_due.replace(tzinfo=None) == datetime(2026, 11, 27, 17)
    registrations.edit(replace(entry, callback_number="0201234567"))
    registrations.set_outcome(Outcome.CALLBACK_REQUEST, "Team Wmo")
    assert registrations.entry.callback_number == "0201234567"  # what the agent typed stays


def test_a_withheld_caller_gets_no_number_proposed(stack: Stack) -> None:
    stack.ring("anonymous", withheld=True)
    stack.desk.answer()
    stack.registrations.set_outcome(Outcome.CALLBACK_REQUEST, "Team Afval")
    assert stack.registrations.entry.callback_number == ""
    stack.registrations.edit(replace(stack.registrations.entry, subject="Afval", question=QUESTION))
    stack.desk.hang_up()
    stack.registrations.close()
    assert stack.registrations.problem.missing == (Missing.CALLBACK_NUMBER,)


def test_an_open_registration_is_reopened_after_a_restart_with_its_after_call_time(stack: Stack) -> None:
    call_id = stack.answer()
    stack.registrations.edit(Entry(question=QUESTION))
    stack.desk.hang_up()
    stack.clock.advance(30.0)
    stack.registrations.keep()
    stack.screen_pop.shutdown()

    restarted = build_stack(stack.db).registrations  # a new start on the same database
    restarted.restore()
    assert restarted.call_id == call_id and restarted.notice.status is Status.REOPENED
    assert restarted.entry.question == QUESTION
    assert restarted.after_call_seconds() == 30.0  # and counting on from there


def test_a_second_call_keeps_the_first_registration_open(stack: Stack) -> None:
    first = stack.answer()
    stack.registrations.edit(Entry(question=QUESTION))
    stack.desk.hang_up()
    second = stack.answer("0698765432")
    assert stack.registrations.call_id == second
    stack.scheduler.advance(0.05)
    assert [d.call_id for d in open_drafts(stack.db)] == [first, second]
    stack.desk.hang_up()
    listed = stack.registrations.open_list()
    assert listed is not None and [d.call_id for d in listed] == [first, second]
    stack.registrations.reopen(listed[0])
    assert stack.registrations.entry.question == QUESTION


def test_the_open_registrations_wait_while_a_call_is_on_the_form(stack: Stack) -> None:
    stack.answer()
    assert stack.registrations.open_list() is None
    assert stack.registrations.notice.status is Status.FINISH_CALL_FIRST


def test_a_registrations_service_without_a_call_holds_nothing(stack: Stack) -> None:
    registrations: Registrations = stack.registrations
    registrations.edit(filled())
    registrations.close()
    assert (registrations.facts, registrations.entry, registrations.notice.status) == (None, Entry(), Status.WAITING)
