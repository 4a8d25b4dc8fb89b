"""What the window does with registrations: a form per answered call, drafts
kept as the agent types, after-call work, closing (Ctrl+S), counting only
(Ctrl+K), the open registrations (Ctrl+L), and reopening them after a crash.

A save that fails is shown in the form and loses nothing: the text stays,
and the next save tries again.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QWidget
from sqlalchemy.exc import SQLAlchemyError

from kccdesk.core.caller import Caller
from kccdesk.core.desk import Desk
from kccdesk.core.draft import CallFacts, Draft, counted_only, missing_fields
from kccdesk.core.session import CallSession
from kccdesk.i18n import _, ngettext
from kccdesk.services.recorder import CallRecorder
from kccdesk.store import DatabaseError
from kccdesk.ui.open_registrations import OpenRegistrations
from kccdesk.ui.registration_form import RegistrationForm

log = logging.getLogger(__name__)

SAVE_ERRORS = (DatabaseError, SQLAlchemyError, OSError)


class Registrations(QObject):
    def __init__(self, form: RegistrationForm, recorder: CallRecorder, desk: Desk, parent: QWidget) -> None:
        super().__init__(parent)
        self.form = form
        self.recorder = recorder
        self.desk = desk
        self._window = parent
        self._closed: set[str] = set()  # closed (or counted) while the call goes on
        form.draft_due.connect(self.keep)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.keep)  # what was typed in the last half second

    # -- the call's course ---------------------------------------------------

    def restore(self) -> None:
        """At start: reopen a registration the last run did not close."""
        drafts = self._open_drafts()
        if drafts:
            self._load(drafts[0])
        if len(drafts) > 1:
            more = len(drafts) - 1
            self.form.status.setText(self.form.status.text() + " " + ngettext(
                "{n} more registration is open: Ctrl+L shows it.",
                "{n} more registrations are open: Ctrl+L shows them.",
                more,
            ).format(n=more))

    def answered(self, session: CallSession, caller: Caller | None) -> None:
        """The call on screen is connected: give it the form (once). A form
        that holds another registration is kept as a draft, to reopen later."""
        if self.form.call_id == session.call_id or session.call_id in self._closed:
            return
        if self.form.call_id is not None:
            self.keep()
        kept = next((d for d in self._open_drafts() if d.call_id == session.call_id), None)
        if kept is not None:  # back to a call the agent switched away from (F5)
            self.form.load(kept)
            return
        facts = CallFacts(
            call_id=session.call_id,
            number=session.caller.number,
            display_name=session.caller.display_name,
            withheld=session.caller.withheld,
            started_at=session.arrived_wall,
            answer_delay=session.answer_delay,
            rings=session.rings_at_answer or 0,
            agent=self.recorder.agent,
            caller_name=caller_name(caller) if caller else "",
            talk_seconds=0.0,
            reference=self.recorder.new_reference(),
        )
        self.form.start(facts, caller.id if caller else None)
        self.keep()

    def picked(self, session: CallSession, caller: Caller) -> None:
        """The agent chose the caller's record after answering."""
        if self.form.call_id == session.call_id:
            self.form.set_party(caller.id, caller_name(caller))

    def finished(self, session: CallSession, caller: Caller | None) -> None:
        """The call ended: store it; its form goes on as after-call work."""
        try:
            self.recorder.record_call(session, caller)
        except SAVE_ERRORS as exc:
            self._failed(exc)
        self._closed.discard(session.call_id)
        if self.form.call_id == session.call_id:
            self.form.show_talk(session.talk_seconds())
            self.form.hung_up()
            self.keep()

    def tick(self) -> None:
        session = self.desk.calls.get(self.form.call_id or "")
        if session is not None:
            self.form.show_talk(session.talk_seconds(self.desk.clock.monotonic()))

    # -- saving --------------------------------------------------------------

    def keep(self) -> bool:
        """Save the form's draft now; False (and the reason shown) when it failed."""
        draft = self.form.draft()
        if draft is None:
            return True
        try:
            self.recorder.keep(draft)
        except SAVE_ERRORS as exc:
            self._failed(exc)
            return False
        self.form.show_saved()
        return True

    def close(self) -> None:
        """Ctrl+S: check the required fields, then close the registration.
        While the call goes on it is only saved: closing follows the call."""
        draft = self.form.draft()
        if draft is None:
            return
        missing = missing_fields(draft)
        if missing:
            self.form.show_missing(missing)
            return
        if draft.call_id in self.desk.calls:
            if self.keep():
                self.form.status.setText(_("Complete. After the call, Ctrl+S closes it."))
            return
        self._close(draft, _("Registration closed."))

    def count_only(self) -> None:
        """Ctrl+K: a simple general question, only counted (subject and times,
        no personal data); the form closes."""
        draft = self.form.draft()
        if draft is None:
            return
        counted = counted_only(draft)
        missing = missing_fields(counted)
        if missing:
            self.form.show_missing(missing)
            return
        if counted.call_id in self.desk.calls:
            try:
                self.recorder.count_when_ended(counted)
            except SAVE_ERRORS as exc:
                self._failed(exc)
                return
            self._closed.add(counted.call_id)
            self.form.clear()
            self.form.status.setText(_("Counted. This call is not registered with personal data."))
            return
        self._close(counted, _("Counted. This call is not registered with personal data."))

    def _close(self, draft: Draft, done: str) -> None:
        try:
            self.recorder.close(draft)
        except SAVE_ERRORS as exc:
            self._failed(exc)
            return
        self.form.clear()
        still_open = len(self._open_drafts())
        if still_open:
            done += " " + ngettext(
                "{n} more registration is open: Ctrl+L shows it.",
                "{n} more registrations are open: Ctrl+L shows them.",
                still_open,
            ).format(n=still_open)
        self.form.status.setText(done)

    def _failed(self, exc: Exception) -> None:
        log.error("saving the registration failed: %s", exc)
        self.form.show_error(
            _("Not saved: the database cannot be written ({reason}). What you typed stays here; "
              "the next change or Ctrl+S tries again.").format(reason=type(exc).__name__)
        )

    # -- open registrations ----------------------------------------------------

    def show_open(self) -> None:
        """Ctrl+L: the registrations not closed yet; Enter reopens one."""
        if self.form.call_id in self.desk.calls:
            self.form.status.setText(_("Finish this call first; then Ctrl+L shows the open registrations."))
            return
        if self.form.call_id is not None and not self.keep():
            return
        drafts = [d for d in self._open_drafts() if d.call_id not in self.desk.calls]
        dialog = OpenRegistrations(drafts, self._window)
        dialog.chosen.connect(self._load)
        dialog.open()

    def _load(self, draft: Draft) -> None:
        self.form.load(draft)
        if draft.call_id not in self.desk.calls:
            self.form.hung_up(draft.registration.after_call_seconds or 0.0)
            self.form.status.setText(
                _("This registration is not closed yet: complete it and close it with Ctrl+S.")
            )

    def _open_drafts(self) -> list[Draft]:
        try:
            return self.recorder.open_drafts()
        except SAVE_ERRORS as exc:
            self._failed(exc)
            return []


def caller_name(caller: Caller) -> str:
    return caller.business_name or caller.full_name
