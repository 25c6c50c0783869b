"""Quick capture: one typed line becomes a note, decision, action item... or a meeting command."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Protocol

from agendas.text import closest
from sessions.i18n import WordedError
from sessions.kinds import ITEM_MARKS as ITEM_MARKS
from sessions.kinds import ItemKind as ItemKind
from sessions.kinds import Shape, kind_aliases
from sessions.text import strip_control


class CommandName(StrEnum):
    """The commands that steer the meeting instead of recording something."""

    NEXT = "next"
    PREV = "prev"
    PAUSE = "pause"
    RESUME = "resume"
    EXTEND = "extend"
    DEFER = "defer"
    SPEAKER = "speaker"
    HERE = "here"
    LATE = "late"
    LEFT = "left"
    ABSENT = "absent"
    TARGET = "target"
    ACTUAL = "actual"
    RATE = "rate"
    STATUS = "status"
    END = "end"
    UNDO = "undo"


@dataclass(frozen=True)
class Capture:
    """An item to add to the current section."""

    kind: ItemKind
    text: str
    owner: str | None = None
    owner_known: bool = True
    due: date | None = None
    criteria: str | None = None


@dataclass(frozen=True)
class Command:
    """A line that steers the meeting instead of recording something."""

    name: CommandName
    who: str | None = None
    who_known: bool = True
    number: int | None = None
    amount: float | None = None
    status: str | None = None
    comment: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", CommandName(self.name))


class CaptureError(WordedError, ValueError):
    """A line that cannot be taken; the message is one short line for the facilitator."""


class UnknownName(CaptureError):
    def __init__(self, typed: str, names: Sequence[str]) -> None:
        self.typed = typed
        self.candidates = tuple(names)
        if not typed:
            super().__init__(key="err.name_missing")
        elif not names:
            super().__init__(key="err.nobody_roster_empty", name=typed)
        else:
            super().__init__(key="err.nobody", name=typed, names=_listing(names))


class AmbiguousName(CaptureError):
    def __init__(self, typed: str, candidates: Sequence[str]) -> None:
        self.typed = typed
        self.candidates = tuple(candidates)
        super().__init__(key="err.ambiguous_name", name=typed, names=_listing(candidates))


_COMMAND_ALIASES: dict[str, CommandName] = {name.value: name for name in CommandName} | {
    alias: CommandName(name)
    for alias, name in {
        "u": "undo",
        "previous": "prev",
        "撤销": "undo",
        "下一节": "next",
        "上一节": "prev",
        "暂停": "pause",
        "继续": "resume",
        "延长": "extend",
        "推后": "defer",
        "发言": "speaker",
        "到场": "here",
        "签到": "here",
        "迟到": "late",
        "早退": "left",
        "离开": "left",
        "缺席": "absent",
        "目标": "target",
        "实际": "actual",
        "业绩": "actual",
        "评分": "rate",
        "打分": "rate",
        "状态": "status",
        "结束": "end",
    }.items()
}

_NO_ARGUMENT = frozenset(
    {
        CommandName.NEXT,
        CommandName.PREV,
        CommandName.PAUSE,
        CommandName.RESUME,
        CommandName.DEFER,
        CommandName.END,
        CommandName.UNDO,
    }
)

_STATUSES: dict[str, str] = {
    "done": "done",
    "完成": "done",
    "已完成": "done",
    "doing": "doing",
    "in-progress": "doing",
    "progress": "doing",
    "进行中": "doing",
    "blocked": "blocked",
    "受阻": "blocked",
    "阻塞": "blocked",
}

# One character for one character, so an offset found in the normalized line is the same
# offset in the typed line and free text can be taken exactly as it was typed. The whole
# full-width ASCII block: a Chinese input method in full-width mode (全角) turns letters,
# digits and punctuation into their full-width forms ("／ｄ", "ｄｕｅ：周五").
_FULL_WIDTH = str.maketrans(
    {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
)

# A marker counts at the start of a word; after CJK text and punctuation too, since Chinese
# is written without spaces ("跟进报价@张伟", "报价，@张伟" with its comma made ASCII by
# normalize), but not inside words such as e-mail addresses and paths.
_WORD_START = r"(?<![0-9A-Za-z#$%&'*+\-./=\\^_`~])"
_OWNER = re.compile(_WORD_START + r"@([^\s@|]+)")
_NEXT_WORD = re.compile(r"\s+[^\s@|]+")
_DUE = re.compile(_WORD_START + r"(?:due|截止)\s*:\s*([^\s@|]*)", re.IGNORECASE)
_TRAILING_PUNCTUATION = ",.;:!?)，。；：！？、）"
_ASCII_COMMAND = re.compile(r"[A-Za-z]+")

_ISO_DATE = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})")
_MONTH_DAY = re.compile(r"([0-9]{1,2})[-/.]([0-9]{1,2})")
_CHINESE_DATE = re.compile(r"(?:([0-9]{4})年)?([0-9]{1,2})月([0-9]{1,2})[日号]?")
_OFFSET = re.compile(r"\+([0-9]{1,4})\s*(d|w|天|周)?")
_CHINESE_WEEKDAY = re.compile(r"(下下|下|本|这)?(?:周|星期|礼拜)([一二三四五六日天])")
# The last day of this month or the next one: a common deadline in sales.
_MONTH_END = {"月底": 0, "本月底": 0, "这个月底": 0, "下月底": 1, "下个月底": 1}
_ENGLISH_WEEKDAYS = {
    "mon": 0,
    "monday": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "wed": 2,
    "weds": 2,
    "wednesday": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "fri": 4,
    "friday": 4,
    "sat": 5,
    "saturday": 5,
    "sun": 6,
    "sunday": 6,
}
_CHINESE_DAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_RELATIVE_DAYS = {"today": 0, "今天": 0, "今日": 0, "tomorrow": 1, "明天": 1, "明日": 1, "后天": 2}

_AMOUNT = re.compile(
    r"((?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+)\s*(k|m|w|千|万|百万|亿)?",
    re.IGNORECASE,
)
_AMOUNT_UNITS = {
    "k": 10**3,
    "千": 10**3,
    "w": 10**4,
    "万": 10**4,
    "m": 10**6,
    "百万": 10**6,
    "亿": 10**8,
}

_STATUS_ARGS = re.compile(r"\s*([0-9]{1,6})(?:\s+|(?=[^\x00-\x7f]))(\S+)\s*(.*)", re.DOTALL)
_EXTEND_ARGS = re.compile(r"\+?([0-9]{1,4})\s*(?:m|min|mins|minutes?|分钟?)?", re.IGNORECASE)


def normalize(line: str) -> str:
    """The line with the full-width ASCII forms (／ａ１＠：｜，…) and the ideographic space made ASCII.

    Every other character (Chinese text, 。、《》“” …) is left as typed, and the result has
    the same length as the input.
    """
    return line.translate(_FULL_WIDTH)


def parse_capture(line: str, names: Sequence[str], today: date) -> Capture | Command | None:
    """What a line typed in the capture bar means; None for a blank line.

    Control characters (an escape sequence typed or pasted) are left out here, where every
    line enters the meeting, so none is ever stored.
    """
    line = strip_control(line)
    typed = normalize(line)
    if not typed.strip():
        return None
    start = len(typed) - len(typed.lstrip())
    if typed[start] != "/":
        return Capture(ItemKind.NOTE, _tidy(line))
    if typed.startswith("//", start):
        return Capture(ItemKind.NOTE, _tidy(line[start + 1 :]))
    word, body = _command_word(typed, line, start + 1)
    kind = kind_aliases().get(word)
    if kind is None:
        return _command(_COMMAND_ALIASES[word], typed, line, body, names)
    if kind.spec.shape is Shape.ACTION:
        return _action(kind, typed, line, body, names, today)
    if kind.spec.shape is Shape.KUDOS:
        return _kudos(kind, typed, line, body, names)
    text = _tidy(line[body:])
    if not text:
        raise CaptureError(key=kind.spec.empty_key, command=word)
    return Capture(kind, text)


class ItemLike(Protocol):
    """What `capture_line` needs of an item: a `Capture`, or an item of the session's state."""

    @property
    def kind(self) -> ItemKind: ...
    @property
    def text(self) -> str: ...
    @property
    def owner(self) -> str | None: ...
    @property
    def due(self) -> date | None: ...
    @property
    def criteria(self) -> str | None: ...


