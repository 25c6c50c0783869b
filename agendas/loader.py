"""Reads agenda YAML into an Agenda, reporting every problem with its file and line.

The text is composed into YAML nodes with the safe loader and walked against the
agenda schema, so each problem carries the line of the key or value at fault and
all of them are reported at once. Conventions the messages rely on:

- positions in lists are counted from 1: `sections[2]` is the second section;
- `rules`, `materials`, `goals` and `checklist` take a list of strings, and a single
  string counts as a one-item list;
- text fields take any scalar as written (`location: 301` is the text "301"), so
  YAML's implicit types (yes/no, 1:30, dates) never change what a user typed;
- durations are read as written too: `1:30` is an error, not YAML's 90;
- `starts` may be `2026-12-01 09:00`, `2026-12-01T09:00`, a YAML timestamp or a
  date; a time with an offset is converted to local time;
- `<<` merge keys work as in any safe YAML loader.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from agendas.durations import DurationError, parse_duration
from agendas.model import LANGUAGES, Agenda, Meeting, Participant, Section, SectionKind
from agendas.text import closest, describe_control, find_control, strip_control
from agendas.wording import Wording, worded


class Problem(NamedTuple):
    file: str
    line: int | None
    message: str  # English; a `Wording` from the loader, which `text(lang)` words in either

    def text(self, lang: str) -> str:
        """The message (without file and line) in `lang`."""
        return worded(self.message, lang)

    def __str__(self) -> str:
        # Printed to a terminal: a file name or a quoted key must not carry an escape sequence.
        if self.line is None:
            return strip_control(f"{self.file}: {self.message}")
        return strip_control(f"{self.file}:{self.line}: {self.message}")


class AgendaError(Exception):
    """An agenda that cannot be used, with every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = list(problems)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


TOP_KEYS = ("meeting", "participants", "sections", "checklist")
KINDS = tuple(k.value for k in SectionKind)

# Words people reach for instead of the keys and values; only used for suggestions.
_SYNONYMS = {
    "会议": "meeting",
    "标题": "title",
    "主题": "title",
    "名称": "title",
    "系列": "series",
    "地点": "location",
    "主持人": "facilitator",
    "主持": "facilitator",
    "记录": "scribe",
    "记录人": "scribe",
    "记录员": "scribe",
    "目的": "purpose",
    "语言": "language",
    "时间": "starts",
    "开始": "starts",
    "开始时间": "starts",
    "纪律": "rules",
    "规则": "rules",
    "参会人员": "participants",
    "与会人员": "participants",
    "人员": "participants",
    "议程": "sections",
    "环节": "sections",
    "清单": "checklist",
    "检查清单": "checklist",
    "姓名": "name",
    "名字": "name",
    "角色": "role",
    "职务": "role",
    "目标": "target",
    "任务": "target",
    "实际": "actual",
    "完成": "actual",
    "时长": "duration",
    "类型": "kind",
    "主讲": "presenter",
    "主讲人": "presenter",
    "汇报人": "presenter",
    "材料": "materials",
    "资料": "materials",
    "要点": "goals",
    "中文": "zh",
    "chinese": "zh",
    "cn": "zh",
    "zh-cn": "zh",
    "英文": "en",
    "english": "en",
    "en-us": "en",
    "讨论": "discussion",
    "追踪": "followup",
    "跟进": "followup",
    "业绩": "performance",
    "回顾": "performance",
    "任务分解": "targets",
    "培训": "training",
    "休息": "break",
    "茶歇": "break",
}

_TAG = "tag:yaml.org,2002:"
_NULL = _TAG + "null"
_MAP = _TAG + "map"
_SEQ = _TAG + "seq"
_STR = _TAG + "str"
_MERGE = _TAG + "merge"
# Scalars whose written text is taken as it stands where text is expected.
_PLAIN_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "timestamp")}
_FULL_WIDTH_COLON = Wording("agenda.hint.full_width_colon")

_T = TypeVar("_T")
_Read = Callable[[Node, str], Any]


