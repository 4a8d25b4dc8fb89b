"""A save that fails is shown to the agent, loses nothing, and is tried
again with the next change. The database goes away for real: its folder is
moved aside and the open connections are let go (the tests run as root on
CI, where a read-only file would still be writable)."""

from __future__ import annotations

import pytest

from kccdesk.config.paths import default_profile
from kccdesk.store.drafts import open_drafts
from tests.registration.conftest import type_in
from tests.support.demo_window import answer_call

pytestmark = pytest.mark.gui


def test_a_failed_save_is_shown_keeps_the_text_and_is_retried(qtbot, demo) -> None:
    window, clock, db = demo
    form = window.form
    answer_call(qtbot, window, clock)
    type_in(qtbot, form.question, "Waar kan ik")
    qtbot.waitUntil(lambda: [d.registration.question for d in open_drafts(db)] == ["Waar kan ik"])

    folder = default_profile().demo().data_dir
    away = folder.with_name("demo-away")
    db.close()
    folder.rename(away)
    try:
        qtbot.keyClicks(form.question, " mijn paspoort")
        qtbot.waitUntil(form.error.isVisible)
        assert form.error.text().startswith("Niet bewaard: kccdesk kan niet in de database schrijven")
        assert form.question.toPlainText() == "Waar kan ik mijn paspoort"  # nothing lost
    finally:
        away.rename(folder)
    qtbot.keyClicks(form.question, " ophalen?")
    qtbot.waitUntil(lambda: not form.error.isVisible())
    assert [d.registration.question for d in open_drafts(db)] == ["Waar kan ik mijn paspoort ophalen?"]