def capture_line(item: ItemLike) -> str:
    """The item written back in the capture syntax, so that editing it is re-typing it."""

    def at(name: str) -> str:
        # `@` takes a roster name's words with it, so the whole name reads back as the person
        # (and "Sam Okoro" is not mistaken for "Sam Lee").
        return "@" + " ".join(name.split())

    spec = item.kind.spec
    if not spec.prefix:
        return "/" + item.text if item.text.lstrip().startswith(("/", "／")) else item.text
    line = spec.prefix
    if spec.shape is Shape.KUDOS and item.owner:
        return f"{line}{at(item.owner)} {item.text}"
    line += item.text
    if spec.shape is Shape.ACTION:
        if item.owner:
            line += " " + at(item.owner)
        if item.due:
            line += f" due:{item.due.isoformat()}"
        if item.criteria:
            line += f" | {item.criteria}"
    return line


def resolve_name(typed: str, names: Sequence[str]) -> str:
    """The participant meant by `typed`: exact, then any case, then an unambiguous prefix."""
    wanted = " ".join(typed.split())
    if not wanted:
        raise UnknownName("", names)
    if wanted in names:
        return wanted
    roster = list(dict.fromkeys(names))
    key = wanted.casefold()
    same = [name for name in roster if _name_key(name) == key]
    if len(same) == 1:
        return same[0]
    if same:
        raise AmbiguousName(wanted, same)
    starting = [name for name in roster if _name_key(name).startswith(key)]
    if len(starting) == 1:
        return starting[0]
    if starting:
        raise AmbiguousName(wanted, starting)
    raise UnknownName(wanted, roster)


