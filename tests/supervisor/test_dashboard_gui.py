"""The dashboard shows the hand-counted fixture's figures (team_fixture.py),
chosen with the keyboard."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from kccdesk import resource_path
from kccdesk.content.subjects import load_subjects
from kccdesk.i18n import set_language
from kccdesk.services.figures import ROWS, TeamStats
from kccdesk.ui.dashboard import Dashboard
from tests.supervisor.team_fixture import LAST_DAY, write_team_fixture

pytestmark = pytest.mark.gui


def cell(dashboard: Dashboard, key: str, column: int) -> str:
    row = [r.key for r in ROWS].index(key)
    return dashboard.table.item(row, column).text()


@pytest.fixture
def dashboard(qtbot, db):
    set_language("nl")
    write_team_fixture(db)
    stats = TeamStats(db, load_subjects(resource_path("subjects", "upl.csv")), max_rings=3)
    window = Dashboard(stats, today=lambda: LAST_DAY)  # Tuesday 17 Nov: "this week" is 16–17 Nov
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_this_week_shows_the_hand_counted_figures(qtbot, dashboard) -> None:
    qtbot.keyClick(dashboard, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert dashboard.chosen_period() == (date(2026, 11, 16), date(2026, 11, 17))
    assert dashboard.title.text() == "Periode 16-11-2026 tot en met 17-11-2026"
    assert dashboard.table.horizontalHeaderItem(0).text() == "Totaal"
    assert [cell(dashboard, k, 0) for k in ("calls", "answered", "missed")] == ["8", "6", "2"]
    assert cell(dashboard, "answered_within_norm_percent", 0) == "83,3 %"
    assert cell(dashboard, "average_rings", 0) == "2,5"
    assert cell(dashboard, "talk_seconds", 0) == "830,0 s"
    assert cell(dashboard, "handled_directly_percent", 0) == "50,0 %"
    assert cell(dashboard, "count_only", 0) == "1"
    assert (
        dashboard.table.item([r.key for r in ROWS].index("handled_directly_percent"), 0).toolTip() == "onder het doel"
    )
    assert "Open terugbelverzoeken: 2" in dashboard.backlog.text()
    assert "Terugbelverzoeken over tijd: 1" in dashboard.backlog.text()
    assert "Registraties nog niet afgeleverd: 2" in dashboard.backlog.text()
    bars = dashboard.ring_bars.opts
    assert (list(bars["x"]), list(bars["height"])) == ([1, 2, 3, 4], [1, 2, 2, 1])
    xs, ys = dashboard.direct_line.getData()
    assert (list(xs), list(ys)) == ([0, 1], [50.0, 50.0])


def test_per_agent_and_a_chosen_day(qtbot, dashboard) -> None:
    qtbot.keyClick(dashboard, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    headers = [dashboard.table.horizontalHeaderItem(c).text() for c in range(dashboard.table.columnCount())]
    assert headers == ["Totaal", "Anna", "Bram"]
    assert [cell(dashboard, "answered_within_norm_percent", c) for c in (1, 2)] == ["66,7 %", "100,0 %"]
    qtbot.keyClick(dashboard, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert dashboard.start.hasFocus() and dashboard.start.isEnabled()
    qtbot.keyClick(dashboard.start, Qt.Key.Key_Down)  # the day of the first date, one lower
    assert dashboard.chosen_period() == (date(2026, 11, 15), date(2026, 11, 17))
    qtbot.keyClick(dashboard, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    assert dashboard.group.hasFocus()
    qtbot.keyClick(dashboard.group, Qt.Key.Key_Down)
    qtbot.keyClick(dashboard.group, Qt.Key.Key_Down)
    headers = [dashboard.table.horizontalHeaderItem(c).text() for c in range(dashboard.table.columnCount())]
    assert headers == ["Totaal", "Overige onderwerpen", "Sociaal domein", "(geen onderwerp)"]
    assert cell(dashboard, "direct_target_percent", 2) == "85 %"
    qtbot.keyClick(dashboard.group, Qt.Key.Key_Down)
    headers = [dashboard.table.horizontalHeaderItem(c).text() for c in range(dashboard.table.columnCount())]
    assert headers == ["Totaal", "2026-11-16", "2026-11-17"]
    assert [cell(dashboard, "calls", c) for c in (1, 2)] == ["5", "3"]


def test_ctrl_shift_d_opens_the_dashboard_from_the_main_window(qtbot) -> None:
    from datetime import datetime

    from PySide6.QtWidgets import QApplication

    from kccdesk.app.window import create_window
    from kccdesk.app.workstation import prepare
    from kccdesk.config.paths import default_profile
    from kccdesk.core.clock import ManualClock

    workstation = prepare(default_profile().demo(), demo=True)
    window = create_window(workstation, ManualClock(datetime(2026, 11, 17, 10, 0)), demo=True)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    try:
        qtbot.keyClick(
            QApplication.focusWidget() or window,
            Qt.Key.Key_D,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        qtbot.waitUntil(lambda: any(isinstance(w, Dashboard) and w.isVisible() for w in QApplication.topLevelWidgets()))
        [shown] = [w for w in QApplication.topLevelWidgets() if isinstance(w, Dashboard)]
        assert shown.table.horizontalHeaderItem(0).text() == "Totaal"
        shown.close()
    finally:
        window.services.deliveries.stop()
        window.desk.line.stop()
        workstation.db.close()
