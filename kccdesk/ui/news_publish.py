"""News and work instructions in the supervisor's dashboard: the items
published (number, title, shown or not, period, for whom, read by how many),
withdrawn by Delete after a confirmation, and the form that publishes a new
one (Ctrl+N in the dashboard): title, text, important, from–until (from now,
no end unless chosen) and for which teams (empty: everyone).

The form only forwards what was typed: ``NewsDesk`` checks it by the rules a
news file follows and publishes it. Each mistake is shown under its field,
and nothing is stored until there are none; Ctrl+Enter publishes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kccdesk.core.news import TITLE_LENGTH, NewsItem, NewsMistake
from kccdesk.core.stats import TIME_ZONE
from kccdesk.i18n import N_, _
from kccdesk.services.news import NewsDesk, NewsRefused, period_text, state_text, teams_text
from kccdesk.ui.screen_fit import fit_to_screen
from kccdesk.ui.text import outside_text, plain_label

PUBLISH_KEY = "Ctrl+N"
FORM_SIZE = (720, 520)  # at 100 % text: room for a few lines of text
WITHDRAW_KEY = "Del"
MOMENT_FORMAT = "dd-MM-yyyy HH:mm"
MISTAKE_STYLE = "font-weight: 600; color: #a11c1c;"  # the registration form's colour for a mistake
FORM_MISTAKES = {
    NewsMistake.NO_TITLE: N_("Give the item a title."),
    NewsMistake.LONG_TITLE: N_("The title is too long: {count} characters at most."),
    NewsMistake.NO_TEXT: N_("Write the text of the item."),
    NewsMistake.NEVER_SHOWN: N_("The end is before the start, or has passed already: nobody would see the item."),
    NewsMistake.BLANK_TEAM: N_("There is an empty name between the teams: remove the extra comma."),
}
_ITEM = Qt.ItemDataRole.UserRole


def _keys(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def _moment_edit(moment: datetime) -> QDateTimeEdit:
    """A day and time in Dutch time, to the minute."""
    local = moment.astimezone(TIME_ZONE)
    edit = QDateTimeEdit(QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute)))
    edit.setDisplayFormat(MOMENT_FORMAT)
    edit.setCalendarPopup(True)
    return edit


def _chosen(edit: QDateTimeEdit) -> datetime:
    naive: datetime = edit.dateTime().toPython()  # type: ignore[assignment]
    return naive.replace(tzinfo=TIME_ZONE)


class PublishedNews(QWidget):
    """The items published, newest first; Delete withdraws the chosen one
    once the supervisor confirms it."""

    def __init__(self, desk: NewsDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("publishedNews")
        self.table.setAccessibleName(_("Published news and work instructions"))
        self.table.setHorizontalHeaderLabels([_("Number"), _("Title"), _("Shown"), _("Period"), _("For"), _("Read")])
        read = QTableWidgetItem(_("Read"))
        read.setToolTip(_("How many agents read it; an important item: confirmed it"))
        self.table.setHorizontalHeaderItem(5, read)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        label = QLabel(_("Published &news"))
        label.setBuddy(self.table)
        self.publish_button = QPushButton(_("Publis&h news… ({keys})").format(keys=_keys(PUBLISH_KEY)))
        self.withdraw_button = QPushButton(_("&Withdraw… ({keys})").format(keys=_keys(WITHDRAW_KEY)))
        self.status = plain_label(object_name="newsDeskStatus", wrap=True)
        self.confirmation: QMessageBox | None = None
        top = QHBoxLayout()
        top.addWidget(label)
        top.addStretch(1)
        top.addWidget(self.publish_button)
        top.addWidget(self.withdraw_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        QShortcut(QKeySequence(WITHDRAW_KEY), self.table, self.ask_withdraw, context=Qt.ShortcutContext.WidgetShortcut)
        self.withdraw_button.clicked.connect(self.ask_withdraw)
        self.publish_button.clicked.connect(self.open_form)
        self.refresh()

    def refresh(self) -> None:
        """Read the items again; the one chosen stays chosen."""
        chosen = self.chosen()
        try:
            items = self.desk.items()
        except NewsRefused as refused:
            self.status.setText(_("The news cannot be read: {reason}").format(reason=refused))
            return
        now = self.desk.now()
        self.table.setRowCount(len(items))
        for row, (item, readers) in enumerate(items):
            shown = state_text(item, now)
            cells = (
                str(item.id),
                outside_text(item.title),
                _("important, {state}").format(state=shown) if item.important else shown,
                period_text(item),
                outside_text(teams_text(item)),
                str(readers),
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(_ITEM, item.id)
                cell.setToolTip(text)  # all of it, where the column cuts it
                if column in (0, 5):
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, cell)
            if item.id == chosen:
                self.table.selectRow(row)
        if not items:
            self.status.setText(_("No news has been published."))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def chosen(self) -> int | None:
        row = self.table.currentRow()
        cell = self.table.item(row, 0) if row >= 0 else None
        return cell.data(_ITEM) if cell is not None else None

    def chosen_title(self) -> str:
        row = self.table.currentRow()
        cell = self.table.item(row, 1) if row >= 0 else None
        return cell.text() if cell is not None else ""

    # -- publishing ----------------------------------------------------------

    def open_form(self) -> NewsForm:
        form = NewsForm(self.desk, self._published, self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.finished.connect(self._back)
        fit_to_screen(form, *FORM_SIZE)
        form.open()
        return form

    def _published(self, item: NewsItem) -> None:
        self.refresh()
        self.status.setText(_("Published as number {number}: {title}").format(number=item.id, title=item.title))

    def _back(self) -> None:
        """A form or question closed: the dashboard active again, in the list."""
        self.window().activateWindow()
        self.table.setFocus()

    # -- withdrawing ---------------------------------------------------------

    def ask_withdraw(self) -> None:
        """Ask before the chosen item is withdrawn (nothing chosen: say so)."""
        news_id = self.chosen()
        if news_id is None:
            self.status.setText(_("Choose an item first (Up, Down), then withdraw it."))
            self.table.setFocus()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Withdraw item"),
            _("Withdraw item number {number}, “{title}”? No agent will see it any more.").format(
                number=news_id, title=self.chosen_title()
            ),
            parent=self,
        )
        box.setObjectName("withdrawNews")
        withdraw = box.addButton(_("&Withdraw"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(_("&Keep it"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self._answered(news_id, box.clickedButton() is withdraw))
        self.confirmation = box
        box.open()

    def _answered(self, news_id: int, withdraw: bool) -> None:
        self.confirmation = None
        self._back()
        if not withdraw:
            return
        try:
            done = self.desk.withdraw(news_id)
        except NewsRefused as refused:
            self.status.setText(_("Nothing withdrawn: {reason}").format(reason=refused))
            return
        self.refresh()
        if done:
            self.status.setText(_("Item number {number} is withdrawn.").format(number=news_id))
        else:
            self.status.setText(_("Item number {number} was withdrawn already.").format(number=news_id))


class NewsForm(QDialog):
    """A new item: title, text, important, from–until and teams; Ctrl+Enter
    or the button publishes it, Esc closes without publishing."""

    def __init__(self, desk: NewsDesk, published: Callable[[NewsItem], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newsForm")
        self.setWindowTitle(_("Publish news or a work instruction"))
        self.desk = desk
        self._published = published
        now = desk.now()
        self.title = QLineEdit()
        self.title.setObjectName("newsTitle")
        self.title.setMaxLength(TITLE_LENGTH + 1)  # one more: the rule, not the field, says it is too long
        self.text = QPlainTextEdit()
        self.text.setObjectName("newsText")
        self.text.setTabChangesFocus(True)
        self.important = QCheckBox(_("&Important"))
        self.important_hint = plain_label(_("The agents confirm they have read it."), "newsImportantHint", wrap=True)
        self.starts = _moment_edit(now)
        self.starts.setObjectName("newsStarts")
        self.has_end = QCheckBox(_("It has an &end"))
        self.ends = _moment_edit(now + timedelta(days=7))
        self.ends.setObjectName("newsEnds")
        self.ends.setEnabled(False)
        self.teams = QLineEdit()
        self.teams.setObjectName("newsTeams")
        self.teams.setPlaceholderText(_("Burgerzaken, Wmo"))
        self.teams_hint = plain_label(_("Separated by commas; empty: everyone."), "newsTeamsHint", wrap=True)
        self.mistakes = {field: self._mistake_label() for field in ("title", "text", "until", "teams")}
        self.status = plain_label(object_name="newsFormStatus", wrap=True)
        self.status.setStyleSheet(MISTAKE_STYLE)
        self.status.hide()
        buttons = QDialogButtonBox()
        self.publish_button = buttons.addButton(
            _("&Publish ({keys})").format(keys=_keys("Ctrl+Enter")), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.publish_button.setAutoDefault(False)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        self.publish_button.clicked.connect(self.publish)
        self._layout(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.publish)
        self.has_end.toggled.connect(self.ends.setEnabled)
        self.title.setFocus()

    def _mistake_label(self) -> QLabel:
        label = plain_label(object_name="newsMistake", wrap=True)
        label.setStyleSheet(MISTAKE_STYLE)
        label.hide()
        return label

    def _layout(self, buttons: QDialogButtonBox) -> None:
        grid = QGridLayout()
        row = 0
        for text, field, mistake in (
            (_("&Title:"), self.title, "title"),
            (_("Te&xt:"), self.text, "text"),
            (None, self.important, None),
            (_("&From:"), self.starts, None),
            (None, self.has_end, None),
            (_("&Until:"), self.ends, "until"),
            (_("For tea&ms:"), self.teams, "teams"),
        ):
            if text is not None:
                label = QLabel(text)
                label.setBuddy(field)
                label.setWordWrap(True)
                grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(field, row, 1)
            row += 1
            hint = {self.important: self.important_hint, self.teams: self.teams_hint}.get(field)
            if hint is not None:
                grid.addWidget(hint, row, 1)
                row += 1
            if mistake is not None:
                grid.addWidget(self.mistakes[mistake], row, 1)
                row += 1
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(2, 1)  # the text grows with the window
        layout = QVBoxLayout(self)
        layout.addLayout(grid, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def item(self) -> NewsItem:
        """The item as typed, published now."""
        return self.desk.draft(
            self.title.text(),
            self.text.toPlainText(),
            self.important.isChecked(),
            _chosen(self.starts),
            _chosen(self.ends) if self.has_end.isChecked() else None,
            self.teams.text(),
        )

    def publish(self) -> None:
        """Publish what was typed; a mistake is shown under its field and
        nothing is stored, and a refusing database leaves the form as it is."""
        for label in self.mistakes.values():
            label.hide()
        self.status.hide()
        try:
            item = self.desk.publish(self.item())
        except NewsRefused as refused:
            self._show_refusal(refused)
            return
        self._published(item)
        self.accept()

    def _show_refusal(self, refused: NewsRefused) -> None:
        if not refused.mistakes:
            self.status.setText(_("Nothing published: {error}").format(error=refused))
            self.status.show()
            return
        for mistake in refused.mistakes:
            label = self.mistakes[mistake.field]
            label.setText(_(FORM_MISTAKES[mistake]).format(count=TITLE_LENGTH))
            label.show()
        fields = {"title": self.title, "text": self.text, "until": self.ends, "teams": self.teams}
        fields[refused.mistakes[0].field].setFocus()