def parse_due(text: str, today: date) -> date:
    """A due date as facilitators type it, counted from `today`."""
    shown = text.strip()
    # NFKC is safe here, unlike on the whole line: a date is never prose, and it turns the
    # rest of a full-width keyboard's output (ｆｒｉ, －, ．) into ASCII.
    word = unicodedata.normalize("NFKC", shown).lower()
    try:
        found = _due_date(word, today)
    except (ValueError, OverflowError):
        raise CaptureError(key="err.no_such_date", date=shown) from None
    if found is None:
        if not shown:
            raise CaptureError(key="err.bad_date_empty")
        raise CaptureError(key="err.bad_date", date=shown)
    return found


def parse_amount(text: str) -> float:
    """A money amount: plain, with thousands commas, or with k, m, 万, 亿 (and w for 万)."""
    shown = text.strip()
    word = unicodedata.normalize("NFKC", shown).replace(" ", "")
    word = word.lstrip("¥￥$").removesuffix("元")
    match = _AMOUNT.fullmatch(word)
    if match is None:
        if not shown:
            raise CaptureError(key="err.bad_amount_empty")
        raise CaptureError(key="err.bad_amount", amount=shown)
    number, unit = match.groups()
    try:
        value = Decimal(number.replace(",", ""))
    except InvalidOperation:
        raise CaptureError(key="err.bad_amount", amount=shown) from None
    if unit:
        value *= _AMOUNT_UNITS[unit.lower()]
    amount = float(value)
    if not math.isfinite(amount):
        raise CaptureError(key="err.amount_too_large", amount=shown)
    if amount <= 0:
        raise CaptureError(key="err.amount_not_positive", amount=shown)
    return amount


def _unknown_command(word: str) -> CaptureError:
    """The error for a command nobody knows, suggesting the one a typo was meant to be."""
    if word.isascii():
        hint = closest(word, [*_COMMAND_ALIASES, *kind_aliases()])
        if hint is not None:
            return CaptureError(key="err.unknown_command_hint", command=word, hint=hint)
    return CaptureError(key="err.unknown_command", command=word)


def _command_word(typed: str, line: str, start: int) -> tuple[str, int]:
    """The command's canonical key and the offset where its argument begins."""
    word_end = start
    while word_end < len(typed) and not typed[word_end].isspace():
        word_end += 1
    word = typed[start:word_end]
    if not word:
        raise CaptureError(key="err.command_missing")
    unknown = _unknown_command(word)
    ascii_word = _ASCII_COMMAND.match(typed, start)
    if ascii_word is not None:
        end = ascii_word.end()
        # "/d价格不变", "/a@Tom" and "／ｄ１２月" (all full-width) are meant as "/d 价格不变",
        # "/a @Tom" and "/d １２月"; anything else glued on ("/extend10", "/etc/hosts") is
        # not one of ours.
        if end < len(typed) and not (
            typed[end].isspace() or typed[end] == "@" or _is_wide(line[end])
        ):
            raise unknown
        name = ascii_word.group().lower()
        if name in _COMMAND_ALIASES or name in kind_aliases():
            return name, end
        raise unknown
    # Chinese is typed without spaces ("/决定价格不变"), so these aliases are matched as a
    # prefix of the word, longest first.
    cjk = (alias for alias in (*kind_aliases(), *_COMMAND_ALIASES) if not alias.isascii())
    for alias in sorted(cjk, key=len, reverse=True):
        if typed.startswith(alias, start):
            return alias, start + len(alias)
    raise unknown


