"""What the screen pop knows about a caller: the records found by the calling
number, locally at once and from the remote sources when they answer, and
the record the agent picked."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from typing import Protocol

from kccdesk.core.caller import CallbackRequest, Caller, CallerRecord


class RemoteSource(Protocol):
    name: str

    def find_by_number(self, e164: str) -> list[CallerRecord]:
        """The source's records for the number; raises when it does not answer."""
        ...


class RemoteState(enum.Enum):
    NONE = "none"  # no remote source is on, or there is no number to look up
    WAITING = "waiting"
    ANSWERED = "answered"
    FAILED = "failed"  # did not answer in time, or not as its API says


@dataclass(frozen=True)
class Lookup:
    """What the screen pop knows about a caller: the local records at once,
    the remote ones when they arrive."""

    e164: str | None
    records: tuple[CallerRecord, ...] = ()
    remote: RemoteState = RemoteState.NONE
    chosen: str | None = None  # the key of the record the agent picked
    callbacks: tuple[CallbackRequest, ...] = ()  # open callback requests for this number without a record

    @property
    def record(self) -> CallerRecord | None:
        """The caller's record: the one the agent chose, or the only one."""
        if self.chosen is not None:
            return next((r for r in self.records if r.key == self.chosen), None)
        return self.records[0] if len(self.records) == 1 else None

    @property
    def caller(self) -> Caller | None:
        record = self.record
        return record.caller if record else None

    def with_record(self, record: CallerRecord) -> Lookup:
        """The agent picked ``record`` (from the chooser or a search)."""
        known = any(r.key == record.key for r in self.records)
        return replace(self, records=self.records if known else (*self.records, record), chosen=record.key)

    def with_remote(self, fetched: Lookup) -> Lookup:
        """This lookup with what the remote sources found added."""
        keys = {r.key for r in self.records}
        new = tuple(r for r in fetched.records if r.key not in keys)
        return replace(self, records=self.records + new, remote=fetched.remote)
