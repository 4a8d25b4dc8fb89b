"""The caller's cases, in the caller's panel above the earlier contacts:
each case's number, what it is about, its dates and where it stands; open
cases first, a case past its planned end marked in words and colour. While
the case system is asked it says so, and when it does not answer it says
that the cases are not available, the rest of the screen working on."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from kccdesk.core.cases import CallerCases, Case, CasesState
from kccdesk.i18n import _
from kccdesk.ui.text import outside_text, plain_label

DAY = "%d-%m-%Y"


class CasesPanel(QFrame):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("casesPanel")
        self._shown: tuple[CallerCases | None, date] | None = None
        self.title = plain_label(_("Cases"), "sectionTitle")
        self.state = plain_label(object_name="casesState", wrap=True)
        self.lines: list[QLabel] = []  # one label per case, in the order shown
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.state)
        self.setVisible(False)

    def show_cases(self, cases: CallerCases | None, today: date) -> None:
        """The call's cases as the service holds them; hidden when there are none to ask for."""
        if (cases, today) == self._shown:
            return  # nothing new: no layout, no paint
        self._shown = (cases, today)
        self.setVisible(cases is not None)
        state = ""
        if cases is not None and cases.state is CasesState.WAITING:
            state = _("Looking for the caller's cases…")
        elif cases is not None and cases.state is CasesState.FAILED:
            state = _("Cases not available: the case system does not answer.")
        elif cases is not None and not cases.cases:
            state = _("No cases")
        self.state.setText(state)
        self.state.setVisible(bool(state))
        texts = [case_text(c, today) for c in cases.cases] if cases is not None else []
        while len(self.lines) > len(texts):
            self.lines.pop().deleteLater()
        while len(self.lines) < len(texts):
            label = plain_label(object_name="caseLine", wrap=True)
            self.lines.append(label)
            self._layout.addWidget(label)
        for label, (text, overdue) in zip(self.lines, texts, strict=True):
            label.setText(text)
            label.setAccessibleName(text)
            if label.objectName() != ("caseOverdue" if overdue else "caseLine"):
                label.setObjectName("caseOverdue" if overdue else "caseLine")
                label.style().unpolish(label)
                label.style().polish(label)


def case_text(case: Case, today: date) -> tuple[str, bool]:
    """What a case's label says, and whether it is overdue."""
    lines = [" · ".join(p for p in (outside_text(case.identification), what_case(case)) if p)]
    dates = []
    if case.started:
        dates.append(_("started {date}").format(date=case.started.strftime(DAY)))
    if case.ended:
        dates.append(_("closed {date}").format(date=case.ended.strftime(DAY)))
    elif case.planned_end:
        dates.append(_("to be finished by {date}").format(date=case.planned_end.strftime(DAY)))
    overdue = case.overdue(today)
    if overdue:
        lines.insert(0, _("Overdue: still open after its planned end"))
    lines.append((_("Open") if case.is_open else _("Closed")) + (": " + ", ".join(dates) if dates else ""))
    if case.status is not None and (case.status.name or case.status.explanation):
        since = case.status.since.strftime(DAY) if case.status.since else ""
        status = " – ".join(dict.fromkeys(outside_text(p) for p in (case.status.name, case.status.explanation) if p))
        lines.append(
            _("Status: {status} (since {date})").format(status=status, date=since)
            if since
            else _("Status: {status}").format(status=status)
        )
    elif case.status is not None and case.status.since:
        lines.append(_("Status changed on {date}").format(date=case.status.since.strftime(DAY)))
    return "\n".join(lines), overdue


def what_case(case: Case) -> str:
    """The case's own description, with its case type's name when that is
    known and says something more."""
    description, case_type = outside_text(case.description), outside_text(case.case_type)
    if not case_type or case_type.casefold() == description.casefold():
        return description
    if not description:
        return case_type
    return _("{description} (kind of case: {case_type})").format(description=description, case_type=case_type)
