"""The scorecard as JSON: every figure, machine-readable (shares as fractions, 1.0 is 100 %)."""

from __future__ import annotations

import json
from typing import Any

from agendas.text import strip_control_in
from sessions.scorecard import Scorecard


def _plain(value: Any) -> Any:
    """Records (NamedTuples) as dicts of their fields, all the way down."""
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return {key: _plain(item) for key, item in value._asdict().items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def to_dict(sc: Scorecard) -> dict[str, Any]:
    data: dict[str, Any] = _plain(sc)
    data["today"] = sc.today.isoformat()
    for raw, meeting in zip(data["meetings"], sc.meetings, strict=True):
        raw["overrun"] = meeting.overrun
    for raw, rep in zip(data["sales"]["reps"], sc.sales.reps, strict=True):
        raw["lagging"] = rep.lagging
    follow = data["follow_through"]
    for raw, owner in zip(follow["owners"], sc.follow_through.owners, strict=True):
        raw["kept"] = owner.kept
    follow["total"]["kept"] = sc.follow_through.total.kept
    return data


def render(sc: Scorecard, lang: str) -> str:
    """`lang` is accepted like every format's; JSON keeps figures and names, no words."""
    return json.dumps(strip_control_in(to_dict(sc)), ensure_ascii=False, indent=2) + "\n"
