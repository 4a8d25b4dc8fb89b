"""The line over TLS: the registrar proves who it is with its certificate
before the account's password goes to it. Kamailio with its TLS module
(Debian package kamailio-tls-modules) and certificates made by openssl for
the test. SIPp as Debian ships it cannot call over TLS, so these tests
register only; calls over TLS take the same path in pjsua2 as over TCP."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from kccdesk.core.line import LineState
from kccdesk.sip.line import SipLine
from tests.sip.conftest import Kamailio, Recorder, free_port, make_account, program

pytestmark = pytest.mark.timeout(60)


def certificate(folder: Path, name: str) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key."""
    key, cert = folder / f"{name}.key", folder / f"{name}.crt"
    subprocess.run(
        [program("openssl", "openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", f"/CN={name}", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return key, cert


class TlsKamailio(Kamailio):
    """The test registrar, also listening for TLS on a port of its own."""

    def __init__(self, workdir: Path, method: str = "TLSv1.2+") -> None:
        """``method``: the TLS versions Kamailio speaks (its tls module's words)."""
        super().__init__(workdir)
        self.tls_port = free_port()
        key, self.certificate = certificate(workdir, "registrar")
        tls_config = workdir / "tls.cfg"
        tls_config.write_text(
            f"[server:default]\nmethod = {method}\nverify_certificate = no\nrequire_certificate = no\n"
            f"private_key = {key}\ncertificate = {self.certificate}\n\n"
            "[client:default]\nmethod = TLSv1.2+\nverify_certificate = no\nrequire_certificate = no\n",
            encoding="utf-8",
        )
        text = self.config.read_text(encoding="utf-8")
        text = text.replace(
            "auto_aliases=no\n",
            f"auto_aliases=no\nenable_tls=yes\nlisten=tls:127.0.0.1:{self.tls_port}\n"
            f'alias="127.0.0.1:{self.tls_port}"\n',
        )
        text = text.replace(
            'loadmodule "tm.so"\n',
            f'loadmodule "tls.so"\nmodparam("tls", "config", "{tls_config}")\nloadmodule "tm.so"\n',
        )
        saved = '        if (!save("location", "0x04")) {\n'
        assert saved in text
        said = '        if (proto == TLS) { xlog("L_ALERT", "registered over $tls_version\\n"); }\n'
        self.config.write_text(text.replace(saved, said + saved), encoding="utf-8")

    def versions(self) -> list[str]:
        """The TLS version of each REGISTER's connection, as Kamailio saw it."""
        return re.findall(r"registered over (\S+)", self.log.read_text(errors="replace"))

    @property
    def tls_registrar(self) -> str:
        return f"sip:127.0.0.1:{self.tls_port}"


@pytest.fixture
def tls_kamailio(tmp_path: Path, request) -> Iterator[TlsKamailio]:
    """Kamailio over TLS 1.2 and up, or over the versions a test names (``tls_method`` marker)."""
    marker = request.node.get_closest_marker("tls_method")
    with TlsKamailio(tmp_path / "kamailio", *(marker.args if marker else ())) as server:
        yield server


def start_line(kamailio: TlsKamailio, ca_file: Path, log: Path) -> Recorder:
    account = make_account(kamailio, registrar=kamailio.tls_registrar, transport="tls", tls_ca_file=str(ca_file))
    line = SipLine(account, log_file=log)
    recorder = Recorder(line)
    line.start()
    return recorder


def test_registers_over_tls_with_the_registrars_certificate_checked(tls_kamailio, tmp_path):
    recorder = start_line(tls_kamailio, tls_kamailio.certificate, tmp_path / "pjsip.log")
    try:
        recorder.wait_for_state(LineState.READY, 10)
    finally:
        recorder.line.close()


def test_a_registrar_with_a_certificate_nobody_vouches_for_gets_no_registration(tls_kamailio, tmp_path):
    _key, stranger = certificate(tmp_path, "stranger")
    recorder = start_line(tls_kamailio, stranger, tmp_path / "pjsip.log")
    try:
        failing = recorder.wait_for_state(LineState.FAILING, 10)
        assert failing.reason.startswith("the registrar's certificate could not be checked")
        assert "sip.tls_ca_file" in failing.reason and "trying again" in failing.reason
    finally:
        recorder.line.close()
    assert not any(getattr(e, "state", None) is LineState.READY for e in recorder.events)


def test_registers_over_tls_1_3(tls_kamailio, tmp_path):
    """The engine's OpenSSL speaks TLS 1.3 with a registrar that offers it
    (the PyPI wheel's OpenSSL 1.0.2 stops at 1.2)."""
    recorder = start_line(tls_kamailio, tls_kamailio.certificate, tmp_path / "pjsip.log")
    try:
        recorder.wait_for_state(LineState.READY, 10)
    finally:
        recorder.line.close()
    assert tls_kamailio.versions()[0] == "TLSv1.3"


@pytest.mark.tls_method("TLSv1.1")
def test_a_registrar_that_offers_only_tls_1_1_gets_no_registration(tls_kamailio, tmp_path):
    """TLS 1.0 and 1.1 are refused: the password never goes over them."""
    recorder = start_line(tls_kamailio, tls_kamailio.certificate, tmp_path / "pjsip.log")
    try:
        recorder.wait_for_state(LineState.FAILING, 10)
    finally:
        recorder.line.close()
    assert not any(getattr(e, "state", None) is LineState.READY for e in recorder.events)
