"""Full-text search text for SQLite's FTS5: Chinese by the character, other words by prefix.

FTS5's unicode61 tokenizer keeps a run of Chinese characters as one token, so `张伟` would
never match inside `张伟本月签下两家客户`, and its trigram tokenizer matches nothing under
three characters. So the indexed copy of a text puts every CJK character on its own (a
token each), and a query turns a CJK run into a phrase of those characters (adjacent, in
order) and any other word into a prefix match. Offsets for highlighting are worked out on
the original text, so what is shown is what was typed.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Han (with extensions and compatibility ideographs), kana, Hangul, CJK punctuation-free ranges.
_CJK = (
    "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)
_IS_CJK = re.compile(f"[{_CJK}]")
_PIECE = re.compile(f"[{_CJK}]+|[^\\W_]+")  # a CJK run, or a word of letters and digits


@functools.lru_cache(maxsize=65536)  # indexing folds millions of characters, few distinct
def fold_char(ch: str) -> str:
    """One character as search sees it: full-width to half-width, lower case."""
    return unicodedata.normalize("NFKC", ch).lower()


def fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    return "".join(map(fold_char, text))


def index_text(text: str) -> str:
    """The copy of `text` FTS5 indexes: folded, each CJK character a token of its own."""
    return _IS_CJK.sub(lambda m: f" {m.group(0)} ", fold(text))


def _pieces(query: str) -> list[str]:
    return _PIECE.findall(fold(query))


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for what a person typed; None when it holds nothing to find.

    Every piece must match (AND): a CJK run as a phrase of its characters, a word as a prefix.
    Quotes and FTS5 operators typed by the user are never passed through.
    """
    terms = []
    for piece in _pieces(query):
        if _IS_CJK.match(piece):
            terms.append('"' + " ".join(piece) + '"')
        else:
            terms.append(f'"{piece}"*')
    return " AND ".join(terms) if terms else None


def highlight_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the query's pieces occur in `text` (offsets in `text` itself), merged and sorted."""
    folded: list[str] = []
    starts: list[int] = []  # offset in `text` of each folded character
    for at, ch in enumerate(text):
        for part in fold_char(ch):
            folded.append(part)
            starts.append(at)
    haystack = "".join(folded)
    spans: list[tuple[int, int]] = []
    for piece in _pieces(query):
        word = not _IS_CJK.match(piece)
        at = haystack.find(piece)
        while at != -1:
            begins_word = at == 0 or not haystack[at - 1].isalnum()
            if not word or begins_word:
                end = at + len(piece) - 1
                spans.append((starts[at], starts[end] + 1))
            at = haystack.find(piece, at + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
