"""Agendas at and beyond the limits `minutely check` sets, as YAML text."""

from __future__ import annotations


def agenda_yaml(sections: int = 5, participants: int = 5, starts: str = "2026-12-01 09:00") -> str:
    """An agenda with this many sections (a day long each at most) and participants."""
    lines = ["meeting:", "  title: Limits", f"  starts: {starts}", "participants:"]
    lines += [f"  - Person {n}" for n in range(1, participants + 1)]
    lines.append("sections:")
    for n in range(1, sections + 1):
        lines += [f"  - title: Section {n}", "    duration: 24h" if n == 1 else "    duration: 10m"]
    return "\n".join(lines) + "\n"
