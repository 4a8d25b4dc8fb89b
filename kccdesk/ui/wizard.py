"""The first-run wizard: shown when a workstation has no settings yet.

Every step can be skipped (the Skip button empties the step and goes on);
nothing is written until Finish, and then secrets go to the keyring before
the settings file is written (see kccdesk.config.first_run).
"""

from __future__ import annotations

from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QWidget,
    QWizard,
    QWizardPage,
)

from kccdesk.config import text_size
from kccdesk.config.lock import LockedSettingError
from kccdesk.config.paths import Profile
from kccdesk.config.secrets import NoKeyringError, SecretStoreError
from kccdesk.config.settings import Settings
from kccdesk.i18n import _
from kccdesk.services import setup
from kccdesk.ui.audio_page import AudioChoices
from kccdesk.ui.line_check import LineCheck
from kccdesk.ui.screen_fit import fit_to_screen
from kccdesk.ui.style import application, set_text_size
from kccdesk.ui.text import plain_label

WIDTH, HEIGHT = 720, 520  # at 100 % text


def _page(title: str, subtitle: str) -> tuple[QWizardPage, QFormLayout]:
    page = QWizardPage()
    page.setTitle(title)
    page.setSubTitle(subtitle)
    form = QFormLayout(page)
    return page, form


def _row(form: QFormLayout, text: str, widget: QWidget) -> None:
    label = QLabel(text)
    label.setBuddy(widget)
    form.addRow(label, widget)


