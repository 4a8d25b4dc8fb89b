"""The window in English, driven by keys: what the screen says about the call
script (phases, phase 3 branches, checklist, guidance, subjects) is English;
what the agent says to the caller stays Dutch."""

import re
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QComboBox, QInputDialog, QLabel

from kccdesk import resource_path
from kccdesk.config.paths import default_profile
from kccdesk.config.settings import save_settings
from kccdesk.content.script_library import ScriptLibrary
from kccdesk.core.phases import Phase
from kccdesk.demo.people import demo_settings
from tests.support.demo_window import headline, open_demo, press

pytestmark = pytest.mark.gui
CTRL, ALT, SHIFT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ShiftModifier,
)


def dutch_words_about_the_script() -> set[str]:
    """Every title, guidance, checklist item and subject of the shipped scripts, in Dutch."""
    library = ScriptLibrary([resource_path("scripts")], language="nl")
    script, subjects = library.main_script("standaard"), library.subjects()
    texts = set(subjects)
    for part in script.phases.values():
        texts |= {part.title, part.guidance, *(item.text for item in part.checklist)}
        for branch in part.branches.values():
            texts |= {branch.title, branch.guidance, *(item.text for item in branch.checklist)}
    for subject in subjects.values():
        texts |= {item.text for items in subject.checklist.values() for item in items}
    return {text for text in texts if text}


@pytest.fixture
def english(qtbot):
    profile = default_profile().demo()
    settings = demo_settings()
    workstation = settings.workstation.model_copy(update={"language": "en"})
    save_settings(profile.settings_file, settings.model_copy(update={"workstation": workstation}))
    window, _clock, workstation = open_demo(qtbot, datetime(2026, 11, 23, 10, 15))
    yield window
    workstation.db.close()


def shown_about_the_script(window) -> list[str]:
    """The visible words of the script panel and the menus, except what the agent says."""
    panel = window.script
    labels = [label.text() for label in panel.findChildren(QLabel) if label.isVisible() and label not in panel.prompts]
    return labels + [action.text() for action in window.findChildren(QAction)]


def test_the_english_screen_shows_the_script_in_english_and_the_prompts_in_dutch(qtbot, english):
    window = english
    dutch = dutch_words_about_the_script()
    press(qtbot, window, Qt.Key.Key_F6)  # a resident calls
    press(qtbot, window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: headline(window).startswith("In call"))
    press(qtbot, window, Qt.Key.Key_L, CTRL | SHIFT)  # trainee mode: the guidance and the whole checklist

    seen = []
    for _ in range(3):
        seen.append(shown_about_the_script(window))
        press(qtbot, window, Qt.Key.Key_Right, ALT)
    seen.append(shown_about_the_script(window))
    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5):
        press(qtbot, window, key, ALT)  # each phase 3 branch
        seen.append(shown_about_the_script(window))

    shown = " | ".join(text for texts in seen for text in texts)
    assert [text for text in sorted(dutch) if text in shown] == []
    assert "Phase 1: Opening" in seen[0] and "Phase 4: Closing" in seen[3]
    assert window.script.guidance.text() == (
        "Give the right information. The answer fits the question and is complete and correct. "
        "Sum up what you will do for the caller. Check that this meets what they expect. "
        "The caller need not call again with the same question. Choose below how you handle the question.\n"
        "Does the caller want to keep things in their own hands? Then ask them to send an e-mail."
    )
    assert window.script.checklist.text() == "☐  Ctrl+1  Answer checked with the caller"
    assert window.script.prompt_texts() == [
        "U kunt uw vraag ook per e-mail sturen. Dan houdt u zelf de regie.",
        "Ik geef u het e-mailadres van de gemeente.",
    ]


def test_the_english_screen_offers_the_subjects_in_english_and_the_agent_says_them_in_dutch(qtbot, english):
    window = english
    press(qtbot, window, Qt.Key.Key_F6)
    press(qtbot, window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: headline(window).startswith("In call"))
    press(qtbot, window, Qt.Key.Key_Right, ALT)  # analysis

    press(qtbot, window, Qt.Key.Key_O, CTRL | SHIFT)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QComboBox))
    combo = QApplication.focusWidget()
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Help in daily life",
        "Passport or identity card",
        "Waste and bulky waste",
    ]
    while combo.currentText() != "Passport or identity card":
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.findChild(QInputDialog, "subjectChooser") is None)

    assert "Ctrl+3 Kind of document and travel date known" in window.script.checklist.text()
    assert "Gaat het om een paspoort of om een identiteitskaart?" in window.script.prompt_texts()
    assert window.form.subject.text() == "paspoort"
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    press(qtbot, window, Qt.Key.Key_3, ALT)  # a callback request names the subject, in Dutch
    assert window.desk.current is not None and window.desk.current.phase is Phase.ACTION
    assert "Uw vraag over paspoort of identiteitskaart geef ik door aan de collega die u terugbelt." in (
        window.script.prompt_texts()
    )


def test_the_english_screen_asks_a_subjects_questions_in_english_and_they_travel_in_dutch(qtbot, english):
    """A callback request's questions are the municipality's, in Dutch, with
    their English beside them: the English screen shows that, and the
    answer goes to the colleague with the Dutch label and choice."""
    from tests.registration.conftest import ctrl, type_in
    from tests.registration.test_callback import choose

    window = english
    form, rows = window.form, window.form.callback_questions
    press(qtbot, window, Qt.Key.Key_F6)
    press(qtbot, window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: headline(window).startswith("In call"))
    type_in(qtbot, form.subject, "bezwaar")
    type_in(qtbot, form.question, "Hoe staat het met mijn bezwaar?")
    choose(qtbot, form.outcome, "Callback request")
    press(qtbot, window, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.detail, "Team Bezwaar")

    labels = [  # without their Alt-letters
        re.sub(r" \(&.\)|&", "", label.text()) for label in form.findChildren(QLabel) if label.buddy() in rows.fields()
    ]
    assert labels == ["Case number *", "What is the objection about? *", "Date of the letter"]
    case, about, day = rows.fields()
    assert (case.placeholderText(), day.placeholderText()) == ("In the letter about the objection", "dd-mm-yyyy")
    about.setFocus()
    qtbot.keyClick(about, Qt.Key.Key_Down)
    qtbot.keyClick(about, Qt.Key.Key_Down)
    assert about.currentText() == "Permit"
    assert window.services.registrations.entry.callback_answers == (("Waar gaat het bezwaar over?", "Vergunning"),)
    ctrl(qtbot, window, Qt.Key.Key_S)
    assert form.error.text() == "Fill in before closing: Case number."
    assert QApplication.focusWidget() is case  # the first one missing
