"""The first-run wizard's sound page: the headset's microphone and speaker,
where the phone rings, and a test tone on the chosen speaker."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QPushButton

from kccdesk.i18n import _
from kccdesk.services import setup
from kccdesk.ui.restyle import named
from kccdesk.ui.text import plain_label


class AudioChoices:
    """The three device lists and the test tone, laid out in a form."""

    def __init__(self) -> None:
        self.microphone = named(QComboBox(), "microphone")
        self.speaker = named(QComboBox(), "speaker")
        self.ringtone = named(QComboBox(), "ringtone")
        self.test_tone = QPushButton(_("Play a &test tone"))
        self.result = plain_label(object_name="audioResult", wrap=True)
        self.test_tone.clicked.connect(self.play_tone)

    def add_to(self, form: QFormLayout) -> None:
        for text, combo in ((_("&Microphone:"), self.microphone), (_("&Speaker:"), self.speaker),
                            (_("Ring&tone on:"), self.ringtone)):  # fmt: skip
            label = plain_label(text)
            label.setBuddy(combo)
            form.addRow(label, combo)
        form.addRow(self.test_tone, self.result)

    def fill(self, microphone: str | int, speaker: str | int, ringtone: str | int) -> None:
        """The devices PortAudio knows, the saved choices selected; without
        PortAudio or devices the page says so and can be skipped."""
        for combo in (self.microphone, self.speaker, self.ringtone):
            combo.clear()
            combo.addItem(_("default device"), "")
        self.result.clear()
        try:
            devices = setup.sound_devices()
        except setup.SetupProblem as error:
            self.result.setText(str(error))
            self.test_tone.setEnabled(False)
            return
        if not devices:
            self.result.setText(_("No sound devices found: connect a headset, or check that the sound system runs."))
        for device in devices:
            if device.inputs:
                self.microphone.addItem(device.name, device.name)
            if device.outputs:
                self.speaker.addItem(device.name, device.name)
                self.ringtone.addItem(device.name, device.name)
        for combo, value in ((self.microphone, microphone), (self.speaker, speaker), (self.ringtone, ringtone)):
            combo.setCurrentIndex(max(combo.findData(value), 0))
        self.test_tone.setEnabled(self.speaker.count() > 1 or bool(devices))

    def choices(self) -> tuple[str, str, str]:
        return self.microphone.currentData(), self.speaker.currentData(), self.ringtone.currentData()

    def play_tone(self) -> None:
        """A test tone on the chosen speaker; playing does not hold up the window."""
        try:
            setup.play_tone(self.speaker.currentData())
        except setup.SetupProblem as error:
            self.result.setText(_("The test tone cannot be played: {error}").format(error=error))
            return
        self.result.setText(_("Test tone played: did you hear it?"))
