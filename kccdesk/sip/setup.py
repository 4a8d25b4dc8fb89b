"""The SIP line from the workstation's settings and the keyring's password."""

from __future__ import annotations

import subprocess
from pathlib import Path

from kccdesk.config.secrets import NoKeyringError, SecretStoreError, get_secret
from kccdesk.config.settings import SipSettings
from kccdesk.i18n import _
from kccdesk.sip.account import AccountError, SipAccount
from kccdesk.sip.audio.config import AudioConfig
from kccdesk.sip.line import SipLine


def account_from_settings(sip: SipSettings, password: str) -> SipAccount:
    if not sip.registrar or not sip.user:
        raise AccountError(_("the SIP line needs [sip] registrar and user in the settings"))
    return SipAccount(
        registrar=sip.registrar,
        user=sip.user,
        password=password,
        auth_user=sip.auth_user,
        domain=sip.domain,
        transport=sip.transport,
        local_port=sip.port,
        outbound_proxy=sip.outbound_proxy,
        rtp_port_start=sip.rtp_port_start,
        register_seconds=sip.register_seconds,
        tls_ca_file=sip.tls_ca_file,
        srtp=sip.srtp,
    )


def stored_password() -> str:
    try:
        password = get_secret("sip-password")
    except (NoKeyringError, SecretStoreError) as error:
        raise AccountError(str(error)) from error
    if not password:
        raise AccountError(_("no SIP password is stored; save it with: kccdesk secret set sip-password"))
    return password


def audio_from_settings(sip: SipSettings) -> AudioConfig:
    return AudioConfig(
        input_device=sip.input_device,
        output_device=sip.output_device,
        ringtone_device=sip.ringtone_device,
        test_dir=sip.test_audio_dir,
    )


def line_from_settings(
    sip: SipSettings, log_file: Path | None = None, process: subprocess.Popen[bytes] | None = None
) -> SipLine:
    """The line; ``process``: its SIP process, started ahead (``start_process``)."""
    return SipLine(
        account_from_settings(sip, stored_password()),
        log_file=log_file,
        audio=audio_from_settings(sip),
        process=process,
    )
