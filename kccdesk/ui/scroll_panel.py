"""A panel of the main window that takes the width the window gives it (its
text reflows) and scrolls up and down when the window is too low for it,
so that no text, text size or caller makes the window grow. The field that
gets the focus, by Tab or by a key, is scrolled into sight."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt, QTimer
from PySide6.QtWidgets import QAbstractSlider, QApplication, QFrame, QScrollArea, QWidget


class ScrollPanel(QScrollArea):
    def __init__(self, panel: QWidget) -> None:
        super().__init__()
        self.setObjectName("panelScroll")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)  # only for a word wider than the panel
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field, as without it
        self.setWidget(panel)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow_focus)

    def minimumSizeHint(self) -> QSize:
        """Room for a few words and lines: the window decides the rest."""
        line = self.fontMetrics().height()
        return QSize(8 * line, 4 * line)

    def _follow_focus(self, _old: QWidget | None, now: QWidget | None) -> None:
        panel = self.widget()
        if now is not None and panel is not None and panel.isAncestorOf(now):
            QTimer.singleShot(0, self, self._show_focus)  # once the panel is laid out for what the key changed

    def _show_focus(self) -> None:
        focus = QApplication.focusWidget()
        panel = self.widget()
        if focus is None or panel is None or not panel.isAncestorOf(focus):
            return
        top = focus.mapTo(panel, QPoint(0, 0)).y()
        half = min(focus.height(), self.viewport().height()) // 2  # the whole field, or as much as fits from its top
        self.ensureVisible(0, top + half, 0, half)

    def page_down(self) -> None:
        """Scroll one screenful on, as Page Down does where the focus is."""
        self.verticalScrollBar().triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)

    def page_up(self) -> None:
        self.verticalScrollBar().triggerAction(QAbstractSlider.SliderAction.SliderPageStepSub)