def _action(
    kind: ItemKind, typed: str, line: str, body: int, names: Sequence[str], today: date
) -> Capture:
    bar = typed.find("|", body)
    head_end = len(typed) if bar < 0 else bar
    criteria = (_tidy(line[bar + 1 :]) or None) if bar >= 0 else None
    # The command word is blanked so that "/a@Tom" still sees "@Tom" start a word.
    head = " " * body + typed[body:head_end]

    dues = [_trimmed(match) for match in _DUE.finditer(head, body)]
    if len(dues) > 1:
        raise CaptureError(key="err.one_due")
    due = None
    for start, end, value_start, value_end in dues:
        value = head[value_start:value_end]
        if not value:
            raise CaptureError(key="err.due_missing")
        due = parse_due(value, today)
        # Blank the date so that "@张伟截止:周五" and "截止:周五@张伟" still find the owner, with
        # a "|" that ends a name: "@Tom due:fri Baker" is not "@Tom Baker" (see `_whole_name`).
        head = head[:start] + "|" * (end - start) + head[end:]

    owners = _owner_spans(head, body, names)
    if len(owners) > 1:
        shown = ", ".join(head[value_start:value_end] for _, _, value_start, value_end in owners)
        raise CaptureError(key="err.one_owner", owners=shown)
    owner, owner_known = None, True
    for _, _, value_start, value_end in owners:
        owner, owner_known = _owner(head[value_start:value_end], names)

    spans = [(start, end) for start, end, _, _ in (*dues, *owners)]
    text = _cut(line, body, head_end, spans)
    if not text:
        raise CaptureError(key="err.empty_action")
    return Capture(kind, text, owner, owner_known, due, criteria)


def _kudos(kind: ItemKind, typed: str, line: str, body: int, names: Sequence[str]) -> Capture:
    owners = _owner_spans(" " * body + typed[body:], body, names)
    if not owners:
        raise CaptureError(key="err.kudos_who")
    # Only the first @name is the person praised; later ones belong to the sentence
    # ("/k @Tom for helping @Ann").
    start, end, value_start, value_end = owners[0]
    owner, owner_known = _owner(typed[value_start:value_end], names)
    text = _cut(line, body, len(line), [(start, end)])
    if not text:
        raise CaptureError(key="err.kudos_what", name=owner)
    return Capture(kind, text, owner, owner_known)


def _command(name: CommandName, typed: str, line: str, body: int, names: Sequence[str]) -> Command:
    rest = " ".join(typed[body:].split())
    if name in _NO_ARGUMENT:
        if rest:
            raise CaptureError(key="err.takes_nothing", command=name)
        return Command(name)
    if name is CommandName.EXTEND:
        return _extend(rest)
    if name is CommandName.STATUS:
        return _status(typed, line, body)
    if name in (CommandName.TARGET, CommandName.ACTUAL):
        return _amount_for(name, rest, names)
    if name is CommandName.RATE:
        return _rate(rest, names)
    who = rest.removeprefix("@").strip()
    if name is CommandName.SPEAKER:
        return _speaker(who, names)
    if not who:
        raise CaptureError(key="err.needs_name", command=name)
    if name in (CommandName.HERE, CommandName.LATE):
        # Someone not on the agenda can still walk in: they join as a guest.
        try:
            return Command(name, who=resolve_name(who, names))
        except UnknownName:
            return Command(name, who=who, who_known=False)
    return Command(name, who=resolve_name(who, names))


def _extend(rest: str) -> Command:
    if not rest:
        return Command(CommandName.EXTEND, number=5)
    match = _EXTEND_ARGS.fullmatch(rest)
    minutes = int(match.group(1)) if match else 0
    if not 1 <= minutes <= 120:
        raise CaptureError(key="err.extend_range", typed=rest)
    return Command(CommandName.EXTEND, number=minutes)


def _speaker(who: str, names: Sequence[str]) -> Command:
    if not who:
        return Command(CommandName.SPEAKER)
    if who.isascii() and who.isdigit() and who not in names:
        number = int(who) if len(who) <= 6 else -1
        if number == 0:  # as 0 in the roster and the nobody key: the talk timer stops
            return Command(CommandName.SPEAKER)
        if not 1 <= number <= len(names):
            raise CaptureError(key="err.no_participant_number", number=who, count=len(names))
        return Command(CommandName.SPEAKER, who=names[number - 1], number=number)
    return Command(CommandName.SPEAKER, who=resolve_name(who, names))


