"""A shift is long: hours of the window updating itself. A Qt binding that
gives back None without counting the reference (PySide6 6.12.0 does, for
every method without a result) makes None's count run down on Python 3.11,
where None is not immortal, until the process dies ("none_dealloc") after
some minutes or at quit. This checks the binding the app is installed with."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QLabel

pytestmark = pytest.mark.gui
CALLS = 5_000  # what the window does in about a minute of a shift


def test_the_window_updating_itself_leaves_nones_count_as_it_was(qtbot) -> None:
    label = QLabel("Geen gesprek")
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for n in range(CALLS):
        label.setText(f"Gaat over: {n % 3 + 1} van 3")  # a method without a result, as the window calls every 200 ms
        label.update()
    lost = before - sys.getrefcount(None)
    assert lost < CALLS // 100, f"None lost {lost} references in {CALLS} calls: a Qt binding with this bug is installed"
