"""Lengths of time and sums of money as each language says them: the one home for both.

Durations: `10 min`, `1 h 30 min`, `45 s` in English, `10 分钟`, `1 小时 30 分`, `45 秒` in
Chinese, on every screen and in the minutes; running clocks stay `mm:ss` (`format_clock`).

Money: tables write the full figure with thousands separators (`1,350,000`) in both
languages, so columns line up and add up; a sentence in Chinese says it in 万 or 亿 as people
do (`135 万`, `1.2 亿`), exactly (`123.4567 万`), and below 10,000 as the figure.
"""

from __future__ import annotations

from decimal import Decimal

from sessions.i18n import t

_WAN = Decimal(10_000)
_YI = Decimal(100_000_000)


def percent_text(value: float | None) -> str:
    """A share as the tables write it: `87.5%` (1.0 is 100 %); empty for None."""
    return "" if value is None else f"{value * 100:.1f}%"


def duration_text(seconds: float, lang: str) -> str:
    """`12 min`, `12 min 30 s`, `45 s`, `1 h 5 min` (`12 分钟`, `1 小时 5 分`) — to the second,
    and to the minute from an hour."""
    total = int(round(max(0.0, seconds)))
    m, s = divmod(total, 60)
    if m >= 60:
        h, m = divmod(int(round(total / 60)), 60)
        return t("min.hours", lang, h=h, m=m) if m else t("min.hours_only", lang, h=h)
    if not m:
        return t("min.seconds", lang, s=s)
    if s:
        return t("min.min_sec", lang, m=m, s=s)
    return t("min.minutes", lang, m=m)


def money_text(amount: float | None, lang: str | None = None) -> str:
    """A sum for a table (`1,350,000`; no language given) or for a sentence in `lang`
    (`135 万` in Chinese, `1,350,000` in English); empty for no sum."""
    if amount is None:
        return ""
    if lang == "zh" and abs(amount) >= 10_000:
        exact = Decimal(str(round(amount, 2)))
        unit, name = (_YI, "亿") if abs(exact) >= _YI else (_WAN, "万")
        figure = format((exact / unit).normalize(), "f")
        return f"{figure} {name}"
    if float(amount).is_integer():
        return f"{amount:,.0f}"
    return f"{amount:,.2f}"