def _amount_for(name: CommandName, rest: str, names: Sequence[str]) -> Command:
    """`/target NAME AMOUNT` and `/actual NAME AMOUNT`: a rep and a money amount."""
    words = rest.split()
    # "120 万" typed with a space is still one amount.
    if len(words) >= 3 and words[-1].lower() in _AMOUNT_UNITS:
        words[-2:] = [words[-2] + words[-1]]
    if len(words) < 2:
        if name is CommandName.ACTUAL:
            raise CaptureError(key="err.actual_usage")
        raise CaptureError(key="err.target_usage")
    amount = parse_amount(words[-1])
    who = resolve_name(" ".join(words[:-1]).removeprefix("@"), names)
    return Command(name, who=who, amount=amount)


def parse_score(text: str) -> int:
    """A meeting rating: a whole number from 1 to 10 (full-width digits too)."""
    word = unicodedata.normalize("NFKC", text.strip())
    if not (word.isascii() and word.isdigit() and 1 <= int(word) <= 10):
        raise CaptureError(key="err.rate_range", score=text.strip())
    return int(word)


def _rate(rest: str, names: Sequence[str]) -> Command:
    words = rest.split()
    if len(words) < 2:
        raise CaptureError(key="err.rate_usage")
    score = parse_score(words[-1])
    who = resolve_name(" ".join(words[:-1]).removeprefix("@"), names)
    return Command(CommandName.RATE, who=who, number=score)


def parse_ratings(line: str, names: Sequence[str]) -> dict[str, int]:
    """The end-of-meeting ratings line: `王磊 8 李娜 9`, or one number for everyone in `names`.

    An empty line rates nothing. Names are found as `/rate` finds them.
    """
    words = normalize(strip_control(line)).split()
    if not words:
        return {}
    if len(words) == 1:
        score = parse_score(words[0])
        return dict.fromkeys(names, score)
    ratings: dict[str, int] = {}
    typed: list[str] = []
    for word in words:
        if word.isdigit():
            if not typed:  # not the /rate command's usage: this line has a form of its own
                raise CaptureError(key="err.ratings_line", score=word)
            ratings[resolve_name(" ".join(typed).removeprefix("@"), names)] = parse_score(word)
            typed = []
        else:
            typed.append(word)
    if typed:
        raise CaptureError(key="err.rate_no_score", name=" ".join(typed))
    return ratings


def _status(typed: str, line: str, body: int) -> Command:
    match = _STATUS_ARGS.fullmatch(typed, body)
    if match is None:
        raise CaptureError(key="err.status_usage")
    number = int(match.group(1))
    if number < 1:
        raise CaptureError(key="err.status_from_one")
    status = _STATUSES.get(match.group(2).lower())
    if status is None:
        raise CaptureError(key="err.unknown_status", status=match.group(2))
    comment = _tidy(line[match.start(3) :]) or None
    return Command(CommandName.STATUS, number=number, status=status, comment=comment)


def _owner(typed: str, names: Sequence[str]) -> tuple[str, bool]:
    try:
        return resolve_name(typed, names), True
    except UnknownName:
        return typed, False


def _owner_spans(text: str, start: int, names: Sequence[str]) -> list[tuple[int, int, int, int]]:
    spans = [_whole_name(text, match, names) for match in _OWNER.finditer(text, start)]
    # A lone "@" (or "@," ...) is the word "at", not an owner.
    return [span for span in spans if span[3] > span[2]]


def _whole_name(text: str, match: re.Match[str], names: Sequence[str]) -> tuple[int, int, int, int]:
    """The `@` marker's spans, taking the words after it too when with them it is a roster name.

    `@` otherwise takes one word, so "@Sam Okoro ship" would leave "Okoro" in the text; the
    longest run of words that is a whole name (any case) wins. A word ending in punctuation
    ("@Sam, Okoro") ends the name.
    """
    span = _trimmed(match)
    wanted = {_name_key(name) for name in names if len(name.split()) > 1}
    if not wanted or span[3] < match.end():
        return span
    longest = max(len(key.split()) for key in wanted)
    position = match.end()
    for _ in range(longest - 1):
        word = _NEXT_WORD.match(text, position)
        if word is None:
            break
        position = word.end()
        typed = text[match.start(1) : position]
        # "Sam Okoro." ends a sentence, but "Tom Baker Jr." is a name with its full stop.
        for value in (typed, typed.rstrip(_TRAILING_PUNCTUATION)):
            if _name_key(value) in wanted:
                value_end = match.start(1) + len(value)
                span = (match.start(), value_end, match.start(1), value_end)
                break
    return span


