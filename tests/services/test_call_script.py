"""The call script's rules at the service level: a phase 3 branch is the
registration's outcome, an organisation is named in full, and a colleague
who does not answer a warm transfer turns the call into a callback request
for that colleague. No Qt: the desk on the simulated line."""

from __future__ import annotations

from kccdesk.core.consultation import ConsultState
from kccdesk.core.phases import Phase
from kccdesk.core.registration import Outcome
from tests.services.conftest import Stack

BRANCHES = [Outcome.RESOLVED, Outcome.WARM_TRANSFER, Outcome.CALLBACK_REQUEST, Outcome.REFERRAL, Outcome.EMAIL_REQUEST]


def test_the_shipped_script_offers_the_five_outcomes_in_the_order_of_the_keys(stack: Stack) -> None:
    assert [b.outcome for b in stack.script.script.branches(Phase.ACTION)] == BRANCHES


def test_choosing_a_branch_moves_to_phase_3_and_sets_the_registrations_outcome(stack: Stack) -> None:
    stack.answer()
    assert stack.desk.current is not None and stack.desk.current.phase is Phase.OPENING
    stack.script.choose_branch(1)  # Alt+1: answered directly
    assert stack.desk.current.phase is Phase.ACTION
    assert stack.registrations.entry.outcome is Outcome.RESOLVED
    assert stack.script.details_asked == 0  # nobody to name


def test_a_transfer_asks_for_the_colleague_and_the_prompt_names_them(stack: Stack) -> None:
    stack.answer()
    stack.script.choose_branch(2)  # Alt+2: warm transfer
    assert stack.script.details_asked == 1  # the view puts the cursor in the colleague's field
    stack.script.edit_detail("Team Wmo")
    assert stack.registrations.entry.detail == "Team Wmo"
    assert stack.script.values()["colleague"] == "Team Wmo"


def test_a_referral_named_by_its_abbreviation_is_registered_by_its_full_name(stack: Stack) -> None:
    stack.answer()
    stack.script.choose_branch(4)  # Alt+4: referral
    stack.script.edit_detail("duo")
    assert stack.registrations.entry.detail == "Dienst Uitvoering Onderwijs"
    assert stack.script.values()["organisation"] == "de Dienst Uitvoering Onderwijs"
    assert stack.script.found().startswith("Dienst Uitvoering Onderwijs · ")


def test_an_absent_colleague_turns_the_transfer_into_a_callback_request_for_them(stack: Stack) -> None:
    stack.answer()
    stack.script.choose_branch(2)
    stack.script.edit_detail("Team Wmo")
    stack.line.colleague_answers = False
    assert stack.desk.start_warm_transfer("sip:wmo@pbx.example.nl")
    stack.scheduler.advance(2.0)  # the colleague's phone rings out
    assert stack.desk.consultation is not None and stack.desk.consultation.state is ConsultState.ABSENT
    entry = stack.registrations.entry
    assert (entry.outcome, entry.detail) == (Outcome.CALLBACK_REQUEST, "Team Wmo")
    assert entry.callback_number == "06 12345678"  # the callback request's own proposal follows
    checklist = stack.script.checklist()
    assert checklist is not None and checklist.branch is Outcome.CALLBACK_REQUEST


def test_a_colleague_who_answers_keeps_the_transfer(stack: Stack) -> None:
    stack.answer()
    stack.script.choose_branch(2)
    stack.script.edit_detail("Team Wmo")
    stack.desk.start_warm_transfer("sip:wmo@pbx.example.nl")
    stack.scheduler.advance(2.0)
    assert stack.desk.consultation is not None and stack.desk.consultation.state is ConsultState.TALKING
    assert stack.registrations.entry.outcome is Outcome.WARM_TRANSFER


def test_a_subject_script_adds_its_prompts_and_becomes_the_registrations_subject(stack: Stack) -> None:
    """On an English screen the subject is chosen by its English title; the
    agent still says it in Dutch, and the registration gets its UPL name."""
    stack.answer()
    title = "Passport or identity card"
    assert title in stack.script.subject_titles()
    stack.script.choose_subject(title)
    assert stack.registrations.entry.subject == "paspoort"  # its name in the UPL
    draft = stack.registrations.draft()
    assert draft is not None and draft.registration.subject_uri.endswith("/paspoort")
    checklist = stack.script.checklist()
    assert checklist is not None and checklist.subject == title
    assert stack.script.values()["subject"] == "paspoort of identiteitskaart"  # said within a sentence


def test_the_prompts_address_the_caller_from_the_screen_pop_and_greet_by_the_time(stack: Stack) -> None:
    stack.ring()
    values = stack.script.values()
    assert values["caller"] == "mevrouw De Vries"  # known before the agent answers
    assert (values["greeting"], values["municipality"], values["agent"]) == ("Goedemorgen", "Voorbeeldstad", "Sanne")


def test_each_call_has_its_own_checklist_and_it_goes_with_the_call(stack: Stack) -> None:
    call_id = stack.answer()
    stack.script.tick(1)
    checklist = stack.script.checklist()
    assert checklist is not None and len(checklist.ticked) == 1
    stack.desk.hang_up()
    assert call_id not in stack.script.checklists