class FirstRunWizard(QWizard):
    def __init__(self, profile: Profile, base: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.base = base or Settings()
        self.saved: Settings | None = None
        self.line_check: LineCheck | None = None
        self.setWindowTitle(_("Set up kccdesk"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, _("&Skip this step"))
        self.customButtonClicked.connect(self._skip)
        self.municipality = QLineEdit()
        self.agent_name = QLineEdit()
        self.text_size = QComboBox()
        for size in text_size.STEPS:
            self.text_size.addItem(f"{size} %", size)
        self.registrar = QLineEdit()
        self.registrar.setPlaceholderText("sip:pbx.gemeente.nl:5060")
        self.sip_user = QLineEdit()
        self.sip_password = QLineEdit()
        self.sip_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.test_line = QPushButton(_("&Test the line"))
        self.line_result = plain_label(object_name="lineResult")
        self.audio = AudioChoices()
        self.local_records = QCheckBox(_("Records on this &computer"))
        self.remote_records = QCheckBox(_("Records from &Open Klant"))
        self.openklant_url = QLineEdit()
        self.klantinteracties_url = QLineEdit()
        self.webhook_url = QLineEdit()
        self.api_token = QLineEdit()
        self.api_token.setEchoMode(QLineEdit.EchoMode.Password)
        self.test_api = QPushButton(_("Test the &connection"))
        self.api_result = plain_label(object_name="apiResult")
        for result in (self.line_result, self.api_result):
            result.setWordWrap(True)
        self.script_set = QComboBox()
        self.script_set.addItems(setup.script_sets())
        self.agent_mode = QRadioButton(_("&Agent: the call script in short"))
        self.trainee_mode = QRadioButton(_("T&rainee: the call script with the why of each step"))
        self._modes = QButtonGroup(self)
        self._modes.addButton(self.agent_mode)
        self._modes.addButton(self.trainee_mode)
        for page in self._pages():
            self.addPage(page)
        self.test_line.clicked.connect(self._test_line)
        self.test_api.clicked.connect(self._test_api)
        self.remote_records.toggled.connect(self.openklant_url.setEnabled)
        self.text_size.currentIndexChanged.connect(self._show_text_size)
        self._reset_all()

    def _pages(self) -> list[QWizardPage]:
        work, form = _page(_("This workstation"), _("Which municipality is this, and who works here?"))
        _row(form, _("&Municipality:"), self.municipality)
        _row(form, _("Your n&ame:"), self.agent_name)
        _row(form, _("Text si&ze:"), self.text_size)
        line, form = _page(
            _("Phone line"),
            _(
                "Your SIP account at the phone system. The password goes to the system's password store, "
                "never to a file. Without an account kccdesk uses a practice line."
            ),
        )
        _row(form, _("&Registrar:"), self.registrar)
        _row(form, _("&User:"), self.sip_user)
        _row(form, _("&Password:"), self.sip_password)
        form.addRow(self.test_line, self.line_result)
        sound, form = _page(
            _("Sound"), _("The headset for calls, and where the phone rings. Play a test tone to check the speaker.")
        )
        self.audio.add_to(form)
        records, form = _page(_("Records"), _("Where kccdesk looks up who is calling."))
        form.addRow(self.local_records)
        form.addRow(self.remote_records)
        _row(form, _("Open Klant &address:"), self.openklant_url)
        sinks, form = _page(
            _("Registrations"), _("Where registrations go besides this computer. The token goes to the password store.")
        )
        _row(form, _("&Klantinteracties API:"), self.klantinteracties_url)
        _row(form, _("&Webhook:"), self.webhook_url)
        _row(form, _("API t&oken:"), self.api_token)
        form.addRow(self.test_api, self.api_result)
        scripts, form = _page(_("Call script"), _("Which call script set, and how much guidance?"))
        _row(form, _("Script s&et:"), self.script_set)
        form.addRow(self.agent_mode)
        form.addRow(self.trainee_mode)
        self._resets = [self._reset_work, self._reset_line, self._reset_sound, self._reset_records, self._reset_sinks,
                        self._reset_scripts]  # fmt: skip
        return [work, line, sound, records, sinks, scripts]

    # -- skipping and resetting ------------------------------------------------

    def _reset_work(self) -> None:
        self.municipality.setText(self.base.workstation.municipality)
        self.agent_name.setText(self.base.workstation.agent_name)
        index = self.text_size.findData(self.base.workstation.text_size)
        self.text_size.setCurrentIndex(max(index, 0))

    def _show_text_size(self) -> None:
        """The text size chosen, at once: the wizard shows how it looks."""
        set_text_size(application(), self.text_size.currentData())
        if self.isVisible():
            fit_to_screen(self, WIDTH, HEIGHT)

    def _reset_line(self) -> None:
        self.registrar.setText(self.base.sip.registrar)
        self.sip_user.setText(self.base.sip.user)
        self.sip_password.clear()
        self.line_result.clear()

    def _reset_sound(self) -> None:
        sip = self.base.sip
        self.audio.fill(sip.input_device, sip.output_device, sip.ringtone_device)

    def _reset_records(self) -> None:
        self.local_records.setChecked("local" in self.base.records.sources)
        self.remote_records.setChecked("remote" in self.base.records.sources)
        self.openklant_url.setText(self.base.records.openklant_url)
        self.openklant_url.setEnabled(self.remote_records.isChecked())

    def _reset_sinks(self) -> None:
        self.klantinteracties_url.setText(self.base.sinks.klantinteracties_url)
        self.webhook_url.setText(self.base.sinks.webhook_url)
        self.api_token.clear()
        self.api_result.clear()

    def _reset_scripts(self) -> None:
        index = self.script_set.findText(self.base.scripts.set)
        self.script_set.setCurrentIndex(max(index, 0))
        (self.trainee_mode if self.base.workstation.mode == "trainee" else self.agent_mode).setChecked(True)

    def _reset_all(self) -> None:
        for reset in self._resets:
            reset()

    def _skip(self, which: int) -> None:
        self._resets[self.currentId()]()
        if self.currentId() == len(self._resets) - 1:
            self.accept()
        else:
            self.next()

    # -- the checks ----------------------------------------------------------

    def _test_line(self) -> None:
        try:
            line, registrar = setup.line_to_try(self.registrar.text(), self.sip_user.text(), self.sip_password.text())
        except setup.SetupProblem as error:
            self.line_result.setText(_("The line does not work: {reason}").format(reason=error))
            return
        self._close_line_check()
        self.line_result.setText(_("Registering…"))
        self.test_line.setEnabled(False)
        self.line_check = LineCheck(line, registrar, parent=self)
        self.line_check.done.connect(self._line_checked)
        self.line_check.start()

    def _line_checked(self, ok: bool, text: str) -> None:
        self.line_result.setText(text)
        self.test_line.setEnabled(True)

    def _test_api(self) -> None:
        QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        try:
            _ok, text = setup.check_registration_api(
                self.klantinteracties_url.text().strip(), self.webhook_url.text().strip(), self.api_token.text()
            )
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.api_result.setText(text)

    def _close_line_check(self) -> None:
        if self.line_check is not None:
            self.line_check.close()
            self.line_check = None

    # -- finishing -------------------------------------------------------------

    def answers(self) -> setup.Answers:
        sources = [
            name for name, box in (("local", self.local_records), ("remote", self.remote_records)) if box.isChecked()
        ]
        return setup.Answers(
            municipality=self.municipality.text(),
            agent_name=self.agent_name.text(),
            registrar=self.registrar.text(),
            sip_user=self.sip_user.text(),
            sip_password=self.sip_password.text(),
            input_device=self.audio.choices()[0],
            output_device=self.audio.choices()[1],
            ringtone_device=self.audio.choices()[2],
            record_sources=sources,
            openklant_url=self.openklant_url.text() if self.remote_records.isChecked() else "",
            klantinteracties_url=self.klantinteracties_url.text(),
            webhook_url=self.webhook_url.text(),
            api_token=self.api_token.text(),
            script_set=self.script_set.currentText(),
            mode="trainee" if self.trainee_mode.isChecked() else "agent",
            text_size=self.text_size.currentData(),
        )

    def accept(self) -> None:
        try:
            self.saved = setup.save_first_run(self.answers(), self.base, self.profile.settings_file)
        except ValidationError as error:
            self._refuse(
                _("A setting is not right: {error}").format(
                    error="; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
                )
            )
            return
        except (LockedSettingError, NoKeyringError, SecretStoreError, OSError) as error:
            self._refuse(str(error))
            return
        self._close_line_check()
        super().accept()

    def reject(self) -> None:
        self._close_line_check()
        super().reject()

    def _refuse(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, _("Not saved"), text, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()


def run_first_run(profile: Profile) -> bool:
    """Show the wizard; True when it saved settings. A cancel writes nothing."""
    from kccdesk.ui.style import style_application

    app = application()
    style_application(app)
    wizard = FirstRunWizard(profile)
    fit_to_screen(wizard, WIDTH, HEIGHT)
    return wizard.exec() == QWizard.DialogCode.Accepted.value and wizard.saved is not None
