"""A hand-counted team day for the figures, written through the real store.

Two agents (Anna, Bram), two days in November 2026 (Amsterdam time, UTC+1),
two subjects: "crisisopvang" (Wmo: social domain) and "afvalcontainer".

| call | agent | local start       | answered | rings | delay | talk | subject       | outcome          | count only | after-call |
|------|-------|-------------------|----------|-------|-------|------|---------------|------------------|------------|------------|
| c9   | Bram  | 16 Nov 00:10      | missed   | 6     |       |      |               |                  |            |            |
| c1   | Anna  | 16 Nov 09:00      | yes      | 2     | 5     | 120  | crisisopvang  | resolved         |            | 30         |
| c2   | Anna  | 16 Nov 09:10      | yes      | 4     | 14    | 300  | afvalcontainer| warm_transfer    |            | 60         |
| c3   | Anna  | 16 Nov 09:20      | missed   | 5     |       |      |               |                  |            |            |
| c4   | Bram  | 16 Nov 10:00      | yes      | 1     | 2     | 60   | afvalcontainer| resolved         | yes        | 10         |
| c5   | Bram  | 17 Nov 11:00      | yes      | 3     | 11    | 200  | crisisopvang  | callback_request |            | 90         |
| c6   | Bram  | 17 Nov 11:30      | yes      | 2     | 6     | 100  | (none)        |                  |            |            |
| c7   | Anna  | 17 Nov 23:30      | yes      | 3     | 9     | 50   | afvalcontainer| referral         |            | 20         |
| c8   | Anna  | 18 Nov 00:30      | yes      | 1     | 3     | 40   | afvalcontainer| resolved         |            | 5          |

c9 is stored on 15 Nov in UTC and c8 on 17 Nov in UTC: the period
16–17 Nov (Amsterdam) holds c9 and not c8.

Counted by hand for 16–17 Nov: 8 calls, 6 answered, 2 missed; within 3
rings 5 of 6 (83.3 %); average rings 15/6 = 2.5; average delay 47/6 = 7.8 s;
talk 830 s (average 138.3 s); after-call work 210 s (average 42.0 s);
4 registered questions (resolved, warm transfer, callback, referral), of
which 2 handled directly (50.0 %); social domain 1 of 2 (50.0 %);
1 count-only question; 1 call about a case (c5; c1 used an answer from the
knowledge, which is no case). Anna: 4 calls, 3 answered, within norm 2 of 3
(66.7 %), directly 2 of 3 (66.7 %). Bram: 4 calls, 3 answered, within 3 of 3
(100.0 %), directly 0 of 1 (0.0 %), 1 count-only. Callback requests: 2 open,
1 of them overdue (and 1 done). Outbox: 2 not delivered (1 pending,
1 parked), 1 delivered.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from kccdesk.core.caller import CallbackRequest, CallbackStatus, Caller, CallerKind
from kccdesk.core.line import EndReason
from kccdesk.core.registration import ANSWER, CASE, EndedCall, Outcome, Registration, SubjectObject
from kccdesk.outbox import store as outbox
from kccdesk.store import Database
from kccdesk.store.callbacks import add_callback_request
from kccdesk.store.callers import add_caller
from kccdesk.store.calls import save_call
from kccdesk.store.registrations import save_registration

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
FIRST_DAY = date(2026, 11, 16)
LAST_DAY = date(2026, 11, 17)
SOCIAL = "crisisopvang"
OTHER = "afvalcontainer"

_CALLS = [
    # call, agent, (day, hour, minute), answered, rings, delay, talk, subject, outcome, count_only, after
    ("c9", "Bram", (16, 0, 10), False, 6, None, None, None, None, False, None),
    ("c1", "Anna", (16, 9, 0), True, 2, 5.0, 120.0, SOCIAL, Outcome.RESOLVED, False, 30.0),
    ("c2", "Anna", (16, 9, 10), True, 4, 14.0, 300.0, OTHER, Outcome.WARM_TRANSFER, False, 60.0),
    ("c3", "Anna", (16, 9, 20), False, 5, None, None, None, None, False, None),
    ("c4", "Bram", (16, 10, 0), True, 1, 2.0, 60.0, OTHER, Outcome.RESOLVED, True, 10.0),
    ("c5", "Bram", (17, 11, 0), True, 3, 11.0, 200.0, SOCIAL, Outcome.CALLBACK_REQUEST, False, 90.0),
    ("c6", "Bram", (17, 11, 30), True, 2, 6.0, 100.0, None, None, False, None),
    ("c7", "Anna", (17, 23, 30), True, 3, 9.0, 50.0, OTHER, Outcome.REFERRAL, False, 20.0),
    ("c8", "Anna", (18, 0, 30), True, 1, 3.0, 40.0, OTHER, Outcome.RESOLVED, False, 5.0),
]


ABOUT = {
    "c1": (SubjectObject(ANSWER, "kccdesk", "vraag", "Wat is crisisopvang?"),),
    "c5": (SubjectObject(CASE, "zaken-api", "identificatie", "ZAAK-2026-0042"),),
}


def write_team_fixture(db: Database) -> None:
    for call_id, agent, (
        day,
        hour,
        minute,
    ), answered, rings, delay, talk, subject, outcome, count_only, after in _CALLS:
        started = datetime(2026, 11, day, hour, minute, tzinfo=AMSTERDAM)
        record = EndedCall(
            call_id=call_id,
            number="+31612345678",
            display_name="",
            withheld=False,
            started_at=started,
            answered=answered,
            rings=rings,
            answer_delay=delay,
            talk_seconds=talk,
            hold_seconds=0.0,
            end_reason=EndReason.AGENT_HUNG_UP if answered else EndReason.CALLER_GAVE_UP,
            agent=agent,
        )
        save_call(db, record, None)
        if subject is not None:
            registration = Registration(
                call_id,
                None,
                subject,
                "vraag",
                "antwoord",
                outcome,
                count_only=count_only,
                after_call_seconds=after,
                about=ABOUT.get(call_id, ()),
            )
            save_registration(db, registration, closed_at=started + timedelta(minutes=5))
    caller_id = add_caller(db, Caller(id=None, kind=CallerKind.RESIDENT, surname="Jansen"), ["0612345678"])
    now = datetime.now(UTC)
    add_callback_request(db, CallbackRequest(caller_id, "Team Wmo", due=now - timedelta(days=1)))
    add_callback_request(db, CallbackRequest(caller_id, "Team Afval", due=now + timedelta(days=7)))
    add_callback_request(db, CallbackRequest(caller_id, "Team Wmo", status=CallbackStatus.DONE))
    for reference in ("AAAAAAAAAA", "BBBBBBBBBB", "CCCCCCCCCC"):
        outbox.enqueue(db, "webhook", {"klantcontact": {}}, reference)
    first, second, _third = outbox.due(db, datetime.now(UTC) + timedelta(seconds=1))
    outbox.save_results(db, [outbox.Result(first.id, outbox.DELIVERED)])
    outbox.mark_parked(db, second.id, "HTTP 400")
