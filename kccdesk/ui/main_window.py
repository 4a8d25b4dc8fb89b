"""The agent's main window: ring indicator, caller, script and registration.

It lays out the views, shows what the services hold whenever they change,
and forwards the agent's keys to them; it decides nothing itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kccdesk.config.settings import WorkstationSettings
from kccdesk.config.text_size import larger, normal, smaller
from kccdesk.core.cases import Case
from kccdesk.core.knowledge import KnowledgeItem
from kccdesk.core.line import CallRefused, LineState
from kccdesk.core.links import QuickLink
from kccdesk.core.numbers import display
from kccdesk.core.phases import Phase
from kccdesk.core.session import CallSession, CallState
from kccdesk.i18n import _
from kccdesk.services.desk_services import DeskServices
from kccdesk.ui.ask import ask
from kccdesk.ui.backlog_indicator import BacklogIndicator
from kccdesk.ui.call_status import CallStatus
from kccdesk.ui.caller_panel import CallerPanel
from kccdesk.ui.case_chooser import CaseChooser
from kccdesk.ui.cases_panel import CasesPanel
from kccdesk.ui.knowledge_panel import KnowledgePanel
from kccdesk.ui.news_panel import NewsPanel
from kccdesk.ui.open_registrations import OpenRegistrations
from kccdesk.ui.other_calls import OtherCalls
from kccdesk.ui.quick_links import QuickLinks, open_link
from kccdesk.ui.refusal_notice import RefusalNotice
from kccdesk.ui.registration_form import RegistrationForm
from kccdesk.ui.ring_indicator import RingIndicator
from kccdesk.ui.screen_fit import fit_to_screen
from kccdesk.ui.script_panel import ScriptPanel
from kccdesk.ui.scroll_panel import ScrollPanel
from kccdesk.ui.shortcut_list import Group, Shortcut, ShortcutList
from kccdesk.ui.sound_notice import SoundNotice
from kccdesk.ui.start_window import MAIN_WINDOW_SIZE
from kccdesk.ui.text import outside_text, plain_label, shrinkable

REFRESH_MS = 200


class MainWindow(QMainWindow):
    text_size_asked = Signal(int)  # the text size the agent asked for, in percent

    def __init__(
        self, workstation: WorkstationSettings, services: DeskServices, links: Sequence[QuickLink] = ()
    ) -> None:
        super().__init__()
        self.workstation = workstation
        self.links = list(links)  # the quick links (Ctrl+G), some on a key of their own
        self.text_size = workstation.text_size
        self.services = services
        self.desk = services.desk
        self.demo = services.demo
        self.setWindowTitle(_("kccdesk — demo") if self.demo else "kccdesk")
        guide = services.script
        self.ring = RingIndicator()
        self.other_calls = OtherCalls()
        self.caller = CallerPanel(services.screen_pop.search)
        self.caller.picked.connect(services.screen_pop.pick)
        self.cases = CasesPanel()  # the caller's cases, with the record, above its earlier contacts
        self.caller.add_part(self.cases)
        self.script = ScriptPanel(guide.script, guide.directory, services.knowledge.colleagues)
        self.script.detail_edited.connect(guide.edit_detail)
        self.form = RegistrationForm(services.registrations, services.knowledge)
        self.knowledge = KnowledgePanel(services.knowledge.search)
        self.knowledge.used.connect(self._use_knowledge)
        self.knowledge.closed.connect(self._knowledge_closed)
        self.knowledge.hide()
        sync = services.knowledge_sync
        if sync is not None:  # the municipality's Objects API: how fresh the knowledge is, under the search
            sync.on_change(lambda: self.knowledge.show_sync(sync.state))
        self.news = NewsPanel()  # above the script (Ctrl+N); opens by itself between calls
        self.news.read.connect(services.news.mark_read)
        self.news.closed.connect(self._knowledge_closed)
        self.news.hide()
        services.news.on_change(self._show_news)
        services.offers.on_change(lambda: self.knowledge.offer(services.offers.subject, services.offers.hits))
        self.refusal = RefusalNotice()
        self.sound = SoundNotice()
        self._build_layout()
        self.call_status = CallStatus(self.desk, self)
        self.statusBar().addWidget(shrinkable(self.call_status))
        self.shortcuts = self._build_actions()
        self.line_label = shrinkable(plain_label(object_name="lineStatus"))  # a long reason from the line is cut
        self.statusBar().addWidget(self.line_label, 1)
        self.statusBar().addPermanentWidget(shrinkable(QLabel(self._workstation_text())))
        backlog = BacklogIndicator(services.deliveries.state)
        backlog.refreshed.connect(self.refusal.show_state)
        self.statusBar().addPermanentWidget(shrinkable(backlog))
        self._details_asked = 0
        self._refused_shown: CallRefused | None = None  # the refused call the status bar told of last
        self._shown_phase: tuple[str, Phase] | None = None
        self._fitted = False
        for source in (self.desk, services.screen_pop, guide):
            source.on_change(self.refresh)
        if services.cases is not None:
            services.cases.on_change(self._show_cases)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self.refresh()
        self._show_news()  # at start: what came in since the last day

    # -- layout and actions ------------------------------------------------

    def _build_layout(self) -> None:
        """Who is calling on the left (ring count above the record), what to
        say in the middle, what to register on the right. Each panel takes
        its share of the window's width and scrolls when the window is too
        low for it: nothing a call shows makes the window grow."""
        sidebar = QWidget()
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.ring, 0)
        side.addWidget(self.other_calls, 0)
        side.addWidget(ScrollPanel(self.caller), 1)
        self.script_scroll = ScrollPanel(self.script)
        middle = QSplitter(Qt.Orientation.Vertical)  # the script, and below it the knowledge search (Ctrl+E)
        middle.setChildrenCollapsible(False)
        middle.addWidget(self.script_scroll)
        middle.addWidget(self.knowledge)
        middle.setStretchFactor(0, 2)
        middle.setStretchFactor(1, 3)
        middle.insertWidget(0, self.news)
        middle.setStretchFactor(0, 3)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        panels = ((sidebar, 3), (middle, 6), (ScrollPanel(self.form), 4))
        for index, (widget, share) in enumerate(panels):
            splitter.addWidget(widget)
            splitter.setStretchFactor(index, share)
        splitter.setSizes([1000 * share for _widget, share in panels])  # in proportion, whatever the window's width
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.sound)
        layout.addWidget(self.refusal)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

    def _build_actions(self) -> list[Shortcut]:
        desk = self.desk
        call_menu, records, knowledge, find = _("&Call"), _("&Records"), _("&Knowledge"), Group.KNOWLEDGE
        call, phases, registration = Group.CALL, Group.PHASES, Group.REGISTRATION
        shortcuts = [
            Shortcut(call_menu, _("&Answer the call"), "F2", desk.answer, call),
            Shortcut(call_menu, _("&Hold / resume"), "F3", desk.toggle_hold, call),
            Shortcut(call_menu, _("Hang &up"), "F4", desk.hang_up, call),
            Shortcut(call_menu, _("Sw&itch to the waiting call or the call on hold"), "F5", desk.switch_call, call),
            Shortcut(call_menu, _("&Decline the waiting call"), "Shift+F4", desk.decline_waiting, call),
            Shortcut(call_menu, _("&Mute / unmute"), "Ctrl+M", desk.toggle_mute, call),
            Shortcut(call_menu, _("&Warm transfer (again: hand over)"), "Ctrl+T", self.call_status.warm_transfer, call),
            Shortcut(call_menu, _("&Back to the caller"), "Ctrl+Shift+T", desk.cancel_warm_transfer, call),
            Shortcut(call_menu, _("&Keypad tones"), "Ctrl+Shift+K", self.call_status.keypad, call),
            Shortcut(call_menu, _("&Next phase"), "Alt+Right", desk.next_phase, phases),
            Shortcut(call_menu, _("&Previous phase"), "Alt+Left", desk.previous_phase, phases),
            Shortcut(call_menu, _("&Save registration"), "Ctrl+S", self.save_registration, registration),
            Shortcut(call_menu, _("Simple question — &count only"), "Ctrl+K", self.count_only, registration),
            Shortcut(call_menu, _("Open &registrations"), "Ctrl+L", self.show_open_registrations, registration),
            Shortcut(call_menu, _("&Quit"), "Ctrl+Q", self.close, Group.WINDOW),
            *self._script_shortcuts(),
            Shortcut(records, _("&Search for the caller"), "Ctrl+F", self.caller.start_search, Group.CALLER),
            Shortcut(records, _("&Open in the municipality's system"), "Ctrl+O", self.open_in_system, Group.CALLER),
            Shortcut(records, _("The &case this call is about"), "Ctrl+J", self.pick_case, Group.CALLER),
            Shortcut(knowledge, _("&Search answers, products and colleagues"), "Ctrl+E", self.search_knowledge, find),
            Shortcut(knowledge, _("&News and work instructions"), "Ctrl+N", self.read_news, find),
            Shortcut(knowledge, _("Quick &links"), "Ctrl+G", self.show_quick_links, find),
            *(
                Shortcut(knowledge, link.name.replace("&", "&&"), link.key, partial(open_link, link), find)
                for link in self.links
                if link.key
            ),
        ]
        if self.demo is not None:
            demo_menu, demo, practice = _("&Demo"), self.demo, Group.DEMO
            shortcuts += [
                Shortcut(demo_menu, _("A &resident calls"), "F6", demo.resident_calls, practice),
                Shortcut(demo_menu, _("A &business calls"), "F7", demo.business_calls, practice),
                Shortcut(demo_menu, _("An &unknown number calls"), "F8", demo.unknown_number_calls, practice),
                Shortcut(demo_menu, _("A &withheld number calls"), "F9", demo.withheld_number_calls, practice),
                Shortcut(demo_menu, _("Colleagues &answer / are absent"), "F11", self._demo_colleagues, practice),
                Shortcut(demo_menu, _("The caller &hangs up"), "F12", demo.caller_hangs_up, practice),
            ]
        view_menu, ask, window = _("&View"), self._ask_text_size, Group.WINDOW
        shortcuts += [
            Shortcut(view_menu, _("&Larger text"), "Ctrl++", lambda: ask(larger), window),
            Shortcut(view_menu, _("S&maller text"), "Ctrl+-", lambda: ask(smaller), window),
            Shortcut(view_menu, _("&Normal text size"), "Ctrl+0", lambda: ask(normal), window),
        ]
        shortcuts.append(Shortcut(_("Sup&ervisor"), _("&Dashboard"), "Ctrl+Shift+D", self.show_dashboard, window))
        shortcuts.append(Shortcut(_("&Help"), _("&Keyboard shortcuts"), "F1", self.show_shortcuts, window))
        menus: dict[str, QMenu] = {}
        for shortcut in shortcuts:
            menu = menus.get(shortcut.menu) or self.menuBar().addMenu(shortcut.menu)
            menus[shortcut.menu] = menu
            action = QAction(shortcut.text, self)
            action.setShortcut(QKeySequence(shortcut.keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(shortcut.handler)
            menu.addAction(action)
        return shortcuts

    def _script_shortcuts(self) -> list[Shortcut]:
        menu, guide = _("&Script"), self.services.script

        def tick(number: int) -> Callable[[], None]:  # no argument: a menu action would pass "checked"
            return lambda: guide.tick(number)

        def choose(number: int) -> Callable[[], None]:
            return lambda: guide.choose_branch(number)

        phases, ticks_row = Group.PHASES, _("Tick (or untick) item 1 … 9 of the checklist")
        tick_text = _("Tick item {number} of the checklist")
        ticks = [
            Shortcut(menu, tick_text.format(number=n), f"Ctrl+{n}", tick(n), phases, ticks_row) for n in range(1, 10)
        ]
        branches = [
            Shortcut(menu, _("Handled: {branch}").format(branch=branch.title), f"Alt+{n}", choose(n), phases)
            for n, branch in enumerate(guide.script.branches(Phase.ACTION), 1)
        ]
        return [
            Shortcut(menu, _("Choose the &subject"), "Ctrl+Shift+O", self.pick_subject, Group.REGISTRATION),
            *ticks,
            *branches,
            Shortcut(menu, _("&Trainee mode on / off"), "Ctrl+Shift+L", guide.toggle_trainee, phases),
            Shortcut(menu, _("Scroll the script &down"), "Alt+PgDown", self.script_scroll.page_down, phases),
            Shortcut(menu, _("Scroll the script &up"), "Alt+PgUp", self.script_scroll.page_up, phases),
        ]

    def _use_knowledge(self, item: KnowledgeItem) -> None:
        """Ctrl+Enter in the knowledge search: the answer into the registration."""
        if self.services.offers.use(item):
            self.statusBar().showMessage(_("Put into the registration: {title}").format(title=item.title), 5000)
        else:
            self.statusBar().showMessage(_("No registration is open: answer a call first."), 5000)

    def pick_case(self) -> None:
        """Ctrl+J: the caller's case linked to the registration; with more than one, which."""
        cases = self.services.cases
        shown = cases.pickable() if cases is not None else ()
        if cases is None or self.services.registrations.call_id is None:
            self.statusBar().showMessage(_("No registration is open: answer a call first."), 5000)
            return
        if not shown:
            self.statusBar().showMessage(_("The caller has no cases to choose from."), 5000)
            return
        if len(shown) == 1:
            self._link_case(shown[0])
            return
        chooser = CaseChooser(shown, cases.today(), self)
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.accepted.connect(lambda: self._link_case(chooser.chosen))
        chooser.open()

    def _link_case(self, case: Case | None) -> None:
        if case is not None and self.services.cases is not None and self.services.cases.pick(case):
            self.statusBar().showMessage(_("Linked to the registration: {case}").format(case=case.identification), 5000)

    def _show_news(self) -> None:
        """The news as the service holds it; opened by itself when something
        unread came in and no call is on (the service says when)."""
        news = self.services.news
        self.news.show_board(news.board, news.problem)
        if news.push_due() and not self.knowledge.isVisible():  # not over a search the agent is using
            self.news.open_by_itself()
            news.pushed()

    def search_knowledge(self) -> None:
        """Ctrl+E; beside the script the search or the news, one at a time (room for either, at any text size)."""
        self.news.hide()
        self.knowledge.start()

    def read_news(self) -> None:
        """Ctrl+N; the search gives way to the news."""
        self.knowledge.hide()
        self.news.start()

    def _knowledge_closed(self) -> None:
        self.script_scroll.setFocus()
        self._show_news()  # news that waited for the search to close

    def show_quick_links(self) -> None:
        """Ctrl+G: the quick links, filtered by what the agent types; Enter opens one."""
        quick_links = QuickLinks(self.links, self)
        quick_links.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        quick_links.open()

    def show_shortcuts(self) -> None:
        """F1: the keys this window binds, in a table the agent can filter by typing."""
        shortcut_list = ShortcutList(self.shortcuts, self)
        shortcut_list.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        shortcut_list.open()

    def show_dashboard(self) -> None:
        from kccdesk.ui.dashboard import Dashboard

        deliveries = self.services.deliveries
        dashboard = Dashboard(
            self.services.figures,
            parent=self,
            refusals=lambda: deliveries.state().refusals,
            news=self.services.news.publishing(),
        )
        dashboard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        fit_to_screen(dashboard, 1300, 820)
        dashboard.show()

    def showEvent(self, event: QShowEvent) -> None:
        """Shown for the first time: as large as the text asks, never larger than the screen."""
        if not self._fitted:
            self._fitted = True
            fit_to_screen(self, *MAIN_WINDOW_SIZE)
        super().showEvent(event)

    def _ask_text_size(self, step: Callable[[int], int]) -> None:
        """Ctrl++, Ctrl+-, Ctrl+0: the wiring keeps the size and shows it."""
        self.text_size_asked.emit(step(self.text_size))

    def show_text_size(self, size: int) -> None:
        """The text size now shown (every window's text has changed already)."""
        self.text_size = size
        self.statusBar().showMessage(_("Text size: {size} %").format(size=size), 5000)

    def _workstation_text(self) -> str:
        ws = self.workstation
        municipality = _("municipality {name}").format(name=ws.municipality) if ws.municipality else ""
        return " · ".join(part for part in (ws.agent_name, municipality) if part)

    # -- what the agent does -------------------------------------------------

    def save_registration(self) -> None:
        """Ctrl+S: check the registration and, after the call, close it."""
        self.services.registrations.close()
        self.form.focus_missing()

    def count_only(self) -> None:
        """Ctrl+K: a simple general question, only counted."""
        self.services.registrations.count_only()
        self.form.focus_missing()

    def show_open_registrations(self) -> None:
        """Ctrl+L: the registrations not closed yet; Enter reopens one."""
        drafts = self.services.registrations.open_list()
        if drafts is None:
            return
        dialog = OpenRegistrations(drafts, self)
        dialog.chosen.connect(self.services.registrations.reopen)
        dialog.open()

    def pick_subject(self) -> None:
        """Ctrl+Shift+O: the subject of the question; its prompts join the script."""
        guide = self.services.script
        checklist = guide.checklist()
        if checklist is None or not guide.subject_titles():
            return
        ask(self, "subjectChooser", _("Subject"), _("What is the question about?"),
            guide.choose_subject, choices=guide.subject_titles(), current=checklist.subject)  # fmt: skip

    def open_in_system(self) -> str | None:
        """Ctrl+O: the caller's record in the municipality's own system; returns
        the address opened, or None (and says why) when there is none."""
        session = self.desk.current
        if session is None or self.services.screen_pop.lookup(session.call_id) is None:
            return None
        lookup = self.services.screen_pop.lookup(session.call_id)
        url = self.services.screen_pop.system_url(session.call_id)
        if url is None:
            if lookup is not None and lookup.record is not None:
                self.caller.note.setText(_("This record cannot be opened in the municipality's system."))
            return None
        QDesktopServices.openUrl(QUrl(url))
        return url

    def _demo_colleagues(self) -> None:
        """F11: to practise a warm transfer that becomes a callback request."""
        if self.demo is not None:
            answer = self.demo.toggle_colleagues()
            self.call_status.setText(_("Demo: colleagues answer") if answer else _("Demo: colleagues are absent"))

    # -- showing the services ----------------------------------------------

    def _tick(self) -> None:
        now = self.desk.clock.monotonic()
        self.ring.show_session(self.desk.current, now)
        self._show_other_calls(now)
        self.form.show_times()

    def _show_other_calls(self, now: float) -> None:
        self.other_calls.show_calls([(call, self._who(call)) for call in self.desk.others], now)

    def _who(self, session: CallSession) -> str:
        """A caller as the agent should read them in a list: the record's name,
        else the number."""
        if session.caller.withheld:
            return _("Number withheld")
        lookup = self.services.screen_pop.lookup(session.call_id)
        if lookup is not None and lookup.caller is not None:
            return outside_text(lookup.caller.name)
        return display(lookup.e164) if lookup and lookup.e164 else outside_text(session.caller.number)

    def refresh(self) -> None:
        session = self.desk.current
        now = self.desk.clock.monotonic()
        self.ring.show_session(session, now)
        self._show_other_calls(now)
        self.caller.show_caller(session, self.services.screen_pop.lookup(session.call_id) if session else None)
        self._show_cases()
        guide = self.services.script
        if self.script.script is not guide.script:  # changed on disk
            self.script.set_script(guide.script)
        active = session is not None and session.state.connected
        ended = session is not None and session.state is CallState.ENDED
        phase = session.phase if session is not None else Phase.OPENING
        self.script.show_phase(phase, guide.values(), active, guide.on_screen(), guide.trainee, guide.found(), ended)
        if session is not None and (session.call_id, phase) != self._shown_phase:
            self.script_scroll.ensureVisible(0, 0)  # another phase: its title and first words in sight
            self._shown_phase = (session.call_id, phase)
        if guide.details_asked != self._details_asked:
            self.script.branches.ask_detail()  # the branch chosen names a colleague or an organisation
            self._details_asked = guide.details_asked
        self._show_line()
        self.sound.show_problems(self.desk.sound_problems)
        self._show_refused()
        if self.desk.calls:
            self.news.close_by_itself()  # never over a live call

    def _show_cases(self) -> None:
        cases = self.services.cases
        if cases is not None:
            self.cases.show_cases(cases.current, cases.today())

    def _show_refused(self) -> None:
        """A call the line refused before it rang: the agent should know it happened, and why."""
        refused = self.desk.refused
        if refused is None or refused is self._refused_shown:
            return
        self._refused_shown = refused
        caller = _("a withheld number") if refused.caller.withheld else outside_text(refused.caller.number)
        if refused.unencrypted:
            text = _(
                "A call from {caller} was refused: it could not be encrypted, and encrypted calls are "
                "mandatory on this line (sip.srtp)."
            ).format(caller=caller)
        else:
            text = _("A call from {caller} was refused by the line ({code} {reason}).").format(
                caller=caller, code=refused.code, reason=outside_text(refused.reason)
            )
        self.statusBar().showMessage(text, 120_000)

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
