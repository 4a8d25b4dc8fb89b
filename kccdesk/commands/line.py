"""``kccdesk line``: try the SIP account from the command line.

``kccdesk line test`` registers and says in plain words whether it worked;
``kccdesk line devices`` lists the sound devices for the settings;
``kccdesk line engine`` says which SIP engine is in use and what it can do;
``kccdesk line monitor --json`` prints every line and call event as one JSON
object a line until interrupted. Both use the account in the settings, or
one given on the command line (the password then comes from a named
environment variable, never from an argument).
"""

from __future__ import annotations

import argparse
import json
import os
import select
import sys
import time
from collections.abc import Callable

from kccdesk.commands import COMMANDS
from kccdesk.config.paths import default_profile
from kccdesk.config.settings import SettingsError, load_settings
from kccdesk.core.line import (
    CallAnswered,
    CallEnded,
    IncomingCall,
    LineEvent,
    LineState,
    LineStatus,
)
from kccdesk.i18n import _
from kccdesk.sip.account import TRANSPORTS, AccountError, SipAccount
from kccdesk.sip.audio.config import AudioConfig
from kccdesk.sip.line import SipLine
from kccdesk.sip.protocol import event_message

EXIT_FAILED = 1
EXIT_BAD_ACCOUNT = 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "line",
        help=_(COMMANDS["line"]),
        description=_(
            "Test the SIP account, or watch its events. Without --registrar the account in the settings is used."
        ),
    )
    actions = parser.add_subparsers(title=_("actions"), metavar=_("ACTION"), dest="action", required=True)
    test = actions.add_parser("test", help=_("register once and say whether it worked"))
    _add_account_options(test)
    test.add_argument(
        "--timeout", type=float, default=10.0, help=_("seconds to wait for the registrar (default: %(default)s)")
    )
    test.set_defaults(handler=_test)
    monitor = actions.add_parser(
        "monitor", help=_("print every line and call event as JSON until interrupted (Ctrl+C)")
    )
    _add_account_options(monitor)
    monitor.add_argument("--json", action="store_true", required=True, help=_("one JSON object a line"))
    monitor.add_argument(
        "--answer-after", type=float, metavar=_("SECONDS"), help=_("answer incoming calls after this many seconds")
    )
    monitor.set_defaults(handler=_monitor)
    devices = actions.add_parser(
        "devices", help=_("list the sound devices (for [sip] input_device, output_device, ringtone_device)")
    )
    devices.set_defaults(handler=_devices)
    engine = actions.add_parser("engine", help=_("say which SIP engine this kccdesk uses and what it can do"))
    engine.add_argument("--json", action="store_true", help=_("as one JSON object"))
    engine.set_defaults(handler=_engine)


