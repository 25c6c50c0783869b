"""The agenda loader's messages in English and Chinese, and a message that can be worded in either.

`agendas` is the lowest layer and may not import the catalog (`sessions.i18n`), so its strings
live here and the catalog takes them in as one of its modules: each key is in the catalog, and
a problem raised in English (logs, tests, `str()`) can be shown in the meeting's language.
"""

from __future__ import annotations

from typing import Any, ClassVar

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "agenda.at": "{where}: {message}",
        "agenda.with_hint": "{message} ({hint})",
        "agenda.where.top": "the agenda",
        "agenda.where.key": "{where}: a key",
        "agenda.not_found": "file not found",
        "agenda.is_dir": "is a directory, not an agenda file",
        "agenda.unreadable": "cannot read the file: {reason}",
        "agenda.not_utf8": "not UTF-8 text: save the file with UTF-8 encoding",
        "agenda.too_deep": "the YAML is nested too deeply to read",
        "agenda.year_range": (
            "meeting.starts: the year {year} is out of range: use a date from {first} to {last}"
        ),
        "agenda.too_many": "{key}: {count} of them; Minutely runs at most {cap}",
        "agenda.yaml_syntax": "YAML syntax error: {what}",
        "agenda.yaml_char": ("YAML syntax error: the character {char} is not allowed in YAML text"),
        "agenda.hint.full_width_colon": (
            "a full-width '：' is not a key separator: use ':' followed by a space"
        ),
        "agenda.hint.tabs": "indent with spaces, not tabs",
        "agenda.hint.quote_value": "put a value that contains ': ' in quotes",
        "agenda.hint.quote_text_colon": "put text that contains ': ' in quotes",
        "agenda.hint.one_per_line": "write each item on its own line after '- '",
        "agenda.hint.quote_text": "put it in quotes if it is meant as text",
        "agenda.control": (
            "{where}: contains the control character {char} (terminal escape sequences and"
            " other control characters are not allowed in agenda text)"
        ),
        "agenda.did_you_mean": " (did you mean '{hint}'?)",
        "agenda.empty": (
            "the agenda is empty: it needs a meeting title and sections"
            " (start from `minutely new blank -o FILE`)"
        ),
        "agenda.no_meeting": "missing 'meeting:' with at least a title",
        "agenda.no_sections": "no sections: add a 'sections:' list with at least one section",
        "agenda.key_not_plain": "{where}: keys must be plain names",
        "agenda.duplicate_key": "{where}: duplicate key (first at line {first})",
        "agenda.empty_key": "{where}: empty key",
        "agenda.unknown_key": "{where}: unknown key '{key}'{hint}",
        "agenda.unknown_top_key": "unknown top-level key '{key}'{hint}",
        "agenda.merge_mappings": "{where}: '<<' can only merge mappings",
        "agenda.must_be": "{where}: must be {expected}, not {got}",
        "agenda.expect.mapping": "a mapping of keys and values",
        "agenda.expect.text": "text",
        "agenda.expect.texts": "a list of text",
        "agenda.expect.number": "a number",
        "agenda.expect.duration": "a duration",
        "agenda.expect.starts": "a date and time",
        "agenda.expect.names": "a list of names",
        "agenda.expect.sections": "a list of sections",
        "agenda.expect.section": "a mapping with title and duration",
        "agenda.expect.participant": "a name or a mapping with name, role, target, actual",
        "agenda.got.mapping": "a mapping",
        "agenda.got.list": "a list",
        "agenda.got.tagged_mapping": "a mapping tagged '{tag}'",
        "agenda.got.tagged_list": "a list tagged '{tag}'",
        "agenda.bad_tag": "{where}: unsupported YAML tag '{tag}'",
        "agenda.is_empty": "{where}: is empty",
        "agenda.not_number": "{where}: must be a number, e.g. 1200000, not {value}",
        "agenda.negative": "{where}: must not be negative",
        "agenda.duration_empty": "{where}: is empty: use 90s, 10m, 1h30m or minutes",
        "agenda.bad_duration": "bad duration {value}: use 90s, 10m, 1h30m or minutes",
        "agenda.duration_zero": "bad duration {value}: must be longer than zero",
        "agenda.duration_long": "bad duration {value}: longer than a day",
        "agenda.unknown_language": "{where}: unknown language '{text}'{hint}: use {choices}",
        "agenda.unknown_kind": "{where}: unknown kind '{text}'{hint}: use {choices}",
        "agenda.either": "{first} or {last}",
        "agenda.list_sep": ", ",
        "agenda.bad_starts": "{where}: bad date and time {value}: use 2026-12-01 09:00",
        "agenda.meeting_empty": "meeting: is empty: add at least a title",
        "agenda.missing": "{where}: missing {key}",
        "agenda.duplicate_name": "{where}: duplicate name '{name}' (first at line {first})",
        "agenda.sections_empty": "sections: is empty: add at least one section",
    },
    "zh": {
        "agenda.at": "{where}：{message}",
        "agenda.with_hint": "{message}（{hint}）",
        "agenda.where.top": "议程",
        "agenda.where.key": "{where}：键名",
        "agenda.not_found": "找不到文件",
        "agenda.is_dir": "这是一个文件夹，不是议程文件",
        "agenda.unreadable": "无法读取文件：{reason}",
        "agenda.not_utf8": "不是 UTF-8 文本：请以 UTF-8 编码保存文件",
        "agenda.too_deep": "YAML 嵌套过深，无法读取",
        "agenda.year_range": "meeting.starts：年份 {year} 超出范围：请用 {first} 到 {last} 年之间的日期",
        "agenda.too_many": "{key}：共 {count} 项；Minutely 最多支持 {cap} 项",
        "agenda.yaml_syntax": "YAML 语法错误：{what}",
        "agenda.yaml_char": "YAML 语法错误：YAML 文本中不允许字符 {char}",
        "agenda.hint.full_width_colon": "全角冒号“：”不能分隔键和值：请用半角“:”加一个空格",
        "agenda.hint.tabs": "请用空格缩进，不要用制表符",
        "agenda.hint.quote_value": "含有“: ”的值请加引号",
        "agenda.hint.quote_text_colon": "含有“: ”的文字请加引号",
        "agenda.hint.one_per_line": "每一项单独一行，以“- ”开头",
        "agenda.hint.quote_text": "如果是文字，请加引号",
        "agenda.control": "{where}：含有控制字符 {char}（议程文字中不允许终端转义序列等控制字符）",
        "agenda.did_you_mean": "（是不是“{hint}”？）",
        "agenda.empty": "议程为空：需要会议标题和议程环节（可从 `minutely new blank -o FILE` 开始）",
        "agenda.no_meeting": "缺少“meeting:”，至少要有会议标题（title）",
        "agenda.no_sections": "没有议程环节：请添加“sections:”列表，至少一个环节",
        "agenda.key_not_plain": "{where}：键名必须是简单的名称",
        "agenda.duplicate_key": "{where}：键名重复（第一次出现在第 {first} 行）",
        "agenda.empty_key": "{where}：键名为空",
        "agenda.unknown_key": "{where}：未知的键“{key}”{hint}",
        "agenda.unknown_top_key": "未知的顶层键“{key}”{hint}",
        "agenda.merge_mappings": "{where}：“<<”只能合并映射",
        "agenda.must_be": "{where}：应为{expected}，而不是{got}",
        "agenda.expect.mapping": "键值映射",
        "agenda.expect.text": "文字",
        "agenda.expect.texts": "文字列表",
        "agenda.expect.number": "数字",
        "agenda.expect.duration": "时长",
        "agenda.expect.starts": "日期和时间",
        "agenda.expect.names": "姓名列表",
        "agenda.expect.sections": "环节列表",
        "agenda.expect.section": "含 title 和 duration 的映射",
        "agenda.expect.participant": "姓名，或含 name、role、target、actual 的映射",
        "agenda.got.mapping": "映射",
        "agenda.got.list": "列表",
        "agenda.got.tagged_mapping": "带标签“{tag}”的映射",
        "agenda.got.tagged_list": "带标签“{tag}”的列表",
        "agenda.bad_tag": "{where}：不支持的 YAML 标签“{tag}”",
        "agenda.is_empty": "{where}：为空",
        "agenda.not_number": "{where}：应为数字（如 1200000），而不是 {value}",
        "agenda.negative": "{where}：不能为负数",
        "agenda.duration_empty": "{where}：为空：请写 90s、10m、1h30m 或分钟数",
        "agenda.bad_duration": "时长 {value} 无效：请写 90s、10m、1h30m 或分钟数",
        "agenda.duration_zero": "时长 {value} 无效：必须大于零",
        "agenda.duration_long": "时长 {value} 无效：超过一天",
        "agenda.unknown_language": "{where}：未知的语言“{text}”{hint}：请用 {choices}",
        "agenda.unknown_kind": "{where}：未知的环节类型“{text}”{hint}：请用 {choices}",
        "agenda.either": "{first} 或 {last}",
        "agenda.list_sep": "、",
        "agenda.bad_starts": "{where}：日期时间 {value} 无效：请写 2026-12-01 09:00",
        "agenda.meeting_empty": "meeting：为空：至少要有会议标题（title）",
        "agenda.missing": "{where}：缺少 {key}",
        "agenda.duplicate_name": "{where}：姓名“{name}”重复（第一次出现在第 {first} 行）",
        "agenda.sections_empty": "sections：为空：至少添加一个环节",
    },
}


