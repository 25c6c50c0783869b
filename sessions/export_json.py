"""The JSON export: the session's header, its whole event log and the state derived from it."""

from __future__ import annotations

from typing import Any

from sessions import participation, timing
from sessions.state import SessionState, replay_record
from sessions.store import SCHEMA, SessionRecord


def state_to_dict(state: SessionState, now: float) -> dict[str, Any]:
    return {
        "started_at": state.started_at,
        "ended_at": state.ended_at,
        "interrupted_at": state.interrupted_at,
        "current_section": state.current,
        "paused": state.paused,
        "order": list(state.order),
        "sections": [
            {
                "index": t.index,
                "title": t.title,
                "planned_seconds": t.planned,
                "used_seconds": round(t.used, 3),
                "reached": t.reached,
                "deferred": t.deferred,
            }
            for t in timing.agenda_timings(state, now)
        ],
        "items": [
            {
                "id": it.id,
                "kind": it.kind.value,
                "text": it.text,
                "section": it.section,
                "at": it.at,
                "owner": it.owner,
                "owner_known": it.owner_known,
                "due": it.due.isoformat() if it.due else None,
                "criteria": it.criteria,
                "speaker": it.speaker,
                "undone": it.undone,
                "deleted": it.deleted,
            }
            for it in state.items
        ],
        "attendance": {
            name: {"status": a.status, "arrived": a.arrived, "left": a.left, "guest": a.guest}
            for name, a in state.attendance.items()
        },
        "participation": [
            {
                "name": p.name,
                "talk_seconds": round(p.talk_time, 3),
                "share": round(p.share, 4),
                "turns": p.turns,
                "silent": p.silent,
            }
            for p in participation.participation(state, now)
        ],
        "targets": dict(state.targets),
        "followup": {
            ref: {"status": f.status, "comment": f.comment, "at": f.at}
            for ref, f in state.followup.items()
        },
        "carried": [action.to_dict() for action in state.carried],
        "downtimes": [{"since": d.since, "until": d.until} for d in state.downtimes],
    }


def export_json(record: SessionRecord) -> dict[str, Any]:
    state = replay_record(record)
    now = state.as_of
    return {
        "schema": SCHEMA,
        "id": record.id,
        "meta": record.meta,
        "events": record.events,
        "state": state_to_dict(state, now),
    }