def _trimmed(match: re.Match[str]) -> tuple[int, int, int, int]:
    """The marker's span and its value's span, without punctuation that ends the sentence."""
    value = match.group(1)
    kept = len(value.rstrip(_TRAILING_PUNCTUATION))
    value_start = match.start(1)
    value_end = value_start + kept
    end = match.end() - (len(value) - kept)
    return match.start(), end, value_start, value_end


def _cut(line: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """line[start:end] without the spans, joined the way the language around them wants."""
    pieces = []
    position = start
    for span_start, span_end in sorted(spans):
        pieces.append(line[position:span_start])
        position = span_end
    pieces.append(line[position:end])
    text = ""
    for piece in map(_tidy, pieces):
        if not piece:
            continue
        if text and not _joins_tight(text[-1], piece[0]):
            text += " "
        text += piece
    return text


def _joins_tight(left: str, right: str) -> bool:
    # Punctuation closes up on the word before it; Chinese runs on without spaces.
    return right in _TRAILING_PUNCTUATION or (_is_wide(left) and _is_wide(right))


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _tidy(text: str) -> str:
    return " ".join(text.split())


def _name_key(name: str) -> str:
    # Typed names are normalized, so a roster name written in full-width must be too.
    return " ".join(normalize(name).split()).casefold()


def _listing(names: Sequence[str], limit: int = 8) -> str:
    shown = ", ".join(names[:limit])
    return shown + (", …" if len(names) > limit else "")


def _due_date(word: str, today: date) -> date | None:
    if word in _RELATIVE_DAYS:
        return today + timedelta(days=_RELATIVE_DAYS[word])
    if word in _ENGLISH_WEEKDAYS:
        return _next_weekday(today, _ENGLISH_WEEKDAYS[word])
    if match := _CHINESE_WEEKDAY.fullmatch(word):
        weekday = _CHINESE_DAYS[match.group(2)]
        if match.group(1) is None:
            return _next_weekday(today, weekday)
        # 本周/这周: this week's day; 下周: next week's; 下下周: the week after.
        weeks = {"本": 0, "这": 0, "下": 1, "下下": 2}[match.group(1)]
        monday = today - timedelta(days=today.weekday())
        return monday + timedelta(days=7 * weeks + weekday)
    if word in _MONTH_END:
        year, month = today.year, today.month + _MONTH_END[word]
        if month > 12:
            year, month = year + 1, month - 12
        following = date(year + (month == 12), month % 12 + 1, 1)
        return following - timedelta(days=1)
    if match := _OFFSET.fullmatch(word):
        count = int(match.group(1))
        weeks = match.group(2) in ("w", "周")
        return today + timedelta(days=count * 7 if weeks else count)
    if match := _ISO_DATE.fullmatch(word):
        year, month, day = (int(part) for part in match.groups())
        return date(year, month, day)
    if match := _CHINESE_DATE.fullmatch(word):
        year_text, month_text, day_text = match.groups()
        if year_text:
            return date(int(year_text), int(month_text), int(day_text))
        return _month_day(int(month_text), int(day_text), today)
    if match := _MONTH_DAY.fullmatch(word):
        return _month_day(int(match.group(1)), int(match.group(2)), today)
    return None


def _next_weekday(today: date, weekday: int) -> date:
    """The next such day strictly after today: on a Friday, "fri" is a week away."""
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)


def _month_day(month: int, day: int, today: date) -> date:
    """A date without a year is that month-day nearest to today: within six months back and six
    ahead, so "11-20" typed on 11-29 is nine days ago (and flagged), not next year."""
    after, until = _add_months(today, -6), _add_months(today, 6)
    for year in (today.year, today.year + 1, today.year - 1):
        try:
            found = date(year, month, day)
        except ValueError:  # 02-29 outside a leap year
            continue
        if after < found <= until:
            return found
    return date(today.year, month, day)  # raises for a day no year has


def _add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), kept inside the month reached."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    following = date(year + (month == 11), (month + 1) % 12 + 1, 1)
    last = (following - timedelta(days=1)).day
    return date(year, month + 1, min(day.day, last))