class Wording(str):
    """A message as English text (what `str` and comparisons see) that knows its key and values,
    so a caller with a language can word it again: `message.text("zh")`.

    A value may itself be a `Wording` (a hint, the kind of value expected); it is worded in the
    same language.
    """

    # Where its keys are: the loader's here; a layer above may word its own messages the same
    # way with its catalog (a subclass with its own `strings`).
    strings: ClassVar[dict[str, dict[str, str]]] = STRINGS
    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, /, **params: Any) -> Wording:
        self = super().__new__(cls, _worded(cls.strings, key, params, "en"))
        self.key = key
        self.params = params
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # copied and pickled as what it is, not as text
        return (_rebuild, (type(self), self.key, self.params))

    def text(self, lang: str) -> str:
        return _worded(self.strings, self.key, self.params, lang)


def _rebuild(cls: type[Wording], key: str, params: dict[str, Any]) -> Wording:
    return cls(key, **params)


def worded(message: str, lang: str) -> str:
    """`message` in `lang` when it is a `Wording`, else as it is."""
    return message.text(lang) if isinstance(message, Wording) else message


def _value(value: Any, lang: str, strings: dict[str, dict[str, str]]) -> Any:
    """A value as the message shows it in `lang`: a `Wording` worded, a tuple of texts a list
    in running text (`a, b, c` in English, `a、b、c` in Chinese)."""
    if isinstance(value, str):
        return worded(value, lang)
    if isinstance(value, tuple) and all(isinstance(item, str) for item in value):
        separator = strings.get(lang, strings["en"]).get("agenda.list_sep", ", ")
        return separator.join(worded(item, lang) for item in value)
    return value


def _worded(strings: dict[str, dict[str, str]], key: str, params: dict[str, Any], lang: str) -> str:
    template = strings.get(lang, strings["en"]).get(key) or strings["en"][key]
    values = {name: _value(value, lang, strings) for name, value in params.items()}
    return template.format(**values)
