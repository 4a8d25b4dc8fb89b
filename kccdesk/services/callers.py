"""Who is calling: the caller's records by the calling number (the local
store, and the remote sources such as Open Klant), and the quick search.

Every record shown is written to the access log (who looked, when, which
record, why); the application log holds no personal data.
"""

from __future__ import annotations

import getpass
import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from kccdesk.core.caller import AccessReason, CallerRecord
from kccdesk.core.line import CallerId
from kccdesk.core.lookup import Lookup, RemoteSource, RemoteState
from kccdesk.core.numbers import normalise
from kccdesk.store import Database
from kccdesk.store.access_log import log_access
from kccdesk.store.callbacks import open_callbacks_for_number
from kccdesk.store.callers import find_records_by_number, search_records

log = logging.getLogger(__name__)


class Callers:
    def __init__(
        self,
        db: Database,
        agent: str,
        pbx_prefix: str = "",
        remotes: Sequence[RemoteSource] = (),
        local: bool = True,
    ) -> None:
        """``local``: whether lookups look in the local store (the settings
        may leave it to the remote sources alone)."""
        self.db = db
        self.agent = agent
        self.pbx_prefix = pbx_prefix
        self.remotes = tuple(remotes)
        self.local = local

    def lookup(self, caller: CallerId, reason: AccessReason, call_id: str | None = None) -> Lookup:
        """The local records for the caller's number, logged as shown; the
        lookup says whether the remote sources are still to be asked."""
        if caller.withheld:
            return Lookup(None)
        e164 = normalise(caller.number, pbx_prefix=self.pbx_prefix)
        if e164 is None:
            return Lookup(None)
        records = tuple(find_records_by_number(self.db, e164)) if self.local else ()
        callbacks = open_callbacks_for_number(self.db, e164)
        self.log_shown(records, reason, call_id)
        return Lookup(e164, records, RemoteState.WAITING if self.remotes else RemoteState.NONE, callbacks=callbacks)

    def fetch_remote(self, lookup: Lookup) -> Lookup:
        """The lookup with the remote sources' records added. Blocks on the
        network: run it away from the UI thread. Touches no database (what
        is shown of it is logged where it is shown)."""
        if lookup.e164 is None or not self.remotes:
            return replace(lookup, remote=RemoteState.NONE)
        found: list[CallerRecord] = []
        state = RemoteState.ANSWERED
        for source in self.remotes:
            try:
                found += source.find_by_number(lookup.e164)
            except Exception as error:  # noqa: BLE001 - any failure means: did not answer
                log.warning("record source %s did not answer: %s", source.name, type(error).__name__)
                state = RemoteState.FAILED
        return replace(lookup, records=lookup.records + tuple(found), remote=state)

    def search(
        self,
        name: str = "",
        postcode: str = "",
        house_number: str = "",
        birth_date: date | None = None,
        call_id: str | None = None,
    ) -> list[CallerRecord]:
        """The quick search in the local store; what it shows is logged."""
        found = search_records(self.db, name, postcode, house_number, birth_date)
        self.log_shown(found, AccessReason.SEARCH, call_id)
        return found

    def log_shown(self, records: Sequence[CallerRecord], reason: AccessReason, call_id: str | None = None) -> None:
        # Who looked: the agent's name, or the computer account when none is set.
        log_access(self.db, self.agent or getpass.getuser(), [r.key for r in records], reason, call_id)
