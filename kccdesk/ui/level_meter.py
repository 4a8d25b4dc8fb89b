"""How loud the agent speaks and hears, in the status bar, while a call has
audio. The SIP line reports the levels a few times a second (the wiring
hands them to ``show_levels``)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QWidget

from kccdesk.core.line import AudioLevels
from kccdesk.i18n import _


class LevelMeter(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("levelMeter")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.microphone = self._bar(_("Microphone"))
        self.speaker = self._bar(_("Sound from the call"))
        layout.addWidget(self.microphone)
        layout.addWidget(self.speaker)

    def _bar(self, name: str) -> QProgressBar:
        bar = QProgressBar(self)
        bar.setRange(0, 100)
        bar.setTextVisible(False)
        bar.setFixedWidth(60)
        bar.setAccessibleName(name)
        bar.setToolTip(name)
        return bar

    def show_levels(self, levels: AudioLevels) -> None:
        self.microphone.setValue(round(levels.input * 100))
        self.speaker.setValue(round(levels.output * 100))
