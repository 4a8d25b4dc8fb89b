"""Drafts of open registrations.

A draft is one JSON document per call, written on every save of the form
(also during the call) and deleted when the registration is closed.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select

from kccdesk.core.draft import CallbackDetails, CallFacts, Draft
from kccdesk.core.registration import Outcome, Registration, SubjectObject
from kccdesk.store.db import Database
from kccdesk.store.models import RegistrationDraftRow

log = logging.getLogger(__name__)


def save_draft(db: Database, draft: Draft) -> None:
    data = json.dumps(_to_json(draft), ensure_ascii=False)
    with db.session() as session:
        row = session.scalar(select(RegistrationDraftRow).where(RegistrationDraftRow.call_id == draft.call_id))
        if row is None:
            session.add(RegistrationDraftRow(call_id=draft.call_id, data=data))
        else:
            row.data = data


def delete_draft(db: Database, call_id: str) -> None:
    with db.session() as session:
        session.execute(delete(RegistrationDraftRow).where(RegistrationDraftRow.call_id == call_id))


def open_drafts(db: Database) -> list[Draft]:
    """Every registration not closed yet, the oldest call first."""
    drafts = []
    with db.session() as session:
        for row in session.scalars(select(RegistrationDraftRow).order_by(RegistrationDraftRow.id)):
            try:
                drafts.append(_from_json(json.loads(row.data)))
            except (ValueError, KeyError, TypeError) as exc:  # kept as it is, for a supervisor to look at
                log.error("the draft of call %s cannot be read (%s); it is left in the database", row.call_id, exc)
    return sorted(drafts, key=lambda d: d.facts.started_at)


def _to_json(draft: Draft) -> dict[str, Any]:
    reg = asdict(draft.registration)
    reg["outcome"] = draft.registration.outcome.code if draft.registration.outcome else None
    facts = asdict(draft.facts)
    facts["started_at"] = draft.facts.started_at.isoformat()
    callback = None
    if draft.callback is not None:
        callback = asdict(draft.callback)
        callback["due"] = draft.callback.due.isoformat()
    return {"facts": facts, "registration": reg, "callback": callback}


def _from_json(data: dict[str, Any]) -> Draft:
    facts = dict(data["facts"])
    facts["started_at"] = datetime.fromisoformat(facts["started_at"])
    reg = dict(data["registration"])
    if "party_id" in reg:  # a draft kept by kccdesk 0.1, before the caller had that name
        reg["caller_id"] = reg.pop("party_id")
    reg["outcome"] = Outcome.from_code(reg["outcome"]) if reg["outcome"] else None
    reg["about"] = tuple(SubjectObject(**thing) for thing in reg.get("about", ()))
    callback = data.get("callback")
    if callback is not None:
        answers = tuple((str(label), str(answer)) for label, answer in callback.get("answers", ()))
        callback = CallbackDetails(**{**callback, "due": datetime.fromisoformat(callback["due"]), "answers": answers})
    return Draft(CallFacts(**facts), Registration(**reg), callback)