def load_agenda(path: str | Path) -> Agenda:
    """The agenda in a YAML file; AgendaError lists every problem in it."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise AgendaError([Problem(name, None, Wording("agenda.not_found"))]) from None
    except IsADirectoryError:
        raise AgendaError([Problem(name, None, Wording("agenda.is_dir"))]) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        message = Wording("agenda.unreadable", reason=reason)
        raise AgendaError([Problem(name, None, message)]) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        message = Wording("agenda.not_utf8")
        raise AgendaError([Problem(name, None, message)]) from None
    return load_agenda_text(text, name)


def load_agenda_text(text: str, filename: str = "<agenda>") -> Agenda:
    """The agenda in YAML text; `filename` names it in problems and becomes its source."""
    reader = _Reader(filename)
    agenda: Agenda | None = None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        reader.problems.append(_syntax_problem(exc, text, filename))
    except RecursionError:
        reader.report(None, Wording("agenda.too_deep"))
    else:
        try:
            agenda = reader.agenda(root)
        except RecursionError:
            reader.report(None, Wording("agenda.too_deep"))
        if agenda is not None:
            reader.problems.extend(beyond_limits(agenda, root, filename))
    if reader.problems or agenda is None:
        raise AgendaError(sorted(reader.problems, key=lambda p: p.line or 0))
    return agenda


# What the app can run: `check` refuses more, so that an agenda that passes also runs (10,000
# sections left the live screen unusable; a start in year 9999 overflowed the clock times).
# A monthly meeting has some 10 sections and 30 people; a section is at most a day long
# (`parse_duration`).
MAX_SECTIONS = 100
MAX_PARTICIPANTS = 200
FIRST_YEAR, LAST_YEAR = 2000, 2100


def beyond_limits(agenda: Agenda, root: Node | None, filename: str) -> list[Problem]:
    """Problems for an agenda bigger or further off than the app runs, each at its line."""
    problems = []
    meeting = _value_node(root, "meeting")
    starts = agenda.meeting.starts
    if starts is not None and not FIRST_YEAR <= starts.year <= LAST_YEAR:
        problems.append(
            Problem(
                filename,
                _line_of(_value_node(meeting, "starts") or meeting),
                Wording("agenda.year_range", year=starts.year, first=FIRST_YEAR, last=LAST_YEAR),
            )
        )
    for key, count, cap in (
        ("participants", len(agenda.participants), MAX_PARTICIPANTS),
        ("sections", len(agenda.sections), MAX_SECTIONS),
    ):
        if count > cap:
            node = _value_node(root, key)
            first_over = node.value[cap] if isinstance(node, SequenceNode) else node
            problems.append(
                Problem(
                    filename,
                    _line_of(first_over),
                    Wording("agenda.too_many", key=key, count=count, cap=cap),
                )
            )
    return problems


def _value_node(mapping: Node | None, key: str) -> Node | None:
    """The value of `key` in a mapping node as written (not through merge keys), if there."""
    if not isinstance(mapping, MappingNode):
        return None
    for key_node, value_node in mapping.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return value_node
    return None


def _line_of(node: Node | None) -> int | None:
    return _line(node) if node is not None else None


def _syntax_problem(exc: yaml.YAMLError, text: str, filename: str) -> Problem:
    line: int | None = None
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        if mark is not None:
            line = mark.line + 1
        what = exc.problem or exc.context or "cannot parse"
        if exc.context and what.startswith("but "):
            # "expected a single document in the stream" + "but found another document"
            what = f"{exc.context}, {what}"
        message = Wording("agenda.yaml_syntax", what=what)
    elif isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) + 1
        # For text input PyYAML gives the offending character as its code point.
        message = Wording("agenda.yaml_char", char=f"U+{exc.character:04X}")
    else:
        message = Wording("agenda.yaml_syntax", what=str(exc))
    lines = text.splitlines()
    bad_line = lines[line - 1] if line is not None and 0 < line <= len(lines) else ""
    if "：" in bad_line:
        message = _hinted(message, _FULL_WIDTH_COLON)
    elif "\t" in bad_line:
        message = _hinted(message, Wording("agenda.hint.tabs"))
    elif "mapping values are not allowed" in message:
        message = _hinted(message, Wording("agenda.hint.quote_value"))
    return Problem(filename, line, message)


def _hinted(message: str, hint: str) -> Wording:
    """The message with what to do about it in brackets."""
    return Wording("agenda.with_hint", message=message, hint=hint)


def _is_empty(node: Node) -> bool:
    """A null or blank scalar: `key:` with nothing after it, `~`, `null` or `""`."""
    if not isinstance(node, ScalarNode):
        return False
    return bool(node.tag == _NULL or (node.tag in _PLAIN_TAGS and not str(node.value).strip()))


def _top(where: str) -> str:
    """Where in the agenda, `the agenda` itself for its top level."""
    return where or Wording("agenda.where.top")


def _at(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _what(node: Node) -> str:
    if isinstance(node, MappingNode):
        shape = "mapping"
    elif isinstance(node, SequenceNode):
        shape = "list"
    else:
        return f"{node.value!r}"
    if node.tag in (_MAP, _SEQ):
        return Wording(f"agenda.got.{shape}")
    return Wording(f"agenda.got.tagged_{shape}", tag=node.tag)


def control_problem(text: str, where: str) -> Wording | None:
    """Why `text` cannot be agenda text, or None: control characters are refused.

    YAML's double-quoted escapes (`"\\e]0;title\\a"`) can write an escape sequence that would
    reach the terminal through every listing, notice and export.
    """
    at = find_control(text)
    if at < 0:
        return None
    return Wording("agenda.control", where=where, char=describe_control(text[at]))


def _suggest(word: str, choices: tuple[str, ...]) -> str:
    hint = _SYNONYMS.get(word.strip().lower())
    if hint not in choices:
        hint = closest(word, choices)
    return Wording("agenda.did_you_mean", hint=hint) if hint else ""


class _Reader:
    """Walks the composed nodes, collecting problems and building the agenda."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []
        self._constructor = SafeConstructor()
        self._flat: dict[int, list[tuple[str, Node, Node]]] = {}

    def report(self, node: Node | None, message: str) -> None:
        line = _line(node) if node is not None else None
        self.problems.append(Problem(self.filename, line, message))

    def agenda(self, root: Node | None) -> Agenda | None:
        if root is None or _is_empty(root):
            self.report(None, Wording("agenda.empty"))
            return None
        fields = self.fields(root, "", TOP_KEYS)
        if fields is None:
            return None
        if "meeting" not in fields:
            self.report(None, Wording("agenda.no_meeting"))
        if "sections" not in fields:
            self.report(None, Wording("agenda.no_sections"))
        meeting = self.meeting(*fields["meeting"]) if "meeting" in fields else None
        participants = (
            self.participants(fields["participants"][1]) if "participants" in fields else ()
        )
        sections = self.sections(*fields["sections"]) if "sections" in fields else ()
        checklist = self.texts(fields["checklist"][1], "checklist") if "checklist" in fields else ()
        if meeting is None or self.problems:
            return None
        return Agenda(meeting, participants, sections, checklist, source=self.filename)

    # Mappings

    def fields(
        self, node: Node, where: str, allowed: tuple[str, ...]
    ) -> dict[str, tuple[Node, Node]] | None:
        """The known keys of a mapping as (key node, value node); reports the rest."""
        if not isinstance(node, MappingNode) or node.tag != _MAP:
            self.type_error(node, _top(where), "mapping")
            return None
        found: dict[str, tuple[Node, Node]] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                continue
            if not isinstance(key_node, ScalarNode):
                self.report(key_node, Wording("agenda.key_not_plain", where=_top(where)))
                continue
            key = str(key_node.value)
            refused = control_problem(key, Wording("agenda.where.key", where=_top(where)))
            if refused:
                self.report(key_node, refused)
                continue
            if key in first_line:
                self.report(
                    key_node,
                    Wording("agenda.duplicate_key", where=_at(where, key), first=first_line[key]),
                )
                continue
            first_line[key] = _line(key_node)
            if key in allowed:
                found[key] = (key_node, value_node)
            elif not key.strip():
                self.report(key_node, Wording("agenda.empty_key", where=_top(where)))
            elif where:
                hint = _suggest(key, allowed)
                self.report(
                    key_node, Wording("agenda.unknown_key", where=where, key=key, hint=hint)
                )
            else:
                hint = _suggest(key, allowed)
                self.report(key_node, Wording("agenda.unknown_top_key", key=key, hint=hint))
        # What is left of the flattened mapping came in through `<<` merge keys.
        for key, key_node, value_node in self.flat(node, where, frozenset({id(node)})):
            if key in allowed and key not in first_line:
                first_line[key] = _line(key_node)
                found[key] = (key_node, value_node)
        return found

    def merged(
        self, node: MappingNode, where: str, active: frozenset[int]
    ) -> list[tuple[str, Node, Node]]:
        """Pairs brought in by `<<` merge keys; earlier sources win, as in YAML."""
        pairs: list[tuple[str, Node, Node]] = []
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if key_node.tag != _MERGE:
                continue
            sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            for source in sources:
                if not isinstance(source, MappingNode) or source.tag != _MAP:
                    self.report(value_node, Wording("agenda.merge_mappings", where=_top(where)))
                    continue
                if id(source) in active:
                    continue
                for key, k, v in self.flat(source, where, active | {id(source)}):
                    if key not in seen:
                        seen.add(key)
                        pairs.append((key, k, v))
        return pairs

    def flat(
        self, node: MappingNode, where: str, active: frozenset[int]
    ) -> list[tuple[str, Node, Node]]:
        # Cached so that anchors merged many times over are flattened once.
        if id(node) not in self._flat:
            pairs: list[tuple[str, Node, Node]] = []
            seen: set[str] = set()
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode) and key_node.tag != _MERGE:
                    key = str(key_node.value)
                    if key not in seen:
                        seen.add(key)
                        pairs.append((key, key_node, value_node))
            for key, k, v in self.merged(node, where, active):
                if key not in seen:
                    seen.add(key)
                    pairs.append((key, k, v))
            self._flat[id(node)] = pairs
        return self._flat[id(node)]

    def read(self, node: Node, where: str, readers: dict[str, _Read]) -> dict[str, Any] | None:
        """The values of a mapping's keys, each checked by its reader; None if not a mapping."""
        fields = self.fields(node, where, tuple(readers))
        if fields is None:
            return None
        return {key: readers[key](value, _at(where, key)) for key, (_, value) in fields.items()}

    # Values

    def type_error(self, node: Node, where: str, expected: str) -> None:
        """`expected` names an `agenda.expect.*` entry: what the value should have been."""
        wanted = Wording(f"agenda.expect.{expected}")
        message = Wording("agenda.must_be", where=where, expected=wanted, got=_what(node))
        if isinstance(node, ScalarNode) and "：" in str(node.value):
            message = _hinted(message, _FULL_WIDTH_COLON)
        elif isinstance(node, MappingNode) and expected == "text":
            message = _hinted(message, Wording("agenda.hint.quote_text_colon"))
        elif isinstance(node, MappingNode) and expected == "texts":
            message = _hinted(message, Wording("agenda.hint.one_per_line"))
        elif isinstance(node, ScalarNode) and expected == "text":
            message = _hinted(message, Wording("agenda.hint.quote_text"))
        self.report(node, message)

    def scalar(self, node: Node, where: str, expected: str) -> str | None:
        """A scalar's text as written; None, reported, for anything else."""
        if not isinstance(node, ScalarNode):
            self.type_error(node, where, expected)
            return None
        if node.tag not in _PLAIN_TAGS:
            self.report(node, Wording("agenda.bad_tag", where=where, tag=node.tag))
            return None
        refused = control_problem(str(node.value), where)
        if refused:
            self.report(node, refused)
            return None
        return str(node.value).strip()

    def text(self, node: Node, where: str) -> str | None:
        return None if _is_empty(node) else self.scalar(node, where, "text")

    def required_text(self, node: Node, where: str) -> str | None:
        if _is_empty(node):
            self.report(node, Wording("agenda.is_empty", where=where))
            return None
        return self.scalar(node, where, "text")

    def words(self, node: Node, where: str) -> str | None:
        """Text that must be written as text: a bare number or yes/no here is a slip, not a name."""
        if _is_empty(node):
            self.report(node, Wording("agenda.is_empty", where=where))
            return None
        if isinstance(node, ScalarNode) and node.tag != _STR:
            self.type_error(node, where, "text")
            return None
        return self.scalar(node, where, "text")

    def texts(self, node: Node, where: str) -> tuple[str, ...]:
        if isinstance(node, SequenceNode) and node.tag == _SEQ:
            items = [self.words(item, f"{where}[{i}]") for i, item in enumerate(node.value, 1)]
            return tuple(item for item in items if item is not None)
        if isinstance(node, MappingNode):
            self.type_error(node, where, "texts")
            return ()
        if _is_empty(node):
            return ()
        value = self.words(node, where)
        return (value,) if value is not None else ()

    def number(self, node: Node, where: str) -> float | None:
        if _is_empty(node):
            return None
        text = self.scalar(node, where, "number")
        if text is None:
            return None
        value: Any = None
        if node.tag in (_TAG + "int", _TAG + "float"):
            value = self.construct(node)
        else:
            # Sales figures are often written with thousands separators.
            cleaned = text.replace(",", "").replace("_", "")
            for convert in (int, float):
                try:
                    value = convert(cleaned)
                    break
                except ValueError:
                    pass
        if not isinstance(value, int | float) or not math.isfinite(value):
            self.report(node, Wording("agenda.not_number", where=where, value=repr(node.value)))
            return None
        return value

    def target(self, node: Node, where: str) -> float | None:
        value = self.number(node, where)
        if value is not None and value < 0:
            self.report(node, Wording("agenda.negative", where=where))
            return None
        return value

    def duration(self, node: Node, where: str) -> int | None:
        if _is_empty(node):
            return None
        text = self.scalar(node, where, "duration")
        if text is None:
            return None
        try:
            return parse_duration(text)
        except DurationError as exc:
            self.report(node, Wording("agenda.at", where=where, message=exc.args[0]))
            return None

    def required_duration(self, node: Node, where: str) -> int | None:
        if _is_empty(node):
            self.report(node, Wording("agenda.duration_empty", where=where))
            return None
        return self.duration(node, where)

    def choice(self, node: Node, where: str, choices: tuple[str, ...], what: str) -> str | None:
        text = self.text(node, where)
        if text is None:
            return None
        if text.lower() in choices:
            return text.lower()
        hint = _suggest(text, choices)
        either = Wording("agenda.either", first=tuple(choices[:-1]), last=choices[-1])
        message = Wording(
            f"agenda.unknown_{what}", where=where, text=text, hint=hint, choices=either
        )
        self.report(node, message)
        return None

    def language(self, node: Node, where: str) -> str | None:
        return self.choice(node, where, LANGUAGES, "language")

    def kind(self, node: Node, where: str) -> SectionKind | None:
        chosen = self.choice(node, where, KINDS, "kind")
        return SectionKind(chosen) if chosen else None

    def starts(self, node: Node, where: str) -> datetime | None:
        if _is_empty(node):
            return None
        text = self.scalar(node, where, "starts")
        if text is None:
            return None
        value = self.construct(node) if node.tag == _TAG + "timestamp" else text
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.replace("/", "-"))
            except ValueError:
                value = None
        if isinstance(value, datetime):
            # Screens and notices compare with naive local times.
            if value.tzinfo is not None:
                value = value.astimezone().replace(tzinfo=None)
            return value
        if isinstance(value, date):
            return datetime(value.year, value.month, value.day)
        self.report(node, Wording("agenda.bad_starts", where=where, value=repr(node.value)))
        return None

    def construct(self, node: Node) -> Any:
        try:
            return self._constructor.construct_object(node)
        except Exception:
            # PyYAML's constructors raise ValueError and others for text such as
            # `2026-13-45` or `!!int abc`; the caller reports it as a bad value.
            return None

    # The parts of an agenda

    def meeting(self, key_node: Node, node: Node) -> Meeting | None:
        if _is_empty(node):
            self.report(key_node, Wording("agenda.meeting_empty"))
            return None
        values = self.read(
            node,
            "meeting",
            {
                "title": self.required_text,
                "series": self.text,
                "series_title": self.text,
                "next_meeting": self.starts,
                "location": self.text,
                "facilitator": self.text,
                "scribe": self.text,
                "purpose": self.text,
                "language": self.language,
                "starts": self.starts,
                "break_after": self.duration,
                "rules": self.texts,
            },
        )
        if values is None:
            return None
        if "title" not in values:
            self.report(key_node, Wording("agenda.missing", where="meeting", key="title"))
        return _build(Meeting, values, ("title",))

    def participants(self, node: Node) -> tuple[Participant, ...]:
        if _is_empty(node):
            return ()
        if not isinstance(node, SequenceNode) or node.tag != _SEQ:
            self.type_error(node, "participants", "names")
            return ()
        people: list[Participant] = []
        first_line: dict[str, int] = {}
        for i, item in enumerate(node.value, 1):
            where = f"participants[{i}]"
            person = self.participant(item, where)
            if person is None:
                continue
            # Names are matched loosely elsewhere (by prefix, any case), so "tom"
            # and "Tom" would be the same person.
            folded = person.name.casefold()
            if folded in first_line:
                first = first_line[folded]
                message = Wording(
                    "agenda.duplicate_name", where=where, name=person.name, first=first
                )
                self.report(item, message)
                continue
            first_line[folded] = _line(item)
            people.append(person)
        return tuple(people)

    def participant(self, node: Node, where: str) -> Participant | None:
        if isinstance(node, ScalarNode):
            name = self.words(node, where)
            return Participant(name) if name else None
        if not isinstance(node, MappingNode):
            self.type_error(node, where, "participant")
            return None
        values = self.read(
            node,
            where,
            {
                "name": self.words,
                "role": self.text,
                "target": self.target,
                "actual": self.number,
            },
        )
        if values is None:
            return None
        if "name" not in values:
            self.report(node, Wording("agenda.missing", where=where, key="name"))
        return _build(Participant, values, ("name",))

    def sections(self, key_node: Node, node: Node) -> tuple[Section, ...]:
        if _is_empty(node):
            self.report(key_node, Wording("agenda.sections_empty"))
            return ()
        if not isinstance(node, SequenceNode) or node.tag != _SEQ:
            self.type_error(node, "sections", "sections")
            return ()
        if not node.value:
            self.report(node, Wording("agenda.sections_empty"))
        found = [self.section(item, f"sections[{i}]") for i, item in enumerate(node.value, 1)]
        return tuple(section for section in found if section is not None)

    def section(self, node: Node, where: str) -> Section | None:
        if not isinstance(node, MappingNode):
            self.type_error(node, where, "section")
            return None
        values = self.read(
            node,
            where,
            {
                "title": self.required_text,
                "duration": self.required_duration,
                "kind": self.kind,
                "presenter": self.text,
                "materials": self.texts,
                "goals": self.texts,
            },
        )
        if values is None:
            return None
        for key in ("title", "duration"):
            if key not in values:
                self.report(node, Wording("agenda.missing", where=where, key=key))
        return _build(Section, values, ("title", "duration"))


def _build(cls: Callable[..., _T], values: dict[str, Any], required: tuple[str, ...]) -> _T | None:
    """`cls` from the values that were given; None when a required one is missing."""
    if any(values.get(key) is None for key in required):
        return None
    return cls(**{key: value for key, value in values.items() if value is not None})
