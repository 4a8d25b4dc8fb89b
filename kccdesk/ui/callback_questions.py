"""The questions of a callback request's subject, as rows of the registration
form below the callback rows: a field per question (a choice as a list), its
hint in the empty field, a * for the required ones, and an Alt-letter that no
menu, field or shortcut of the window uses. Which questions, and whether an
answer will do, the Registrations service says; these rows show them and
hand the answers back."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import cast

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QWidget,
)

from kccdesk.core.callback_questions import ANSWER_MAX, AnswerProblem, Answers, Kind, Question, Unanswered
from kccdesk.i18n import N_, _
from kccdesk.ui.text import plain_label

SPARE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ67890"  # after the label's own letters: "(&X)" behind it
PLACEHOLDERS = {Kind.NUMBER: N_("a number"), Kind.DATE: N_("a date, like 23-11-2026")}
PROBLEM_TEXTS = {
    AnswerProblem.NOT_A_NUMBER: N_("{label} (a number)"),
    AnswerProblem.NOT_A_DATE: N_("{label} (a date, like 23-11-2026)"),
    AnswerProblem.NOT_A_CHOICE: N_("{label} (one of its list)"),
}


class QuestionRows:
    def __init__(self, form: QFormLayout, after: QWidget, changed: Callable[[], None], watcher: QObject) -> None:
        self._form = form
        self._after = after  # the callback row the questions follow
        self._changed = changed
        self._watcher = watcher  # sees a field lose the focus (a save)
        self.questions: tuple[Question, ...] = ()
        self._rows: list[QWidget] = []
        self._fields: dict[str, QLineEdit | QComboBox] = {}

    def show(self, questions: tuple[Question, ...], answers: dict[str, str]) -> bool:
        """Show ``questions`` with ``answers`` (only the fields that differ, so
        the cursor stays); True when the rows were made anew."""
        rebuilt = questions != self.questions
        if rebuilt:
            self._build(questions)
        for label, field in self._fields.items():
            answer = answers.get(label, "")
            if isinstance(field, QComboBox):
                index = max(field.findData(answer), 0)
                if field.currentIndex() != index:
                    field.setCurrentIndex(index)
            elif field.text() != answer:
                field.setText(answer)
        return rebuilt

    def answers(self) -> Answers:
        return tuple((label, _value(field)) for label, field in self._fields.items())

    def fields(self) -> tuple[QWidget, ...]:
        return tuple(self._fields.values())

    def field(self, label: str) -> QWidget | None:
        return self._fields.get(label)

    def _build(self, questions: tuple[Question, ...]) -> None:
        for shown in self._rows:  # the row goes, its label and field with it
            self._form.removeRow(shown)
        self._rows.clear()
        self._fields.clear()
        self.questions = questions
        if not questions:
            return
        row = cast("tuple[int, object]", self._form.getWidgetPosition(self._after))[0] + 1  # (row, role)
        title = plain_label(_("Questions about this subject (* must be filled in)"), "callbackQuestionsTitle", True)
        self._form.insertRow(row, title)
        self._rows.append(title)
        parent = self._form.parentWidget()
        texts = with_letters([q.on_screen for q in questions], taken_letters(parent.window()) if parent else set())
        previous = self._after
        for number, (question, text) in enumerate(zip(questions, texts, strict=True), 1):
            field = self._field(question)
            label = QLabel(text + (" *" if question.required else ""))
            label.setTextFormat(Qt.TextFormat.PlainText)  # a supervisor's words, never markup
            label.setBuddy(field)
            self._form.insertRow(row + number, label, field)
            QWidget.setTabOrder(previous, field)  # right after the callback rows, before what follows them
            previous = field
            self._rows.append(field)
            self._fields[question.label] = field
            label.show()  # at once, not after the next turn of the event loop
            field.show()
        title.show()

    def _field(self, question: Question) -> QLineEdit | QComboBox:
        field: QLineEdit | QComboBox
        if question.kind is Kind.CHOICE:
            field = QComboBox()
            field.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            field.setMinimumContentsLength(8)
            field.addItem(_("(choose)"), "")
            for shown, option in question.options_on_screen():
                field.addItem(shown, option)
            field.currentIndexChanged.connect(self._changed)
        else:
            field = QLineEdit()
            field.setMaxLength(ANSWER_MAX)
            placeholder = PLACEHOLDERS.get(question.kind)
            field.setPlaceholderText(question.hint or (_(placeholder) if placeholder else ""))
            field.textChanged.connect(self._changed)
        field.setObjectName("callbackQuestion")
        field.setAccessibleName(question.on_screen)
        field.setToolTip(question.hint)
        field.installEventFilter(self._watcher)
        return field


def unanswered_name(unanswered: Unanswered) -> str:
    """A question in "Fill in before closing": its label, and what kind of answer it takes."""
    label = unanswered.shown or unanswered.label
    text = PROBLEM_TEXTS.get(unanswered.problem)
    return _(text).format(label=label) if text else label


def with_letters(labels: Iterable[str], taken: set[str]) -> list[str]:
    """Each label with an Alt-letter not in ``taken`` nor given to an earlier
    one: the first free letter that starts a word, else any free letter of the
    label, else a spare one behind it ("Kenteken (&X)")."""
    used = set(taken)
    marked = []
    for label in labels:
        escaped = label.replace("&", "&&")
        index = _free_letter(label, used)
        if index is not None:
            used.add(label[index].upper())
            at = index + label[:index].count("&")  # where it is in the escaped text
            marked.append(f"{escaped[:at]}&{escaped[at:]}")
            continue
        spare = next((c for c in SPARE if c not in used), None)
        if spare is not None:
            used.add(spare)
        marked.append(f"{escaped} (&{spare})" if spare else escaped)
    return marked


def taken_letters(window: QWidget) -> set[str]:
    """The Alt-letters of every menu, label, button and Alt-shortcut of
    ``window``, shown now or not (a panel may appear while the questions are
    there)."""
    texts = [action.text() for action in window.menuBar().actions()] if isinstance(window, QMainWindow) else []
    for widget in window.findChildren(QWidget):
        if (isinstance(widget, QLabel) and widget.buddy() is not None) or isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
    letters = {QKeySequence.mnemonic(text).toString().removeprefix("Alt+").upper() for text in texts}
    for action in window.findChildren(QAction):
        for shortcut in action.shortcuts():
            keys = shortcut.toString()
            if keys.startswith("Alt+") and len(keys) == len("Alt+") + 1:
                letters.add(keys[-1].upper())
    letters.discard("")
    return letters


def _free_letter(label: str, used: set[str]) -> int | None:
    letters = [i for i, c in enumerate(label) if c.isascii() and c.isalpha()]
    starts = [i for i in letters if i == 0 or not label[i - 1].isalnum()]
    return next((i for i in (*starts, *letters) if label[i].upper() not in used), None)


def _value(field: QLineEdit | QComboBox) -> str:
    return str(field.currentData() or "") if isinstance(field, QComboBox) else field.text()
