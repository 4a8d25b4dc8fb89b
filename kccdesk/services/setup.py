"""What setting up a workstation does besides asking (the first-run wizard):
check the SIP account and give a line to try it, ask the registration system
whether it answers, list the sound devices and play a test tone, list the
call script sets, and save the answers (secrets first, then the file).

The wizard only asks and shows; it reaches the SIP line, the sound devices
and the registration system through these functions.
"""

from __future__ import annotations

from kccdesk.config.first_run import Answers, save_first_run, script_sets
from kccdesk.core.line import PumpedLine
from kccdesk.outbox.check import check_registration_api
from kccdesk.sip.account import AccountError, SipAccount
from kccdesk.sip.audio.backend import AudioUnavailable
from kccdesk.sip.audio.devices import SoundDevice, list_devices, play_test_tone
from kccdesk.sip.line import SipLine

__all__ = [
    "Answers",
    "SetupProblem",
    "check_registration_api",
    "line_to_try",
    "play_tone",
    "save_first_run",
    "script_sets",
    "sound_devices",
]


class SetupProblem(ValueError):
    """What was filled in cannot be used; the message says why."""


def line_to_try(registrar: str, user: str, password: str) -> tuple[PumpedLine, str]:
    """A SIP line on this account, not started, and the registrar it will
    register at; SetupProblem when the account cannot be used."""
    try:
        account = SipAccount(registrar.strip(), user.strip(), password)
    except AccountError as error:
        raise SetupProblem(str(error)) from error
    return SipLine(account), account.registrar


def sound_devices() -> list[SoundDevice]:
    """The devices PortAudio knows; SetupProblem when PortAudio cannot list them."""
    try:
        return list_devices()
    except AudioUnavailable as error:
        raise SetupProblem(str(error)) from error


def play_tone(device: str | int) -> None:
    """A short test tone on ``device`` ("" for the default); SetupProblem when it cannot be played."""
    try:
        play_test_tone(device)
    except Exception as error:
        raise SetupProblem(str(error)) from error
