"""The wizard's sound page through the real PortAudio on ALSA's null device
(a test machine has no sound card; see tests/sip/test_audio_devices.py). It
runs in a process of its own: PortAudio reads the ALSA configuration once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PAGE = """
import json
from PySide6.QtWidgets import QApplication, QFormLayout, QWidget
from kccdesk.i18n import set_language
set_language("nl")
from kccdesk.ui.audio_page import AudioChoices
app = QApplication([])
page = QWidget()
choices = AudioChoices()
choices.add_to(QFormLayout(page))
choices.fill("", "default", "")
speakers = [choices.speaker.itemText(i) for i in range(choices.speaker.count())]
choices.play_tone()
print(json.dumps({"speakers": speakers, "chosen": choices.choices(), "result": choices.result.text()}))
"""


def test_the_sound_page_lists_the_devices_keeps_the_choice_and_plays_a_test_tone(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / ".asoundrc").write_text("pcm.!default {\n    type null\n}\n", encoding="utf-8")
    env = dict(os.environ, HOME=str(home), PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    run = subprocess.run([sys.executable, "-c", PAGE], capture_output=True, text=True, env=env, timeout=60)
    assert run.returncode == 0, run.stderr
    page = json.loads(run.stdout.strip().splitlines()[-1])
    assert page["speakers"][0] == "standaardapparaat" and "default" in page["speakers"]
    assert page["chosen"] == ["", "default", ""]
    assert page["result"] == "Testtoon afgespeeld: hoorde je hem?"