def _engine(args: argparse.Namespace) -> int:
    try:
        from kccdesk.sip.engine import probe

        found = probe()
    except ImportError as error:
        print(_("No SIP engine: pjsua2 cannot be loaded ({error}).").format(error=error), file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        print(json.dumps(found.as_json(), ensure_ascii=False))
        return 0
    print(found.line())
    for problem in found.missing():
        print(problem)
    return 0


def _devices(args: argparse.Namespace) -> int:
    """The engine's own sound devices where it has them (the calls use those),
    else PortAudio's (the audio bridge's)."""
    try:
        from kccdesk.sip.engine import probe_devices

        engine = probe_devices()
    except ImportError:
        engine = []
    if engine:
        for index, name, inputs, outputs in engine:
            _print_device(index, name, _("SIP engine"), inputs, outputs)
        return 0
    from kccdesk.sip.audio.backend import AudioUnavailable
    from kccdesk.sip.audio.devices import list_devices

    try:
        devices = list_devices()
    except AudioUnavailable as error:
        print(error, file=sys.stderr)
        return EXIT_FAILED
    if not devices:
        print(_("No sound devices found: connect a headset, or check that the sound system runs."), file=sys.stderr)
        return EXIT_FAILED
    for device in devices:
        _print_device(
            device.index, device.name, device.host_api, device.inputs, device.outputs,
            device.default_input, device.default_output,
        )  # fmt: skip
    return 0


def _print_device(
    index: int, name: str, where: str, inputs: int, outputs: int, default_input: bool = False,
    default_output: bool = False,
) -> None:  # fmt: skip
    """One line of ``line devices``: number, name, which sound system, what it can do."""
    roles = [
        *([_("microphone: {count} channels").format(count=inputs)] if inputs else []),
        *([_("speaker: {count} channels").format(count=outputs)] if outputs else []),
        *([_("default microphone")] if default_input else []),
        *([_("default speaker")] if default_output else []),
    ]
    print(f"{index:3}  {name}  [{where}]  {'; '.join(roles)}")


def _add_account_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--registrar", metavar="sip:HOST:PORT", help=_("try this registrar instead of the settings"))
    parser.add_argument("--user", help=_("the SIP user name (with --registrar)"))
    parser.add_argument(
        "--password-env",
        metavar="VARNAME",
        help=_("the environment variable that holds the password (with --registrar)"),
    )
    parser.add_argument("--transport", choices=TRANSPORTS, default="udp", help=_("udp, tcp or tls (with --registrar)"))
    parser.add_argument("--port", type=int, default=0, help=_("the local SIP port (default: any free port)"))
    parser.add_argument(
        "--tls-ca-file", default="", metavar=_("FILE"),
        help=_("with --transport tls: the authority that signed the registrar's certificate"),
    )  # fmt: skip


def _account(args: argparse.Namespace) -> tuple[SipAccount, AudioConfig]:
    """The account to try, and the sound devices from the settings (or the defaults)."""
    if args.registrar is None:
        from kccdesk.sip.setup import (
            account_from_settings,
            audio_from_settings,
            stored_password,
        )

        try:
            settings = load_settings(default_profile().settings_file)
        except SettingsError as error:
            raise AccountError(str(error)) from error
        return account_from_settings(settings.sip, stored_password()), audio_from_settings(settings.sip)
    if not args.user or not args.password_env:
        raise AccountError(_("--registrar needs --user and --password-env too"))
    password = os.environ.get(args.password_env, "")
    if not password:
        raise AccountError(
            _("The environment variable {variable} is not set or empty.").format(variable=args.password_env)
        )
    account = SipAccount(
        args.registrar, args.user, password, transport=args.transport, local_port=args.port,
        tls_ca_file=args.tls_ca_file,
    )  # fmt: skip
    return account, AudioConfig()


def _run(args: argparse.Namespace, body: Callable[[SipLine], int]) -> int:
    try:
        account, audio = _account(args)
    except AccountError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_ACCOUNT
    line = SipLine(account, audio=audio)
    try:
        return body(line)
    except KeyboardInterrupt:
        return 0
    finally:
        line.close()


def _wait(line: SipLine, seconds: float) -> None:
    select.select([line.wake_fd], [], [], max(seconds, 0.0))
    line.pump()


def _test(args: argparse.Namespace) -> int:
    try:
        from kccdesk.sip.engine import probe

        print(_("SIP engine: {engine}").format(engine=probe().line()), flush=True)
    except ImportError:
        pass  # the line's own process says so, in its words

    def body(line: SipLine) -> int:
        outcome: list[LineStatus] = []
        line.set_listener(
            lambda e: outcome.append(e) if isinstance(e, LineStatus) and e.state is not LineState.CONNECTING else None
        )
        line.start()
        deadline = time.monotonic() + args.timeout
        while not outcome and time.monotonic() < deadline:
            _wait(line, deadline - time.monotonic())
        if outcome and outcome[0].state is LineState.READY:
            print(
                _("Registered: {address} is reachable via {registrar}.").format(
                    address=line.account.address, registrar=line.account.registrar
                )
            )
            return 0
        if outcome:
            print(_("Not registered: {reason}").format(reason=outcome[0].reason), file=sys.stderr)
        else:
            print(_("Not registered: no answer within {seconds} s.").format(seconds=args.timeout), file=sys.stderr)
        return EXIT_FAILED

    return _run(args, body)


def _monitor(args: argparse.Namespace) -> int:
    def body(line: SipLine) -> int:
        to_answer: dict[str, float] = {}

        def show(event: LineEvent) -> None:
            message = event_message(event)
            message["event"] = message.pop("kind")
            print(json.dumps(message, ensure_ascii=False), flush=True)
            if isinstance(event, IncomingCall):
                print(json.dumps({"event": "ringing", "call_id": event.call_id, "at": event.at}), flush=True)
                if args.answer_after is not None:
                    to_answer[event.call_id] = event.at + args.answer_after
            elif isinstance(event, CallAnswered | CallEnded):
                to_answer.pop(event.call_id, None)

        line.set_listener(show)
        line.start()
        while True:
            now = time.monotonic()
            for call_id, due in list(to_answer.items()):
                if due <= now:
                    del to_answer[call_id]
                    line.answer(call_id)
            next_due = min(to_answer.values(), default=now + 1.0)
            _wait(line, min(next_due - now, 1.0))

    return _run(args, body)
