"""Strings of `minutely config`: where the settings file is and what it sets, in zh and en."""

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "config.file": "Settings file: {path}",
        "config.from_env": " (from {env})",
        "config.missing": "No file there yet: every setting is its default.",
        "config.set": "{name} = {value}",
        "config.unset": "{name}: not set",
        "config.line": " (line {line})",
        "config.example": 'To set one, write it in that file, e.g.  language = "zh"',
    },
    "zh": {
        "config.file": "设置文件：{path}",
        "config.from_env": "（来自 {env}）",
        "config.missing": "该文件尚不存在：所有设置均为默认值。",
        "config.set": "{name} = {value}",
        "config.unset": "{name}：未设置",
        "config.line": "（第 {line} 行）",
        "config.example": '要修改设置，请写入该文件，例如  language = "zh"',
    },
}
