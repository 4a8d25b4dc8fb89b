"""The workstation's settings: one TOML file, checked in full before use.

Every key is optional; a missing file means all defaults. A file with any
problem raises SettingsError naming the file, the line and the problem in
plain words, so that the app never starts half-configured.

Saving writes the file anew from the model: comments in a hand-edited file
are not kept.
"""

from __future__ import annotations

import codecs
import os
import re
import tempfile
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails

from kccdesk.i18n import N_, _

_TEXT = N_("text in quotes")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class WorkstationSettings(_Section):
    municipality: str = Field(default="", description=_TEXT)
    agent_name: str = Field(default="", description=_TEXT)
    mode: Literal["agent", "trainee"] = "agent"
    language: Literal["nl", "en"] = "nl"
    text_size: int = Field(
        default=100, ge=100, le=200, description=N_("a percentage of the system's text size, from 100 to 200")
    )
    teams: list[str] = Field(
        default_factory=list,
        description=N_('a list of the teams or skills of this workstation in brackets, such as ["Burgerzaken", "Wmo"]'),
    )  # the news items for these teams are shown here (and those for everyone)


class RingSettings(_Section):
    tone_seconds: float = Field(
        default=1.0, gt=0, allow_inf_nan=False, description=N_("a number of seconds greater than 0")
    )
    silence_seconds: float = Field(
        default=4.0, ge=0, allow_inf_nan=False, description=N_("a number of seconds, 0 or more")
    )
    max_rings: int = Field(default=3, ge=1, description=N_("a whole number of 1 or more"))


class DatabaseSettings(_Section):
    url: str = Field(
        default="",
        description=N_('"" for the database file on this computer, or a database URL in quotes'),
    )

    @field_validator("url")
    @classmethod
    def _parseable(cls, url: str) -> str:
        if url:
            from sqlalchemy.engine import make_url  # only for a URL that is set: SQLAlchemy is slow to load
            from sqlalchemy.exc import ArgumentError

            try:
                make_url(url)
            except ArgumentError as error:
                raise ValueError(str(error)) from error
        return url


class LineSettings(_Section):
    kind: Literal["simulated", "sip"] = "simulated"


RecordSource = Literal["local", "remote"]


class RecordsSettings(_Section):
    sources: list[RecordSource] = Field(
        default_factory=lambda: list[RecordSource](["local"]),
        description=N_('a list of record sources in brackets: "local", "remote" (Open Klant) or both'),
    )
    pbx_prefix: str = Field(
        default="", description=N_('the digit the phone system puts before outside numbers, in quotes ("" for none)')
    )
    open_url: str = Field(
        default="",
        description=N_('"" or a web address in quotes with {e164}, {bsn} or {kvk} where the value goes'),
    )
    openklant_url: str = Field(
        default="", description=N_("the address of the Klantinteracties API in quotes, up to /api/v1")
    )
    openklant_timeout_seconds: float = Field(
        default=2.0, gt=0, allow_inf_nan=False, description=N_("a number of seconds greater than 0")
    )


class CaseSettings(_Section):
    """The municipality's case system (a Zaken API); its client secret is kept in the keyring (zaken-secret)."""

    zaken_url: str = Field(
        default="", description=N_('"" for no case system, or the address of the Zaken API in quotes, up to /api/v1')
    )
    client_id: str = Field(default="", description=N_("the client ID the case system knows kccdesk by, in quotes"))
    catalogi_url: str = Field(
        default="",
        description=N_('"" for no names of case types, or the address of the Catalogi API in quotes, up to /api/v1'),
    )
    timeout_seconds: float = Field(
        default=2.0, gt=0, allow_inf_nan=False, description=N_("a number of seconds greater than 0")
    )


_DEVICE = N_('"" for the system default, or a sound device\'s name in quotes or its number (see: kccdesk line devices)')


