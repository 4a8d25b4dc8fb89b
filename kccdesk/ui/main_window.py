"""The agent's main window: ring indicator, caller, script and registration."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kccdesk.config.settings import Settings
from kccdesk.core.caller import AccessReason, CallerRecord
from kccdesk.core.desk import Desk
from kccdesk.core.greeting import greeting
from kccdesk.core.line import LineState
from kccdesk.core.numbers import display
from kccdesk.core.organisations import Directory
from kccdesk.core.phases import Phase
from kccdesk.core.script import CallScript, SubjectScript
from kccdesk.core.session import CallSession
from kccdesk.core.subjects import SubjectList
from kccdesk.demo.line import SimulatedLine
from kccdesk.demo.people import DemoCallers
from kccdesk.i18n import _
from kccdesk.services.recorder import CallRecorder, Lookup, RemoteState
from kccdesk.ui.call_status import CallStatus
from kccdesk.ui.caller_panel import CallerPanel
from kccdesk.ui.other_calls import OtherCalls
from kccdesk.ui.registration_form import RegistrationForm
from kccdesk.ui.registrations import Registrations
from kccdesk.ui.remote_lookup import RemoteLookups
from kccdesk.ui.ring_indicator import RingIndicator
from kccdesk.ui.script_control import ScriptControl
from kccdesk.ui.script_panel import ScriptPanel
from kccdesk.ui.text import outside_text, plain_label

REFRESH_MS = 200


@dataclass(frozen=True)
class Shortcut:
    menu: str
    text: str
    keys: str
    handler: Callable[[], object]


class MainWindow(QMainWindow):
    def __init__(
        self,
        settings: Settings,
        desk: Desk,
        recorder: CallRecorder,
        script: CallScript,
        demo_line: SimulatedLine | None = None,
        subjects: SubjectList | None = None,
        directory: Directory | None = None,
        subject_scripts: dict[str, SubjectScript] | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.desk = desk
        self.recorder = recorder
        self.demo_line = demo_line
        self.demo_callers = DemoCallers() if demo_line else None
        self.lookups: dict[str, Lookup] = {}
        self.setWindowTitle(_("kccdesk — demo") if demo_line else "kccdesk")
        self.ring = RingIndicator()
        self.other_calls = OtherCalls()
        self.caller = CallerPanel(recorder, settings.records.open_url)
        self.caller.picked.connect(self._picked)
        self.remote_lookups = RemoteLookups(recorder, self)
        self.remote_lookups.arrived.connect(self._remote_arrived)
        self.script = ScriptPanel(script, directory)
        self.form = RegistrationForm(subjects, desk.clock)
        self.registrations = Registrations(self.form, recorder, desk, self)
        self.script_control = ScriptControl(
            script, directory or Directory([]), desk, self.script, self.form,
            settings.workstation.mode == "trainee", self.refresh, subject_scripts,
        )  # fmt: skip
        self._build_layout()
        self.call_status = CallStatus(desk, self)
        self.statusBar().addWidget(self.call_status)
        self.shortcuts = self._build_actions()
        self.line_label = plain_label(object_name="lineStatus")
        self.statusBar().addWidget(self.line_label, 1)
        self.statusBar().addPermanentWidget(QLabel(self._workstation_text()))
        desk.on_change(self.refresh)
        desk.on_incoming(self._incoming)
        desk.on_finished(self._finished)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self.refresh()
        self.registrations.restore()

    # -- layout and actions ------------------------------------------------

    def _build_layout(self) -> None:
        """Who is calling on the left (ring count above the record), what to
        say in the middle, what to register on the right."""
        sidebar = QWidget()
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.ring, 0)
        side.addWidget(self.other_calls, 0)
        side.addWidget(self.caller, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        for index, (widget, stretch) in enumerate(((sidebar, 3), (self.script, 4), (self.form, 3))):
            splitter.addWidget(widget)
            splitter.setStretchFactor(index, stretch)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

    def _build_actions(self) -> list[Shortcut]:
        call_menu = _("&Call")
        shortcuts = [
            Shortcut(call_menu, _("&Answer"), "F2", self.desk.answer),
            Shortcut(call_menu, _("&Hold / resume"), "F3", self.desk.toggle_hold),
            Shortcut(call_menu, _("Hang &up"), "F4", self.desk.hang_up),
            Shortcut(call_menu, _("&Switch to the waiting call or the call on hold"), "F5", self.desk.switch_call),
            Shortcut(call_menu, _("&Decline the waiting call"), "Shift+F4", self.desk.decline_waiting),
            Shortcut(call_menu, _("&Mute / unmute"), "Ctrl+M", self.desk.toggle_mute),
            Shortcut(call_menu, _("&Warm transfer (again: hand over)"), "Ctrl+T", self.call_status.warm_transfer),
            Shortcut(call_menu, _("&Back to the caller"), "Ctrl+Shift+T", self.call_status.back_to_caller),
            Shortcut(call_menu, _("&Keypad tones"), "Ctrl+Shift+K", self.call_status.keypad),
            Shortcut(call_menu, _("&Next phase"), "Alt+Right", self.desk.next_phase),
            Shortcut(call_menu, _("&Previous phase"), "Alt+Left", self.desk.previous_phase),
            Shortcut(call_menu, _("&Save registration"), "Ctrl+S", self.save_registration),
            Shortcut(call_menu, _("Simple question — &count only"), "Ctrl+K", self.registrations.count_only),
            Shortcut(call_menu, _("Open &registrations"), "Ctrl+L", self.registrations.show_open),
            Shortcut(call_menu, _("&Quit"), "Ctrl+Q", self.close),
            *self._script_shortcuts(),
            Shortcut(_("&Records"), _("&Search for the caller"), "Ctrl+F", self.caller.start_search),
            Shortcut(_("&Records"), _("&Open in the municipality's system"), "Ctrl+O", self.caller.open_in_system),
        ]
        if self.demo_line is not None and self.demo_callers is not None:
            demo_menu = _("&Demo")
            line, callers = self.demo_line, self.demo_callers
            shortcuts += [
                Shortcut(demo_menu, _("A &resident calls"), "F6", lambda: line.ring_in(callers.resident())),
                Shortcut(demo_menu, _("A &business calls"), "F7", lambda: line.ring_in(callers.business())),
                Shortcut(demo_menu, _("An &unknown number calls"), "F8", lambda: line.ring_in(callers.unknown())),
                Shortcut(demo_menu, _("A &withheld number calls"), "F9", lambda: line.ring_in(callers.withheld())),
                Shortcut(demo_menu, _("Colleagues &answer / are absent"), "F11", self._demo_colleagues_absent),
                Shortcut(demo_menu, _("The caller &hangs up"), "F12", self._demo_caller_hangs_up),
            ]
        shortcuts.append(Shortcut(_("&Supervisor"), _("&Dashboard"), "Ctrl+Shift+D", self.show_dashboard))
        shortcuts.append(Shortcut(_("&Help"), _("&Keyboard shortcuts"), "F1", self.show_shortcuts))
        menus: dict[str, object] = {}
        for shortcut in shortcuts:
            menu = menus.get(shortcut.menu) or self.menuBar().addMenu(shortcut.menu)
            menus[shortcut.menu] = menu
            action = QAction(shortcut.text, self)
            action.setShortcut(QKeySequence(shortcut.keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(shortcut.handler)
            menu.addAction(action)  # type: ignore[attr-defined]
        return shortcuts

    def _script_shortcuts(self) -> list[Shortcut]:
        menu, control = _("&Script"), self.script_control

        def tick(number: int) -> Callable[[], None]:  # no argument: a menu action would pass "checked"
            return lambda: control.tick(number)

        def choose(number: int) -> Callable[[], None]:
            return lambda: control.choose_branch(number)

        ticks = [
            Shortcut(menu, _("Tick item {number} of the checklist").format(number=n), f"Ctrl+{n}", tick(n))
            for n in range(1, 10)
        ]
        branches = [
            Shortcut(menu, _("Handled: {branch}").format(branch=branch.title), f"Alt+{n}", choose(n))
            for n, branch in enumerate(control.script.branches(Phase.ACTION), 1)
        ]
        return [
            Shortcut(menu, _("Choose the &subject"), "Ctrl+Shift+O", control.pick_subject),
            *ticks,
            *branches,
            Shortcut(menu, _("&Trainee mode on / off"), "Ctrl+Shift+L", control.toggle_trainee),
        ]

    def show_shortcuts(self) -> None:
        lines = [
            f"{QKeySequence(s.keys).toString(QKeySequence.SequenceFormat.NativeText)}\t{s.text.replace('&', '')}"
            for s in self.shortcuts
        ]
        box = QMessageBox(QMessageBox.Icon.Information, _("Keyboard shortcuts"), "\n".join(lines), parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()

    def show_dashboard(self) -> None:
        from kccdesk.ui.dashboard import Dashboard, team_stats

        dashboard = Dashboard(team_stats(self.recorder.db, self.settings), parent=self)
        dashboard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dashboard.resize(1300, 820)
        dashboard.show()

    def _workstation_text(self) -> str:
        ws = self.settings.workstation
        municipality = _("municipality {name}").format(name=ws.municipality) if ws.municipality else ""
        return " · ".join(part for part in (ws.agent_name, municipality) if part)

    # -- reacting to the desk ----------------------------------------------

    def _incoming(self, session: CallSession) -> None:
        lookup = self.recorder.lookup(session)
        self.lookups[session.call_id] = lookup
        if lookup.remote is RemoteState.WAITING:
            self.remote_lookups.start(session.call_id, lookup)

    def _remote_arrived(self, call_id: str, fetched: Lookup) -> None:
        lookup = self.lookups.get(call_id)
        if lookup is not None:
            merged = lookup.with_remote(fetched)
            self.recorder.log_shown(merged.records[len(lookup.records) :], AccessReason.SCREEN_POP, call_id)
            self.lookups[call_id] = merged
            self.refresh()

    def _picked(self, record: CallerRecord) -> None:
        session = self.desk.current
        if session is not None and session.call_id in self.lookups:
            self.lookups[session.call_id] = self.lookups[session.call_id].with_record(record)
            self.registrations.picked(session, record.caller)
            self.refresh()

    def _finished(self, session: CallSession) -> None:
        # The record stays on screen for the after-call work; lookups of calls
        # that are neither live nor on screen are let go.
        lookup = self.lookups.get(session.call_id)
        shown = {self.desk.current.call_id} if self.desk.current else set()
        for call_id in set(self.lookups) - set(self.desk.calls) - shown - {session.call_id}:
            del self.lookups[call_id]
        self.registrations.finished(session, lookup.caller if lookup else None)
        self.script_control.forget(session.call_id)

    def _tick(self) -> None:
        now = self.desk.clock.monotonic()
        self.ring.show_session(self.desk.current, now)
        self._show_other_calls(now)
        self.registrations.tick()

    def _show_other_calls(self, now: float) -> None:
        self.other_calls.show_calls([(call, self._who(call)) for call in self.desk.others], now)

    def _who(self, session: CallSession) -> str:
        """A caller as the agent should read them in a list: the record's name,
        else the number."""
        if session.caller.withheld:
            return _("Number withheld")
        lookup = self.lookups.get(session.call_id)
        if lookup is not None and lookup.caller is not None:
            return outside_text(lookup.caller.full_name)
        return display(lookup.e164) if lookup and lookup.e164 else outside_text(session.caller.number)

    def refresh(self) -> None:
        session = self.desk.current
        now = self.desk.clock.monotonic()
        self.ring.show_session(session, now)
        self._show_other_calls(now)
        lookup = self.lookups.get(session.call_id) if session else None
        self.caller.show_caller(session, lookup)
        if session is not None and session.state.connected:
            self.registrations.answered(session, lookup.caller if lookup else None)
        active = session is not None and session.state.connected
        phase = session.phase if session is not None else Phase.OPENING
        control = self.script_control
        values = {**self._script_values(lookup), **control.values()}
        self.script.show_phase(phase, values, active, control.checklist(), control.trainee, control.found())
        self._show_line()

    def _script_values(self, lookup: Lookup | None) -> dict[str, str]:
        ws = self.settings.workstation
        caller = lookup.caller if lookup else None
        return {
            "greeting": greeting(self.desk.clock.now().time()),
            "municipality": ws.municipality,
            "agent": ws.agent_name,
            "caller": caller.addressed_name if caller else "",
        }

    def _show_line(self) -> None:
        status = self.desk.line_status
        state = {
            LineState.DOWN: _("down"),
            LineState.CONNECTING: _("connecting…"),
            LineState.READY: _("ready"),
            LineState.FAILING: _("not working"),
        }[status.state]
        text = _("Line: {line}, {state}").format(line=self.desk.line.description, state=state)
        self.line_label.setText(f"{text} ({status.reason})" if status.reason else text)

    # -- the registration --------------------------------------------------

    def save_registration(self) -> None:
        """Ctrl+S: check the registration and, after the call, close it."""
        self.registrations.close()

    def _demo_colleagues_absent(self) -> None:
        """F11: to practise a warm transfer that becomes a callback request."""
        if self.demo_line is not None:
            self.demo_line.colleague_answers = not self.demo_line.colleague_answers
            answer = self.demo_line.colleague_answers
            self.call_status.setText(_("Demo: colleagues answer") if answer else _("Demo: colleagues are absent"))

    def _demo_caller_hangs_up(self) -> None:
        session = self.desk.current
        if self.demo_line is not None and session is not None and not session.state.finished:
            self.demo_line.caller_hangs_up(session.call_id)
