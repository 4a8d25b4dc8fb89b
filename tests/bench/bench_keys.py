"""Benchmark of the keys an agent presses most (run as a script, not
collected as a test): ``python tests/bench/bench_keys.py [calls]`` (default
40). The demo window (Qt's offscreen platform unless QT_QPA_PLATFORM says
otherwise) is driven by keys through whole calls; for each key, the time
from the key press to the paint of what it changed:

- F2 (answer): the ring frame's headline says the call is under way;
- Alt+Right (next phase): the phase panel shows the next phase's title.

Goal: p99 <= 16 ms for both. Anchor: a key that changes one label's text
in an empty PySide6 window, to its paint. Each figure is taken idle and
with a second, CPU-bound process beside it; the machine's load is printed
with each.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from kccdesk.app.window import create_window
from kccdesk.app.workstation import prepare
from kccdesk.config.paths import default_profile
from kccdesk.core.clock import ManualClock
from tests.bench.conditions import beside, conditions, load, pauses

ALT = Qt.KeyboardModifier.AltModifier


class Painted(QObject):
    """When ``widget`` is next painted with a text that passes ``check``."""

    def __init__(self, widget: QWidget, check) -> None:
        super().__init__()
        self.widget, self.check, self.at = widget, check, 0.0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.at and self.check(self.widget.text()):
            self.at = time.perf_counter()
        return False

    def wait(self, app: QApplication) -> float:
        deadline = time.perf_counter() + 5
        while not self.at:
            app.processEvents()
            if time.perf_counter() > deadline:
                raise SystemExit(f"no paint of {self.widget.objectName()!r} that shows the key's effect")
        self.widget.removeEventFilter(self)
        return self.at


def key_to_paint(app: QApplication, window: QWidget, key: Qt.Key, modifier, widget: QLabel, check) -> float:
    """Milliseconds from the key press to the paint of its effect."""
    painted = Painted(widget, check)
    start = time.perf_counter()
    QTest.keyClick(QApplication.focusWidget() or window, key, modifier)
    return (painted.wait(app) - start) * 1000


def settle(app: QApplication, until) -> None:
    deadline = time.perf_counter() + 5
    while not until():
        app.processEvents()
        if time.perf_counter() > deadline:
            raise SystemExit("the window did not get where the benchmark drives it")


def calls(app: QApplication, n: int) -> tuple[list[float], list[float]]:
    profile = default_profile().demo()
    workstation = prepare(profile, demo=True)
    clock = ManualClock(datetime(2026, 11, 23, 10, 15))
    window = create_window(workstation, clock, demo=True)
    window.show()
    window.activateWindow()
    settle(app, lambda: QApplication.activeWindow() is window)
    headline, title = window.ring.headline, window.script.phase_title
    answers, phases = [], []
    for _ in range(n):
        QTest.keyClick(window, Qt.Key.Key_F6)  # demo: a resident calls
        settle(app, lambda: headline.text().startswith("Gaat over"))
        clock.advance(6.0)
        answers.append(key_to_paint(app, window, Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier, headline,
                                    lambda text: text.startswith("In gesprek")))  # fmt: skip
        for number in (2, 3, 4):
            phases.append(key_to_paint(app, window, Qt.Key.Key_Right, ALT, title,
                                       lambda text, n=number: text.startswith(f"Fase {n}")))  # fmt: skip
        QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F4)  # hang up
        settle(app, lambda: headline.text().startswith("Gesprek beëindigd"))
        QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        settle(app, lambda: not window.services.registrations.unsaved)
    window.services.stop()
    window.close()
    workstation.db.close()
    return answers, phases


def anchor(app: QApplication, n: int) -> list[float]:
    """A key that sets one label's text in an empty window, to its paint."""
    window = QWidget()
    label = QLabel("0", window)
    QVBoxLayout(window).addWidget(label)
    counter = [0]

    def bump() -> None:
        counter[0] += 1
        label.setText(str(counter[0]))

    QShortcut(QKeySequence("F2"), window, bump)
    window.show()
    window.activateWindow()
    settle(app, lambda: QApplication.activeWindow() is window)
    times = [key_to_paint(app, window, Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier, label,
                          lambda text, i=i: text == str(i + 1)) for i in range(n)]  # fmt: skip
    window.close()
    return times


def p99(times: list[float]) -> float:
    return sorted(times)[min(len(times) - 1, round(0.99 * (len(times) - 1)))]


def main() -> None:
    import keyring

    from tests.support.keyring_memory import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())  # never the machine's password store
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    app = QApplication.instance() or QApplication(sys.argv)
    for condition, busy in conditions():
        with beside(busy):
            print(f"== {condition}: {load()}")
            base = anchor(app, n * 3)
            answers, phases = calls(app, n)
            print(pauses())
            for name, times in (("F2 (answer)", answers), ("Alt+Right (next phase)", phases)):
                print(
                    f"{name} to its paint: median {statistics.median(times):.1f} ms, p99 {p99(times):.1f} ms,"
                    f" max {max(times):.1f} ms over {len(times)} (goal p99 <= 16 ms);"
                    f" a label's text in an empty window: p99 {p99(base):.1f} ms; ratio {p99(times) / p99(base):.1f}"
                )


if __name__ == "__main__":
    main()
