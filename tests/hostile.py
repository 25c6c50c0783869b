"""A catalogue of hostile strings a person (or a pasted agenda) might type.

Every screen, CLI output and export format is tested against these: the literal text must
come out (minus control characters, which are refused on input or stripped on output),
no markup action may fire and no control byte may reach a terminal or a file.
"""

from __future__ import annotations

# Strings that are printable: each must appear literally wherever it is shown.
MARKUP = [
    "[@click=app.screenshot('x.txt', '/tmp')]Weekly[/]",
    "[@click=app.quit]quit[/]",
    "[link=https://example.com]Bob[/link]",
    "sign-off by [legal]",
    "Pricing [/x] review",
    "[/]",
    "[b]bold?[/b] [red]red?[/red]",
    "[$accent]var[/]",
    "$title and $name",
    "{name} {0} %s %(x)s",
    "\\[escaped] \\\\[twice]",
]
RICH_TEXT = [
    "RTL: שלום עולם مرحبا",
    "emoji 🎉👍🏽 family 👨‍👩‍👧 flag 🇨🇳",
    "ZWNJ می‌خواهم and ZWJ a\u200db",
    "<script>alert(1)</script>",
    '=HYPERLINK("http://x","y")',
    "+SUM(1+1)",
    "-2+3",
    "@cmd",
    "a | b || c \\| d",
    "**not bold** `code` # not heading",
    "中文【方括号】［全角］",
]
PRINTABLE = MARKUP + RICH_TEXT

# Strings with control characters: refused by the agenda loader, stripped by every output.
CONTROL = [
    "A \x1b]0;TITLE\x07 B",  # OSC: set window title
    "C \x1b]52;c;aGVsbG8=\x07 D",  # OSC 52: write the clipboard
    "E \x1b[2J\x1b[H F",  # CSI: clear the screen
    "G \x9b31m H",  # C1 CSI
    "I \x07\x08\x00 J",  # bell, backspace, NUL
]

# Bytes that must never be written raw to a terminal or a file.
FORBIDDEN_BYTES = [chr(c) for c in range(0x20) if c not in (0x09, 0x0A)] + [
    chr(c) for c in range(0x7F, 0xA0)
]


def control_free(text: str) -> bool:
    """True when `text` holds no C0 (but tab/newline), DEL or C1 control character."""
    return not any(ch in text for ch in FORBIDDEN_BYTES)
