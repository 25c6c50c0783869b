"""Full-text search text for SQLite's FTS5: Chinese by character pairs, other words by prefix.

FTS5's unicode61 tokenizer keeps a run of Chinese characters as one token, so `张伟` would
never match inside `张伟本月签下两家客户`, and its trigram tokenizer matches nothing under
three characters. So the indexed copy of a text cuts every CJK run into its overlapping
pairs of characters, and the run's last character alone (`张伟本月` → `张伟 伟本 本月 月`):
every character begins a token, every pair of neighbours is one. A query then asks, for a
CJK run of one character, for a token beginning with it (a prefix); of two, for that token;
of more, for each of its pairs, and the lines found are checked against the text itself
(`holds`), since the pairs need not be neighbours there. Any other word is a prefix match.
Positions are not needed, so the index keeps none (`detail=none`): a fraction of the size.
Offsets for highlighting are worked out on the original text, so what is shown is what was
typed.
"""

from __future__ import annotations

import functools
import operator
import re
import unicodedata

# Han (with extensions and compatibility ideographs), kana, Hangul, CJK punctuation-free ranges.
_CJK = (
    "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A CJK run; a CJK run or a word of letters and digits. Compiled when first needed:
    compiling these ranges takes tens of ms, which a command that neither searches nor
    indexes (`list`, `actions` with an index up to date, `--help`) should not pay."""
    return re.compile(f"[{_CJK}]+"), re.compile(f"[{_CJK}]+|[^\\W_]+")


def _is_cjk(piece: str) -> bool:
    return _patterns()[0].match(piece) is not None


class _Folds(dict[int, str]):
    """Each character's fold by its code point, worked out when first met: `str.translate`
    then folds a whole text without a call per character (indexing folds millions of
    characters, few distinct). Forgotten past a bound, so that no text can grow it without end."""

    BOUND = 65536

    def __missing__(self, code: int) -> str:
        if len(self) >= self.BOUND:
            self.clear()
        folded = self[code] = unicodedata.normalize("NFKC", chr(code)).lower()
        return folded


_FOLDS = _Folds()


def fold_char(ch: str) -> str:
    """One character as search sees it: full-width to half-width, lower case."""
    return _FOLDS[ord(ch)]


def fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    return text.translate(_FOLDS)


def _pairs(match: re.Match[str]) -> str:
    """A CJK run as its tokens: each pair of neighbours, then its last character."""
    run = match.group(0)
    return f" {' '.join(map(operator.add, run, run[1:]))} {run[-1]} "


def index_text(text: str) -> str:
    """The copy of `text` FTS5 indexes: folded, each CJK run cut into pairs (see above)."""
    if text.isascii():  # no CJK run to cut
        return text.lower()
    return _patterns()[0].sub(_pairs, fold(text))


def _pieces(query: str) -> list[str]:
    return _patterns()[1].findall(fold(query))


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for what a person typed; None when it holds nothing to find.

    Every piece must match (AND): a CJK run by its pairs (see above), a word as a prefix.
    Quotes and FTS5 operators typed by the user are never passed through. A CJK run of three
    characters or more is only narrowed down here: `holds` says which lines really have it.
    """
    terms = []
    for piece in _pieces(query):
        if not _is_cjk(piece) or len(piece) == 1:
            terms.append(f'"{piece}"*')
        else:
            terms.extend(f'"{piece[n : n + 2]}"' for n in range(len(piece) - 1))
    return " AND ".join(dict.fromkeys(terms)) if terms else None


def long_runs(query: str) -> list[str]:
    """The query's CJK runs of three characters or more: what `holds` checks a line for."""
    return [p for p in _pieces(query) if len(p) > 2 and _is_cjk(p)]


def holds(text: str, runs: list[str]) -> bool:
    """Whether `text` (as typed) has every one of these folded runs in it."""
    folded = fold(text)
    return all(run in folded for run in runs)


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
        word = not _is_cjk(piece)
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
