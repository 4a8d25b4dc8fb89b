"""The quick links by keys: Ctrl+G, type part of a name or a group, Down,
Enter opens the link in the browser; a link with its own key opens from the
window with it. The browser is Qt's: a handler for the web addresses stands
in for it here (opening a real browser is not possible in a test)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from kccdesk.ui.quick_links import QuickLinks
from tests.support.demo_window import press

pytestmark = pytest.mark.gui


class Browser(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def show(self, url: QUrl) -> None:
        self.opened.append(url.toString())


@pytest.fixture
def browser():
    stand_in = Browser()
    QDesktopServices.setUrlHandler("https", stand_in, "show")
    yield stand_in
    QDesktopServices.unsetUrlHandler("https")


def test_a_link_is_found_by_typing_and_opened_by_enter(qtbot, demo, browser) -> None:
    window, _clock, _db = demo
    press(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QuickLinks))
    links = QApplication.activeModalWidget()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is links.search)  # ready for typing
    qtbot.keyClicks(links.search, "wijk")
    shown = [links.list.item(row).text() for row in range(links.list.count())]
    assert shown == ["Wijk en straat", "Melding openbare ruimte doen    Ctrl+Alt+2", "Grofvuil laten ophalen"]
    press(qtbot, links, Qt.Key.Key_Down)
    press(qtbot, links, Qt.Key.Key_Down)
    press(qtbot, links, Qt.Key.Key_Return)
    assert browser.opened == ["https://www.voorbeeldstad.nl/grofvuil"]
    qtbot.waitUntil(lambda: not links.isVisible())
    window.activateWindow()  # the list has closed (the offscreen screen gives the window back only when asked)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    press(qtbot, window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert browser.opened[-1] == "https://www.voorbeeldstad.nl/melding"
