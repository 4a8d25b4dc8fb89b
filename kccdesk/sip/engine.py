"""What the SIP engine in use can do: which pjproject, which SSL library
and TLS versions, SRTP, codecs, sound devices, whether it sends the
automatic 100 Trying, and whether it sends 180 Ringing itself. kccdesk's own
build (packaging/pjsua2/build) carries a description of how it was made
(``pjsua2_engine.json``); of another build, such as the PyPI wheel, what can
be asked at run time is asked and the rest is said to be unknown.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from importlib import util
from pathlib import Path
from typing import Any

from kccdesk.i18n import _

WANTED_CODECS = ("opus", "G722", "PCMA", "PCMU")


@dataclass(frozen=True)
class Engine:
    pjproject: str  # the version pjsua2 reports
    build: str  # "kccdesk <key>" for the own build, else the distribution and version
    ssl: str  # the SSL library's own version text; "" without TLS
    tls: tuple[str, ...]  # the TLS versions the app can use ("1.2", "1.3")
    srtp: bool | None  # None: not known of this build
    codecs: tuple[str, ...]  # "opus/48000/2", "PCMA/8000/1", ...
    sound_devices: int  # what the engine itself sees (0: the app's own audio bridge does the sound)
    auto_100: bool | None  # True: sends 100 Trying before the app's 180; None: not known
    rings_at_once: bool | None  # True: sends 180 Ringing itself, before the app hears of the call

    def line(self) -> str:
        """One line for ``line engine`` and the top of ``line test``."""
        unknown = _("unknown")
        parts = [
            _("pjproject {version} ({build})").format(version=self.pjproject, build=self.build),
            self.ssl or _("no TLS"),
            _("TLS {versions}").format(versions=", ".join(self.tls)) if self.tls else "",
            _("SRTP {state}").format(state=unknown if self.srtp is None else _("yes") if self.srtp else _("no")),
            _("codecs {names}").format(names=", ".join(sorted({c.split("/")[0] for c in self.codecs}))),
            _("{count} sound devices").format(count=self.sound_devices),
            _("automatic 100 Trying {state}").format(
                state=unknown if self.auto_100 is None else _("on") if self.auto_100 else _("off")
            ),
            _("180 Ringing at once {state}").format(
                state=unknown if self.rings_at_once is None else _("on") if self.rings_at_once else _("off")
            ),
        ]
        return " · ".join(part for part in parts if part)

    def missing(self) -> list[str]:
        """What this engine lacks that kccdesk wants, in plain words."""
        problems = []
        if not self.tls:
            problems.append(_("TLS is not available in this SIP module: the line can use UDP and TCP only."))
        elif "1.3" not in self.tls:
            problems.append(_("This SIP module's SSL library is too old for TLS 1.3 ({ssl}).").format(ssl=self.ssl))
        if self.srtp is False:
            problems.append(_("SRTP is not available in this SIP module: calls are not encrypted."))
        names = {codec.split("/")[0].lower() for codec in self.codecs}
        lacking = [name for name in WANTED_CODECS if name.lower() not in names]
        if lacking:
            problems.append(_("This SIP module lacks the codecs {names}.").format(names=", ".join(lacking)))
        return problems

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "tls": list(self.tls), "codecs": list(self.codecs), "missing": self.missing()}


def describe(endpoint: Any) -> Engine:
    """The engine behind ``endpoint`` (a pjsua2 Endpoint after libInit)."""
    made = build_facts()
    ssl = ssl_version(endpoint)
    return Engine(
        pjproject=str(endpoint.libVersion().full),
        build=f"kccdesk {made['key']}" if made else distribution(),
        ssl=ssl,
        tls=tls_versions(ssl),
        srtp=bool(made.get("defines", {}).get("PJMEDIA_HAS_SRTP")) if made else None,
        codecs=tuple(str(codec.codecId) for codec in endpoint.codecEnum2()),
        sound_devices=sound_devices(endpoint),
        auto_100=not made.get("defines", {}).get("PJSUA_DISABLE_AUTO_SEND_100") if made else None,
        rings_at_once=rings_at_once() if made else None,
    )


def probe() -> Engine:
    """The engine this Python has, started and stopped for the question
    (in a process that has no other Endpoint)."""
    with _endpoint() as endpoint:
        return describe(endpoint)


def probe_devices() -> list[tuple[int, str, int, int]]:
    """The sound devices the engine itself can open: (number, name, inputs, outputs)."""
    with _endpoint() as endpoint:
        return devices_of(endpoint)


def devices_of(endpoint: Any) -> list[tuple[int, str, int, int]]:
    """(number, name, inputs, outputs) of every device the engine behind
    ``endpoint`` can open (not ALSA's bare plugins, which have neither)."""
    found = []
    for index, info in enumerate(endpoint.audDevManager().enumDev2()):
        if info.inputCount or info.outputCount:
            found.append((index, str(info.name), int(info.inputCount), int(info.outputCount)))
    return found


@contextlib.contextmanager
def _endpoint() -> Iterator[Any]:
    import pjsua2 as pj

    from kccdesk.sip.quiet import quiet_output

    endpoint = pj.Endpoint()
    with quiet_output():
        endpoint.libCreate()
    try:
        config = pj.EpConfig()
        config.logConfig.consoleLevel = 0
        config.logConfig.level = 0
        config.uaConfig.threadCnt = 0
        config.medConfig.threadCnt = 0
        with quiet_output():
            endpoint.libInit(config)
        yield endpoint
    finally:
        with quiet_output():
            endpoint.libDestroy(pj.PJSUA_DESTROY_NO_NETWORK)  # nothing to unregister: no waiting


def build_facts() -> dict[str, Any]:
    """How kccdesk's own build was made; {} for any other build."""
    spec = util.find_spec("pjsua2")
    if spec is None or spec.origin is None:
        return {}
    try:
        facts = json.loads((Path(spec.origin).parent / "pjsua2_engine.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return facts if isinstance(facts, dict) else {}


def rings_at_once() -> bool:
    """Whether the engine answers an INVITE with 180 Ringing itself, before
    the app's callback (kccdesk's build: PJSUA_INITIAL_ANSWER_CODE)."""
    return build_facts().get("defines", {}).get("PJSUA_INITIAL_ANSWER_CODE") == 180


def distribution() -> str:
    from importlib import metadata

    try:
        return f"pjsua2-python {metadata.version('pjsua2-python')}"
    except metadata.PackageNotFoundError:
        return _("a pjsua2 of unknown origin")


def ssl_version(endpoint: Any) -> str:
    """The SSL library pjsua2 uses, as it names itself; "" when pjsua2 has no TLS."""
    try:
        if not endpoint.utilSslGetAvailableCiphers():
            return ""
    except Exception:  # noqa: BLE001 - pjsua2 raises its own Error when built without SSL
        return ""
    return _openssl_text() or _("an SSL library")


def tls_versions(ssl: str) -> tuple[str, ...]:
    """The TLS versions the app allows (1.2 and up) that this SSL library speaks."""
    if not ssl:
        return ()
    words = ssl.split()
    version = words[1] if len(words) > 1 and words[0] == "OpenSSL" else ""
    if version.startswith(("0.", "1.0.")):
        return ("1.2",)
    return ("1.2", "1.3")


def _openssl_text() -> str:
    """The version text of the OpenSSL pjsua2 has loaded (Linux: found among
    the process's mapped files; a wheel's own copy, beside the module, before
    the system's, which Python itself may have loaded too)."""
    maps = Path("/proc/self/maps")
    spec = util.find_spec("pjsua2")
    if not sys.platform.startswith("linux") or not maps.exists() or spec is None or spec.origin is None:
        return ""
    import ctypes

    packages = str(Path(spec.origin).parent)
    names = {line.split()[-1] for line in maps.read_text().splitlines() if "libcrypto" in line}
    for name in sorted(names, key=lambda name: (not name.startswith(packages), name)):
        try:
            library = ctypes.CDLL(name)
        except OSError:
            continue
        for function in ("OpenSSL_version", "SSLeay_version"):
            # (not named "version": a frozen app's builder would take a call of it for importlib.metadata's)
            named = getattr(library, function, None)
            if named is not None:
                named.restype = ctypes.c_char_p
                named.argtypes = [ctypes.c_int]
                return (named(0) or b"").decode(errors="replace")
    return ""


def sound_devices(endpoint: Any) -> int:
    """How many sound devices the engine itself can open (0: the app's audio bridge does the sound)."""
    try:
        return len(devices_of(endpoint))
    except Exception:  # noqa: BLE001 - an engine without sound devices raises
        return 0
