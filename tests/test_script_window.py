"""The call script in the window, driven by keys as an agent does: the
checklist, the phase 3 branch that sets the registration's outcome, the
organisation named in full, the name reminder and trainee mode."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kccdesk.core.registration import Outcome
from tests.support.demo_window import headline, press

pytestmark = pytest.mark.gui
CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def answered(qtbot, window):
    press(qtbot, window, Qt.Key.Key_F6)  # a resident calls
    press(qtbot, window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: headline(window).startswith("In gesprek"))


def test_ticking_the_checklist_by_keys(qtbot, demo):
    window, _clock, _db = demo
    answered(qtbot, window)
    checklist = window.script.checklist
    assert checklist.isVisible()
    assert checklist.text() == "Nog te doen: Ctrl+1 Openingszin gezegd · Ctrl+2 De naam van de beller is bekend"

    press(qtbot, window, Qt.Key.Key_1, CTRL)
    assert checklist.text() == "Nog te doen: Ctrl+2 De naam van de beller is bekend"
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    assert checklist.text() == "Alles gedaan ✓"
    press(qtbot, window, Qt.Key.Key_2, CTRL)  # a second press unticks
    assert "Ctrl+2" in checklist.text()


def test_trainee_mode_shows_the_why_and_every_item(qtbot, demo):
    window, _clock, _db = demo
    answered(qtbot, window)
    assert not window.script.guidance.isVisible()

    press(qtbot, window, Qt.Key.Key_L, CTRL | Qt.KeyboardModifier.ShiftModifier)

    assert window.script.guidance.isVisible()
    assert window.script.guidance.text().startswith("Je bent klaar voor het gesprek.")
    press(qtbot, window, Qt.Key.Key_1, CTRL)
    assert window.script.checklist.text().splitlines() == [
        "☑  Ctrl+1  Openingszin gezegd",
        "☐  Ctrl+2  De naam van de beller is bekend",
    ]


def test_trainee_mode_has_a_plain_dutch_name_in_the_menu(qtbot, demo):
    """ "Leermodus", not "Leerstand" (a word for empty buildings)."""
    from PySide6.QtGui import QAction, QKeySequence

    window, _clock, _db = demo
    toggle = next(a for a in window.findChildren(QAction) if a.shortcut() == QKeySequence("Ctrl+Shift+L"))
    assert toggle.text().replace("&", "") == "Leermodus aan / uit"


def test_a_branch_chosen_by_key_shows_its_words_and_sets_the_outcome(qtbot, demo):
    window, _clock, _db = demo
    answered(qtbot, window)
    script = window.script

    press(qtbot, window, Qt.Key.Key_3, ALT)  # Terugbelverzoek, from phase 1 straight to phase 3

    assert script.phase_title.text() == "Fase 3: Actie"
    assert window.form.outcome.currentData() is Outcome.CALLBACK_REQUEST
    assert QApplication.focusWidget() is script.branches.detail
    assert script.prompt_texts()[0] == (
        "Het spijt me mevrouw De Vries. Mijn collega is momenteel niet bereikbaar. "
        "Ik zorg ervoor dat u wordt teruggebeld."
    )
    qtbot.keyClicks(script.branches.detail, "Team Wmo")
    qtbot.waitUntil(lambda: script.prompt_texts()[0].startswith("Het spijt me mevrouw De Vries. Team Wmo is momenteel"))
    assert window.form.detail.text() == "Team Wmo"
    assert "Ctrl+2 Terugbelnummer gecontroleerd" in script.checklist.text()


def test_what_was_said_in_phase_3_stays_when_the_caller_hangs_up(qtbot, demo):
    window, _clock, _db = demo
    answered(qtbot, window)
    script = window.script
    press(qtbot, window, Qt.Key.Key_2, ALT)  # Warm doorverbinden
    qtbot.keyClicks(script.branches.detail, "Team Afval")
    said = script.prompt_texts()
    assert said[0] == "Ik verbind u door met Team Afval, een collega die u hierbij verder kan helpen."

    press(qtbot, window, Qt.Key.Key_F12)  # demo: the caller hangs up
    qtbot.waitUntil(lambda: headline(window).startswith("Gesprek beëindigd"))

    assert script.phase_title.text() == "Fase 3: Actie"
    assert script.prompt_texts() == said
    qtbot.waitUntil(lambda: all(label.isVisible() for label in script.prompts))
    assert script.hint.text() == "Het gesprek is beëindigd."
    assert window.form.outcome.currentData() is Outcome.WARM_TRANSFER


def test_a_referral_names_the_organisation_in_full(qtbot, demo):
    window, _clock, _db = demo
    answered(qtbot, window)
    script = window.script

    press(qtbot, window, Qt.Key.Key_4, ALT)  # Doorverwijzen
    qtbot.keyClicks(script.branches.detail, "duo")

    assert script.prompt_texts()[0] == "Voor deze vraag kunt u het beste terecht bij de Dienst Uitvoering Onderwijs."
    assert script.branches.found.text() == "Dienst Uitvoering Onderwijs · 050 599 77 55 · https://duo.nl"
    assert window.form.outcome.currentData() is Outcome.REFERRAL
    assert window.form.detail.text() == "Dienst Uitvoering Onderwijs"


def test_the_closing_reminds_the_agent_of_the_callers_name_until_ticked(qtbot, demo):
    window, _clock, _db = demo
    answered(qtbot, window)
    for _ in range(3):
        press(qtbot, window, Qt.Key.Key_Right, ALT)
    assert window.script.phase_title.text() == "Fase 4: Afsluiting"
    reminder = window.script.reminder
    assert reminder.isVisible() and reminder.text() == "Noem de naam van de beller: mevrouw De Vries"

    press(qtbot, window, Qt.Key.Key_2, CTRL)  # "Naam van de beller minstens één keer genoemd"

    assert not reminder.isVisible()


def test_the_subject_picked_in_the_analysis_adds_its_prompts_and_sets_the_registrations_subject(qtbot, demo):
    from PySide6.QtWidgets import QComboBox, QInputDialog

    window, _clock, _db = demo
    answered(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Right, ALT)  # Analyse

    press(qtbot, window, Qt.Key.Key_O, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.findChild(QInputDialog, "subjectChooser") is not None)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QComboBox))
    combo = QApplication.focusWidget()
    while combo.currentText() != "Paspoort of identiteitskaart":
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.findChild(QInputDialog, "subjectChooser") is None)

    assert "Gaat het om een paspoort of om een identiteitskaart?" in window.script.prompt_texts()
    assert window.form.subject.text() == "paspoort"
    assert "Soort document en reisdatum bekend" in window.script.checklist.text()
    window.activateWindow()  # back from the dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    press(qtbot, window, Qt.Key.Key_3, ALT)  # a callback request names the subject
    assert "Uw vraag over paspoort of identiteitskaart geef ik door aan de collega die u terugbelt." in (
        window.script.prompt_texts()
    )


@pytest.mark.parametrize(
    ("key", "detail", "outcome", "stored_detail"),
    [
        (Qt.Key.Key_1, "", Outcome.RESOLVED, ""),
        (Qt.Key.Key_2, "Team Burgerzaken", Outcome.WARM_TRANSFER, "Team Burgerzaken"),
        (Qt.Key.Key_3, "Team Wmo", Outcome.CALLBACK_REQUEST, "Team Wmo"),
        (Qt.Key.Key_4, "UWV", Outcome.REFERRAL, "Uitvoeringsinstituut Werknemersverzekeringen"),
        (Qt.Key.Key_5, "", Outcome.EMAIL_REQUEST, ""),
    ],
)
def test_a_call_walks_the_four_phases_and_its_branch_becomes_the_registrations_outcome(
    qtbot, demo, key, detail, outcome, stored_detail
):
    from kccdesk.store.calls import recent_calls
    from kccdesk.store.registrations import get_registration

    window, clock, db = demo
    answered(qtbot, window)
    script = window.script
    press(qtbot, window, Qt.Key.Key_1, CTRL)  # Openingszin gezegd
    press(qtbot, window, Qt.Key.Key_2, CTRL)  # De naam van de beller is bekend
    assert script.checklist.text() == "Alles gedaan ✓"
    press(qtbot, window, Qt.Key.Key_Right, ALT)
    assert script.phase_title.text() == "Fase 2: Analyse"
    press(qtbot, window, Qt.Key.Key_1, CTRL)
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    press(qtbot, window, Qt.Key.Key_Right, ALT)

    press(qtbot, window, key, ALT)
    if detail:
        qtbot.keyClicks(script.branches.detail, detail)
    press(qtbot, window, Qt.Key.Key_1, CTRL)  # Antwoord gecontroleerd bij de beller
    assert window.form.outcome.currentData() is outcome
    press(qtbot, window, Qt.Key.Key_Right, ALT)
    assert script.phase_title.text() == "Fase 4: Afsluiting"
    press(qtbot, window, Qt.Key.Key_2, CTRL)  # the caller's name said
    assert not script.reminder.isVisible()

    window.form.subject.setFocus()
    qtbot.keyClicks(window.form.subject, "paspoort")
    window.form.question.setFocus()
    qtbot.keyClicks(window.form.question, "Hoe vraag ik een paspoort aan?")
    clock.advance(60)
    press(qtbot, window, Qt.Key.Key_F4)  # hang up
    press(qtbot, window, Qt.Key.Key_S, CTRL)  # close the registration

    qtbot.waitUntil(lambda: not window.form.isEnabled())
    [call] = recent_calls(db)
    registration = get_registration(db, call.call_id)
    assert registration.outcome is outcome
    assert registration.outcome_detail == stored_detail


def test_a_script_changed_on_disk_is_picked_up_and_a_broken_one_keeps_the_last_good(qtbot, demo):
    from kccdesk import resource_path
    from kccdesk.config.paths import default_profile

    window, _clock, _db = demo
    own = default_profile().demo().config_dir / "scripts" / "standaard.toml"
    shipped = resource_path("scripts", "standaard.toml").read_text(encoding="utf-8")
    assert window.script.prompt_texts()[0] == "Goedemorgen, gemeente Voorbeeldstad."

    changed = shipped.replace("{greeting}, gemeente {municipality}.", "{greeting}, met de gemeente {municipality}.")
    own.write_text(changed, encoding="utf-8")
    qtbot.waitUntil(
        lambda: window.script.prompt_texts()[0] == "Goedemorgen, met de gemeente Voorbeeldstad.", timeout=5000
    )

    own.write_text(shipped.replace("[phases.closing]\n", "[phases.closing\n"), encoding="utf-8")
    qtbot.waitUntil(lambda: "standaard.toml" in window.statusBar().currentMessage(), timeout=5000)
    assert "blijft in gebruik" in window.statusBar().currentMessage()
    line = 1 + shipped[: shipped.index("[phases.closing]")].count("\n")
    assert f"at line {line}," in window.statusBar().currentMessage()  # where the file is broken
    assert window.script.prompt_texts()[0] == "Goedemorgen, met de gemeente Voorbeeldstad."


def test_each_phase_shows_exactly_its_own_prompts(qtbot, demo):
    """The prompt lines are kept from phase to phase (a new line would slow
    the screen pop): a phase with fewer prompts than the one before shows no
    line of the earlier one."""
    from PySide6.QtWidgets import QLabel

    window, _clock, _db = demo
    answered(qtbot, window)
    script = window.script

    def on_screen() -> list[str]:
        return [label.text() for label in script.findChildren(QLabel, "prompt") if label.isVisible()]

    seen = [on_screen()]
    assert seen[0] == ["Goedemorgen, gemeente Voorbeeldstad.", "Spreek ik met mevrouw De Vries?"]
    press(qtbot, window, Qt.Key.Key_Right, ALT)
    seen.append(on_screen())
    assert len(seen[1]) == 5 and seen[1][0] == "Wat kan ik voor u doen?"
    press(qtbot, window, Qt.Key.Key_Right, ALT)
    assert on_screen() == []  # the action phase asks for a branch first
    press(qtbot, window, Qt.Key.Key_1, ALT)  # Direct beantwoord
    assert on_screen() == ["Is dit wat u betreft akkoord?", "Voldoet dit aan uw verwachting?"]
    press(qtbot, window, Qt.Key.Key_Left, ALT)
    press(qtbot, window, Qt.Key.Key_Left, ALT)
    assert on_screen() == seen[0]
    assert script.prompt_texts() == seen[0]
