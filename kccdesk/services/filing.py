"""Filing what a call leaves behind: the finished call stored, the draft of
its registration kept as it is typed, and a closed registration stored with
its callback request and handed to the outbox.

Everything is committed to the local database first; the outbox delivers it
to the registration system later, so nothing here waits on the network.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from kccdesk.core.caller import CallbackRequest
from kccdesk.core.clock import Clock
from kccdesk.core.draft import CallbackDetails, Draft
from kccdesk.core.numbers import normalise
from kccdesk.core.registration import EndedCall, Involved
from kccdesk.core.session import CallSession
from kccdesk.outbox.service import Outbox
from kccdesk.store import Database
from kccdesk.store.callbacks import add_callback_request
from kccdesk.store.callers import get_caller
from kccdesk.store.calls import blank_caller, call_stored, get_call, save_call
from kccdesk.store.drafts import delete_draft, open_drafts, save_draft
from kccdesk.store.registrations import save_registration

log = logging.getLogger(__name__)


class Filing:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        agent: str,
        pbx_prefix: str = "",
        outbox: Outbox | None = None,
        parties_in_outbox: bool = False,
    ) -> None:
        """``parties_in_outbox``: the records with a partij come from the same
        Klantinteracties API the outbox delivers to, so a registration can
        name the partij."""
        self.db = db
        self.clock = clock
        self.agent = agent
        self.pbx_prefix = pbx_prefix
        self.outbox = outbox
        self.parties_in_outbox = parties_in_outbox
        self._count_on_end: dict[str, Draft] = {}  # counted while talking

    def store_call(self, session: CallSession, caller_id: int | None) -> EndedCall:
        """Store the finished call. A call the agent counted only is stored
        without number or name, and its count is closed with it."""
        call = EndedCall.from_session(session, self.agent)
        counted = self._count_on_end.pop(call.call_id, None)
        if counted is not None:
            call = replace(call, number="", display_name="")
        save_call(self.db, call, None if counted else caller_id)
        log.info("call %s ended (%s) after %d rings", call.call_id, call.end_reason.value, call.rings)
        if counted is not None:
            self.close(counted)
        return call

    def keep(self, draft: Draft) -> None:
        """Save what the form holds: the draft always, and once the call is
        stored also its (still open) registration."""
        save_draft(self.db, draft)
        if draft.facts.ended and call_stored(self.db, draft.call_id):
            save_registration(self.db, draft.registration)

    def count_when_ended(self, draft: Draft) -> None:
        """Count-only chosen while still talking: closed when the call is stored."""
        save_draft(self.db, draft)
        self._count_on_end[draft.call_id] = draft

    def close(self, draft: Draft) -> None:
        """Close the registration: stored as closed (with the call itself when
        the app died before it could store it), its callback request made, and
        handed to the outbox; then the draft goes. A count-only registration
        keeps no personal data and goes to no remote sink."""
        registration = draft.registration
        call = get_call(self.db, draft.call_id)
        if call is None:
            call = draft.facts.ended_call()
            save_call(self.db, call, registration.caller_id)
        if registration.count_only:
            blank_caller(self.db, draft.call_id)
        save_registration(self.db, registration, closed_at=self.clock.now())
        callback = draft.callback
        if callback is not None:
            number = normalise(callback.number, pbx_prefix=self.pbx_prefix) or ""
            if registration.caller_id is not None or number:  # a caller without a record is found by number
                request = CallbackRequest(
                    registration.caller_id, callback.for_whom, callback_note(callback), due=callback.due, number=number
                )
                add_callback_request(self.db, request, draft.call_id)
        if self.outbox is not None and not registration.count_only:
            self.outbox.submit(call, registration, callback, draft.facts.reference, self.involved(draft, call))
        delete_draft(self.db, draft.call_id)
        log.info("registration closed for call %s", draft.call_id)

    def involved(self, draft: Draft, call: EndedCall) -> Involved:
        """Who the registration system is told called: the partij it knows;
        else the local record's caller; else the number of a caller without a
        record, once for each contact (a known caller's number is never sent,
        so it is never added to them again and again). A caller ID that is
        not a phone number is never sent as one."""
        if draft.facts.party and self.parties_in_outbox:
            return Involved(party=draft.facts.party)
        if draft.registration.caller_id is not None:
            caller = get_caller(self.db, draft.registration.caller_id)
            if caller is not None:
                return Involved(caller=caller)
        if draft.facts.party or call.withheld:
            return Involved()
        return Involved(number=normalise(call.number, pbx_prefix=self.pbx_prefix) or "")

    def new_reference(self) -> str:
        """The referentienummer a new registration will have in the
        Klantinteracties API ("" when it does not go there)."""
        return self.outbox.new_reference() if self.outbox is not None else ""

    def open_drafts(self) -> list[Draft]:
        """Every registration not closed yet, the oldest call first."""
        return open_drafts(self.db)


def callback_note(callback: CallbackDetails) -> str:
    """What the colleague reads: the number to call and the question."""
    return f"{callback.number}: {callback.note}" if callback.note else callback.number
