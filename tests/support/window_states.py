"""The states of the main window an agent meets, driven by keys as the agent
drives them: for tests that check something in every state (the Alt-letters,
the names of the controls, the contrast of what is shown).

``window_states`` walks a window through them and yields each state's name
when the window shows it. The callers come in on the window's own line, so
the same walk serves the demo window and a window on a real line (which has
no demo keys).
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kccdesk.core.clock import ManualClock
from kccdesk.core.phases import Phase
from kccdesk.core.session import CallState
from kccdesk.demo.people import DemoCallers
from kccdesk.ui.main_window import MainWindow
from tests.support.demo_window import press

CTRL, ALT, SHIFT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ShiftModifier,
)
BRANCHES = 5  # Alt+1 … Alt+5 in phase 3


def window_states(qtbot, window: MainWindow, clock: ManualClock) -> Iterator[str]:
    """Walk ``window`` through a day's states; yield the name of each."""
    line, callers = window.desk.line, DemoCallers()
    yield "idle"

    line.ring_in(callers.resident())
    _wait_for_state(qtbot, window, CallState.RINGING)
    yield "ringing"
    for ring, status in ((3, "last_ring"), (4, "over_norm")):
        clock.advance(5 * (ring - window.desk.current.ring(clock.monotonic())))
        qtbot.waitUntil(lambda status=status: window.ring.property("status") == status)
        yield f"ringing, ring {ring}"

    press(qtbot, window, Qt.Key.Key_F2)
    _wait_for_state(qtbot, window, CallState.TALKING)
    yield "in call, phase 1"
    press(qtbot, window, Qt.Key.Key_Right, ALT)
    yield "in call, phase 2"
    qtbot.keyClicks(window.form.subject, "zelf bedacht")  # not on the product list: the form says so
    press(qtbot, window, Qt.Key.Key_Right, ALT)
    assert window.desk.current.phase is Phase.ACTION
    yield "in call, phase 3"
    for number in range(1, BRANCHES + 1):
        press(qtbot, window, getattr(Qt.Key, f"Key_{number}"), ALT)
        yield f"in call, phase 3, branch {number}"
    press(qtbot, window, Qt.Key.Key_Right, ALT)
    yield "in call, phase 4"
    press(qtbot, window, Qt.Key.Key_L, CTRL | SHIFT)
    yield "in call, phase 4, trainee mode"
    press(qtbot, window, Qt.Key.Key_Left, ALT)
    yield "in call, phase 3, trainee mode"
    press(qtbot, window, Qt.Key.Key_L, CTRL | SHIFT)

    line.ring_in(callers.business())
    qtbot.waitUntil(window.other_calls.isVisible)
    yield "in call, a caller waiting"
    press(qtbot, window, Qt.Key.Key_F4, SHIFT)
    press(qtbot, window, Qt.Key.Key_F3)
    _wait_for_state(qtbot, window, CallState.ON_HOLD)
    yield "on hold"
    press(qtbot, window, Qt.Key.Key_F3)
    press(qtbot, window, Qt.Key.Key_F, CTRL)  # the quick search, for a known caller too
    qtbot.waitUntil(window.caller.search.isVisible)
    yield "in call, searching for the caller"

    press(qtbot, window, Qt.Key.Key_F4)
    _wait_for_state(qtbot, window, CallState.ENDED)
    yield "after-call work"
    window.form.question.clear()
    press(qtbot, window, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(window.form.error.isVisible)
    yield "after-call work, something missing"
    qtbot.keyClicks(window.form.question, "Wanneer komt het grofvuil?")
    press(qtbot, window, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not window.form.error.isVisible())
    yield "registration closed"

    line.ring_in(callers.unknown())
    _wait_for_state(qtbot, window, CallState.RINGING)
    press(qtbot, window, Qt.Key.Key_F2)
    _wait_for_state(qtbot, window, CallState.TALKING)
    assert window.caller.search.isVisible()
    yield "in call, unknown number"
    qtbot.keyClicks(window.caller.search.name, "Vries")
    qtbot.keyClick(window.caller.search.name, Qt.Key.Key_Return)
    qtbot.waitUntil(window.caller.search.results.isVisible)
    yield "in call, unknown number, callers found"
    for number in (2, 3, 4):  # each branch that asks to whom, for whom or where
        press(qtbot, window, getattr(Qt.Key, f"Key_{number}"), ALT)
        yield f"in call, unknown number, branch {number}"
    press(qtbot, window, Qt.Key.Key_F4)
    press(qtbot, window, Qt.Key.Key_K, CTRL)  # count only

    call_id = line.ring_in(callers.resident())
    _wait_for_state(qtbot, window, CallState.RINGING)
    line.caller_hangs_up(call_id)
    _wait_for_state(qtbot, window, CallState.MISSED)
    yield "missed call"


def _wait_for_state(qtbot, window: MainWindow, state: CallState) -> None:
    qtbot.waitUntil(lambda: window.desk.current is not None and window.desk.current.state is state)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
