"""Control characters, for the session side: the functions live in `agendas.text`."""

from __future__ import annotations

from agendas.text import describe_control, find_control, strip_control, strip_control_in

__all__ = ["describe_control", "find_control", "strip_control", "strip_control_in"]