class SipSettings(_Section):
    """The agent's SIP account; the password is kept in the keyring (sip-password)."""

    registrar: str = Field(default="", description=N_('the registrar as "sip:HOST" or "sip:HOST:PORT", in quotes'))
    user: str = Field(default="", description=N_("the SIP user name, in quotes"))
    auth_user: str = Field(default="", description=N_('the user name for authentication, in quotes ("" for the user)'))
    domain: str = Field(default="", description=N_('the SIP domain, in quotes ("" for the registrar\'s host)'))
    transport: Literal["udp", "tcp", "tls"] = "udp"
    port: int = Field(default=0, ge=0, le=65535, description=N_("a local port number, or 0 for any free port"))
    outbound_proxy: str = Field(default="", description=N_('"" or the outbound proxy as "sip:HOST:PORT;lr", in quotes'))
    rtp_port_start: int = Field(
        default=40000, ge=1024, le=65000, description=N_("the first port for call audio, from 1024 to 65000")
    )
    register_seconds: int = Field(
        default=300, ge=10, le=86400, description=N_("how often to register again, in seconds (10 or more)")
    )
    tls_ca_file: str = Field(
        default="",
        description=N_(
            'with transport "tls": "" for the usual certificate authorities, or the file of the '
            "authority that signed the registrar's certificate, in quotes"
        ),
    )
    srtp: Literal["off", "optional", "mandatory"] = Field(
        default="optional",
        description=N_(
            'call audio encrypted (SRTP): "off", "optional" (when the other side can) or "mandatory" '
            "(a call that cannot be encrypted is refused), in quotes"
        ),
    )
    input_device: str | int = Field(default="", description=_DEVICE)
    output_device: str | int = Field(default="", description=_DEVICE)
    ringtone_device: str | int = Field(default="", description=_DEVICE)
    test_audio_dir: str = Field(
        default="",
        description=N_(
            '"" (for tests only: a folder in quotes whose say.wav is played into calls instead of a microphone)'
        ),
    )

    @field_validator("input_device", "output_device", "ringtone_device", mode="before")
    @classmethod
    def _name_or_number(cls, value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise ValueError("neither a name nor a number")  # reported with the field's description
        return value


class SinkSettings(_Section):
    """Where closed registrations go besides the local database."""

    klantinteracties_url: str = Field(
        default="",
        description=N_('"" to keep registrations local, or the Klantinteracties API URL in quotes'),
    )
    webhook_url: str = Field(default="", description=N_('"" for no webhook, or the webhook URL in quotes'))
    timeout_seconds: float = Field(
        default=10.0, gt=0, allow_inf_nan=False, description=N_("a number of seconds greater than 0")
    )


class RegistrationSettings(_Section):
    subjects_file: str = Field(
        default="",
        description=N_('"" for the subject list shipped with kccdesk (UPL), or the path of a CSV file in quotes'),
    )


class ScriptSetSettings(_Section):
    set: str = Field(
        default="standaard",
        pattern=r"^[a-z0-9_-]+$",
        description=N_('the name of a call script set in quotes, such as "standaard"'),
    )


class KnowledgeSettings(_Section):
    """The municipality's Objects API, where its answers (VAC) and colleagues
    are kept as objects; the token is kept in the keyring (objects-token)."""

    objects_url: str = Field(
        default="", description=N_('"" for no Objects API, or its address in quotes, up to /api/v2')
    )
    vac_objecttype: str = Field(
        default="", description=N_('"" or the address of the objecttype of the answers (VAC), in quotes')
    )
    colleague_objecttype: str = Field(
        default="", description=N_('"" or the address of the objecttype of the colleagues (Medewerker), in quotes')
    )
    sync_minutes: int = Field(
        default=15, ge=1, le=1440, description=N_("how often to bring the knowledge up to date, in minutes (1 to 1440)")
    )
    timeout_seconds: float = Field(
        default=10.0, gt=0, allow_inf_nan=False, description=N_("a number of seconds greater than 0")
    )


class SupervisorSettings(_Section):
    """Settings the supervisor has locked: an agent cannot change them (see settings_lock)."""

    locked: list[str] = Field(
        default_factory=list,
        description=N_('a list of settings in brackets, such as ["sip.registrar", "sinks", "scripts"]'),
    )

    @field_validator("locked")
    @classmethod
    def _known(cls, locked: list[str]) -> list[str]:
        for name in locked:
            section, _dot, key = name.partition(".")
            fields = Settings.model_fields
            model = fields[section].annotation if section in fields else None
            if model is None or (key and key not in model.model_fields):  # type: ignore[union-attr]
                raise ValueError(name)
        return locked


class DebugSettings(_Section):
    stall_ms: float = Field(
        default=0,
        ge=0,
        allow_inf_nan=False,
        description=N_("0 (off), or a number of milliseconds: the window's stalls longer than it go to the log"),
    )


class Settings(_Section):
    workstation: WorkstationSettings = Field(default_factory=WorkstationSettings)
    rings: RingSettings = Field(default_factory=RingSettings)
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    line: LineSettings = Field(default_factory=LineSettings)
    records: RecordsSettings = Field(default_factory=RecordsSettings)
    cases: CaseSettings = Field(default_factory=CaseSettings)
    sip: SipSettings = Field(default_factory=SipSettings)
    sinks: SinkSettings = Field(default_factory=SinkSettings)
    registration: RegistrationSettings = Field(default_factory=RegistrationSettings)
    scripts: ScriptSetSettings = Field(default_factory=ScriptSetSettings)
    knowledge: KnowledgeSettings = Field(default_factory=KnowledgeSettings)
    supervisor: SupervisorSettings = Field(default_factory=SupervisorSettings)
    debug: DebugSettings = Field(default_factory=DebugSettings)


class SettingsError(Exception):
    """The settings file cannot be used; ``line`` is 1-based, or None."""

    def __init__(self, path: Path, line: int | None, problem: str) -> None:
        super().__init__(path, line, problem)
        self.path = path
        self.line = line
        self.problem = problem

    def __str__(self) -> str:
        if self.line is None:
            return _("{path}: {problem}").format(path=self.path, problem=self.problem)
        return _("{path}, line {line}: {problem}").format(path=self.path, line=self.line, problem=self.problem)


def settings_exist(path: Path) -> bool:
    return path.is_file()


def load_settings(path: Path) -> Settings:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as error:
        reason = error.strerror or str(error)
        raise SettingsError(path, None, _("cannot be read: {reason}").format(reason=reason)) from None
    text = _decode(path, data)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, description = _split_decoder_message(str(error), text)
        raise SettingsError(
            path, line, _("this is not valid TOML: {description}").format(description=description)
        ) from None
    try:
        return Settings.model_validate(document)
    except ValidationError as error:
        located = [(locate_key(text, e["loc"]), e) for e in error.errors()]
        line, first = min(located, key=lambda item: (item[0] is None, item[0] or 0))
        raise SettingsError(path, line, _describe(first)) from None


def save_settings(path: Path, settings: Settings) -> None:
    """Write atomically: a reader sees the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    content = tomli_w.dumps(settings.model_dump()).encode("utf-8")
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def locate_key(text: str, loc: Sequence[str | int]) -> int | None:
    """The 1-based line where the key or table ``loc`` is defined in ``text``.

    Parses ever longer runs of whole lines: the first run that defines
    ``loc`` ends on its statement, which starts just after the last run that
    parsed before it (so a value spread over several lines gives its first).
    Handles headers, dotted and quoted keys and inline tables alike.
    """
    lines = text.splitlines(keepends=True)
    last_complete = 0
    for end in range(1, len(lines) + 1):
        try:
            document = tomllib.loads("".join(lines[:end]))
        except tomllib.TOMLDecodeError:
            continue
        if _defines(document, loc):
            return last_complete + 1
        last_complete = end
    return None


def _defines(document: Any, loc: Sequence[str | int]) -> bool:
    node = document
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            node = node[part]
            continue
        if isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
            continue
        return False
    return True


def _decode(path: Path, data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):  # as some Windows editors save it
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SettingsError(path, line, _("the file is not UTF-8 text; save it again as UTF-8")) from None


_DECODER_POSITION = re.compile(r"\s*\(at (?:line (\d+), column \d+|end of document)\)$")


def _split_decoder_message(message: str, text: str) -> tuple[int | None, str]:
    """tomllib's message ends in "(at line N, column M)" or "(at end of document)"."""
    match = _DECODER_POSITION.search(message)
    if match is None:
        return None, message
    line = int(match.group(1)) if match.group(1) else max(len(text.splitlines()), 1)
    return line, message[: match.start()]


def _describe(error: ErrorDetails) -> str:
    loc = error["loc"]
    key = ".".join(str(part) for part in loc)
    if error["type"] == "extra_forbidden":
        return _unknown(loc, error["input"])
    model, field = _owner(loc)
    if field is None:
        return _("{key}: must be a section [{key}] with settings under it").format(key=key)
    info = model.model_fields[field]
    if get_origin(info.annotation) is Literal:
        choices = ", ".join(f'"{choice}"' for choice in get_args(info.annotation))
        rule = _("must be one of {choices}").format(choices=choices)
    else:
        assert info.description, f"settings field {key} needs a description"
        rule = _("must be {description}").format(description=_(info.description))
    return _("{key}: {rule} (got {value})").format(key=key, rule=rule, value=repr(error["input"]))


def _unknown(loc: tuple[str | int, ...], value: object) -> str:
    model, _field = _owner(loc[:-1])
    if model is Settings and isinstance(value, dict):
        problem = _("unknown section [{name}]; the sections are {known}")
    elif model is Settings:
        problem = _("unknown setting {name} outside a section; the sections are {known}")
    else:
        problem = _("unknown setting {name}; the settings in this section are {known}")
    brackets = "[{}]" if model is Settings else "{}"
    known = ", ".join(brackets.format(name) for name in model.model_fields)
    return problem.format(name=".".join(str(part) for part in loc), known=known)


def _owner(loc: Sequence[str | int]) -> tuple[type[BaseModel], str | None]:
    """The model that holds ``loc`` and the field's name (None for a section)."""
    model: type[BaseModel] = Settings
    for part in loc:
        annotation = model.model_fields[str(part)].annotation
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return model, str(part)
        model = annotation
    return model, None
