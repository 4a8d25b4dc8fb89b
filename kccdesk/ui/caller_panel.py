"""Who is calling: the caller's record, or what the line told us."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout

from kccdesk.core.numbers import display
from kccdesk.core.party import Party, PartyKind
from kccdesk.core.session import CallSession
from kccdesk.i18n import _, ngettext
from kccdesk.recorder import Lookup
from kccdesk.ui.text import outside_text, plain_label


class CallerPanel(QFrame):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("callerPanel")
        self.title = plain_label(_("Caller"), "panelTitle")
        self.name = plain_label(object_name="callerName", wrap=True)
        self.kind = plain_label(object_name="callerKind", wrap=True)
        self.number = plain_label(object_name="callerNumber")
        self.address = plain_label(object_name="callerAddress", wrap=True)
        self.line_name = plain_label(object_name="callerLineName", wrap=True)
        self.note = plain_label(object_name="callerNote", wrap=True)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.name, self.kind, self.number, self.address, self.line_name, self.note):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.show_caller(None, None)

    def show_caller(self, session: CallSession | None, lookup: Lookup | None) -> None:
        for label in (self.name, self.kind, self.number, self.address, self.line_name, self.note):
            label.clear()
        if session is None:
            self.name.setText(_("No caller"))
            return
        caller = session.caller
        if caller.withheld:
            self.name.setText(_("Number withheld"))
            self.note.setText(_("Ask for the caller's name and check their details."))
        elif lookup is not None and lookup.e164:
            self.number.setText(display(lookup.e164))
        else:
            self.number.setText(outside_text(caller.number))
        if caller.display_name:
            self.line_name.setText(
                _("Name sent by the caller's phone: {name}").format(name=outside_text(caller.display_name))
            )
        if caller.withheld:
            return
        party = lookup.party if lookup else None
        if party is not None:
            self._show_party(party)
        elif lookup is not None and lookup.parties:
            count = len(lookup.parties)
            self.name.setText(_("Shared number"))
            self.note.setText(
                ngettext(
                    "{count} person uses this number: ask who is calling.",
                    "{count} people use this number: ask who is calling.",
                    count,
                ).format(count=count)
            )
        else:
            self.name.setText(_("Unknown number"))
            self.note.setText(_("Ask for the caller's name."))

    def _show_party(self, party: Party) -> None:
        self.name.setText(outside_text(party.addressed_name or party.full_name))
        if party.kind is PartyKind.BUSINESS:
            self.kind.setText(
                _("Business: {name}").format(name=outside_text(party.business_name))
            )
        else:
            self.kind.setText(_("Resident"))
        self.address.setText(outside_text(party.address))
