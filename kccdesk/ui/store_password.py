"""The window that asks for the password of the encrypted file in which
kccdesk keeps its passwords, where no desktop password store can run. A
program started from the menu has no terminal to ask it on."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from kccdesk.i18n import _
from kccdesk.ui.restyle import named
from kccdesk.ui.text import plain_label


class StorePasswordDialog(QDialog):
    """The file's password; for a new file, chosen and typed again."""

    def __init__(self, new: bool) -> None:
        super().__init__()
        self.setObjectName("storePassword")
        self.setWindowTitle(_("Password store"))
        if new:
            text = _(
                "kccdesk keeps the SIP password and the API token in an encrypted file. "
                "Choose a password for this file. You type it each time kccdesk starts."
            )
        else:
            text = _("kccdesk keeps its passwords in an encrypted file. Type the password of this file.")
        self.password = self._field("storePasswordField", _("Password"))
        self.again = self._field("storePasswordAgain", _("Password again")) if new else None
        self.problem = plain_label("", "storePasswordProblem", wrap=True)
        self.problem.setVisible(False)
        form = QFormLayout()
        form.addRow(self._label(_("&Password:"), self.password), self.password)
        if self.again is not None:
            form.addRow(self._label(_("&Again:"), self.again), self.again)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(text, "storePasswordText", wrap=True))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)  # grows with the text size

    def _field(self, name: str, accessible: str) -> QLineEdit:
        field = named(QLineEdit(), name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(accessible)
        return field

    def _label(self, text: str, field: QLineEdit) -> QLabel:
        label = QLabel(text)
        label.setBuddy(field)
        return label

    def ask(self, problem: str = "") -> tuple[str, str] | None:
        """What was typed (the password, and again), or None when cancelled.
        ``problem`` says why the last answer was not taken."""
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        for field in (self.password, self.again):
            if field is not None:
                field.clear()
        self.password.setFocus()
        if self.exec() != QDialog.DialogCode.Accepted.value:
            return None
        again = self.again.text() if self.again is not None else self.password.text()
        return self.password.text(), again
