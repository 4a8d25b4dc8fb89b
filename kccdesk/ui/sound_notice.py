"""The notice the agent cannot miss when the sound does not work: the headset
(no sound in calls) or the ringtone (the phone rings only on screen), with
what to do. It goes once the sound works again."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kccdesk.core.line import SoundPart
from kccdesk.i18n import N_, _
from kccdesk.ui.text import outside_text

ADVICE = {
    SoundPart.HEADSET: N_(
        "No sound in calls: the headset does not work ({detail}). Check that it is plugged in and switched on; "
        "if that does not help, ask your supervisor to choose the sound device (kccdesk line devices)."
    ),
    SoundPart.RINGTONE: N_(
        "The ringtone does not sound ({detail}): watch the screen for calls, and ask your supervisor "
        "to choose the device for the ringtone."
    ),
}


class SoundNotice(QLabel):
    """Shown above the window's panels while part of the sound does not work."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("soundNotice")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setVisible(False)

    def show_problems(self, problems: Mapping[SoundPart, str]) -> None:
        lines = [_(ADVICE[part]).format(detail=outside_text(problems[part])) for part in SoundPart if part in problems]
        self.setText("\n".join(lines))
        self.setVisible(bool(lines))
