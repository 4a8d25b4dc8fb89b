"""Run an action once a window's first frame is on the screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    """The paint event comes before the painting; the action, queued, after it."""

    def __init__(self, window: QWidget, action: Callable[[], None], fallback_ms: int | None) -> None:
        super().__init__(window)
        self._action: Callable[[], None] | None = action
        window.installEventFilter(self)
        if fallback_ms is not None:  # a window that is never painted (started minimised) goes on all the same
            QTimer.singleShot(fallback_ms, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        action, self._action = self._action, None
        if action is not None:
            action()


def after_first_paint(window: QWidget, action: Callable[[], None], fallback_ms: int | None = None) -> None:
    """Run ``action`` once, after ``window`` was first painted (or after
    ``fallback_ms`` when that comes first); never when the window has gone."""
    _FirstPaint(window, action, fallback_ms)
