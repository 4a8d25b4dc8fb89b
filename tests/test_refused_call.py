"""A call the line refused before it rang (encryption mandatory, the caller
cannot encrypt) is told in the status bar, in plain words."""

import pytest

from kccdesk.core.line import CallerId, CallRefused

pytestmark = pytest.mark.gui


def test_a_refused_unencrypted_call_is_told_with_the_reason(qtbot, demo):
    window, _clock, _db = demo
    window.desk.handle(CallRefused(CallerId("0612345678"), 1.0, 488, "Not Acceptable Here", unencrypted=True))
    assert window.statusBar().currentMessage() == (
        "Een gesprek van 0612345678 is geweigerd: het kon niet worden versleuteld, "
        "en versleutelde gesprekken zijn verplicht op deze lijn (sip.srtp)."
    )


def test_another_refusal_names_the_lines_answer(qtbot, demo):
    window, _clock, _db = demo
    window.desk.handle(CallRefused(CallerId("", withheld=True), 1.0, 486, "Busy Here"))
    assert window.statusBar().currentMessage() == (
        "Een gesprek van een afgeschermd nummer is geweigerd door de lijn (486 Busy Here)."
    )
