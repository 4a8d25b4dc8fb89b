"""The registration form: the call's facts (read-only), subject with type-ahead
over the UPL, question, answer, outcome with its detail, a callback request's
details, the confidential flag, and the after-call work timer.

The form only holds and shows; the window saves what ``draft()`` returns:
``draft_due`` says when (500 ms after the last key, and when the focus moves
on after a change).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import (
    QDateTime,
    QEvent,
    QObject,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kccdesk.core.clock import Clock, SystemClock
from kccdesk.core.draft import (
    CallbackDetails,
    CallFacts,
    Draft,
    Missing,
    next_working_day,
)
from kccdesk.core.registration import Outcome, Registration
from kccdesk.core.subjects import SubjectList
from kccdesk.i18n import N_, _
from kccdesk.i18n.names import outcome_name
from kccdesk.ui.text import minutes, outside_text, plain_label

DRAFT_DELAY_MS = 500
TIMER_MS = 500

DETAIL_LABELS = {
    Outcome.WARM_TRANSFER: N_("Transferred to (colleague)"),
    Outcome.CALLBACK_REQUEST: N_("For whom (colleague or team)"),
    Outcome.REFERRAL: N_("Organisation (full name)"),
}
MISSING_NAMES = {
    Missing.SUBJECT: N_("subject"),
    Missing.QUESTION: N_("question"),
    Missing.OUTCOME: N_("outcome"),
    Missing.DETAIL: N_("to whom, for whom or which organisation"),
    Missing.CALLBACK_NUMBER: N_("number to call back"),
}


class RegistrationForm(QFrame):
    edited = Signal()
    draft_due = Signal()  # time to save the draft

    def __init__(self, subjects: SubjectList | None = None, clock: Clock | None = None) -> None:
        super().__init__()
        self.setObjectName("registrationForm")
        self.subjects = subjects or SubjectList(())
        self.clock = clock or SystemClock()
        self.title = plain_label(_("Registration"), "panelTitle")
        self.after_call = plain_label(object_name="afterCallTimer")
        self.status = plain_label(object_name="registrationStatus", wrap=True)
        self.error = plain_label(object_name="registrationError", wrap=True)
        self.subject = QLineEdit()
        self.subject.setObjectName("subject")
        self.subject.setPlaceholderText(_("Type to choose from the product list"))
        self._subject_model = QStringListModel(self)
        completer = QCompleter(self._subject_model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.subject.setCompleter(completer)
        self.subject_note = plain_label(object_name="subjectNote")
        self.question = self._text_box("question", _("The caller's question, in your words"))
        self.answer = self._text_box("answer", _("The answer you gave, or what happens next"))
        self.outcome = QComboBox()
        self.outcome.setObjectName("outcome")
        self.outcome.addItem(_("(choose the outcome)"), None)
        for outcome in Outcome:
            self.outcome.addItem(outcome_name(outcome), outcome)
        self.detail = QLineEdit()
        self.detail.setObjectName("outcomeDetail")
        self.detail_label = QLabel(_("Detail"))
        self.detail_label.setBuddy(self.detail)
        self.callback_title, self.callback_team, self.callback_number, self.callback_note, self.callback_due = (
            self._callback_fields()
        )
        self.confidential = QCheckBox(_("Con&fidential"))
        self.confidential.setObjectName("confidential")
        form = QFormLayout()
        for text, label in self._facts():
            form.addRow(text, label)
        form.setRowVisible(self.fact_reference, False)
        form.addRow(_("&Subject"), self.subject)
        form.addRow("", self.subject_note)
        form.addRow(_("&Question"), self.question)
        form.addRow(_("A&nswer"), self.answer)
        form.addRow(_("&Outcome"), self.outcome)
        form.addRow(self.detail_label, self.detail)
        form.addRow(self.callback_title)
        form.addRow(_("Callback b&y"), self.callback_team)
        form.addRow(_("N&umber to call"), self.callback_number)
        form.addRow(_("Question for the &colleague"), self.callback_note)
        form.addRow(_("Call back &before"), self.callback_due)
        self._form = form
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.after_call)
        layout.addLayout(form)
        layout.addWidget(self.confidential)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.draft_due)
        self._after_timer = QTimer(self)
        self._after_timer.setInterval(TIMER_MS)
        self._after_timer.timeout.connect(self._show_after_call)
        for signal in (
            self.subject.textEdited,
            self.question.textChanged,
            self.answer.textChanged,
            self.detail.textEdited,
            self.callback_number.textEdited,
            self.callback_note.textChanged,
            self.callback_due.dateTimeChanged,
        ):
            signal.connect(self._changed)
        for index_signal in (self.outcome.currentIndexChanged, self.callback_team.currentIndexChanged):
            index_signal.connect(self._changed)
        self.confidential.toggled.connect(self._changed)
        self.subject.textEdited.connect(self._offer_subjects)
        self.subject.textChanged.connect(self._mark_subject)
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        for widget in self._fields():
            widget.installEventFilter(self)
        self.facts: CallFacts | None = None
        self.caller_id: int | None = None
        self._filling = False
        self._after_base = 0.0  # after-call seconds from before a restart or a pause
        self._hung_up_at: float | None = None  # monotonic; None while talking
        self.clear()

    # -- building ------------------------------------------------------------

    def _facts(self) -> list[tuple[str, QLabel]]:
        self.fact_caller = plain_label(object_name="factCaller")
        self.fact_channel = plain_label(_("phone"), "factChannel")
        self.fact_start = plain_label(object_name="factStart")
        self.fact_answer_delay = plain_label(object_name="factAnswerDelay")
        self.fact_rings = plain_label(object_name="factRings")
        self.fact_talk = plain_label(object_name="factTalk")
        self.fact_agent = plain_label(object_name="factAgent")
        self.fact_reference = plain_label(object_name="factReference")
        rows = [
            (_("Caller"), self.fact_caller),
            (_("Channel"), self.fact_channel),
            (_("Start"), self.fact_start),
            (_("Answered after"), self.fact_answer_delay),
            (_("Rings"), self.fact_rings),
            (_("Talk time"), self.fact_talk),
            (_("Agent"), self.fact_agent),
            (_("Reference"), self.fact_reference),
        ]
        for _text, label in rows:
            label.setProperty("fact", True)
        return rows

    def _text_box(self, name: str, placeholder: str) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setObjectName(name)
        box.setPlaceholderText(placeholder)
        box.setTabChangesFocus(True)
        box.setMinimumHeight(60)
        return box

    def _callback_fields(self) -> tuple[QLabel, QComboBox, QLineEdit, QPlainTextEdit, QDateTimeEdit]:
        title = plain_label(_("Callback request"), "panelTitle")
        team = QComboBox()
        team.setObjectName("callbackTeam")
        team.addItem(_("a colleague"), False)
        team.addItem(_("a team"), True)
        number = QLineEdit()
        number.setObjectName("callbackNumber")
        note = self._text_box("callbackNote", _("What the colleague needs to know"))
        due = QDateTimeEdit()
        due.setObjectName("callbackDue")
        due.setDisplayFormat("dd-MM-yyyy HH:mm")
        due.setCalendarPopup(True)
        return title, team, number, note, due

    def _callback_rows(self) -> tuple[QWidget, ...]:
        return (self.callback_title, self.callback_team, self.callback_number, self.callback_note, self.callback_due)

    def _fields(self) -> tuple[QWidget, ...]:
        return (
            self.subject, self.question, self.answer, self.outcome, self.detail, self.callback_team,
            self.callback_number, self.callback_note, self.callback_due, self.confidential,
        )

    # -- filling -------------------------------------------------------------

    def start(self, facts: CallFacts, caller_id: int | None) -> None:
        """A new call is answered: an empty form for it, with its facts."""
        self.clear()
        self.facts = facts
        self.caller_id = caller_id
        self._show_facts()
        self.setEnabled(True)
        self.subject.setFocus(Qt.FocusReason.OtherFocusReason)  # ready to type
        self.status.setText(_("Fill this in during the call; it is kept as you type."))

    def load(self, draft: Draft) -> None:
        """Reopen an open registration (after a restart, or from the list)."""
        self.clear()
        self._filling = True
        reg = draft.registration
        self.facts = draft.facts
        self.caller_id = reg.caller_id
        self.subject.setText(reg.subject)
        self.question.setPlainText(reg.question)
        self.answer.setPlainText(reg.answer)
        self.set_outcome(reg.outcome, reg.outcome_detail)
        self.confidential.setChecked(reg.confidential)
        if draft.callback is not None:
            callback = draft.callback
            self.callback_team.setCurrentIndex(1 if callback.team else 0)
            self.callback_number.setText(callback.number)
            self.callback_note.setPlainText(callback.note)
            self.callback_due.setDateTime(QDateTime(callback.due.astimezone().replace(tzinfo=None)))
        self._filling = False
        self._show_facts()
        self.setEnabled(True)
        if draft.facts.ended:
            self.hung_up(reg.after_call_seconds or 0.0)
        self.status.setText(_("This registration is not closed yet: complete it and close it with Ctrl+S."))

    def clear(self) -> None:
        self._filling = True
        self._draft_timer.stop()
        self._after_timer.stop()
        self.facts = None
        self.caller_id = None
        self._after_base, self._hung_up_at = 0.0, None
        for line in (self.subject, self.detail, self.callback_number):
            line.clear()
        for box in (self.question, self.answer, self.callback_note):
            box.clear()
        self.outcome.setCurrentIndex(0)
        self.callback_team.setCurrentIndex(0)
        self.confidential.setChecked(False)
        self._filling = False
        self._outcome_changed()
        for label in (self.fact_caller, self.fact_start, self.fact_answer_delay, self.fact_rings,
                      self.fact_talk, self.fact_agent, self.fact_reference, self.after_call, self.error):
            label.clear()
        self.after_call.hide()
        self.error.hide()
        self._form.setRowVisible(self.fact_reference, False)
        self.status.setText(_("The form opens when you answer a call."))
        self.setEnabled(False)

    def set_outcome(self, outcome: Outcome | None, detail: str = "") -> None:
        """Choose the outcome (and its detail: to whom, for whom, which organisation)."""
        self.outcome.setCurrentIndex(self.outcome.findData(outcome) if outcome else 0)
        self.detail.setText(detail)
        self._changed()

    def set_subject(self, subject: str) -> None:
        """Fill in the subject (from the script); a UPL name gets its URI."""
        self.subject.setText(subject)
        self._changed()

    def set_party(self, caller_id: int | None, name: str) -> None:
        """The agent picked the caller's record after answering."""
        if self.facts is not None:
            self.caller_id = caller_id
            self.facts = replace(self.facts, caller_name=name)
            self._show_facts()
            self._changed()

    # -- the call's course ---------------------------------------------------

    @property
    def call_id(self) -> str | None:
        return self.facts.call_id if self.facts else None

    def show_talk(self, seconds: float | None) -> None:
        if self.facts is not None and seconds is not None:
            self.facts = replace(self.facts, talk_seconds=seconds)
            self.fact_talk.setText(minutes(seconds))

    def hung_up(self, earlier_seconds: float = 0.0) -> None:
        """The call is over: after-call work starts (or goes on) with its timer."""
        if self.facts is not None:
            self.facts = replace(self.facts, ended=True)
        self._after_base = earlier_seconds
        self._hung_up_at = self.clock.monotonic()
        self.after_call.show()
        self._show_after_call()
        self._after_timer.start()
        self.status.setText(_("After-call work: complete the registration; Ctrl+S closes it."))

    @property
    def after_call_seconds(self) -> float | None:
        if self._hung_up_at is None:
            return None
        return self._after_base + max(0.0, self.clock.monotonic() - self._hung_up_at)

    def _show_after_call(self) -> None:
        seconds = self.after_call_seconds
        if seconds is not None:
            self.after_call.setText(_("After-call work {time}").format(time=minutes(seconds)))

    # -- reading -------------------------------------------------------------

    def draft(self) -> Draft | None:
        if self.facts is None:
            return None
        outcome = self.outcome.currentData()
        subject = self.subject.text().strip()
        known = self.subjects.find(subject)
        registration = Registration(
            call_id=self.facts.call_id,
            caller_id=self.caller_id,
            subject=subject,
            question=self.question.toPlainText().strip(),
            answer=self.answer.toPlainText().strip(),
            outcome=outcome,
            subject_uri=known.uri if known else "",
            outcome_detail=self.detail.text().strip() if outcome is not None and outcome.needs_detail else "",
            confidential=self.confidential.isChecked(),
            after_call_seconds=self.after_call_seconds,
        )
        callback = None
        if outcome is Outcome.CALLBACK_REQUEST:
            callback = CallbackDetails(
                for_whom=self.detail.text().strip(),
                team=bool(self.callback_team.currentData()),
                number=self.callback_number.text().strip(),
                note=self.callback_note.toPlainText().strip(),
                due=self.callback_due.dateTime().toPython().astimezone(),
            )
        return Draft(self.facts, registration, callback)

    # -- messages ------------------------------------------------------------

    def show_missing(self, missing: list[Missing]) -> None:
        """Say what is still empty, and put the focus on the first of it."""
        names = ", ".join(_(MISSING_NAMES[m]) for m in missing)
        self.show_error(_("Fill in before closing: {fields}.").format(fields=names))
        widget = {
            Missing.SUBJECT: self.subject,
            Missing.QUESTION: self.question,
            Missing.OUTCOME: self.outcome,
            Missing.DETAIL: self.detail,
            Missing.CALLBACK_NUMBER: self.callback_number,
        }[missing[0]]
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def show_saved(self) -> None:
        self.error.hide()

    # -- reacting to the agent -------------------------------------------------

    def _changed(self) -> None:
        if self._filling or self.facts is None:
            return
        self.edited.emit()
        self._draft_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.FocusOut and self._draft_timer.isActive():
            self._draft_timer.stop()
            self.draft_due.emit()
        return super().eventFilter(watched, event)

    def _offer_subjects(self, text: str) -> None:
        self._subject_model.setStringList([s.name for s in self.subjects.matching(text)])
        completer = self.subject.completer()
        if self._subject_model.rowCount() and self.subject.hasFocus():
            completer.complete()
        else:
            completer.popup().hide()

    def _mark_subject(self, text: str) -> None:
        free = bool(text.strip()) and self.subjects.find(text) is None and len(self.subjects) > 0
        self.subject_note.setText(_("Own subject: not from the product list") if free else "")
        self.subject_note.setVisible(free)
        self.subject.setProperty("free", free)
        self.subject.style().polish(self.subject)

    def _outcome_changed(self) -> None:
        outcome = self.outcome.currentData()
        needs_detail = outcome is not None and outcome.needs_detail
        self._form.setRowVisible(self.detail, needs_detail)
        if needs_detail:
            self.detail_label.setText(_(DETAIL_LABELS[outcome]))
        callback = outcome is Outcome.CALLBACK_REQUEST
        for row in self._callback_rows():
            self._form.setRowVisible(row, callback)
        if callback and not self._filling and self.facts is not None:
            self._prefill_callback()

    def _prefill_callback(self) -> None:
        assert self.facts is not None
        if not self.callback_number.text() and not self.facts.withheld:
            self.callback_number.setText(self.facts.number)
        if not self.callback_note.toPlainText():
            self.callback_note.setPlainText(self.question.toPlainText())
        due: datetime = next_working_day(self.clock.now())
        self.callback_due.setDateTime(QDateTime(due.astimezone().replace(tzinfo=None)))

    def _show_facts(self) -> None:
        facts = self.facts
        if facts is None:
            return
        if facts.caller_name:
            caller = outside_text(facts.caller_name)
        elif facts.withheld:
            caller = _("number withheld")
        else:
            caller = outside_text(facts.number) or "—"
        self.fact_caller.setText(caller)
        self.fact_start.setText(facts.started_at.astimezone().strftime("%d-%m-%Y %H:%M:%S"))
        delay = facts.answer_delay
        self.fact_answer_delay.setText(_("{seconds} s").format(seconds=round(delay)) if delay is not None else "—")
        self.fact_rings.setText(str(facts.rings))
        self.fact_talk.setText(minutes(facts.talk_seconds) if facts.talk_seconds is not None else "—")
        self.fact_agent.setText(outside_text(facts.agent) or "—")
        self.fact_reference.setText(facts.reference)
        self._form.setRowVisible(self.fact_reference, bool(facts.reference))

