"""The registration form: subject, question, answer and outcome of a call."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from kccdesk.core.registration import Outcome, Registration
from kccdesk.i18n import _
from kccdesk.ui.text import plain_label


class RegistrationForm(QFrame):
    edited = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("registrationForm")
        self.title = plain_label(_("Registration"), "panelTitle")
        self.status = plain_label(object_name="registrationStatus", wrap=True)
        self.subject = QLineEdit()
        self.subject.setObjectName("subject")
        self.subject.setPlaceholderText(_("For example: passport, waste collection"))
        self.question = self._text_box("question", _("The caller's question, in your words"))
        self.answer = self._text_box("answer", _("The answer you gave, or what happens next"))
        self.outcome = QComboBox()
        self.outcome.setObjectName("outcome")
        self.outcome.addItem(_("(choose the outcome)"), None)
        for outcome in Outcome:
            self.outcome.addItem(_(outcome.label), outcome)
        form = QFormLayout()
        form.addRow(_("&Subject"), self.subject)
        form.addRow(_("&Question"), self.question)
        form.addRow(_("A&nswer"), self.answer)
        form.addRow(_("&Outcome"), self.outcome)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.status)
        for signal in (self.subject.textEdited, self.question.textChanged, self.answer.textChanged):
            signal.connect(self.edited)
        self.outcome.currentIndexChanged.connect(self.edited)
        self.call_id: str | None = None
        self.party_id: int | None = None
        self.clear()

    def _text_box(self, name: str, placeholder: str) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setObjectName(name)
        box.setPlaceholderText(placeholder)
        box.setTabChangesFocus(True)
        box.setMinimumHeight(70)
        return box

    def start(self, call_id: str, party_id: int | None) -> None:
        """A new call is answered: an empty form for it."""
        self.clear()
        self.call_id = call_id
        self.party_id = party_id
        self.setEnabled(True)
        self.status.setText(_("Fill this in during the call; it is saved when the call ends."))

    def clear(self) -> None:
        self.call_id = None
        self.party_id = None
        self.subject.clear()
        self.question.clear()
        self.answer.clear()
        self.outcome.setCurrentIndex(0)
        self.status.setText(_("The form opens when you answer a call."))
        self.setEnabled(False)

    def registration(self) -> Registration | None:
        if self.call_id is None:
            return None
        return Registration(
            call_id=self.call_id,
            party_id=self.party_id,
            subject=self.subject.text().strip(),
            question=self.question.toPlainText().strip(),
            answer=self.answer.toPlainText().strip(),
            outcome=self.outcome.currentData(),
        )

    def show_saved(self, final: bool) -> None:
        self.status.setText(
            _("Registration saved.") if final else _("Saved. You can still complete it; Ctrl+S closes it.")
        )
