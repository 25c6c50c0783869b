"""Due dates as the facilitator reads them: overdue or not, and shown with the year when it matters."""

from __future__ import annotations

from datetime import date

from sessions.i18n import t, tn

# A date this many days away or more is stated in full in the confirmation: a typo that lands
# a year out must be visible while it can still be corrected.
FAR_DAYS = 183


def as_date(value: date | str | None) -> date | None:
    """A date, or the ISO text a session header keeps for one; None for other text or none."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return value


def days_overdue(due: date | str | None, today: date) -> int:
    """Days a due date has passed as of `today` (0 when it has not, or when there is none).

    `due` may be the ISO text a session header keeps for a carried action; other text is undated.
    """
    day = as_date(due)
    if day is None:
        return 0
    return max(0, (today - day).days)


def is_past(due: date | None, today: date) -> bool:
    return days_overdue(due, today) > 0


def short_date(due: date | str | None, today: date) -> str:
    """`11-20` in the current year, `2027-01-05` in any other.

    ISO text (as a header keeps it) is read as its date; other text is shown as it is.
    """
    day = as_date(due)
    if day is None:
        return due if isinstance(due, str) else ""
    return day.strftime("%m-%d") if day.year == today.year else day.isoformat()


def due_note(due: date | None, today: date, lang: str) -> str:
    """What the capture confirmation adds about a due date: the full date when it is in another
    year or far away, and a warning when it has passed; empty when the short form says it all."""
    if due is None:
        return ""
    parts = []
    if due.year != today.year or abs((due - today).days) >= FAR_DAYS:
        parts.append(t("date.due_on", lang, date=due.isoformat()))
    if is_past(due, today):
        parts.append(t("date.due_passed", lang))
    return t("date.separator", lang).join(parts)


def overdue_text(due: date | None, today: date, lang: str) -> str:
    """`逾期 3 天` / `3 days overdue`, or empty when the date has not passed."""
    late = days_overdue(due, today)
    return tn("date.overdue", lang, late) if late else ""


def due_label(due: date, today: date, lang: str) -> str:
    """An item's due date on the live screen: `截止 11-20 · 逾期 9 天`, `due 2027-01-05`."""
    label = t("live.due", lang, date=short_date(due, today))
    late = overdue_text(due, today, lang)
    return f"{label} · {late}" if late else label
