"""Who is calling: the caller's record, or what the line told us.

Before the agent answers it shows what the local store knows, adds what the
remote source finds when it arrives, offers a chooser for a shared number
and a quick search for an unknown one. Open callback requests stand at the
top, earlier contacts follow, newest first.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QVBoxLayout, QWidget

from kccdesk.core.caller import CallbackRequest, CallerKind, CallerRecord
from kccdesk.core.lookup import Lookup, RemoteState
from kccdesk.core.numbers import display
from kccdesk.core.session import CallSession
from kccdesk.i18n import _, ngettext
from kccdesk.ui.record_chooser import RecordChooser
from kccdesk.ui.record_search import RecordSearch, Search
from kccdesk.ui.restyle import named
from kccdesk.ui.text import outside_text, plain_label


class CallerPanel(QFrame):
    picked = Signal(object)  # CallerRecord: the agent chose who is calling

    def __init__(self, search: Search | None = None) -> None:
        super().__init__()
        self.setObjectName("callerPanel")
        self._shown: tuple[object, ...] | None = None
        self.title = plain_label(_("Caller"), "panelTitle")
        self.name = plain_label(object_name="callerName", wrap=True)
        self.kind = plain_label(object_name="callerKind", wrap=True)
        self.number = plain_label(object_name="callerNumber", wrap=True)  # a long "number" from the line wraps
        self.address = plain_label(object_name="callerAddress", wrap=True)
        self.details = plain_label(object_name="callerDetails", wrap=True)
        self.line_name = plain_label(object_name="callerLineName", wrap=True)
        self.note = plain_label(object_name="callerNote", wrap=True)
        self.callbacks = plain_label(object_name="callerCallbacks", wrap=True)
        self.remote = plain_label(object_name="callerRemote", wrap=True)
        self.chooser = RecordChooser()
        self.contacts_title = plain_label(_("Earlier contacts"), "sectionTitle")
        self.contacts = named(QListWidget(), "callerContacts")
        self.contacts.setAccessibleName(_("Earlier contacts"))
        self.search = RecordSearch(search)
        self._labels = (
            self.name,
            self.kind,
            self.number,
            self.address,
            self.details,
            self.line_name,
            self.note,
            self.callbacks,
            self.remote,
        )
        # What is to be shown, filled in before anything on screen changes:
        self._texts: dict[QLabel, str] = {}  # each label's text (none: empty)
        self._lines: list[str] = []  # the earlier contacts
        self._showing: set[QWidget] = set()  # the parts shown only when they have something
        self._records: tuple[CallerRecord, ...] = ()  # in the chooser of a shared number
        layout = QVBoxLayout(self)
        for widget in (self.title, *self._labels, self.chooser, self.contacts_title, self.contacts, self.search):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.chooser.picked.connect(self.picked)
        self.search.picked.connect(self.picked)
        self.show_caller(None, None)

    # -- what the window calls ---------------------------------------------

    def show_caller(self, session: CallSession | None, lookup: Lookup | None) -> None:
        shown = (session.call_id if session else None, lookup)
        if shown == self._shown:
            return  # nothing new: keep the agent's place in lists and fields
        if session is None or shown[0] != (self._shown or (None,))[0]:
            self.search.reset()
        self._shown = shown
        self._texts, self._lines, self._showing, self._records = {}, [], set(), ()
        self._fill(session, lookup)
        self._apply()

    def _fill(self, session: CallSession | None, lookup: Lookup | None) -> None:
        """What the panel is to show, in ``_texts``, ``_lines``, ``_showing`` and ``_records``."""
        if session is None:
            self._texts[self.name] = _("No caller")
            return
        caller = session.caller
        if caller.withheld:
            self._texts[self.name] = _("Number withheld")
            self._texts[self.note] = _("Ask for the caller's name and check their details.")
        elif lookup is not None and lookup.e164:
            self._texts[self.number] = display(lookup.e164)
        else:
            self._texts[self.number] = outside_text(caller.number)
        if caller.display_name:
            self._texts[self.line_name] = _("Name sent by the caller's phone: {name}").format(
                name=outside_text(caller.display_name)
            )
        self._show_remote(lookup)
        record = lookup.record if lookup else None
        if record is not None:
            self._show_record(record)
        elif lookup is not None and len(lookup.records) > 1:
            count = len(lookup.records)
            self._texts[self.name] = _("Shared number")
            self._texts[self.note] = ngettext(
                "{count} person uses this number: ask who is calling.",
                "{count} people use this number: ask who is calling.",
                count,
            ).format(count=count)
            self._records = lookup.records
            self._showing.add(self.chooser)
        else:
            if not caller.withheld:
                self._texts[self.name] = _("Unknown number")
                self._texts[self.note] = _("Ask for the caller's name.")
            self._showing.add(self.search)
        if record is None and lookup is not None:
            self._show_callbacks(lookup.callbacks)

    def _apply(self) -> None:
        """Only what differs from what is on screen is changed: every change
        costs layout and paint, and the screen pop is to be quick."""
        for label in self._labels:
            text = self._texts.get(label, "")
            if label.text() != text:
                label.setText(text)
        if self._lines != [self.contacts.item(row).text() for row in range(self.contacts.count())]:
            self.contacts.clear()
            self.contacts.addItems(self._lines)
        if self._records:
            self.chooser.show_records(self._records)
        elif self.chooser.count():
            self.chooser.clear()
        for widget in (self.chooser, self.contacts_title, self.contacts, self.search, self.callbacks):
            showing = widget in self._showing
            if widget.isHidden() == showing:
                widget.setVisible(showing)

    def _show_callbacks(self, open_requests: Sequence[CallbackRequest]) -> None:
        """Open callback requests, prominently: this caller is waiting for something."""
        if not open_requests:
            return
        lines = [
            ngettext("{count} open callback request:", "{count} open callback requests:", len(open_requests)).format(
                count=len(open_requests)
            )
        ]
        for request in open_requests:
            due = _(" (due {date})").format(date=request.due.strftime("%d-%m-%Y")) if request.due else ""
            whom = outside_text(request.for_whom) or _("someone")
            lines.append(f"• {whom}: {outside_text(request.note)}{due}")
        self._texts[self.callbacks] = "\n".join(lines)
        self._showing.add(self.callbacks)

    def add_part(self, part: QWidget) -> None:
        """A view shown with the record, above its earlier contacts (the caller's cases)."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.contacts_title), part)

    def start_search(self) -> None:
        """Put the focus in the chooser of a shared number, or else in the
        quick search (for any caller)."""
        if self._shown is None or self._shown[0] is None:
            return
        if self.chooser.isVisible():
            self.chooser.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        self.search.setVisible(True)
        self.search.begin()

    # -- parts ---------------------------------------------------------------

    def _show_remote(self, lookup: Lookup | None) -> None:
        if lookup is None or lookup.remote is RemoteState.NONE or lookup.remote is RemoteState.ANSWERED:
            return
        if lookup.remote is RemoteState.WAITING:
            self._texts[self.remote] = _("Looking in the remote source…")
        else:
            self._texts[self.remote] = _("The remote source did not answer: only what this desk knows is shown.")

    def _show_record(self, record: CallerRecord) -> None:
        caller = record.caller
        self._texts[self.name] = outside_text(caller.addressed_name or caller.name)
        if caller.kind is CallerKind.BUSINESS:
            self._texts[self.kind] = _("Business: {name}").format(name=outside_text(caller.business_name))
        else:
            self._texts[self.kind] = _("Resident")
        self._texts[self.address] = outside_text(caller.address)
        details = []
        if record.birth_date:
            details.append(_("born {date}").format(date=record.birth_date.strftime("%d-%m-%Y")))
        if record.bsn:
            details.append(_("BSN {bsn}").format(bsn=record.masked_bsn))
        if record.kvk:
            details.append(_("KvK {kvk}").format(kvk=record.kvk))
        if record.source != "local":
            details.append(_("from the remote source"))
        self._texts[self.details] = " · ".join(details)
        self._show_callbacks(record.open_callbacks)
        self._showing |= {self.contacts_title, self.contacts}
        if not record.contacts:
            self._lines.append(_("No earlier contacts"))
        for contact in record.contacts:
            parts = [contact.at.strftime("%d-%m-%Y"), outside_text(contact.subject)]
            if contact.agent:
                parts.append(outside_text(contact.agent))
            self._lines.append(" · ".join(parts))
