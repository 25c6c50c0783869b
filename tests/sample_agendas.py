"""Agendas built in code that more than one test layer uses."""

from __future__ import annotations

from agendas.model import Agenda, Meeting, Participant, Section, SectionKind


def tied_agenda() -> Agenda:
    """Four reps: Di best, Bo and Cy tied at 90 %, Ed without a result yet."""
    return Agenda(
        meeting=Meeting(title="Ties", language="en"),
        participants=(
            Participant("Ann", "facilitator"),
            Participant("Bo", "sales", 100.0, 90.0),
            Participant("Cy", "sales", 200.0, 180.0),
            Participant("Di", "sales", 100.0, 120.0),
            Participant("Ed", "sales", 100.0, None),
        ),
        sections=(Section("Results", 600, SectionKind.PERFORMANCE),),
    )
