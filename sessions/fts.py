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

Where a text is cut into words is decided here alone, for the index and the query alike: the
fold (`fold`) turns every character that is neither a letter nor a digit, beyond ASCII, into
a space, so the index's tokenizer is FTS5's `ascii` (which cuts at ASCII punctuation and
spaces, and takes any other character as part of a word), and the words it finds are the ones
a query is cut into (`_pieces`). FTS5's `unicode61` cut words by its own tables, in a third
more of the index's time, and not always where a query was cut (at a combining mark, say).
"""

from __future__ import annotations

import functools
import operator
import re
import unicodedata

# FTS5's tokenizer for the indexed copies (and so for the queries): see above.
TOKENIZER = "ascii"
# What it cuts words at: ASCII that is neither letter nor digit (the fold leaves no other).
_SEPARATORS = "\\x00-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f"

# Han (with extensions and compatibility ideographs), kana, Hangul, CJK punctuation-free ranges.
_CJK = (
    "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A CJK run; a CJK run or a word of other letters and digits. Compiled when first needed:
    compiling these ranges takes tens of ms, which a command that neither searches nor
    indexes (`list`, `actions` with an index up to date, `--help`) should not pay."""
    return re.compile(f"[{_CJK}]+"), re.compile(f"[{_CJK}]+|[^{_SEPARATORS}{_CJK}]+")


def _is_cjk(piece: str) -> bool:
    return _patterns()[0].match(piece) is not None


def _fold_one(ch: str) -> str:
    """One character as search sees it (`fold`): full-width to half-width (NFKC), case folded
    (`Σ` and `ς` → `σ`, `ß` → `ss`); beyond ASCII, a Latin letter without its accents (`é` →
    `e`), an accent typed apart from its letter dropped (a decomposed `é`, as some systems
    paste it, is `e` too), a spacing mark kept (a Devanagari vowel sign), any other character
    that is neither a letter nor a digit a space (words are cut there, see above). ASCII
    punctuation stays: the index's tokenizer cuts at it, as the query's pieces do."""
    if ch.isascii():
        return ch.lower()
    parts = []
    for one in unicodedata.normalize("NFKC", ch).casefold():
        if unicodedata.combining(one):
            continue
        bare = unicodedata.normalize("NFD", one)
        if bare[0].isascii() and bare[0].isalpha() and all(map(unicodedata.combining, bare[1:])):
            one = bare[0]
        kept = one.isalnum() or unicodedata.category(one).startswith("M")
        parts.append(one if kept else " ")
    return "".join(parts)


class _Folds(dict[int, str]):
    """Each character's fold by its code point, worked out when first met: `str.translate`
    then folds a whole text without a call per character (indexing folds millions of
    characters, few distinct). Forgotten past a bound, so that no text can grow it without end."""

    BOUND = 65536

    def __missing__(self, code: int) -> str:
        if len(self) >= self.BOUND:
            self.clear()
        folded = self[code] = _fold_one(chr(code))
        return folded


_FOLDS = _Folds()


def fold_char(ch: str) -> str:
    """One character as search sees it (`_fold_one`)."""
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
    """What `holds` checks a line for: the query's CJK runs of three characters or more, and
    what it has typed without a space between letters or digits and CJK (`3月`, `KPI考核`):
    their pieces are found apart, and must stand together in the line."""
    folded, pieces = fold(query), _patterns()[1]
    runs = [p for p in pieces.findall(folded) if len(p) > 2 and _is_cjk(p)]
    runs.extend(g for g in _glued().findall(folded) if len(pieces.findall(g)) > 1)
    return runs


@functools.cache
def _glued() -> re.Pattern[str]:
    """Characters typed together: no separator between them (see `_SEPARATORS`)."""
    return re.compile(f"[^{_SEPARATORS}]+")


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
            # A word begins after a separator, or after a CJK character (the index cuts a
            # CJK run apart from the letters it touches: `KPI` in `的KPI考核`).
            before = haystack[at - 1] if at else " "
            begins_word = _glued().match(before) is None or _is_cjk(before)
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
