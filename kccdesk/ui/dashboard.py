"""The supervisor's dashboard: the team's figures for a period, as a table
and in charts, computed by the same code as ``kccdesk stats``; below them,
when it is given the news, the items published (``news_publish``: Ctrl+N
publishes one, Delete withdraws one)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date, datetime

import pyqtgraph as pg
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kccdesk.core.stats import (
    TIME_ZONE,
    Backlog,
    GroupBy,
    PeriodChoice,
    Summary,
    period_for,
)
from kccdesk.i18n import N_, _
from kccdesk.services.deliveries import Refusal
from kccdesk.services.figures import (
    BACKLOG_ROWS,
    ROWS,
    TeamStats,
    columns,
    definitions,
    heading,
    show,
)
from kccdesk.services.news import NewsDesk
from kccdesk.ui.news_publish import PUBLISH_KEY, PublishedNews
from kccdesk.ui.text import plain_label

PERIODS = (
    (PeriodChoice.TODAY, N_("Today"), "Ctrl+1"),
    (PeriodChoice.THIS_WEEK, N_("This week"), "Ctrl+2"),
    (PeriodChoice.THIS_MONTH, N_("This month"), "Ctrl+3"),
    (PeriodChoice.CUSTOM, N_("Choose the days"), "Ctrl+4"),
)
GROUPS = (
    (GroupBy.AGENT, N_("agent")),
    (GroupBy.SUBJECT, N_("subject")),
    (GroupBy.DOMAIN, N_("domain")),
    (GroupBy.DAY, N_("day")),
)
BELOW_TARGET = QColor("#b00020")
DATE_FORMAT = "dd-MM-yyyy"


def _today() -> date:
    return datetime.now(TIME_ZONE).date()


class Dashboard(QDialog):
    def __init__(
        self,
        stats: TeamStats,
        today: Callable[[], date] = _today,
        parent: QWidget | None = None,
        refusals: Callable[[], Sequence[Refusal]] = tuple,
        news: NewsDesk | None = None,
    ) -> None:
        """``refusals``: the registrations the registration system refused, each with its fix;
        ``news``: the news to publish and withdraw here (None: no news part)."""
        super().__init__(parent)
        self.stats = stats
        self.news = PublishedNews(news, self) if news is not None else None
        self.today = today
        self._refusals = refusals
        self.setWindowTitle(_("Dashboard — how the team does against the KCC norms"))
        self.period = QComboBox()
        for _choice, text, keys in PERIODS:
            shown = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
            self.period.addItem(f"{_(text)} ({shown})")
        self.start = self._date_edit()
        self.end = self._date_edit()
        self.group = QComboBox()
        for _by, text in GROUPS:
            self.group.addItem(_(text))
        self.title = plain_label(object_name="dashboardTitle")
        self.table = QTableWidget()
        self.table.setAccessibleName(_("The team's figures"))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.rings_chart = pg.PlotWidget(background="w")
        self.direct_chart = pg.PlotWidget(background="w")
        self.ring_bars = pg.BarGraphItem(x=[], height=[], width=0.6, brush="#2a6fb0")
        self.rings_chart.addItem(self.ring_bars)
        self.ring_norm = pg.InfiniteLine(0, angle=90, pen=pg.mkPen("#b00020", width=2))
        self.rings_chart.addItem(self.ring_norm)
        self.direct_line = self.direct_chart.plot([], [], pen=pg.mkPen("#2a6fb0", width=2), symbol="o")
        for target, style in ((60, Qt.PenStyle.SolidLine), (85, Qt.PenStyle.DashLine)):
            self.direct_chart.addItem(pg.InfiniteLine(target, angle=0, pen=pg.mkPen("#b00020", width=1, style=style)))
        self.direct_chart.setYRange(0, 100)
        self.rings_chart.setAccessibleName(_("Rings before answering (answered calls); the red line is the norm"))
        self.direct_chart.setAccessibleName(_("Handled directly per day (%), with the targets 60 % and 85 %"))
        self.backlog = plain_label()
        self.refused = plain_label(object_name="dashboardRefusals", wrap=True)
        self.notes = plain_label()
        self.notes.setWordWrap(True)
        self._layout()
        for index, (_choice, _text, keys) in enumerate(PERIODS):
            QShortcut(QKeySequence(keys), self, lambda i=index: self._choose(i))
        QShortcut(QKeySequence("F5"), self, self.refresh)
        if self.news is not None:
            QShortcut(QKeySequence(PUBLISH_KEY), self, self.news.open_form)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.group.currentIndexChanged.connect(self.refresh)
        self.start.dateChanged.connect(self._dates_changed)
        self.end.dateChanged.connect(self._dates_changed)
        self._period_changed()

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setDisplayFormat(DATE_FORMAT)
        edit.setCalendarPopup(True)
        return edit

    def _layout(self) -> None:
        controls = QHBoxLayout()
        for text, widget in (
            (_("&Period:"), self.period),
            (_("&From:"), self.start),
            (_("&To:"), self.end),
            (_("P&er:"), self.group),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            controls.addWidget(label)
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(QLabel(_("F5: refresh")))
        if self.news is not None:
            keys = QKeySequence(PUBLISH_KEY).toString(QKeySequence.SequenceFormat.NativeText)
            controls.addWidget(QLabel(_("{keys}: publish news").format(keys=keys)))
        charts = QWidget()
        grid = QGridLayout(charts)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(_("Rings before answering (answered calls); the red line is the norm")), 0, 0)
        grid.addWidget(self.rings_chart, 1, 0)
        grid.addWidget(QLabel(_("Handled directly per day (%), with the targets 60 % and 85 %")), 2, 0)
        grid.addWidget(self.direct_chart, 3, 0)
        self.rings_chart.setLabel("bottom", _("rings"))
        self.rings_chart.setLabel("left", _("calls"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(charts)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([700, 560])  # the table wide enough for a few groups beside the total
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.title)
        if self.news is not None:  # the figures above, the news below
            splitter = _stacked(splitter, self.news)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.backlog)
        layout.addWidget(self.refused)
        layout.addWidget(self.notes)

    # -- choosing the period ------------------------------------------------

    def _choose(self, index: int) -> None:
        self.period.setCurrentIndex(index)
        if PERIODS[index][0] is PeriodChoice.CUSTOM:
            self.start.setFocus()

    def _period_changed(self) -> None:
        choice = PERIODS[self.period.currentIndex()][0]
        custom = choice is PeriodChoice.CUSTOM
        self.start.setEnabled(custom)
        self.end.setEnabled(custom)
        if not custom:
            first, last = period_for(choice, self.today())
            for edit, day in ((self.start, first), (self.end, last)):
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)
        self.refresh()

    def _dates_changed(self) -> None:
        if self.end.date() < self.start.date():
            self.end.setDate(self.start.date())
        self.refresh()

    def chosen_period(self) -> tuple[date, date]:
        return self.start.date().toPython(), self.end.date().toPython()  # type: ignore[return-value]

    # -- showing the figures ------------------------------------------------

    def refresh(self) -> None:
        first, last = self.chosen_period()
        by = GROUPS[self.group.currentIndex()][0]
        summary, backlog = self.stats.figures(first, last, by)
        days = summary if by is GroupBy.DAY else self.stats.figures(first, last, GroupBy.DAY)[0]
        self.title.setText(
            _("Period {start} to {end}").format(start=first.strftime("%d-%m-%Y"), end=last.strftime("%d-%m-%Y"))
        )
        self._fill_table(summary)
        if self.news is not None:
            self.news.refresh()
        self._show_backlog(backlog)
        self.notes.setText("\n".join(definitions(summary.max_rings)))
        self._draw_rings(summary)
        self._draw_direct(days)

    def _fill_table(self, summary: Summary) -> None:
        cols = columns(summary)
        self.table.clear()
        self.table.setColumnCount(len(cols))
        self.table.setRowCount(len(ROWS))
        self.table.setHorizontalHeaderLabels([name for name, _figures in cols])
        self.table.setVerticalHeaderLabels([heading(row, summary.max_rings) for row in ROWS])
        for c, (_name, figures) in enumerate(cols):
            for r, row in enumerate(ROWS):
                value = row.value(figures)
                item = QTableWidgetItem(show(value, row.kind))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if row.key == "handled_directly_percent" and value is not None and value < figures.direct_target * 100:
                    item.setForeground(QBrush(BELOW_TARGET))
                    item.setToolTip(_("below the target"))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def _show_backlog(self, backlog: Backlog) -> None:
        self.backlog.setText("   ".join(f"{_(text)}: {getattr(backlog, key)}" for key, text in BACKLOG_ROWS))
        refusals = self._refusals()
        self.refused.setVisible(bool(refusals))
        self.refused.setText(
            "\n".join(
                _("Refused {reference}: {reason} — {fix}").format(reference=r.reference, reason=r.reason, fix=r.fix)
                for r in refusals
            )
        )

    def _draw_rings(self, summary: Summary) -> None:
        counts = summary.overall.ring_counts
        self.ring_bars.setOpts(x=list(counts), height=list(counts.values()), width=0.6)
        self.ring_norm.setValue(summary.max_rings + 0.5)
        last = max([*counts, summary.max_rings + 1])
        self.rings_chart.getAxis("bottom").setTicks([[(n, str(n)) for n in range(1, last + 1)]])
        step = max(1, math.ceil(max(counts.values(), default=1) / 5))  # whole calls only
        self.rings_chart.getAxis("left").setTickSpacing(step, step)
        self.rings_chart.setXRange(0.5, last + 0.5)

    def _draw_direct(self, days: Summary) -> None:
        shown = [
            (i, g.figures.handled_directly.value * 100)
            for i, g in enumerate(days.groups)
            if g.figures.handled_directly.value is not None
        ]
        self.direct_line.setData([x for x, _y in shown], [y for _x, y in shown])
        ticks = [(i, date.fromisoformat(g.key).strftime("%d-%m")) for i, g in enumerate(days.groups)]
        self.direct_chart.getAxis("bottom").setTicks([ticks])
        self.direct_chart.setXRange(-0.5, max(len(ticks), 1) - 0.5)


def _stacked(figures: QSplitter, news: QWidget) -> QSplitter:
    stacked = QSplitter(Qt.Orientation.Vertical)
    stacked.addWidget(figures)
    stacked.addWidget(news)
    stacked.setStretchFactor(0, 3)
    stacked.setStretchFactor(1, 1)
    stacked.setSizes([480, 300])  # room for a few items under the figures
    return stacked
