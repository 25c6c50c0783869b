"""Strings of the minutes, in zh and en (keys must match between the two)."""

STRINGS: dict[str, dict[str, str]] = {
    "en": {},
    "zh": {},
}
