"""The open registration in the core: required fields, the callback's due
time, and what a count keeps."""

from __future__ import annotations

from datetime import UTC, datetime

from kccdesk.core.draft import (
    CallbackDetails,
    CallFacts,
    Draft,
    Missing,
    counted_only,
    missing_fields,
    next_working_day,
)
from kccdesk.core.registration import Outcome, Registration, SubjectObject
from kccdesk.store.drafts import delete_draft, open_drafts, save_draft
from kccdesk.store.models import RegistrationDraftRow

FACTS = CallFacts(
    "c1",
    "0612345678",
    "A. de Vries",
    False,
    datetime(2026, 11, 27, 16, tzinfo=UTC),
    4.0,
    1,
    "Sanne",
    caller_name="Anna de Vries",
)


def draft(**changes: object) -> Draft:
    fields = {
        "call_id": "c1",
        "caller_id": 3,
        "subject": "afval",
        "question": "Wanneer?",
        "answer": "Morgen.",
        "outcome": Outcome.RESOLVED,
    }
    fields.update(changes)
    return Draft(FACTS, Registration(**fields))  # type: ignore[arg-type]


def test_a_complete_registration_misses_nothing() -> None:
    assert missing_fields(draft()) == []


def test_subject_question_and_outcome_are_required_in_the_forms_order() -> None:
    assert missing_fields(draft(subject=" ", question="", outcome=None)) == [
        Missing.SUBJECT,
        Missing.QUESTION,
        Missing.OUTCOME,
    ]


def test_transfer_callback_and_referral_need_their_detail() -> None:
    for outcome in (Outcome.WARM_TRANSFER, Outcome.REFERRAL):
        assert missing_fields(draft(outcome=outcome)) == [Missing.DETAIL]
    assert missing_fields(draft(outcome=Outcome.EMAIL_REQUEST)) == []


def test_a_callback_needs_a_number_to_call() -> None:
    due = datetime(2026, 11, 30, 17, tzinfo=UTC)
    without = Draft(
        FACTS,
        draft(outcome=Outcome.CALLBACK_REQUEST, outcome_detail="Team Wmo").registration,
        CallbackDetails("Team Wmo", True, "", "", due),
    )
    assert missing_fields(without) == [Missing.CALLBACK_NUMBER]


def test_the_next_working_day_skips_the_weekend() -> None:
    friday = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)
    assert next_working_day(friday) == datetime(2026, 11, 30, 17, 0, tzinfo=UTC)
    assert next_working_day(datetime(2026, 11, 23, 9, 0, tzinfo=UTC)) == datetime(2026, 11, 24, 17, 0, tzinfo=UTC)


ANSWER_USED = SubjectObject("vac", "kccdesk", "vraag", "Wanneer komt het grofvuil?", "Wanneer komt het grofvuil?")
CASE = SubjectObject("zaak", "open-zaak", "identificatie", "ZAAK-1", "Melding grofvuil")


def test_a_count_keeps_subject_and_times_but_no_personal_data() -> None:
    counted = counted_only(draft(confidential=True, after_call_seconds=12.0, about=(ANSWER_USED, CASE)))
    reg = counted.registration
    assert (reg.subject, reg.count_only, reg.after_call_seconds) == ("afval", True, 12.0)
    assert (reg.caller_id, reg.question, reg.answer) == (None, "", "")
    assert (counted.facts.number, counted.facts.display_name, counted.facts.caller_name) == ("", "", "")
    assert counted.facts.started_at == FACTS.started_at and counted.facts.rings == 1
    assert counted.registration.about == (ANSWER_USED,)  # the answer used, not the caller's case
    assert missing_fields(counted) == []
    assert missing_fields(counted_only(draft(subject=""))) == [Missing.SUBJECT]


def test_drafts_survive_the_database_and_an_unreadable_one_is_left_alone(db) -> None:
    callback = CallbackDetails("Team Wmo", True, "0612345678", "Bel terug", datetime(2026, 11, 30, 17, tzinfo=UTC))
    registration = draft(outcome=Outcome.CALLBACK_REQUEST, outcome_detail="Team Wmo", about=(CASE,)).registration
    kept = Draft(FACTS, registration, callback)
    save_draft(db, kept)
    with db.session() as session:
        session.add(RegistrationDraftRow(call_id="broken", data='{"facts": {}}'))
    assert open_drafts(db) == [kept]
    delete_draft(db, "c1")
    assert open_drafts(db) == []
    with db.session() as session:
        assert session.query(RegistrationDraftRow).count() == 1  # the unreadable one is still there
