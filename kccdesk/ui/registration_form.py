"""The registration form: the call's facts (read-only), subject with type-ahead
over the UPL, question, answer, outcome with its detail, a callback request's
details, the confidential flag, and the after-call work timer.

The form shows the registration the Registrations service holds and hands
every change back to it; the service keeps the draft, applies the rules and
closes it. A focus that moves on after a change saves at once.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QEvent, QObject, QStringListModel, Qt
from PySide6.QtGui import QTextCursor
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

from kccdesk.core.callback_questions import Unanswered, merged
from kccdesk.core.draft import CallFacts, Draft, Entry, Missing
from kccdesk.core.registration import Needs, Outcome
from kccdesk.core.subjects import SubjectList
from kccdesk.i18n import N_, _, ngettext
from kccdesk.i18n.names import about_name, outcome_name
from kccdesk.services.knowledge import Knowledge
from kccdesk.services.registrations import Registrations, Status
from kccdesk.ui.callback_questions import QuestionRows, unanswered_name
from kccdesk.ui.colleague_completer import ColleagueCompleter
from kccdesk.ui.text import minutes, outside_text, plain_label
from kccdesk.ui.text_box import TextBox

DETAIL_LABELS = {
    Outcome.WARM_TRANSFER: N_("&Transferred to (colleague)"),
    Outcome.CALLBACK_REQUEST: N_("For &whom (colleague or team)"),
    Outcome.REFERRAL: N_("Organisa&tion (full name)"),
}
FIELD_CHARACTERS = 24
MISSING_NAMES = {
    Missing.SUBJECT: N_("subject"),
    Missing.QUESTION: N_("question"),
    Missing.OUTCOME: N_("outcome"),
    Missing.DETAIL: N_("to whom, for whom or which organisation"),
    Missing.CALLBACK_NUMBER: N_("number to call back"),
}
STATUS_TEXTS = {
    Status.WAITING: N_("The form opens when you answer a call."),
    Status.OPENED: N_("Fill this in during the call; it is kept as you type."),
    Status.REOPENED: N_("This registration is not closed yet: complete it and close it with Ctrl+S."),
    Status.AFTER_CALL: N_("After-call work: complete the registration; Ctrl+S closes it."),
    Status.COMPLETE: N_("Complete. After the call, Ctrl+S closes it."),
    Status.CLOSED: N_("Registration closed."),
    Status.COUNTED: N_("Counted. This call is not registered with personal data."),
    Status.FINISH_CALL_FIRST: N_("Finish this call first; then Ctrl+L shows the open registrations."),
}


class RegistrationForm(QFrame):
    def __init__(self, registrations: Registrations, knowledge: Knowledge | None = None) -> None:
        super().__init__()
        self.setObjectName("registrationForm")
        self.registrations = registrations
        self.knowledge = knowledge  # the colleagues offered for a transfer or a callback, by what they handle
        self.subjects: SubjectList = registrations.subjects  # for the type-ahead
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
        self.subject_note = plain_label(object_name="subjectNote", wrap=True)
        self.question = self._text_box("question", _("The caller's question, in your words"))
        self.answer = self._text_box("answer", _("The answer you gave, or what happens next"))
        self.outcome = narrow(QComboBox())
        self.outcome.setObjectName("outcome")
        self.outcome.addItem(_("(choose the outcome)"), None)
        for outcome in Outcome:
            self.outcome.addItem(outcome_name(outcome), outcome)
        self.detail = QLineEdit()
        self.detail.setObjectName("outcomeDetail")
        if knowledge is not None:
            self.detail.setCompleter(ColleagueCompleter(self.detail, self, knowledge.colleagues, self._asks_colleague))
        self.detail_label = QLabel(_("Detail"))
        self.detail_label.setBuddy(self.detail)
        self.callback_title, self.callback_team, self.callback_number, self.callback_note, self.callback_due = (
            self._callback_fields()
        )
        self.confidential = QCheckBox(_("Con&fidential"))
        self.confidential.setObjectName("confidential")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a narrow form puts the field under its name
        for text, label in self._facts():
            form.addRow(text, label)
        form.setRowVisible(self.fact_reference, False)
        form.addRow(_("S&ubject"), self.subject)
        form.addRow("", self.subject_note)
        form.setRowVisible(self.subject_note, False)
        form.addRow(_("&Question"), self.question)
        form.addRow(_("&Answer"), self.answer)
        self.about = plain_label(object_name="registrationAbout", wrap=True)
        form.addRow(_("About"), self.about)
        form.setRowVisible(self.about, False)
        form.addRow(_("&Outcome"), self.outcome)
        form.addRow(self.detail_label, self.detail)
        form.addRow(self.callback_title)
        form.addRow(_("Callback b&y"), self.callback_team)
        form.addRow(_("Number &to call"), self.callback_number)
        form.addRow(_("Question for the co&lleague"), self.callback_note)
        form.addRow(_("Call back &before"), self.callback_due)
        self._form = form
        self.callback_questions = QuestionRows(form, self.callback_due, self._changed, self)  # the subject's own
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.after_call)
        layout.addLayout(form)
        layout.addWidget(self.confidential)
        layout.addWidget(self.error)
        layout.addWidget(self.status)  # the text boxes take the height the form has to spare
        for signal in (  # textChanged: a subject picked from the type-ahead list is a change too
            self.subject.textChanged,
            self.question.textChanged,
            self.answer.textChanged,
            self.detail.textChanged,
            self.callback_number.textChanged,
            self.callback_note.textChanged,
            self.callback_due.dateTimeChanged,
        ):
            signal.connect(self._changed)
        for index_signal in (self.outcome.currentIndexChanged, self.callback_team.currentIndexChanged):
            index_signal.connect(self._changed)
        self.confidential.toggled.connect(self._changed)
        self.subject.textEdited.connect(self._offer_subjects)
        self.subject.textChanged.connect(self._mark_subject)
        for widget in self._fields():
            widget.installEventFilter(self)
        self._size_fields()
        self._filling = False
        self._shown_call: str | None = None
        registrations.on_change(self.show_registration)
        self.show_registration()

    # -- building ------------------------------------------------------------

    def _facts(self) -> list[tuple[str, QLabel]]:
        self.fact_caller = plain_label(object_name="factCaller", wrap=True)
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
        return TextBox(name, placeholder)

    def _callback_fields(self) -> tuple[QLabel, QComboBox, QLineEdit, QPlainTextEdit, QDateTimeEdit]:
        title = plain_label(_("Callback request"), "panelTitle")
        team = narrow(QComboBox())
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
            self.subject,
            self.question,
            self.answer,
            self.outcome,
            self.detail,
            self.callback_team,
            self.callback_number,
            self.callback_note,
            self.callback_due,
            self.confidential,
        )

    def _size_fields(self) -> None:
        """Every field wide enough for a few words at the text size shown: a
        form too narrow for a field beside its name puts it under its name."""
        width = FIELD_CHARACTERS * self.fontMetrics().averageCharWidth()
        for widget in (*self._fields(), *self.callback_questions.fields()):
            if widget is not self.confidential:
                widget.setMinimumWidth(width)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # another text size
            self._size_fields()
        super().changeEvent(event)

    # -- showing the registration ------------------------------------------

    @property
    def call_id(self) -> str | None:
        return self.registrations.call_id

    def draft(self) -> Draft | None:
        return self.registrations.draft()

    def show_registration(self) -> None:
        """Show what the service holds: the facts, the entry (only the fields
        that differ from what is on screen, so the agent's cursor stays), the
        status and what is missing or failed."""
        reg = self.registrations
        facts = reg.facts
        self._show_rows(reg.entry.outcome)  # first: the questions' Alt-letters keep clear of the rows' labels
        self._filling = True
        self._show_entry(reg.entry)
        self._filling = False
        self._show_facts(facts)
        notice = reg.notice
        text = _(STATUS_TEXTS[notice.status])
        if notice.more_open:
            text += " " + ngettext(
                "{n} more registration is open: Ctrl+L shows it.",
                "{n} more registrations are open: Ctrl+L shows them.",
                notice.more_open,
            ).format(n=notice.more_open)
        self.status.setText(text)
        self._show_problem()
        self.show_times()
        self.setEnabled(facts is not None)
        if facts is not None and facts.call_id != self._shown_call and notice.status is Status.OPENED:
            self.subject.setFocus(Qt.FocusReason.OtherFocusReason)  # ready to type
        self._shown_call = facts.call_id if facts else None

    def show_times(self) -> None:
        """The talk time and the after-call work timer, as they are now."""
        reg = self.registrations
        talk = reg.talk_seconds()
        self.fact_talk.setText(minutes(talk) if talk is not None else ("—" if reg.facts else ""))
        after = reg.after_call_seconds()
        self.after_call.setVisible(after is not None)
        self.after_call.setText(_("After-call work {time}").format(time=minutes(after)) if after is not None else "")

    def focus_missing(self) -> None:
        """Put the focus on the first required field that is still empty."""
        missing = self.registrations.problem.missing
        if missing:
            self._widget_for(missing[0]).setFocus(Qt.FocusReason.OtherFocusReason)

    # -- what the script's keys set (through the service) ---------------------

    def set_outcome(self, outcome: Outcome | None, detail: str = "") -> None:
        """Choose the outcome (and its detail: to whom, for whom, which organisation)."""
        self.registrations.set_outcome(outcome, detail)

    def set_subject(self, subject: str) -> None:
        self.registrations.set_subject(subject)

    # -- inside ------------------------------------------------------------------

    def _entry(self) -> Entry:
        outcome = self.outcome.currentData()
        due = self.registrations.entry.callback_due
        if outcome is Outcome.CALLBACK_REQUEST:
            shown = self.callback_due.dateTime().toPython()
            due = shown.astimezone() if isinstance(shown, datetime) else due
        return Entry(
            subject=self.subject.text(),
            question=self.question.toPlainText(),
            answer=self.answer.toPlainText(),
            outcome=outcome,
            detail=self.detail.text(),
            confidential=self.confidential.isChecked(),
            callback_team=bool(self.callback_team.currentData()),
            callback_number=self.callback_number.text(),
            callback_note=self.callback_note.toPlainText(),
            callback_due=due,
            callback_answers=merged(self.registrations.entry.callback_answers, self.callback_questions.answers()),
            about=self.registrations.entry.about,  # linked by keys elsewhere (the knowledge, the cases)
        )

    def _show_entry(self, entry: Entry) -> None:
        for line, text in ((self.subject, entry.subject), (self.detail, entry.detail),
                           (self.callback_number, entry.callback_number)):  # fmt: skip
            if line.text() != text:
                line.setText(text)
        for box, text in ((self.question, entry.question), (self.answer, entry.answer),
                          (self.callback_note, entry.callback_note)):  # fmt: skip
            if box.toPlainText() != text:
                box.setPlainText(text)
                box.moveCursor(QTextCursor.MoveOperation.End)  # typing goes on after what was put there
        outcome_index = self.outcome.findData(entry.outcome) if entry.outcome else 0
        if self.outcome.currentIndex() != outcome_index:
            self.outcome.setCurrentIndex(outcome_index)
        team_index = 1 if entry.callback_team else 0
        if self.callback_team.currentIndex() != team_index:
            self.callback_team.setCurrentIndex(team_index)
        if self.confidential.isChecked() != entry.confidential:
            self.confidential.setChecked(entry.confidential)
        about = "\n".join(outside_text(about_name(thing)) for thing in entry.about)
        if self.about.text() != about:
            self.about.setText(about)
            self._form.setRowVisible(self.about, bool(about))
        if entry.callback_due is not None:
            due = _local(entry.callback_due)
            if self.callback_due.dateTime() != due:
                self.callback_due.setDateTime(due)
        if self.callback_questions.show(self.registrations.questions(), dict(entry.callback_answers)):
            self._size_fields()

    def _show_rows(self, outcome: Outcome | None) -> None:
        needs_detail = outcome is not None and outcome.needs_detail
        self._form.setRowVisible(self.detail, needs_detail)
        if outcome is not None and needs_detail:
            self.detail_label.setText(_(DETAIL_LABELS[outcome]))
        callback = outcome is Outcome.CALLBACK_REQUEST
        for row in self._callback_rows():
            self._form.setRowVisible(row, callback)

    def _show_facts(self, facts: CallFacts | None) -> None:
        if facts is None:
            for label in (self.fact_caller, self.fact_start, self.fact_answer_delay, self.fact_rings,
                          self.fact_agent, self.fact_reference):  # fmt: skip
                label.clear()
            self._form.setRowVisible(self.fact_reference, False)
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
        self.fact_agent.setText(outside_text(facts.agent) or "—")
        self.fact_reference.setText(facts.reference)
        self._form.setRowVisible(self.fact_reference, bool(facts.reference))

    def _show_problem(self) -> None:
        problem = self.registrations.problem
        if problem.missing:
            names = ", ".join(unanswered_name(m) if isinstance(m, Unanswered) else _(MISSING_NAMES[m])
                              for m in problem.missing)  # fmt: skip
            text = _("Fill in before closing: {fields}.").format(fields=names)
        elif problem.failure:
            text = _(
                "Not saved: the database cannot be written ({reason}). What you typed stays here; "
                "the next change or Ctrl+S tries again."
            ).format(reason=problem.failure)
        else:
            text = ""
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _widget_for(self, missing: Missing | Unanswered) -> QWidget:
        if isinstance(missing, Unanswered):
            return self.callback_questions.field(missing.label) or self.callback_due
        return {
            Missing.SUBJECT: self.subject,
            Missing.QUESTION: self.question,
            Missing.OUTCOME: self.outcome,
            Missing.DETAIL: self.detail,
            Missing.CALLBACK_NUMBER: self.callback_number,
        }[missing]

    def _changed(self) -> None:
        if not self._filling:
            self.registrations.edit(self._entry())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self.registrations.unsaved:
            self.registrations.keep()
        return super().eventFilter(watched, event)

    def _offer_subjects(self, text: str) -> None:
        self._subject_model.setStringList([s.name for s in self.subjects.matching(text)])
        completer = self.subject.completer()
        popup = completer.popup()
        if self._subject_model.rowCount() and self.subject.hasFocus():
            completer.complete()
        elif popup is not None:
            popup.hide()

    def _asks_colleague(self) -> bool:
        """A transfer or a callback: the detail names a colleague (or a team)."""
        outcome = self.registrations.entry.outcome
        return outcome is not None and outcome.needs is Needs.COLLEAGUE

    def _mark_subject(self, text: str) -> None:
        free = bool(text.strip()) and self.subjects.find(text) is None and len(self.subjects) > 0
        self.subject_note.setText(_("Own subject: not from the product list") if free else "")
        self._form.setRowVisible(self.subject_note, free)  # no empty row under the subject
        self.subject.setProperty("free", free)
        self.subject.style().polish(self.subject)


def narrow(box: QComboBox) -> QComboBox:
    """A choice that fits a narrow form: its longest item does not set its width."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(8)
    return box


def _local(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))  # shown in the computer's own time zone
