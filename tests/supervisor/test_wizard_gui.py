"""The first-run wizard end to end, driven by keys: the line test registers
at a real Kamailio (tests/sip), the connection test asks the local
Klantinteracties API (tests/outbox), and at the end the settings work and
the password is in the (test) keyring and in no file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QWizard

from kccdesk.config.paths import default_profile
from kccdesk.config.secrets import get_secret
from kccdesk.config.settings import load_settings, settings_exist
from kccdesk.i18n import set_language
from kccdesk.ui.wizard import FirstRunWizard
from tests.sip.conftest import PASSWORD, USER, Kamailio
from tests.support.klantinteracties_server import TOKEN, KlantinteractiesServer

pytestmark = pytest.mark.gui


@pytest.fixture
def kamailio(tmp_path: Path) -> Iterator[Kamailio]:
    with Kamailio(tmp_path / "kamailio") as server:
        yield server


@pytest.fixture
def api() -> Iterator[KlantinteractiesServer]:
    with KlantinteractiesServer() as server:
        server.token = TOKEN  # so that the wizard's test of a wrong token is refused
        yield server


@pytest.fixture
def wizard(qtbot) -> FirstRunWizard:
    set_language("nl")
    shown = FirstRunWizard(default_profile())
    qtbot.addWidget(shown)
    shown.show()
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    return shown


def type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def alt(qtbot, wizard, key) -> None:
    qtbot.keyClick(QApplication.focusWidget() or wizard, key, Qt.KeyboardModifier.AltModifier)


def next_page(qtbot, wizard) -> None:
    page = wizard.currentId()
    qtbot.keyClick(QApplication.focusWidget() or wizard, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentId() == page + 1)


def files_under(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_file()]


def test_wizard_end_to_end(qtbot, wizard, kamailio, api) -> None:
    type_into(qtbot, wizard.municipality, "Voorbeeldstad")
    type_into(qtbot, wizard.agent_name, "Anna de Vries")
    next_page(qtbot, wizard)
    type_into(qtbot, wizard.registrar, kamailio.registrar)
    type_into(qtbot, wizard.sip_user, USER)
    type_into(qtbot, wizard.sip_password, PASSWORD)
    alt(qtbot, wizard, Qt.Key.Key_L)  # Lijn testen
    qtbot.waitUntil(lambda: wizard.line_result.text().startswith("De lijn werkt"), timeout=20000)
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)  # sound: the default devices, as proposed
    next_page(qtbot, wizard)  # records: on this computer, as proposed
    type_into(qtbot, wizard.klantinteracties_url, api.base_url)
    type_into(qtbot, wizard.api_token, "verkeerd")
    alt(qtbot, wizard, Qt.Key.Key_E)  # Verbinding testen (a button: it clicks a moment later), a wrong token first
    qtbot.waitUntil(lambda: "weigert het token" in wizard.api_result.text())
    wizard.api_token.clear()
    type_into(qtbot, wizard.api_token, TOKEN)
    alt(qtbot, wizard, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: wizard.api_result.text().endswith("antwoordt (HTTP 200)."))
    next_page(qtbot, wizard)
    alt(qtbot, wizard, Qt.Key.Key_I)  # In opleiding (trainee)
    qtbot.waitUntil(wizard.trainee_mode.isChecked)
    with qtbot.waitSignal(wizard.finished):
        qtbot.keyClick(QApplication.focusWidget() or wizard, Qt.Key.Key_Return)  # Finish
    assert wizard.result() == QWizard.DialogCode.Accepted.value

    profile = default_profile()
    settings = load_settings(profile.settings_file)
    assert settings.workstation.municipality == "Voorbeeldstad"
    assert settings.workstation.agent_name == "Anna de Vries"
    assert settings.workstation.mode == "trainee"
    assert (settings.line.kind, settings.sip.registrar, settings.sip.user) == ("sip", kamailio.registrar, USER)
    assert settings.sinks.klantinteracties_url == api.base_url
    assert get_secret("sip-password") == PASSWORD
    assert get_secret("api-token") == TOKEN
    written = files_under(profile.config_dir, profile.data_dir)
    assert profile.settings_file in written
    for path in written:
        content = path.read_bytes()
        assert PASSWORD.encode() not in content, path
        assert TOKEN.encode() not in content, path


def test_every_step_can_be_skipped(qtbot, wizard) -> None:
    type_into(qtbot, wizard.municipality, "Voorbeeldstad")
    for page in range(5):
        alt(qtbot, wizard, Qt.Key.Key_S)  # Sla deze stap over (a button: it clicks a moment later)
        qtbot.waitUntil(lambda page=page: wizard.currentId() == page + 1)
    with qtbot.waitSignal(wizard.finished):
        alt(qtbot, wizard, Qt.Key.Key_S)
    settings = load_settings(default_profile().settings_file)
    assert settings.workstation.municipality == ""  # the skipped step keeps nothing typed in it
    assert settings.line.kind == "simulated"


def test_the_text_size_chosen_is_shown_at_once_and_kept(qtbot, wizard) -> None:
    system = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).pointSizeF()
    alt(qtbot, wizard, Qt.Key.Key_R)  # Tekstgrootte
    assert QApplication.focusWidget() is wizard.text_size
    qtbot.keyClick(wizard.text_size, Qt.Key.Key_Down)
    qtbot.keyClick(wizard.text_size, Qt.Key.Key_Down)
    assert wizard.text_size.currentText() == "150 %"
    assert QApplication.font().pointSizeF() == pytest.approx(1.5 * system)  # the wizard shows it already
    next_page(qtbot, wizard)
    for page in range(1, 5):
        alt(qtbot, wizard, Qt.Key.Key_S)  # Sla deze stap over
        qtbot.waitUntil(lambda page=page: wizard.currentId() == page + 1)
    with qtbot.waitSignal(wizard.finished):
        alt(qtbot, wizard, Qt.Key.Key_S)
    assert load_settings(default_profile().settings_file).workstation.text_size == 150


def test_cancel_writes_nothing(qtbot, wizard) -> None:
    type_into(qtbot, wizard.municipality, "Voorbeeldstad")
    next_page(qtbot, wizard)
    type_into(qtbot, wizard.sip_password, "half-ingevuld")
    with qtbot.waitSignal(wizard.finished):
        qtbot.keyClick(QApplication.focusWidget() or wizard, Qt.Key.Key_Escape)
    profile = default_profile()
    assert not settings_exist(profile.settings_file)
    assert files_under(profile.config_dir, profile.data_dir) == []
    assert get_secret("sip-password") is None
